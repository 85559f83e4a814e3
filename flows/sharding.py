"""Splitting sources into shards for crawling on several workers.

Pure: reads source ids and start URLs, returns lists of source ids. Sources on the same host go to
the same shard, so one host's politeness delay is kept by one process rather than raced by several.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit


def source_host(start_urls: Iterable[str]) -> str:
    """The host (with port) a source is crawled from: that of its first start URL."""
    first = next(iter(start_urls), "")
    return urlsplit(first).netloc.lower()


def shard_sources(sources: Iterable[tuple[str, str]], shards: int) -> list[list[str]]:
    """Split ``(source_id, host)`` pairs into at most ``shards`` non-empty lists of source ids.

    Each source lands in exactly one shard and every source of a host in the same one; hosts are
    placed largest first on the least loaded shard, and the result is deterministic.
    """
    if shards < 1:
        raise ValueError(f"shards must be at least 1, got {shards}")
    by_host: dict[str, list[str]] = defaultdict(list)
    for source_id, host in sources:
        by_host[host].append(source_id)
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for host in sorted(by_host, key=lambda h: (-len(by_host[h]), h)):
        lightest = min(range(shards), key=lambda i: (len(buckets[i]), i))
        buckets[lightest].extend(sorted(by_host[host]))
    return [bucket for bucket in buckets if bucket]
