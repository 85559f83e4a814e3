"""Prefect settings for a run started from the command line, without touching ``os.environ``.

With no ``PREFECT_API_URL`` a run gets a temporary local API server of its own, so the pipeline
works on a fresh machine with no server; its home (database, results) goes under the data
directory unless the user set ``PREFECT_HOME``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

from fazhi.config import Settings
from flows import home_db

EPHEMERAL_STARTUP_TIMEOUT_S = 120  # a cold start on a busy 2-core machine takes over a minute
# What Prefect's own temporary server runs with (prefect.server.api.server.SubprocessASGIServer):
# no UI, and only the services a temporary server needs (the task-run recorder, the events').
TEMPORARY_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
DRAIN_TIMEOUT_S = 60.0  # for the run's last logs and events to reach the temporary server
_temporary_api: str | None = None


@contextlib.contextmanager
def local_prefect(settings: Settings) -> Iterator[None]:
    """Run the body with the project's Prefect defaults; what the user set wins."""
    from prefect.settings import (
        PREFECT_HOME,
        PREFECT_SERVER_ANALYTICS_ENABLED,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        temporary_settings,
    )

    defaults: dict[Any, Any] = {
        PREFECT_HOME: settings.prefect_home.resolve(),
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: EPHEMERAL_STARTUP_TIMEOUT_S,
        PREFECT_SERVER_ANALYTICS_ENABLED: False,  # no network beyond the crawled sites
    }
    chosen = {s: v for s, v in defaults.items() if s.name not in os.environ}
    settings.prefect_home.mkdir(parents=True, exist_ok=True)
    with temporary_settings(updates=chosen):
        yield


@contextlib.contextmanager
def temporary_server(settings: Settings) -> Iterator[Callable[[], None]]:
    """Inside :func:`local_prefect`: when no Prefect API is configured, start the run's own
    temporary server now and run the body against it; the body calls what this yields to wait
    until the server answers (a no-op when an API is configured), then runs its flows.

    Prefect would start the same server itself, but only when the flow begins, so the run waited
    for its start (3-8 s of CPU, migrations on a fresh home) with nothing else to do; started
    here, it comes up while the run imports its flows and the parsers' fork server warms up, and
    a fresh home starts from a migrated empty database (``flows.home_db``).
    Prefect's own way also imports its whole server package into the run's process (+2 s of
    CPU, +75 MB resident for the whole run) just to start it.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    from flows.limits import configured_api_url
    from flows.server import (
        DEFAULT_HOST,
        api_url,
        free_port,
        start_process,
        stop_process,
        wait_for_api,
    )
    from flows.workers import die_with_parent

    if configured_api_url() is not None:
        yield lambda: None
        return
    global _temporary_api
    port = free_port()
    api = api_url(DEFAULT_HOST, port)
    database, template = home_db.database_file(), home_db.template_file()
    keep = database is not None and home_db.seed(database, template)
    process = start_process(_server_command(port), _server_env(), on_start=die_with_parent)

    def ready() -> None:
        wait_for_api(api, EPHEMERAL_STARTUP_TIMEOUT_S, process)
        if keep and database is not None:  # migrated, and nothing run yet
            home_db.keep_template(database, template)

    try:
        # no UI: no "View at" link to a page that would not answer
        with temporary_settings({PREFECT_API_URL: api, PREFECT_UI_URL: ""}):
            _temporary_api = api
            yield ready
    finally:
        _drain_to(process)
        _temporary_api = None
        stop_process(process, grace_s=5.0)


def _drain_to(server: subprocess.Popen[bytes]) -> None:
    """Send what Prefect still queues for the API (run logs, task-run state events) while the
    server is there to take it: Prefect's own temporary server stops only after this, at exit;
    stopped first, the run's process hung at exit retrying to send to it."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    if server.poll() is None:
        APILogWorker.drain_all(timeout=DRAIN_TIMEOUT_S)
        EventsWorker.drain_all(timeout=DRAIN_TIMEOUT_S)


def is_temporary_api(api: str) -> bool:
    """Whether ``api`` is the temporary server :func:`temporary_server` started for this run
    (only this process uses it, as Prefect's own temporary server)."""
    return api == _temporary_api


def _server_command(port: int) -> list[str]:
    """Prefect's temporary server on 127.0.0.1:``port``, as Prefect itself starts one."""
    import prefect

    app_dir = str(prefect.__module_path__.parent)
    return [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]  # fmt: skip


def _server_env() -> dict[str, str]:
    from prefect.settings import get_current_settings

    chosen = get_current_settings().to_environment_variables(exclude_unset=True)
    return {**os.environ, **TEMPORARY_SERVER_ENV, **chosen}
