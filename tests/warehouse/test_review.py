"""Quarantine by hand: list with title and URL in 80 columns; accept loads flagged; resolve closes.

A real gate run on the planted batch quarantines rows; they are staged in the lake and the rest
loaded into a real warehouse, as the pipeline does.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings, load_settings
from fazhi.extract.stage import StagedBatch, write_staged
from fazhi.quality.gate import run_gate
from fazhi.quality.quarantine import quarantined_documents, read_quarantine, record_gate_run
from fazhi.schemas import DOCUMENTS, FACTS, MENTIONS, conform, empty
from fazhi.warehouse.load import load_run
from tests.quality.planted import RUN_ID, _doc, _fact, planted_batch

runner = CliRunner()


@pytest.fixture(scope="module")
def gated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory after one real gated run of the planted batch (copied per test)."""
    data_dir = tmp_path_factory.mktemp("gated")
    settings = load_settings(data_dir=data_dir)
    batch = planted_batch()
    # a refused document with a fact of its own, refused only because of the document
    extra_doc = _doc("kind-with-fact", "440883", 2023, doc_type="press_release")
    extra_fact = _fact("kind-with-fact", "aid_cases", 64, "件")
    batch.documents = pl.concat(
        [batch.documents, conform(pl.DataFrame([extra_doc]), DOCUMENTS)], how="vertical"
    )
    batch.facts = pl.concat([batch.facts, conform(pl.DataFrame([extra_fact]), FACTS)])
    write_staged(StagedBatch(batch.documents, empty(MENTIONS), batch.facts), settings, RUN_ID)
    gate = run_gate(
        batch.documents, batch.facts, settings=settings, run_id=RUN_ID, build_docs=False
    )
    record_gate_run(settings, RUN_ID, gate, gated_documents=batch.documents)
    load_run(
        settings,
        run_id=RUN_ID,
        started_at=datetime.now(UTC),
        status="succeeded",
        counts={},
        documents=gate.documents,
        facts=gate.facts,
        mentions=empty(MENTIONS),
        validations=gate.validations,
        quarantine=gate.quarantine,
    )
    return data_dir


@pytest.fixture
def settings(gated: Path, tmp_path: Path) -> Settings:
    import shutil

    shutil.copytree(gated, tmp_path / "data")
    return load_settings(data_dir=tmp_path / "data", lock_timeout_s=5.0)


def cli(settings: Settings, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, [*args, "--data-dir", str(settings.data_dir)], env={"FAZHI_REVIEWER": "reviewer-1"}
    )
    return result.exit_code, result.output


def row_id(settings: Settings, doc_id: str, indicator: str | None = None) -> str:
    rows = read_quarantine(settings).filter(pl.col("doc_id") == doc_id)
    rows = rows.filter(
        pl.col("indicator").is_null() if indicator is None else pl.col("indicator") == indicator
    )
    assert rows.height == 1, rows
    return str(rows["id"][0])


