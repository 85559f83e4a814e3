"""The scale benchmark's corpus on several loopback hosts (benchmarks.corpus.serve_hosts): the
real crawler fetches every report once, the columns are spread evenly over the hosts, and the
servers see its politeness hold: never more requests in flight on a host (a name and a port)
than its request slots, never two columns of one host crawled at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import RequestLog, build_corpus, serve_hosts, sources_toml
from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.crawl.hosts import crawl_hosts, host_groups, host_of
from fazhi.crawl.sources import load_sources
from fazhi.parse.stage import select_document_rows

REPORTS, SOURCES = 36, 6


@pytest.mark.parametrize(
    ("hosts", "distinct_addresses"),
    [
        pytest.param(1, True, id="one host: its columns one after another, as before"),
        pytest.param(3, True, id="three addresses: three hosts, two columns each"),
        pytest.param(6, True, id="one host per column, the benchmark's default"),
        pytest.param(3, False, id="three ports of one address: three hosts, each with its slots"),
    ],
)
def test_columns_spread_over_hosts_crawled_politely(
    tmp_path: Path, hosts: int, distinct_addresses: bool
) -> None:
    site = build_corpus(REPORTS, SOURCES)
    log = RequestLog()
    settings = Settings(data_dir=tmp_path, max_concurrent_hosts=4, max_concurrency_per_host=2)
    with serve_hosts(site, hosts, distinct_addresses, log) as bases:
        sources_file = tmp_path / "sources.toml"
        sources_file.write_text(sources_toml(bases, SOURCES), "utf-8")
        sources = load_sources(sources_file)
        manifest = store.combine_manifests(crawl_hosts(sources, settings, "run"))

    assert [len(group) for group in host_groups(sources)] == [SOURCES // hosts] * hosts
    assert len({host_of(s) for s in sources}) == hosts
    assert select_document_rows(manifest).height == REPORTS
    reports = {path for path in site if "/t" in path}
    assert {path for path in log.paths if "/t" in path} == reports
    assert all(log.paths[path] == 1 for path in reports)
    slots = settings.max_concurrency_per_host
    assert max(log.most_in_flight.values()) <= slots
    assert log.most_total_in_flight <= slots * hosts
    assert log.overlapping_columns() == []
