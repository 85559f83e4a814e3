"""Incremental crawl state of one source: what every machine shares, and what one crawl journals.

Reads and writes two kinds of file:
- ``urls.json``: per URL the last stored body's SHA-256, ETag, Last-Modified, listing title and
  date; it decides what a later crawl may skip or ask for conditionally. In the crawler it lives
  in the lake (``<lake>/state/crawl/<source_id>/urls.json``, :meth:`fazhi.lake.Lake.crawl_state`)
  so a source crawled on another machine tomorrow still sends conditional requests: one object per
  source, read once when a crawl starts and written once (whole, by one PUT or a rename) when its
  manifest is persisted. A ``urls.json`` left in the machine's own state folder by an earlier
  version is read when the lake holds none yet.
- ``journal-<id>.jsonl`` under ``<state_dir>/crawl/<source_id>/``: one per crawl in progress, one
  line per fetch, holding its manifest row and the URL state it produced, written before the next
  fetch starts. A crawl interrupted before its manifest was persisted is resumed from here: the
  next run on this machine carries these rows into its own manifest and never fetches those URLs
  again. Each line reaches the operating system before the next fetch (a killed process loses
  none); it is synced to disk at most once every ``JOURNAL_SYNC_S`` (group commit: an fsync per
  line took 4.8 ms here, under the journal's lock, once per document), so a machine that loses
  power may lose the last second's lines, whose pages its next crawl asks for again (their
  bodies are content-addressed: nothing is stored twice). The journal stays on the machine
  because it needs appends, fsync and ``flock``, which object stores lack; a crawl resumed on
  another machine instead re-requests those pages (their bodies are already in the lake).

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
import time
import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fsspec.implementations.local import LocalFileSystem

from fazhi.lake import Lake, check_under, checked_id

JOURNAL_SYNC_S = 1.0
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
    # a page's attachments (on its allowed hosts) when it was stored; None: not recorded (older
    # state). A page not fetched again still has them requested when one is not in the lake.
    attachments: tuple[str, ...] | None = None

    def as_json(self) -> dict[str, Any]:
        """The state as ``urls.json`` and a journal line store it: ``dataclasses.asdict`` without
        its deep copy (a tenth of a journal line's cost)."""
        return {name: getattr(self, name) for name in _URL_STATE_FIELDS}

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> UrlState:
        """A state as stored in ``urls.json`` or a journal line."""
        attachments = item.get("attachments")
        fields = {**item, "attachments": None if attachments is None else tuple(attachments)}
        return cls(**fields)


_URL_STATE_FIELDS = tuple(item.name for item in fields(UrlState))


class CrawlState:
    """The URL states and the run journal of one source; safe to use from several threads."""

    def __init__(
        self,
        state_dir: Path,
        source_id: str,
        home_hosts: tuple[str, ...] = (),
        shared: Lake | None = None,
    ) -> None:
        self.home_hosts = home_hosts
        # the source id comes from the sources file: it must not climb out of the state dir
        self.directory = check_under(
            Path(state_dir), Path(state_dir) / "crawl" / checked_id(source_id, "source id")
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        local_urls = self.directory / "urls.json"
        if shared is None:  # the URL states beside the journal, on this machine only
            self._urls_file = _UrlStatesFile(Lake(LocalFileSystem(), str(self.directory)), None)
        else:
            self._urls_file = _UrlStatesFile(shared, source_id, local_urls)
        self._changed: dict[str, UrlState] = {}  # what this crawl learnt: merged in at commit
        self._lock = threading.Lock()
        self._adopted = self._lock_orphan_journals()
        self._journal_path = self.directory / f"journal-{uuid.uuid4().hex[:12]}.jsonl"
        self._journal: Any = None  # opened (and locked) by the first record
        self._synced_at = float("-inf")  # the first line is synced at once
        self._urls = self._load_urls()
        self._pending = self._load_journal()

    def get(self, url: str) -> UrlState | None:
        """The state the last successful fetch of ``url`` left, if any."""
        with self._lock:
            return self._urls.get(self.key_for(url))

    def record(self, row: dict[str, Any], url_state: UrlState | None) -> None:
        """Journal one manifest row and the URL state it produced, durably, in one line."""
        line = json.dumps(
            {"row": _jsonable(row), "url_state": url_state.as_json() if url_state else None},
            ensure_ascii=False,
        )
        with self._lock:
            if self._journal is None:
                self._journal = _locked(self._journal_path)
            self._journal.write((line + "\n").encode("utf-8"))
            self._journal.flush()  # in the OS's hands: survives this process being killed
            now = time.monotonic()
            if now - self._synced_at >= JOURNAL_SYNC_S:
                os.fsync(self._journal.fileno())
                self._synced_at = now
            if url_state is not None:
                key = self.key_for(url_state.url)
                self._urls[key] = self._changed[key] = url_state

    def remember(self, url_state: UrlState) -> None:
        """Keep what was learnt about a URL without a fetch (saved with the next commit)."""
        with self._lock:
            key = self.key_for(url_state.url)
            self._urls[key] = self._changed[key] = url_state

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
        """Fold the journal into ``urls.json`` once the run's manifest is persisted.

        What is stored now is read again and this crawl's states laid over it, so a crawl of the
        same source that committed meanwhile (on another machine) keeps the URLs only it saw.
        """
        with self._lock:
            merged = self._keyed(self._urls_file.load())
            merged.update(self._changed)
            self._urls_file.save([state.as_json() for state in merged.values()])
            self._urls = merged
            self._changed = {}
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
        states = self._keyed(self._urls_file.load())
        for entry in self._journal_entries():
            if entry.get("url_state"):
                state = UrlState.from_json(entry["url_state"])
                states[self.key_for(state.url)] = self._changed[self.key_for(state.url)] = state
        return states

    def _keyed(self, items: list[dict[str, Any]]) -> dict[str, UrlState]:
        return {self.key_for(item["url"]): UrlState.from_json(item) for item in items}

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


class _UrlStatesFile:
    """One source's ``urls.json`` in a lake (or a folder), with the older local file as fallback."""

    def __init__(self, lake: Lake, source_id: str | None, fallback: Path | None = None) -> None:
        self.lake = lake
        self.path = lake.crawl_state(source_id) if source_id else lake.path("urls.json")
        self.fallback = fallback

    def load(self) -> list[dict[str, Any]]:
        try:
            text = self.lake.read(self.path).decode("utf-8")
        except FileNotFoundError:
            if self.fallback is None or not self.fallback.is_file():
                return []
            text = self.fallback.read_text(encoding="utf-8")
        items: list[dict[str, Any]] = json.loads(text)
        return items

    def save(self, states: list[dict[str, Any]]) -> None:
        self.lake.put(self.path, json.dumps(states, ensure_ascii=False, indent=0).encode("utf-8"))


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
