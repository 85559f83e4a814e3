"""Workers that spread crawl shards evenly and leave nothing behind when they die.

Reads nothing; starts nothing itself. :func:`worker_commands` gives the Prefect worker processes
one ``fazhi worker`` runs: a machine that polls every queue runs one worker for the ``warehouse``
queue (the ``sharded-crawl`` parent, loads) and one for ``crawl`` limited to ``crawl_slots`` runs
at once, so a busy parent never takes the slot its own shards need (one worker with ``--limit 1``
over both queues deadlocked) and a worker that polls first takes one shard, not all of them.
:func:`die_with_parent` and :func:`exit_with_worker` make a ``kill -9`` of ``fazhi worker`` take
its Prefect workers and their flow-run processes with it: the server then sees the worker's
heartbeats stop, and ``sharded-crawl`` re-runs its shard elsewhere instead of an orphan going on.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Mapping

from flows.server import WORK_POOL, start_process, stop_process, worker_command

WAREHOUSE_QUEUE = "warehouse"
CRAWL_QUEUE = "crawl"
LIFELINE_CHECK_S = 0.5
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def worker_commands(
    name: str,
    queues: tuple[str, ...] = (),
    crawl_slots: int = 1,
    limit: int | None = None,
    pool: str = WORK_POOL,
) -> list[list[str]]:
    """The Prefect worker command lines of one ``fazhi worker``.

    Every queue (``queues`` empty): a ``<name>-warehouse`` worker (at most ``limit`` runs) and a
    ``<name>-crawl`` worker (at most ``crawl_slots``). Only "crawl": that one worker, named
    ``name``. Any other choice: one worker over those queues, at most ``limit`` runs.
    """
    if not queues:
        warehouse = worker_command(f"{name}-warehouse", pool, limit, (WAREHOUSE_QUEUE,))
        return [warehouse, worker_command(f"{name}-crawl", pool, crawl_slots, (CRAWL_QUEUE,))]
    if tuple(queues) == (CRAWL_QUEUE,):
        return [worker_command(name, pool, crawl_slots, (CRAWL_QUEUE,))]
    return [worker_command(name, pool, limit, queues)]


def die_with_parent() -> None:
    """In a child before exec (``preexec_fn``): the kernel SIGKILLs it when its parent dies.

    Linux only; elsewhere it does nothing and a killed ``fazhi worker`` leaves its workers."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def exit_with_worker() -> None:
    """In a flow-run process a worker started: exit at once when that worker is gone.

    A process worker starts each run as its child; killed, it leaves the run going on as an
    orphan while sharded-crawl, seeing the worker's heartbeats stop, runs the shard again
    elsewhere. Does nothing outside a worker (``PREFECT__WORKER_NAME`` unset) or when the parent
    is already gone."""
    parent = os.getppid()
    if "PREFECT__WORKER_NAME" not in os.environ or parent == 1:
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(LIFELINE_CHECK_S)
        os._exit(137)  # as if killed with its worker: no state to report, nothing half-written

    threading.Thread(target=watch, name="worker-lifeline", daemon=True).start()


def run_workers(commands: list[list[str]], env: Mapping[str, str]) -> int:
    """Start the worker processes (each dies with this process) and wait until one exits or
    Ctrl-C / SIGTERM; then stop the others. Returns the first exit code (0 when interrupted)."""
    processes = [start_process(command, env, on_start=die_with_parent) for command in commands]
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(LIFELINE_CHECK_S)
        return next(p.returncode for p in processes if p.returncode is not None)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:  # all at once: each Prefect worker takes seconds to stop
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            stop_process(process)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
