"""The crawl's processes (fazhi.crawl.processes): sources crawled in spawned children.

A real site on 127.0.0.1 and real child processes: the crawl in a child stores and returns what
the same crawl in this process does; the children exist while the block is open and end with
it; a child that died is a transient error and the next crawl gets a whole pool.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest

from fazhi.config import Settings
from fazhi.crawl import processes
from fazhi.crawl.sources import Source
from fazhi.errors import TransientError
from tests.crawl import fixture_sites
from tests.crawl.site_server import FixtureSite, Reply, serve

TITLE = "2023年法治政府建设年度报告"
COMPARED = ["source_id", "url", "kind", "outcome", "sha256", "title"]


def _children() -> list[int]:
    """This process's spawned children (the pool's processes)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"multiprocessing.spawn" in cmdline:
            found.append(int(entry.name))
    return found


@contextmanager
def _site() -> Iterator[Source]:
    with serve(FixtureSite()) as site:
        listing = fixture_sites.page(fixture_sites.item("/col/t1.html", TITLE))
        site.add("/col/index.html", Reply(listing.encode()))
        site.add("/col/t1.html", fixture_sites.utf8_reply(fixture_sites.article(TITLE)))
        yield Source(
            id="s1",
            name="site",
            start_urls=(site.url("/col/index.html"),),
            allow_private_addresses=True,
        )


def _settings(data_dir: Path, in_processes: bool = True) -> Settings:
    return Settings(
        data_dir=data_dir,
        delay_s=0.0,
        max_concurrent_hosts=2,
        crawl_in_processes=in_processes,
        max_retries=0,
    )


def _rows(manifest: pl.DataFrame) -> list[dict[str, object]]:
    return manifest.select(COMPARED).sort("url").to_dicts()


def test_a_crawl_in_a_child_stores_and_returns_what_one_in_this_process_does(
    tmp_path: Path,
) -> None:
    with _site() as source:
        here = processes.crawl(source, _settings(tmp_path / "here"), "r1")
        with processes.crawl_processes(_settings(tmp_path / "child")):
            children = _children()
            there = processes.crawl(source, _settings(tmp_path / "child"), "r1")
    assert len(children) == 2, "max_concurrent_hosts processes, started with the block"
    assert _rows(there) == _rows(here) and "new" in there["outcome"].to_list()
    assert set(_children()).isdisjoint(children), "the processes end with the block"


@pytest.mark.parametrize(
    ("in_processes", "at_once", "hosts", "expected"),
    [
        (True, 4, None, 4),  # as many as hosts crawled at once
        (True, 4, 200, 4),
        (True, 4, 3, 3),  # no more than there are hosts
        (True, 4, 1, 0),  # one host: one crawl at a time, on the core the run has
        (True, 1, 50, 0),  # one host at a time, likewise
        (True, 4, 0, 0),
        (False, 4, 200, 0),  # off
    ],
)
def test_how_many_crawl_processes_a_crawl_starts(
    tmp_path: Path, in_processes: bool, at_once: int, hosts: int | None, expected: int
) -> None:
    settings = Settings(
        data_dir=tmp_path, crawl_in_processes=in_processes, max_concurrent_hosts=at_once
    )
    assert processes.process_count(settings, hosts) == expected


@pytest.mark.parametrize(("in_processes", "hosts"), [(False, None), (True, 1)])
def test_without_processes_nothing_is_spawned(
    tmp_path: Path, in_processes: bool, hosts: int | None
) -> None:
    settings = _settings(tmp_path, in_processes=in_processes)
    with _site() as source, processes.crawl_processes(settings, hosts):
        assert _children() == []
        assert "new" in processes.crawl(source, settings, "r1")["outcome"].to_list()


def test_a_crawl_of_fewer_hosts_starts_fewer_processes(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, delay_s=0.0, crawl_in_processes=True, max_concurrent_hosts=4
    )
    with processes.crawl_processes(settings, 2):
        assert len(_children()) == 2
    assert _children() == []


def test_a_dead_crawl_process_is_transient_and_the_next_crawl_gets_a_whole_pool(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    with _site() as source, processes.crawl_processes(settings):
        killed = _children()
        for pid in killed:  # killed, or out of memory: the pool is broken
            os.kill(pid, signal.SIGKILL)
        with pytest.raises(TransientError, match="died"):
            processes.crawl(source, settings, "r1")
        again = processes.crawl(source, settings, "r2")  # a retry, as Prefect's would be
        assert _children() and set(_children()).isdisjoint(killed)
    assert "new" in again["outcome"].to_list()
