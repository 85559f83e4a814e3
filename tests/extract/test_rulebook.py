"""The rules file is checked when it is loaded, and every rule's examples hold.

Small rules files are written to tmp_path: the package file's [defaults], [units] and [scoring]
tables, then one or two indicator tables of our own, against a catalogue of the same indicators.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fazhi.catalog import load_catalog
from fazhi.config import PACKAGE_DATA, Settings
from fazhi.extract.document import extract_document
from fazhi.extract.facts import RulebookError, RulePaths, load_rulebook
from fazhi.extract.numbers import find_quantities
from fazhi.extract.rulebook_check import unit_keys
from fazhi.extract.stage import EXTRACTOR_FILES, _extractor_files_digest, extractor_fingerprint

PACKAGE_RULES = (PACKAGE_DATA / "phrasings.toml").read_text("utf-8")
HEAD = PACKAGE_RULES[: PACKAGE_RULES.index("[indicator.")]  # [defaults], [units], [scoring]
CATALOG_HEADER = "code,category,name_zh,name_en,unit,kind,min,max,phrasings,headline,ratio_of\n"
AID = "aid_cases,legal_aid,法律援助案件数,Legal aid cases,件,count,0,10000000,,1,\n"
FIRMS = "law_firms,legal_services,律师事务所数,Law firms,家,stock,0,1000000,,,\n"
AID_RULE = """
[indicator.aid_cases]
before = ["法律援助案件"]
examples = [["办理法律援助案件12件。", 12]]
"""
FIRMS_RULE = """
[indicator.law_firms]
before = ["律师事务所"]
examples = [["全县共有律师事务所5家。", 5]]
"""


def _write(tmp_path: Path, rules: str, catalog_rows: str = AID + FIRMS) -> tuple[Path, Path]:
    rules_path, catalog_path = tmp_path / "phrasings.toml", tmp_path / "catalog.csv"
    rules_path.write_text(HEAD + rules, "utf-8")
    catalog_path.write_text(CATALOG_HEADER + catalog_rows, "utf-8")
    return rules_path, catalog_path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


BROKEN = [
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            'before = ["律师事务所"]', 'units = ["支队"]\nbefore = ["律师事务所"]'
        ),
        'units = ["支队"]',
        r"\[indicator\.law_firms\] units: unit '支队' is never produced by the number parser",
        id="an indicator's unit the parser never produces",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            "[indicator.law_firms]", '[indicator.law_firms]\nunits_when = { "份单" = "决定" }'
        ),
        'units_when = { "份单"',
        r"units_when: unit '份单' is never produced",
        id="a conditional unit the parser never produces",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE
        + '\n[indicator.aid_lawyers]\nbefore = ["援助律师"]\nexamples = [["援助律师5名。", 5]]\n',
        "[indicator.aid_lawyers]",
        r"'aid_lawyers' is not an indicator of .*catalog\.csv",
        id="an indicator code the catalogue lacks",
    ),
    pytest.param(
        AID_RULE + FIRMS_RULE.replace('before = ["律师事务所"]', 'before = ["律师事务所(?:家"]'),
        'before = ["律师事务所(?:家"]',
        r"before: pattern '律师事务所\(\?:家' does not compile",
        id="a cue that does not compile",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            'before = ["律师事务所"]', 'before = ["律师事务所"]\nexclude = ["[分所"]'
        ),
        'exclude = ["[分所"]',
        r"exclude: pattern '\[分所' does not compile",
        id="a veto that does not compile",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            'before = ["律师事务所"]', 'before = ["律师事务所"]\npairs = [["设立", "律所("]]'
        ),
        'pairs = [["设立", "律所("]]',
        r"pairs: pattern '律所\(' does not compile",
        id="a verb–object pair that does not compile",
    ),
    pytest.param(
        AID_RULE,
        None,
        r"no rule \[indicator\.law_firms\] for the catalogue indicator law_firms \(.*catalog\.csv:3\)",
        id="a catalogue indicator without a rule names its catalogue line",
    ),
    pytest.param(
        AID_RULE + FIRMS_RULE.replace('examples = [["全县共有律师事务所5家。", 5]]', ""),
        "[indicator.law_firms]",
        r"\[indicator\.law_firms\] no example",
        id="a rule without a test row (example)",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            'examples = [["全县共有律师事务所5家。", 5]]',
            'examples = [["新设律师事务所2家。", false]]',
        ),
        '[["新设律师事务所2家。", false]]',
        r"every example is a trap",
        id="a rule whose examples are all traps has no test of what it finds",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            'before = ["律师事务所"]', 'before = ["律师事务所"]\nexlude = ["分所"]'
        ),
        "exlude =",
        r"unknown key 'exlude'",
        id="a misspelt key would silently do nothing",
    ),
    pytest.param(
        AID_RULE
        + FIRMS_RULE.replace(
            'examples = [["全县共有律师事务所5家。", 5]]',
            'examples = [["全县共有律师事务所5家。"]]',
        ),
        '[["全县共有律师事务所5家。"]]',
        r"is not \[TEXT, VALUE\]",
        id="an example without its value",
    ),
]


@pytest.mark.parametrize(("rules", "needle", "message"), BROKEN)
def test_a_rules_file_that_cannot_work_fails_at_load_naming_file_and_line(
    tmp_path: Path, rules: str, needle: str | None, message: str
) -> None:
    rules_path, catalog_path = _write(tmp_path, rules)
    with pytest.raises(RulebookError, match=message) as raised:
        load_rulebook(rules_path, catalog_path)
    assert str(rules_path) in str(raised.value)
    if needle is not None:
        assert f"{rules_path}:{_line_of(rules_path, needle)}:" in str(raised.value)


def test_a_unit_family_naming_a_unit_the_parser_never_produces_fails_at_load(
    tmp_path: Path,
) -> None:
    rules_path, catalog_path = _write(tmp_path, AID_RULE + FIRMS_RULE)
    text = rules_path.read_text("utf-8").replace('"件" = ["件",', '"件" = ["件", "单子",', 1)
    rules_path.write_text(text, "utf-8")
    with pytest.raises(
        RulebookError, match=r"\[units\] family '件': unit '单子' is never produced"
    ):
        load_rulebook(rules_path, catalog_path)


def test_a_small_valid_rules_file_loads_and_finds_its_figures(tmp_path: Path) -> None:
    rules_path, catalog_path = _write(tmp_path, AID_RULE + FIRMS_RULE)
    book = load_rulebook(rules_path, catalog_path)
    assert set(book.rules) == {"aid_cases", "law_firms"}


@pytest.mark.parametrize(
    ("word", "keys", "reason"),
    [
        ("件", {"件"}, "a unit the parser produces is its own key"),
        ("单", {"单"}, "单 counts cases in Guangdong's usage: the parser produces it"),
        ("份次", {"份次"}, "copies handed out, counted per handing"),
        ("支", {"支"}, "teams (12支队伍): produced, though no indicator counts them"),
        ("万", {"scale:万"}, "a bare scale: a number with 万 and no unit"),
        ("万元", {"元"}, "a scale before a unit names quantities of that unit, scaled"),
        ("亿元", {"元"}, "the same for 亿"),
        ("单子", set(), "a word the parser never produces"),
    ],
)
def test_unit_words_map_to_what_the_parser_produces(word: str, keys: set[str], reason: str) -> None:
    assert unit_keys(word) == keys, reason


@pytest.mark.parametrize(
    ("text", "unit", "reason"),
    [
        ("办理调解案件120单。", "单", "单 after a count of cases"),
        ("组建普法志愿者队伍12支。", "支", "支 after a count of teams"),
        ("发放宣传资料3000份次。", "份次", "份次 after a count of copies"),
        ("覆盖全县30单位。", None, "单位 is a word of its own, not the unit 单"),
        ("得到1支持。", None, "支持 is a word of its own, not the unit 支"),
    ],
)
def test_the_parser_produces_the_unit_words_the_rules_name(
    text: str, unit: str | None, reason: str
) -> None:
    [quantity] = find_quantities(text)
    assert quantity.unit == unit, reason


def test_every_unit_word_of_the_package_rules_is_produced_by_the_parser() -> None:
    data = tomllib.loads(PACKAGE_RULES)
    words = [word for family in data["units"].values() for word in family]
    for spec in data["indicator"].values():
        words += [*spec.get("units", []), *spec.get("units_when", {})]
    assert words and [w for w in words if not unit_keys(w)] == []


EXAMPLES = [
    pytest.param(text, code, value, id=f"{code}: {text}")
    for code, spec in tomllib.loads(PACKAGE_RULES)["indicator"].items()
    for text, value in spec["examples"]
]


@pytest.mark.parametrize(("text", "indicator", "expected"), EXAMPLES)
def test_every_rule_example_holds(text: str, indicator: str, expected: float | bool) -> None:
    facts = {f.indicator: f.value for f in extract_document(text).facts}
    if expected is False:
        assert indicator not in facts
    else:
        assert facts.get(indicator) == pytest.approx(expected)


def test_every_catalogue_indicator_has_a_rule_with_an_example_it_finds() -> None:
    assert {param.values[1] for param in EXAMPLES} == set(load_catalog())


def test_the_rules_file_and_catalogue_of_the_settings_steer_extraction(tmp_path: Path) -> None:
    """A run's Settings name the rules file; extraction and its cache key follow it."""
    rules_path, catalog_path = _write(tmp_path, AID_RULE + FIRMS_RULE)
    settings = Settings(data_dir=tmp_path, phrasings_path=rules_path, catalog_path=catalog_path)
    paths = RulePaths.of(settings)
    text = "全县共有律师事务所5家，执业律师80名，办理法律援助案件12件。"
    own = {f.indicator: f.value for f in extract_document(text, rules=paths).facts}
    package = {f.indicator: f.value for f in extract_document(text).facts}
    assert own == {"law_firms": 5, "aid_cases": 12}  # only the two indicators of that catalogue
    assert package["law_lawyers"] == 80  # the package rules know lawyers too
    assert extractor_fingerprint(paths) != extractor_fingerprint()


