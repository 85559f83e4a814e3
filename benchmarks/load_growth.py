"""Benchmark: how one batch's load grows with the warehouse it is loaded into.

Copies a kept warehouse (``--warehouse``, e.g. the 1,000- or 10,000-report run of
``benchmarks.scale --keep``; never written to), migrates the copy to this tree's schema (timed
apart: a one-off cost), then loads one staged batch of a lake (``--lake`` and ``--batch``: its
documents, facts and mentions, as new reports: doc_id and doc_key prefixed so that nothing is
unchanged or superseded) in a fresh process, timing each step of ``fazhi.warehouse.load``, the
commit, the checkpoint and the close, and reading that process's resident memory before the load
and its peak (``ru_maxrss``). Each trial starts from a new copy; ``--trials`` of them per
warehouse, interleaved.

Figures: README, *Scale*.

Run: ``.venv/bin/python -m benchmarks.load_growth --warehouse A.duckdb --warehouse B.duckdb
--lake DATA_DIR --batch 1 --trials 3``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEW_PREFIX = "n"  # prefixed to doc_id and doc_key: the batch's reports are new to the warehouse
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE_KB / 1024


def read_batch(lake_dir: Path, batch: int) -> dict[str, object]:
    """The staged documents, facts and mentions of one batch, renamed to be new reports."""
    import polars as pl

    frames: dict[str, pl.DataFrame] = {}
    for table in ("documents", "facts", "mentions"):
        (path,) = (lake_dir / "lake" / "staging" / table).glob(
            f"run_id=*/batch-{batch:05d}.parquet"
        )
        frame = pl.read_parquet(path).with_columns(
            (pl.lit(NEW_PREFIX) + pl.col("doc_id")).alias("doc_id")
        )
        if table == "documents":
            # what the gate lets through for these reports: a locality and a year
            frame = frame.filter(pl.col("locality_code").is_not_null())
            frame = frame.filter(pl.col("report_year").is_not_null())
            frame = frame.with_columns((pl.lit(NEW_PREFIX) + pl.col("doc_key")).alias("doc_key"))
        else:
            frame = frame.filter(pl.col("doc_id").is_in(frames["documents"]["doc_id"].implode()))
        frames[table] = frame
    return dict(frames)


def migrate_copy(data_dir: Path) -> float:
    """Migrate the copied warehouse to this tree's schema and checkpoint it; seconds taken."""
    import duckdb

    from fazhi.config import load_settings
    from fazhi.warehouse.migrate import migrate

    settings = load_settings(data_dir=data_dir)
    started = time.perf_counter()
    con = duckdb.connect(str(settings.duckdb_path))
    try:
        migrate(con, settings)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - started


def load_once(data_dir: Path, lake_dir: Path, batch: int) -> dict[str, object]:
    """Load the batch into the (migrated) warehouse of ``data_dir``; seconds per step and RSS."""
    from datetime import UTC, datetime

    import duckdb

    from fazhi.config import load_settings
    from fazhi.warehouse.load import StagedRun, load_batch
    from fazhi.warehouse.migrate import migrate

    settings = load_settings(data_dir=data_dir)
    frames = read_batch(lake_dir, batch)
    run = StagedRun(
        "bench-load-growth",
        datetime.now(UTC),
        "completed",
        {},
        {f"staged_{name}": frame for name, frame in frames.items()},  # type: ignore[misc]
    )
    rss_before = _rss_mb()
    steps: dict[str, float] = {}
    cpu: dict[str, float] = {}  # CPU seconds of every thread: less swayed by a busy machine
    started = mark = time.perf_counter()
    cpu_started = cpu_mark = time.process_time()

    def step(name: str) -> None:
        nonlocal mark, cpu_mark
        now, cpu_now = time.perf_counter(), time.process_time()
        steps[name] = steps.get(name, 0.0) + now - mark
        cpu[name] = cpu.get(name, 0.0) + cpu_now - cpu_mark
        mark, cpu_mark = now, cpu_now

    con = duckdb.connect(str(settings.duckdb_path))
    step("open")
    migrate(con, settings)
    step("migrate (nothing pending)")
    summary = load_batch(con, run, settings.sql_dir, after_step=step)
    step("commit")
    con.execute("CHECKPOINT")
    step("checkpoint")
    con.close()
    step("close")
    total = time.perf_counter() - started
    cpu_total = time.process_time() - cpu_started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "documents": summary.documents_loaded,
        "facts": summary.facts_loaded,
        "mentions": summary.mentions_loaded,
        "seconds": total,
        "steps": steps,
        "cpu_seconds": cpu_total,
        "cpu_steps": cpu,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_kb / 1024,
    }


def trial(warehouse: Path, lake_dir: Path, batch: int) -> dict[str, object]:
    """One trial on a new copy of ``warehouse``: migrate, then load in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="fazhi-loadgrow-") as tmp:
        data_dir = Path(tmp)
        shutil.copyfile(warehouse, data_dir / "fazhi.duckdb")
        migrated = _child(["--migrate", str(data_dir)])
        loaded = _child(["--load", str(data_dir), "--lake", str(lake_dir), "--batch", str(batch)])
        loaded["migration_s"] = migrated["seconds"]
        loaded["warehouse_mb"] = (data_dir / "fazhi.duckdb").stat().st_size / 2**20
        return loaded


def _child(arguments: list[str]) -> dict[str, object]:
    command = [sys.executable, "-m", "benchmarks.load_growth", *arguments]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, action="append", default=[])
    parser.add_argument("--lake", type=Path, help="a data directory whose lake holds the batch")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--migrate", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--load", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.migrate is not None:
        print(json.dumps({"seconds": migrate_copy(args.migrate)}))
        return
    if args.load is not None:
        print(json.dumps(load_once(args.load, args.lake, args.batch)))
        return
    for n in range(args.trials):
        for warehouse in args.warehouse:
            load_before = _loadavg()
            r = trial(warehouse, args.lake, args.batch)
            steps, cpu = r["steps"], r["cpu_steps"]
            assert isinstance(steps, dict) and isinstance(cpu, dict)
            sql = sum(s for k, s in steps.items() if k not in ("commit", "checkpoint", "close"))
            print(
                f"trial {n} {warehouse}: {r['documents']} docs {r['facts']} facts; "
                f"load {r['seconds']:.2f} s (steps {sql:.2f}, commit {steps['commit']:.2f}, "
                f"checkpoint {steps['checkpoint']:.2f}, close {steps['close']:.2f}); "
                f"CPU {r['cpu_seconds']:.2f} s (commit {cpu['commit']:.2f}, "
                f"checkpoint {cpu['checkpoint']:.2f}); "
                f"RSS {r['rss_before_mb']:.0f} -> peak {r['peak_rss_mb']:.0f} MB; "
                f"migration {r['migration_s']:.2f} s; file {r['warehouse_mb']:.0f} MB; "
                f"loadavg {load_before}",
                flush=True,
            )
            print("  " + json.dumps({k: round(v, 3) for k, v in steps.items()}), flush=True)


if __name__ == "__main__":
    main()
