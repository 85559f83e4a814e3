"""The crawl's processes: each source's crawl in a spawned child, several hosts at once.

Reads nothing itself; ``crawl`` returns what ``fazhi.crawl.crawler.crawl_source`` returns and
raises what it raises. A crawl is Python all the way (HTTP exchange, listing pages, attachment
links, hashing, journal), so crawling hosts in threads of one process used one core whatever
the number of hosts (4-7 ms of CPU per document; 400 s of the 100,000-report run); in processes
of their own, ``max_concurrent_hosts`` crawls run on as many cores as there are. Politeness
is unchanged: it lives in one source's crawl, and a host's sources are still crawled one after
another (``fazhi.crawl.hosts``).

The processes are open while ``crawl_processes`` is: a flow's tasks, which run in threads and
take no pool as an argument, find them here. Outside it, a crawl runs in the calling process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

import polars as pl

from fazhi.children import child_pool
from fazhi.config import Settings
from fazhi.crawl.crawler import crawl_source
from fazhi.crawl.sources import Source
from fazhi.errors import TransientError

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0  # the processes of _pool, for its replacement
_users = 0


def process_count(settings: Settings, hosts: int | None = None) -> int:
    """How many crawl processes a crawl of ``hosts`` host groups starts: one per host crawled
    at once, ``max_concurrent_hosts``, or fewer when there are fewer hosts; none when crawling
    in processes is off or only one host is crawled at a time (a single child would use the
    one core the run's process would, and cost a process's start and memory)."""
    if not settings.crawl_in_processes:
        return 0
    count = (
        settings.max_concurrent_hosts
        if hosts is None
        else min(settings.max_concurrent_hosts, hosts)
    )
    return count if count > 1 else 0


@contextmanager
def crawl_processes(settings: Settings, hosts: int | None = None) -> Iterator[None]:
    """Crawl in ``process_count`` child processes until the block ends (in this process when
    that is none)."""
    global _pool, _users
    count = process_count(settings, hosts)
    if not count:
        yield
        return
    with _lock:
        if _pool is None:
            _pool = _started_pool(count)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            pool, _pool = (_pool, None) if _users == 0 else (None, _pool)
        if pool is not None:
            pool.shutdown(wait=True)


def crawl(source: Source, settings: Settings, run_id: str) -> pl.DataFrame:
    """``crawl_source`` of one source, in a crawl process when they are open."""
    pool = _pool
    if pool is None:
        return crawl_source(source, settings, run_id)
    try:
        return pool.submit(crawl_source, source, settings, run_id).result()
    except BrokenProcessPool as exc:
        _replace(pool)  # a retry of this source, or the next one, gets a whole pool
        raise TransientError(
            f"the process crawling source {source.id} died (killed, or out of memory)"
        ) from exc


def _replace(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is not broken:
            return  # another crawl replaced it already
        _pool = _started_pool(_size)
    broken.shutdown(wait=False, cancel_futures=True)


def _started_pool(count: int) -> ProcessPoolExecutor:
    """A pool of ``count`` processes that have all started and imported the crawler, so that
    the first hosts are crawled side by side rather than as their processes come up."""
    global _size
    _size = count
    pool = child_pool(count, "crawl")
    for started in [pool.submit(_warm_up) for _ in range(count)]:
        started.result()
    return pool


def _warm_up() -> None:
    import fazhi.crawl.crawler  # noqa: F401  (httpx, polars, the parsers of listing pages)
