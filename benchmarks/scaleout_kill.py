"""Scale-out with a lost worker: ``kill -9`` one of several workers in the middle of a crawl.

Starts a Prefect server on 127.0.0.1, registers the deployments (``fazhi serve --deploy-only``),
serves ``--sites`` generated report sites on loopback (one host each, so one shard each), starts
``--workers`` ``fazhi worker`` processes (the first polls both queues, as the warehouse machine,
the others only "crawl"), runs ``sharded-crawl`` and ``kill -9``s the first crawl machine's
``fazhi worker`` (not w1's) seen running a shard for ``--kill-after`` seconds. Prints how the parent
ended, the retries it took, the seconds, and whether every report is in the warehouse exactly once
(``make scaleout-kill``). The one-worker version runs in tests/orchestration/test_scaleout_kill.py.

Run: ``python -m benchmarks.scaleout_kill [--workers 3] [--sites 6] [--reports 12]``
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.corpus import build_corpus, serve_corpus
from flows import server

CRAWL_SHARD = "crawl-shard/crawl-shard"
SHARDED_CRAWL = "sharded-crawl/sharded-crawl"
WORKER_LABEL = "prefect.worker.name"


@dataclass
class Cluster:
    """A Prefect server with the project deployed, and the ``fazhi worker`` processes started."""

    api: str
    env: dict[str, str]
    root: Path
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start_worker(self, name: str, *queues: str) -> None:
        """``fazhi worker --name NAME [--queue Q…]`` in its own session, logging to NAME.log."""
        command = [sys.executable, "-m", "fazhi", "worker", "--name", name, "--api-url", self.api]
        command += [arg for queue in queues for arg in ("--queue", queue)]
        with (self.root / f"{name}.log").open("wb") as log:
            self.workers[name] = server.start_process(command, self.env, log)

    def kill_worker(self, name: str) -> None:
        """``kill -9`` the ``fazhi worker`` process alone: what it started must die with it."""
        process = self.workers[name]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    def stop_worker(self, name: str) -> None:
        """Stop a ``fazhi worker`` as Ctrl-C does."""
        server.stop_process(self.workers.pop(name), grace_s=5)

    def client(self) -> Any:
        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: self.api}):
            return get_client(sync_client=True)

    def log_tail(self, lines: int = 40) -> str:
        parts = []
        for path in sorted(self.root.glob("*.log")):
            tail = path.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path.name}\n" + "\n".join(tail))
        return "\n".join(parts)


@contextlib.contextmanager
def cluster(root: Path, heartbeat_s: int = 2) -> Iterator[Cluster]:
    """A server on a free port with the project deployed; every process stopped at the end.

    Workers send a heartbeat every ``heartbeat_s`` seconds, so a killed one counts as lost after
    three missed ones, and poll for work every second."""
    from fazhi.config import load_settings

    api = server.api_url(server.DEFAULT_HOST, server.free_port())
    base = {**os.environ, "PREFECT_HOME": str(root / "home")}
    base.pop("PREFECT_API_URL", None)
    env = server.prefect_environment(load_settings(data_dir=root / "data"), api, base=base)
    env |= {"PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_LOGGING_LEVEL": "INFO",
            "PREFECT_WORKER_HEARTBEAT_SECONDS": str(heartbeat_s)}  # fmt: skip
    local = Cluster(api=api, env=env, root=root)
    port = int(api.rsplit(":", 1)[1].split("/", 1)[0])
    with (root / "server.log").open("wb") as log:
        command = server.server_command(server.DEFAULT_HOST, port, ui=False)
        local.processes.append(server.start_process(command, env, log))
    try:
        server.wait_for_api(api, timeout_s=180, process=local.processes[0])
        deploy = [sys.executable, "-m", "fazhi", "serve", "--deploy-only", "--api-url", api]
        subprocess.run(deploy, env=env, cwd=server.REPO_ROOT, check=True, capture_output=True)
        yield local
    finally:
        for process in [*local.workers.values(), *local.processes]:
            server.stop_process(process, grace_s=5)


@contextlib.contextmanager
def report_sites(folder: Path, sites: int, reports: int, delay_s: float) -> Iterator[Path]:
    """``sites`` loopback sites of ``reports`` generated reports each (one host each, so one
    shard each), fetched ``delay_s`` apart; yields their sources file."""
    with contextlib.ExitStack() as stack:
        blocks = []
        for k in range(sites):
            base = stack.enter_context(serve_corpus(build_corpus(reports, 1, seed=k)))
            blocks.append(
                f'[[source]]\nid = "site-{k}"\nname = "generated site {k}"\n'
                f'start_urls = ["{base}/site0/col/index.html"]\n'
                f"allow_private_addresses = true\ndelay_s = {delay_s}\n"
            )
        path = folder / "sources.toml"
        path.write_text("\n".join(blocks), encoding="utf-8")
        yield path


@dataclass(frozen=True)
class Outcome:
    state: str
    message: str
    seconds: float
    shards: int
    attempts: int
    killed: str | None
    retried: tuple[str, ...] = ()  # why each attempt that did not complete ended

    @property
    def retries(self) -> int:
        return self.attempts - self.shards


def shard_runs(client: Any, run_id: str | None = None) -> list[Any]:
    """Every crawl-shard flow run (of ``run_id`` when given)."""
    from flows.finish import crawl_shard_runs

    return [r for r in crawl_shard_runs(client) if run_id in (None, r.parameters.get("run_id"))]


def running_shard_worker(client: Any, after_s: float, spare: tuple[str, ...] = ()) -> str | None:
    """The worker label of a crawl-shard run Running for at least ``after_s`` seconds, on a
    worker whose label does not start with one of ``spare``."""
    from datetime import UTC, datetime

    for run in shard_runs(client):
        started, label = run.start_time, str(run.labels.get(WORKER_LABEL) or "")
        running = run.state is not None and run.state.is_running() and started is not None
        if not label or label.startswith(spare) or not running:
            continue
        if (datetime.now(UTC) - started).total_seconds() >= after_s:
            return label
    return None


def run_with_kill(
    local: Cluster,
    parameters: dict[str, Any],
    kill_after_s: float,
    then_start: tuple[str, ...] = (),
    timeout_s: float = 600,
    spare: tuple[str, ...] = (),
) -> Outcome:
    """Run sharded-crawl; kill the ``fazhi worker`` running a shard ``kill_after_s`` into it (not
    one named in ``spare``), then start the workers named in ``then_start`` (crawl only); wait
    for the parent to end."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    started = time.monotonic()
    with temporary_settings({PREFECT_API_URL: local.api}), local.client() as client:
        parent = run_deployment(SHARDED_CRAWL, parameters=parameters, timeout=0)
        assert not inspect.isawaitable(parent), "called outside an event loop"
        killed = None
        while time.monotonic() - started < timeout_s:
            run = client.read_flow_run(parent.id)
            if run.state is not None and run.state.is_final():
                break
            label = None if killed else running_shard_worker(client, kill_after_s, spare)
            if label is not None:
                killed = label.removesuffix("-crawl")
                local.kill_worker(killed)
                for name in then_start:
                    local.start_worker(name, "crawl")
            time.sleep(0.5)
        seconds = time.monotonic() - started
        state = run.state
        plan = [r for r in shard_runs(client) if r.parent_task_run_id is not None]
        mine = [r for r in plan if client.read_task_run(r.parent_task_run_id).flow_run_id == run.id]
        shards = len({tuple(r.parameters["source_ids"]) for r in mine})
        retried = tuple(
            f"{r.name} ({', '.join(r.parameters['source_ids'])}) on {r.labels.get(WORKER_LABEL)}: "
            f"{r.state.name if r.state else None} {r.state.message if r.state else ''}"
            for r in (client.read_flow_run(r.id) for r in mine)
            if not (r.state and r.state.is_completed())
        )
    return Outcome(
        state=state.name if state else "None",
        message=(state.message or "") if state else "",
        seconds=seconds,
        shards=shards,
        attempts=len(mine),
        killed=killed,
        retried=retried,
    )


