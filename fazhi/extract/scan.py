"""One Aho–Corasick pass over a text that tells, for any window, which rules may match in it.

Fact selection runs each indicator's cue patterns (``data/phrasings.toml``) around each number.
Most numbers have no cue of most indicators anywhere near them, and a regular expression per rule
and number is what extraction spent its time on. Instead, the literal words that every match of a
rule's patterns must contain (its *keywords*) are derived from the patterns themselves, all
rules' keywords go into one automaton built when the rulebook loads, and the text is scanned once:
a rule is tried on a number only when one of its keywords lies inside the number's window.

The prefilter is lossless by construction: a keyword set is derived only when every string a
pattern can match contains one of its words (see :func:`required_words`); a pattern whose
matches need not contain any literal word (``.+``, a class of any character …) gives no set, and
its rule is then tried everywhere, as before.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import compress, product
from operator import itemgetter, or_
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation

# the standard library's own parser of regular expressions: the syntax tree `re` compiles from
# (private, but stable across 3.11–3.13 and the only parser that agrees with `re` by definition)
_sre: Any = importlib.import_module("re._parser")

# how many strings a finite piece of a pattern may spell before it is treated as open (the
# product of alternatives grows fast: "(?:行政)?(?:执法)?人员" spells 4)
MAX_SPELLINGS = 64
# a character class of at most this many characters spells each of them ("[和、及]")
MAX_CLASS = 16
# a keyword this long is rare enough in reports; longer spellings only multiply the keywords
LONG_ENOUGH = 4
# a bounded repeat of a finite piece is spelt out up to this many times ("[》」”]?")
MAX_REPEAT_SPELLED = 4


@dataclass(frozen=True, slots=True)
class _Words:
    """What a piece of a pattern says about the strings it matches.

    ``exact``: every string it can match, when few (None: too many or unbounded);
    ``required``: words one of which every match contains (None: no such set is known).
    """

    exact: frozenset[str] | None
    required: frozenset[str] | None


_OPEN = _Words(None, None)
_EMPTY = _Words(frozenset({""}), None)


def required_words(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Literal words of which every match of ``pattern`` contains at least one, or None.

    None when no such set can be derived (the pattern may match without any fixed word, or uses
    case folding or a back-reference). The set prefers long words: of the sets a sequence
    offers (one per fixed run of characters), the one whose shortest word is longest wins.
    """
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    if compiled.flags & re.IGNORECASE:
        return None  # a keyword would have to match in every case: not worth it here
    return _sequence(_sre.parse(compiled.pattern, compiled.flags)).required


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Words:
    """A concatenation: every fixed run of consecutive items, and each item, offers a word set.

    A match of the sequence holds a match of each of its items and of each run of them, so any
    run whose spellings are all non-empty is a valid set; the best one is kept.
    """
    offers: list[frozenset[str]] = []
    runs: list[frozenset[str]] = []  # the spellings of every fixed run ending at this item
    whole: frozenset[str] | None = frozenset({""})
    for op, av in items:
        words = _item(op, av)
        if words.required is not None:
            offers.append(words.required)
        whole = _product(whole, words.exact)
        extended = [_product(run, words.exact) for run in runs]
        runs = [run for run in extended if run is not None]
        if words.exact is not None:
            runs.append(words.exact)
        offers.extend(run for run in runs if "" not in run)
    return _Words(whole, _best(offers))


