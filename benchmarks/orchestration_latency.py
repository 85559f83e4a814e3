"""Benchmark: what scheduling with Prefect costs on this machine.

Starts a real Prefect server on 127.0.0.1 (SQLite in a temporary PREFECT_HOME), registers the
deployments with ``fazhi serve --deploy-only``'s functions, starts ``--workers`` process workers,
and prints:
- server cold start: seconds until /api/health answers;
- registration: work pool + limits, and ``prefect deploy --all`` of deploy/prefect.yaml;
- daily-crawl on the bundled sample site: seconds from run creation to Completed;
- sharded-crawl over ``--sites`` copies of the sample site (one host each) in ``--shards`` shards.
The parts of a run are dominated by process start-up (each flow run is a new Python process that
imports the pipeline), so the fan-out pays off only when crawling takes longer than that.

Run: ``.venv/bin/python -m benchmarks.orchestration_latency [--workers 2 --sites 2 --shards 2]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings

from fazhi.config import load_settings
from fazhi.crawl.sample_site import sample_sources, serve_sample_site
from flows import deploy, server


def _timed(label: str, started: float) -> float:
    elapsed = time.perf_counter() - started
    print(f"{label:<60} {elapsed:7.1f} s")
    return elapsed


def _sources_file(path: Path, bases: list[str]) -> str:
    blocks = []
    for i, base in enumerate(bases):
        (source,) = sample_sources(base)
        blocks.append(f'[[source]]\nid = "site-{i}"\nname = "site {i}"\n'
                      f"start_urls = {json.dumps(list(source.start_urls))}\n"
                      "allow_private_addresses = true\n")  # fmt: skip
    path.write_text("\n".join(blocks), encoding="utf-8")
    return str(path)


def _run(api: str, name: str, parameters: dict[str, object], label: str) -> None:
    started = time.perf_counter()
    with temporary_settings({PREFECT_API_URL: api}):
        run = run_deployment(name, parameters=parameters, timeout=900, poll_interval=0.5)
    state = run.state.name if run.state else "unknown"
    _timed(f"{label} ({state})", started)


@contextlib.contextmanager
def _sample_sites(count: int) -> Iterator[list[str]]:
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(serve_sample_site()) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sites", type=int, default=2)
    parser.add_argument("--shards", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = load_settings(data_dir=root / "data")
        port = server.free_port()
        api = server.api_url(server.DEFAULT_HOST, port)
        env = server.prefect_environment(settings, api)
        env["PREFECT_WORKER_QUERY_SECONDS"] = "1"
        processes = []
        try:
            started = time.perf_counter()
            command = server.server_command(server.DEFAULT_HOST, port, ui=False)
            processes.append(server.start_process(command, env, (root / "server.log").open("wb")))
            server.wait_for_api(api, timeout_s=180, process=processes[0])
            _timed("server cold start", started)
            started = time.perf_counter()
            deploy.ensure_work_pool(api)
            deploy.ensure_limits(api, [deploy.SOURCES_FILE], settings.max_concurrency_per_host)
            _timed("work pool + limits", started)
            started = time.perf_counter()
            deploy.deploy_all(env)
            _timed("prefect deploy --all (5 deployments)", started)
            for i in range(args.workers):
                log = (root / f"worker-{i}.log").open("wb")
                processes.append(server.start_process(server.worker_command(f"w{i}"), env, log))
            with _sample_sites(1) as bases:
                sources = _sources_file(root / "one.toml", bases)
                _run(api, "daily-crawl/daily-crawl",
                     {"sources_file": sources, "data_dir": str(root / "daily")},
                     "daily-crawl, sample site, first run")  # fmt: skip
                _run(api, "daily-crawl/daily-crawl",
                     {"sources_file": sources, "data_dir": str(root / "daily")},
                     "daily-crawl, sample site, nothing new")  # fmt: skip
            with _sample_sites(args.sites) as bases:
                sources = _sources_file(root / "many.toml", bases)
                _run(api, "sharded-crawl/sharded-crawl",
                     {"sources_file": sources, "shards": args.shards,
                      "data_dir": str(root / "sharded")},
                     f"sharded-crawl, {args.sites} sites, {args.shards} shards, "
                     f"{args.workers} workers")  # fmt: skip
        finally:
            for process in reversed(processes):
                server.stop_process(process)


if __name__ == "__main__":
    main()
