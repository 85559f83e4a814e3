"""The gate and the load of a run's batches, in a process of their own.

Reads each batch's staged files from the lake and writes its quarantine and its rows in the
warehouse (``fazhi.batches.gate_batch`` and ``load_batch``, unchanged), in one child process that
lives across batches: the gate keeps its GX context there, and the run's process only waits on
a pipe, so a batch can be gated and loaded while the next one is parsed and extracted without
the two fighting for one interpreter's lock (in threads of one process they did: the run grew
from 224.6 s to 278.7 s at 10,000 reports).

Every DuckDB connection the child opens (the gate's reads, the loads) and the run's dashboard are
bounded by ``loader_duckdb_memory_limit_mb`` and ``loader_duckdb_threads`` rather than the
project's ``duckdb_memory_limit_mb`` and ``duckdb_threads``: the settings handed to the child
are :func:`bounded`. DuckDB keeps the blocks a query read in its buffer pool up to its limit,
so at 1 GiB the loader's peak inside a load grew with the warehouse it read.

The child keeps the warehouse's writer open from load to load
(``fazhi.warehouse.db.HeldWriter``), closing it, with its checkpoint, every
``settings.warehouse_hold_batches`` loads, when the run asks
(:meth:`LoaderProcess.release_warehouse`, before it records itself) and when the child is
replaced. The child is replaced every ``recycle_after`` loads, so whatever native memory it
keeps from batch to batch (GX, pandas, DuckDB) is returned to the system; its successor is
started at once and imports meanwhile. It exits when the run's process is gone, so a killed run
leaves no loader behind (the loads it committed are in DuckDB's log). A child that dies
(killed, out of memory) is reported as a transient error and replaced on the next call, so a
retry of the batch runs in a fresh one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from fazhi.children import child_pool
from fazhi.config import Settings
from fazhi.errors import TransientError

if TYPE_CHECKING:  # the gate and the load are imported in the child
    from fazhi.batches import BatchOutcome, GatedBatch
    from fazhi.warehouse.db import HeldWriter

Result = TypeVar("Result")

# gated batches waiting for their load, in the child: (run_id, batch) → GatedBatch
_gated: dict[tuple[str, int], GatedBatch] = {}
# the warehouse's writer, held across loads, in the child
_held: HeldWriter | None = None


class LoaderProcess:
    """Gates and loads batches in a reused child process; use as a context manager."""

    def __init__(self, recycle_after: int = 50) -> None:
        self.recycle_after = max(1, recycle_after)
        self._pool: ProcessPoolExecutor | None = None
        self._loads = 0

    def __enter__(self) -> LoaderProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the child now, so that it imports the gate and the load while the caller works."""
        self._child()

    def gate(
        self, settings: Settings, run_id: str, batch: int, years: list[int] | None = None
    ) -> Mapping[str, int] | None:
        """Gate one staged batch in the child, which keeps it for :meth:`load`; the gate's
        counts (None when the batch had nothing to gate)."""
        return self._call(_gate, settings, run_id, batch, years)

    def load(
        self,
        settings: Settings,
        run_id: str,
        batch: int,
        *,
        started_at: datetime,
        status: str,
        counts: dict[str, int],
        years: list[int] | None = None,
    ) -> BatchOutcome:
        """Load the batch :meth:`gate` gated (gated again if the child was replaced since)."""
        outcome = self._call(_load, settings, run_id, batch, started_at, status, counts, years)
        self.count_load()
        return outcome

    def count_load(self) -> None:
        """Count one load done; the child is replaced once it has done ``recycle_after``."""
        self._loads += 1
        if self._loads >= self.recycle_after:
            self.close()
            self._child()

    def call(self, work: Callable[..., Result], *args: Any) -> Result:
        """Any other picklable ``work`` of the run's end that needs the gate's context (Data
        Docs), in the child; a ``Settings`` among ``args`` arrives :func:`bounded`."""
        return self._call(work, *args)

    def release_warehouse(self) -> None:
        """Close the child's writer (checkpoint, lock released) so that another writer, such
        as the run's record, can open the warehouse; the next load opens it again."""
        if self._pool is not None:
            self._call(_release)

    def close(self) -> None:
        """Release the warehouse and stop the child, waiting for what it is doing."""
        if self._pool is not None:
            with suppress(BrokenProcessPool):  # it died: its committed loads are in DuckDB's log
                self._pool.submit(_release).result()
            self._pool.shutdown(wait=True)
        self._pool = None

    def _call(self, work: Callable[..., Result], *args: Any) -> Result:
        try:
            future: Future[Result] = self._child().submit(_bounded_call, work, *args)
            return future.result()
        except BrokenProcessPool as exc:
            self._abandon()
            raise TransientError(
                "the loader process died while gating or loading a batch (killed, or out of "
                "memory); a retry starts a new one"
            ) from exc

    def _child(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = child_pool(1, "loader")
            self._pool.submit(_warm_up)  # imports while the caller works
            self._loads = 0
        return self._pool

    def _abandon(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None


def build_dashboard_bounded(settings: Settings) -> str | None:
    """Build the run's dashboard in a spawned process of its own under the loader's DuckDB
    bounds, once the loader is closed; its index's path (None without the dashboard's optional
    dependencies). In the run's process, under the project's 1 GiB, the build took it from ~450
    to 1,006 MB at 30,000 reports; a process of its own without GX peaks at ~540 MB."""
    with child_pool(1, "dashboard") as pool:
        return pool.submit(_dashboard, bounded(settings)).result()


def bounded(settings: Settings) -> Settings:
    """``settings`` with the loader's DuckDB memory limit and threads for every connection."""
    return settings.model_copy(
        update={
            "duckdb_memory_limit_mb": settings.loader_duckdb_memory_limit_mb,
            "duckdb_threads": settings.loader_duckdb_threads,
        }
    )


# --- in the child ------------------------------------------------------------------------------
def _bounded_call(work: Callable[..., Result], *args: Any) -> Result:
    return work(*(bounded(a) if isinstance(a, Settings) else a for a in args))


def _warm_up() -> None:
    """Import what the gate and the load need, then take it out of the collector's sight.

    ``fazhi.batches`` imports pandas, polars and DuckDB but not Great Expectations (the gate
    imports it inside functions): without it here, the first gate of every child paid GX's
    import (2.6 s of CPU, ~200 MB) on the run's critical path, at the run's start and after
    each replacement. Frozen, the ~340,000 objects these imports leave, which live as long as
    the process, are no longer walked by each full collection (0.2 s every few batches)."""
    import gc

    import great_expectations  # noqa: F401

    import fazhi.batches  # noqa: F401

    gc.collect()
    gc.freeze()


def _gate(
    settings: Settings, run_id: str, batch: int, years: list[int] | None
) -> Mapping[str, int] | None:
    from fazhi.batches import gate_batch

    gated = gate_batch(settings, run_id, batch, years, _held_writer(settings))
    _gated[(run_id, batch)] = gated
    return gated.gate.counts() if gated.gate else None


def _load(
    settings: Settings,
    run_id: str,
    batch: int,
    started_at: datetime,
    status: str,
    counts: dict[str, int],
    years: list[int] | None,
) -> BatchOutcome:
    from fazhi.batches import gate_batch, load_batch

    gated = _gated.pop((run_id, batch), None)
    if gated is None:  # this child did not gate it: its predecessor did, before it was replaced
        gated = gate_batch(settings, run_id, batch, years, _held_writer(settings))
    return load_batch(
        settings,
        gated,
        run_id=run_id,
        started_at=started_at,
        status=status,
        counts=counts,
        held=_held_writer(settings),
    )


def _held_writer(settings: Settings) -> HeldWriter:
    from fazhi.warehouse.db import HeldWriter

    global _held
    if _held is not None and _held.settings != settings:  # another warehouse, or other limits
        _held.release()
        _held = None
    if _held is None:
        _held = HeldWriter(settings, settings.warehouse_hold_batches)
    return _held


def _release() -> None:
    if _held is not None:
        _held.release()


def _dashboard(settings: Settings) -> str | None:
    try:
        from fazhi.report.dashboard import build_dashboard
    except ImportError:  # the dashboard is optional for the pipeline's correctness
        return None
    return str(build_dashboard(settings))
