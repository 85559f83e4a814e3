"""Trials: ``kill -9`` a ``fazhi run`` at a random moment, then one plain ``fazhi run``.

Each trial runs the pipeline on the bundled sample site in a fresh data directory, kills the
whole process group at a random point of a run's duration (crawl, parse, extract, gate or load),
then runs ``fazhi run`` once more with no options and compares the warehouse's documents and
facts with those of an uninterrupted run. Prints one line per trial and the totals; the target
is every trial ending with every document (``make kill-trials``, ``TRIALS=20`` by default).

Run: ``python -m benchmarks.kill_trials [--trials 20] [--seed 9]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
RUN_TIMEOUT_S = 600


def fazhi_run(data_dir: Path) -> subprocess.Popen[bytes]:
    """``fazhi run --data-dir`` in its own process group (so kill -9 reaches its children)."""
    return subprocess.Popen(
        [sys.executable, "-m", "fazhi", "run", "--data-dir", str(data_dir)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def warehouse_contents(data_dir: Path) -> tuple[set[str], int]:
    """(document titles, facts) in the warehouse; empty when there is none. Titles, not keys:
    the sample site gets a new port each run, and its URLs are part of a document's key."""
    path = data_dir / "fazhi.duckdb"
    if not path.is_file():
        return set(), 0
    with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
        try:
            keys = {r[0] for r in con.execute("select title from dim_document").fetchall()}
            row = con.execute("select count(*) from fact_indicator").fetchone()
        except duckdb.Error:
            return set(), 0
    return keys, int(row[0]) if row else 0


def complete_run(data_dir: Path) -> float:
    """Seconds an uninterrupted run takes; raises when it fails."""
    started = time.monotonic()
    process = fazhi_run(data_dir)
    if process.wait(RUN_TIMEOUT_S) != 0:
        raise SystemExit(f"the reference run failed (exit {process.returncode})")
    return time.monotonic() - started


def trial(data_dir: Path, kill_after_s: float) -> tuple[bool, int]:
    """Kill a run after ``kill_after_s``, run once more; (finished before the kill, exit code)."""
    process = fazhi_run(data_dir)
    try:
        process.wait(kill_after_s)
        finished = True
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        finished = False
    rerun = fazhi_run(data_dir)
    return finished, rerun.wait(RUN_TIMEOUT_S)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv if argv is not None else [])
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        reference_dir = Path(scratch) / "reference"
        duration = complete_run(reference_dir)
        expected_docs, expected_facts = warehouse_contents(reference_dir)
        print(
            f"reference run: {duration:.0f} s, {len(expected_docs)} documents,"
            f" {expected_facts} facts"
        )
        whole = 0
        for number in range(1, args.trials + 1):
            data_dir = Path(scratch) / f"trial-{number}"
            kill_after = rng.uniform(0.5, duration)
            finished, code = trial(data_dir, kill_after)
            docs, facts = warehouse_contents(data_dir)
            ok = docs == expected_docs and facts == expected_facts and code == 0
            whole += ok
            when = "finished before the kill" if finished else f"killed at {kill_after:.1f} s"
            print(
                f"trial {number:2d}: {when:<26} rerun exit {code}, "
                f"{len(docs)}/{len(expected_docs)} documents, {facts}/{expected_facts} facts"
                f"{'' if ok else '  << LOST'}",
                flush=True,
            )
    print(f"{whole}/{args.trials} trials ended with every document and fact (target: all)")


if __name__ == "__main__":
    main(sys.argv[1:])
