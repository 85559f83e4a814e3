"""Headline indicator values of a report, chosen among the numbers it states.

Reads normalised text and the quantities found in it (``fazhi.extract.numbers``); writes one
:class:`Candidate` per indicator at most, each with the rule that chose it (offsets in the
normalised text; ``fazhi.extract.document`` turns it into the one outward ``Fact``). The
phrasing of every indicator lives in ``data/phrasings.toml``; this module only applies it:

1. a quantity is a *candidate* for an indicator when its unit fits and a cue sits next to it in
   the same clause (see the TOML header);
2. candidates are scored: a close cue scores high, words of totality (全市, 共, 累计) add, a
   part announced by 其中 loses, and sub-groups, year-on-year changes and figures in the problems
   and plans sections are dropped;
3. each quantity serves at most one indicator, and each indicator keeps its best candidate.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress
from pathlib import Path
from typing import NamedTuple

from fazhi.catalog import Indicator, load_catalog
from fazhi.config import PACKAGE_DATA, Settings
from fazhi.extract.metadata import division_names_between
from fazhi.extract.numbers import SCALES, Quantity
from fazhi.extract.records import by_constructor
from fazhi.extract.rulebook_check import RulebookError, check_rulebook, unit_keys
from fazhi.extract.scan import CueHits, CueScanner, char_hits, required_words
from fazhi.localities import divisions_by_code

PHRASINGS_PATH = PACKAGE_DATA / "phrasings.toml"
CATALOG_PATH = PACKAGE_DATA / "catalog.csv"
__all__ = [
    "Candidate",
    "IndicatorRule",
    "RulePaths",
    "Rulebook",
    "RulebookError",
    "extract_facts",
    "load_rulebook",
]
CLAUSE_DELIMITERS = "，,；;。！？!?\n：:"
# filler between a cue and its number: a bracketed note ("（含结转）") and a year ("2023年度")
# count as one character each, since neither is another figure; a 、 may join when the list
# shares the number ("参考率、合格率均为100%", "参学率、达标率达100%")
NOTE = r"[（(][^（()）\d，,；;。]{1,12}[）)]|20\d{2}年度?"
# the level a change starts from, between a cue and the level reached ("律师由2012年的50人增加至
# 102人": the cue 律师 governs 102; 50, the start, is dropped by `change_from`) reads as its
# 由/从 alone, one character of filler; tried only where the words before a number end in 到/至
# (a level reached in a year named after 到, "提高到2023年的95%", stays out of reach)
CHANGE_REACHED_RE = re.compile(
    r"[从由](?:20\d{2}年(?:底|末)?的?)?\d+(?:\.\d+)?[^\d、，,；;。]{0,3}?"
    r"(?:提高|提升|上升|跃升|增长|增加|发展|扩大|下降|降低|减少|增|升|降)(?:到|至)$"
)
# ("参考率、合格率、优秀率均为100%": each further rate of the list is one character of filler)
RATE_ITEM = r"、[^\d、，,；;。]{1,6}?率"
FILLER = rf"(?:{NOTE}|{RATE_ITEM}|[^\d、，,；;。]|、(?=[^\d、，,；;。]{{1,10}}?[均都率]))"
NOTE_RE = re.compile(NOTE)
CHANGE_REACH = 24  # characters of a change's start before 到/至 (由2012年底的1234.5人增加至)
# what a verb–object pair (`pairs` in the TOML) may hold between verb and object: words, a year,
# and counts of another kind naming whose objects they are ("抽查全区8个执法单位执法案卷")
PAIR_SPAN = r"(?:[^\d，,；;。！？!?\n：:]|20\d{2}年度?|\d+(?:个|家|所|名))"
# "培训共2场196人次": a count of sessions may stand between the cue and the headcount
INNER_COUNT = r"\d+(?:场次|场|期|批|轮|班)"
SENTENCE_DELIMITERS = "。！？!?\n；;"
FULL_STOPS = "。！？!?\n"
SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_DELIMITERS)}]")
# each set holds the next: a text's clause stops are found once and the others filtered from them
# (as indexes among the clause delimiters, which is how scan.char_hits tells them apart)
_SENTENCE_KINDS = frozenset(
    k for k, char in enumerate(dict.fromkeys(CLAUSE_DELIMITERS)) if char in SENTENCE_DELIMITERS
)
_FULL_KINDS = frozenset(
    k for k, char in enumerate(dict.fromkeys(CLAUSE_DELIMITERS)) if char in FULL_STOPS
)
# a clause that only adds a predicate shared by the count before it ("出台规范性文件12件，均经合法性
# 审核"): an after-cue may read on into it
SHARED_PREDICATE_RE = re.compile(r"[，,](?:均|都|全部|全都|一律)")
BARE_COUNT_END_RE = re.compile(r"[，,；;。]")
# words of every tier after a count of bodies (96个基层调委会, 各级, 各类): the whole, not a part
EVERY_TIER_RE = re.compile(r"(?:各级|各类|基层)")
TABLE_LABEL_RE = re.compile(
    r"(?P<label>[^\n\d。，；]{2,30}?)[（(](?P<unit>[^）)\n\d]{1,4})[）)]\s*"
)
YEAR_HEADER_RE = re.compile(r"^[ \t]*(20\d{2})年度?[ \t]*$", re.M)
# a row of a table flattened onto one line: the label with its unit, then the value in a cell of
# its own ("调解纠纷（件）\t2318", "| 法律援助案件（件） | 1326 |"; normalisation drops the blanks
# between the label and a digit), and maybe more values after it
INLINE_LABEL_RE = re.compile(
    r"[ \t|]*(?P<label>[^\n\d。，；|]{2,30}?)[（(](?P<unit>[^）)\n\d]{1,4})[）)][ \t|：:]*"
)
INLINE_REST_RE = re.compile(r"(?P<more>(?:[ \t|]+[\d.,]+%?)*)[ \t|]*")
# the years a header row names ("指标 2023年 2022年"; not a title's "2023年度行政…"): the first
# column is this year's only when it is the latest
HEADER_YEAR_RE = re.compile(r"(?<!\d)(20\d{2})年度?(?![\u4e00-\u9fa5])")
BARE_NUMBER_LINE_RE = re.compile(r"[ \t]*[\d.,]+[ \t]*(?:\n|$)")
TABLE_MAX_LINES, TABLE_MAX_LINE = 40, 40
# a statistics table of columns: a heading row naming the measure with its unit over all the
# columns ("行政处罚实施数量（宗） | |||"), a row of column headers ("警告 | 罚款 | … |
# 合计（宗） |"), then a row of figures only ("12 | 95 | … | 108 |"): the n-th figure under the
# n-th header
COLUMN_ROW_MAX, COLUMN_HEADING_UP = 400, 6
COLUMN_HEADING_RE = re.compile(
    r"[ \t]*(?P<label>[^\n\d|。，；]{2,30}?)[ \t]*[（(](?P<unit>[^）)\n\d]{1,4})[）)][ \t|]*"
)
COLUMN_FIGURE_RE = re.compile(r"\d[\d.,]*")
# the column that is the table's figure: its total, or the one that repeats the measure's own
# noun ("许可数量" under "行政许可实施数量"; not "申请数量" or "不予许可数量")
COLUMN_TOTAL_RE = re.compile(r"(?:合计|总计|总数)")
COLUMN_UNIT_RE = re.compile(r"[ \t]*[（(](?P<unit>[^）)\n\d]{1,4})[）)][ \t]*$")
COLUMN_MEASURE_RE = re.compile(r"(?:实施)?(?:数量|总数|件数|情况)$")
# How far from a number its words are read. Cues, pairs and fillers reach at most a few dozen
# characters, and a sentence's topic a few hundred; bounding every window by these makes the work
# per number constant, so a text with no punctuation at all (one clause of megabytes) or a
# thousand numbers in one sentence is still read in linear time.
CLAUSE_REACH = 120
CONTEXT_REACH = 300
# a number whose own clause says at most this much before it may take its topic from the clause
# before; such a reading scores as if its cue were this far away
LOOKBACK_MAX_LEFT, LOOKBACK_GAP = 4, 10
# an earlier item of a list of counts ("重大行政决策1件、"): in "审查A 1件、B 10件、C 70余份"
# each count belongs to the noun right before it, and the verb that opens the list governs all
LIST_COUNT_RE = re.compile(
    r"\d+(?:\.\d+)?(?:余|多)?"
    r"(?:人次|场次|件次|份次|万元|亿元|[件宗起份项个家所名位人次场卷本条册张期批轮单元%])"
    r"[、和及]"
)
# a heading's words end at its line's first full stop: a heading run into its paragraph on one
# line ("二、推进法治政府建设。一是…推动出台《…工作计划》…") says what the section is before it
TOP_HEADING_RE = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?[一二三四五六七八九十]{1,3}[、.．]([^\n。！？!?]*)", re.M
)
# the title of another document named in a heading ("一、贯彻《…工作计划》") is no plan of its own
HEADING_TITLE_RE = re.compile(r"《[^》\n]*》")
HEADING_LINE_RE = re.compile(r"\n(?=[ \t#一二三四五六七八九十])")  # where TOP_HEADING_RE may match


@dataclass(frozen=True, slots=True)
class IndicatorRule:
    """The phrasing rule of one indicator, compiled."""

    indicator: Indicator
    units: frozenset[str]
    before: tuple[re.Pattern[str], ...]
    after: tuple[re.Pattern[str], ...]
    requires: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    exclude_near: tuple[re.Pattern[str], ...]
    exclude_before: tuple[re.Pattern[str], ...]  # only between the clause's start and the number
    # the whole sentence the number stands in, after it too ("2个国家级…、6个省级…": a list of
    # tiers, each count one tier's, whichever the number is), unless the number's own clause
    # says it is the whole (`whole_scope` before it)
    exclude_sentence: tuple[re.Pattern[str], ...]
    any_before: re.Pattern[str] | None  # the before-cues anywhere: the topic of an earlier clause
    # the words every before-cue (a pair: its object) holds: when the text before the number has
    # none of them, no before-pattern, each anchored at the number, is tried
    before_hint: re.Pattern[str] | None
    # units admitted only when the clause says so ("行政许可决定62项", not "许可事项62项")
    units_when: dict[str, re.Pattern[str]]
    # whether a court's, a procuratorate's or a law firm's own figure may be this indicator's
    # (people's assessors sit in courts; lawsuits are counted by courts)
    other_bodies_ok: bool = False
    # whether a count written before its noun (an after-cue) must say it is the locality's whole
    # stock (全区30个执法单位, 我区…, 共有…): without such a word the bodies counted are those
    # that took part in something ("30个行政执法单位和8个街镇查摆…"), not all of them
    after_needs_scope: bool = False
    # whether the `requires` topic may also stand after the number, up to its sentence's end: a
    # list of one service's figures names the service in a later item ("提供法律咨询N人次，办理
    # 法律援助案件M件")
    requires_in_sentence: bool = False


@dataclass(frozen=True, slots=True)
class Scoring:
    """Document-wide scoring words (the ``[scoring]`` table)."""

    totality: re.Pattern[str]
    totality_bonus: float
    part_of: re.Pattern[str]
    part_of_penalty: float
    change: re.Pattern[str]
    subgroup: re.Pattern[str]
    subgroup_place: re.Pattern[str]
    subgroup_counted: re.Pattern[str]
    plan_heading: re.Pattern[str]
    flow_words: re.Pattern[str]
    negation: re.Pattern[str]
    min_score: float
    category: re.Pattern[str]
    list_item_penalty: float
    list_summary: re.Pattern[str]
    counted_noun: re.Pattern[str]
    specificity_bonus: float
    share_of: re.Pattern[str]
    other_body: re.Pattern[str]
    own_body: re.Pattern[str]
    per_unit: re.Pattern[str]
    span_of_years: re.Pattern[str]
    since_year: re.Pattern[str]  # "2018年以来": the year a span opens, compared with the report's
    year_reset: re.Pattern[str]
    year_opening: re.Pattern[str]  # "2016年，…": a clause opening with a year (vs the report's)
    # words of which every match of year_opening holds one (scan.required_words; None: no such
    # set): a window without any is not searched, the pattern being tried at its every position
    year_opening_words: frozenset[str] | None
    dated_year: re.Pattern[str]  # "今年": a text dated in the year it tells
    one_event: re.Pattern[str]  # the number's clause speaks of one event ("此次活动…")
    assisting: re.Pattern[str]  # a clause's subject only took part or helped ("参与调解")
    subject_lead: re.Pattern[str]  # words before a clause's subject, at the clause's start
    counted_after: re.Pattern[str]  # a count right after a noun: the noun is what it counts
    target: re.Pattern[str]
    change_from: re.Pattern[str]  # 从/由 before a number, in its clause
    change_start: re.Pattern[str]  # a change's verb with 到/至 right after the number
    reckoning: re.Pattern[str]
    result_heading: re.Pattern[str]
    own_place: re.Pattern[str]
    wider_scope: re.Pattern[str]
    place_name_words: frozenset[str]
    scope_reset: re.Pattern[str]
    continues: re.Pattern[str]
    whole_scope: re.Pattern[str]
    # a clause that sums a list of counts before it ("…22件，共计965件"): the sum, then its number
    sum_words: str
    sum_opens: re.Pattern[str]
    clause_lead: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rulebook:
    """All rules and scoring words, loaded once."""

    rules: dict[str, IndicatorRule]
    scoring: Scoring
    by_unit: dict[str, tuple[IndicatorRule, ...]]
    # the keywords of every rule's cues in one automaton (fazhi.extract.scan): a rule is tried on
    # a number only when one of its keywords lies in the number's window; the keywords of the
    # GUARDED scoring patterns ride along, each under its own bit
    scanner: CueScanner
    guard_bits: dict[str, int] = field(default_factory=dict)  # GUARDED pattern → its bit

    def rules_for(self, quantity: Quantity) -> tuple[IndicatorRule, ...]:
        """The rules whose unit family admits ``quantity`` (most numbers fit only a few)."""
        return self.by_unit.get(_unit_key(quantity), ())


# Scoring patterns read around every number near a cue that cost far more than the others to
# search: no literal opens them (a class or a look-behind does), so the search tries every
# position of the window, or they hold many words. Their keywords join the cues' in the
# automaton, and each is searched only when one of its keywords lies near the number
# (lossless: every match holds one). A pattern whose keywords are frequent single characters
# (totality: 共, 总) stays out: its hits would lengthen every window's lookup.
GUARDED = (
    "span_of_years",
    "since_year",
    "subgroup_place",
    "other_body",
    "subgroup",
    "one_event",
    "assisting",
)
GUARD_PREFIX = "scoring."
_ALL_GUARDED = frozenset(GUARDED)
FLOW_KINDS = ("count", "amount")  # figures of one year; stocks may rightly be cumulative
BARE_KINDS = ("count", "stock")  # a count may leave its unit out; a rate or an amount never
# the longest verb of reckoning (`reckoning` in [scoring]) read before a number
RECKONING_CHARS = 2
BARE = "bare"  # the unit key of a count whose unit is left out after 余 ("评查案卷370余，")


def _unit_key(quantity: Quantity) -> str:
    if quantity.unit is None and quantity.scale is None and quantity.qualifier == "at_least":
        return BARE
    return quantity.unit or f"scale:{quantity.scale}"


def _rules_by_unit(rules: dict[str, IndicatorRule]) -> dict[str, tuple[IndicatorRule, ...]]:
    index: dict[str, list[IndicatorRule]] = {}
    for rule in rules.values():
        keys = {key for word in (*rule.units, *rule.units_when) for key in unit_keys(word)}
        for key in sorted(keys):
            index.setdefault(key, []).append(rule)
        if rule.indicator.kind in BARE_KINDS:
            index.setdefault(BARE, []).append(rule)
    return {unit: tuple(rules) for unit, rules in index.items()}


class Candidate(NamedTuple):
    """A headline value as chosen, before provenance: ``start``/``end`` span the cue and the number
    in the *normalised* text. Nothing outside extraction sees it; see ``document.Fact``.

    A named tuple (immutable, and built at a quarter of a frozen dataclass's cost): every rule
    that matches a number makes one, most of which selection drops."""

    indicator: str
    value: float
    unit: str
    qualifier: str
    start: int
    end: int
    quantity_index: int
    score: float
    rule: str


def _compile_all(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@cache
def load_rulebook(path: Path = PHRASINGS_PATH, catalog_path: Path = CATALOG_PATH) -> Rulebook:
    """The compiled phrasing rules for every indicator of the catalogue at ``catalog_path``.

    Raises :class:`RulebookError`, naming the file, the entry and its line, for a rules file
    that cannot be used as written (see :mod:`fazhi.extract.rulebook_check`).
    """
    source = path.read_text("utf-8")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError(f"{path}: not TOML: {exc}") from None
    catalog = load_catalog(catalog_path)
    check_rulebook(data, source, path, catalog, catalog_path)
    defaults, units, scoring = data["defaults"], data["units"], data["scoring"]
    rules = {}
    for code, indicator in catalog.items():
        spec = data["indicator"][code]
        gap_before = int(spec.get("gap_before", defaults["gap_before"]))
        gap_after = int(spec.get("gap_after", defaults["gap_after"]))
        filler = f"{FILLER}{{0,{gap_before}}}(?:{INNER_COUNT}{FILLER}{{0,2}})?"
        pair_span = int(spec.get("pair_span", defaults["pair_span"]))
        # a verb–object pair is one cue that reaches from the verb to its object, whatever
        # words of scope stand between ("收到以各乡镇政府为被申请人的行政复议案件")
        pairs = [
            f"(?:{verb})(?<!不予){PAIR_SPAN}{{0,{pair_span}}}?(?:{obj})"
            for verb, obj in spec.get("pairs", [])
        ]
        before_cues = [*spec.get("before", []), *pairs]
        rules[code] = IndicatorRule(
            indicator=indicator,
            units=frozenset(units[indicator.unit]) | frozenset(spec.get("units", [])),
            before=_compile_all([f"(?P<cue>{p})(?P<gap>{filler})$" for p in before_cues]),
            after=_compile_all(
                [f"^(?P<gap>{FILLER}{{0,{gap_after}}}?)(?:{p})" for p in spec.get("after", [])]
            ),
            requires=_compile_all(spec.get("requires", [])),
            exclude=_compile_all(spec.get("exclude", [])),
            exclude_near=_compile_all(spec.get("exclude_near", [])),
            exclude_before=_compile_all(spec.get("exclude_before", [])),
            exclude_sentence=_compile_all(spec.get("exclude_sentence", [])),
            any_before=(
                re.compile("|".join(f"(?:{p})" for p in before_cues)) if before_cues else None
            ),
            before_hint=(
                re.compile(
                    "|".join(
                        f"(?:{_anchor(p)})"
                        for p in [
                            *spec.get("before", []),
                            *(obj for _, obj in spec.get("pairs", [])),
                        ]
                    )
                )
                if before_cues
                else None
            ),
            units_when={
                unit: re.compile(pattern) for unit, pattern in spec.get("units_when", {}).items()
            },
            other_bodies_ok=bool(spec.get("other_bodies_ok", False)),
            after_needs_scope=bool(spec.get("after_needs_scope", False)),
            requires_in_sentence=bool(spec.get("requires_in_sentence", False)),
        )
    by_unit = _rules_by_unit(rules)
    compiled_scoring = _scoring(scoring, float(defaults["min_score"]))
    scanner = CueScanner(
        {code: (*r.before, *r.after) for code, r in rules.items()}
        | {GUARD_PREFIX + name: (getattr(compiled_scoring, name),) for name in GUARDED}
    )
    return Rulebook(
        scanner=scanner,
        rules=rules,
        scoring=compiled_scoring,
        by_unit=by_unit,
        guard_bits={name: scanner.bit_of[GUARD_PREFIX + name] for name in GUARDED},
    )


# a cue that opens with a span of any words ("[^，。；\\d]{0,12}参加…考试"): the span is dropped
# from `before_hint`, which only asks whether the cue's own words occur, and a pattern that can
# start anywhere would make that one search slow
LEADING_SPAN_RE = re.compile(r"^(?:\(\?:\[\^[^\]]*\](?:\|[^()]*)?\)|\[\^[^\]]*\])\{\d*,\d+\}\??")


def _anchor(pattern: str) -> str:
    """``pattern`` without a leading span of any words (for ``before_hint``)."""
    return LEADING_SPAN_RE.sub("", pattern)


def _scoring(table: dict[str, object], min_score: float) -> Scoring:
    return Scoring(
        totality=re.compile(str(table["totality"])),
        totality_bonus=float(table["totality_bonus"]),  # type: ignore[arg-type]
        part_of=re.compile(str(table["part_of"])),
        part_of_penalty=float(table["part_of_penalty"]),  # type: ignore[arg-type]
        # "提高到98%" states the level reached; "增长12%" states a change
        change=re.compile(f"(?:{table['change']})(?![到至为])[^\\d，,；;。]{{0,4}}$"),
        flow_words=re.compile(str(table["flow_words"])),
        negation=re.compile(str(table["negation"])),
        subgroup=re.compile(str(table["subgroup"])),
        subgroup_place=re.compile(str(table["subgroup_place"])),
        subgroup_counted=re.compile(f"(?:{table['subgroup_counted']})[^，,；;。\\d]{{0,12}}$"),
        plan_heading=re.compile(str(table["plan_heading"])),
        min_score=min_score,
        category=re.compile(str(table["category"])),
        list_item_penalty=float(table["list_item_penalty"]),  # type: ignore[arg-type]
        list_summary=re.compile(str(table["list_summary"])),
        counted_noun=re.compile(str(table["counted_noun"])),
        specificity_bonus=float(table["specificity_bonus"]),  # type: ignore[arg-type]
        share_of=re.compile(str(table["share_of"])),
        other_body=re.compile(str(table["other_body"])),
        own_body=re.compile(str(table["own_body"])),
        per_unit=re.compile(str(table["per_unit"])),
        span_of_years=re.compile(str(table["span_of_years"])),
        since_year=re.compile(str(table["since_year"])),
        year_reset=re.compile(str(table["year_reset"])),
        year_opening=re.compile(str(table["year_opening"])),
        year_opening_words=required_words(str(table["year_opening"])),
        dated_year=re.compile(str(table["dated_year"])),
        one_event=re.compile(str(table["one_event"])),
        assisting=re.compile(str(table["assisting"])),
        subject_lead=re.compile(str(table["subject_lead"])),
        counted_after=re.compile(str(table["counted_after"])),
        target=re.compile(str(table["target"])),
        change_from=re.compile(str(table["change_from"])),
        change_start=re.compile(f"(?:{table['change_start']})"),
        reckoning=re.compile(str(table["reckoning"])),
        result_heading=re.compile(str(table["result_heading"])),
        own_place=re.compile(str(table["own_place"])),
        wider_scope=re.compile(str(table["wider_scope"])),
        place_name_words=frozenset(table["place_name_words"]),  # type: ignore[call-overload]
        scope_reset=re.compile(str(table["scope_reset"])),
        continues=re.compile(rf"\s*(?:{table['continues']})"),
        whole_scope=re.compile(str(table["whole_scope"])),
        sum_words=str(table["sum_of_list"]),
        sum_opens=re.compile(rf"\s*(?:{table['sum_of_list']})\s*$"),
        clause_lead=re.compile(str(table["clause_lead"])),
    )


class _Layout:
    """Clause, sentence and plan-section boundaries of one text, for fast lookups."""

    def __init__(self, text: str, scoring: Scoring, report_year: int | None = None) -> None:
        self.text = text
        self.scoring = scoring
        self.report_year = report_year
        self.length = len(text)
        self.clause_stops, self.sentence_stops, self.full_stops = delimiter_stops(text)
        # in order, not overlapping
        self.plan_ranges = _plan_ranges(text, scoring.plan_heading, scoring.result_heading)
        self.plan_starts = [lo for lo, _ in self.plan_ranges]
        self._dated: bool | None = None

    def dated_in_its_year(self) -> bool:
        """Whether the text calls its year 今年 anywhere (searched once, when first asked)."""
        if self._dated is None:
            self._dated = self.scoring.dated_year.search(self.text) is not None
        return self._dated

    def full_sentence_start(self, sentence_lo: int) -> int:
        """Where the full sentence (closed by 。！？ or a line end, not by ；) holding
        ``sentence_lo`` begins, looked for at most :data:`CONTEXT_REACH` characters back."""
        bound = max(0, sentence_lo - CONTEXT_REACH)
        stops = self.full_stops
        i = bisect.bisect_left(stops, sentence_lo)
        return stops[i - 1] + 1 if i > 0 and stops[i - 1] >= bound else bound

    def clause(self, start: int, end: int) -> tuple[int, int]:
        stops = self.clause_stops  # _around, inlined: the most frequent lookup of all
        i = bisect.bisect_left(stops, start)
        j = bisect.bisect_left(stops, end)
        return stops[i - 1] + 1 if i > 0 else 0, stops[j] if j < len(stops) else self.length

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return _around(self.sentence_stops, start, end, len(self.text))

    def full_sentence(self, start: int, end: int) -> tuple[int, int]:
        """Like :meth:`sentence`, but only 。！？ and line ends close it (not ；)."""
        return _around(self.full_stops, start, end, len(self.text))

    def window(self, start: int, end: int) -> tuple[int, int, int]:
        """The clause around ``text[start:end]``, at most :data:`CLAUSE_REACH` on each side,
        and where the whole clause begins."""
        stops = self.clause_stops  # :meth:`clause`, inlined: asked for every number
        i = bisect.bisect_left(stops, start)
        j = bisect.bisect_left(stops, end)
        lo = stops[i - 1] + 1 if i > 0 else 0
        hi = stops[j] if j < len(stops) else self.length
        return max(lo, start - CLAUSE_REACH), min(hi, end + CLAUSE_REACH), lo

    def in_plan_section(self, position: int) -> bool:
        i = bisect.bisect_right(self.plan_starts, position) - 1
        return i >= 0 and position < self.plan_ranges[i][1]


@lru_cache(maxsize=1)
def delimiter_stops(text: str) -> tuple[list[int], list[int], list[int]]:
    """Positions of the clause stops of ``text``, of its sentence stops (；included) and of its
    full stops (。！？ and line ends): each set holds the next, so the text is searched once.

    Kept for the last text: the provenance of facts and mentions (``fazhi.extract.document``)
    reads the full stops of the text fact selection has just read. Callers never change them.
    """
    positions, kinds = char_hits(CLAUSE_DELIMITERS, text)
    return (
        list(positions),
        list(compress(positions, map(_SENTENCE_KINDS.__contains__, kinds))),
        list(compress(positions, map(_FULL_KINDS.__contains__, kinds))),
    )


def _around(stops: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_left(stops, start)
    lo = stops[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(stops, end)
    hi = stops[j] if j < len(stops) else length
    return lo, hi


def _top_headings(text: str) -> list[re.Match[str]]:
    """``list(TOP_HEADING_RE.finditer(text))``, tried only at the starts of lines that open as
    a heading can (a space, a tab, # or a numeral): a match lies within its line, and a search
    of a pattern opening with ``^`` tries every position of the text."""
    starts = [0, *(m.end() for m in HEADING_LINE_RE.finditer(text))]
    return [m for start in starts if (m := TOP_HEADING_RE.match(text, start))]


def _plan_ranges(
    text: str, plan_heading: re.Pattern[str], result_heading: re.Pattern[str]
) -> list[tuple[int, int]]:
    headings = _top_headings(text)
    ranges = []
    for k, heading in enumerate(headings):
        words = HEADING_TITLE_RE.sub("", heading.group(1))
        # "主要举措、成效及存在的问题": a heading that also names results holds results
        if plan_heading.search(words) and not result_heading.search(words):
            end = headings[k + 1].start() if k + 1 < len(headings) else len(text)
            ranges.append((heading.start(), end))
    return ranges


@dataclass(slots=True)
class Work:
    """What fact selection read, to show it grows linearly with the text (tests count it).

    ``characters``: the characters of the windows around numbers (clause, sentence context)
    that patterns were run over; ``candidates``: rule matches tried.
    """

    characters: int = 0
    candidates: int = 0


@dataclass(slots=True)
class _Context:
    """Where a number sits: its clause, its sentence and the sentence before.

    Not frozen: built for every number near a cue, and ``other_body`` is only settled for the
    numbers that pass the checks before it (a frozen dataclass pays per field, and ``replace``
    far more, on the hot path).
    """

    index: int
    quantity: Quantity
    clause_lo: int
    clause_hi: int
    sentence_lo: int
    context_lo: int
    left: str
    right: str
    previous: str  # the clause before, in the same sentence, when it holds no number of this unit
    previous_lo: int
    # the words before the number with the earlier items of a list of counts taken out
    # ("审查重大行政决策1件、规范性文件" → "审查规范性文件"), and where they were: (start, length)
    listless: str = ""
    removed: tuple[tuple[int, int], ...] = ()
    other_body: bool = False  # a court, procuratorate or law firm is the subject of the figure
    # the GUARDED scoring patterns with a keyword near the number (see _surroundings): the
    # others cannot match in any window read around it
    near: frozenset[str] = _ALL_GUARDED
    # where the number's whole clause and sentence begin (its windows above are cut to a reach)
    clause_start: int = 0
    sentence_start: int = 0
    over_years: bool | None = None  # see _over_years: settled when a rule first asks
    earlier_year: bool | None = None  # see _of_earlier_year: the same


@dataclass(frozen=True, slots=True)
class RulePaths:
    """Where the rules file and the catalogue are (``Settings.phrasings_path``/``catalog_path``)."""

    phrasings: Path = PHRASINGS_PATH
    catalog: Path = CATALOG_PATH

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_constructor(self)  # compiled or not (fazhi.extract.records)

    @classmethod
    def of(cls, settings: Settings) -> RulePaths:
        return cls(settings.phrasings_path, settings.catalog_path)

    def load(self) -> Rulebook:
        """The rulebook of these files (loaded and checked once per pair of paths)."""
        return load_rulebook(self.phrasings, self.catalog)


def extract_facts(
    text: str,
    quantities: Sequence[Quantity],
    locality_code: str | None = None,
    work: Work | None = None,
    rule_paths: RulePaths | None = None,
    township: str | None = None,
    report_year: int | None = None,
) -> list[Candidate]:
    """The headline value of each indicator stated in ``text`` (normalised), best first.

    With the report's ``locality_code``, figures whose clause names another place (a
    neighbouring county, a district of the city, the province) are not its headlines. In a
    township's or street's own report (``township``), the towns it names are itself. With the
    ``report_year``, a total since an earlier year ("2018年以来") spans several years.
    """
    book = (rule_paths or RulePaths()).load()
    layout = _Layout(text, book.scoring, report_year)
    cues, bit_of = book.scanner.scan(text), book.scanner.bit_of
    places = _Places(text, locality_code, book.scoring)
    candidates: list[Candidate] = []
    units_at: dict[int, set[str | None]] = {}
    stops = layout.clause_stops
    for quantity in quantities:  # the clause's start as :meth:`_Layout.clause` finds it
        stop = bisect.bisect_left(stops, quantity.start)
        clause_start = stops[stop - 1] + 1 if stop else 0
        if clause_start in units_at:
            units_at[clause_start].add(quantity.unit)
        else:
            units_at[clause_start] = {quantity.unit}
    # per unit: the bits of all its rules in the scanner, and each rule with its bit (a number
    # tries only the rules with a keyword in its window)
    bits_by_unit: dict[str, tuple[int, tuple[tuple[int, IndicatorRule], ...]]] = {}
    # the hits of the GUARDED scoring patterns' keywords alone, for the wide window each context
    # asks about (far fewer than all hits), and the names of those found, per set of bits
    guard_mask = sum(book.guard_bits.values())
    guards: CueHits | None = None
    near_names: dict[int, frozenset[str]] = {}
    for index, quantity in enumerate(quantities):
        cell = _table_cell(text, quantity) if quantity.unit is None else None
        if cell is not None:
            quantity = cell.quantity
            unit = _unit_key(quantity)
        else:
            unit = quantity.unit or _unit_key(quantity)  # a unit is its own key
            if unit == BARE and not BARE_COUNT_END_RE.match(text, quantity.end):
                continue  # a count may leave its unit out only where the clause ends
        if unit not in bits_by_unit:
            bits = tuple((bit_of[r.indicator.code], r) for r in book.by_unit.get(unit, ()))
            bits_by_unit[unit] = sum(bit for bit, _ in bits), bits
        unit_bits, bits = bits_by_unit[unit]
        if not bits or (layout.plan_starts and layout.in_plan_section(quantity.start)):
            continue
        if cell is not None:
            context = cell.context(index)
            context.clause_start = layout.clause(quantity.start, quantity.start)[0]
            context.sentence_start = layout.sentence(quantity.start, quantity.start)[0]
            cued = cues.rules_in(context.clause_lo, context.clause_hi)
        else:
            clause_lo, clause_hi, clause_start = layout.window(quantity.start, quantity.end)
            previous = _previous_clause(layout, quantity, units_at, clause_start)
            reach = _shared_predicate_end(layout, clause_hi)
            if work is not None:
                work.characters += reach - clause_lo + len(previous[1])
            cued = cues.rules_in(clause_lo, reach)
            if previous[1]:
                cued |= cues.rules_in(previous[0], previous[0] + len(previous[1]))
            if not cued & unit_bits:
                continue  # no keyword of any rule for this unit near the number
            context = _context(
                layout, index, quantity, previous, (clause_lo, clause_hi, clause_start), reach
            )
            if context.listless:  # the list-less words are a string of their own
                cued |= book.scanner.rules_of(context.listless)
        rules = [rule for bit, rule in bits if cued & bit]
        if not rules:
            continue  # no rule has a keyword in this number's windows: none can match
        if work is not None:
            work.candidates += len(rules)
        # the rules' cues first: a number no rule has a cue for is never a candidate, whatever
        # the checks of its place, scope and subject below would say
        cued_rules = [(rule, found) for rule in rules if (found := _cue_of(rule, context))]
        if not cued_rules:
            continue
        if places.elsewhere(layout, context):
            continue
        if book.scoring.per_unit.search(context.left) or book.scoring.target.search(context.left):
            continue  # "每万人拥有律师2.6名" is a ratio, "力争…1000件" a target: not counts
        if book.scoring.reckoning.search(context.left, len(context.left) - RECKONING_CHARS):
            continue  # "…的，算一宗": how the notes under a table count, not a count
        if book.scoring.change_start.match(context.right) and book.scoring.change_from.search(
            context.left
        ):
            continue  # "从12%提高到35%": the level a change starts from, not the one reached
        if guards is None:
            guards = cues.only(guard_mask)
        near = guards.rules_in(*_surroundings(context))
        if near not in near_names:
            near_names[near] = frozenset(n for n, bit in book.guard_bits.items() if near & bit)
        context.near = near_names[near]
        if _of_one_event(layout, context):
            continue  # "此次活动共有20多个执法单位参加": one event's figure, whatever it counts
        if book.scoring.change.search(context.left) or _in_subgroup(
            layout, book.scoring, context, quantity, township is not None
        ):
            continue
        if work is not None:
            work.characters += context.clause_hi - context.context_lo
        context.other_body = _by_other_body(layout, book.scoring, context, quantity.start)
        for rule, found in cued_rules:
            candidate = _match(rule, context, layout, book.scoring, found)
            if candidate is not None:
                candidates.append(candidate)
    return _select(candidates)


@dataclass(frozen=True, slots=True)
class _TableCell:
    """A value under its label in a flattened table ("调解纠纷（件）" then "58362")."""

    quantity: Quantity  # spans label and value, with the label's unit
    label: str
    table_lo: int  # where the table's title lines begin: the topic for `requires`

    def context(self, index: int) -> _Context:
        lo = self.quantity.start
        return _Context(
            index, self.quantity, lo, self.quantity.end, lo, self.table_lo, self.label, "", "", lo
        )


def _table_cell(text: str, quantity: Quantity) -> _TableCell | None:
    """The cell a bare number alone on its line fills, if the line above is a unit label.

    A second value on the next line means several columns: the first is read only when the
    table's column headers are years and the first of them is the latest (this year's figures
    first, as in "2023年 / 2022年 / 同比"); otherwise which column is this year's cannot be told.
    """
    if quantity.scale is not None:
        return None
    # alone on its line: only spaces between the number and the line ends (checked locally, so
    # that a number inside a line of megabytes costs nothing)
    line_lo = _after_blanks_back(text, quantity.start)
    line_hi = _line_end(text, quantity.end)
    if line_lo is None or line_lo == 0 or text[quantity.end : line_hi].strip(" \t"):
        return _inline_cell(text, quantity, line_hi) or _column_cell(text, quantity)
    label_lo = text.rfind("\n", max(line_lo - 2 - TABLE_MAX_LINE, 0), line_lo - 1) + 1
    if label_lo == 0 and line_lo - 1 > TABLE_MAX_LINE:
        return None  # the line above is too long to be a label
    label = TABLE_LABEL_RE.fullmatch(text, label_lo, max(line_lo - 1, label_lo))
    if label is None:
        return None
    table_lo = _table_start(text, label_lo)
    several_columns = BARE_NUMBER_LINE_RE.match(text, line_hi + 1) is not None
    if several_columns and not _latest_year_first(text[table_lo:label_lo]):
        return None
    unit, scale, multiplier = _label_unit(label["unit"])
    cell = quantity._replace(
        value=quantity.value * multiplier, unit=unit, scale=scale, start=label_lo
    )
    return _TableCell(cell, label["label"], table_lo)


def _inline_cell(text: str, quantity: Quantity, line_hi: int) -> _TableCell | None:
    """The cell of a row flattened onto one line: a unit label, then the value, and further
    values only when the table's header names years with the latest first."""
    line_lo = text.rfind("\n", max(quantity.start - TABLE_MAX_LINE - 1, 0), quantity.start) + 1
    if line_lo == 0 and quantity.start > TABLE_MAX_LINE:
        return None  # the line is too long to be a table's row
    label = INLINE_LABEL_RE.fullmatch(text, line_lo, quantity.start)
    if label is None:
        return None
    rest = INLINE_REST_RE.fullmatch(text, quantity.end, line_hi)
    if rest is None:
        return None
    table_lo = _table_start(text, line_lo) if line_lo else line_lo
    if rest["more"]:
        years = [int(y) for y in HEADER_YEAR_RE.findall(text, table_lo, line_lo)]
        if len(years) < 2 or years[0] != max(years):
            return None  # which column is this year's cannot be told
    unit, scale, multiplier = _label_unit(label["unit"])
    cell = quantity._replace(
        value=quantity.value * multiplier, unit=unit, scale=scale, start=line_lo
    )
    return _TableCell(cell, label["label"], table_lo)


