"""The lake: where every stage persists its hand-off, a local folder or any fsspec URL.

``settings.lake_root`` is the one place the lake's location comes from, and :class:`Lake` the one
place its layout is written down: raw objects and manifests (crawl), staged tables (parse,
extract) and the quarantine (gate), each keyed by run id. Moving the lake to object storage is a
setting (``FAZHI_LAKE_URL``), not a code change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import fsspec
from fsspec import AbstractFileSystem

from fazhi.config import Settings


@dataclass(frozen=True)
class Lake:
    """The lake of one settings object: its filesystem and the path of every stage's files."""

    fs: AbstractFileSystem
    root: str  # in ``fs``'s terms: no protocol prefix, no trailing slash

    @classmethod
    def of(cls, settings: Settings) -> Lake:
        fs, root = fsspec.core.url_to_fs(settings.lake_root)
        return cls(fs, str(root).rstrip("/"))

    def path(self, *parts: str) -> str:
        """A path inside the lake."""
        return "/".join([self.root, *parts])

    def raw_object(self, sha256: str) -> str:
        """The raw bytes whose SHA-256 is ``sha256`` (content-addressed, fetched once)."""
        return self.path("raw", "objects", sha256[:2], sha256)

    def manifest(self, run_id: str, source_id: str) -> str:
        """One run's manifest rows for one source."""
        return self.path("raw", "manifest", f"run_id={run_id}", f"{source_id}.parquet")

    def manifests(self) -> str:
        """A glob of every manifest file of every run."""
        return self.path("raw", "manifest", "run_id=*", "*.parquet")

    def staged(self, table: str, run_id: str) -> str:
        """A run's staged table: ``parsed`` (parse), ``documents``/``mentions``/``facts``."""
        return self.path("staging", table, f"run_id={run_id}", f"{table}.parquet")

    def quarantine(self, run_id: str, name: str) -> str:
        """A file of a run's quarantine (rows the gate refused, or their resolutions)."""
        return self.path("quarantine", f"run_id={run_id}", name)

    def quarantines(self, name: str) -> str:
        """A glob of the file ``name`` of every run's quarantine."""
        return self.path("quarantine", "run_id=*", name)


def lake_fs(settings: Settings) -> AbstractFileSystem:
    """The filesystem holding the lake."""
    return Lake.of(settings).fs


def new_run_id() -> str:
    """A sortable, unique run id keying every stage's output: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
