"""A batch's parse and extract, submitted ahead to a task runner of one thread while the batch
before it is gated and loaded (``fazhi.batches.pipelined``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from fazhi.batches import BatchStep
from fazhi.config import Settings
from flows.tasks import extract_batch_task, parse_batch_task


@dataclass(frozen=True)
class PreparedBatch:
    """One batch's parse and extract tasks, submitted; ``result()`` waits for both and raises
    the parse's own error first (the extract task would only say its upstream failed)."""

    parse: PrefectFuture[BatchStep]
    extract: PrefectFuture[BatchStep]

    def result(self) -> BatchStep:
        self.parse.result()
        return self.extract.result()


@contextlib.contextmanager
def batch_preparer(settings: Settings, run_id: str) -> Iterator[Callable[[int], PreparedBatch]]:
    """``prepare(batch)`` submits a batch's parse and extract to one thread, every batch the
    same one, as the bare stages do. On the flow's task runner each task could take another of
    its threads, and the memory the stages' allocators keep per thread added up: the run's
    process held ~100 MB more while batches ran."""
    runner: ThreadPoolTaskRunner[Any]
    with ThreadPoolTaskRunner(max_workers=1) as runner:
        yield partial(prepare_batch, runner, settings, run_id)


def prepare_batch(
    runner: ThreadPoolTaskRunner[Any], settings: Settings, run_id: str, batch: int
) -> PreparedBatch:
    """Submit one batch's parse, and its extract after it, to ``runner``."""
    parameters = {"settings": settings, "run_id": run_id, "batch": batch}
    parse = runner.submit(parse_batch_task, parameters)
    extract = runner.submit(extract_batch_task, parameters, wait_for=[parse])
    return PreparedBatch(parse, extract)
