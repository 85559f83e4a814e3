"""Several bounded workers at once: a batch's documents parsed or extracted in parallel.

Reads nothing and writes nothing itself: ``map`` hands every item and a free
:class:`fazhi.isolation.BoundedParser` to the caller's function, from as many threads as there
are workers, and returns the results in the items' order. Each document still runs in a worker
process under its own time budget and memory limit; the threads only wait on the workers' pipes
(the GIL is released while they wait), so with two workers both cores parse while the stage
process sends, receives and builds rows.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import forkserver
from types import TracebackType
from typing import TypeVar

from fazhi.isolation import BoundedParser, DocumentLimits, worker_context

Item = TypeVar("Item")
Result = TypeVar("Result")


def start_worker_server() -> None:
    """Start the bounded workers' fork server now, without waiting for it.

    It imports the parsers and runs the warm-up document before it forks the first worker
    (6-9 s on this 2-core machine): started before the crawl, that happens on the other core
    while the crawl runs, instead of holding up the first batch's parse.
    """
    worker_context()  # sets the server's preload
    forkserver.ensure_running()  # spawns the server and returns; it preloads on its own


class BoundedPool:
    """``workers`` bounded workers, started on first use and stopped on exit."""

    def __init__(self, limits: DocumentLimits, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._parsers = [BoundedParser(limits) for _ in range(self.workers)]
        self._free: queue.SimpleQueue[BoundedParser] = queue.SimpleQueue()
        for parser in self._parsers:
            self._free.put(parser)

    def __enter__(self) -> BoundedPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def map(
        self, work: Callable[[Item, BoundedParser], Result], items: Iterable[Item]
    ) -> list[Result]:
        """``work(item, parser)`` of every item, in the items' order (``work`` reports a
        document's failure in its result: an exception it raises stops the map)."""
        if self.workers == 1:  # no threads for one worker: the same calls, in order
            return [work(item, self._parsers[0]) for item in items]

        def one(item: Item) -> Result:
            parser = self._free.get()  # never blocks long: one thread per worker
            try:
                return work(item, parser)
            finally:
                self._free.put(parser)

        with ThreadPoolExecutor(self.workers, thread_name_prefix="fazhi-bounded") as threads:
            return list(threads.map(one, items))

    def close(self) -> None:
        """Stop every worker that was started."""
        for parser in self._parsers:
            parser.close()
