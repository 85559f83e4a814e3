"""Fan-out crawling: the sources split by host into shards, each crawled by a ``crawl-shard`` run
on whichever worker of the pool picks it up, then one parse → gate → load over the shared run.

Reads the sources file; the shard runs write the raw manifest of one run id to the lake (local or
any fsspec URL, so workers on other machines share it); the single load at the end writes the
warehouse under the "warehouse-writer" concurrency limit.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect import flow, get_run_logger
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.states import State

from fazhi.config import load_settings
from fazhi.crawl.sources import load_sources
from fazhi.crawl.store import read_manifest_of_run
from fazhi.errors import TransientError
from fazhi.lake import ensure_lake_id, new_run_id
from fazhi.parse.stage import select_document_rows
from fazhi.report.summary import crawl_outcome
from flows.pipeline import process_manifest_rows
from flows.sharding import shard_sources, source_host

CRAWL_SHARD_DEPLOYMENT = "crawl-shard/crawl-shard"
POLL_INTERVAL_S = 2.0


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
    ``lake_id``: the parent's lake, which the shard's worker must see too."""
    parameters = {"sources_file": sources_file, "source_ids": source_ids,
                  "run_id": run_id, "data_dir": data_dir, "lake_id": lake_id}  # fmt: skip
    run = run_deployment(CRAWL_SHARD_DEPLOYMENT, parameters=parameters, timeout=0)
    assert isinstance(run, FlowRun), "called from a sync flow, so never a coroutine"
    return run


def wait_for_runs(run_ids: list[UUID]) -> list[FlowRun]:
    """Poll the API until every run is in a final state; return them in the given order."""
    with get_client(sync_client=True) as client:
        while True:
            runs = [client.read_flow_run(run_id) for run_id in run_ids]
            if all(run.state is not None and run.state.is_final() for run in runs):
                return runs
            time.sleep(POLL_INTERVAL_S)


@flow(name="process-crawl-run")
def process_crawl_run(run_id: str, data_dir: str | None = None) -> State[Any]:
    """Parse, gate and load the new reports that every shard of ``run_id`` fetched, once."""
    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    manifest = read_manifest_of_run(settings, run_id)
    rows = select_document_rows(manifest)
    return process_manifest_rows(rows, crawl_outcome(manifest), settings, run_id, datetime.now(UTC))


@flow(name="sharded-crawl", log_prints=True)
def sharded_crawl(
    sources_file: str = "deploy/sources.toml", shards: int = 2, data_dir: str | None = None
) -> str:
    """Crawl the sources in ``shards`` parallel crawl-shard runs, then parse, gate and load once."""
    logger = get_run_logger()
    # passed on as given: a relative path resolves in each worker's own checkout
    plan = shard_sources(read_source_hosts(Path(sources_file)), shards)
    run_id = new_run_id()
    # every shard's worker must see this lake (checked there by its id), or refuse
    lake_id = ensure_lake_id(load_settings(data_dir=Path(data_dir) if data_dir else None))
    logger.info("run %s: %d shard(s) on lake %s: %s", run_id, len(plan), lake_id, plan)
    started = [start_shard(sources_file, ids, run_id, data_dir, lake_id) for ids in plan]
    finished = wait_for_runs([run.id for run in started])
    failed = [run.name for run in finished if not (run.state and run.state.is_completed())]
    if failed:
        raise TransientError(f"crawl shards did not complete: {failed}; a rerun resumes them")
    process_crawl_run(run_id=run_id, data_dir=data_dir)
    return run_id