def _product(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None or right is None or len(left) * len(right) > MAX_SPELLINGS:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _best(offers: Sequence[frozenset[str]]) -> frozenset[str] | None:
    """The most selective word set: longest shortest word (up to :data:`LONG_ENOUGH`), then
    fewest words ("规范性文件" rather than its 32 spellings with what may follow it)."""
    if not offers:
        return None
    return max(offers, key=lambda words: (min(LONG_ENOUGH, *map(len, words)), -len(words)))


def _item(op: Any, av: Any) -> _Words:
    if op is _sre.LITERAL:
        return _Words(frozenset({chr(av)}), None)
    if op is _sre.IN:
        return _Words(_class_chars(av), None)
    if op in (_sre.SUBPATTERN,):
        return _sequence(av[-1])
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is _sre.BRANCH:
        return _branch([_sequence(branch) for branch in av[1]])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        return _repeat(low, high, _sequence(body))
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _EMPTY  # consumes nothing; what it asserts only narrows the matches
    return _OPEN  # any character, a negated literal, a back-reference, a conditional …


def _class_chars(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # negated, a category (\d, \w …) or a wide range
    return frozenset(chars) if 0 < len(chars) <= MAX_CLASS else None


def _branch(branches: Sequence[_Words]) -> _Words:
    exact: frozenset[str] | None = frozenset()
    required: frozenset[str] | None = frozenset()
    for words in branches:
        exact = None if exact is None or words.exact is None else exact | words.exact
        own = words.required
        if own is None and words.exact is not None and "" not in words.exact:
            own = words.exact
        required = None if required is None or own is None else required | own
    if exact is not None and len(exact) > MAX_SPELLINGS:
        exact = None
    return _Words(exact, required)


def _repeat(low: int, high: int, body: _Words) -> _Words:
    exact: frozenset[str] | None = None
    if body.exact is not None and high <= MAX_REPEAT_SPELLED:
        spellings: set[str] = set()
        power: frozenset[str] | None = frozenset({""})  # the spellings of `count` repeats
        for count in range(high + 1):
            if power is None:
                spellings.clear()
                break
            if count >= low:
                spellings.update(power)
            if count < high:
                power = _product(power, body.exact)
        else:
            exact = frozenset(spellings) if len(spellings) <= MAX_SPELLINGS else None
    if low == 0:
        return _Words(exact, None)  # it may match nothing at all
    required = body.required
    if required is None and body.exact is not None and "" not in body.exact:
        required = body.exact
    return _Words(exact, required)


@dataclass(frozen=True, slots=True)
class CueHits:
    """Where the keywords of one text are, with the rules each one may start.

    Three parallel sequences, in order of the keywords' ends (the order in which the automaton
    reports overlapping matches): where each keyword ends, where it starts, and its rules as
    bits. Kept as the automaton's answer unzips, so a scan builds no list in Python.
    """

    ends: Sequence[int]
    starts: Sequence[int]
    masks: Sequence[int]
    always: int  # rules without a keyword set: possible anywhere
    longest: int  # the longest keyword's length

    def rules_in(self, lo: int, hi: int) -> int:
        """The rules (as bits) with a keyword lying wholly inside ``text[lo:hi]``."""
        ends = self.ends
        first = bisect.bisect_right(ends, lo)  # the first keyword ending after lo
        last = bisect.bisect_right(ends, hi)  # past the last one ending at hi or before
        if first >= last:
            return self.always
        # a keyword ending at lo + longest or later starts at lo or later: no check needed
        sure = bisect.bisect_left(ends, lo + self.longest, first, last)
        masks = self.masks
        mask = reduce(or_, masks[sure:last], self.always)
        starts = self.starts
        for k in range(first, sure):
            if starts[k] >= lo:
                mask |= masks[k]
        return mask

    def only(self, bits: int) -> CueHits:
        """The hits of keywords of the rules ``bits``, with only those bits (a smaller index for
        the questions that concern a few rules)."""
        kept = [mask & bits for mask in self.masks]
        return CueHits(
            tuple(compress(self.ends, kept)),
            tuple(compress(self.starts, kept)),
            tuple(filter(None, kept)),
            self.always & bits,
            self.longest,
        )


class CueScanner:
    """One automaton over the keywords of many rules, each rule named and given a bit.

    The automaton is a DFA (ahocorasick-rs, the Rust aho-corasick crate): one table lookup per
    byte, where a trie whose root has a hundred children (pyahocorasick) searches that root's
    list at most characters of a report.
    """

    def __init__(self, patterns_by_rule: Mapping[str, Sequence[re.Pattern[str]]]) -> None:
        masks: dict[str, int] = {}
        self.always = 0
        self.bit_of: dict[str, int] = {}
        self.keywords: dict[str, frozenset[str] | None] = {}
        for k, (name, patterns) in enumerate(patterns_by_rule.items()):
            bit = self.bit_of[name] = 1 << k
            words = self.keywords[name] = _rule_words(patterns)
            if words is None:
                self.always |= bit
                continue
            for word in words:
                masks[word] = masks.get(word, 0) | bit
        self.words = list(masks)
        self.word_masks = [masks[word] for word in self.words]
        self.longest = max(map(len, masks), default=0)
        self.automaton = (
            AhoCorasick(self.words, implementation=Implementation.DFA) if masks else None
        )

    def scan(self, text: str) -> CueHits:
        """Every keyword occurrence in ``text``, in one pass."""
        found = _matches(self.automaton, text, True) if self.automaton else []
        if not found:
            return CueHits((), (), (), self.always, self.longest)
        indexes, starts, ends = zip(*found, strict=True)
        masks = tuple(map(self.word_masks.__getitem__, indexes))
        return CueHits(ends, starts, masks, self.always, self.longest)

    def rules_of(self, text: str) -> int:
        """The rules (as bits) with a keyword anywhere in ``text`` (a short, derived string)."""
        if self.automaton is None:
            return self.always
        found = _matches(self.automaton, text, True)
        return reduce(or_, map(self.word_masks.__getitem__, map(_INDEX, found)), self.always)


_INDEX = itemgetter(0)
# the pattern's escapes, not the characters: mypyc writes no lone surrogate in a C string literal
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _matches(automaton: AhoCorasick, text: str, overlapping: bool) -> list[tuple[int, int, int]]:
    """The automaton's (index, start, end) matches in ``text``.

    The automaton reads UTF-8, which a lone surrogate (a broken escape in a page) cannot be
    written in; such a text is searched with each surrogate read as U+FFFD, one character for
    one, so offsets are unchanged and no keyword (none holds either) is found or lost.
    """
    try:
        return automaton.find_matches_as_indexes(text, overlapping)
    except UnicodeEncodeError:
        return automaton.find_matches_as_indexes(_SURROGATE_RE.sub("\ufffd", text), overlapping)


def _rule_words(patterns: Sequence[re.Pattern[str]]) -> frozenset[str] | None:
    """The union of the patterns' keyword sets; None when any pattern has none."""
    words: set[str] = set()
    for pattern in patterns:
        own = required_words(pattern)
        if own is None:
            return None
        words |= own
    return frozenset(words) if words else None


def char_positions(delimiters: str, text: str) -> list[int]:
    """Where in ``text`` the characters of ``delimiters`` are, in order.

    ``[m.start() for m in re.finditer(f"[{delimiters}]", text)]``, without a Python step per
    character or a match object per delimiter: see :func:`char_hits`.
    """
    return list(char_hits(delimiters, text)[0])


def char_hits(delimiters: str, text: str) -> tuple[Sequence[int], Sequence[int]]:
    """Where in ``text`` the characters of ``delimiters`` are, in order, and which each is (its
    index among the distinct characters of ``delimiters``).

    One pass of a DFA over the characters (a regular expression tests a character class at
    every character, and splitting the text on each delimiter in turn reads it once per
    delimiter and builds every piece); the automaton's answer is unzipped in C.
    """
    found = _matches(_char_automaton(delimiters), text, False)
    if not found:
        return (), ()
    kinds, positions, _ = zip(*found, strict=True)
    return positions, kinds


@lru_cache(maxsize=16)
def _char_automaton(delimiters: str) -> AhoCorasick:
    return AhoCorasick(list(dict.fromkeys(delimiters)), implementation=Implementation.DFA)
