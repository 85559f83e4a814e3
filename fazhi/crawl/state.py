"""Incremental crawl state of one source, kept under ``<state_dir>/crawl/<source_id>/``.

Reads and writes two files:
- ``urls.json``: per URL the last stored body's SHA-256, ETag, Last-Modified, listing title and
  date; it decides what a later crawl may skip or ask for conditionally.
- ``journal-<id>.jsonl``: one per crawl in progress, one line per fetch, holding its manifest row
  and the URL state it produced, written before the next fetch starts. A crawl interrupted before
  its manifest was persisted is resumed from here: the next run carries these rows into its own
  manifest and never fetches those URLs again.

Each crawl holds an exclusive ``flock`` on its own journal for as long as it runs; the kernel
drops it when the process dies. A journal that can be locked therefore belongs to a crawl that is
gone, and is adopted (and kept locked until commit, so two crawls never adopt the same one); a
journal that cannot be locked belongs to a crawl still running, whose rows are not ours.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fazhi.lake import check_under, checked_id

_DATE_FIELDS = {"published_on": date.fromisoformat}
_DATETIME_FIELDS = {"fetched_at": datetime.fromisoformat}


@dataclass(frozen=True)
class UrlState:
    """What the last successful fetch of a URL left behind."""

    url: str
    sha256: str
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    published_on: str | None = None  # ISO date shown on the listing when it was fetched


class CrawlState:
    """The URL states and the run journal of one source; safe to use from several threads."""

    def __init__(self, state_dir: Path, source_id: str, home_hosts: tuple[str, ...] = ()) -> None:
        self.home_hosts = home_hosts
        # the source id comes from the sources file: it must not climb out of the state dir
        self.directory = check_under(
            Path(state_dir), Path(state_dir) / "crawl" / checked_id(source_id, "source id")
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        self._urls_path = self.directory / "urls.json"
        self._lock = threading.Lock()
        self._adopted = self._lock_orphan_journals()
        self._journal_path = self.directory / f"journal-{uuid.uuid4().hex[:12]}.jsonl"
        self._journal: Any = None  # opened (and locked) by the first record
        self._urls = self._load_urls()
        self._pending = self._load_journal()

    def get(self, url: str) -> UrlState | None:
        """The state the last successful fetch of ``url`` left, if any."""
        with self._lock:
            return self._urls.get(self.key_for(url))

    def record(self, row: dict[str, Any], url_state: UrlState | None) -> None:
        """Journal one manifest row and the URL state it produced, durably, in one line."""
        line = json.dumps(
            {"row": _jsonable(row), "url_state": asdict(url_state) if url_state else None},
            ensure_ascii=False,
        )
        with self._lock:
            if self._journal is None:
                self._journal = _locked(self._journal_path)
            self._journal.write((line + "\n").encode("utf-8"))
            self._journal.flush()
            os.fsync(self._journal.fileno())
            if url_state is not None:
                self._urls[self.key_for(url_state.url)] = url_state

    def key_for(self, url: str) -> str:
        """State key of a URL: on the source's own hosts, without scheme and port.

        The bundled demo site gets a new loopback port each run, and real sites move between
        http and https; neither should make every page look new.
        """
        parts = urlsplit(url)
        if parts.hostname and parts.hostname in self.home_hosts:
            return url[len(f"{parts.scheme}://{parts.netloc}") :] or "/"
        return url

    def pending_rows(self) -> list[dict[str, Any]]:
        """Manifest rows journalled by an earlier run that never persisted its manifest."""
        return list(self._pending)

    def commit(self) -> None:
        """Fold the journal into ``urls.json`` once the run's manifest is persisted."""
        with self._lock:
            tmp = self._urls_path.with_suffix(f".json.{uuid.uuid4().hex[:8]}.tmp")
            states = [asdict(state) for state in self._urls.values()]
            tmp.write_text(json.dumps(states, ensure_ascii=False, indent=0), encoding="utf-8")
            tmp.replace(self._urls_path)
            mine = [(self._journal_path, self._journal)] if self._journal is not None else []
            for path, handle in [*self._adopted, *mine]:
                path.unlink(missing_ok=True)
                handle.close()  # releases the lock
            self._adopted = []
            self._journal = None
            self._pending = []

    def _lock_orphan_journals(self) -> list[tuple[Path, Any]]:
        adopted = []
        for path in sorted(self.directory.glob("journal*.jsonl")):
            handle = open(path, "a+b")  # noqa: SIM115 - held open: it is the lock
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()  # a crawl still running holds it: its rows are not ours
                continue
            adopted.append((path, handle))
        return adopted

    def _load_urls(self) -> dict[str, UrlState]:
        states: dict[str, UrlState] = {}
        if self._urls_path.exists():
            for item in json.loads(self._urls_path.read_text(encoding="utf-8")):
                states[self.key_for(item["url"])] = UrlState(**item)
        for entry in self._journal_entries():
            if entry.get("url_state"):
                state = UrlState(**entry["url_state"])
                states[self.key_for(state.url)] = state
        return states

    def _load_journal(self) -> list[dict[str, Any]]:
        return [_from_jsonable(entry["row"]) for entry in self._journal_entries()]

    def _journal_entries(self) -> list[dict[str, Any]]:
        entries = []
        for path, _handle in self._adopted:
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    entries.append(json.loads(line))
                except json.JSONDecodeError:
                    break  # a line cut short by the interruption; everything before is whole
        return entries


def _locked(path: Path) -> Any:
    handle = open(path, "ab")  # noqa: SIM115 - held open for the crawl: it is the lock
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()}


def _from_jsonable(row: dict[str, Any]) -> dict[str, Any]:
    parsed = dict(row)
    for name, parse in {**_DATE_FIELDS, **_DATETIME_FIELDS}.items():
        if parsed.get(name):
            parsed[name] = parse(parsed[name])
    return parsed
