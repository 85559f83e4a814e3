"""Connections to the warehouse file and the single-writer lock.

Writers hold two locks: an advisory ``fcntl`` lock on ``fazhi.duckdb.lock`` (so that a second
writer waits its turn instead of failing at once) and DuckDB's own file lock (which also keeps
out other tools such as the DuckDB CLI). Both are awaited up to ``settings.lock_timeout_s``; the
kernel drops the advisory lock when its holder dies, however it dies.

DuckDB lets one process open a file for writing and then no other process may open it at all, not
even read-only. So readers do not open ``fazhi.duckdb``: after each write the writer, still holding
the advisory lock, checkpoints, copies the file and renames the copy over ``fazhi.read.duckdb``
(:func:`publish_snapshot`). The rename is atomic, so a reader opens either the previous snapshot
or the new one, never half of one, and a reader that has one open keeps reading it while the next
is published. Readers reach it through :func:`readable_path`.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

import duckdb

from fazhi.config import Settings
from fazhi.disk import MB, DiskNearlyFullError, free_bytes, no_space_explained
from fazhi.errors import WarehouseBusyError, WarehouseLockedError
from fazhi.warehouse.extensions import PROJECT_EXTENSIONS, load_extension

POLL_S = 0.05
HELD_LOG_LIMIT_MB = 4096  # DuckDB's log before it checkpoints by itself, while a writer is held


def duckdb_config(settings: Settings) -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB's memory limit, threads and spill directory, for every connection the project
    opens (:func:`open_duckdb`).

    Without them each connection may take 80 % of the machine's RAM and a thread per core. With
    them a query that needs more than the limit spills its sorts, joins and aggregates to
    ``settings.duckdb_temp_dir``, or fails with DuckDB's "Out of Memory" error naming the limit.
    """
    return {
        "memory_limit": f"{settings.duckdb_memory_limit_mb}MiB",
        "threads": settings.duckdb_threads,
        "temp_directory": str(settings.duckdb_temp_dir),
    }


