"""Runs killed with SIGKILL inside each stage lose nothing: the next plain run loads every
document and fact an uninterrupted run loads.

The killed runs are processes running the stage functions without Prefect
(``tests/e2e/kill_run.py``), forked one after another from one subprocess that imported them
once; the plain runs run in this process. One sample site serves every run, so document keys
(which hold its URLs) compare directly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fazhi.crawl.sample_site import serve_sample_site
from tests.e2e.kill_run import plain_run

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # six runs of the pipeline


def warehouse(data_dir: Path) -> tuple[set[tuple[str, str]], int]:
    """(doc_key and doc_id of every current document, facts) in the warehouse."""
    path = data_dir / "fazhi.duckdb"
    if not path.is_file():
        return set(), 0
    with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
        try:
            documents = set(con.sql("select doc_key, doc_id from dim_document").fetchall())
            row = con.sql("select count(*) from fact_indicator").fetchone()
        except duckdb.CatalogException:
            return set(), 0  # killed before the first load created the tables
    return documents, int(row[0]) if row else 0


KILLS = (  # (stage, where in it the run dies), in the order a run reaches them
    ("crawl", "two documents stored, the crawl's manifest not written"),
    ("parse", "at the second document"),
    ("extract", "at the second document"),
    ("gate", "validated, the quarantine not recorded"),
    ("load", "inside the load's transaction, documents written, not committed"),
)


def test_runs_killed_inside_each_stage_lose_nothing_for_the_next_plain_run(
    tmp_path: Path,
) -> None:
    # One data directory takes every kill in turn, then one plain run: a stage whose kill lost
    # documents would leave them missing at the end (each killed run dies before it loads, so
    # none can make up for an earlier one). Separate directories per stage cost four more runs.
    with serve_sample_site() as base_url:
        reference = tmp_path / "reference"
        plain_run(reference, base_url)
        documents, facts = warehouse(reference)
        assert documents and facts  # the comparison below means something
        data_dir = tmp_path / "killed"
        log = tmp_path / "killed-runs.log"
        with (
            log.open("w") as errors,
            subprocess.Popen(
                [sys.executable, "-m", "tests.e2e.kill_run", str(data_dir), base_url],
                cwd=REPO,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                env={**os.environ, "PYTHONPATH": str(REPO)},
            ) as runs,
        ):
            assert runs.stdin is not None and runs.stdout is not None
            for stage, where in KILLS:
                runs.stdin.write(stage + "\n")
                runs.stdin.flush()
                ended = runs.stdout.readline().strip()
                tail = log.read_text(errors="replace")[-2000:]
                assert ended == str(-signal.SIGKILL), (stage, where, ended, tail)
                assert warehouse(data_dir) == (set(), 0), f"killed in {stage} ({where}) yet loaded"
            runs.stdin.close()
            assert runs.wait(timeout=60) == 0, log.read_text(errors="replace")[-2000:]
        plain_run(data_dir, base_url)
        assert warehouse(data_dir) == (documents, facts)
