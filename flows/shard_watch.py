"""Watching crawl-shard runs: which finished, which lost their worker, which overran.

Reads flow runs and the work pool's workers from the Prefect API; writes states (Crashed for a
shard whose worker stopped sending heartbeats, Cancelling for one past its deadline) and nothing
else. The decision per shard is a pure function (:func:`verdict`), so it is tested without a
server; :func:`watch` applies it until every shard completed or ran out of attempts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.objects import FlowRun, Worker

WORKER_LABEL = "prefect.worker.name"  # set by a Prefect worker on every run it submits
# as Prefect's foreman: a worker that missed this many heartbeats in a row is gone, but never
# sooner than the lost_after_s the caller gives: a worker busy starting a run's process skips
# heartbeats (gaps of 10 s at a 2 s interval measured on a loaded 2-core machine)
MISSED_HEARTBEATS = 3
POLL_INTERVAL_S = 2.0


class Verdict(StrEnum):
    COMPLETED = "completed"
    ENDED = "ended"  # Failed, Crashed or Cancelled on its own
    LOST = "lost"  # its worker stopped sending heartbeats
    OVERRAN = "overran"  # running longer than the shard timeout
    WAITING = "waiting"


@dataclass(frozen=True)
class WorkerBeat:
    """What the server knows of a worker's liveness."""

    last_heartbeat: datetime | None
    interval_s: float

    def stale(self, now: datetime, lost_after_s: float = 0.0) -> bool:
        if self.last_heartbeat is None:
            return True
        silent_s = (now - self.last_heartbeat).total_seconds()
        return silent_s > max(MISSED_HEARTBEATS * self.interval_s, lost_after_s)


def verdict(
    run: FlowRun,
    workers: Mapping[str, WorkerBeat],
    now: datetime,
    timeout_s: float,
    lost_after_s: float = 0.0,
) -> tuple[Verdict, str]:
    """What one shard attempt's run is, with the reason for anything but completed/waiting."""
    state = run.state
    if state is None or state.is_scheduled():
        return Verdict.WAITING, ""
    if state.is_completed():
        return Verdict.COMPLETED, ""
    if state.is_final():
        return Verdict.ENDED, f"{state.name}: {state.message or 'no message'}"
    worker = run.labels.get(WORKER_LABEL) if run.labels else None
    beat = workers.get(str(worker)) if worker else None
    if worker and (beat is None or beat.stale(now, lost_after_s)):
        return Verdict.LOST, f"worker {worker} stopped sending heartbeats"
    started = run.start_time
    if started is not None and (now - started).total_seconds() > timeout_s:
        return Verdict.OVERRAN, f"still {state.name} after {timeout_s:.0f} s"
    return Verdict.WAITING, ""


@dataclass
class Shard:
    """One shard of the plan and its attempts so far (flow run ids, newest last)."""

    number: int
    source_ids: list[str]
    attempts: list[FlowRun] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    completed: bool = False

    def describe(self) -> str:
        why = "; ".join(self.reasons) or "not finished"
        return f"shard {self.number} ({', '.join(self.source_ids)}): {why}"


def worker_beats(client: SyncPrefectClient, pool: str) -> dict[str, WorkerBeat]:
    """Every worker of ``pool`` by name, with its last heartbeat and interval."""
    workers: Sequence[Worker] = client.read_workers_for_work_pool(pool)
    return {
        w.name: WorkerBeat(w.last_heartbeat_time, float(w.heartbeat_interval_seconds or 30))
        for w in workers
    }


def watch(
    client: SyncPrefectClient,
    shards: list[Shard],
    start: Callable[[Shard], FlowRun],
    *,
    pool: str,
    retries: int,
    timeout_s: float,
    lost_after_s: float,
    deadline_s: float,
    log: Callable[[str], None],
) -> list[Shard]:
    """Run every shard to completion, re-running a failed, lost or overrun one at most
    ``retries`` times; return the shards that did not complete (empty when all did). A shard is
    lost when its worker sent no heartbeat for ``lost_after_s`` (and three of its intervals).

    Gives up on every unfinished shard ``deadline_s`` after the shards were started, so it never
    waits for ever (e.g. for a worker that never comes)."""
    from prefect.states import Crashed

    for shard in shards:
        shard.attempts.append(start(shard))
    give_up_at = time.monotonic() + deadline_s
    while True:
        open_shards = [s for s in shards if not s.completed and len(s.reasons) < len(s.attempts)]
        if not open_shards:
            return [s for s in shards if not s.completed]
        if time.monotonic() > give_up_at:
            for shard in open_shards:
                shard.reasons.append(f"unfinished after the {deadline_s:.0f} s deadline")
                stop(client, shard.attempts[-1].id, "sharded-crawl gave up")
            continue
        beats, now = worker_beats(client, pool), datetime.now(UTC)
        for shard in open_shards:
            run = client.read_flow_run(shard.attempts[-1].id)
            found, reason = verdict(run, beats, now, timeout_s, lost_after_s)
            if found is Verdict.COMPLETED:
                shard.completed = True
                continue
            if found is Verdict.WAITING:
                continue
            if found is Verdict.LOST:
                client.set_flow_run_state(run.id, Crashed(message=reason), force=True)
            elif found is Verdict.OVERRAN:
                stop(client, run.id, reason)
            shard.reasons.append(f"{run.name} {reason}")
            if len(shard.attempts) <= retries:
                log(f"shard {shard.number}: {run.name} {reason}; running it again")
                shard.attempts.append(start(shard))
        time.sleep(POLL_INTERVAL_S)


def stop(client: SyncPrefectClient, run_id: UUID, reason: str) -> None:
    """Cancel a shard run: Cancelled when no worker took it yet, else Cancelling (its worker
    stops the process)."""
    from prefect.states import Cancelled, Cancelling

    state = client.read_flow_run(run_id).state
    waiting = state is None or state.is_scheduled()
    cancel = Cancelled if waiting else Cancelling
    client.set_flow_run_state(run_id, cancel(message=reason), force=True)
