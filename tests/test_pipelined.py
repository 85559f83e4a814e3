"""fazhi.batches.pipelined: batches finish in order while the next ones are prepared, on threads;
how many are prepared ahead (batches_ahead), and the workers a batch prepared beside the loader
gets (preparing_settings)."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from fazhi.batches import batches_ahead, pipelined, preparing_settings
from fazhi.config import Settings

WAIT_S = 10.0  # an event that does not come within this is a failure, not a slow machine


class Recorder:
    """Starts (prepares) batches on one thread, as the bare run does, and logs what happens."""

    def __init__(
        self,
        count: int,
        fail_start: int | None = None,
        fail_finish: int | None = None,
        ahead: int = 1,
    ) -> None:
        self.count = count
        self.ahead = ahead
        self.events: list[str] = []
        self.started = {n: threading.Event() for n in range(10)}
        self.prepared = {n: threading.Event() for n in range(10)}
        self.in_flight = 0
        self.peak_in_flight = 0
        self.fail_start = fail_start
        self.fail_finish = fail_finish
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(1)

    def start(self, batch: int) -> Future[None]:
        with self.lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        return self.pool.submit(self._prepare, batch)

    def _prepare(self, batch: int) -> None:
        self.started[batch].set()
        self._log(f"prepare {batch}")
        # long enough that a batch still running when run() returns is caught unfinished
        time.sleep(0.3 if self.fail_finish == batch - 1 else 0.02)
        if batch == self.fail_start:
            raise RuntimeError(f"parse of batch {batch} failed")
        self.prepared[batch].set()

    def finish(self, batch: int, before: Sequence[str]) -> str:
        self._log(f"finish {batch} after {len(before)}")
        assert self.prepared[batch].is_set(), "finished before its parse and extract were done"
        if batch + 1 < self.count and self.ahead:
            # the next batch must be under way while this one finishes; were it started only
            # after, this would wait in vain
            assert self.started[batch + 1].wait(WAIT_S), f"batch {batch + 1} was not started ahead"
        if batch + 2 < self.count and self.ahead >= 2 and batch + 2 != self.fail_start:
            # two ahead, the parsing side does not wait for this load: the batch after next is
            # prepared while it runs (one ahead, it would be started only once this returns)
            assert self.prepared[batch + 2].wait(WAIT_S), f"batch {batch + 2} waited on a load"
        elif batch + 1 < self.count and not self.ahead:
            time.sleep(0.05)  # time for a wrongly started next batch to show
            assert not self.started[batch + 1].is_set(), f"batch {batch + 1} started ahead"
        if batch == self.fail_finish:
            raise RuntimeError(f"load of batch {batch} failed")
        with self.lock:
            self.in_flight -= 1
        return f"outcome {batch}"

    def _log(self, event: str) -> None:
        with self.lock:
            self.events.append(event)

    def run(self) -> list[str]:
        try:
            return pipelined(list(range(self.count)), self.start, self.finish, ahead=self.ahead)
        finally:
            self.pool.shutdown(wait=False)  # what is still running stays visible to the test


@pytest.mark.parametrize(
    ("count", "ahead", "reason"),
    [
        (0, 1, "no batches: nothing is started or finished"),
        (1, 1, "one batch: started, then finished, nothing ahead"),
        (4, 1, "several: each finished in order, the next prepared meanwhile"),
        (1, 2, "one batch, two ahead allowed: nothing ahead"),
        (2, 2, "two batches, two ahead allowed: the second prepared meanwhile"),
        (6, 2, "several: each finished in order, the next two prepared meanwhile"),
        (6, 3, "several, three ahead"),
    ],
)
def test_batches_finish_in_order_with_the_next_ones_prepared_meanwhile(
    count: int, ahead: int, reason: str
) -> None:
    recorder = Recorder(count, ahead=ahead)
    outcomes = recorder.run()
    assert outcomes == [f"outcome {n}" for n in range(count)], reason
    finishes = [e for e in recorder.events if e.startswith("finish")]
    assert finishes == [f"finish {n} after {n}" for n in range(count)], reason
    assert recorder.peak_in_flight <= ahead + 1, "more batches in flight than asked for"


@pytest.mark.parametrize("ahead", [1, 2])
def test_a_failed_prepare_is_raised_once_the_batches_before_it_are_finished(ahead: int) -> None:
    recorder = Recorder(6, fail_start=2, ahead=ahead)
    with pytest.raises(RuntimeError, match="parse of batch 2 failed"):
        recorder.run()
    finishes = [e for e in recorder.events if e.startswith("finish")]
    assert finishes == ["finish 0 after 0", "finish 1 after 1"]
    if ahead == 1:
        assert not recorder.started[3].is_set(), "a batch after the failed one was started"
    else:  # batch 3 was started with 2: it was let finish before the failure was raised
        assert recorder.prepared[3].is_set()
    assert not recorder.started[4].is_set(), "more than the batches allowed ahead were started"


@pytest.mark.parametrize(("ahead", "let_finish"), [(1, [2]), (2, [2, 3])])
def test_a_failed_finish_waits_for_the_batches_started_ahead_before_raising(
    ahead: int, let_finish: list[int]
) -> None:
    recorder = Recorder(6, fail_finish=1, ahead=ahead)
    with pytest.raises(RuntimeError, match="load of batch 1 failed"):
        recorder.run()
    # the batches under way when batch 1's load failed were let finish, not cut off
    assert all(recorder.prepared[n].is_set() for n in let_finish)
    assert not recorder.started[let_finish[-1] + 1].is_set()


def test_without_ahead_each_batch_is_finished_before_the_next_is_started() -> None:
    recorder = Recorder(3, ahead=0)
    assert recorder.run() == ["outcome 0", "outcome 1", "outcome 2"]
    assert recorder.events == [
        "prepare 0", "finish 0 after 0", "prepare 1", "finish 1 after 1", "prepare 2",
        "finish 2 after 2",
    ]  # fmt: skip
    assert recorder.peak_in_flight == 1


@pytest.mark.parametrize(
    ("overlap", "workers", "expected"),
    [
        (False, 2, 2),  # one batch after the other: every core parses
        (True, 2, 1),  # beside the loader: the core it leaves
        (True, 4, 3),
        (True, 1, 1),  # never none
        (False, 1, 1),
    ],
)
def test_batches_parsed_beside_the_loader_take_one_core_fewer(
    tmp_path: Path, overlap: bool, workers: int, expected: int
) -> None:
    settings = Settings(data_dir=tmp_path, overlap_batches=overlap, document_workers=workers)
    preparing = preparing_settings(settings)
    assert preparing.document_workers == expected
    assert preparing.model_copy(update={"document_workers": workers}) == settings


@pytest.mark.parametrize(
    ("overlap", "ahead", "expected"),
    [
        (True, 2, 2),
        (True, 1, 1),
        (False, 2, 0),  # off: one batch after the other, whatever the depth
    ],
)
def test_batches_ahead_follows_the_overlap_switch(
    tmp_path: Path, overlap: bool, ahead: int, expected: int
) -> None:
    settings = Settings(data_dir=tmp_path, overlap_batches=overlap, batches_ahead=ahead)
    assert batches_ahead(settings) == expected
