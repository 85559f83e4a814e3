"""Crawl many sources at once: different hosts concurrently, each host one source at a time.

Reads the sources and the settings (``max_concurrent_hosts``); returns each source's manifest, in
the order of the sources, or each host's manifests as its crawl ends (``crawl_hosts_as_done``).
A host's politeness — its delay, its per-host concurrency, its robots.txt — lives in the fetcher of
one source's crawl (fazhi.crawl.crawler), so two sources on one host are crawled one after another
and the host never sees two crawls at once, while slow or unreachable hosts wait side by side
instead of in series.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from queue import SimpleQueue
from typing import Any, Protocol, TypeVar

import polars as pl

from fazhi.config import Settings
from fazhi.crawl import processes
from fazhi.crawl.fetch import authority
from fazhi.crawl.sources import Source

CrawlOne = Callable[[Source, Settings, str], pl.DataFrame]
Result = TypeVar("Result")
Done = TypeVar("Done", covariant=True)


def host_of(source: Source) -> str:
    """The host (with its port: two sites on one address are two hosts) a source is crawled on,
    as the fetcher's politeness counts it."""
    return authority(source.start_urls[0])


def host_groups(sources: list[Source]) -> list[list[Source]]:
    """The sources grouped by host, hosts and sources in the order they first appear."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(host_of(source), []).append(source)
    return list(groups.values())


def crawl_hosts(
    sources: list[Source],
    settings: Settings,
    run_id: str,
    crawl_one: CrawlOne = processes.crawl,
) -> list[pl.DataFrame]:
    """Each source's manifest, hosts crawled ``settings.max_concurrent_hosts`` at a time (each
    in a crawl process of its own unless ``settings.crawl_in_processes`` is false)."""
    with _hosts_crawled(sources, settings, run_id, crawl_one) as submitted:
        crawled = {
            id(s): m
            for group, future in submitted
            for s, m in zip(group, future.result(), strict=True)
        }
    return [crawled[id(source)] for source in sources]


def crawl_hosts_as_done(
    sources: list[Source],
    settings: Settings,
    run_id: str,
    crawl_one: CrawlOne = processes.crawl,
) -> Iterator[list[pl.DataFrame]]:
    """Each host's manifests (one per source) as soon as its crawl ends, hosts crawled as
    :func:`crawl_hosts` crawls them; a host's manifests are not kept once handed on."""
    with _hosts_crawled(sources, settings, run_id, crawl_one) as submitted:
        futures = [future for _, future in submitted]
        submitted.clear()
        results = in_completion_order(futures)
        futures.clear()
        yield from results


@contextlib.contextmanager
def _hosts_crawled(
    sources: list[Source], settings: Settings, run_id: str, crawl_one: CrawlOne
) -> Iterator[list[tuple[list[Source], Future[list[pl.DataFrame]]]]]:
    """Each host's sources with the future of their crawl, one after another; the block's end
    waits for every host (no pool, and no crawl process, without sources)."""
    groups = host_groups(sources)
    if not groups:
        yield []
        return
    workers = max(1, min(settings.max_concurrent_hosts, len(groups)))

    def crawl_group(group: list[Source]) -> list[pl.DataFrame]:
        return [crawl_one(source, settings, run_id) for source in group]

    with (
        processes.crawl_processes(settings, len(groups)),
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl-host") as pool,
    ):
        yield [(group, pool.submit(crawl_group, group)) for group in groups]


class Completing(Protocol[Done]):
    """A future that calls back when it is done: ``concurrent.futures``' or Prefect's."""

    def add_done_callback(self, fn: Callable[[Any], None], /) -> None: ...

    def result(self) -> Done: ...


def in_completion_order(futures: Iterable[Completing[Result]]) -> Iterator[Result]:
    """The results of ``futures`` as each is done (raising what it raised), waiting on their
    completion; unlike ``as_completed`` (concurrent.futures' or Prefect's) no future is held
    once its result is handed on, when the caller holds none (a host's manifests would
    otherwise live until the last host is done)."""
    done: SimpleQueue[Completing[Result]] = SimpleQueue()
    count = 0
    for future in futures:
        future.add_done_callback(done.put)
        count += 1
    return (done.get().result() for _ in range(count))
