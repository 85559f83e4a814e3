"""Concurrent crawls of one source never adopt each other's journal rows; a dead crawl's rows
are adopted by exactly one later crawl, every one of them though lines are synced in groups."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.crawl import state as state_module
from fazhi.crawl.state import CrawlState, UrlState


def row(url: str, run_id: str) -> dict[str, object]:
    return {"url": url, "run_id": run_id, "kind": "article", "outcome": "new"}


def test_a_running_crawls_journal_is_not_adopted(tmp_path: Path) -> None:
    running = CrawlState(tmp_path, "src")
    running.record(row("http://a.gov.cn/1.html", "run-a"), UrlState("http://a.gov.cn/1.html", "aa"))
    overlapping = CrawlState(tmp_path, "src")
    assert overlapping.pending_rows() == []
    assert overlapping.get("http://a.gov.cn/1.html") is None
    overlapping.commit()  # must not delete the running crawl's journal
    running.record(row("http://a.gov.cn/2.html", "run-a"), None)
    assert len(list((tmp_path / "crawl" / "src").glob("journal-*.jsonl"))) == 1


def test_a_dead_crawls_journal_is_adopted_by_one_later_crawl_only(tmp_path: Path) -> None:
    dead = CrawlState(tmp_path, "src")
    dead.record(row("http://a.gov.cn/1.html", "run-a"), UrlState("http://a.gov.cn/1.html", "aa"))
    dead._journal.close()  # what the kernel does when the process is killed
    first = CrawlState(tmp_path, "src")
    second = CrawlState(tmp_path, "src")  # overlaps the first: the orphan is already taken
    assert [r["url"] for r in first.pending_rows()] == ["http://a.gov.cn/1.html"]
    assert first.get("http://a.gov.cn/1.html") == UrlState("http://a.gov.cn/1.html", "aa")
    assert second.pending_rows() == []
    first.commit()
    assert list((tmp_path / "crawl" / "src").glob("journal*.jsonl")) == []
    assert CrawlState(tmp_path, "src").get("http://a.gov.cn/1.html") is not None


def test_a_journal_of_the_old_single_file_layout_is_adopted(tmp_path: Path) -> None:
    directory = tmp_path / "crawl" / "src"
    directory.mkdir(parents=True)
    entry = {"row": row("http://a.gov.cn/1.html", "run-old"), "url_state": None}
    (directory / "journal.jsonl").write_text(json.dumps(entry) + "\n{cut sho", encoding="utf-8")
    assert [r["run_id"] for r in CrawlState(tmp_path, "src").pending_rows()] == ["run-old"]


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from fazhi.crawl.state import CrawlState, UrlState
state = CrawlState(Path(sys.argv[1]), "src")
for n in range(int(sys.argv[2])):
    url = f"http://a.gov.cn/{n}.html"
    state.record({"url": url, "run_id": "run-k", "kind": "article"}, UrlState(url, f"{n:02x}"))
os.kill(os.getpid(), signal.SIGKILL)  # killed right after its last line: no close, no sync
"""


def test_every_line_of_a_killed_crawl_is_adopted_though_lines_are_synced_in_groups(
    tmp_path: Path,
) -> None:
    lines = 40  # written well within one JOURNAL_SYNC_S: only the first is fsynced
    ended = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path), str(lines)], timeout=60, check=False
    )
    assert ended.returncode == -signal.SIGKILL
    adopted = CrawlState(tmp_path, "src")
    assert [r["url"] for r in adopted.pending_rows()] == [
        f"http://a.gov.cn/{n}.html" for n in range(lines)
    ]
    assert adopted.get(f"http://a.gov.cn/{lines - 1}.html") is not None


def test_lines_are_synced_at_most_once_per_interval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(state_module.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    state = CrawlState(tmp_path, "src")
    for n in range(30):
        state.record(row(f"http://a.gov.cn/{n}.html", "run-a"), None)
    assert len(synced) == 1, "the first line is synced, the next ones wait for the interval"
    monkeypatch.setattr(state_module, "JOURNAL_SYNC_S", 0.0)
    state.record(row("http://a.gov.cn/late.html", "run-a"), None)
    assert len(synced) == 2, "a line after the interval is synced with those before it"
