"""Connections to the warehouse file and the single-writer lock.

Writers hold two locks: an advisory ``fcntl`` lock on ``fazhi.duckdb.lock`` (so that a second
writer waits its turn instead of failing at once) and DuckDB's own file lock (which also keeps
out other tools such as the DuckDB CLI). Both are awaited up to ``settings.lock_timeout_s``.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import duckdb

from fazhi.config import Settings
from fazhi.errors import WarehouseLockedError

POLL_S = 0.05


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file at ``path`` (no lock, no migration)."""
    if read_only and not path.is_file():
        raise FileNotFoundError(f"no warehouse at {path}; load a run first (fazhi run)")
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


def lock_path(database: Path) -> Path:
    """The advisory lock file beside ``database``."""
    return database.with_name(database.name + ".lock")


@contextmanager
def writer(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The only writable connection, migrated; raises WarehouseLockedError after the timeout."""
    from fazhi.warehouse.migrate import migrate  # migrate imports this module

    database = settings.duckdb_path
    database.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.lock_timeout_s
    with _advisory_lock(lock_path(database), deadline, settings.lock_timeout_s) as _:
        con = _connect_until(database, deadline, settings.lock_timeout_s)
        try:
            migrate(con, settings)
            yield con
        finally:
            con.close()


@contextmanager
def _advisory_lock(path: Path, deadline: float, timeout_s: float) -> Iterator[IO[str]]:
    with path.open("a+", encoding="utf-8") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseLockedError(_held_message(path, handle, timeout_s)) from None
                time.sleep(POLL_S)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _held_message(path: Path, handle: IO[str], timeout_s: float) -> str:
    handle.seek(0)
    holder = handle.read().strip() or "unknown"
    return (
        f"the warehouse is being written by another process (pid {holder}); waited "
        f"{timeout_s:g} s for {path}. Retry when it finishes, or raise FAZHI_LOCK_TIMEOUT_S."
    )


def _connect_until(database: Path, deadline: float, timeout_s: float) -> duckdb.DuckDBPyConnection:
    # Another program (a read-only `fazhi sql`, the DuckDB CLI) may hold DuckDB's file lock.
    while True:
        try:
            return duckdb.connect(str(database))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise WarehouseLockedError(
                    f"cannot open {database} for writing after {timeout_s:g} s: {exc}"
                ) from exc
            time.sleep(POLL_S)
