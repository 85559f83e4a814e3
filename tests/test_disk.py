"""Free disk space: a run stops with the reason before a write the disk cannot take.

On the real filesystem of the test's temporary directory: a limit above the disk's free space
stops, one below it passes, 0 checks nothing; a warehouse file larger than the free space (a
sparse file: its size is its length, it takes no blocks) asks room for the readers' copy, and
publishing that copy is refused before a byte is written.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from fazhi.config import load_settings
from fazhi.disk import MB, DiskNearlyFullError, free_bytes, no_space_explained, require_free_space
from fazhi.errors import TerminalError
from fazhi.warehouse.db import publish_snapshot, snapshot_path


def _sparse(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize(
    ("limit_mb", "stops"),
    [
        (0, False),  # no check
        (1, False),  # far below any free space the tests run with
        (10**9, True),  # a petabyte: above any disk's free space
    ],
)
def test_the_limit_is_checked_on_the_real_disk(tmp_path: Path, limit_mb: int, stops: bool) -> None:
    settings = load_settings(data_dir=tmp_path / "data", min_free_disk_mb=limit_mb)
    if not stops:
        require_free_space(settings, "loading batch 3")
        return
    with pytest.raises(DiskNearlyFullError) as raised:
        require_free_space(settings, "loading batch 3")
    message = str(raised.value)
    assert message.startswith("not loading batch 3: ")
    assert "FAZHI_MIN_FREE_DISK_MB" in message and "the next run loads the rest" in message
    assert isinstance(raised.value, TerminalError)  # retrying in seconds meets the same disk


def test_the_warehouse_disk_keeps_room_for_the_readers_copy(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", min_free_disk_mb=1)
    require_free_space(settings, "loading batch 0")  # no warehouse yet: nothing to copy
    _sparse(settings.duckdb_path, free_bytes(tmp_path) + 64 * MB)  # larger than the free space
    with pytest.raises(DiskNearlyFullError, match="for the readers' copy of the warehouse"):
        require_free_space(settings, "loading batch 1")


def test_a_lake_on_object_storage_is_not_looked_at(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data", lake_url="s3://bucket/lake", min_free_disk_mb=1
    )
    require_free_space(settings, "parsing batch 0")  # only the data directory's disk is looked at


def test_publishing_a_copy_that_cannot_fit_is_refused_before_writing(tmp_path: Path) -> None:
    database = _sparse(tmp_path / "fazhi.duckdb", free_bytes(tmp_path) + 64 * MB)
    with pytest.raises(DiskNearlyFullError, match="readers open the warehouse itself"):
        publish_snapshot(database)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fazhi.duckdb"]  # no partial copy
    assert not snapshot_path(database).exists()


@pytest.mark.parametrize(
    ("error", "explained"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OSError(errno.EACCES, "Permission denied"), False),
    ],
)
def test_a_full_disk_during_a_write_is_explained(
    tmp_path: Path, error: OSError, explained: bool
) -> None:
    expected = DiskNearlyFullError if explained else OSError
    with pytest.raises(expected) as raised, no_space_explained("storing raw objects", tmp_path):
        raise error
    if explained:
        assert str(raised.value).startswith(f"not storing raw objects: the disk of {tmp_path}")