def warehouse_documents(data_dir: Path) -> tuple[int, int, int]:
    """(documents, distinct report URLs, run ids that loaded them) in the warehouse."""
    path = data_dir / "fazhi.duckdb"
    if not path.is_file():
        return 0, 0, 0
    with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
        row = con.execute(
            "select count(*), count(distinct url), count(distinct run_id) from dim_document"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--sites", type=int, default=6)
    parser.add_argument("--reports", type=int, default=12, help="reports per site")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds between fetches")
    parser.add_argument("--kill-after", type=float, default=4.0)
    parser.add_argument("--lost-after", type=float, default=20.0, help="silent worker: lost")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="fazhi-scaleout-") as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        with (
            report_sites(root, args.sites, args.reports, args.delay) as sources,
            cluster(root) as local,
        ):
            local.start_worker("w1")  # both queues: the warehouse machine
            for k in range(2, args.workers + 1):
                local.start_worker(f"w{k}", "crawl")
            parameters = {"sources_file": str(sources), "shards": args.sites,
                          "data_dir": str(root / "data"), "retries": 2,
                          "worker_lost_after_s": args.lost_after}  # fmt: skip
            # a crawl machine dies; w1 holds the warehouse and the parent run (losing it is the
            # case for `fazhi finish`, deploy/README.md)
            outcome = run_with_kill(local, parameters, args.kill_after, spare=("w1-",))
            if outcome.state != "Completed":
                print(local.log_tail())
        documents, urls, runs = warehouse_documents(root / "data")
    expected = args.sites * args.reports
    print(f"{args.workers} workers, {args.sites} sites x {args.reports} reports, "
          f"kill -9 of {outcome.killed or 'no worker (none was running a shard)'}")  # fmt: skip
    print(f"sharded-crawl: {outcome.state} in {outcome.seconds:.1f} s; {outcome.shards} shards, "
          f"{outcome.attempts} shard runs, {outcome.retries} retries")  # fmt: skip
    for line in outcome.retried:
        print(f"  not completed: {line}")
    if outcome.message and outcome.state != "Completed":
        print(f"  message: {outcome.message}")
    print(f"warehouse: {documents} documents, {urls} distinct URLs of {expected} reports, "
          f"{documents - urls} duplicates, loaded by {runs} run(s)")  # fmt: skip
    every_once = documents == urls == expected and outcome.state == "Completed"
    print("every document loaded exactly once" if every_once else "NOT every document once")


if __name__ == "__main__":
    main()
