"""The evaluation command: scoring rules on a tiny gold set, and the committed baseline held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.extract.evaluate import evaluate, regressions
from fazhi.extract.files import extract_file

REPO = Path(__file__).resolve().parents[2]

GOLD_DOCS = (
    "doc,locality_code,locality_name,province,city,report_year,issuer,doc_type,published_on\n"
)
GOLD_FACTS = "doc,indicator,value,unit,qualifier,required,evidence\n"


def write_gold(tmp: Path, facts: list[str]) -> tuple[Path, Path]:
    gold, docs = tmp / "gold", tmp / "docs"
    gold.mkdir()
    docs.mkdir()
    (docs / "a.txt").write_text(
        "遂溪县司法局2021年法治政府建设年度报告\n全县共受理法律援助案件120件。"
        "共调解矛盾纠纷300件，调解成功290件。全县现有人民陪审员40名。",
        "utf-8",
    )
    (gold / "documents.csv").write_text(
        GOLD_DOCS + "a.txt,440823,遂溪县,广东省,湛江市,2021,遂溪县司法局,annual_report,\n", "utf-8"
    )
    (gold / "facts.csv").write_text(GOLD_FACTS + "\n".join(facts) + "\n", "utf-8")
    return gold, docs


@pytest.mark.parametrize(
    ("facts", "tp", "fp", "fn", "reason"),
    [
        (
            [
                "a.txt,aid_cases,120,件,exact,yes,x",
                "a.txt,med_disputes_handled,300,件,exact,yes,x",
                "a.txt,med_disputes_resolved,290,件,exact,yes,x",
                "a.txt,ppl_assessors,40,人,exact,yes,x",
            ],
            4,
            0,
            0,
            "every figure right",
        ),
        (
            [
                "a.txt,aid_cases,121,件,exact,yes,x",
                "a.txt,med_disputes_handled,300,件,exact,yes,x",
                "a.txt,med_disputes_resolved,290,件,exact,yes,x",
                "a.txt,ppl_assessors,40,人,exact,yes,x",
            ],
            3,
            1,
            1,
            "121 vs 120 is 0.8 % off: a false figure and a miss",
        ),
        (
            [
                "a.txt,aid_cases,120,件,exact,yes,x",
                "a.txt,med_disputes_handled,300,件,exact,yes,x",
                "a.txt,med_disputes_resolved,290,件,exact,yes,x",
                "a.txt,ppl_assessors,40,人,exact,no,x",
            ],
            3,
            0,
            0,
            "an optional row scores nothing either way",
        ),
        (
            [
                "a.txt,aid_cases,120,件,exact,yes,x",
                "a.txt,med_disputes_handled,300,件,exact,yes,x",
                "a.txt,ppl_assessors,40,人,exact,yes,x",
                "a.txt,rec_cases_closed,5,件,exact,yes,x",
            ],
            3,
            1,
            1,
            "an unlabelled figure is false; a missing one is missed",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_scoring_rules(
    tmp_path: Path, facts: list[str], tp: int, fp: int, fn: int, reason: str
) -> None:
    gold, docs = write_gold(tmp_path, facts)
    report = evaluate(gold, docs, extract_file)
    o = report.overall
    assert (o.tp, o.fp, o.fn) == (tp, fp, fn), reason
    assert report.metadata_accuracy()["locality_code"] == 1.0


def test_development_set_does_not_fall_below_the_committed_baseline() -> None:
    report = evaluate(REPO / "eval/gold", REPO / "eval/docs", extract_file)
    assert regressions(report, REPO / "eval/baseline.json") == []
    baseline = json.loads((REPO / "eval/baseline.json").read_text("utf-8"))
    assert baseline["fact_precision"] >= 0.97 and baseline["fact_recall"] >= 0.90


@pytest.mark.parametrize("name", ["challenge", "challenge2", "challenge3"])
def test_challenge_sets_do_not_fall_below_their_baselines(name: str) -> None:
    """Synthetic reports in other provinces' styles (eval/<name>/README.md): generalisation."""
    challenge = REPO / "eval" / name
    report = evaluate(challenge / "gold", challenge / "docs", extract_file)
    assert regressions(report, challenge / "baseline.json") == []


def test_eval_command_prints_scores_and_misses(tmp_path: Path) -> None:
    gold, docs = write_gold(
        tmp_path, ["a.txt,aid_cases,999,件,exact,yes,全县共受理法律援助案件999件"]
    )
    # no baseline beside this gold folder: scores are printed, nothing is compared
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "aid_cases" in result.output
    assert "999" in result.output  # the miss is listed with its expected value


def test_eval_command_fails_when_scores_fall_below_the_baseline_beside_the_gold(
    tmp_path: Path,
) -> None:
    gold, docs = write_gold(tmp_path, ["a.txt,aid_cases,120,件,exact,yes,x"])
    assert (
        CliRunner()
        .invoke(app, ["eval", "--gold", str(gold), "--docs", str(docs), "--write-baseline"])
        .exit_code
        == 0
    )
    assert (tmp_path / "baseline.json").is_file()
    (gold / "facts.csv").write_text(GOLD_FACTS + "a.txt,aid_cases,777,件,exact,yes,x\n", "utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--docs", str(docs)])
    assert result.exit_code == 1 and "REGRESSION" in result.output


def test_extract_command_prints_the_contract_json() -> None:
    doc = REPO / "eval/docs/004_537287280db083c9.txt"
    result = CliRunner().invoke(app, ["extract", str(doc), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.strip().splitlines()[-1])
    assert record["locality_code"] == "411202" and record["report_year"] == 2023
    text = doc.read_text("utf-8")
    for fact in record["facts"]:
        assert text[fact["start"] : fact["end"]] == fact["text"]


def test_extract_prints_one_object_per_file_even_for_unreadable_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = REPO / "eval/docs/004_537287280db083c9.txt"
    result = CliRunner().invoke(app, ["extract", str(empty), str(good), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["path"] for r in records] == [str(empty), str(good)]
    assert records[0]["facts"] == [] and records[0]["locality_code"] is None
    assert "empty" in records[0]["error"]
    assert "error" not in records[1]