def test_the_extract_and_eval_commands_take_the_rules_file_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``FAZHI_PHRASINGS_PATH`` / ``FAZHI_CATALOG_PATH`` steer ``fazhi extract`` and ``fazhi eval``
    as they steer the pipeline (both commands once read the packaged rules whatever was set)."""
    import json

    from typer.testing import CliRunner

    from fazhi.cli import app

    rules_path, catalog_path = _write(tmp_path, AID_RULE + FIRMS_RULE)
    report = tmp_path / "docs" / "a.txt"
    report.parent.mkdir()
    report.write_text("全县共有律师事务所5家，执业律师80名，办理法律援助案件12件。", "utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    columns = (
        "doc,locality_code,locality_name,province,city,report_year,issuer,doc_type,published_on"
    )
    (gold / "documents.csv").write_text(f"{columns}\na.txt,,,,,,,,\n", "utf-8")
    (gold / "facts.csv").write_text(
        "doc,indicator,value,unit,qualifier,required,evidence\n"
        "a.txt,law_lawyers,80,名,exact,yes,执业律师80名\n",
        "utf-8",
    )
    monkeypatch.setenv("FAZHI_PHRASINGS_PATH", str(rules_path))
    monkeypatch.setenv("FAZHI_CATALOG_PATH", str(catalog_path))
    runner = CliRunner()
    extracted = runner.invoke(app, ["extract", str(report), "--format", "jsonl"])
    assert extracted.exit_code == 0, extracted.output
    record = json.loads(extracted.output.strip().splitlines()[-1])
    assert {f["indicator"] for f in record["facts"]} == {"law_firms", "aid_cases"}
    scored = runner.invoke(
        app, ["eval", "--gold", str(gold), "--docs", str(report.parent), "--format", "json"]
    )
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output)["fact_recall"] == 0.0  # lawyers are not in that file


def test_the_fingerprint_covers_the_extractors_code_and_metadata_rules() -> None:
    """An extraction is reused only by the extractor that made it: its code, the metadata rules
    and the dated division codes enter the key, not only the version string and the phrasings
    (the version never changed while the code did, so `reextract` reused old extractions)."""
    names = {path.name for path in EXTRACTOR_FILES}
    assert {"metadata.py", "facts.py", "document.py", "localities.py"} <= names
    assert {"metadata_rules.toml", "division_codes.csv"} <= names
    assert all(path.is_file() for path in EXTRACTOR_FILES)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"a.py": "x = 1", "b.toml": "k = 1"}, {"a.py": "x = 1", "b.toml": "k = 1"}, True),
        ({"a.py": "x = 1", "b.toml": "k = 1"}, {"a.py": "x = 2", "b.toml": "k = 1"}, False),
        ({"a.py": "x = 1", "b.toml": "k = 1"}, {"a.py": "x = 1", "b.toml": "k = 2"}, False),
    ],
)
def test_the_fingerprints_files_digest_follows_every_file(
    tmp_path: Path, first: dict[str, str], second: dict[str, str], same: bool
) -> None:
    digests = []
    for index, files in enumerate((first, second)):
        folder = tmp_path / str(index)
        folder.mkdir()
        paths = []
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
            paths.append(folder / name)
        digests.append(_extractor_files_digest(tuple(paths)))
    assert (digests[0] == digests[1]) is same
