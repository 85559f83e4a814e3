"""One report's text → its metadata, every number (mentions) and its headline facts.

Reads the text the parse stage produced; writes an :class:`ExtractedDocument` whose offsets point
into that original text, so every value can be traced to the exact words it came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

from fazhi.extract.facts import Candidate, RulePaths, delimiter_stops, extract_facts
from fazhi.extract.metadata import DocumentMetadata, SourceEvidence, extract_metadata
from fazhi.extract.normalize import NormalisedText, normalise
from fazhi.extract.numbers import Quantity, find_quantities
from fazhi.extract.records import by_constructor
from fazhi.extract.source_url import url_date, url_divisions

EXTRACTOR_VERSION = "0.3.0"

_CN = "一二三四五六七八九十"
OUTLINE_RE = re.compile(
    rf"^[ \t]*(?:#+[ \t]*)?(?P<l1>[{_CN}]{{1,3}}、)"
    rf"|^[ \t]*(?:#+[ \t]*)?(?P<l2>[（(][{_CN}]{{1,3}}[）)])"
    rf"|^[ \t]*(?P<l3>\d{{1,2}}[.、．](?!\d))"
    rf"|(?:^|[。；;\n])[ \t]*(?P<l4>[{_CN}]{{1,3}}是)",
    re.M,
)
# where a match of OUTLINE_RE may begin besides the text's start: on one of 。；; or a line
# break that an item's 一是 follows (only the fourth branch reads on past such a character),
# and at a line's start on a character some branch can open with (see _marker_starts)
ITEM_AFTER_STOP_RE = re.compile(rf"[。；;\n](?=[ \t]*[{_CN}]{{1,3}}是)")
LINE_OPENING_RE = re.compile(rf"\n(?=[ \t#（(\d{_CN}])")


class Mention(NamedTuple):
    """A number in the text, with its unit, place and (when chosen) the indicator it states.

    A named tuple: a report holds a hundred numbers or more, and a frozen dataclass sets each
    field through ``object.__setattr__`` when it is built and again when a worker's pickle of it
    is read back (immutable and hashable all the same).
    """

    value: float
    unit: str | None
    qualifier: str
    text: str
    start: int
    end: int
    sentence: str
    outline: str
    indicator: str | None


@dataclass(frozen=True, slots=True)
class Fact:
    """A headline fact with provenance in the original text: the one fact type every stage uses
    (staged rows, the gate, the load and ``fazhi extract --format jsonl`` take their columns from
    ``fazhi.schemas.FACT_FIELDS``)."""

    indicator: str
    value: float
    unit: str
    qualifier: str
    text: str
    start: int
    end: int
    sentence: str
    rule: str

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_constructor(self)  # compiled or not (fazhi.extract.records)


@dataclass(frozen=True, slots=True)
class MentionSource:
    """What mentions are built from, kept so they are built only when asked for."""

    norm: NormalisedText
    sentences: _Sentences
    quantities: list[Quantity]
    indicator_of: dict[int, str]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_constructor(self)  # compiled or not (fazhi.extract.records)


class ExtractedDocument:
    """Everything the extractor says about one report.

    ``mentions`` (every number) are built on first use: ``fazhi extract`` needs only the
    metadata and the facts, the pipeline's staging needs all three.
    """

    def __init__(
        self, metadata: DocumentMetadata, facts: list[Fact], source: MentionSource
    ) -> None:
        self.metadata = metadata
        self.facts = facts
        self._source = source

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Rebuilt from what it holds (compiled or not); the mentions are built again when asked."""
        return ExtractedDocument, (self.metadata, self.facts, self._source)

    @cached_property
    def mentions(self) -> list[Mention]:
        return _mentions(self._source)


def _mentions(src: MentionSource) -> list[Mention]:
    """Every number of the text as a mention, in one pass over its numbers.

    Each number's original span (:meth:`NormalisedText.to_original`, with the clamping of
    outlying spans left to it), sentence (:meth:`_Sentences.original_around`) and heading path
    are looked up inline: a report holds a hundred numbers or more, and three Python calls per
    number cost more than the lookups themselves (bisections of int arrays).
    """
    norm, original = src.norm, src.norm.original
    size = len(norm.text)
    text_starts, original_starts = norm.run_text_starts, norm.run_original_starts
    runs = len(text_starts)
    outline = _Outline(norm.text)
    marker_positions, marker_paths = outline.positions, outline.paths
    sentences = src.sentences
    stops, seen, stop_count = sentences.stops, sentences.seen, len(sentences.stops)
    indicator_of = src.indicator_of
    make = Mention._make
    mentions = []
    for i, q in enumerate(src.quantities):
        q_start, q_end = q.start, q.end
        if 0 <= q_start < q_end <= size:
            run = bisect.bisect_right(text_starts, q_start) - 1
            start = original_starts[run] + q_start - text_starts[run]
            last = q_end - 1
            if run + 1 < runs and last >= text_starts[run + 1]:  # another run
                run = bisect.bisect_right(text_starts, last) - 1
            end = original_starts[run] + last - text_starts[run] + 1
        else:
            start, end = norm.to_original(q_start, q_end)
        k = bisect.bisect_left(stops, q_start)  # _Sentences.original_around
        lo = stops[k - 1] + 1 if k > 0 else 0
        k = bisect.bisect_left(stops, q_end - 1 if q_end - 1 > q_start else q_start, k)
        hi = stops[k] + 1 if k < stop_count else size
        sentence = seen.get((lo, hi))
        if sentence is None:
            sentence = sentences.original_around(q_start, q_end)
        marker = bisect.bisect_right(marker_positions, q_start) - 1  # the last heading before
        mentions.append(
            make(
                (
                    q.value,
                    q.unit,
                    q.qualifier,
                    original[start:end],
                    start,
                    end,
                    sentence,
                    marker_paths[marker] if marker >= 0 else "",
                    indicator_of.get(i),
                )
            )
        )
    return mentions


