"""Prefect settings for a run started from the command line, without touching ``os.environ``.

With no ``PREFECT_API_URL`` Prefect runs against a temporary local API, so the pipeline works on
a fresh machine with no server; its home (database, results) goes under the data directory
unless the user set ``PREFECT_HOME``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from fazhi.config import Settings

EPHEMERAL_STARTUP_TIMEOUT_S = 120  # a cold start on a busy 2-core machine takes over a minute


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
