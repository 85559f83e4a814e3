"""The real gate (Great Expectations included) on a batch with planted faults among good rows."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from fazhi.config import Settings
from fazhi.quality.gate import GateResult, run_gate
from fazhi.quality.suites import load_suites
from fazhi.schemas import DOCUMENTS, FACTS, QUARANTINE, VALIDATIONS
from tests.quality.planted import RUN_ID, Batch, fact_key, planted_batch

BATCH = planted_batch()


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("gate"))


@pytest.fixture(scope="module")
def gated(settings: Settings) -> GateResult:
    return run_gate(
        BATCH.documents,
        BATCH.facts,
        settings=settings,
        run_id=RUN_ID,
        prior_values=BATCH.prior_values,
    )


def _quarantined(result: GateResult, table: str) -> dict[object, set[str]]:
    rows = result.quarantine.filter(pl.col("table_name") == table)
    if table == "documents":
        return {r["doc_id"]: set(r["reasons"]) for r in rows.iter_rows(named=True)}
    values = [json.loads(r)["value"] for r in rows["row_json"]]
    return {
        (d, i, float(v)): set(reasons)
        for d, i, v, reasons in zip(
            rows["doc_id"], rows["indicator"], values, rows["reasons"], strict=True
        )
    }


def _fact_flags(result: GateResult) -> dict[tuple[str, str, float], list[str]]:
    return {fact_key(r): r["flags"] for r in result.facts.iter_rows(named=True)}


@pytest.mark.parametrize("doc_id", sorted(BATCH.quarantined_documents), ids=str)
def test_faulty_documents_are_quarantined_with_their_reasons(
    gated: GateResult, doc_id: str
) -> None:
    assert _quarantined(gated, "documents")[doc_id] == BATCH.quarantined_documents[doc_id]


@pytest.mark.parametrize("key", sorted(BATCH.quarantined_facts), ids=lambda k: f"{k[0]}:{k[1]}")
def test_faulty_facts_are_quarantined_with_their_reasons(gated: GateResult, key: tuple) -> None:
    assert _quarantined(gated, "facts")[key] == BATCH.quarantined_facts[key]


@pytest.mark.parametrize("doc_id", sorted(BATCH.passing_documents), ids=str)
def test_good_and_warned_documents_load_with_their_flags(gated: GateResult, doc_id: str) -> None:
    passed = gated.documents.filter(pl.col("doc_id") == doc_id)
    assert passed.height == 1, "exactly one copy loads, even of a duplicated document"
    assert passed["flags"].to_list() == [BATCH.passing_documents[doc_id]]


@pytest.mark.parametrize("key", sorted(BATCH.passing_facts), ids=lambda k: f"{k[0]}:{k[1]}")
def test_good_and_warned_facts_load_with_their_flags(gated: GateResult, key: tuple) -> None:
    assert _fact_flags(gated)[key] == BATCH.passing_facts[key]


def test_exactly_the_planted_rows_are_quarantined(gated: GateResult) -> None:
    assert set(_quarantined(gated, "documents")) == set(BATCH.quarantined_documents)
    assert set(_quarantined(gated, "facts")) == set(BATCH.quarantined_facts)
    planted = len(BATCH.quarantined_documents) + len(BATCH.quarantined_facts)
    assert gated.quarantine.height == planted
    assert set(_fact_flags(gated)) == set(BATCH.passing_facts)


def test_parse_failures_are_neither_passed_nor_quarantined(gated: GateResult) -> None:
    assert "parse-failed" not in gated.documents["doc_id"].to_list()
    assert "parse-failed" not in gated.quarantine["doc_id"].to_list()


def test_outputs_keep_the_staged_schemas(gated: GateResult) -> None:
    assert gated.documents.schema == pl.Schema(DOCUMENTS)
    assert gated.facts.schema == pl.Schema(FACTS)
    assert gated.quarantine.schema == pl.Schema(QUARANTINE)
    assert gated.validations.schema == pl.Schema(VALIDATIONS)
    assert set(gated.quarantine["run_id"]) == {RUN_ID}


def test_every_expectation_is_recorded_once(gated: GateResult, settings: Settings) -> None:
    suites = load_suites(settings.expectations_dir).values()
    declared = [(s.name, e.label, e.severity) for s in suites for e in s.expectations]
    recorded = gated.validations.select("suite", "expectation", "severity").rows()
    assert sorted(recorded) == sorted(declared)


@pytest.mark.parametrize(
    ("suite", "expectation", "unexpected"),
    [
        ("documents", "values_not_null:locality_code", 1),  # no-locality; parse failure not gated
        ("documents", "values_between:doc_id_occurrence", 1),  # the repeat of dup-doc only
        ("documents", "pair_values_a_greater_than_b:published_year,report_year", 1),  # early-date
        ("facts", "values_in_set:indicator", 1),  # bogus_indicator
        ("facts", "values_between:value", 1),  # the negative count
        (
            "consistency",
            "pair_values_a_greater_than_b:med_disputes_handled,med_disputes_resolved",
            1,
        ),
        ("across_years", "values_between:ratio_to_prior_year", 2),  # aid_cases 20x, penalties /50
        ("facts", "values_not_null:unit", 0),  # every fact has a unit
    ],
    ids=[
        "missing-locality",
        "duplicate-document",
        "early-publication",
        "unknown-indicator",
        "negative-count",
        "resolved-over-handled",
        "jumps",
        "no-failure",
    ],
)
def test_validations_count_the_failing_rows(
    gated: GateResult, suite: str, expectation: str, unexpected: int
) -> None:
    row = gated.validations.filter(
        (pl.col("suite") == suite) & (pl.col("expectation") == expectation)
    ).row(0, named=True)
    assert (row["unexpected_count"], row["success"]) == (unexpected, unexpected == 0)
    assert row["element_count"] > 0


def test_counts_summarise_the_run(gated: GateResult) -> None:
    assert gated.counts() == {
        "documents_passed": len(BATCH.passing_documents),
        "documents_quarantined": len(BATCH.quarantined_documents),
        "facts_passed": len(BATCH.passing_facts),
        "facts_warned": sum(1 for flags in BATCH.passing_facts.values() if flags),
        "facts_quarantined": len(BATCH.quarantined_facts),
    }
    assert gated.reasons()["disputes resolved exceed disputes handled"] == 2


def test_data_docs_are_built_under_the_data_directory(
    gated: GateResult, settings: Settings
) -> None:
    assert gated.data_docs_index == settings.data_docs_dir / "offline_index.html"
    assert (settings.data_docs_dir / "index.html").is_file()
    pages = {p.name for p in Path(settings.data_docs_dir, "expectations").glob("*.html")}
    assert pages == {"documents.html", "facts.html", "consistency.html", "across_years.html"}
    # the offline listing reaches every validation page without any script
    listing = gated.data_docs_index.read_text("utf-8")
    validations = list(Path(settings.data_docs_dir, "validations").rglob("*.html"))
    assert len(validations) == 4 and "<script" not in listing
    for page in validations:
        assert page.relative_to(settings.data_docs_dir).as_posix() in listing


def test_quarantined_rows_keep_the_staged_row(gated: GateResult) -> None:
    row = (
        gated.quarantine.filter(pl.col("doc_id") == "no-locality")
        .filter(pl.col("table_name") == "documents")["row_json"]
        .item()
    )
    decoded = json.loads(row)
    assert decoded["url"] == "http://127.0.0.1/no-locality.html"
    assert "text" not in decoded, "a document's long text stays in staging, not the quarantine"


def test_a_clean_batch_passes_whole(settings: Settings) -> None:
    clean = Batch(
        documents=BATCH.documents.filter(pl.col("doc_id") == "good-2023"),
        facts=BATCH.facts.filter(pl.col("doc_id") == "good-2023"),
        prior_values=BATCH.prior_values,
    )
    result = run_gate(
        clean.documents, clean.facts, settings=settings, run_id="clean", build_docs=False
    )
    assert result.quarantine.height == 0
    assert result.facts.height == clean.facts.height
    assert result.validations["success"].all()
    assert result.data_docs_index is None


def test_an_empty_batch_is_gated_without_error(settings: Settings) -> None:
    result = run_gate(
        BATCH.documents.clear(),
        BATCH.facts.clear(),
        settings=settings,
        run_id="empty",
        build_docs=False,
    )
    assert result.counts() == dict.fromkeys(
        [
            "documents_passed",
            "documents_quarantined",
            "facts_passed",
            "facts_warned",
            "facts_quarantined",
        ],
        0,
    )
    assert result.validations["success"].all()
