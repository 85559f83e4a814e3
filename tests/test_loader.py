"""fazhi.loader: the gate and load's own process — reused, replaced, and gone with its parent.

Real processes throughout (spawned children, a parent killed with SIGKILL); the gate and the load
themselves run through it in the end-to-end tests (``tests/e2e``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi.config import Settings, load_settings
from fazhi.errors import TransientError
from fazhi.loader import LoaderProcess
from fazhi.warehouse.db import writer

REPO = Path(__file__).resolve().parent.parent
WAIT_S = 60.0  # a spawned child imports polars and DuckDB: slow on a busy machine, never this slow


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie still answers signal 0: it is gone once its state is Z
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "\nState:\tZ" in status.read_text()


def _wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.1)
    return False


def test_one_child_serves_call_after_call() -> None:
    with LoaderProcess(recycle_after=10) as loader:
        pids = {loader.call(os.getpid) for _ in range(3)}
    assert len(pids) == 1 and os.getpid() not in pids


@pytest.mark.parametrize(
    ("recycle_after", "loads", "children"),
    [
        pytest.param(2, 1, 1, id="fewer loads than the limit: one child"),
        pytest.param(2, 2, 2, id="the limit reached: a fresh child for what follows"),
        pytest.param(1, 3, 4, id="a fresh child after every load"),
    ],
)
def test_the_child_is_replaced_after_recycle_after_loads(
    recycle_after: int, loads: int, children: int
) -> None:
    def load(loader: LoaderProcess) -> int:  # os.getpid stands in for the batch's load
        pid = loader.call(os.getpid)
        loader.count_load()
        return pid

    with LoaderProcess(recycle_after=recycle_after) as loader:
        pids = [load(loader) for _ in range(loads)]
        pids.append(loader.call(os.getpid))
    assert len(set(pids)) == children
    assert all(_wait_gone(pid) for pid in set(pids)), "a replaced child must end"


def test_a_child_that_died_is_a_transient_error_and_the_next_call_gets_a_new_one() -> None:
    with LoaderProcess() as loader:
        first = loader.call(os.getpid)
        os.kill(first, signal.SIGKILL)
        assert _wait_gone(first)
        with pytest.raises(TransientError, match="loader process died"):
            loader.call(time.sleep, 0)
        second = loader.call(os.getpid)
    assert second != first


PARENT = """
import os, sys, time
from fazhi.loader import LoaderProcess
loader = LoaderProcess()
print(loader.call(os.getpid), flush=True)
time.sleep(600)
"""


def test_the_child_ends_when_the_run_process_is_killed() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert not _gone(child)
        parent.kill()  # SIGKILL: no cleanup runs in the parent
        parent.wait(WAIT_S)
        assert _wait_gone(child), "the loader outlived the run that started it"
    finally:
        parent.kill()


def _duckdb_bounds(settings: Settings) -> tuple[str, int]:
    """What the warehouse's writer connection is limited to, where this runs."""
    with writer(settings, publish=False) as con:
        row = con.sql("SELECT current_setting('memory_limit'), current_setting('threads')")
        found = row.fetchone()
    assert found is not None
    return found[0], found[1]


@pytest.mark.parametrize(
    ("limit_mb", "threads"),
    [
        pytest.param(96, 1, id="a small limit, one thread"),
        pytest.param(300, 2, id="a larger limit, two threads"),
    ],
)
def test_the_childs_duckdb_connections_take_the_loaders_bounds(
    tmp_path: Path, limit_mb: int, threads: int
) -> None:
    settings = load_settings(
        data_dir=tmp_path,
        duckdb_memory_limit_mb=1024,
        duckdb_threads=2,
        loader_duckdb_memory_limit_mb=limit_mb,
        loader_duckdb_threads=threads,
    )
    with LoaderProcess() as loader:
        in_child = loader.call(_duckdb_bounds, settings)
    assert in_child == (f"{limit_mb}.0 MiB", threads)
    assert _duckdb_bounds(settings) == ("1.0 GiB", 2), "the run's own process keeps its own"


def _warm_state() -> tuple[bool, int]:
    import gc

    return "great_expectations" in sys.modules, gc.get_freeze_count()


def test_the_warm_up_imports_great_expectations_and_freezes_the_imports() -> None:
    # the first gate of a child must not pay GX's import (seconds) on the run's critical path,
    # and full collections must not walk the objects the imports leave
    with LoaderProcess(recycle_after=10) as loader:
        loader.start()
        imported, frozen = loader.call(_warm_state)
    assert imported
    assert frozen > 100_000
