"""Deciding what became of a crawl-shard run, and which Prefect workers a ``fazhi worker`` runs:
no server, real Prefect flow-run and state objects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from prefect.client.schemas.objects import FlowRun
from prefect.states import Cancelled, Completed, Crashed, Failed, Pending, Running, Scheduled

from flows.shard_watch import MISSED_HEARTBEATS, Verdict, WorkerBeat, verdict
from flows.workers import worker_commands

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
TIMEOUT_S = 600.0
ALIVE = WorkerBeat(NOW - timedelta(seconds=5), interval_s=10)
DEAD = WorkerBeat(NOW - timedelta(seconds=MISSED_HEARTBEATS * 10 + 1), interval_s=10)


def shard_run(state: Any, worker: str | None = "w1-crawl", ran_s: float = 30) -> FlowRun:
    labels = {"prefect.worker.name": worker} if worker else {}
    started = NOW - timedelta(seconds=ran_s) if state.is_running() else None
    return FlowRun(flow_id=uuid4(), state=state, labels=labels, start_time=started)


@pytest.mark.parametrize(
    ("state", "worker", "beats", "ran_s", "expected"),
    [
        pytest.param(Scheduled(), None, {}, 0, Verdict.WAITING,
                     id="scheduled-waits-for-a-worker-however-long"),
        pytest.param(Completed(), "w1-crawl", {}, 0, Verdict.COMPLETED,
                     id="completed-even-if-its-worker-is-gone-since"),
        pytest.param(Failed(), "w1-crawl", {"w1-crawl": ALIVE}, 0, Verdict.ENDED,
                     id="failed-on-its-own-is-ended"),
        pytest.param(Crashed(), "w1-crawl", {"w1-crawl": ALIVE}, 0, Verdict.ENDED,
                     id="crashed-reported-by-a-live-worker-is-ended"),
        pytest.param(Cancelled(), "w1-crawl", {"w1-crawl": ALIVE}, 0, Verdict.ENDED,
                     id="cancelled-is-ended"),
        pytest.param(Running(), "w1-crawl", {"w1-crawl": ALIVE}, 30, Verdict.WAITING,
                     id="running-on-a-live-worker-waits"),
        pytest.param(Running(), "w1-crawl", {"w1-crawl": DEAD}, 30, Verdict.LOST,
                     id="running-on-a-worker-that-missed-three-heartbeats-is-lost"),
        pytest.param(Running(), "w1-crawl", {}, 30, Verdict.LOST,
                     id="running-on-a-worker-the-pool-no-longer-lists-is-lost"),
        pytest.param(Pending(), "w1-crawl", {"w1-crawl": DEAD}, 0, Verdict.LOST,
                     id="pending-on-a-dead-worker-is-lost"),
        pytest.param(Running(), "w1-crawl", {"w1-crawl": ALIVE}, TIMEOUT_S + 1, Verdict.OVERRAN,
                     id="running-past-the-timeout-overran"),
        pytest.param(Running(), None, {}, 30, Verdict.WAITING,
                     id="no-worker-label-only-the-timeout-applies"),
        pytest.param(Running(), None, {}, TIMEOUT_S + 1, Verdict.OVERRAN,
                     id="no-worker-label-past-the-timeout-overran"),
    ],
)  # fmt: skip
def test_verdict(
    state: Any, worker: str | None, beats: dict[str, WorkerBeat], ran_s: float, expected: Verdict
) -> None:
    found, reason = verdict(shard_run(state, worker, ran_s), beats, NOW, TIMEOUT_S)
    assert found is expected
    assert bool(reason) == (expected not in (Verdict.WAITING, Verdict.COMPLETED))


@pytest.mark.parametrize(
    ("silent_s", "lost_after_s", "stale"),
    [
        pytest.param(31, 0, True, id="three-missed-heartbeats-without-a-floor"),
        pytest.param(31, 60, False, id="a-busy-worker-gets-the-floor"),
        pytest.param(61, 60, True, id="past-the-floor"),
        pytest.param(None, 60, True, id="never-beat"),
    ],
)
def test_worker_staleness(silent_s: float | None, lost_after_s: float, stale: bool) -> None:
    last = None if silent_s is None else NOW - timedelta(seconds=silent_s)
    assert WorkerBeat(last, interval_s=10).stale(NOW, lost_after_s) is stale


def _workers(commands: list[list[str]]) -> list[tuple[str, tuple[str, ...], str | None]]:
    def after(command: list[str], flag: str) -> list[str]:
        return [command[i + 1] for i, arg in enumerate(command) if arg == flag]

    return [
        (
            after(c, "--name")[0],
            tuple(after(c, "--work-queue")),
            next(iter(after(c, "--limit")), None),
        )
        for c in commands
    ]


@pytest.mark.parametrize(
    ("queues", "limit", "expected"),
    [
        pytest.param((), None, [("m-warehouse", ("warehouse",), None), ("m-crawl", ("crawl",), "1")],
                     id="every-queue-is-two-workers-so-the-parent-never-holds-a-shard-slot"),
        pytest.param((), 2, [("m-warehouse", ("warehouse",), "2"), ("m-crawl", ("crawl",), "1")],
                     id="limit-caps-the-warehouse-worker-only"),
        pytest.param(("crawl",), None, [("m", ("crawl",), "1")],
                     id="crawl-machine-takes-one-shard-at-a-time"),
        pytest.param(("warehouse",), None, [("m", ("warehouse",), None)],
                     id="warehouse-only-as-asked"),
    ],
)  # fmt: skip
def test_worker_commands(
    queues: tuple[str, ...], limit: int | None, expected: list[tuple[str, tuple[str, ...], str]]
) -> None:
    assert _workers(worker_commands("m", queues, crawl_slots=1, limit=limit)) == expected
