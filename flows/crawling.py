"""The crawl under Prefect: a task per host (``flows.tasks.crawl_host_task``), either waited for
as a whole (``crawl_all``) or handed, host by host as each task ends, to the run's batch planner
(``crawling``, ``fazhi.streaming``) while the batches already planned are processed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from prefect import Task
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from fazhi.config import Settings
from fazhi.crawl import processes
from fazhi.crawl.hosts import host_groups, in_completion_order
from fazhi.crawl.sources import Source
from fazhi.memory import release_memory
from fazhi.streaming import BatchFeed, BatchPlanner, consume_in_thread
from flows.limits import configured_api_url, crawl_host_tag
from flows.tasks import crawl_host_task

if TYPE_CHECKING:  # annotations only: flows/ passes frames on and never computes with them
    from fazhi.schemas import Rows


@contextlib.contextmanager
def hosts_crawling(
    sources: list[Source], settings: Settings, run_id: str
) -> Iterator[list[PrefectFuture[list[Rows]]]]:
    """A task per host, ``settings.max_concurrent_hosts`` at a time: their futures; the block's
    end waits for every one."""
    runner: ThreadPoolTaskRunner[Any]
    groups = host_groups(sources)
    with (
        processes.crawl_processes(settings, len(groups)),
        ThreadPoolTaskRunner(max_workers=max(1, settings.max_concurrent_hosts)) as runner,
    ):
        # Prefect's overloads of submit do not resolve a ParamSpec task under mypy
        yield [
            runner.submit(_tagged(g), {"sources": g, "settings": settings, "run_id": run_id})  # type: ignore[arg-type]
            for g in groups
        ]


def crawl_all(sources: list[Source], settings: Settings, run_id: str) -> list[Rows]:
    """Every source's manifest, once every host's task ended."""
    with hosts_crawling(sources, settings, run_id) as futures:
        return [manifest for future in futures for manifest in future.result()]


@contextlib.contextmanager
def crawling(
    sources: list[Source],
    settings: Settings,
    run_id: str,
    feed: BatchFeed,
    recovered: Rows | None = None,
) -> Iterator[BatchFeed]:
    """Crawl ``sources`` while the block runs: as each host's task ends, a thread of the run
    plans its rows into ``feed`` (after ``recovered``, the rows earlier runs left); the block's
    end waits for the crawl."""
    planner = BatchPlanner(settings, run_id)
    crawl = contextlib.ExitStack()  # entered here (tasks submitted in the flow's thread) ...
    futures = crawl.enter_context(hosts_crawling(sources, settings, run_id))
    hosts = in_completion_order(futures)  # waits on the futures' completion, no polling
    futures.clear()  # each host's manifests end once planned, not with the crawl
    during = settings.stream_batches
    feeder = consume_in_thread(
        feed,
        planner,
        _then_closed(hosts, crawl),
        recovered,
        after=release_memory,
        during_crawl=during,
    )
    try:
        yield feed
    finally:
        feeder.join()
        crawl.close()  # (a no-op once the crawl ended)


def _then_closed(hosts: Iterator[list[Rows]], crawl: contextlib.ExitStack) -> Iterator[list[Rows]]:
    """``hosts``, then the crawl's context closed: ... and left once the last host is planned, so
    the crawl's processes (``crawl_in_processes``) are not resident beside the batches' workers."""
    try:
        yield from hosts
    finally:
        crawl.close()


def _tagged(group: list[Source]) -> Task[[list[Source], Settings, str], list[Rows]]:
    """The host task tagged with the group's host, so a per-host limit of the configured
    server can hold it. On a temporary server, which has no limits, only "crawl": Prefect
    keeps a slot service with an API client of its own per distinct set of tags, ~65 ms of the
    run's CPU per host (3 s at 50 hosts) for limits that cannot exist there."""
    if configured_api_url() is None:
        return crawl_host_task
    return crawl_host_task.with_options(tags=["crawl", crawl_host_tag(group[0].start_urls[0])])
