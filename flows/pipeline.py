"""Prefect flows of fazhi-lake: crawl → parse → extract → gate → load → report.

Each flow reads like the data-flow diagram of the README: the crawl as a task per host and, as
each host's task ends, its documents in batches of ``settings.batch_size`` (``flows/crawling.py``)
while other hosts are crawled, each batch going through parse → extract → gate and load as a
task per stage (``flows/tasks.py``); tasks hand each other batch numbers, the rows stay in the
lake. A run ends Completed when every source answered, "Partial" (Completed) when some
failed, Failed when none could be crawled; its artifacts hold the summary and reasons per source.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.states import Completed, Failed, State

from fazhi.batches import (
    BatchOutcome,
    artifact_frames,
    batches_ahead,
    pipelined,
    plan_batches,
    preparing_settings,
)
from fazhi.config import Settings, load_settings
from fazhi.crawl import store
from fazhi.crawl.sample_site import sources_or_sample
from fazhi.crawl.sources import load_sources
from fazhi.lake import new_run_id, require_lake_id
from fazhi.loader import LoaderProcess
from fazhi.memory import release_memory
from fazhi.parse.pool import start_worker_server
from fazhi.parse.stage import select_document_rows
from fazhi.report.summary import (
    EverySourceFailed,
    RunSummary,
    relisted_outcome,
    render,
    summarise_batches,
)
from fazhi.streaming import BatchFeed, recovered_rows
from flows import tasks
from flows.crawling import crawl_all, crawling
from flows.prepare import PreparedBatch, batch_preparer
from flows.publish import publish
from flows.workers import exit_with_worker


def _settings(data_dir: str | None) -> Settings:
    return load_settings(data_dir=Path(data_dir) if data_dir else None)


def process_batches(
    feed: BatchFeed,
    settings: Settings,
    run_id: str,
    started_at: datetime,
    years: list[int] | None = None,
) -> State[Any]:
    """Parse, extract, gate and load the run's batches as ``feed`` plans them (while the crawl
    goes on; the gate and the load in the loader's process, ``fazhi.loader``), then report;
    shared by every flow."""
    release_memory()  # what planning at once freed (a crawl over, its frames) goes back
    with (
        LoaderProcess(settings.loader_recycle_batches) as loader,
        batch_preparer(preparing_settings(settings), run_id) as prepare,
    ):

        def start(batch: int) -> PreparedBatch:
            loader.start()  # at the first batch: it imports the gate while that one is parsed
            return prepare(batch)

        def gate_and_load(batch: int, before: Sequence[BatchOutcome]) -> BatchOutcome:
            so_far = summarise_batches(run_id, feed.outcome(), before)  # the crawl so far
            status, counts = so_far.status, so_far.counts()
            args = (loader, settings, run_id, batch, started_at, status, counts, years)
            return tasks.gate_load_batch_task(*args)

        ahead = batches_ahead(settings)
        outcomes = pipelined(feed, start, gate_and_load, ahead=ahead, ready=feed.ready)
        crawl = feed.outcome()  # the feed ended: so did the crawl
        summary = summarise_batches(run_id, crawl, outcomes)
        tasks.record_run_task(loader, settings, summary, started_at)
        headline = tasks.headline_task(settings)
        data_docs = tasks.data_docs_task(loader, settings, run_id, outcomes)
        loader.close()  # its work is done: the dashboard's process is not resident beside it
    dashboard = tasks.dashboard_task(settings)
    summary = summarise_batches(
        run_id, crawl, outcomes, headline=headline, dashboard=dashboard, data_docs=data_docs
    )
    publish(summary, *artifact_frames(outcomes))
    render(summary)
    return final_state(summary)


def final_state(summary: RunSummary) -> State[Any]:
    """Failed when no source could be crawled, Completed "Partial" when some could not."""
    if summary.status == "failed":
        failure = EverySourceFailed(summary)
        return Failed(message=str(failure), data=failure)
    name = "Partial" if summary.status == "partial" else "Completed"
    return Completed(name=name, message=summary.status_message(), data=summary)


@flow(name="fazhi-run")
def run_pipeline(
    sources_file: str | None = None,
    data_dir: str | None = None,
    run_id: str | None = None,
    source_ids: list[str] | None = None,
    years: list[int] | None = None,
    reprocess_quarantine: bool = False,
) -> State[Any]:
    """Crawl the sources (default: the bundled sample site), parse, gate and load what is new."""
    settings = _settings(data_dir)
    run_id, started_at = run_id or new_run_id(), datetime.now(UTC)
    start_worker_server()  # the parsers' fork server warms up on the other core while we crawl
    # a run killed at any point left documents only in the lake: they are loaded now
    recovered = recovered_rows(settings, reprocess_quarantine)  # read before this run loads
    with sources_or_sample(Path(sources_file) if sources_file else None) as sources:
        chosen = [s for s in sources if not source_ids or s.id in source_ids]
        with crawling(chosen, settings, run_id, BatchFeed(), recovered) as feed:
            return process_batches(feed, settings, run_id, started_at, years)


@flow(name="daily-crawl")
def daily_crawl(
    sources_file: str = "deploy/sources.toml", data_dir: str | None = None
) -> State[Any]:
    """Crawl every source of ``sources_file``, then parse, gate and load new reports."""
    return run_pipeline(sources_file=sources_file, data_dir=data_dir, return_state=True)


@flow(name="backfill")
def backfill(
    sources_file: str,
    source_ids: list[str] | None = None,
    years: list[int] | None = None,
    data_dir: str | None = None,
) -> State[Any]:
    """Crawl the chosen sources and load only reports of the chosen years."""
    return run_pipeline(
        sources_file=sources_file,
        data_dir=data_dir,
        source_ids=source_ids,
        years=years,
        return_state=True,
    )


@flow(name="reextract")
def reextract(data_dir: str | None = None) -> State[Any]:
    """Re-parse, re-extract, gate and load every document in the lake, without crawling."""
    settings = _settings(data_dir)
    rows = select_document_rows(store.read_manifest(settings), fresh_only=False)
    run_id = new_run_id()
    feed = BatchFeed.fixed(plan_batches(rows, settings, run_id), relisted_outcome(rows))
    return process_batches(feed, settings, run_id, datetime.now(UTC))


@flow(name="crawl-shard")
def crawl_shard(
    sources_file: str,
    source_ids: list[str],
    run_id: str,
    data_dir: str | None = None,
    lake_id: str | None = None,
) -> int:
    """Crawl only ``source_ids`` into the lake (fan-out unit across workers); returns fetches.

    ``lake_id`` is the id of the lake the parent run uses: a worker whose lake has another id
    (or none: FAZHI_LAKE_URL missing here) refuses with a terminal error instead of crawling
    into a lake the load will never read.
    """
    exit_with_worker()  # a killed worker takes its shard along: sharded-crawl re-runs it
    settings = _settings(data_dir)
    if lake_id is not None:
        require_lake_id(settings, lake_id)
    chosen = [s for s in load_sources(Path(sources_file)) if s.id in source_ids]
    return sum(manifest.height for manifest in crawl_all(chosen, settings, run_id))


def run_exit_code(**parameters: Any) -> int:
    """Run ``run_pipeline`` and return what ``fazhi run`` exits with (0, 3 partial, 1 failed)."""
    state = run_pipeline(**parameters, return_state=True)
    if state.is_failed() or state.is_crashed():
        return 1
    summary = state.result()
    return summary.exit_code if isinstance(summary, RunSummary) else 1
