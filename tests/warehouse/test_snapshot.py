"""Readers read during a load: the writer publishes a read snapshot atomically after each write.

A real second process holds the writer (fazhi.warehouse.db.writer) with an uncommitted insert while
this process reads; the reader sees the last published state, then the new one once the load ends.
A writer killed with SIGKILL mid-load leaves the snapshot and the lock usable at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import REPO_ROOT, Settings
from fazhi.warehouse.db import connect, connect_reader, readable_path, snapshot_path, writer

HOLDER = """
import sys, time
from fazhi.config import load_settings
from fazhi.warehouse.db import writer
settings = load_settings(data_dir=sys.argv[1])
with writer(settings) as con:
    con.execute("begin")  # a load is one transaction
    con.execute("insert into probe values (2)")
    print("holding", flush=True)
    sys.stdin.readline()  # the test says when the load may finish
    con.execute("commit")
"""


def _count_by_cli(settings: Settings) -> int:
    result = CliRunner().invoke(
        app,
        [
            "sql",
            "select count(*) as n from probe",
            "--format",
            "csv",
            "--data-dir",
            str(settings.data_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    return int(result.output.split()[-1])


def _count_by_reader(settings: Settings) -> int:
    with contextlib.closing(connect_reader(settings)) as con:
        row = con.sql("select count(*) from probe").fetchone()
    return int(row[0]) if row else -1


def _count_by_stage_read(settings: Settings) -> int:
    with contextlib.closing(connect(readable_path(settings), settings, read_only=True)) as con:
        row = con.sql("select count(*) from probe").fetchone()
    return int(row[0]) if row else -1


READERS = [
    pytest.param(_count_by_cli, id="fazhi-sql-command"),
    pytest.param(_count_by_reader, id="guarded-reader-connection"),
    pytest.param(_count_by_stage_read, id="stage-read-gate-prior-values-and-headline"),
]


@pytest.fixture
def published(settings: Settings) -> Settings:
    with writer(settings) as con:
        con.execute("create table probe (n integer)")
        con.execute("insert into probe values (1)")
    return settings


@contextlib.contextmanager
def _holder(settings: Settings) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(settings.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(REPO_ROOT)},
        cwd=REPO_ROOT,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "holding"
        yield process
    finally:
        process.kill()
        process.wait(timeout=30)
        for stream in (process.stdin, process.stdout):
            if stream:
                stream.close()


@pytest.mark.parametrize("count", READERS)
def test_a_reader_in_another_process_reads_while_a_load_holds_the_writer(
    published: Settings, count: Callable[[Settings], int]
) -> None:
    with _holder(published) as process:
        with pytest.raises(duckdb.IOException, match="lock"):  # why a snapshot is needed
            duckdb.connect(str(published.duckdb_path), read_only=True)
        assert count(published) == 1  # the last committed load, not the one under way
        assert process.stdin is not None
        process.stdin.write("done\n")
        process.stdin.flush()
        assert process.wait(timeout=60) == 0
    assert count(published) == 2  # the finished load is published


def test_a_writer_killed_mid_load_leaves_the_snapshot_and_frees_the_lock(
    published: Settings,
) -> None:
    with _holder(published) as process:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert _count_by_reader(published) == 1
    with writer(published) as con:  # the kernel released the advisory lock with the process
        con.execute("insert into probe values (3)")
    assert _count_by_reader(published) == 2  # 1 and 3: the killed insert never committed


def test_a_change_made_outside_fazhi_is_read_from_the_warehouse_itself(
    published: Settings,
) -> None:
    with contextlib.closing(duckdb.connect(str(published.duckdb_path))) as con:
        con.execute("insert into probe values (4)")
    assert readable_path(published) == published.duckdb_path
    assert _count_by_reader(published) == 2
    assert snapshot_path(published.duckdb_path).is_file()


def _snapshot_count(settings: Settings) -> int:
    with contextlib.closing(
        connect(snapshot_path(settings.duckdb_path), settings, read_only=True)
    ) as con:
        row = con.sql("select count(*) from probe").fetchone()
    return int(row[0]) if row else -1


def test_batches_leave_the_snapshot_to_the_run_record_and_readers_still_see_them(
    published: Settings,
) -> None:
    """A batch's write (publish=False) copies nothing: the snapshot keeps the last published
    state, readers open the newer warehouse itself, and the next publishing write catches up."""
    for n in (2, 3):
        with writer(published, publish=False) as con:
            con.execute("insert into probe values (?)", [n])
    assert _snapshot_count(published) == 1  # no copy of the file per batch
    assert _count_by_reader(published) == 3  # no writer now: readers open the warehouse
    with writer(published):
        pass  # the run's record
    assert _snapshot_count(published) == 3


KILLED_BATCHES = """
import os, sys
from fazhi.config import load_settings
from fazhi.warehouse.db import writer
settings = load_settings(data_dir=sys.argv[1])
with writer(settings, publish=False) as con:
    con.execute("insert into probe values (2)")  # a batch: committed to the log
    if sys.argv[2] == "after-commit":
        os._exit(17)  # SIGKILL-like: no checkpoint, no close
with writer(settings, publish=False) as con:
    con.execute("begin")
    con.execute("insert into probe values (3)")
    os._exit(17)  # the next batch dies before its commit
"""


@pytest.mark.parametrize(
    "dies",
    [
        pytest.param("after-commit", id="killed after a batch's commit, before its writer closed"),
        pytest.param("next-batch", id="killed inside the next batch, after a clean close"),
    ],
)
def test_a_run_killed_between_or_inside_batches_keeps_exactly_the_committed_ones(
    published: Settings, dies: str
) -> None:
    """A batch's commit is durable before its writer checkpoints (DuckDB's log, replayed by the
    next writer): a process killed at any point keeps every committed batch and none that did
    not commit, frees the lock, and the run's record publishes what was kept."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED_BATCHES, str(published.data_dir), dies],
        env=os.environ | {"PYTHONPATH": str(REPO_ROOT)},
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 17
    assert _snapshot_count(published) == 1  # nothing published by a batch
    with writer(published) as con:  # the run's record: replays the log, checkpoints, publishes
        assert con.execute("select list(n order by n) from probe").fetchall() == [([1, 2],)]
    assert _snapshot_count(published) == 2
