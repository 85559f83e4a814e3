"""Under Prefect, hosts are crawled by concurrent tasks, one per host (flows.crawling.crawl_all).

Three sites on 127.0.0.1 whose listing answers only once all three are being asked (or after
WAIT_S, when the crawl is not side by side) are crawled in one flow: the servers count the
requests they hold at once, which is a fact of the run where its seconds would depend on how busy
the machine is and on how long Prefect takes to start each task, and each source comes back with
its own manifest.
"""

from __future__ import annotations

import contextlib
import threading
from contextlib import ExitStack
from pathlib import Path

import pytest

from benchmarks.corpus import RequestLog
from fazhi.config import Settings
from fazhi.crawl.sources import Source
from tests.crawl import fixture_sites
from tests.crawl.site_server import FixtureSite, Hit, Reply, serve

pytestmark = pytest.mark.slow
HOSTS = 3
WAIT_S = 20.0


def _site_answering_together(site: FixtureSite, everyone: threading.Barrier) -> str:
    listing = fixture_sites.page(fixture_sites.item("/col/t1.html", "2023年法治政府建设年度报告"))

    def once_every_host_asks(_: Hit) -> Reply:
        # not side by side: the wait times out, the listing is answered and the peak says so
        with contextlib.suppress(threading.BrokenBarrierError):
            everyone.wait()
        return Reply(listing.encode())

    site.add("/col/index.html", once_every_host_asks)
    site.add(
        "/col/t1.html",
        fixture_sites.utf8_reply(fixture_sites.article("2023年法治政府建设年度报告")),
    )
    return site.url("/col/index.html")


def test_slow_hosts_are_crawled_side_by_side_in_a_flow(
    prefect_harness: None, tmp_path: Path
) -> None:
    from prefect import flow

    from flows.crawling import crawl_all

    @flow
    def crawl_every_host(sources: list[Source]) -> list[list[str]]:
        settings = Settings(
            data_dir=tmp_path, delay_s=0.0, request_timeout_s=WAIT_S * 2, max_concurrent_hosts=4
        )
        manifests = crawl_all(sources, settings, "hosts")
        return [m.get_column("source_id").unique().to_list() for m in manifests]

    in_flight = RequestLog()
    everyone = threading.Barrier(HOSTS, timeout=WAIT_S)
    with ExitStack() as stack:
        sites = [stack.enter_context(serve(FixtureSite(in_flight))) for _ in range(HOSTS)]
        sources = [
            Source(
                id=f"s{n}",
                name=f"s{n}",
                start_urls=(_site_answering_together(site, everyone),),
                allow_private_addresses=True,
            )
            for n, site in enumerate(sites)
        ]
        crawled = crawl_every_host(sources)
    assert crawled == [[s.id] for s in sources]
    assert in_flight.most_total_in_flight == HOSTS  # every host's listing was asked at once
    assert set(in_flight.most_in_flight.values()) == {1}  # and each host asked once at a time


def test_the_crawl_processes_end_with_the_crawl_not_with_the_batches(
    prefect_harness: None, tmp_path: Path
) -> None:
    """With ``crawl_in_processes``, the processes that crawled are gone once the feed has
    every batch, while the run's block (its batches) still goes on."""
    from prefect import flow

    from fazhi.streaming import BatchFeed
    from flows.crawling import crawling
    from tests.crawl.test_processes import _children

    @flow
    def crawl_then_batches(sources: list[Source]) -> tuple[list[int], list[int], int]:
        settings = Settings(
            data_dir=tmp_path, delay_s=0.0, max_concurrent_hosts=2, crawl_in_processes=True
        )
        with crawling(sources, settings, "procs", BatchFeed()) as feed:
            while not _children():  # the pool starts with the crawl
                threading.Event().wait(0.05)
            during = _children()
            batches = list(feed)  # every batch planned: the crawl is over
            after = _children()  # still inside the block, as the batches would be
        return during, after, len(batches)

    with ExitStack() as stack:
        sites = [stack.enter_context(serve(FixtureSite())) for _ in range(2)]
        sources = []
        for n, site in enumerate(sites):
            title = f"{2022 + n}年法治政府建设年度报告"
            site.add(
                "/col/index.html",
                Reply(fixture_sites.page(fixture_sites.item("/col/t1.html", title)).encode()),
            )
            site.add("/col/t1.html", fixture_sites.utf8_reply(fixture_sites.article(title)))
            sources.append(
                Source(
                    id=f"p{n}",
                    name=f"p{n}",
                    start_urls=(site.url("/col/index.html"),),
                    allow_private_addresses=True,
                )
            )
        during, after, batches = crawl_then_batches(sources)
    assert len(during) == 2, "max_concurrent_hosts crawl processes while the crawl goes on"
    assert after == [], "none of them beside the batches"
    assert batches >= 1
