"""End to end: the real flows under Prefect against the bundled sample site on 127.0.0.1.

Crawl → parse → extract → Great Expectations gate → DuckDB load, twice: the first run loads the
five sample reports with provenance, streamed in batches of three (each batch parsed, extracted,
gated and loaded before the next), the second finds nothing new and changes nothing.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from fazhi import batches
from fazhi.config import load_settings
from fazhi.crawl.store import read_manifest
from fazhi.errors import TransientError
from fazhi.extract.stage import read_staged
from fazhi.loader import LoaderProcess
from fazhi.parse.stage import select_document_rows

REPO = Path(__file__).resolve().parents[2]
# the five sample reports make two batches (3 + 2): a run of several batches, at the least cost
# (each batch is a Great Expectations gate and a load of its own)
BATCH_SIZE = 3
BATCHES = [0, 1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline_runs(
    prefect_harness: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, list]]:
    from flows.pipeline import run_pipeline

    data_dir = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FAZHI_BATCH_SIZE", str(BATCH_SIZE))
        env.setenv("FAZHI_OVERLAP_BATCHES", "true")  # the first run parses batch 1 ahead
        env.setenv("FAZHI_WAREHOUSE_HOLD_BATCHES", "2")  # and loads both through one writer
        first = run_pipeline(data_dir=str(data_dir))
        snapshot = _warehouse_snapshot(data_dir)
        env.setenv("FAZHI_OVERLAP_BATCHES", "false")  # the second, one batch after the other
        env.setenv("FAZHI_WAREHOUSE_HOLD_BATCHES", "1")  # each through a writer of its own
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


def test_gate_results_data_docs_and_dashboard_are_recorded(pipeline_runs) -> None:
    data_dir, (first, _, _) = pipeline_runs
    assert first.data_docs and Path(first.data_docs).is_file()
    # built in a process of its own once the loader closed (fazhi.loader.build_dashboard_bounded)
    assert first.dashboard == str(data_dir / "dashboard" / "index.html")
    assert (data_dir / "dashboard" / "data.js").is_file()
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        [(validations,)] = con.sql("select count(*) from gate_validation").fetchall()
    assert validations > 0
    assert pl.read_parquet(next((data_dir / "lake/raw/manifest").rglob("*.parquet"))).height > 0


def test_the_run_streamed_its_documents_in_batches(pipeline_runs) -> None:
    data_dir, (first, _, _) = pipeline_runs
    staging = data_dir / "lake" / "staging"
    for table in ("parsed", "documents", "mentions", "facts"):
        files = sorted((staging / table / f"run_id={first.run_id}").glob("*.parquet"))
        docs = [pl.read_parquet(f, columns=["doc_id"])["doc_id"].n_unique() for f in files]
        assert len(files) == len(BATCHES) and max(docs) <= BATCH_SIZE, (table, docs)
    with duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True) as con:
        [row] = con.sql(
            "select documents_loaded, facts_loaded from pipeline_run where run_id = ?",
            params=[first.run_id],
        ).fetchall()
    assert row == (5, first.facts_loaded)  # each batch's load added to the run's one row


@pytest.mark.parametrize(
    ("first_run_id", "retitle", "expected", "why"),
    [
        (True, False, "resumed", "the same run id finds its own batch files and skips them"),
        (False, False, "reused", "another run over the same rows copies the batches made"),
        (False, True, "made", "a changed title is new input: parsed and extracted anew"),
    ],
)
def test_a_second_pass_makes_nothing_already_in_the_lake(
    pipeline_runs, first_run_id: bool, retitle: bool, expected: str, why: str
) -> None:
    data_dir, (first, _, _) = pipeline_runs
    settings = load_settings(data_dir=data_dir, batch_size=BATCH_SIZE)
    rows = select_document_rows(read_manifest(settings), fresh_only=False)
    if retitle:
        rows = rows.with_columns(pl.col("title") + f"（修订 {uuid.uuid4().hex[:6]}）")
    run_id = first.run_id if first_run_id else f"again-{uuid.uuid4().hex[:8]}"
    numbers = batches.plan_batches(rows, settings, run_id)
    assert numbers == BATCHES, why
    tried = numbers[:1] if expected == "made" else numbers  # making anew starts parse workers
    done = {
        (batches.parse_batch(settings, run_id, b).how,
         batches.extract_batch(settings, run_id, b).how)
        for b in tried
    }  # fmt: skip
    assert done == {(expected, expected)}, why
    staged = read_staged(settings, run_id)
    assert staged is not None and set(staged.documents["run_id"]) == {run_id}
    assert staged.documents.height == (BATCH_SIZE if expected == "made" else 5)


def test_a_batch_whose_loader_died_after_its_gate_is_gated_again_and_loaded(
    pipeline_runs, tmp_path: Path
) -> None:
    data_dir, (first, _, _) = pipeline_runs
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)  # the module's other tests read the original
    settings = load_settings(data_dir=copy, batch_size=BATCH_SIZE)
    args = (settings, first.run_id, BATCHES[0])
    again = {"started_at": datetime.now(UTC), "status": "succeeded", "counts": {}}
    with LoaderProcess() as loader:
        gated = loader.gate(*args)
        os.kill(loader.call(os.getpid), signal.SIGKILL)  # the gated batch dies with it
        with pytest.raises(TransientError, match="loader process died"):
            loader.load(*args, **again)
        outcome = loader.load(*args, **again)  # a new child, which gates the batch itself
    assert outcome.documents == BATCH_SIZE
    assert gated is not None and dict(outcome.gated) == dict(gated)
