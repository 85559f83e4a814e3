"""Processes of a local Prefect installation: the API server and workers of the process pool.

Reads settings (data dir, Prefect home); writes nothing itself, but the server it starts keeps its
SQLite database under ``PREFECT_HOME`` (``settings.prefect_home``, i.e. ``DATA_DIR/.prefect``,
unless ``PREFECT_HOME`` is already set in the environment).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

import httpx

from fazhi.config import REPO_ROOT, Settings
from fazhi.errors import TransientError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4200
WORK_POOL = "fazhi-local"
# Seconds between a worker's heartbeats: the server stores it with each worker, and sharded-crawl
# counts a worker lost after three missed ones (Prefect's default of 30 s took 90 s to notice).
WORKER_HEARTBEAT_S = 10


def api_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """The Prefect API URL of a server listening on ``host:port``."""
    return f"http://{host}:{port}/api"


def ui_url(api: str) -> str:
    """The dashboard URL that belongs to an API URL (the API path stripped)."""
    return api.removesuffix("/").removesuffix("/api")


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def prefect_environment(
    settings: Settings,
    api: str | None = None,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Environment for Prefect processes of this project, starting from ``base`` (os.environ).

    ``PREFECT_HOME`` defaults to the data directory's; ``FAZHI_DATA_DIR`` and ``FAZHI_REPO_DIR``
    are absolute so flow runs started by a worker find the same lake and code whatever their
    working directory; ``api`` (when given) becomes ``PREFECT_API_URL``.
    """
    env = dict(os.environ if base is None else base)
    env.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    env["FAZHI_DATA_DIR"] = str(settings.data_dir.resolve())
    from flows.deploy import PROJECT_DIR  # here: flows.deploy imports this module

    env.setdefault("FAZHI_REPO_DIR", str(PROJECT_DIR))  # holds deploy/, in a checkout or wheel
    # telemetry would try to reach the internet, which this project's hosts may not have
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("PREFECT_WORKER_HEARTBEAT_SECONDS", str(WORKER_HEARTBEAT_S))
    if api is not None:
        env["PREFECT_API_URL"] = api
    return env


def server_environment(settings: Settings, host: str, port: int) -> dict[str, str]:
    """Environment of a server on ``host:port`` whose UI talks to that same server.

    The UI asks the server for its API URL; Prefect answers with ``PREFECT_UI_API_URL``, else
    ``PREFECT_API_URL`` (often a profile's 4200), so without this a server on another port serves
    a UI that calls the wrong one ("Oops. Something went wrong").
    """
    env = prefect_environment(settings)
    env["PREFECT_UI_API_URL"] = api_url(host, port)
    env["PREFECT_SERVER_API_HOST"] = host
    env["PREFECT_SERVER_API_PORT"] = str(port)
    return env


def server_command(host: str, port: int, *, ui: bool = True) -> list[str]:
    """The command line that runs a Prefect API server (SQLite under ``PREFECT_HOME``)."""
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", host]
    command += ["--port", str(port), "--analytics-off"]
    return command if ui else [*command, "--no-ui"]


def worker_command(
    name: str, pool: str = WORK_POOL, limit: int | None = None, queues: tuple[str, ...] = ()
) -> list[str]:
    """The command line that runs one worker of the local process work pool.

    ``queues`` restricts it to those work queues (all of the pool's when empty); ``limit`` caps
    the flow runs it runs at once.
    """
    command = [sys.executable, "-m", "prefect", "worker", "start", "--pool", pool]
    command += ["--type", "process", "--name", name]
    command += [arg for queue in queues for arg in ("--work-queue", queue)]
    return command if limit is None else [*command, "--limit", str(limit)]


def start_process(
    command: list[str],
    env: Mapping[str, str],
    log: IO[bytes] | None = None,
    on_start: Callable[[], None] | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``command`` in its own process group (so stopping it stops its children too);
    ``on_start`` runs in the child before exec (e.g. ``flows.workers.die_with_parent``)."""
    Path(env.get("PREFECT_HOME", ".")).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        command,
        env=dict(env),
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
        start_new_session=True,
        preexec_fn=on_start,
    )


def stop_process(process: subprocess.Popen[bytes], grace_s: float = 10.0) -> None:
    """Stop a process started by :func:`start_process` and its children: SIGTERM, then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(grace_s)


def wait_for_api(
    api: str, timeout_s: float = 60.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Return once ``api``/health answers; TransientError after ``timeout_s`` or if it died."""
    deadline = time.monotonic() + timeout_s
    # one client for every try: each new one built a TLS context (~50 ms of CPU, 4 times a
    # second), on the core the starting server and the parsers' fork server need
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise TransientError(f"Prefect server exited with code {process.returncode}")
            if api_is_healthy(api, client):
                return
            time.sleep(0.25)
    raise TransientError(f"Prefect API at {api} did not answer within {timeout_s:.0f} s")


def api_is_healthy(api: str, client: httpx.Client) -> bool:
    """Whether a Prefect API answers its health check at ``api``."""
    try:
        response = client.get(f"{api.rstrip('/')}/health")
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def run_until_interrupted(process: subprocess.Popen[bytes]) -> int:
    """Wait for a foreground process; on Ctrl-C or SIGTERM stop it and its children cleanly.

    The child runs in its own session, so without this a terminated ``fazhi server`` would
    leave the Prefect server behind holding its port.
    """
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop_process(process)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
