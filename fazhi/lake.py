"""The lake: where every stage persists its hand-off, a local folder or any fsspec URL.

``settings.lake_root`` is the one place the lake's location comes from, and :class:`Lake` the one
place its layout is written down: raw objects and manifests (crawl), staged tables (parse,
extract) and the quarantine (gate), each keyed by run id. Moving the lake to object storage is a
setting (``FAZHI_LAKE_URL``), not a code change.

Ids that become path parts (run ids, source ids) come from the command line and the sources
file: ``--run-id ../../../ESCAPED`` must not write outside the data directory. Every id a path is
made of matches :data:`SAFE_ID`, every part is one path component, and a local path is checked
to stay under the lake's root after resolution.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import fsspec
from fsspec import AbstractFileSystem

from fazhi.config import Settings
from fazhi.errors import TerminalError

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128"


class UnsafePathError(TerminalError):
    """An id or path part would lead outside the data directory or the lake."""


def checked_id(value: str, what: str = "id") -> str:
    """``value`` when it is safe as one path part; UnsafePathError naming ``what`` otherwise."""
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value):
        raise UnsafePathError(f"invalid {what} {value!r}: use {ID_RULE} characters")
    return value


def check_under(root: Path, path: Path) -> Path:
    """``path`` resolved, when it lies under ``root``; UnsafePathError otherwise."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise UnsafePathError(f"path {path} leaves {root}")
    return resolved


@dataclass(frozen=True)
class Lake:
    """The lake of one settings object: its filesystem and the path of every stage's files."""

    fs: AbstractFileSystem
    root: str  # in ``fs``'s terms: no protocol prefix, no trailing slash
    local: bool = True  # a folder on this machine: paths are checked after resolution too

    @classmethod
    def of(cls, settings: Settings) -> Lake:
        fs, root = fsspec.core.url_to_fs(settings.lake_root)
        return cls(fs, str(root).rstrip("/"), "://" not in settings.lake_root)

    def path(self, *parts: str) -> str:
        """A path inside the lake; UnsafePathError when a part is not one path component."""
        for part in parts:
            if part in ("", ".", "..") or any(c in part for c in "/\\\0"):
                raise UnsafePathError(f"invalid lake path part {part!r}")
        path = "/".join([self.root, *parts])
        if self.local:
            check_under(Path(self.root), Path(path))
        return path

    def raw_object(self, sha256: str) -> str:
        """The raw bytes whose SHA-256 is ``sha256`` (content-addressed, fetched once)."""
        checked_id(sha256, "sha256")
        return self.path("raw", "objects", sha256[:2], sha256)

    def manifest(self, run_id: str, source_id: str) -> str:
        """One run's manifest rows for one source."""
        run_part, source = (
            f"run_id={checked_id(run_id, 'run id')}",
            checked_id(source_id, "source id"),
        )
        return self.path("raw", "manifest", run_part, f"{source}.parquet")

    def manifests(self) -> str:
        """A glob of every manifest file of every run."""
        return self.path("raw", "manifest", "run_id=*", "*.parquet")

    def staged(self, table: str, run_id: str) -> str:
        """A run's staged table: ``parsed`` (parse), ``documents``/``mentions``/``facts``."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", checked_id(table, "table"), run_part, f"{table}.parquet")

    def staged_batch(self, table: str, run_id: str, batch: int) -> str:
        """One batch of a run's staged ``table``: runs stream through the stages in batches."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", checked_id(table, "table"), run_part, batch_name(batch))

    def staged_files(self, table: str, run_id: str) -> str:
        """A glob of every file of a run's staged ``table`` (its batches, or one older file)."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", checked_id(table, "table"), run_part, "*.parquet")

    def batch_plan(self, run_id: str) -> str:
        """A run's plan: its document rows, each with the number of the batch it belongs to."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", "batches", run_part, "plan.parquet")

    def reusable(self, stage: str, key: str) -> str:
        """Where the batch that ``stage`` made from inputs with content key ``key`` is recorded."""
        return self.path("staging", "reuse", checked_id(stage, "stage"), checked_id(key, "key"))

    def quarantine(self, run_id: str, name: str) -> str:
        """A file of a run's quarantine (rows the gate refused, or their resolutions)."""
        return self.path("quarantine", f"run_id={checked_id(run_id, 'run id')}", name)

    def quarantines(self, name: str) -> str:
        """A glob of the file ``name`` of every run's quarantine."""
        return self.path("quarantine", "run_id=*", name)


def batch_name(batch: int) -> str:
    """The file name of batch number ``batch`` (zero-padded: files sort in batch order)."""
    if batch < 0:
        raise UnsafePathError(f"invalid batch number {batch}")
    return f"batch-{batch:05d}.parquet"


def lake_fs(settings: Settings) -> AbstractFileSystem:
    """The filesystem holding the lake."""
    return Lake.of(settings).fs


def new_run_id() -> str:
    """A sortable, unique run id keying every stage's output: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
