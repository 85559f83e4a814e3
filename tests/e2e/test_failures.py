"""End to end under bad input: the real flows under Prefect against faulty sites on 127.0.0.1.

"Bad input gets a clear error and loses nothing": an unreachable site, a 412 anti-bot page, a
scanned PDF, a garbled page and a report without indicators are each recorded with a reason
while the run goes on and loads the good report; facts already in the warehouse stay byte for
byte; a quarantined fact can be listed and retried; a run id whose staged rows exist resumes
after the parse stage. Sites and sources live in tests/e2e/fixtures_failures.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from fazhi.config import Settings, load_settings
from fazhi.crawl import store
from fazhi.extract.stage import read_staged
from fazhi.parse.stage import select_document_rows
from fazhi.quality.quarantine import quarantined_documents, read_quarantine
from fazhi.report.summary import RunSummary, render
from tests.crawl.site_server import FixtureSite, serve
from tests.e2e import fixtures_failures as ff

pytestmark = pytest.mark.slow

RESUMED_RUN = "20240101T000000Z-resume"


@pytest.fixture(scope="module")
def harness(prefect_harness: None) -> Iterator[None]:
    """The e2e package's Prefect test server; fetch retries back off in milliseconds."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FAZHI_RETRY_BACKOFF_S", "0.01")  # the closed port is retried, not waited on
        yield


def _run(**kwargs: Any) -> RunSummary:
    from flows.pipeline import run_pipeline

    flow: Any = run_pipeline  # called as a plain function: returns the RunSummary or raises
    summary: RunSummary = flow(
        **{k: str(v) if isinstance(v, Path) else v for k, v in kwargs.items()}
    )
    return summary