def open_duckdb(
    path: Path | None, settings: Settings, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection under :func:`duckdb_config`: to the file at ``path``, or to a private
    in-memory database when ``path`` is None. The only place the project calls
    ``duckdb.connect``."""
    config = duckdb_config(settings)  # DuckDB makes the spill directory when it first spills
    if path is None:
        return duckdb.connect(":memory:", config=config)
    return duckdb.connect(str(path), read_only=read_only, config=config)


def connect(
    path: Path, settings: Settings, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file at ``path`` (no lock, no migration)."""
    if read_only and not path.is_file():
        raise FileNotFoundError(f"no warehouse at {path}; load a run first (fazhi run)")
    path.parent.mkdir(parents=True, exist_ok=True)
    return open_duckdb(path, settings, read_only=read_only)


def connect_reader(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A read-only connection that reaches the warehouse and the lake and nothing else.

    The project's extensions load first; then file access is limited to the lake's directory
    (DuckDB's ``allowed_directories``; the warehouse file itself stays readable), external
    access is switched off and the configuration locked, so no statement can switch it back.
    Statements are further limited to reads by :func:`fazhi.warehouse.read.run_query`.
    """
    path = readable_path(settings)
    if not path.is_file():
        raise FileNotFoundError(f"no warehouse at {path}; load a run first (fazhi run)")
    try:
        con = open_duckdb(path, settings, read_only=True)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise WarehouseBusyError(_busy_message(path, exc)) from exc
    try:
        for name in PROJECT_EXTENSIONS:
            load_extension(con, name)
        con.execute("SET allowed_directories = $1", [_readable_directories(settings)])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _readable_directories(settings: Settings) -> list[str]:
    # a lake on object storage is unreachable anyway with external access off
    if "://" in settings.lake_root:
        return []
    return [f"{Path(settings.lake_root).resolve()}/"]


def _busy_message(path: Path, exc: duckdb.IOException) -> str:
    holder = re.search(r"PID (\d+)", str(exc))
    who = f" (pid {holder.group(1)})" if holder else ""
    return (
        f"the warehouse {path} is being loaded by another process{who}; it cannot be read "
        "until that load finishes. Try again in a moment."
    )


def snapshot_path(database: Path) -> Path:
    """The read snapshot the writer publishes beside ``database``."""
    return database.with_name(database.stem + ".read" + database.suffix)


def readable_path(settings: Settings) -> Path:
    """The file readers open: the published snapshot, unless the warehouse changed after it.

    The warehouse file is newer than its snapshot while a load writes (the writer holds the
    advisory lock: the snapshot is then the last committed state) or when a program other than
    fazhi's writer changed it (no lock: only the warehouse file itself is current).
    """
    database, snapshot = settings.duckdb_path, snapshot_path(settings.duckdb_path)
    if not snapshot.is_file() or not database.is_file():
        return database
    if snapshot.stat().st_mtime >= database.stat().st_mtime or _writer_active(database):
        return snapshot
    return database


def _writer_active(database: Path) -> bool:
    lock = lock_path(database)
    if not lock.is_file():
        return False
    with lock.open("r", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return False


def publish_snapshot(database: Path) -> Path:
    """Copy the closed, checkpointed ``database`` and rename the copy over its read snapshot."""
    snapshot = snapshot_path(database)
    partial = snapshot.with_name(f"{snapshot.name}.{os.getpid()}.partial")
    doing = f"publishing the readers' copy {snapshot.name}"
    size, free = database.stat().st_size, free_bytes(database.parent)
    if free < size:  # a copy that cannot fit fails only once the disk is full: say so before
        raise DiskNearlyFullError(
            f"not {doing}: the copy takes {size / MB:,.0f} MB and the disk of {database.parent} "
            f"has {free / MB:,.0f} MB free. The warehouse holds every load; until a copy is "
            "published, readers open the warehouse itself (and wait while it loads)"
        )
    try:
        with no_space_explained(doing, database.parent):
            shutil.copyfile(database, partial)
        os.replace(partial, snapshot)
    finally:
        partial.unlink(missing_ok=True)
    return snapshot


def lock_path(database: Path) -> Path:
    """The advisory lock file beside ``database``."""
    return database.with_name(database.name + ".lock")


@contextmanager
def writer(settings: Settings, *, publish: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """The only writable connection, migrated; raises WarehouseLockedError after the timeout.

    ``publish=False`` leaves the read snapshot as it is: a run loading in batches publishes once,
    when it records itself, instead of copying the whole file after every batch."""
    from fazhi.warehouse.migrate import migrate  # migrate imports this module

    database = settings.duckdb_path
    database.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.lock_timeout_s
    with _advisory_lock(lock_path(database), deadline, settings.lock_timeout_s) as _:
        con = _connect_until(database, settings, deadline)
        try:
            migrate(con, settings)
            yield con
            con.execute("CHECKPOINT")  # the copy below must hold everything: no WAL beside it
        finally:
            con.close()
        if publish:
            publish_snapshot(database)  # still under the advisory lock: no writer changes it now


class HeldWriter:
    """The writer connection of :func:`writer`, kept open across a run's batch loads.

    Opening the writer for each batch costs a connection, a migration check and, at its close, a
    checkpoint that rewrites the tail of every table the batch touched: at 100,000 reports the
    close was a third of a batch's load. Held, the batches commit to DuckDB's log one after
    another (each commit is durable there: a process killed after it loses nothing) and the
    writer is closed, checkpointed and its lock released after ``loads`` loads, when
    :meth:`release` is called, or at once when a load fails. The readers' snapshot is left to
    the run's record, as with ``writer(publish=False)``. While held, other writers wait for the
    lock (``settings.lock_timeout_s``), so ``loads`` bounds how long they wait.
    """

    def __init__(self, settings: Settings, loads: int) -> None:
        self.settings = settings
        self.loads = max(1, loads)
        self._stack: ExitStack | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._done = 0

    @property
    def held(self) -> bool:
        return self._con is not None

    @property
    def connection(self) -> duckdb.DuckDBPyConnection | None:
        """The open connection between loads (None when not held), for reads such as the
        gate's of what earlier batches loaded: DuckDB lets a process open a file only once."""
        return self._con

    @contextmanager
    def load(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection for one load; the writer is released after it when ``loads`` are
        done, and at once (without its checkpoint) when the load raised."""
        if self._con is None:
            stack = ExitStack()
            self._con = stack.enter_context(writer(self.settings, publish=False))
            self._stack = stack
        # DuckDB checkpoints at a commit, instead of writing the commit to its log, once the log
        # would outgrow this (16 MB by default: every second batch). Held, the writer's close is
        # the checkpoint; but the last load before the close checkpoints at its commit (a limit
        # of 0): its rows are written once, not to the log and then again by the close's
        # checkpoint (at 100,000 reports ~19 MB of log a batch, 0.1 s of CPU and ~0.5 s of
        # wall). Its commit returns once the file holds it, so a kill after it loses nothing.
        last = self._done + 1 >= self.loads
        limit = "0B" if last else f"{HELD_LOG_LIMIT_MB}MiB"
        self._con.execute(f"SET checkpoint_threshold = '{limit}'")
        try:
            yield self._con
        except BaseException as exc:
            self._close(exc)
            raise
        self._done += 1
        if self._done >= self.loads:
            self.release()

    def release(self) -> None:
        """Checkpoint and close the writer, releasing the lock (nothing when not held)."""
        self._close(None)

    def _close(self, error: BaseException | None) -> None:
        stack, self._stack, self._con, self._done = self._stack, None, None, 0
        if stack is not None:
            if error is None:
                stack.close()
            else:
                stack.__exit__(type(error), error, error.__traceback__)


@contextmanager
def writer_lock(settings: Settings) -> Iterator[None]:
    """Hold the writers' advisory lock (not DuckDB's): for work that replaces the file itself."""
    deadline = time.monotonic() + settings.lock_timeout_s
    with _advisory_lock(lock_path(settings.duckdb_path), deadline, settings.lock_timeout_s):
        yield
        if settings.duckdb_path.is_file():
            publish_snapshot(settings.duckdb_path)


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


def _connect_until(
    database: Path, settings: Settings, deadline: float
) -> duckdb.DuckDBPyConnection:
    # Another program (a read-only `fazhi sql`, the DuckDB CLI) may hold DuckDB's file lock.
    while True:
        try:
            return open_duckdb(database, settings)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise WarehouseLockedError(
                    f"cannot open {database} for writing after {settings.lock_timeout_s:g} s: {exc}"
                ) from exc
            time.sleep(POLL_S)
