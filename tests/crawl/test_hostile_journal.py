"""Concurrent crawls of one source never adopt each other's journal rows; a dead crawl's rows
are adopted by exactly one later crawl."""

from __future__ import annotations

import json
from pathlib import Path

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
