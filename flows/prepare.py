"""A batch's parse and extract, submitted ahead to the flow's task runner while the batch
before it is gated and loaded (``fazhi.batches.pipelined``)."""

from __future__ import annotations

from dataclasses import dataclass

from prefect.futures import PrefectFuture

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


def prepare_batch(settings: Settings, run_id: str, batch: int) -> PreparedBatch:
    """Submit one batch's parse, and its extract after it, to the flow's task runner."""
    parse = parse_batch_task.submit(settings, run_id, batch)
    extract = extract_batch_task.submit(
        settings, run_id, batch, return_state=False, wait_for=[parse]
    )
    return PreparedBatch(parse, extract)
