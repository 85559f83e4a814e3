"""Document metadata from report text: locality, report year, issuer, kind, publication date.

Reads normalised report text (see ``fazhi.extract.normalize``) plus what the crawler knew (link
title, listing date, the source's locality hint); writes a :class:`DocumentMetadata`. Every rule
looks at the places a reader would: the title and opening lines, the ``来源`` line, and the
signature block at the end. When the text does not say, the field stays ``None``: a wrong
locality is worse than a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from fazhi.localities import Division, divisions_by_code, divisions_by_name, load_divisions

YEAR_END_MONTH = 10
HEAD_CHARS = 600
TAIL_CHARS = 300
MIN_YEAR, MAX_YEAR = 2000, 2100

# Organisations that issue reports, after a division name: 廉江市司法局, 广州市人民政府 …
ORG_RE = re.compile(
    r"(?:人民政府办公室|人民政府|政府办公室|依法治[省市区县旗]办公室|依法治[省市区县旗]办"
    r"|全面依法治[省市区县旗]委员会办公室|司法局|司法厅|[\u4e00-\u9fa5]{1,12}?(?:局|委员会))"
)
DOC_KEYWORDS_RE = re.compile(
    r"法治政府建设|法治建设|依法行政|司法行政工作|工作总结|工作报告|年度报告|情况报告|情况的报告"
)
YEAR_RE = re.compile(r"(20\d{2})年(?:度)?")
TITLE_YEAR_RE = re.compile(
    r"(20\d{2})年(?:度)?[^。\n，,；《》]{0,16}?"
    r"(?:法治政府建设|法治建设|依法行政|司法行政工作|工作总结|工作报告|年度报告)"
)
REPORT_INTRO_YEAR_RE = re.compile(r"现将[^。\n]{0,12}?(20\d{2})年(?:度)?")
OPENING_YEAR_RE = re.compile(r"^\s*(20\d{2})年(?:以来|度|，|,|、|是|我)")
DATE_RE = re.compile(r"(20\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
DATE_LINE_RE = re.compile(
    r"^\s*(?:[•·\-*]\s*)?(?:(?:发布|成文|印发)?(?:时间|日期)\s*[:：]\s*)?"
    + DATE_RE.pattern
    + r"\s*$"
)
SOURCE_LINE_RE = re.compile(r"(?:来源|发布机构|发文机关)\s*[:：]\s*([\u4e00-\u9fa5]{2,30})")
BOOK_TITLE_RE = re.compile(r"《[^》]{0,80}》")
BARE_ISSUER_RE = re.compile(r"[区县市旗](?:司法局|人民政府)")
PARTY_COMMITTEE_RE = re.compile(
    r"(?P<committee>中共[\u4e00-\u9fa5]{2,12}?委(?:员会)?)[ 　、,，\t]*"
)
# "在广东省委和湛江市委的领导下": the superiors named here are not the report's locality
LEADERSHIP_RE = re.compile(r"在[^。，,；\n]{0,40}?(?:领导|指导|关心|支持|部署)(?:下|和)")
LABELLED_DATE_RE = re.compile(
    r"(?:发布|发文|成文|印发|公开)(?:时间|日期)\s*[:：]\s*" + DATE_RE.pattern
)
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
CN_MONTH_DAY_RE = re.compile(
    r"(?<=年)([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What a report says about itself."""

    locality_code: str | None
    locality_name: str | None
    province: str | None
    city: str | None
    report_year: int | None
    issuer: str | None
    doc_type: str
    published_on: date | None


@dataclass(frozen=True, slots=True)
class _NameHit:
    name: str
    start: int
    end: int


def extract_metadata(
    text: str,
    *,
    title: str | None = None,
    locality_hint: str | None = None,
    published_hint: date | None = None,
    original: str | None = None,
) -> DocumentMetadata:
    """Metadata of a report from its normalised ``text`` and what the crawler knew.

    ``original`` (the text before normalisation) keeps the line breaks that set a signature
    or a date line apart; rules that read whole lines look at it first.
    """
    head = _head(text, title)
    tail = text[-TAIL_CHARS:]
    issuer = find_issuer(head, tail)
    if issuer is None and original:
        issuer = find_issuer(_head(original, title), original[-TAIL_CHARS:])
    division = resolve_locality(text, head, issuer, locality_hint)
    report_year = find_report_year(head)
    published_on = (
        (find_published_on(original) if original else None)
        or find_published_on(text)
        or published_hint
    )
    if report_year is None and published_on is not None:
        # annual reports come out early the next year; one signed in the last quarter is a
        # year-end summary of the same year
        late = published_on.month >= YEAR_END_MONTH
        report_year = published_on.year if late else published_on.year - 1
    return DocumentMetadata(
        locality_code=division.code if division else None,
        locality_name=division.name if division else None,
        province=division.province_name if division else None,
        city=_city_of(division),
        report_year=report_year,
        issuer=own_name(issuer) if issuer else None,
        doc_type=classify_doc_type(head),
        published_on=published_on,
    )


