"""Hosts crawled concurrently, each within its own politeness (fazhi.crawl.hosts).

Real servers on 127.0.0.1: slow sites whose listing answers after a pause, and silent hosts that
accept a connection and never answer (an unreachable government site as the crawler sees it).
Each case first times one host's crawl alone, then all of them together.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from fazhi.config import Settings
from fazhi.crawl.crawler import crawl_source
from fazhi.crawl.hosts import crawl_hosts, host_groups
from fazhi.crawl.sources import Source
from tests.crawl import fixture_sites
from tests.crawl.site_server import FixtureSite, Reply, serve

SLOW_S = 0.8


def _slow_site(site: FixtureSite) -> str:
    listing = fixture_sites.page(fixture_sites.item("/col/t1.html", "2023年法治政府建设年度报告"))
    site.add("/col/index.html", Reply(listing.encode(), delay_s=SLOW_S))
    site.add(
        "/col/t1.html",
        fixture_sites.utf8_reply(fixture_sites.article("2023年法治政府建设年度报告")),
    )
    return site.url("/col/index.html")


@contextmanager
def _silent_host() -> Iterator[str]:
    """A host that accepts connections into its backlog and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/col/index.html"


@contextmanager
def _hosts(kind: str, hosts: int, sources_per_host: int) -> Iterator[list[Source]]:
    with ExitStack() as stack:
        urls = []
        for _ in range(hosts):
            if kind == "slow":
                urls.append(_slow_site(stack.enter_context(serve(FixtureSite()))))
            else:
                urls.append(stack.enter_context(_silent_host()))
        yield [
            Source(
                id=f"s{h}-{n}",
                name=f"source {h}-{n}",
                start_urls=(url if n == 0 else f"{url}?copy={n}",),
                allow_private_addresses=True,
            )
            for h, url in enumerate(urls)
            for n in range(sources_per_host)
        ]


def _settings(tmp_path: Path, kind: str, limit: int) -> Settings:
    return Settings(
        data_dir=tmp_path,
        delay_s=0.0,
        # a slow host answers within the timeout; a silent one times out soon
        request_timeout_s=SLOW_S * 4 if kind == "slow" else 0.5,
        retry_backoff_s=0.01,
        max_retries=1,
        max_concurrent_hosts=limit,
    )


@pytest.mark.parametrize(
    ("kind", "hosts", "per_host", "limit", "waves"),
    [
        pytest.param("slow", 4, 1, 4, 1, id="four-slow-hosts-wait-side-by-side"),
        pytest.param("slow", 4, 1, 2, 2, id="the-setting-bounds-hosts-at-once"),
        pytest.param("slow", 1, 2, 4, 2, id="two-sources-of-one-host-take-turns-for-politeness"),
        pytest.param("silent", 3, 1, 4, 1, id="unreachable-hosts-time-out-side-by-side"),
    ],
)
def test_hosts_take_the_time_of_the_slowest_not_the_sum(
    tmp_path: Path, kind: str, hosts: int, per_host: int, limit: int, waves: int
) -> None:
    with _hosts(kind, hosts, per_host) as sources:
        started = time.perf_counter()
        crawl_source(sources[0], _settings(tmp_path / "alone", kind, limit), "alone")
        alone = time.perf_counter() - started
        started = time.perf_counter()
        manifests = crawl_hosts(sources, _settings(tmp_path / "together", kind, limit), "together")
        together = time.perf_counter() - started
    assert [m.get_column("source_id").unique().to_list() for m in manifests] == [
        [s.id] for s in sources
    ]
    expected_outcome = "failed" if kind == "silent" else "new"
    assert all(expected_outcome in m.get_column("outcome").to_list() for m in manifests)
    # Waiting is SLOW_S (or a silent host's timeouts) per wave; the rest of a crawl is CPU, which
    # the 2 cores share, so it adds up across hosts even when the waits overlap.
    wait = SLOW_S if kind == "slow" else alone * 0.8
    cpu = max(alone - wait, 0.0)
    series = alone * len(sources)
    assert waves * wait * 0.9 < together < (waves + 1) * wait + len(sources) * cpu, (
        alone,
        together,
        series,
    )
    assert together < series * 0.8 or waves == len(sources)


def test_sources_are_grouped_by_host_and_port() -> None:
    urls = ["http://a.gov.cn/x", "http://A.gov.cn/y", "http://a.gov.cn:8080/z", "http://b.gov.cn/"]
    sources = [Source(id=str(i), name=str(i), start_urls=(u,)) for i, u in enumerate(urls)]
    assert [[s.id for s in g] for g in host_groups(sources)] == [["0", "1"], ["2"], ["3"]]
