"""The keyword prefilter of fact selection is lossless: a rule never matches where its keywords
are absent, so trying rules only where the automaton found one changes no output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.extract import COMPILED
from fazhi.extract import document as document_module
from fazhi.extract import facts as facts_module
from fazhi.extract.document import extract_document
from fazhi.extract.facts import load_rulebook
from fazhi.extract.normalize import normalise
from fazhi.extract.numbers import find_quantities
from fazhi.extract.scan import CueHits, CueScanner, char_positions, required_words
from tests.extract import test_facts

EVAL = Path(__file__).resolve().parents[2] / "eval"
# every report of the repository's labelled sets: the samples and the three challenge sets
REPORTS = sorted(EVAL.glob("docs/*.txt")) + sorted(EVAL.glob("challenge*/docs/*.txt"))
# compiled modules (make compile) call their functions and methods directly, past any patch
patches_reach_the_extractor = pytest.mark.skipif(
    COMPILED, reason="the extractor runs compiled; run with FAZHI_PURE_PYTHON=1"
)
# every table of sentences the fact tests hold (CASES, PLACE_CASES …), whatever tables they add
SENTENCE_CASES = [
    case
    for name, table in vars(test_facts).items()
    if name.endswith("CASES") and isinstance(table, list)
    for case in table
]


@pytest.mark.parametrize(
    ("pattern", "expected", "reason"),
    [
        ("行政复议", {"行政复议"}, "a literal is its own keyword"),
        ("(?:审核|审查)文件", {"审核文件", "审查文件"}, "a fixed alternation is spelt out"),
        ("听证(?:事项)?", {"听证"}, "an optional tail adds nothing every match holds"),
        ("(?:行政)?执法人员", {"执法人员"}, "an optional head neither"),
        ("[和、及]?废止", {"废止"}, "an optional class before the word"),
        ("案卷[^，。\\d]{0,12}评查", {"案卷"}, "a span of any words: one side's word will do"),
        ("(?<!不予)行政处罚", {"行政处罚"}, "a lookbehind consumes nothing"),
        ("^(?P<gap>[^\\d]{0,3}?)(?:法律顾问)", {"法律顾问"}, "an anchor and a lazy gap"),
        ("纠错率|败诉率", {"纠错率", "败诉率"}, "each branch brings its words"),
        ("(?:律师){1,3}", {"律师"}, "a repeat at least once holds its body"),
        ("村[（(]社区", {"村（社区", "村(社区"}, "a small class is spelt out"),
        ("民主法治(?:示范)?村", {"民主法治"}, "four characters are enough: fewer spellings win"),
        ("成功率|.+", None, "a branch of any words: no keyword holds"),
        ("(?:律师)?", None, "a pattern that may match nothing"),
        ("[^，]{2,4}", None, "a negated class is any word"),
        ("\\d+件", {"件"}, "a category is open, the literal after it is not"),
        ("(?i)abc", None, "case folding is not spelt out"),
        ("(a)\\1", {"a"}, "a back-reference is open, the group before it is not"),
    ],
)
def test_required_words(pattern: str, expected: set[str] | None, reason: str) -> None:
    words = required_words(pattern)
    assert (None if words is None else set(words)) == expected, reason


RULE_PATTERNS = [
    (code, pattern)
    for code, rule in load_rulebook().rules.items()
    for pattern in (*rule.before, *rule.after)
] + [  # the scoring patterns searched only where the automaton finds one of their keywords
    (facts_module.GUARD_PREFIX + name, getattr(load_rulebook().scoring, name))
    for name in facts_module.GUARDED
]


@pytest.mark.parametrize(("code", "pattern"), RULE_PATTERNS, ids=[c for c, _ in RULE_PATTERNS])
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_rule_holds_one_of_its_keywords(
    code: str, pattern: re.Pattern[str], data: st.DataObject
) -> None:
    # whatever phrasings.toml holds: strings drawn from each cue pattern itself
    keywords = load_rulebook().scanner.keywords[code]
    if keywords is None:
        return  # a rule without keywords is tried everywhere: nothing to lose
    text = data.draw(st.from_regex(pattern))
    match = pattern.search(text)
    assert match is not None
    assert any(word in match.group(0) for word in keywords), (code, match.group(0), keywords)


def test_rules_hold_keywords() -> None:
    # a rule without keywords is not a loss, but a cost: every number is then tried on it
    book = load_rulebook()
    keywords = {code: book.scanner.keywords[code] for code in book.rules}
    assert [code for code, words in keywords.items() if words is None] == []
    assert all(min(map(len, words or ())) >= 2 for words in keywords.values())
    # a guarded scoring pattern without keywords would only be searched everywhere, as before
    assert all(book.scanner.keywords[facts_module.GUARD_PREFIX + name] for name in book.guard_bits)


def _successful_matches(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> list[tuple[str, facts_module._Context]]:
    """Every (rule, number window) where a rule matches, with the prefilter switched off."""
    found: list[tuple[str, facts_module._Context]] = []
    match = facts_module._match

    def spy(rule, at, text, scoring, cue=None):  # type: ignore[no-untyped-def]
        fact = match(rule, at, text, scoring, cue)
        if fact is not None:
            found.append((rule.indicator.code, at))
        return fact

    with monkeypatch.context() as patch:
        patch.setattr(CueHits, "rules_in", lambda self, lo, hi: -1)
        patch.setattr(CueScanner, "rules_of", lambda self, text: -1)
        patch.setattr(facts_module, "_match", spy)
        norm = normalise(text).text
        facts_module.extract_facts(norm, find_quantities(norm), None)
    return found


@patches_reach_the_extractor
@pytest.mark.parametrize(
    "text",
    [case[0] for case in SENTENCE_CASES] + [path.read_text("utf-8") for path in REPORTS],
    ids=[case[-1] for case in SENTENCE_CASES] + [path.name for path in REPORTS],
)
def test_a_rule_matches_only_where_the_automaton_finds_its_keywords(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    scanner = load_rulebook().scanner
    norm = normalise(text).text
    hits = scanner.scan(norm)
    for code, at in _successful_matches(monkeypatch, text):
        reach = max(at.clause_hi, at.quantity.end + len(at.right))
        cued = hits.rules_in(at.clause_lo, reach)
        if at.previous:
            cued |= hits.rules_in(at.previous_lo, at.previous_lo + len(at.previous))
        if at.listless:
            cued |= scanner.rules_of(at.listless)
        assert cued & scanner.bit_of[code], (code, norm[at.clause_lo : reach])


@patches_reach_the_extractor
@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_facts_are_the_same_with_and_without_the_prefilter(
    monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    text = path.read_text("utf-8")
    with_prefilter = extract_document(text).facts
    with monkeypatch.context() as patch:
        patch.setattr(CueHits, "rules_in", lambda self, lo, hi: -1)
        patch.setattr(CueScanner, "rules_of", lambda self, text: -1)
        without = extract_document(text).facts
    assert with_prefilter == without
    assert with_prefilter, "a report of the labelled sets states headline figures"


@pytest.mark.parametrize(
    ("text", "lo", "hi", "expected", "reason"),
    [
        ("受理行政复议案件12件", 0, 10, {"b"}, "the keyword inside the window"),
        ("受理行政复议案件12件", 3, 10, set(), "a keyword cut by the window's start is not in it"),
        ("受理行政复议案件12件", 0, 5, set(), "nor one cut by its end"),
        ("法律援助案件，行政复议", 0, 6, {"a"}, "only the keywords inside count"),
        ("", 0, 0, set(), "an empty text holds none"),
    ],
)
def test_rules_in_a_window(text: str, lo: int, hi: int, expected: set[str], reason: str) -> None:
    scanner = CueScanner({"a": [re.compile("法律援助")], "b": [re.compile("行政复议")]})
    mask = scanner.scan(text).rules_in(lo, hi)
    assert {name for name, bit in scanner.bit_of.items() if mask & bit} == expected, reason


def test_a_rule_without_keywords_is_tried_everywhere() -> None:
    scanner = CueScanner({"open": [re.compile("[^，]{2,}")], "word": [re.compile("律师")]})
    assert scanner.keywords["open"] is None
    assert scanner.scan("没有任何词").rules_in(0, 5) == scanner.bit_of["open"]
    assert scanner.rules_of("执业律师") == scanner.bit_of["open"] | scanner.bit_of["word"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "an empty text has no delimiter"),
        ("没有标点", "nor has a text without one"),
        ("，", "a text that is one delimiter"),
        ("甲，乙；丙。", "one delimiter at the end"),
        ("，，\n\n；", "delimiters side by side"),
        ("共12,345件；其中\n1.5万元", "a comma inside a number is a delimiter too"),
    ],
)
def test_char_positions_are_the_delimiters_starts(text: str, reason: str) -> None:
    delimiters = "，,；;。\n"
    expected = [m.start() for m in re.finditer(f"[{delimiters}]", text)]
    assert char_positions(delimiters, text) == expected, reason


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_hits_come_in_order_of_their_ends(path: Path) -> None:
    """``rules_in`` bisects the ends: the automaton must report overlapping keywords by end."""
    hits = load_rulebook().scanner.scan(normalise(path.read_text("utf-8")).text)
    assert list(hits.ends) == sorted(hits.ends), "ends out of order"
    assert len(hits.ends) > 10, "a report holds many keywords"
    assert all(
        0 < end - start <= hits.longest for start, end in zip(hits.starts, hits.ends, strict=True)
    ), "each hit spans one keyword"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="一二三十是、（）()1２.．。；;\n \t#甲", max_size=40))
def test_outline_markers_are_found_where_the_outline_pattern_finds_them(text: str) -> None:
    """The outline's markers are tried only where a match can begin: the same as a full search
    (headings, numbered items and 一是 after stops, line breaks and spaces, in any mix)."""
    expected = [m.span() for m in document_module.OUTLINE_RE.finditer(text)]
    assert [m.span() for m in document_module._outline_markers(text)] == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="一二十、.．。问题\n \t#甲", max_size=40))
def test_top_headings_are_those_a_full_search_finds(text: str) -> None:
    """The plan sections' headings are matched only at lines that may open one."""
    expected = [m.span() for m in facts_module.TOP_HEADING_RE.finditer(text)]
    assert [m.span() for m in facts_module._top_headings(text)] == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ab\udcff受理行政复议案件，", "a lone surrogate before a keyword and a stop"),
        ("\ud800行政复议\udfff，\ud800", "lone surrogates around them"),
        ("𠀀😀受理行政复议案件，", "characters beyond the Basic Multilingual Plane"),
    ],
)
def test_keywords_and_stops_are_found_in_any_text(text: str, reason: str) -> None:
    """The automata read UTF-8: a lone surrogate (a broken escape) must not stop a report, and
    offsets stay offsets into the text as Python indexes it."""
    scanner = CueScanner({"b": [re.compile("行政复议")]})
    hits = scanner.scan(text)
    assert [text[s:e] for s, e in zip(hits.starts, hits.ends, strict=True)] == ["行政复议"], reason
    assert scanner.rules_of(text) == scanner.bit_of["b"], reason
    assert char_positions("，", text) == [text.index("，")], reason
    assert extract_document("全县共办理法律援助案件120件。" + text).facts, reason
