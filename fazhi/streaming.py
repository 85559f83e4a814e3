"""Batches planned while the crawl goes on: each host's document rows, once its crawl is done,
are cut into batches of ``settings.batch_size`` that parse, extract, gate and load while other
hosts are still crawled; what is left over, when the crawl ends.

Reads each finished host's manifests (from the crawl, in the order hosts finish), the lake's
documents no finished run loaded (``fazhi.recovery``) and, on request, the quarantined ones;
writes each batch's rows as its own plan file (``lake/staging/batches/run_id=<run>/
batch-NNNNN.parquet``, before the batch's number is handed on). Memory holds less than a batch
of rows and the crawl's outcome (per source, and its problems), not the manifests of every host.

A run resumed under its run id keeps the batches it planned (their files) and plans only the
rows not in them; a run planned at once (``fazhi.batches.plan_batches``) keeps that plan.
Rows are sorted by content hash before they are cut, so the same documents arriving in the same
order make the same batches (and reuse an earlier run's); hosts finishing in another order make
other batches, which are parsed and extracted again.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

import polars as pl

from fazhi.batches import BATCH_COLUMN, write_plan_part
from fazhi.children import child_pool
from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.lake import Lake, batch_number
from fazhi.parse.stage import select_document_rows
from fazhi.report.summary import CrawlOutcome, crawl_outcome, merged_outcomes

_ENDED = object()  # the feed's last item: the crawl ended and every row is planned


def recovered_rows(settings: Settings, reprocess_quarantine: bool = False) -> pl.DataFrame:
    """The lake's document rows that no finished run loaded or refused (a run killed at any
    point left them) and, with ``reprocess_quarantine``, the quarantined documents' latest rows;
    read before the run loads anything, so this run's own rows are not among them.

    Read in a spawned process of its own (``fazhi.recovery``, which asks the warehouse): the
    run's process then never imports DuckDB, whose ~33 MB it would keep resident beside the
    loader's peak for the whole run."""
    with child_pool(1, "recovery") as pool:
        return pool.submit(_recovered_rows, settings, reprocess_quarantine).result()


def _recovered_rows(settings: Settings, reprocess_quarantine: bool) -> pl.DataFrame:
    from fazhi.recovery import recoverable_rows  # in the child: the warehouse's reader

    return recoverable_rows(settings, reprocess_quarantine)


class BatchPlanner:
    """Cuts document rows into the run's batches as they arrive; not thread-safe (one feeder)."""

    def __init__(self, settings: Settings, run_id: str) -> None:
        self.lake = Lake.of(settings)
        self.run_id = run_id
        self.size = max(1, settings.batch_size)
        self._pending: pl.DataFrame | None = None
        self._seen: set[str] = set()  # content hashes planned already: recovered or resumed
        self._closed = False
        self.resumed = self._planned_before()
        self._next = max(self.resumed, default=-1) + 1

    def _planned_before(self) -> list[int]:
        """The batches an earlier attempt of this run planned (their hashes become seen)."""
        lake = self.lake
        if lake.fs.exists(lake.batch_plan(self.run_id)):
            self._closed = True  # planned at once: that plan is the run's whole plan
            with lake.fs.open(lake.batch_plan(self.run_id), "rb") as handle:
                plan = pl.read_parquet(handle, columns=[BATCH_COLUMN])
            return sorted(plan.get_column(BATCH_COLUMN).unique().to_list())
        numbers = []
        for path in sorted(lake.fs.glob(lake.batch_plan_parts(self.run_id))):
            with lake.fs.open(path, "rb") as handle:
                hashes = pl.read_parquet(handle, columns=["sha256"]).get_column("sha256")
            self._seen.update(hashes.to_list())
            numbers.append(batch_number(path))
        return sorted(numbers)

    def add(self, rows: pl.DataFrame, *, recovered: bool = False) -> list[int]:
        """Plan ``rows`` (minus documents planned already); the numbers of the batches they
        filled. ``recovered`` rows' hashes are remembered: the crawl's copy of one is dropped."""
        if self._closed or rows.is_empty():
            return []
        if self._seen:
            rows = rows.filter(~pl.col("sha256").is_in(sorted(self._seen)))
        if recovered:
            self._seen.update(rows.get_column("sha256").to_list())
        frames = [rows] if self._pending is None else [self._pending, rows]
        pending = pl.concat(frames, how="vertical_relaxed").sort("sha256", "url")
        numbers = []
        while pending.height >= self.size:
            numbers.append(self._write(pending.head(self.size)))
            pending = pending.slice(self.size)
        self._pending = pending
        return numbers

    def finish(self) -> list[int]:
        """Plan what is left (less than a batch); no rows are planned after it."""
        pending, self._pending, closed, self._closed = self._pending, None, self._closed, True
        if closed or pending is None or pending.is_empty():
            return []
        return [self._write(pending)]

    def _write(self, rows: pl.DataFrame) -> int:
        number, self._next = self._next, self._next + 1
        write_plan_part(self.lake, self.run_id, number, rows)
        return number


