"""Prefect tasks of fazhi-lake: each calls one package function and returns its result, adding
what Prefect is for (retries of transient errors, tags that limits hold, logging) and nothing
else. The crawl is a task per host; parse, extract and gate-and-load a task per batch of documents
(``settings.batch_size``). Every stage persists its hand-off in the lake keyed by run id and
batch, so a resumed run skips what it finished and a batch an earlier run made is reused from the
lake (``fazhi.batches``): no task caches or persists a result.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from fazhi import batches
from fazhi.batches import BatchOutcome, BatchStep, parse_problem_rows
from fazhi.config import Settings
from fazhi.crawl import processes, store
from fazhi.crawl.sources import Source
from fazhi.errors import TransientError
from fazhi.loader import LoaderProcess, build_dashboard_bounded
from fazhi.report.summary import RunSummary, read_headline
from flows.limits import warehouse_slot

if TYPE_CHECKING:  # annotations only: flows/ passes frames on and never computes with them
    from fazhi.schemas import Rows


def _transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a task only when it failed with a transient error."""
    try:
        state.result()
    except TransientError:
        return True
    except Exception:
        return False
    return False


def crawl(source: Source, settings: Settings, run_id: str) -> Rows:
    """Crawl one source; a source this run id already crawled is not crawled again: resuming
    a run (or retrying its host) reuses its manifest, which a second crawl would overwrite with
    "unchanged" rows."""
    logger = get_run_logger()
    if store.manifest_exists(settings, run_id, source.id):
        logger.info("source %s: crawled already in run %s, resuming", source.id, run_id)
        return store.read_run_manifest(settings, run_id, source.id)
    logger.info("crawling source %s (%s)", source.id, source.start_urls[0])
    manifest = processes.crawl(source, settings, run_id)
    logger.info("source %s: %d fetches", source.id, manifest.height)
    return manifest


@task(
    name="crawl-host",
    retries=2,
    retry_delay_seconds=[5, 30],
    retry_condition_fn=_transient_only,
    tags=["crawl"],
    cache_policy=NO_CACHE,  # no key computed from the sources and settings of every host
    persist_result=False,
)
def crawl_host_task(sources: list[Source], settings: Settings, run_id: str) -> list[Rows]:
    """Crawl the sources of one host one after another: the host sees one crawl at a time. Not a
    task per source (a task run: ~6 ms here, ~35 ms in the server); a retry skips crawled ones."""
    return [crawl(source, settings, run_id) for source in sources]


# Batch tasks pass batch numbers, never rows: every stage reads and writes the lake, so Prefect
# keeps no copy of them, and a batch already made is reused from the lake, not from a task cache.
@task(name="parse-batch", cache_policy=NO_CACHE, persist_result=False)
def parse_batch_task(settings: Settings, run_id: str, batch: int) -> BatchStep:
    """Parse one batch of the run's documents into the lake."""
    step = batches.parse_batch(settings, run_id, batch)
    get_run_logger().info("batch %d: %d documents parsed (%s)", batch, step.documents, step.how)
    return step


@task(name="extract-batch", cache_policy=NO_CACHE, persist_result=False)
def extract_batch_task(settings: Settings, run_id: str, batch: int) -> BatchStep:
    """Extract metadata, mentions and facts of one parsed batch into the lake."""
    step = batches.extract_batch(settings, run_id, batch)
    get_run_logger().info("batch %d: %d documents extracted (%s)", batch, step.documents, step.how)
    return step


@task(
    name="gate-load-batch",
    retries=3,
    retry_delay_seconds=[5, 15, 30],
    retry_condition_fn=_transient_only,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def gate_load_batch_task(
    loader: LoaderProcess,
    settings: Settings,
    run_id: str,
    batch: int,
    started_at: datetime,
    status: str,
    counts: dict[str, int],
    years: list[int] | None = None,
) -> BatchOutcome:
    """Gate one staged batch, then load what passed inside the single writer slot (both in the
    loader's process)."""
    logger = get_run_logger()
    gated = loader.gate(settings, run_id, batch, years)
    logger.info("batch %d gate: %s", batch, gated or "nothing")
    with warehouse_slot():  # one DuckDB writer across every worker and machine
        outcome = loader.load(
            settings,
            run_id,
            batch,
            started_at=started_at,
            status=status,
            counts=counts,
            years=years,
        )
    for source_id, url, _, reason in parse_problem_rows(outcome):
        logger.warning("document of %s (%s) not parsed: %s", source_id, url, reason)
    logger.info("batch %d loaded: %s", batch, outcome.loaded)
    return outcome


@task(
    name="record-run",
    retries=3,
    retry_delay_seconds=[5, 15, 30],
    retry_condition_fn=_transient_only,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def record_run_task(
    loader: LoaderProcess, settings: Settings, summary: RunSummary, started_at: datetime
) -> None:
    """Record the run with its final counts in the warehouse (also when nothing was loaded) and
    publish the readers' snapshot once, after the loader let go of the writer; each batch's
    load already indexed its documents. The warehouse's writer is imported here, at the run's
    end: while batches run, only the loader's process holds DuckDB."""
    from fazhi.warehouse.load import record_run

    loader.release_warehouse()
    with warehouse_slot():
        record_run(
            settings,
            run_id=summary.run_id,
            started_at=started_at,
            status=summary.status,
            counts=summary.counts(),
        )


@task(name="data-docs", cache_policy=NO_CACHE, persist_result=False)
def data_docs_task(
    loader: LoaderProcess, settings: Settings, run_id: str, outcomes: list[BatchOutcome]
) -> str | None:
    """Render the run's Data Docs once, after its last batch (where the gate's context is)."""
    return loader.call(batches.data_docs, settings, run_id, outcomes)


@task(name="headline")
def headline_task(settings: Settings) -> Rows:
    return read_headline(settings)


@task(name="dashboard")
def dashboard_task(settings: Settings) -> str | None:
    """Build the dashboard in a process of its own under the loader's DuckDB bounds: in the
    run's process, under DuckDB's 1 GiB, it took that process to 1,698 MB at 100,000 reports."""
    return build_dashboard_bounded(settings)
