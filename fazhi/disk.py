"""Free space on the local disks a run writes, checked before it writes.

A disk that fills during a run fails a write wherever it happens to be: a raw object half
stored, a staged batch file, DuckDB's log or checkpoint, or the copy that publishes the readers'
snapshot (a copy of the whole warehouse: 3.2 GB at 100,000 reports). Each fails with an
operating-system error that says nothing of what was done or what to do. So a run looks first:
before each source's crawl and each batch's parse and load it asks that every local disk it
writes keep ``settings.min_free_disk_mb`` free, and the warehouse's disk that as well as room for
the snapshot copy, and stops with :class:`DiskNearlyFullError` (terminal: a retry a few seconds
later meets the same disk) naming the disk, the space free and the setting. What was crawled
and loaded before stays; the next run, once space is freed, loads the rest (fazhi.recovery).

A lake on object storage (``FAZHI_LAKE_URL``) is not looked at: only local paths are.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fazhi.config import Settings
from fazhi.errors import TerminalError

MB = 1024 * 1024


class DiskNearlyFullError(TerminalError):
    """A disk the run writes holds less free space than the run needs to go on."""


def free_bytes(path: Path) -> int:
    """Free bytes (for this user) on the filesystem of ``path``, or of its nearest existing
    parent when ``path`` is not made yet."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free
    return shutil.disk_usage(Path.cwd()).free


def require_free_space(settings: Settings, doing: str) -> None:
    """Raise DiskNearlyFullError before ``doing`` when a local disk the run writes has less than
    ``min_free_disk_mb`` free (the warehouse's disk: that beyond a copy of the warehouse, which
    the run's end publishes as the readers' snapshot). ``min_free_disk_mb = 0`` checks nothing."""
    margin = settings.min_free_disk_mb * MB
    if margin <= 0:
        return
    database = settings.duckdb_path
    snapshot = database.stat().st_size if database.is_file() else 0
    needs = {database.parent: margin + snapshot}
    if "://" not in settings.lake_root:
        needs.setdefault(Path(settings.lake_root), margin)
    for path, need in needs.items():
        free = free_bytes(path)
        if free < need:
            copy = snapshot if path == database.parent else 0
            raise DiskNearlyFullError(_message(doing, path, free, copy, settings))


def _message(doing: str, path: Path, free: int, copy: int, settings: Settings) -> str:
    also = f" plus {copy / MB:,.0f} MB for the readers' copy of the warehouse" if copy else ""
    return (
        f"not {doing}: {free / MB:,.0f} MB free on the disk of {path}, under the "
        f"{settings.min_free_disk_mb:,} MB a run keeps free (FAZHI_MIN_FREE_DISK_MB){also}. "
        "Free space (or lower the setting) and run again: what was crawled and loaded is kept, "
        "and the next run loads the rest"
    )


@contextmanager
def no_space_explained(doing: str, path: Path) -> Iterator[None]:
    """Turn an operating system's "no space left on device" inside the block into
    DiskNearlyFullError saying what was being done, and where."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise DiskNearlyFullError(
            f"not {doing}: the disk of {path} is full ({exc.strerror}). Free space and run "
            "again: what was crawled and loaded is kept, and the next run loads the rest"
        ) from exc
