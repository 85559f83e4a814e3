"""Batches begin while the crawl goes on (fazhi.streaming, flows.crawling): under Prefect, with
real HTTP on 127.0.0.1 and a real DuckDB warehouse, a host that answers only once the first
batch was extracted (or loaded) holds the crawl open, so the run ends only if batches ran
before its crawl ended; a run killed there, with a batch loaded and a host not yet crawled,
loses nothing: the next plain run loads every document and fact an uninterrupted one loads.

Two hosts: the sample site (five reports) and a fixture site holding one more report behind a
listing that waits. Batches of two: the sample host's rows fill two batches as soon as its crawl
ends; the held report makes the last batch with the rest.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fazhi.config import Settings
from fazhi.crawl.sample_site import SAMPLE_COLUMN, serve_sample_site
from fazhi.lake import Lake
from tests.crawl import fixture_sites
from tests.crawl.site_server import FixtureSite, Hit, Reply, serve
from tests.e2e.test_kill_each_stage import warehouse

REPO = Path(__file__).resolve().parents[2]
BATCH_SIZE = 2
DOCUMENTS = 6  # five sample reports and the held one
WAIT_S = 180.0  # a batch not begun within this while the crawl is held: the run did not stream
RUN = "streamed"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@dataclass
class HeldHost:
    """A host whose listing is answered once ``ready()`` holds (or ``WAIT_S`` passed), which
    then calls ``then()``; ``answered_ready`` says whether it was ready in time."""

    ready: Callable[[], bool] = lambda: True
    then: Callable[[], None] = lambda: None
    answered_ready: list[bool] = field(default_factory=list)

    def listing(self, _: Hit) -> Reply:
        deadline = time.monotonic() + WAIT_S
        while not (ready := self.ready()) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.answered_ready.append(ready)
        self.then()
        return Reply(fixture_sites.page(fixture_sites.item("/col/t1.html", TITLE)).encode())


TITLE = "2023年法治政府建设年度报告"


@contextlib.contextmanager
def two_hosts(held: HeldHost, folder: Path) -> Iterator[Path]:
    """The sample site and the held host served; a sources file naming both."""
    with serve_sample_site() as base_url, serve(FixtureSite()) as site:
        site.add("/col/index.html", held.listing)
        site.add("/col/t1.html", fixture_sites.utf8_reply(fixture_sites.article(TITLE)))
        starts = {
            "sample": base_url.rstrip("/") + SAMPLE_COLUMN,
            "held": site.url("/col/index.html"),
        }
        folder.mkdir(parents=True, exist_ok=True)
        sources = folder / "sources.toml"
        sources.write_text(
            "".join(
                f'[[source]]\nid = "{name}"\nname = "{name}"\nstart_urls = ["{url}"]\n'
                "allow_private_addresses = true\ndelay_s = 0\n\n"
                for name, url in starts.items()
            ),
            "utf-8",
        )
        yield sources


def staged(data_dir: Path, table: str, batch: int, run_id: str = RUN) -> Callable[[], bool]:
    """Whether the run's ``table`` file of ``batch`` is in the lake."""
    lake = Lake.of(Settings(data_dir=data_dir))
    return lambda: bool(lake.fs.exists(lake.staged_batch(table, run_id, batch)))


@pytest.fixture(scope="module")
def streamed(
    prefect_harness: None, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, object, HeldHost]:
    from flows.pipeline import run_pipeline

    data_dir = tmp_path_factory.mktemp("streamed")
    held = HeldHost(ready=staged(data_dir, "documents", 0))
    with (
        two_hosts(held, data_dir / "sources") as sources,
        pytest.MonkeyPatch.context() as env,
    ):
        env.setenv("FAZHI_BATCH_SIZE", str(BATCH_SIZE))
        env.setenv("FAZHI_STREAM_BATCHES", "true")
        env.setenv("FAZHI_OVERLAP_BATCHES", "true")
        state = run_pipeline(
            sources_file=str(sources), data_dir=str(data_dir), run_id=RUN, return_state=True
        )
    return data_dir, state, held


def test_batches_are_extracted_while_a_host_is_still_crawled(streamed) -> None:
    data_dir, state, held = streamed
    assert state.is_completed(), state.message
    assert held.answered_ready == [True], "batch 0 was not extracted before the crawl ended"
    summary = state.result()
    assert summary.documents_new == DOCUMENTS
    assert summary.sources.get_column("source_id").to_list() == ["held", "sample"]
    assert summary.sources.get_column("status").to_list() == ["ok", "ok"]
    documents, facts = warehouse(data_dir)
    # the held page is no report with facts: the gate may refuse it, but nothing is left out
    assert summary.documents_loaded + summary.documents_quarantined == DOCUMENTS
    assert len(documents) == summary.documents_loaded >= DOCUMENTS - 1 and facts > 0
    lake = Lake.of(Settings(data_dir=data_dir))
    plan = sorted(Path(p).name for p in lake.fs.glob(lake.batch_plan_parts(RUN)))
    assert plan == [f"batch-{n:05d}.parquet" for n in range(DOCUMENTS // BATCH_SIZE)]


def test_a_run_killed_mid_crawl_after_a_batch_loaded_loses_nothing(
    streamed, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import run_pipeline

    reference, _, _ = streamed
    expected_documents, expected_facts = warehouse(reference)
    data_dir = tmp_path / "killed"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),  # the tests' server, no other
        "FAZHI_BATCH_SIZE": str(BATCH_SIZE),
        "FAZHI_STREAM_BATCHES": "true",
        "FAZHI_OVERLAP_BATCHES": "false",  # batch 1 is begun only once batch 0 is loaded
    }
    running: list[subprocess.Popen[bytes]] = []

    def kill_the_run() -> None:  # the whole group: its loader and workers die with it
        if running[0].poll() is None:  # the next run's crawl asks again: that one lives
            os.killpg(running[0].pid, signal.SIGKILL)

    # batch 1 parsed: batch 0 is loaded, and the held host is not crawled yet
    held = HeldHost(ready=staged(data_dir, "parsed", 1), then=kill_the_run)
    with two_hosts(held, tmp_path / "sources") as sources:
        command = [sys.executable, "-m", "fazhi", "run", "--sources", str(sources)]
        command += ["--data-dir", str(data_dir), "--run-id", RUN]
        with (tmp_path / "killed.log").open("wb") as log:
            running.append(
                subprocess.Popen(
                    command, cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True
                )
            )
            assert running[0].wait(timeout=WAIT_S * 2) == -signal.SIGKILL
        assert held.answered_ready == [True], (tmp_path / "killed.log").read_text()
        loaded_before, _ = warehouse(data_dir)
        assert 0 < len(loaded_before) < DOCUMENTS  # killed with a batch loaded, not all
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("FAZHI_BATCH_SIZE", str(BATCH_SIZE))
            patch.setenv("FAZHI_STREAM_BATCHES", "true")
            state = run_pipeline(
                sources_file=str(sources), data_dir=str(data_dir), return_state=True
            )
    assert state.is_completed(), state.message
    documents, facts = warehouse(data_dir)
    # the same contents (a document's key holds the port its site was served on)
    assert sorted(d for _, d in documents) == sorted(d for _, d in expected_documents)
    assert facts == expected_facts
