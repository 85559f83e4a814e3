"""A second writer (a real second process) waits for the lock, then fails clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fazhi.config import REPO_ROOT, Settings
from fazhi.errors import WarehouseLockedError
from fazhi.warehouse.db import writer

HOLDER = """
import sys, time
from pathlib import Path
from fazhi.config import load_settings
from fazhi.warehouse.db import writer
settings = load_settings(data_dir=sys.argv[1])
with writer(settings) as con:
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    Path(sys.argv[1], "holder-finished").write_text("yes")
"""


@pytest.fixture
def start_holder(settings: Settings) -> Iterator[object]:
    started: list[subprocess.Popen[str]] = []

    def start(hold_s: float) -> subprocess.Popen[str]:
        env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(settings.data_dir), str(hold_s)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO_ROOT,
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "holding"
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()
        if process.stdout:
            process.stdout.close()


def test_second_writer_fails_clearly_after_the_timeout(settings: Settings, start_holder) -> None:  # type: ignore[no-untyped-def]
    holder = start_holder(30)
    impatient = settings.model_copy(update={"lock_timeout_s": 0.3})
    with pytest.raises(WarehouseLockedError) as caught, writer(impatient):
        pass
    message = str(caught.value)
    assert f"pid {holder.pid}" in message
    assert "FAZHI_LOCK_TIMEOUT_S" in message
    assert not Path(settings.data_dir, "holder-finished").exists()


def test_second_writer_waits_for_the_first_to_finish(settings: Settings, start_holder) -> None:  # type: ignore[no-untyped-def]
    start_holder(0.5)
    patient = settings.model_copy(update={"lock_timeout_s": 60})
    with writer(patient) as con:
        # we only got in once the holder had finished its work and let go
        assert Path(settings.data_dir, "holder-finished").read_text() == "yes"
        assert con.execute("SELECT count(*) FROM dim_locality").fetchall()[0][0] > 3000