def extract_document(
    text: str,
    *,
    title: str | None = None,
    locality_hint: str | None = None,
    published_hint: date | None = None,
    source_url: str | None = None,
    listing_title: str | None = None,
    page_date: date | None = None,
    rules: RulePaths | None = None,
) -> ExtractedDocument:
    """Metadata, mentions and headline facts of the report ``text``.

    Beyond the text, what the crawler saw is evidence for what the text's opening leaves
    unsaid: the report's address (its date, and the place a government site's domain
    spells), the link's words on the listing page, and the date printed on the page.
    """
    norm = normalise(text)
    quantities = find_quantities(norm.text)
    evidence = SourceEvidence(
        listing_title=listing_title,
        url_date=url_date(source_url),
        page_date=page_date,
        url_divisions=tuple(d.code for d in url_divisions(source_url)),
    )
    metadata = extract_metadata(
        norm.text,
        title=title,
        locality_hint=locality_hint,
        published_hint=published_hint,
        original=text,
        evidence=evidence,
    )
    facts = extract_facts(
        norm.text,
        quantities,
        locality_code=metadata.locality_code,
        rule_paths=rules,
        township=metadata.township,
        report_year=metadata.report_year,
    )
    sentences = _Sentences(norm)
    return ExtractedDocument(
        metadata,
        [_provenance(norm, sentences, f) for f in facts],
        MentionSource(norm, sentences, quantities, {f.quantity_index: f.indicator for f in facts}),
    )


class _Sentences:
    """Sentence boundaries of a normalised text, found once, looked up by bisection."""

    def __init__(self, norm: NormalisedText) -> None:
        self.norm = norm
        self.stops = delimiter_stops(norm.text)[2]  # 。！？!? and line ends
        self.seen: dict[tuple[int, int], str] = {}  # numbers share sentences: map each once

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return _Sentences, (self.norm,)  # compiled or not; the stops are found again

    def original_around(self, start: int, end: int) -> str:
        """The sentence holding ``text[start:end]``, as written in the original text."""
        i = bisect.bisect_left(self.stops, start)
        lo = self.stops[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.stops, max(end - 1, start))
        hi = self.stops[j] + 1 if j < len(self.stops) else len(self.norm.text)
        if (lo, hi) not in self.seen:
            o_lo, o_hi = self.norm.to_original(lo, hi)
            self.seen[lo, hi] = self.norm.original[o_lo:o_hi].strip()
        return self.seen[lo, hi]


def _provenance(norm: NormalisedText, sentences: _Sentences, fact: Candidate) -> Fact:
    start, end = norm.to_original(fact.start, fact.end)
    return Fact(
        indicator=fact.indicator,
        value=fact.value,
        unit=fact.unit,
        qualifier=fact.qualifier,
        text=norm.original[start:end],
        start=start,
        end=end,
        sentence=sentences.original_around(fact.start, fact.end),
        rule=fact.rule,
    )


class _Outline:
    """Heading path (一、 > （三） > 2. > 一是) from each heading marker of a normalised text on:
    ``paths[k]`` holds from ``positions[k]`` to the next marker."""

    def __init__(self, text: str) -> None:
        self.positions: list[int] = []
        self.paths: list[str] = []
        stack: list[str] = ["", "", "", ""]
        for match in _outline_markers(text):
            name = match.lastgroup  # the one marker group of the branch that matched: l1 … l4
            assert name is not None
            level = int(name[1]) - 1
            stack[level] = match.group(name)
            for deeper in range(level + 1, 4):
                stack[deeper] = ""
            self.positions.append(match.start())
            self.paths.append(" > ".join(filter(None, stack)))  # the levels set, in order


def _outline_markers(text: str) -> Iterator[re.Match[str]]:
    """``OUTLINE_RE.finditer(text)``, tried only where a match can begin.

    Every branch of the pattern opens at a line's start or on one of 。；; and the line break, so
    the pattern is matched at those places alone (``match`` at a position still reads ``^`` as
    a line's start), skipping those inside the previous match as ``finditer`` does.
    """
    resume = 0
    for candidate in _marker_starts(text):
        if candidate < resume:
            continue
        match = OUTLINE_RE.match(text, candidate)
        if match is not None:
            yield match
            resume = match.end()


def _marker_starts(text: str) -> list[int]:
    """Every position where ``OUTLINE_RE`` may match, in order.

    A match begins at the text's start, at one of 。；; or a line break (only the fourth branch
    can, by reading that character, and only where ``[ \t]*[一…十]{1,3}是`` follows), or just
    after a line break (then it opens with a space, a tab, #, a bracket, a digit or a numeral).
    Each kind is found by a pattern opening with a literal class, so the regular expression
    engine skips the rest of the text in C; the rest of OUTLINE_RE is tried only there.
    """
    starts = [0]
    starts += [m.start() for m in ITEM_AFTER_STOP_RE.finditer(text, 1)]
    starts += [m.end() for m in LINE_OPENING_RE.finditer(text)]
    starts.sort()
    return starts
