"""Prefect concurrency limits: one warehouse writer at a time, a cap on fetches per crawled host.

Reads the Prefect API URL from Prefect's settings; writes limits to that server
(:func:`ensure_concurrency_limits`) or occupies a slot of one (:func:`warehouse_slot`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from prefect.client.orchestration import SyncPrefectClient

WAREHOUSE_WRITER = "warehouse-writer"
# Prefect holds a global slot as a lease its holder renews every 3/4 of the duration; a holder
# that dies stops renewing and the server's repossessor frees the slot once the lease expires.
# Prefect's default of 300 s is what a killed loader blocked others for; 60 s is the least the
# server accepts. A late renewal cannot let two writers in: the fcntl lock of
# fazhi.warehouse.db still admits one writer, and the kernel frees it the moment its holder dies.
WRITER_LEASE_S = 60.0
CRAWL_HOST_TAG_PREFIX = "crawl-host:"


def configured_api_url() -> str | None:
    """The Prefect API URL in effect (env, profile), or None in ephemeral mode (Prefect's own
    temporary server, or the one ``flows.local.temporary_server`` started for this run)."""
    from prefect.settings import get_current_settings

    from flows.local import is_temporary_api

    url = get_current_settings().api.url
    return None if not url or is_temporary_api(url) else url


@contextlib.contextmanager
def warehouse_slot(timeout_s: float | None = None) -> Iterator[None]:
    """Hold the single "warehouse-writer" slot while the body runs.

    Uses Prefect's global concurrency limit when an API server is configured, so loads started by
    different workers or machines queue for the one DuckDB writer; without a server (ephemeral
    mode, tests, ``make run``) there is only this process, so it does nothing. ``timeout_s`` bounds
    the wait for the slot (None waits as long as it takes); the limit must exist (see
    :func:`ensure_concurrency_limits`), and Prefect skips acquisition with a logged warning if not.
    """
    if configured_api_url() is None:
        yield
        return
    from prefect.concurrency.sync import concurrency

    with concurrency(
        WAREHOUSE_WRITER, occupy=1, timeout_seconds=timeout_s, lease_duration=WRITER_LEASE_S
    ):
        yield


def crawl_host_tag(url: str) -> str:
    """The task tag whose Prefect concurrency limit caps simultaneous fetches from ``url``'s host.

    The port is part of the host: two sites on one address are two hosts.
    """
    netloc = urlsplit(url).netloc.lower()
    host = netloc.rsplit("@", 1)[-1]
    if not host:
        raise ValueError(f"not an absolute URL: {url!r}")
    return CRAWL_HOST_TAG_PREFIX + host


def crawl_host_tags(urls: Iterable[str]) -> list[str]:
    """The distinct crawl-host tags of ``urls``, sorted."""
    return sorted({crawl_host_tag(url) for url in urls})


def ensure_concurrency_limits(
    client: SyncPrefectClient, host_tags: Iterable[str], per_host: int
) -> None:
    """Create or update the warehouse-writer limit (1 slot) and a tag limit per crawled host.

    The writer is only the global limit :func:`warehouse_slot` takes, held as a 60 s lease. A
    task-tag limit of the same name, which servers deployed by earlier versions hold, is removed:
    Prefect holds tag slots for as long as the task run stays Running, so a load killed mid-run
    blocked every later load.
    """
    from prefect.exceptions import ObjectNotFound

    client.upsert_global_concurrency_limit_by_name(WAREHOUSE_WRITER, 1)
    with contextlib.suppress(ObjectNotFound):
        client.delete_concurrency_limit_by_tag(WAREHOUSE_WRITER)
    for tag in host_tags:
        # the tag-limit endpoint upserts, so re-deploying with a new per_host updates it
        client.create_concurrency_limit(tag=tag, concurrency_limit=per_host)
