"""Scoring a part of a corpus: the split file, sealed totals without words, fields left unscored,
and the provenance header of a saved text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.extract.evaluate import evaluate, pooled, read_split, sealed_totals, wilson_interval
from fazhi.extract.files import extract_file, read_local_report

REPORT_A = (
    "遂溪县司法局2021年法治政府建设年度报告\n全县共受理法律援助案件120件。共调解矛盾纠纷300件。"
)
REPORT_B = "河头镇2023年法治政府建设工作报告\n全镇共调解矛盾纠纷45件，调解成功率达98%。"
DOCUMENTS = (
    "doc,locality_code,locality_name,province,city,report_year,issuer,doc_type,published_on,"
    "locality_in_text\n"
    "a.txt,440823,遂溪县,广东省,湛江市,2021,遂溪县司法局,annual_report,,yes\n"
    "b.txt,330000,某县,浙江省,某市,2023,,annual_report,,no\n"
)
FACTS = (
    "doc,indicator,value,unit,qualifier,required,evidence\n"
    "a.txt,aid_cases,120,件,exact,yes,受理法律援助案件120件\n"
    "a.txt,med_disputes_handled,300,件,exact,yes,调解矛盾纠纷300件\n"
    "b.txt,med_disputes_handled,45,件,exact,yes,调解矛盾纠纷45件\n"
)
REPO = Path(__file__).resolve().parents[2]
HEADER = (
    "# source: https://www.example.gov.cn/art/2024/1/2/art_1_2.html\n# retrieved-via: pages\n\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path, Path]:
    gold, docs = tmp_path / "gold", tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    (docs / "a.txt").write_text(HEADER + REPORT_A, "utf-8")
    (docs / "b.txt").write_text(HEADER + REPORT_B, "utf-8")
    (gold / "documents.csv").write_text(DOCUMENTS, "utf-8")
    (gold / "facts.csv").write_text(FACTS, "utf-8")
    split = tmp_path / "split.csv"
    split.write_text("doc,part\na.txt,dev\nb.txt,sealed\n", "utf-8")
    return gold, docs, split


@pytest.mark.parametrize(
    ("content", "body", "url", "reason"),
    [
        (HEADER + "正文", "正文", "https://www.example.gov.cn/art/2024/1/2/art_1_2.html", "header"),
        ("# source: http://x.gov.cn/a\n正文\n", "正文\n", "http://x.gov.cn/a", "no blank line"),
        ("正文 # source: x", "正文 # source: x", None, "no header: bytes untouched"),
        ("# 标题\n正文", "# 标题\n正文", None, "a markdown heading is text, not a header"),
    ],
)
def test_read_local_report_strips_only_a_provenance_header(
    tmp_path: Path, content: str, body: str, url: str | None, reason: str
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(content, "utf-8")
    local = read_local_report(path)
    assert local.data.decode("utf-8") == body, reason
    assert local.source_url == url, reason


def test_header_never_reaches_the_extracted_text(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(HEADER + REPORT_A, "utf-8")
    assert extract_file(path).metadata.report_year == 2021


def test_a_part_scores_only_its_documents(corpus: tuple[Path, Path, Path]) -> None:
    gold, docs, split = corpus
    parts = read_split(split)
    dev = evaluate(
        gold, docs, extract_file, only=frozenset(d for d, p in parts.items() if p == "dev")
    )
    assert dev.documents == 1
    assert (dev.overall.tp, dev.overall.fn) == (2, 0)


def test_blank_issuer_and_township_without_county_are_not_scored(
    corpus: tuple[Path, Path, Path],
) -> None:
    gold, docs, _ = corpus
    report = evaluate(gold, docs, extract_file)
    assert report.metadata_scored["issuer"] == 1, "b.txt's blank issuer is not scored"
    assert report.metadata_scored["locality_code"] == 1, "b.txt names no county"
    assert report.metadata_scored["report_year"] == 2


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [(16, 21, 0.549, 0.894), (0, 10, 0.0, 0.278), (10, 10, 0.722, 1.0), (0, 0, 0.0, 1.0)],
)
def test_wilson_interval_matches_known_values(
    successes: int, trials: int, low: float, high: float
) -> None:
    got = wilson_interval(successes, trials)
    assert got == pytest.approx((low, high), abs=0.002)


def test_sealed_mode_prints_totals_and_no_words(corpus: tuple[Path, Path, Path]) -> None:
    gold, docs, split = corpus
    args = ["eval", "--gold", str(gold), "--docs", str(docs), "--split", str(split)]
    result = CliRunner().invoke(app, [*args, "--part", "sealed", "--sealed"])
    assert result.exit_code == 0, result.output
    assert "sealed: 1 documents" in result.output
    assert "precision" in result.output
    for words in ("调解", "河头镇", "b.txt"):
        assert words not in result.output


def test_history_appends_one_row_per_scoring(
    corpus: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    gold, docs, split = corpus
    history = tmp_path / "HISTORY.md"
    args = ["eval", "--gold", str(gold), "--docs", str(docs), "--split", str(split)]
    for _ in range(2):
        result = CliRunner().invoke(
            app, [*args, "--part", "dev", "--sealed", "--history", str(history)]
        )
        assert result.exit_code == 0, result.output
    rows = history.read_text("utf-8").splitlines()
    assert len(rows) == 2
    assert all("| dev | 1 |" in row for row in rows)


def test_sealed_totals_hold_intervals(corpus: tuple[Path, Path, Path]) -> None:
    gold, docs, _ = corpus
    totals = sealed_totals(evaluate(gold, docs, extract_file))
    precision, low, high = totals["facts"]["precision"]  # type: ignore[index]
    assert low <= precision <= high


def test_pooled_parts_sum_to_the_whole_set(corpus: tuple[Path, Path, Path]) -> None:
    """The dev and sealed parts pooled score as the set scored at once, counts and fields."""
    gold, docs, split = corpus
    parts = read_split(split)
    by_part = [
        evaluate(gold, docs, extract_file, only=frozenset(d for d, p in parts.items() if p == part))
        for part in ("dev", "sealed")
    ]
    whole, pool = evaluate(gold, docs, extract_file), pooled(by_part)
    assert pool.documents == whole.documents == 2
    o, w = pool.overall, whole.overall
    assert (o.tp, o.fp, o.fn) == (w.tp, w.fp, w.fn)
    assert pool.metadata_right == whole.metadata_right
    assert pool.metadata_scored == whole.metadata_scored
    assert {k: (c.tp, c.fp, c.fn) for k, c in pool.per_indicator.items()} == {
        k: (c.tp, c.fp, c.fn) for k, c in whole.per_indicator.items()
    }


@pytest.mark.parametrize("part", ["sealed", "dev"])
def test_the_pooling_tool_prints_totals_of_every_set_and_no_words(
    corpus: tuple[Path, Path, Path], part: str
) -> None:
    gold, docs, split = corpus
    spec = f"{gold}:{docs}:{split}"
    result = subprocess.run(
        [sys.executable, str(REPO / "tools/pool_sealed.py"), spec, spec, "--part", part],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    # one document of each part a set, named by the part pooled
    assert f"pooled-{part} (2 sets): 2 documents" in result.stdout
    for words in ("调解", "河头镇", "b.txt"):
        assert words not in result.stdout