def _head(text: str, title: str | None) -> str:
    head = text[:HEAD_CHARS]
    return f"{title}\n{head}" if title and title not in head else head


def _city_of(division: Division | None) -> str | None:
    if division is None or division.level == "province":
        return None
    if division.level == "prefecture":
        return division.name
    return division.city_name or division.province_name


# --- division names -------------------------------------------------------------------------


@cache
def _name_pattern() -> re.Pattern[str]:
    """One regex matching any division's full name, built as a trie so scanning stays linear."""
    names = {d.name for d in load_divisions() if len(d.name) >= 2 and not d.is_function_zone}
    return re.compile(_trie_regex(sorted(names)))


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(c) + _trie_to_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


NAME_END_RE = re.compile(r"[省市区县旗州盟]")


@cache
def _names_and_longest() -> tuple[frozenset[str], int]:
    names = frozenset(d.name for d in load_divisions() if not d.is_function_zone)
    return names, max(len(n) for n in names)


def division_names_between(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of division names ending in ``text[lo:hi]``, longest per ending.

    Names end in one of a few characters (省市区县旗州盟), so finding those and looking the
    words before them up in a set is far faster than a pattern of every name.
    """
    names, longest = _names_and_longest()
    found = []
    for end_match in NAME_END_RE.finditer(text, lo, hi):
        end = end_match.end()
        for start in range(max(lo, end - longest), end - 1):
            if text[start:end] in names:
                found.append((start, end, text[start:end]))
                break
    return found


def _name_hits(text: str) -> Iterator[_NameHit]:
    for match in _name_pattern().finditer(text):
        yield _NameHit(match.group(), match.start(), match.end())


# --- issuer ---------------------------------------------------------------------------------


def find_issuer(head: str, tail: str) -> str | None:
    """The issuing body: the ``来源`` line, a signature line, or an organisation in the head."""
    source = SOURCE_LINE_RE.search(head)
    if source and _org_at_start(source.group(1)):
        return _org_at_start(source.group(1))
    for line in _lines(head)[:3]:
        org = _org_at_start(line)
        if org and len(line) <= len(org) + 30:
            return org
    for line in reversed(_lines(tail)):
        org = _org_at_start(line)
        if org and len(line) <= len(org) + 2:
            return org
    for hit in _name_hits(head):
        org = _org_at_start(head[hit.start : hit.start + 24])
        if org:
            return org
    for line in _lines(head)[:3] + list(reversed(_lines(tail)))[:3]:
        bare = BARE_ISSUER_RE.match(line)  # "区司法局": the text names no place
        if bare and len(line) <= len(bare.group()) + 30:
            return bare.group()
    return None


def _lines(text: str) -> list[str]:
    return [line.strip(" #*-—\t") for line in text.splitlines() if line.strip(" #*-—\t")]


def _org_at_start(fragment: str) -> str | None:
    """``廉江市司法局`` from ``廉江市司法局2023年…``: division name(s) then an organisation.

    A joint issuer, the party committee with the government (``中共临洮县委 临洮县人民政府``),
    is kept whole, with one space between the two bodies.
    """
    joint = PARTY_COMMITTEE_RE.match(fragment)
    if joint:
        partner = _single_org_at_start(fragment[joint.end() :])
        return f"{joint['committee']} {partner}" if partner else None
    return _single_org_at_start(fragment)


def _single_org_at_start(fragment: str) -> str | None:
    position = 0
    matched_name = False
    while True:
        hit = _name_pattern().match(fragment, position)
        if not hit or hit.end() == position:
            break
        position, matched_name = hit.end(), True
    if not matched_name:
        return None
    org = ORG_RE.match(fragment, position)
    return fragment[: org.end()] if org else None


def own_name(issuer: str) -> str:
    """The body's own name: ``济南市章丘区司法局`` → ``章丘区司法局`` (parents named before it
    help find the locality, but are not part of what the body calls itself)."""
    hits = []
    position = 0
    while (hit := _name_pattern().match(issuer, position)) and hit.end() > position:
        hits.append(hit)
        position = hit.end()
    return issuer[hits[-1].start() :] if len(hits) > 1 else issuer


# --- locality -------------------------------------------------------------------------------


def resolve_locality(
    text: str, head: str, issuer: str | None, locality_hint: str | None
) -> Division | None:
    """The division the report covers; ambiguous names are settled by context or the hint."""
    hint = divisions_by_code().get(locality_hint or "")
    for fragment in (issuer, head):
        if not fragment:
            continue
        division = _deepest_division(fragment, text, hint)
        if division is not None:
            return division
    return hint


def _deepest_division(fragment: str, text: str, hint: Division | None) -> Division | None:
    """The most specific division named in ``fragment``: a county or city before a province.

    Names inside 《》 belong to the titles of other documents, and names in "在…领导下" are the
    report's superiors: both are skipped.
    """
    plain = BOOK_TITLE_RE.sub(lambda m: "《" + "　" * (len(m.group()) - 2) + "》", fragment)
    plain = LEADERSHIP_RE.sub(lambda m: "　" * len(m.group()), plain)
    chains = _name_chains(plain)
    if not chains:
        return None
    chosen = [_disambiguate(c[-1].name, [h.name for h in c[:-1]], text, hint) for c in chains]
    below_province = [d for d in chosen if d is not None and d.level != "province"]
    return below_province[0] if below_province else chosen[0]


def _name_chains(fragment: str) -> list[list[_NameHit]]:
    """Runs of adjacent division names (广东省湛江市廉江市 is one run of three)."""
    chains: list[list[_NameHit]] = []
    for hit in _name_hits(fragment):
        if chains and hit.start == chains[-1][-1].end:
            chains[-1].append(hit)
        else:
            chains.append([hit])
    return chains


def _disambiguate(
    name: str, parents: list[str], text: str, hint: Division | None
) -> Division | None:
    candidates = divisions_by_name().get(name, ())
    if len(candidates) == 1:
        return candidates[0]
    for test in (
        lambda d: d.city_name in parents or d.province_name in parents,
        lambda d: hint is not None and d.code == hint.code,
        lambda d: hint is not None and d.city_code == hint.city_code,
        lambda d: _mentions_parent(text, d),
    ):
        chosen = [d for d in candidates if test(d)]
        if len(chosen) == 1:
            return chosen[0]
    return None


def _mentions_parent(text: str, division: Division) -> bool:
    parent = divisions_by_code().get(division.city_code or "")
    names = [division.city_name, *(parent.aliases if parent else ())]
    return any(n and len(n) >= 2 and n in text for n in names)


# --- year, date and kind ----------------------------------------------------------------------


def arabic_dates(text: str) -> str:
    """``二〇二三年一月十日`` → ``2023年1月10日``: official documents write dates in numerals."""
    text = CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group()), text)
    return CN_MONTH_DAY_RE.sub(lambda m: f"{_small_numeral(m[1])}月{_small_numeral(m[2])}日", text)


def _small_numeral(numeral: str) -> int:
    """一 … 三十一 as an integer."""
    if "十" not in numeral:
        return int(_CN_DIGITS[numeral])
    tens, _, units = numeral.partition("十")
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[units]) if units else 0)


def find_report_year(head: str) -> int | None:
    """The year the report covers, from its title or opening, ignoring titles of other documents."""
    head = arabic_dates(head)
    plain = BOOK_TITLE_RE.sub(lambda m: "《" + "　" * (len(m.group()) - 2) + "》", head)
    for pattern in (TITLE_YEAR_RE, REPORT_INTRO_YEAR_RE):
        match = pattern.search(plain)
        if match:
            return int(match.group(1))
    for line in _lines(plain)[:6]:
        match = OPENING_YEAR_RE.match(line)
        if match:
            return int(match.group(1))
    return None


def find_published_on(text: str) -> date | None:
    """A publication date: labelled (发布时间：…) near the top, or on a line of its own near the
    top or in the signature."""
    head, tail = arabic_dates(text[:HEAD_CHARS]), arabic_dates(text[-TAIL_CHARS:])
    labelled = LABELLED_DATE_RE.search(head)
    candidates: list[re.Match[str] | None] = [labelled]
    lines = head.splitlines()[:12] + tail.splitlines()[-6:]
    candidates += [DATE_LINE_RE.match(line) for line in lines]
    for match in candidates:
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def classify_doc_type(head: str) -> str:
    """``annual_report``, ``work_summary`` or ``other`` from the title and opening lines."""
    opening = head[:300]
    if "工作总结" in opening:
        return "work_summary"
    if re.search(r"法治(?:政府)?建设[^。\n]{0,12}报告|依法行政[^。\n]{0,12}报告", opening):
        return "annual_report"
    if DOC_KEYWORDS_RE.search(opening) and "报告" in opening:
        return "annual_report"
    return "other"
