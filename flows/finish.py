"""Finishing sharded runs whose shards did not all complete: ``fazhi finish``.

Reads the crawl-shard runs on the Prefect server (which sources each run id planned, from which
sources file, into which data directory) and the warehouse's recorded runs; a run id with shard
runs but no record never got past its crawl. Finishing it runs the pipeline in this process under
the SAME run id: sources whose manifest the lake already holds for that run are reused, the rest
are crawled, then everything is parsed, gated and loaded once, so no finished shard's documents
are stranded under a run nobody loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi.config import Settings, load_settings
from fazhi.recovery import recorded_run_ids

if TYPE_CHECKING:
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.objects import FlowRun
    from prefect.states import State

CRAWL_SHARD_DEPLOYMENT = "crawl-shard/crawl-shard"
PAGE = 200


@dataclass(frozen=True)
class UnfinishedRun:
    """A run id to finish: where its sources are and which of them it planned (None: all)."""

    run_id: str
    sources_file: str
    source_ids: tuple[str, ...] | None
    data_dir: str | None

    def describe(self) -> str:
        planned = ", ".join(self.source_ids) if self.source_ids else "every source"
        return f"run {self.run_id}: {planned} of {self.sources_file}"


def crawl_shard_runs(client: SyncPrefectClient) -> list[FlowRun]:
    """Every flow run of the crawl-shard deployment, a page at a time (the API's most is 200)."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId

    deployment = client.read_deployment_by_name(CRAWL_SHARD_DEPLOYMENT)
    only = FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=[deployment.id]))
    runs: list[FlowRun] = []
    while page := client.read_flow_runs(flow_run_filter=only, limit=PAGE, offset=len(runs)):
        runs.extend(page)
    return runs


def planned_runs(client: SyncPrefectClient) -> dict[str, UnfinishedRun]:
    """Every run id the crawl-shard runs on the server belong to, with all the sources planned
    for it (the union over its shards and their attempts)."""
    runs: dict[str, UnfinishedRun] = {}
    for flow_run in crawl_shard_runs(client):
        p: dict[str, Any] = flow_run.parameters
        known = runs.get(p["run_id"])
        ids = set(p.get("source_ids") or ()) | set(known.source_ids or () if known else ())
        runs[p["run_id"]] = UnfinishedRun(
            p["run_id"], p["sources_file"], tuple(sorted(ids)), p.get("data_dir")
        )
    return runs


def unfinished_runs(client: SyncPrefectClient, settings: Settings) -> list[UnfinishedRun]:
    """Sharded runs on the server that their warehouse (the run's data directory, else that of
    ``settings``) never recorded, oldest first (run ids start with their UTC start time)."""
    recorded: dict[Path, set[str]] = {}
    unfinished = []
    for run_id, run in sorted(planned_runs(client).items()):
        where = load_settings(data_dir=Path(run.data_dir)) if run.data_dir else settings
        if where.data_dir not in recorded:
            recorded[where.data_dir] = recorded_run_ids(where)
        if run_id not in recorded[where.data_dir]:
            unfinished.append(run)
    return unfinished


def finish(run: UnfinishedRun, settings: Settings) -> State[Any]:
    """Crawl what ``run`` lacks under its own run id, then parse, gate and load it once."""
    from flows.pipeline import run_pipeline

    return run_pipeline(
        sources_file=run.sources_file,
        data_dir=run.data_dir or str(settings.data_dir),
        run_id=run.run_id,
        source_ids=list(run.source_ids) if run.source_ids else None,
        return_state=True,
    )


def find_unfinished(api: str, settings: Settings, run_id: str | None = None) -> list[UnfinishedRun]:
    """:func:`unfinished_runs` on the server at ``api``; only ``run_id``'s when given."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        runs = unfinished_runs(client, settings)
    return [run for run in runs if run_id in (None, run.run_id)]


def finish_exit_code(run: UnfinishedRun, settings: Settings, api: str | None) -> int:
    """Finish ``run`` against the server at ``api`` (None: a temporary local one); what
    ``fazhi finish`` exits with for it (0, 3 partial, 1 failed), as ``fazhi run``."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from fazhi.report.summary import RunSummary
    from flows.local import local_prefect

    chosen = {PREFECT_API_URL: api} if api else {}
    with local_prefect(settings), temporary_settings(chosen):
        state = finish(run, settings)
    if state.is_failed() or state.is_crashed():
        return 1
    summary = state.result()
    return summary.exit_code if isinstance(summary, RunSummary) else 1