def loaded(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return con.sql(sql).fetchall()


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_list_shows_title_url_and_reason_within_80_columns(settings: Settings) -> None:
    code, output = cli(settings, "quarantine", "list")
    assert code == 0, output
    assert "bad-kind" in output and "http://127.0.0.1/bad-kind.html" in output
    assert "doc_type is not annual_report, work_summary or other" in output
    assert max(columns(line) for line in output.splitlines()) <= 80


@pytest.mark.parametrize(
    ("doc_id", "indicator", "expect_docs", "expect_facts", "reason"),
    [
        ("bad-kind", None, 1, 0, "a document alone"),
        ("kind-with-fact", None, 1, 1, "a document brings the fact refused only because of it"),
        ("fact-faults", "enf_inspections", 0, 1, "a fact of a loaded document"),
    ],
    ids=["document", "document with cascaded fact", "fact"],
)
def test_accept_loads_the_row_flagged_and_records_the_decision(
    settings: Settings,
    doc_id: str,
    indicator: str | None,
    expect_docs: int,
    expect_facts: int,
    reason: str,
) -> None:
    rid = row_id(settings, doc_id, indicator)
    code, output = cli(settings, "quarantine", "accept", rid, "--why", "checked by hand")
    assert code == 0, output
    assert f"loaded {expect_docs} document(s) and {expect_facts} fact(s)" in output, reason
    facts = loaded(
        settings,
        f"select indicator, flags from fact_indicator where doc_id = '{doc_id}' "
        "and list_contains(flags, 'accepted_by_hand')",
    )
    assert len(facts) == expect_facts, reason
    if expect_docs:
        docs = loaded(settings, f"select flags from dim_document where doc_id = '{doc_id}'")
        assert any("accepted_by_hand" in flags for (flags,) in docs), reason
        assert doc_id not in quarantined_documents(settings)
    row = read_quarantine(settings).filter(pl.col("id") == rid).row(0, named=True)
    assert (row["status"], row["decided_by"], row["why"]) == (
        "accepted",
        "reviewer-1",
        "checked by hand",
    )
    assert row["decided_at"] is not None


def test_resolve_closes_without_loading(settings: Settings) -> None:
    rid = row_id(settings, "old-year")
    code, output = cli(settings, "quarantine", "resolve", rid, "--why", "a draft")
    assert code == 0, output
    assert loaded(settings, "select * from dim_document where doc_id = 'old-year'") == []
    row = read_quarantine(settings).filter(pl.col("id") == rid).row(0, named=True)
    assert (row["status"], row["decided_by"], row["why"]) == ("resolved", "reviewer-1", "a draft")
    code, output = cli(settings, "quarantine", "list")
    assert rid not in output
    code, output = cli(settings, "quarantine", "list", "--all")
    assert rid in output and "resolved by reviewer-1" in output


@pytest.mark.parametrize(
    ("steps", "message", "reason"),
    [
        (
            [("accept", "no-locality", "aid_cases", "x")],
            "accept the document",
            "its document is out",
        ),
        ([("accept", "no-locality", None, "x")], "cannot be loaded", "no locality: no cell for it"),
        ([("resolve", "bad-kind", None, " ")], "needs a reason", "a decision says why"),
        (
            [("resolve", "bad-kind", None, "a"), ("accept", "bad-kind", None, "b")],
            "resolved already",
            "a decided row is not decided again",
        ),
        ([("accept", "zzzz", None, "x")], "no quarantined row", "unknown id"),
    ],
    ids=[
        "fact of a quarantined document",
        "row the warehouse cannot hold",
        "blank why",
        "decided twice",
        "unknown id",
    ],
)
def test_decisions_refuse_clearly(
    settings: Settings, steps: list[tuple[str, str, str | None, str]], message: str, reason: str
) -> None:
    code, output = 0, ""
    for action, doc_id, indicator, why in steps:
        rid = "zzzz" if doc_id == "zzzz" else row_id(settings, doc_id, indicator)
        code, output = cli(settings, "quarantine", action, rid, "--why", why)
    assert code == 1, reason
    assert message in output, reason


@pytest.mark.parametrize("command", ["list", "accept", "resolve"])
def test_help_has_an_example(command: str) -> None:
    assert "Example" in runner.invoke(app, ["quarantine", command, "--help"]).output


def test_a_rebuild_keeps_what_was_accepted_by_hand(settings: Settings) -> None:
    rid = row_id(settings, "kind-with-fact")
    assert cli(settings, "quarantine", "accept", rid, "--why", "checked")[0] == 0
    query = (
        "select doc_id, indicator from fact_indicator "
        "where list_contains(flags, 'accepted_by_hand') order by all"
    )
    before = loaded(settings, query)
    assert before == [("kind-with-fact", "aid_cases")]

    code, output = cli(settings, "rebuild")

    assert code == 0, output
    assert loaded(settings, query) == before
    assert loaded(
        settings, "select count(*) from dim_document where doc_id = 'kind-with-fact'"
    ) == [(1,)]
