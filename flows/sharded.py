"""Fan-out crawling: the sources split by host into shards, each crawled by a ``crawl-shard`` run
on whichever worker of the pool picks it up, then one parse → gate → load over the shared run.

Reads the sources file; the shard runs write the raw manifest of one run id to the lake (local or
any fsspec URL, so workers on other machines share it); the single load at the end writes the
warehouse under the "warehouse-writer" concurrency limit. A shard whose worker dies, that fails
or that overruns is run again under the same run id (the sources it finished are reused from the
lake) at most ``retries`` times; when one still does not complete, the run ends Failed naming the
shards and the command that finishes it (``fazhi finish``), never waiting forever.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.states import Failed, State

from fazhi.batches import plan_batches
from fazhi.config import load_settings
from fazhi.crawl.sources import load_sources
from fazhi.crawl.store import read_manifest_of_run
from fazhi.lake import ensure_lake_id, new_run_id
from fazhi.parse.stage import select_document_rows
from fazhi.report.summary import crawl_outcome
from fazhi.streaming import BatchFeed
from flows.pipeline import process_batches
from flows.server import WORK_POOL
from flows.shard_watch import Shard, watch
from flows.sharding import shard_sources, source_host

CRAWL_SHARD_DEPLOYMENT = "crawl-shard/crawl-shard"


def read_source_hosts(sources_file: Path) -> list[tuple[str, str]]:
    """``(source_id, host)`` for every source of a sources file (validated as it is read)."""
    return [(s.id, source_host(s.start_urls)) for s in load_sources(sources_file)]


def start_shard(
    sources_file: str,
    source_ids: list[str],
    run_id: str,
    data_dir: str | None,
    lake_id: str | None = None,
) -> FlowRun:
    """Create a crawl-shard run of the given sources and return without waiting for it;
    ``lake_id``: the parent's lake, which the shard's worker must see too.

    It is a subflow of the calling run, so cancelling that run cancels it (Prefect's
    cancellation-cleanup service moves the children of a cancelled run to Cancelling)."""
    parameters = {"sources_file": sources_file, "source_ids": source_ids,
                  "run_id": run_id, "data_dir": data_dir, "lake_id": lake_id}  # fmt: skip
    run = run_deployment(CRAWL_SHARD_DEPLOYMENT, parameters=parameters, timeout=0)
    assert isinstance(run, FlowRun), "called from a sync flow, so never a coroutine"
    return run


def finish_command(run_id: str) -> str:
    """The one command that finishes a run whose shards did not all complete."""
    return f"fazhi finish --run-id {run_id}"


@flow(name="process-crawl-run")
def process_crawl_run(run_id: str, data_dir: str | None = None) -> State[Any]:
    """Parse, gate and load the new reports that every shard of ``run_id`` fetched, once."""
    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    manifest = read_manifest_of_run(settings, run_id)
    numbers = plan_batches(select_document_rows(manifest), settings, run_id)
    feed = BatchFeed.fixed(numbers, crawl_outcome(manifest))
    return process_batches(feed, settings, run_id, datetime.now(UTC))


@flow(name="sharded-crawl", log_prints=True)
def sharded_crawl(
    sources_file: str = "deploy/sources.toml",
    shards: int = 2,
    data_dir: str | None = None,
    retries: int = 2,
    shard_timeout_s: float = 3600.0,
    worker_lost_after_s: float = 60.0,
    deadline_s: float = 6 * 3600.0,
) -> State[Any]:
    """Crawl the sources in ``shards`` parallel crawl-shard runs, then parse, gate and load once.

    A shard attempt that fails, whose worker sent no heartbeat for ``worker_lost_after_s`` or
    that runs longer than ``shard_timeout_s`` is run again, at most ``retries`` times;
    ``deadline_s`` bounds the wait for all of them (a shard no worker takes counts against it)."""
    logger = get_run_logger()
    # passed on as given: a relative path resolves in each worker's own checkout
    plan = shard_sources(read_source_hosts(Path(sources_file)), shards)
    run_id = new_run_id()
    # every shard's worker must see this lake (checked there by its id), or refuse
    lake_id = ensure_lake_id(load_settings(data_dir=Path(data_dir) if data_dir else None))
    logger.info("run %s: %d shard(s) on lake %s: %s", run_id, len(plan), lake_id, plan)
    with get_client(sync_client=True) as client:
        unfinished = watch(
            client,
            [Shard(number, ids) for number, ids in enumerate(plan, start=1)],
            lambda shard: start_shard(sources_file, shard.source_ids, run_id, data_dir, lake_id),
            pool=WORK_POOL, retries=retries, timeout_s=shard_timeout_s,
            lost_after_s=worker_lost_after_s, deadline_s=deadline_s, log=logger.warning,
        )  # fmt: skip
    if unfinished:
        reasons = "\n".join(shard.describe() for shard in unfinished)
        message = (
            f"run {run_id}: {len(unfinished)} of {len(plan)} crawl shard(s) did not complete "
            f"after {retries} retries:\n{reasons}\nThe finished shards' documents are in the "
            f"lake under run {run_id}; finish the run with:  {finish_command(run_id)}"
        )
        logger.error(message)
        return Failed(message=message)
    return process_crawl_run(run_id=run_id, data_dir=data_dir, return_state=True)
