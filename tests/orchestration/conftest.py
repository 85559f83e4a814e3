"""One real Prefect server per test session, on a free 127.0.0.1 port, with the project deployed.

The server, its SQLite database and PREFECT_HOME live in a temporary directory; workers are
started by the tests that need them and every process is stopped at the end.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import load_settings
from flows import server


@dataclass
class LocalPrefect:
    """A running Prefect server and the environment that points processes at it."""

    api: str
    env: dict[str, str]
    root: Path
    logs: list[Path] = field(default_factory=list)

    def log_tail(self, lines: int = 60) -> str:
        """The end of every process log, for assertion messages."""
        parts = []
        for path in self.logs:
            text = path.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path.name}\n" + "\n".join(text))
        return "\n".join(parts)


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPrefect]:
    root = tmp_path_factory.mktemp("prefect")
    settings = load_settings(data_dir=root / "worker-data")
    api = server.api_url(server.DEFAULT_HOST, server.free_port())
    base = {**os.environ, "PREFECT_HOME": str(root / "home")}
    base.pop("PREFECT_API_URL", None)
    env = server.prefect_environment(settings, api, base=base)
    env["PREFECT_WORKER_QUERY_SECONDS"] = "1"  # workers notice new runs quickly
    env["PREFECT_LOGGING_LEVEL"] = "INFO"
    # the scheduler creates runs for new deployments within a second instead of a minute
    env["PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS"] = "1"
    local = LocalPrefect(api=api, env=env, root=root)
    process = _start(
        local, "server", server.server_command(server.DEFAULT_HOST, _port(api), ui=False)
    )
    try:
        server.wait_for_api(api, timeout_s=120, process=process)
        yield local
    finally:
        server.stop_process(process)


@pytest.fixture(scope="session")
def deployed(prefect_server: LocalPrefect, sources_for_limits: Path) -> str:
    """``fazhi serve --deploy-only`` against the session server, as a user runs it; its output."""
    args = ["serve", "--deploy-only", "--api-url", prefect_server.api,
            "--sources", str(sources_for_limits), "--data-dir", str(prefect_server.root / "cli")]  # fmt: skip
    result = CliRunner().invoke(app, args, env={"PREFECT_HOME": prefect_server.env["PREFECT_HOME"]})
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    return result.output


@pytest.fixture(scope="session")
def sources_for_limits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "sources.toml"
    path.write_text(
        '[[source]]\nid = "a"\nname = "a"\nstart_urls = ["http://127.0.0.1:8123/fzbg/"]\n'
        "allow_private_addresses = true\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def workers(prefect_server: LocalPrefect, deployed: str) -> Iterator[list[str]]:
    """Two process workers: one polling every queue (the warehouse machine), one "crawl" only."""
    started = [
        _start(prefect_server, "worker-main", server.worker_command("worker-main")),
        _start(
            prefect_server, "worker-crawl", server.worker_command("worker-crawl", queues=("crawl",))
        ),
    ]
    try:
        yield ["worker-main", "worker-crawl"]
    finally:
        for process in started:
            server.stop_process(process)


def _start(local: LocalPrefect, name: str, command: list[str]) -> subprocess.Popen[bytes]:
    path = local.root / f"{name}.log"
    local.logs.append(path)
    with path.open("wb") as log:
        return server.start_process(command, local.env, log)


def _port(api: str) -> int:
    return int(api.rsplit(":", 1)[1].split("/", 1)[0])
