"""Hosts crawled concurrently, each within its own politeness (fazhi.crawl.hosts).

Real servers on 127.0.0.1: slow sites whose listing answers after a pause, and silent hosts that
accept a connection and never answer (an unreachable government site as the crawler sees it).
The servers count the requests (or connections) they hold at once, across hosts and per host:
the tests read those peaks, not the crawl's seconds, which depend on how busy the machine is.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from benchmarks.corpus import RequestLog
from fazhi.config import Settings
from fazhi.crawl.fetch import authority
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
def _silent_host(in_flight: RequestLog) -> Iterator[str]:
    """A host that accepts connections, never answers, and counts those the crawler holds open.

    A connection is finished when the crawler closes it. The thread holding it may notice that
    later than the next connection is accepted (a loaded machine schedules it late), so before
    counting a new connection the accepting thread finishes every held one whose peer has closed:
    on loopback the crawler's close has reached this side before its next connection is accepted.
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        name = f"http://127.0.0.1:{listener.getsockname()[1]}"
        held: dict[socket.socket, float] = {}  # open connections and when each was accepted
        lock = threading.Lock()

        def finish(connection: socket.socket) -> None:
            with lock:
                began = held.pop(connection, None)
            if began is not None:  # once, by whichever thread saw the close first
                in_flight.finished(name, "/", began)

        def closed_by_peer(connection: socket.socket) -> bool:
            try:
                return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
            except BlockingIOError:
                return False  # open, nothing sent
            except OSError:
                return True

        def hold(connection: socket.socket) -> None:
            with connection:
                try:
                    while connection.recv(4096):  # until the crawler gives up and closes
                        pass
                except OSError:
                    pass
                finish(connection)

        def accept() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:  # the listener closed at the end of the test
                    return
                with lock:
                    earlier = list(held)
                for other in earlier:
                    if closed_by_peer(other):
                        finish(other)
                with lock:
                    held[connection] = time.monotonic()
                in_flight.started(name, "/")
                threading.Thread(target=hold, args=(connection,), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        yield f"{name}/col/index.html"


@contextmanager
def _hosts(
    kind: str, hosts: int, sources_per_host: int, in_flight: RequestLog
) -> Iterator[list[Source]]:
    with ExitStack() as stack:
        urls = []
        for _ in range(hosts):
            if kind == "slow":
                site = stack.enter_context(serve(FixtureSite(in_flight)))
                urls.append(_slow_site(site))
            else:
                urls.append(stack.enter_context(_silent_host(in_flight)))
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
    ("kind", "hosts", "per_host", "limit", "peak"),
    [
        # four listings that each take SLOW_S are all waited on at once
        pytest.param("slow", 4, 1, 4, 4, id="four-slow-hosts-wait-side-by-side"),
        # ... but never more hosts at once than the setting allows
        pytest.param("slow", 4, 1, 2, 2, id="the-setting-bounds-hosts-at-once"),
        # two sources of one host never ask it at the same time
        pytest.param("slow", 1, 2, 4, 1, id="two-sources-of-one-host-take-turns-for-politeness"),
        # hosts that never answer hold their timeouts side by side
        pytest.param("silent", 3, 1, 4, 3, id="unreachable-hosts-time-out-side-by-side"),
    ],
)
def test_hosts_are_asked_side_by_side_and_each_one_at_a_time(
    tmp_path: Path, kind: str, hosts: int, per_host: int, limit: int, peak: int
) -> None:
    in_flight = RequestLog()
    with _hosts(kind, hosts, per_host, in_flight) as sources:
        manifests = crawl_hosts(sources, _settings(tmp_path, kind, limit), "together")
    assert [m.get_column("source_id").unique().to_list() for m in manifests] == [
        [s.id] for s in sources
    ]
    expected_outcome = "failed" if kind == "silent" else "new"
    assert all(expected_outcome in m.get_column("outcome").to_list() for m in manifests)
    assert in_flight.most_total_in_flight == peak
    assert set(in_flight.most_in_flight.values()) == {1}


def test_sources_are_grouped_by_host_and_port() -> None:
    urls = ["http://a.gov.cn/x", "http://A.gov.cn/y", "http://a.gov.cn:8080/z", "http://b.gov.cn/"]
    sources = [Source(id=str(i), name=str(i), start_urls=(u,)) for i, u in enumerate(urls)]
    assert [[s.id for s in g] for g in host_groups(sources)] == [["0", "1"], ["2"], ["3"]]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://a.gov.cn/x", "a.gov.cn:80"),
        ("http://A.gov.cn:80/y", "a.gov.cn:80"),  # case and the default port are one host
        ("https://a.gov.cn/", "a.gov.cn:443"),
        ("http://127.0.0.1:8081/col/", "127.0.0.1:8081"),  # one address, two ports: two hosts
        ("http://user@a.gov.cn:8080/", "a.gov.cn:8080"),
        ("http://a.gov.cn:99999/", "a.gov.cn:99999"),  # malformed port: its netloc, refused later
    ],
)
def test_politeness_is_per_host_and_port(url: str, expected: str) -> None:
    assert authority(url) == expected