def _query(data_dir: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _facts_of_locality(data_dir: Path, locality: str, year: int = 2023) -> dict[str, float]:
    rows = _query(
        data_dir,
        "select f.indicator, f.value from fact_indicator f join dim_document d using (doc_id) "
        "where d.locality_code = ? and d.report_year = ?",
        [locality, year],
    )
    return dict(rows)


# --- a faulty sources file run into a warehouse that already holds the sample site ----------
@dataclass(frozen=True)
class FaultyRun:
    data_dir: Path
    settings: Settings
    earlier_facts: list[tuple]
    earlier_documents: list[tuple]
    earlier_doc_ids: list[str]
    summary: RunSummary
    good_url: str
    blocked_url: str
    down_url: str


def _earlier_rows(data_dir: Path, table: str, doc_ids: list[str]) -> list[tuple]:
    # table is one of two literals below, never input; every column, in a fixed order
    sql = {
        "fact_indicator": "select * from fact_indicator where list_contains(?, doc_id) "
        "order by all",
        "dim_document": "select * from dim_document where list_contains(?, doc_id) order by all",
    }[table]
    return _query(data_dir, sql, [doc_ids])


@pytest.fixture(scope="module")
def faulty_run(harness: None, tmp_path_factory: pytest.TempPathFactory) -> FaultyRun:
    data_dir = tmp_path_factory.mktemp("faulty")
    sample = _run(data_dir=data_dir)
    assert sample.status == "succeeded" and sample.facts_loaded > 0
    doc_ids = [r[0] for r in _query(data_dir, "select doc_id from dim_document")]
    facts = _earlier_rows(data_dir, "fact_indicator", doc_ids)
    documents = _earlier_rows(data_dir, "dim_document", doc_ids)
    good, blocked = FixtureSite(), FixtureSite()
    ff.good_site(good)
    ff.blocked_site(blocked)
    with serve(good), serve(blocked):
        entries = [
            ff.SourceEntry("good", good.url(ff.COLUMN)),
            ff.SourceEntry("blocked", blocked.url(ff.COLUMN)),
            ff.SourceEntry("down", f"http://127.0.0.1:{ff.closed_port()}{ff.COLUMN}"),
        ]
        sources = ff.write_sources(data_dir / "sources.toml", entries)
        summary = _run(sources_file=sources, data_dir=data_dir)
    return FaultyRun(
        data_dir,
        load_settings(data_dir=data_dir),
        facts,
        documents,
        doc_ids,
        summary,
        good.base_url,
        blocked.base_url,
        entries[2].start_url.removesuffix(ff.COLUMN),
    )


def _run_manifest(run: FaultyRun) -> pl.DataFrame:
    manifest = store.read_manifest(run.settings)
    return manifest.filter(pl.col("run_id") == run.summary.run_id)


def _staged_documents(run: FaultyRun) -> pl.DataFrame:
    staged = read_staged(run.settings, run.summary.run_id)
    assert staged is not None, "the parse stage persisted nothing for the run"
    return staged.documents


def test_faulty_run_is_partial_and_loads_the_good_report(faulty_run: FaultyRun) -> None:
    assert faulty_run.summary.status == "partial"  # two of its three sources failed
    assert _facts_of_locality(faulty_run.data_dir, ff.LOCALITY) == {
        "aid_cases": 1215,
        "med_disputes_handled": 2000,
        "med_disputes_resolved": 1900,
        "med_success_rate": 95,
    }
    [(url,)] = _query(
        faulty_run.data_dir,
        "select url from dim_document where locality_code = ? and report_year = ?",
        [ff.LOCALITY, 2023],
    )
    assert url == faulty_run.good_url + ff.GOOD
    staged = _staged_documents(faulty_run)
    assert faulty_run.summary.documents_found == staged.height
    assert (
        faulty_run.summary.documents_loaded == staged.filter(pl.col("parse_status") == "ok").height
    )


MANIFEST_FAULTS = [
    pytest.param(
        "blocked",
        "blocked_url",
        ff.COLUMN,
        "blocked",
        "HTTP 412 JavaScript challenge",
        id="412-challenge-on-the-listing",
    ),
    pytest.param(
        "down", "down_url", ff.COLUMN, "failed", "Connection refused", id="closed-port-listing"
    ),
]


@pytest.mark.parametrize(("source_id", "base", "path", "outcome", "reason"), MANIFEST_FAULTS)
def test_faults_are_in_the_manifest_with_their_reason(
    faulty_run: FaultyRun, source_id: str, base: str, path: str, outcome: str, reason: str
) -> None:
    url = getattr(faulty_run, base) + path
    rows = _run_manifest(faulty_run).filter(
        (pl.col("source_id") == source_id) & (pl.col("url") == url)
    )
    assert rows["outcome"].to_list() == [outcome]
    assert reason in rows["reason"][0]


def test_summary_counts_blocked_and_failed_fetches_per_source(faulty_run: FaultyRun) -> None:
    per_source = faulty_run.summary.per_source
    assert per_source is not None
    counts = {r["source_id"]: (r["blocked"], r["failed"]) for r in per_source.iter_rows(named=True)}
    # the garbled page is fetched and kept; the parse stage records why it cannot be read
    assert counts == {"good": (0, 0), "blocked": (1, 0), "down": (0, 1)}


def test_summary_names_the_reason_of_each_blocked_or_failed_source(
    faulty_run: FaultyRun,
) -> None:
    console = Console(record=True, width=300)
    render(faulty_run.summary, console)
    printed = console.export_text()
    assert "HTTP 412 JavaScript challenge" in printed
    assert "Connection refused" in printed


def test_scanned_pdf_is_a_failed_document_with_its_reason(faulty_run: FaultyRun) -> None:
    documents = _staged_documents(faulty_run)
    pdf = documents.filter(pl.col("url") == faulty_run.good_url + ff.SCANNED_PDF_PATH)
    assert pdf.select("parse_status", "text").rows() == [("failed", None)]
    assert "scanned PDF: no text layer" in pdf["parse_error"][0]
    # the article page stands for nothing: its report is the attachment
    assert documents.filter(pl.col("url") == faulty_run.good_url + ff.SCANNED).is_empty()
    assert faulty_run.summary.documents_failed_parse == (
        documents.filter(pl.col("parse_status") == "failed").height
    )


def test_garbled_page_is_a_failed_document_with_its_reason(faulty_run: FaultyRun) -> None:
    documents = _staged_documents(faulty_run)
    garbled = documents.filter(pl.col("url") == faulty_run.good_url + ff.GARBLED)
    assert garbled["parse_status"].to_list() == ["failed"]
    assert "no charset decodes" in garbled["parse_error"][0]


def test_page_whose_charset_only_the_header_names_is_read(faulty_run: FaultyRun) -> None:
    big5 = _staged_documents(faulty_run).filter(pl.col("url") == faulty_run.good_url + ff.BIG5)
    assert big5["parse_status"].to_list() == ["ok"], big5["parse_error"].to_list()
    assert ff.BIG5_SENTENCE in big5["text"][0]


def test_failed_documents_are_not_loaded(faulty_run: FaultyRun) -> None:
    failed = _staged_documents(faulty_run).filter(pl.col("parse_status") == "failed")
    assert failed.height >= 1
    loaded = _query(
        faulty_run.data_dir,
        "select doc_id from dim_document where list_contains(?, doc_id)",
        [failed["doc_id"].to_list()],
    )
    assert loaded == []


def test_report_without_indicators_loads_with_no_facts(faulty_run: FaultyRun) -> None:
    [(doc_id, year, facts)] = _query(
        faulty_run.data_dir,
        "select d.doc_id, d.report_year, count(f.doc_id) from dim_document d "
        "left join fact_indicator f using (doc_id) where d.url = ? group by all",
        [faulty_run.good_url + ff.NO_INDICATOR],
    )
    assert (year, facts) == (2020, 0)
    staged = _staged_documents(faulty_run).filter(pl.col("doc_id") == doc_id)
    assert staged["parse_status"].to_list() == ["ok"]


def test_report_without_indicators_carries_a_reason(faulty_run: FaultyRun) -> None:
    [(flags,)] = _query(
        faulty_run.data_dir,
        "select flags from dim_document where url = ?",
        [faulty_run.good_url + ff.NO_INDICATOR],
    )
    assert flags


def test_facts_loaded_earlier_are_byte_for_byte_unchanged(faulty_run: FaultyRun) -> None:
    doc_ids = faulty_run.earlier_doc_ids
    assert _earlier_rows(faulty_run.data_dir, "fact_indicator", doc_ids) == faulty_run.earlier_facts
    assert _earlier_rows(faulty_run.data_dir, "dim_document", doc_ids) == (
        faulty_run.earlier_documents
    )


# --- quarantine round trip -----------------------------------------------------------------
@dataclass(frozen=True)
class QuarantineRounds:
    data_dir: Path
    settings: Settings
    first: RunSummary
    listed_after_first: str
    open_after_first: pl.DataFrame
    retried: RunSummary | BaseException
    open_after_retry: pl.DataFrame
    corrected: RunSummary
    open_after_correction: pl.DataFrame


def _list_quarantine(data_dir: Path) -> str:
    from fazhi.cli import app

    result = CliRunner().invoke(
        app, ["quarantine", "list", "--data-dir", str(data_dir)], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _open_rows(settings: Settings) -> pl.DataFrame:
    return read_quarantine(settings).filter(pl.col("status") == "open")


def _outcome(**kwargs: Any) -> RunSummary | BaseException:
    """The run's summary, or what it raised (so later rounds still run and get checked)."""
    try:
        return _run(**kwargs)
    except Exception as exc:
        return exc


@pytest.fixture(scope="module")
def quarantine_rounds(harness: None, tmp_path_factory: pytest.TempPathFactory) -> QuarantineRounds:
    data_dir = tmp_path_factory.mktemp("quarantine")
    settings = load_settings(data_dir=data_dir)
    site = FixtureSite()
    ff.good_site(site, success_rate="180", faults=False)  # a typo in the published report
    with serve(site):
        sources = ff.write_sources(
            data_dir / "sources.toml", [ff.SourceEntry("typo", site.url(ff.COLUMN))]
        )
        first = _run(sources_file=sources, data_dir=data_dir)
        listed, open_first = _list_quarantine(data_dir), _open_rows(settings)
        # nothing fixed yet: the retry meets the same figure and must quarantine it again
        retried = _outcome(sources_file=sources, data_dir=data_dir, reprocess_quarantine=True)
        open_retry = _open_rows(settings)
        # what a user can do about a wrong figure in a report: wait for the site to republish
        # it corrected; the next scheduled run picks up the changed page
        ff.publish_good_report(site, "95")
        corrected = _run(sources_file=sources, data_dir=data_dir)
        open_corrected = _open_rows(settings)
    return QuarantineRounds(
        data_dir,
        settings,
        first,
        listed,
        open_first,
        retried,
        open_retry,
        corrected,
        open_corrected,
    )


def test_impossible_rate_is_quarantined_and_listed_with_its_reason(
    quarantine_rounds: QuarantineRounds,
) -> None:
    rounds = quarantine_rounds
    assert rounds.first.facts_quarantined == 1
    [row] = rounds.open_after_first.iter_rows(named=True)
    assert (row["table_name"], row["indicator"]) == ("facts", "med_success_rate")
    assert row["reasons"] == ["value is above the catalogue's maximum for its indicator"]
    # the list names the document by its title and URL (fazhi explain and the warehouse take
    # it from there), not by its hash
    shown_words = (row["id"], "法治政府建设年度报告", "http://127.0.0.1:", "med_success_rate")
    for shown in (*shown_words, "value is above the catalogue"):
        assert shown in rounds.listed_after_first
    assert "1 quarantined row(s) open" in rounds.listed_after_first


def test_other_facts_of_the_document_still_load(quarantine_rounds: QuarantineRounds) -> None:
    rounds = quarantine_rounds
    assert rounds.first.status == "succeeded"
    assert rounds.first.facts_loaded == 3  # aid cases, disputes handled and resolved


def test_retry_without_a_fix_keeps_exactly_one_open_row(
    quarantine_rounds: QuarantineRounds,
) -> None:
    rounds = quarantine_rounds
    assert isinstance(rounds.retried, RunSummary), repr(rounds.retried)
    assert rounds.retried.facts_quarantined == 1
    [row] = rounds.open_after_retry.iter_rows(named=True)
    assert (row["run_id"], row["doc_id"], row["indicator"]) == (
        rounds.retried.run_id,
        rounds.open_after_first["doc_id"][0],
        "med_success_rate",
    )


def test_corrected_report_loads_its_rate(quarantine_rounds: QuarantineRounds) -> None:
    rounds = quarantine_rounds
    assert rounds.corrected.status == "succeeded"
    assert rounds.corrected.facts_quarantined == 0
    rates = _query(
        rounds.data_dir, "select value from fact_indicator where indicator = 'med_success_rate'"
    )
    assert rates == [(95.0,)]


def test_republished_report_resolves_the_quarantine(quarantine_rounds: QuarantineRounds) -> None:
    rounds = quarantine_rounds
    assert rounds.open_after_correction.is_empty()
    assert quarantined_documents(rounds.settings) == []


# --- resume after the parse stage ----------------------------------------------------------
@dataclass(frozen=True)
class ResumedRuns:
    data_dir: Path
    settings: Settings
    failure: BaseException
    loaded_before_resume: int
    staged_stamp: dict[str, tuple[int, int]]
    resumed: RunSummary
    stamp_after_resume: dict[str, tuple[int, int]]
    snapshot_after_resume: list[tuple]
    repeated: RunSummary
    stamp_after_repeat: dict[str, tuple[int, int]]
    snapshot_after_repeat: list[tuple]


def _staged_stamps(data_dir: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of each staged file of the run: rewritten files change them."""
    files = sorted((data_dir / "lake/staging").rglob(f"run_id={RESUMED_RUN}/*.parquet"))
    return {str(p.relative_to(data_dir)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}


def _warehouse_state(data_dir: Path) -> list[tuple]:
    return (
        _query(data_dir, "select * from fact_indicator order by all")
        + _query(data_dir, "select * from dim_document order by all")
        + _query(data_dir, "select run_id, documents_loaded, facts_loaded from pipeline_run")
    )


@pytest.fixture(scope="module")
def resumed_runs(harness: None, tmp_path_factory: pytest.TempPathFactory) -> ResumedRuns:
    data_dir = tmp_path_factory.mktemp("resume")
    site = FixtureSite()
    ff.good_site(site)
    with serve(site):
        sources = ff.write_sources(
            data_dir / "sources.toml", [ff.SourceEntry("good", site.url(ff.COLUMN))]
        )
        run = {"sources_file": sources, "data_dir": data_dir, "run_id": RESUMED_RUN}
        # the first attempt dies at the gate, after parsing: its expectations are missing
        with pytest.MonkeyPatch.context() as env:
            env.setenv("FAZHI_EXPECTATIONS_DIR", str(data_dir / "no-expectations"))
            with pytest.raises(Exception) as failure:
                _run(**run)
        loaded = (
            _query(data_dir, "select count(*) from fact_indicator")[0][0]
            if (data_dir / "fazhi.duckdb").exists()
            else 0
        )
        stamp = _staged_stamps(data_dir)
        resumed = _run(**run)
        stamp_resumed, snapshot_resumed = _staged_stamps(data_dir), _warehouse_state(data_dir)
        repeated = _run(**run)
    return ResumedRuns(
        data_dir,
        load_settings(data_dir=data_dir),
        failure.value,
        loaded,
        stamp,
        resumed,
        stamp_resumed,
        snapshot_resumed,
        repeated,
        _staged_stamps(data_dir),
        _warehouse_state(data_dir),
    )


def test_first_attempt_failed_after_persisting_the_parse_stage(resumed_runs: ResumedRuns) -> None:
    assert "expectations" in str(resumed_runs.failure) or "no-expectations" in str(
        resumed_runs.failure
    )
    assert resumed_runs.loaded_before_resume == 0
    # the batch plan, then the parsed, documents, mentions and facts files of its one batch
    assert len(resumed_runs.staged_stamp) == 5


def test_rerun_of_the_run_id_resumes_after_parse_and_loads(resumed_runs: ResumedRuns) -> None:
    assert resumed_runs.resumed.status == "succeeded"
    assert (
        resumed_runs.stamp_after_resume == resumed_runs.staged_stamp
    )  # staged rows reused, not rewritten
    assert _facts_of_locality(resumed_runs.data_dir, ff.LOCALITY)["aid_cases"] == 1215
    staged = read_staged(resumed_runs.settings, RESUMED_RUN)
    assert staged is not None
    site_url = staged.documents["url"][0].split("/zwgk/")[0]
    expected = {site_url + path for path in (ff.GOOD, ff.SCANNED_PDF_PATH, ff.NO_INDICATOR)}
    assert expected <= set(staged.documents["url"])


def test_second_call_changes_nothing(resumed_runs: ResumedRuns) -> None:
    assert resumed_runs.repeated.status == "succeeded"
    assert (resumed_runs.repeated.documents_loaded, resumed_runs.repeated.facts_loaded) == (0, 0)
    assert resumed_runs.stamp_after_repeat == resumed_runs.staged_stamp
    assert resumed_runs.snapshot_after_repeat == resumed_runs.snapshot_after_resume


def test_resuming_keeps_the_manifest_rows_of_the_first_attempt(resumed_runs: ResumedRuns) -> None:
    every = select_document_rows(store.read_manifest(resumed_runs.settings), fresh_only=False)
    staged = read_staged(resumed_runs.settings, RESUMED_RUN)
    assert staged is not None
    assert set(staged.documents["url"]) <= set(every["url"])