def _row_cells(line: str) -> list[str]:
    """The cells of a row written with bars ("a | b | |"), the empty ones at its end dropped."""
    cells = [cell.strip(" \t") for cell in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells


def _column_cell(text: str, quantity: Quantity) -> _TableCell | None:
    """The figure of a statistics table of columns (``COLUMN_HEADING_RE`` above its headers):
    read only under the column that is the table's own figure, its total or the column that
    repeats the measure's noun; the label is the heading's measure (with the total's word)."""
    if "|" not in text[max(quantity.start - 3, 0) : quantity.end + 3]:
        return None  # no bar next to the number: not a table's row
    line_lo = text.rfind("\n", max(quantity.start - COLUMN_ROW_MAX, 0), quantity.start) + 1
    line_hi = text.find("\n", quantity.end, quantity.end + COLUMN_ROW_MAX)
    if line_hi < 0 and len(text) - quantity.end <= COLUMN_ROW_MAX:
        line_hi = len(text)  # the row is the text's last line
    if line_lo == 0 or line_hi < 0:
        return None
    before = text[line_lo : quantity.start]
    figures = _row_cells(text[line_lo:line_hi])
    if len(figures) < 2 or not all(COLUMN_FIGURE_RE.fullmatch(cell) for cell in figures):
        return None
    column = len(_row_cells(before + "x")) - 1  # the cells before the number's own
    header_hi = line_lo - 1
    header_lo = text.rfind("\n", max(header_hi - COLUMN_ROW_MAX, 0), header_hi) + 1
    headers = _row_cells(text[header_lo:header_hi])
    if len(headers) != len(figures) or any(
        not cell or any(char.isdigit() for char in cell) for cell in headers
    ):
        return None
    heading, line_end = None, header_lo - 1
    for _ in range(COLUMN_HEADING_UP):
        if line_end <= 0:
            break
        lo = text.rfind("\n", max(line_end - COLUMN_ROW_MAX, 0), line_end) + 1
        heading = COLUMN_HEADING_RE.fullmatch(text, lo, line_end)
        if heading is not None or "|" not in text[lo:line_end]:
            break
        line_end = lo - 1
    if heading is None:
        return None
    names = [COLUMN_UNIT_RE.sub("", cell) for cell in headers]
    totals = [k for k, name in enumerate(names) if COLUMN_TOTAL_RE.fullmatch(name)]
    measure = COLUMN_MEASURE_RE.sub("", heading["label"])
    nouns = [
        COLUMN_MEASURE_RE.sub("", name) if COLUMN_MEASURE_RE.search(name) else "" for name in names
    ]
    own = [k for k, noun in enumerate(nouns) if noun and measure.endswith(noun)]
    chosen = totals if totals else own
    if chosen != [column]:
        return None
    written = COLUMN_UNIT_RE.search(headers[column])
    unit, scale, multiplier = _label_unit(written["unit"] if written else heading["unit"])
    lo = heading.start("label")
    cell = quantity._replace(value=quantity.value * multiplier, unit=unit, scale=scale, start=lo)
    label = heading["label"] + (names[column] if totals else "")
    return _TableCell(cell, label, _table_start(text, lo))


def _after_blanks_back(text: str, position: int) -> int | None:
    """Where the line holding ``position`` begins, if only spaces stand before it; else None."""
    i = position
    while i > 0 and text[i - 1] in " \t" and position - i < TABLE_MAX_LINE:
        i -= 1
    return i if i == 0 or text[i - 1] == "\n" else None


def _latest_year_first(header: str) -> bool:
    years = [int(y) for y in YEAR_HEADER_RE.findall(header)]
    return len(years) >= 2 and years[0] == max(years)


def _line_end(text: str, position: int) -> int:
    """The end of the line, looked for at most :data:`TABLE_MAX_LINE` characters on."""
    end = text.find("\n", position, position + TABLE_MAX_LINE + 1)
    if end < 0:
        return min(len(text), position + TABLE_MAX_LINE + 1)
    return end


def _label_unit(written: str) -> tuple[str, str | None, float]:
    """``亿元`` → (元, 亿, 1e8); ``件`` → (件, None, 1)."""
    for scale, multiplier in (("亿", 1e8), ("万", 1e4), ("千", 1e3)):
        if written.startswith(scale) and len(written) > 1:
            return written[1:], scale, multiplier
    return ("%" if written in ("%", "％") else written), None, 1.0


def _table_start(text: str, position: int) -> int:
    """Walk up over short lines without a full stop: the table's cells and title."""
    lo = position
    for _ in range(TABLE_MAX_LINES):
        search_lo = max(lo - 2 - TABLE_MAX_LINE, 0)
        found = text.rfind("\n", search_lo, max(lo - 1, 0))
        if found < 0 and search_lo > 0:
            break  # a line too long to be a cell or a title (not read to its start)
        previous = found + 1
        line = text[previous : max(lo - 1, previous)]
        if previous == lo or len(line) > TABLE_MAX_LINE or "。" in line:
            break
        lo = previous
    return lo


def _context(
    layout: _Layout,
    index: int,
    quantity: Quantity,
    previous: tuple[int, str],
    window: tuple[int, int, int],
    reach: int,
) -> _Context:
    """The context of a number in its ``window`` (:meth:`_Layout.window`), whose clause reaches
    on to ``reach`` (:func:`_shared_predicate_end`)."""
    clause_lo, clause_hi, clause_start = window
    sentence_lo, _ = layout.sentence(quantity.start, quantity.end)
    sentence_start = sentence_lo
    # the topic a `requires` pattern looks for may sit before a ；, or in the sentence before
    # one that opens with 其中 ("其中立案受理0宗")
    context_lo, _ = layout.full_sentence(quantity.start, quantity.end)
    # a sentence that opens with only a verb before the number ("受理1033件，其中…") continues
    # the topic of the sentence before, as one opening with 其中 does
    if layout.scoring.continues.match(layout.text, context_lo) or (
        context_lo > 0 and quantity.start - context_lo <= LOOKBACK_MAX_LEFT
    ):
        before = max(context_lo - 2, 0)
        context_lo, _ = layout.full_sentence(before, before)
    reach_lo = quantity.start - CONTEXT_REACH
    sentence_lo, context_lo = max(sentence_lo, reach_lo), max(context_lo, reach_lo)
    text = layout.text
    left = text[clause_lo : quantity.start]
    listless, removed = _without_list_counts(left)
    return _Context(  # by position: it is built for every number near a cue
        index,
        quantity,
        clause_lo,
        clause_hi,
        sentence_lo,
        context_lo,
        left,
        text[quantity.end : reach],
        previous[1],  # previous
        previous[0],  # previous_lo
        listless,
        removed,
        False,  # other_body
        _ALL_GUARDED,  # near
        clause_start,
        sentence_start,
    )


def _surroundings(at: _Context) -> tuple[int, int]:
    """A span holding every window the checks read around the number: its clause and the
    shared predicate after it, its sentence and the one before it (as far as each reaches), and
    for a table cell the table's title."""
    lo = min(at.context_lo, at.sentence_lo, at.clause_lo, at.quantity.start - CONTEXT_REACH)
    return lo, max(at.clause_hi, at.quantity.end + CLAUSE_REACH)


def _without_list_counts(left: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``left`` without the counts of earlier list items, and where each was (start, length)."""
    if "、" not in left:
        return "", ()
    removed = tuple((m.start(), m.end() - m.start() - 1) for m in LIST_COUNT_RE.finditer(left))
    if not removed:
        return "", ()
    parts, last = [], 0
    for start, length in removed:  # keep the 、 so each noun stays an item of its own
        parts.append(left[last:start])
        last = start + length
    parts.append(left[last:])
    return "".join(parts), removed


def _in_left(removed: tuple[tuple[int, int], ...], position: int) -> int:
    """A position in the list-less words before a number, as a position in the words themselves."""
    for start, length in removed:
        if position > start:
            position += length
    return position


def _shared_predicate_end(layout: _Layout, clause_hi: int) -> int:
    """The end of the number's clause, or of the next one when it only adds a shared predicate."""
    if SHARED_PREDICATE_RE.match(layout.text, clause_hi):
        return min(layout.clause(clause_hi + 1, clause_hi + 1)[1], clause_hi + 1 + CLAUSE_REACH)
    return clause_hi


class _Places:
    """Which places a text names, to tell the report's own figures from other places' ones."""

    def __init__(self, text: str, locality_code: str | None, scoring: Scoring) -> None:
        self.text = text
        division = divisions_by_code().get(locality_code or "")
        self.known = division is not None
        own = {division.name, division.city_name, division.province_name} if division else set()
        self.level = division.level if division else None
        parents = sorted(n for n in own if division and n and n != division.name)
        # a parent named with its own scope: "绵阳市全市新收…" in a report of 江油市
        self.parent_scope = (
            re.compile(f"(?:{'|'.join(map(re.escape, parents))})全[省市区县州盟]")
            if parents
            else None
        )
        # names of two characters (城区, 郊区, 矿区) are ordinary words far more often than places
        self.ignored = own | scoring.place_name_words
        self.scoring = scoring

    def elsewhere(self, layout: _Layout, at: _Context) -> bool:
        """Whether the number of ``at`` belongs to another place than the report's."""
        if not self.known:
            return False
        position = at.quantity.start
        lo = max(_two_clauses_before(layout, at), position - CONTEXT_REACH)
        if self.level != "province" and self.scoring.wider_scope.search(self.text, lo, position):
            return True  # 全省/全国 figures quoted for context
        if self.parent_scope is not None and self.parent_scope.search(self.text, lo, position):
            return True
        return any(
            len(name) > 2
            and name not in self.ignored
            and not self.scoring.own_place.search(self.text, end, position)
            for _, end, name in division_names_between(self.text, lo, position)
        )


def _two_clauses_before(layout: _Layout, at: _Context) -> int:
    """Start of the clause before the one holding the number, within its sentence."""
    clause_lo, sentence_lo = at.clause_start, at.sentence_start
    if clause_lo <= sentence_lo:
        return clause_lo
    previous_lo, _ = layout.clause(clause_lo - 1, clause_lo - 1)
    return max(previous_lo, sentence_lo)


def _previous_clause(
    layout: _Layout, quantity: Quantity, units_at: dict[int, set[str | None]], clause_lo: int
) -> tuple[int, str]:
    """The clause before a number whose own clause is only a verb or 共 ("…培训6期，培训1820人次").

    Empty unless the number's clause (which begins at ``clause_lo``) says almost nothing before
    it, the previous clause is in the same sentence, and it holds no number of the same unit
    (that one would be the candidate), unless the clause only sums the counts of the one before
    ("刑事案件402件、民事案件541件，共计943件": the sum takes the list's topic). A number that
    opens its clause and is followed there by its own words ("…培训5场，10名工作人员申领执法证")
    is the subject of a new statement, not the previous clause's count.
    """
    left = quantity.start - clause_lo
    if left > 2 * LOOKBACK_MAX_LEFT:
        return clause_lo, ""  # most numbers: their clause says enough
    if not left and layout.clause(quantity.start, quantity.end)[1] - quantity.end > (
        2 * LOOKBACK_MAX_LEFT
    ):
        return clause_lo, ""
    if left > LOOKBACK_MAX_LEFT:
        # "…进行合法性审查，全年共审查340件": the year and the total say nothing of the topic
        lead = layout.scoring.clause_lead.match(layout.text, clause_lo)
        if quantity.start - (lead.end() if lead else clause_lo) > LOOKBACK_MAX_LEFT:
            return clause_lo, ""
    sentence_lo, _ = layout.sentence(quantity.start, quantity.end)
    if clause_lo <= sentence_lo:
        return clause_lo, ""
    previous_lo, previous_hi = layout.clause(clause_lo - 1, clause_lo - 1)
    if quantity.unit in units_at.get(previous_lo, set()) and not layout.scoring.sum_opens.match(
        layout.text[clause_lo : quantity.start]
    ):
        return clause_lo, ""
    previous_lo = max(previous_lo, previous_hi - CLAUSE_REACH)
    return previous_lo, layout.text[previous_lo:previous_hi]


_Cue = tuple[int, int, int, str]  # (start, end, gap, side), offsets relative to its window


def _cue_of(rule: IndicatorRule, at: _Context) -> tuple[_Cue, bool] | None:
    """The rule's closest cue around the number, and whether it is read through a list of
    counts; None when the rule has no cue there (then it cannot match)."""
    # the caller tries a rule only where the scanner found one of its keywords (lossless: every
    # match of a cue pattern holds one), so no prefilter is needed here
    cue = _cue(rule, at.left, at.right) or _cue_before(rule, at)
    if cue is not None:
        return cue, False
    if at.listless:
        # the verb that opens a list of counts reaches over the earlier items to this noun
        listed = _cue(rule, at.listless, "")
        if listed is not None and listed[3] == "before":
            start, end, gap, side = listed
            if _in_left(at.removed, end) - _in_left(at.removed, start) > end - start:
                return (_in_left(at.removed, start), _in_left(at.removed, end), gap, side), True
    return None


def _match(
    rule: IndicatorRule,
    at: _Context,
    layout: _Layout,
    scoring: Scoring,
    found: tuple[_Cue, bool] | None = None,
) -> Candidate | None:
    """The rule's candidate at the number, if it passes every check; ``found`` is the rule's
    cue (:func:`_cue_of`) when the caller has it already."""
    text = layout.text
    if found is None:
        found = _cue_of(rule, at)
        if found is None:
            return None
    if at.other_body and not rule.other_bodies_ok:
        return None  # "市中级人民法院审结…": a court's figure, not the government's
    (cue_start, cue_end, gap, side), through_list = found
    quantity = at.quantity
    if _unit_key(quantity) == BARE and (side != "before" or gap > 0):
        return None  # without a unit, only the object right before the number says what it counts
    condition = rule.units_when.get(quantity.unit or "")
    if (
        condition is not None
        and quantity.unit not in rule.units
        and not condition.search(text, at.clause_lo, at.clause_hi)
    ):
        return None
    if side == "before" and scoring.category.match(at.left, cue_end):
        return None  # "行政处罚类17件" is one category of other cases, not penalties
    if side == "previous" and scoring.category.match(at.previous, cue_end):
        return None  # "行政处罚类数量最多，共349件": the same, with the count in the next clause
    if (
        side == "before"
        and scoring.list_summary.search(at.left)
        and scoring.counted_noun.match(at.right)
    ):
        return None  # "…决策源头治理等7项重点工作" counts the noun after the number
    if rule.indicator.kind in FLOW_KINDS and _over_years(layout, at):
        return None  # "近三年共办理…", "2018年以来累计…": several years, not the report's
    if _of_earlier_year(layout, at):
        return None  # "2016年，全省共办理…" in an item of 2017: the year before's figure
    if not _topic_said(rule, at, text):
        return None
    if any(p.search(text, at.sentence_lo, at.clause_hi) for p in rule.exclude):
        return None
    if any(p.search(text, at.clause_lo, at.clause_hi) for p in rule.exclude_near):
        return None
    if any(p.search(text, at.clause_lo, quantity.start) for p in rule.exclude_before):
        return None
    if rule.exclude_sentence and not scoring.whole_scope.search(text, at.clause_lo, quantity.start):
        # (a number whose own clause says it is the whole, 全县累计建成…N个, stays)
        sentence_lo, sentence_hi = layout.sentence(quantity.start, quantity.end)
        if any(p.search(text, sentence_lo, sentence_hi) for p in rule.exclude_sentence):
            return None
    if rule.indicator.kind == "stock" and scoring.flow_words.search(at.left):
        return None  # "新设立律师事务所2家" adds to a stock; it is not the stock
    if rule.indicator.kind == "stock" and (quantity.unit or "").endswith("次"):
        return None  # a stock (advisers, lawyers …) is never counted in 人次
    if (
        side == "after"
        and rule.after_needs_scope
        and not scoring.whole_scope.search(text, at.clause_lo, quantity.start)
        # words of every tier right after the count say it is the whole (96个基层调委会)
        and not EVERY_TIER_RE.match(text, quantity.end)
        # a place's name before the count says whose bodies they all are (罗庄区45个…); another
        # place's figure is dropped as such
        and not division_names_between(text, at.clause_lo, quantity.start)
    ):
        return None  # "30个行政执法单位和8个街镇查摆…": the bodies that took part, not the stock
    if side == "before" and scoring.negation.search(at.left, max(cue_start - 3, 0), cue_end):
        return None  # "不予行政处罚案件1280件" are cases not penalised
    anchor = {
        "before": at.clause_lo + cue_start,
        "after": quantity.start,
        "previous": at.previous_lo + cue_start,
    }[side]
    # a word of totality anywhere in the clause before the number ("全省各级…机构新收…申请5422件")
    totality = bool(scoring.totality.search(text, at.clause_lo, quantity.start))
    score = 10.0 - 0.3 * gap + (scoring.totality_bonus if totality else 0.0)
    # a longer cue says more precisely what is counted: of two totals, the specific one wins
    score += scoring.specificity_bonus * min(cue_end - cue_start, 12)
    if scoring.part_of.search(text, at.sentence_lo, quantity.start):
        score -= scoring.part_of_penalty
    if scoring.share_of.match(text, quantity.end):
        score -= scoring.part_of_penalty  # "…12件，占总量的35%": a part of some larger total
    if _summed_after(text, scoring, at):
        score -= scoring.part_of_penalty  # "…、送法下乡140场，共计…312场": a part of the sum
    if through_list:
        score -= scoring.list_item_penalty  # the verb is read over other items and their counts
    elif side == "before" and at.left[cue_start - 1 : cue_start] == "、" and not at.removed:
        # the last item of a list before one count ("审核规范性文件、重大决策、涉法事务555件"):
        # the count is the whole list's, which the verb's indicator claims
        score -= scoring.list_item_penalty
    if score < scoring.min_score:
        return None
    end = quantity.end + cue_end if side == "after" else quantity.end
    value, unit = _in_catalogue_unit(rule.indicator, quantity)
    return Candidate(
        indicator=rule.indicator.code,
        value=value,
        unit=unit,
        qualifier=quantity.qualifier,
        start=anchor,
        end=end,
        quantity_index=at.index,
        score=score,
        rule=f"{rule.indicator.code}:{side}-cue{'+total' if totality else ''}",
    )


def _topic_said(rule: IndicatorRule, at: _Context, text: str) -> bool:
    """Whether every `requires` pattern occurs in the number's sentence (or the one before) up
    to the end of its clause, in a shared predicate after it ("…512人，全部纳入安置帮教"), or,
    for a rule that allows it, further on in the sentence."""
    hi = at.clause_hi
    if rule.requires_in_sentence:
        end = SENTENCE_END_RE.search(text, at.quantity.end, at.quantity.end + CONTEXT_REACH)
        hi = end.start() if end else min(len(text), at.quantity.end + CONTEXT_REACH)
    return all(
        p.search(text, at.context_lo, hi) or (at.right and p.search(at.right))
        for p in rule.requires
    )


def _summed_after(text: str, scoring: Scoring, at: _Context) -> bool:
    """Whether a clause after the number's own opens by summing it with others, in the same
    unit, with only further items between ("民事案件541件、行政案件22件，共计965件";
    "刑事案件520件，民事案件790件，总计1310件"): then the number is one of the parts."""
    unit = at.quantity.unit
    if not unit or text[at.clause_hi : at.clause_hi + 1] not in ("，", ","):
        return False
    found = _items_then_sum(scoring.sum_words, unit).match(text, at.clause_hi)
    # a sum exceeds each of its parts: "受理复议案件45件，共纠错6件" is no sum of 45
    return found is not None and float(found["sum"].replace(",", "")) > at.quantity.value


@cache
def _items_then_sum(words: str, unit: str) -> re.Pattern[str]:
    """Clauses that each end with a count in ``unit`` (further items of a list), then a clause
    opening with a word of ``words`` and a count in ``unit`` (the sum)."""
    count = rf"\d[\d.,]*(?:余|多)?{re.escape(unit)}"
    return re.compile(
        rf"(?:[，,][^，,；;。！？!?\n\d]{{1,24}}{count}){{0,8}}"
        rf"[，,](?:{words})[^\d，,；;。！？!?\n]{{0,12}}?"
        rf"(?P<sum>\d[\d.,]*)(?:余|多)?{re.escape(unit)}"
    )


def _over_years(layout: _Layout, at: _Context) -> bool:
    """Whether the sentence before the number spans several years with no single year after
    (asked once per number, whatever the rules tried on it)."""
    if at.over_years is None:
        at.over_years = _spans_years(layout, at)
    return at.over_years


def _spans_years(layout: _Layout, at: _Context) -> bool:
    """The span may open the whole sentence, before a ；: "十九大以来，全省办理…1.56万件；办理
    农民工法律援助8000余件" (the clauses after the ； share its time). A year the sentence
    counts from ("2018年以来") spans several years when it is before the report's year."""
    text, scoring = layout.text, layout.scoring
    spans = "span_of_years" in at.near
    year = layout.report_year or 0
    since = year > 0 and "since_year" in at.near
    if not (spans or since):
        return False
    lo = layout.full_sentence_start(at.sentence_lo)
    last = None
    if spans:
        for last in scoring.span_of_years.finditer(text, lo, at.quantity.start):  # noqa: B007
            pass
    if since:
        for m in scoring.since_year.finditer(text, lo, at.quantity.start):
            if int(m.group(1)) < year and (last is None or m.end() > last.end()):
                last = m
    return last is not None and not scoring.year_reset.search(text, last.end(), at.quantity.start)


def _of_earlier_year(layout: _Layout, at: _Context) -> bool:
    """Whether the number's sentence last opens a clause, before the number, with a year before
    the report's (asked once per number, whatever the rules tried on it)."""
    if at.earlier_year is None:
        at.earlier_year = _opens_earlier_year(layout, at)
    return at.earlier_year


def _opens_earlier_year(layout: _Layout, at: _Context) -> bool:
    """A clause opening with an earlier year: "2016年，全省共办理…9万余件" in an item of 2017,
    "2020年…败诉率为13.5%、2021年为20.2%" in a report on 2022 give that year's figures, for every
    indicator. The clause opening last
    before the number names its year. Nothing is read without the report's year, and 全年/今年
    (`year_reset`) after the opening year brings it back. The report's year may be read a year
    late (a report on 2022 posted in 2023): the earlier year is believed only where the sentence
    goes on to a later year's clause (a series) or the text calls its own year 今年 (an item
    dated in its year, not a report written after it)."""
    year = layout.report_year
    if not year:
        return False
    text, scoring = layout.text, layout.scoring
    last = None
    lo = layout.full_sentence_start(at.sentence_lo)
    if not _holds_any(text, scoring.year_opening_words, lo, at.quantity.start):
        return False  # no year before the number in its sentence (most numbers of a report)
    for last in scoring.year_opening.finditer(text, lo, at.quantity.start):  # noqa: B007
        pass
    if (
        last is None
        or int(last.group(1)) >= year
        or scoring.year_reset.search(text, last.end(), at.quantity.start)
    ):
        return False
    end = SENTENCE_END_RE.search(text, at.quantity.end, at.quantity.end + CONTEXT_REACH)
    hi = end.start() if end else min(len(text), at.quantity.end + CONTEXT_REACH)
    series = (
        _holds_any(text, scoring.year_opening_words, at.quantity.end, hi)
        and scoring.year_opening.search(text, at.quantity.end, hi) is not None
    )
    return series or layout.dated_in_its_year()


def _holds_any(text: str, words: frozenset[str] | None, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` holds one of ``words`` (always, when there are none to look for):
    a pattern every match of which holds one of them cannot match where none is."""
    return words is None or any(text.find(word, lo, hi) >= 0 for word in words)


def _by_other_body(layout: _Layout, scoring: Scoring, at: _Context, position: int) -> bool:
    """Whether a court, procuratorate or law firm is the subject of the number's sentence.

    The body must be named before the number in its sentence with no own body (司法局, the
    government, 全市 …) named after it; "配合法院", "向法院" make it an object, not the subject.
    """
    if "other_body" not in at.near:
        return False
    lo = max(at.sentence_lo, position - CONTEXT_REACH)
    last = None
    for last in scoring.other_body.finditer(layout.text, lo, position):  # noqa: B007
        pass
    if last is None:
        return False
    return not (
        scoring.own_body.search(layout.text, last.end(), position)
        or scoring.scope_reset.search(layout.text, last.end(), position)
        or scoring.own_place.search(layout.text, last.end(), position)
    )


def _in_subgroup(
    layout: _Layout, scoring: Scoring, at: _Context, quantity: Quantity, own_town: bool
) -> bool:
    """A sub-group named in this clause or the one before (or opening an earlier clause of the
    sentence as its subject: :func:`_carried_subgroup`), not followed by 全市/全区 … before
    the number nor by the locality's own level right after it ("…专项行动，公布6项区级重大行政
    决策"). In a township's own report the towns named are the report's own (良渚街道持有…,
    列席镇党政会议), not parts of it. The patterns run only when the keyword automaton found
    one of their words near the number (``at.near``)."""
    position = quantity.start
    if scoring.scope_reset.match(layout.text, quantity.end):
        return False
    patterns = [
        pattern
        for name, pattern in (
            ("subgroup", scoring.subgroup),
            ("subgroup_place", scoring.subgroup_place),
        )
        if name in at.near and not (own_town and name == "subgroup_place")
    ]
    if not patterns:
        return False
    clause_lo = at.clause_start
    previous_lo, _ = layout.clause(max(clause_lo - 2, 0), max(clause_lo - 2, 0))
    near_lo = max(
        at.sentence_lo, previous_lo if clause_lo > 0 else clause_lo, position - CONTEXT_REACH
    )
    ends = [
        m.end()
        for pattern in patterns
        for m in pattern.finditer(layout.text, near_lo, position)
        if m.end() > clause_lo or not _built_there(layout, scoring, pattern, m)
    ]
    if ends and not scoring.scope_reset.search(layout.text, max(ends), position):
        return True
    return scoring.subgroup in patterns and _carried_subgroup(layout, at, near_lo)


def _carried_subgroup(layout: _Layout, at: _Context, near_lo: int) -> bool:
    """A sub-group (helpers, a campaign, one committee) that is an earlier clause's subject stays
    the subject of the clauses after it that name none of their own, to the sentence's end
    ("协理员共计协助开展…，引导…，提供法律咨询服务920余件"); 全市/各级 or the government or its
    bureau named after it is a new subject."""
    text, scoring = layout.text, layout.scoring
    position = at.quantity.start
    last = None
    for m in scoring.subgroup.finditer(
        text, max(at.sentence_lo, position - CONTEXT_REACH), near_lo
    ):
        if _opens_clause(layout, scoring, m):  # so never what a count before it built
            last = m
    return last is not None and not _new_subject(layout, last.end(), position)


def _of_one_event(layout: _Layout, at: _Context) -> bool:
    """Whether one event is the subject of the number's clause or of an earlier clause of its
    sentence that the clauses after it continue ("活动现场为农民工解答…，发放宣传资料2000余份"),
    with no new subject (全市/各级, the government or its bureau) named after it."""
    event, helping = "one_event" in at.near, "assisting" in at.near
    if not (event or helping):
        return False  # neither pattern's keywords lie near the number: neither can match
    text, scoring = layout.text, layout.scoring
    position = at.quantity.start
    stops = layout.clause_stops
    first = bisect.bisect_left(stops, at.sentence_lo)
    last = bisect.bisect_left(stops, position)
    for lo, hi in zip(
        [at.sentence_lo, *(stop + 1 for stop in stops[first:last])],
        [*stops[first:last], position],
        strict=True,
    ):
        if lo == at.sentence_lo and lo != at.sentence_start:
            continue  # a sentence cut to its reach: no clause starts there
        m = (scoring.one_event.match(text, lo, hi) if event else None) or (
            scoring.assisting.search(text, lo, hi) if helping else None
        )
        if m is not None and not _new_subject(layout, m.end(), position):
            return True
    return False


def _new_subject(layout: _Layout, lo: int, hi: int) -> bool:
    """Whether 全市/各级 or the government or its bureau is named between ``lo`` and ``hi``: a new
    subject, which ends what an earlier clause's subject carried."""
    scoring = layout.scoring
    return bool(
        scoring.scope_reset.search(layout.text, lo, hi)
        or scoring.own_body.search(layout.text, lo, hi)
    )


def _opens_clause(layout: _Layout, scoring: Scoring, m: re.Match[str]) -> bool:
    """Whether the sub-group is its clause's subject: named at the clause's start, after at most
    a few words of its own name ("司法行政协理员共计协助…"), and not the noun a count right after
    it counts ("专职人民调解员206人" lists the staff; it does nothing)."""
    lo, _ = layout.clause(m.start(), m.start())
    return bool(scoring.subject_lead.fullmatch(layout.text, lo, m.start())) and not (
        scoring.counted_after.match(layout.text, m.end())
    )


def _built_there(
    layout: _Layout, scoring: Scoring, pattern: re.Pattern[str], m: re.Match[str]
) -> bool:
    """A sub-group counted where a clause before the number's names it ("建成239个…调解中心，
    去年…成功率96.8%") is what that clause built, not the subject of the clauses after it."""
    if pattern is not scoring.subgroup:
        return False
    lo, _ = layout.clause(m.start(), m.start())
    return bool(scoring.subgroup_counted.search(layout.text, lo, m.start()))


def _cue_before(rule: IndicatorRule, at: _Context) -> _Cue | None:
    """A cue in the previous clause (see :func:`_previous_clause`), last one first."""
    if not at.previous or rule.any_before is None:
        return None
    last = None
    for last in rule.any_before.finditer(at.previous):  # noqa: B007
        pass
    return None if last is None else (last.start(), last.end(), LOOKBACK_GAP, "previous")


def _cue(rule: IndicatorRule, left: str, right: str) -> _Cue | None:
    """The closest cue: (start, end, gap, side) with offsets relative to its window."""
    best: _Cue | None = None
    before = rule.before if rule.before_hint and rule.before_hint.search(left) else ()
    if before and left.endswith(("到", "至")):
        change = CHANGE_REACHED_RE.search(left, max(0, len(left) - CHANGE_REACH))
        if change:
            left = left[: change.start() + 1]  # the change's start read as its 由/从 alone
    for pattern in before:
        match = pattern.search(left)
        if match:
            cue_end = match.end("cue")
            gap = len(NOTE_RE.sub("·", match.group("gap")))
            if best is None or gap < best[2]:
                best = (match.start(), cue_end, gap, "before")
    for pattern in rule.after:
        match = pattern.search(right)
        if match:
            gap = len(match.group("gap"))
            if best is None or gap < best[2]:
                best = (match.start(), match.end(), gap, "after")
    return best


def _in_catalogue_unit(indicator: Indicator, quantity: Quantity) -> tuple[float, str]:
    """The value in the catalogue's unit: a unit with a scale (万元) divides the parsed value."""
    multiplier = _scale_of_unit(indicator.unit)
    if multiplier is not None:
        return round(quantity.value / multiplier, 6), indicator.unit
    return quantity.value, indicator.unit


@cache
def _scale_of_unit(unit: str) -> float | None:
    """The multiplier of the scale a catalogue unit opens with (万元 → 1e4), if it has one."""
    for scale, multiplier in SCALES.items():
        if unit.startswith(scale) and len(unit) > len(scale):
            return multiplier
    return None


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Best candidate per indicator; a quantity serves the indicator that claims it best."""
    ranked = sorted(candidates, key=lambda f: (-f.score, f.start))
    taken_quantities: set[int] = set()
    chosen: dict[str, Candidate] = {}
    for fact in ranked:
        if fact.indicator in chosen or fact.quantity_index in taken_quantities:
            continue
        if fact.qualifier == "at_least":
            fact = _exact_within(fact, ranked, taken_quantities)
        chosen[fact.indicator] = fact
        taken_quantities.add(fact.quantity_index)
    return sorted(chosen.values(), key=lambda f: f.start)


def _last_digit_place(value: float) -> float:
    """10 ** the trailing zeros of a whole ``value`` (20000 → 10000); 0 for fractions."""
    if value <= 0 or value != int(value):
        return 0.0
    place, whole = 1, int(value)
    while whole % (place * 10) == 0:
        place *= 10
    return float(place)


def _exact_within(rounded: Candidate, ranked: list[Candidate], taken: set[int]) -> Candidate:
    """The exact figure a rounded one restates ("在矫24862人" … "在册2万多人"), else ``rounded``.

    The step is the place of the last digit written: "2万多" (``at_least``) covers 20000 up to
    29999, "1200余" 1200 up to 1299: an exact candidate of the same indicator inside is the
    figure. (A 约 figure may be a total above its exact parts: it stays.)
    """
    lo = rounded.value
    hi = lo + _last_digit_place(lo)
    for other in ranked:
        if (
            other.indicator == rounded.indicator
            and other.qualifier == "exact"
            and other.quantity_index not in taken
            and lo <= other.value < hi
            and other.value != rounded.value
        ):
            return other
    return rounded
