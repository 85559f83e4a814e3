"""End to end: the real flows under Prefect against the bundled sample site on 127.0.0.1.

Crawl → parse → extract → Great Expectations gate → DuckDB load, twice: the first run loads the
five sample reports with provenance, the second finds nothing new and changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest

from fazhi.config import load_settings
from fazhi.crawl.store import read_manifest
from fazhi.extract.stage import StagedBatch, read_staged
from fazhi.parse.stage import select_document_rows

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list]]:
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import run_pipeline

    data_dir = tmp_path_factory.mktemp("data")
    with prefect_test_harness(server_startup_timeout=120):
        first = run_pipeline(data_dir=str(data_dir))
        snapshot = _warehouse_snapshot(data_dir)
        second = run_pipeline(data_dir=str(data_dir))
        yield data_dir, [first, second, snapshot]


def _warehouse_snapshot(data_dir: Path) -> list[tuple]:
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        return con.sql(
            'select doc_id, indicator, value, qualifier, text, start, "end" '
            "from fact_indicator order by all"
        ).fetchall()


def test_first_run_loads_the_five_sample_reports_with_gold_metadata(pipeline_runs) -> None:
    data_dir, (first, _, _) = pipeline_runs
    assert first.status == "succeeded"
    assert (first.documents_found, first.documents_loaded) == (5, 5)
    with (REPO / "eval/gold/documents.csv").open(encoding="utf-8") as handle:
        gold = {(r["locality_code"], int(r["report_year"])) for r in csv.DictReader(handle)}
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        loaded = set(con.sql("select locality_code, report_year from dim_document").fetchall())
    assert loaded == gold


def test_every_fact_traces_to_its_document_url_and_words(pipeline_runs) -> None:
    data_dir, (first, _, _) = pipeline_runs
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        facts = con.sql(
            'select f.doc_id, f.text, f.start, f."end", d.url from fact_indicator f '
            "join dim_document d using (doc_id)"
        ).pl()
    assert facts.height == first.facts_loaded > 100
    assert facts["url"].str.starts_with("http://127.0.0.1:").all()
    staged = read_staged(load_settings(data_dir=data_dir), first.run_id)
    assert staged is not None
    texts = dict(staged.documents.select("doc_id", "text").iter_rows())
    for doc_id, words, start, end, _ in facts.iter_rows():
        assert texts[doc_id][start:end] == words


def test_second_run_finds_nothing_new_and_changes_nothing(pipeline_runs) -> None:
    data_dir, (_, second, snapshot) = pipeline_runs
    assert (second.documents_new, second.documents_loaded, second.facts_loaded) == (0, 0, 0)
    assert _warehouse_snapshot(data_dir) == snapshot
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        runs = con.sql("select status from pipeline_run").pl()
    assert runs.height == 2 and (runs["status"] == "succeeded").all()


def test_gate_results_and_data_docs_are_recorded(pipeline_runs) -> None:
    data_dir, (first, _, _) = pipeline_runs
    assert first.data_docs and Path(first.data_docs).is_file()
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        [(validations,)] = con.sql("select count(*) from gate_validation").fetchall()
    assert validations > 0
    assert pl.read_parquet(next((data_dir / "lake/raw/manifest").rglob("*.parquet"))).height > 0


def test_reparsing_unchanged_raw_documents_is_skipped_by_the_task_cache(pipeline_runs) -> None:
    from prefect import flow

    from flows.tasks import extract_task, parse_task

    data_dir, (first, _, _) = pipeline_runs
    settings = load_settings(data_dir=data_dir)
    rows = select_document_rows(read_manifest(settings), fresh_only=False)

    retitled = rows.with_columns(pl.col("title") + "（修订）")

    @flow
    def parse_and_extract_three_times() -> tuple[list[tuple[str, str]], StagedBatch]:
        names, batch = [], None
        for run_rows, run_id in ((rows, "run-a"), (retitled, "run-b"), (retitled, "run-c")):
            parsed = parse_task(run_rows, settings, run_id, return_state=True)
            extracted = extract_task(parsed.result(), run_id, return_state=True)
            names.append((parsed.name, extracted.name))
            batch = extracted.result()
        assert batch is not None
        return names, batch

    names, batch = parse_and_extract_three_times()
    # run-a is the first run's input; run-b a new title (parsed and extracted anew); run-c again
    assert names == [("Cached", "Cached"), ("Completed", "Completed"), ("Cached", "Cached")]
    assert batch.for_run("run-c").documents["run_id"].unique().to_list() == ["run-c"]
    assert batch.documents.height == first.documents_loaded
