"""The loader's writer held across batch loads: the lock while held, its release, a failed load,
and a holder killed between loads (a real second process, a real DuckDB file)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from fazhi.config import REPO_ROOT, Settings
from fazhi.errors import WarehouseLockedError
from fazhi.warehouse.db import HeldWriter, writer
from fazhi.warehouse.load import load_batch
from tests.warehouse.conftest import SQL_DIR, document, fact, staged_run

HOLDER = """
import sys, time
from fazhi.config import load_settings
from fazhi.warehouse.db import HeldWriter
from fazhi.warehouse.load import load_batch
from tests.warehouse.conftest import SQL_DIR, document, staged_run
settings = load_settings(data_dir=sys.argv[1])
held = HeldWriter(settings, loads=10)
for run in ("run-a", "run-b"):
    with held.load() as con:
        load_batch(con, staged_run(run, [document(run + "-doc", run_id=run)]), SQL_DIR)
print("loaded", flush=True)
time.sleep(60)
"""

# loads argv[2] batches through one held writer and stops inside the last load, committed but
# not released: its commit was the checkpoint
LAST_LOAD = """
import sys, time
from fazhi.config import load_settings
from fazhi.warehouse.db import HeldWriter
from fazhi.warehouse.load import load_batch
from tests.warehouse.conftest import SQL_DIR, document, staged_run
settings = load_settings(data_dir=sys.argv[1])
loads = int(sys.argv[2])
held = HeldWriter(settings, loads=loads)
for number in range(1, loads + 1):
    run = f"run-{number}"
    with held.load() as con:
        load_batch(con, staged_run(run, [document(run + "-doc", run_id=run)]), SQL_DIR)
        if number == loads:
            print("committed", flush=True)
            time.sleep(60)
"""


def batch(run_id: str) -> object:
    doc = f"{run_id}-doc"
    return staged_run(
        run_id, [document(doc, run_id=run_id)], [fact(doc, "lit_cases", 5, run_id=run_id)]
    )


def documents(settings: Settings) -> list[str]:
    with writer(settings.model_copy(update={"lock_timeout_s": 0.3})) as con:
        rows = con.execute("SELECT doc_id FROM dim_document ORDER BY doc_id").fetchall()
    return [doc_id for (doc_id,) in rows]


def locked(settings: Settings) -> bool:
    try:
        documents(settings)
    except WarehouseLockedError:
        return True
    return False


@pytest.mark.parametrize("loads", [1, 2, 3])
def test_the_writer_is_held_until_its_count_of_loads(settings: Settings, loads: int) -> None:
    held = HeldWriter(settings, loads)
    for number in range(1, loads + 1):
        with held.load() as con:
            load_batch(con, batch(f"run-{number}"), SQL_DIR)  # type: ignore[arg-type]
        last = number == loads
        assert held.held is not last
        assert locked(settings) is not last
    assert documents(settings) == [f"run-{n}-doc" for n in range(1, loads + 1)]


def test_release_lets_another_writer_in_and_the_next_load_reopens(settings: Settings) -> None:
    held = HeldWriter(settings, loads=10)
    with held.load() as con:
        load_batch(con, batch("run-1"), SQL_DIR)  # type: ignore[arg-type]
    held.release()
    assert documents(settings) == ["run-1-doc"]
    with held.load() as con:
        load_batch(con, batch("run-2"), SQL_DIR)  # type: ignore[arg-type]
    held.release()
    held.release()  # nothing held: nothing to do
    assert documents(settings) == ["run-1-doc", "run-2-doc"]


def test_a_failed_load_is_rolled_back_and_lets_go_of_the_writer(settings: Settings) -> None:
    held = HeldWriter(settings, loads=10)
    with held.load() as con:
        load_batch(con, batch("run-1"), SQL_DIR)  # type: ignore[arg-type]

    def fail_after_facts(step: str) -> None:
        if step == "load/replace_facts":
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"), held.load() as con:
        load_batch(con, batch("run-2"), SQL_DIR, after_step=fail_after_facts)  # type: ignore[arg-type]
    assert not held.held
    assert documents(settings) == ["run-1-doc"]


def _kill_when_it_says(settings: Settings, script: str, *args: str) -> float:
    """Run ``script`` as a holder of the writer, SIGKILL it once it prints a line; the size of
    DuckDB's log (MB) when it did."""
    env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(settings.data_dir), *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() in {"loaded", "committed"}
        log_mb = _log_mb(settings)
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    return log_mb


def _log_mb(settings: Settings) -> float:
    log = settings.duckdb_path.with_name(settings.duckdb_path.name + ".wal")
    return log.stat().st_size / 2**20 if log.is_file() else 0.0


def test_a_holder_killed_between_loads_loses_no_committed_load(settings: Settings) -> None:
    assert _kill_when_it_says(settings, HOLDER) > 0  # the loads are in DuckDB's log only
    assert documents(settings) == ["run-a-doc", "run-b-doc"]  # the kernel dropped the lock


@pytest.mark.parametrize("loads", [1, 3])
def test_only_the_last_load_before_the_close_checkpoints_at_its_commit(
    settings: Settings, loads: int
) -> None:
    held = HeldWriter(settings, loads)
    for number in range(1, loads + 1):
        with held.load() as con:
            load_batch(con, batch(f"run-{number}"), SQL_DIR)  # type: ignore[arg-type]
            committed_to_log = _log_mb(settings) > 0
        assert committed_to_log is (number < loads)  # the last commit wrote the file instead
    assert documents(settings) == [f"run-{n}-doc" for n in range(1, loads + 1)]


@pytest.mark.parametrize("loads", [1, 2])
def test_a_holder_killed_after_its_last_commit_loses_nothing(
    settings: Settings, loads: int
) -> None:
    # nothing waits in the log when it is killed: the last commit was a checkpoint
    assert _kill_when_it_says(settings, LAST_LOAD, str(loads)) == 0
    assert documents(settings) == [f"run-{n}-doc" for n in range(1, loads + 1)]