class BatchFeed:
    """The run's batch numbers as they are planned, for ``fazhi.batches.pipelined``: iterating
    waits for the next one (or the crawl's end); ``ready()`` says whether one is waiting. The
    crawl's outcome so far (``outcome()``) grows as its hosts finish."""

    def __init__(self, crawl: CrawlOutcome | None = None, numbers: Sequence[int] = ()) -> None:
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._crawl = crawl if crawl is not None else crawl_outcome(store.combine_manifests([]))
        for number in numbers:
            self._queue.put(number)

    @classmethod
    def fixed(cls, numbers: Sequence[int], crawl: CrawlOutcome) -> BatchFeed:
        """A feed of batches planned at once, after a crawl that is over (or no crawl)."""
        feed = cls(crawl, numbers)
        feed._queue.put(_ENDED)
        return feed

    def consume(
        self,
        planner: BatchPlanner,
        hosts: Iterable[list[pl.DataFrame]],
        recovered: pl.DataFrame | None = None,
        after: Callable[[], object] | None = None,
        *,
        during_crawl: bool = True,
    ) -> None:
        """Plan the batches an earlier attempt left, ``recovered`` rows, then each host's rows
        as its crawl finishes, then the rest; ``after()`` once the crawl ended. Runs in a
        thread of its own; what fails is raised where the feed is iterated. Without
        ``during_crawl`` the crawl's rows are kept to its end and planned at once, every host's
        mixed in content-hash order as before streaming (a batch of one host's reports, all of
        one place, loaded 30 % slower at 100,000 reports), and handed on then."""
        held: list[int] = []
        put = self._put if during_crawl else held.extend
        crawled: list[pl.DataFrame] = []
        try:
            put(planner.resumed)
            if recovered is not None:
                put(planner.add(recovered, recovered=True))
            for manifests in hosts:
                manifest = store.combine_manifests(manifests)
                with self._lock:
                    self._crawl = merged_outcomes([self._crawl, crawl_outcome(manifest)])
                rows = select_document_rows(manifest)
                if during_crawl:
                    put(planner.add(rows))
                else:
                    crawled.append(rows)
                del manifest, manifests, rows  # the host's rows end here, not with the crawl
            if crawled:
                put(planner.add(pl.concat(crawled, how="vertical_relaxed")))
                crawled.clear()
            put(planner.finish())
            if after is not None:
                after()
            self._put(held)
        except BaseException as error:  # handed to the thread that processes the batches
            self._queue.put(error)
        self._queue.put(_ENDED)

    def _put(self, numbers: list[int]) -> None:
        for number in numbers:
            self._queue.put(number)

    def outcome(self) -> CrawlOutcome:
        with self._lock:
            return self._crawl

    def ready(self) -> bool:
        """Whether the next batch number (or the feed's end) is there without waiting."""
        return not self._queue.empty()

    def __iter__(self) -> Iterator[int]:
        while (item := self._queue.get()) is not _ENDED:
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, int)
            yield item


def consume_in_thread(feed: BatchFeed, *args: object, **kwargs: object) -> threading.Thread:
    """Start ``feed.consume(*args, **kwargs)`` in a thread of its own (daemon: a killed run's
    process is not held by it)."""
    thread = threading.Thread(
        target=feed.consume, args=args, kwargs=kwargs, name="plan-batches", daemon=True
    )
    thread.start()
    return thread
