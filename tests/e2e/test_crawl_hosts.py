"""Under Prefect, hosts are crawled by concurrent tasks, one per host (flows.tasks.crawl_all).

Three slow sites on 127.0.0.1 (their listing answers after a pause) crawled in one flow take about
the time of the slowest, not the sum (both timed in one flow), and each host's crawl is its own "crawl-host" task run.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from fazhi.config import Settings
from fazhi.crawl.sources import Source
from tests.crawl.site_server import FixtureSite, serve
from tests.crawl.test_hosts import SLOW_S, _slow_site

pytestmark = pytest.mark.slow
HOSTS = 3


def test_slow_hosts_are_crawled_side_by_side_in_a_flow(
    prefect_harness: None, tmp_path: Path
) -> None:
    from prefect import flow

    from flows import tasks

    @flow
    def crawl_every_host(sources: list[Source]) -> tuple[float, float, list[list[str]]]:
        started = time.perf_counter()
        for source in sources:  # what run_pipeline did before: one source after another
            tasks.crawl(source, settings(tmp_path / "series"), "series")
        series = time.perf_counter() - started
        started = time.perf_counter()
        manifests = tasks.crawl_all(sources, settings(tmp_path / "hosts"), "hosts")
        together = time.perf_counter() - started
        return series, together, [m.get_column("source_id").unique().to_list() for m in manifests]

    def settings(data_dir: Path) -> Settings:
        return Settings(
            data_dir=data_dir, delay_s=0.0, request_timeout_s=SLOW_S * 4, max_concurrent_hosts=4
        )

    with ExitStack() as stack:
        urls = [_slow_site(stack.enter_context(serve(FixtureSite()))) for _ in range(HOSTS)]
        sources = [
            Source(id=f"s{n}", name=f"s{n}", start_urls=(url,), allow_private_addresses=True)
            for n, url in enumerate(urls)
        ]
        series, together, crawled = crawl_every_host(sources)
    assert crawled == [[s.id] for s in sources]
    # in series the listings alone take HOSTS × SLOW_S; side by side they save at least
    # (HOSTS - 1) × SLOW_S of it, whatever Prefect's own cost per task on a busy machine
    assert together < series - (HOSTS - 1.5) * SLOW_S, (series, together)
