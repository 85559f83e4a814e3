"""``kill -9`` of a crawl worker in the middle of a sharded crawl, on a real Prefect server.

Its own server (workers of the session's would take these runs), the deployments as ``fazhi serve
--deploy-only`` registers them, real ``fazhi worker`` processes, report sites on 127.0.0.1 and a
real DuckDB warehouse: the one-worker version of ``make scaleout-kill``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.scaleout_kill import (
    Cluster,
    cluster,
    report_sites,
    run_with_kill,
    shard_runs,
    warehouse_documents,
)

# a server, a deployment and five flow-run processes each: minutes on a busy 2-core machine
pytestmark = [pytest.mark.slow, pytest.mark.scaleout, pytest.mark.timeout(900)]

SITES, REPORTS = 1, 6  # one shard: its worker is the only crawl worker when it dies
RUN_TIMEOUT_S = 420  # 225 s measured at a load average of 8 on 2 cores, 70 s of them the load
LOST_AFTER_S = 15.0  # workers beat every 2 s; a busy one skipped 10 s on this machine


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with cluster(tmp_path_factory.mktemp("scaleout")) as started:
        started.start_worker("wh", "warehouse")
        yield started


@pytest.fixture
def sources(tmp_path: Path) -> Iterator[Path]:
    with report_sites(tmp_path, SITES, REPORTS, delay_s=0.5) as path:
        yield path


def parameters(sources: Path, data_dir: Path, deadline_s: float) -> dict[str, object]:
    return {"sources_file": str(sources), "shards": SITES, "data_dir": str(data_dir),
            "retries": 1, "worker_lost_after_s": LOST_AFTER_S, "deadline_s": deadline_s}  # fmt: skip


def test_killed_worker_its_shard_rerun_on_the_next_every_document_loaded_once(
    local: Cluster, sources: Path, tmp_path: Path
) -> None:
    local.start_worker("c1", "crawl")
    data_dir = tmp_path / "data"
    outcome = run_with_kill(
        local, parameters(sources, data_dir, deadline_s=240), kill_after_s=1.0,
        then_start=("c2",), timeout_s=RUN_TIMEOUT_S,
    )  # fmt: skip
    local.stop_worker("c2")
    assert outcome.state == "Completed", f"{outcome}\n{local.log_tail()}"
    assert outcome.killed == "c1"
    assert (outcome.shards, outcome.retries) == (SITES, 1), "one automatic retry, of the lost shard"
    documents, urls, runs = warehouse_documents(data_dir)
    assert (documents, urls, runs) == (SITES * REPORTS, SITES * REPORTS, 1)
    assert outcome.seconds < RUN_TIMEOUT_S  # else it ran out of time still Running


def test_no_worker_left_parent_fails_naming_finish_and_finish_loads_it_once(
    local: Cluster, sources: Path, tmp_path: Path
) -> None:
    local.start_worker("c3", "crawl")
    data_dir = tmp_path / "data"
    outcome = run_with_kill(
        local, parameters(sources, data_dir, deadline_s=90), kill_after_s=1.0, timeout_s=240
    )
    assert outcome.state == "Failed", f"{outcome}\n{local.log_tail()}"
    assert "fazhi finish --run-id" in outcome.message
    assert "stopped sending heartbeats" in outcome.message and "deadline" in outcome.message
    with local.client() as client:
        run_ids = {run.parameters["run_id"] for run in shard_runs(client)
                   if run.parameters["data_dir"] == str(data_dir)}  # fmt: skip
    assert len(run_ids) == 1 and run_ids.pop() in outcome.message
    finish = [sys.executable, "-m", "fazhi", "finish", "--api-url", local.api,
              "--data-dir", str(data_dir)]  # fmt: skip
    done = subprocess.run(finish, env=local.env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    documents, urls, runs = warehouse_documents(data_dir)
    assert (documents, urls, runs) == (SITES * REPORTS, SITES * REPORTS, 1), done.stdout


def test_cancelling_the_parent_cancels_its_running_shard(local: Cluster, tmp_path: Path) -> None:
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.states import Cancelling

    local.start_worker("c4", "crawl")
    # 5 s between fetches: the shard is still crawling when the parent is cancelled
    with (
        report_sites(tmp_path, SITES, REPORTS, delay_s=5.0) as slow,
        temporary_settings({PREFECT_API_URL: local.api}),
        local.client() as client,
    ):
        params = parameters(slow, tmp_path / "data", deadline_s=240)
        parent = run_deployment("sharded-crawl/sharded-crawl", parameters=params, timeout=0)
        shard = wait_for(lambda: next(iter(running_shards(client, parent.id)), None), 180)
        client.set_flow_run_state(parent.id, Cancelling(message="test cancels"), force=True)
        ended = wait_for(lambda: final_state(client, shard.id), 120)
        parent_ended = wait_for(lambda: final_state(client, parent.id), 120)
    local.stop_worker("c4")
    assert (parent_ended, ended) == ("Cancelled", "Cancelled"), local.log_tail()


def running_shards(client: Any, parent_id: Any) -> list[Any]:
    return [run for run in shard_runs(client)
            if run.state is not None and run.state.is_running()
            and client.read_task_run(run.parent_task_run_id).flow_run_id == parent_id]  # fmt: skip


def final_state(client: Any, run_id: Any) -> str | None:
    state = client.read_flow_run(run_id).state
    return state.name if state is not None and state.is_final() else None


def wait_for(probe: Callable[[], Any], timeout_s: float) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (found := probe()) is not None:
            return found
        time.sleep(0.5)
    raise AssertionError(f"nothing after {timeout_s:.0f} s")
