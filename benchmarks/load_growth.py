"""Benchmark: how a run's batch loads grow with the warehouse they are loaded into.

Copies a kept warehouse (``--warehouse``, e.g. the 10,000- or 100,000-report run of
``benchmarks.scale --keep``; never written to), migrates the copy to this tree's schema (timed
apart: a one-off cost), then loads batches of a lake (``--lake`` and ``--batches``: their
documents, facts and mentions, as new reports: doc_id and doc_key prefixed so that nothing is
unchanged or superseded) one after another in a fresh process, each through its own
``writer(publish=False)`` as a run's batches are, and records the run (``publish=True``: the
checkpoint and the readers' snapshot). Per batch it times each step of
``fazhi.warehouse.load`` and the writer's open (lock, connection, replaying any DuckDB log),
commit (with DuckDB's own checkpoint, should the log outgrow ``checkpoint_threshold``) and
close (with the writer's checkpoint), in wall-clock and CPU seconds; and the
process's resident memory before the loads and at its peak (``ru_maxrss``). Each trial starts
from a new copy; ``--trials`` of them per warehouse, interleaved. To compare with another
checkout, run this file from that checkout.

Figures: README, *Scale*.

Run: ``.venv/bin/python -m benchmarks.load_growth --warehouse A.duckdb --warehouse B.duckdb
--lake DATA_DIR --batches 1,2,3,4,5,6 --trials 3``
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


class StepTimer:
    """Wall-clock and CPU seconds (of every thread: less swayed by a busy machine) per step,
    each step timed from the previous one's end."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._mark, self._cpu_mark = time.perf_counter(), time.process_time()

    def __call__(self, name: str) -> None:
        now, cpu_now = time.perf_counter(), time.process_time()
        self.wall[name] = self.wall.get(name, 0.0) + now - self._mark
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu_now - self._cpu_mark
        self._mark, self._cpu_mark = now, cpu_now


def load_once(
    data_dir: Path, lake_dir: Path, batches: list[int], hold: int = 1
) -> dict[str, object]:
    """Load the batches into the (migrated) warehouse of ``data_dir`` one after another, each
    through its own ``writer`` (``publish=False``) or, with ``hold`` over 1, through a writer
    held across ``hold`` loads as the loader holds it (``HeldWriter``), then record the run
    (``publish=True``: the checkpoint and the readers' snapshot); seconds per step and RSS."""
    from datetime import UTC, datetime

    from fazhi.config import load_settings
    from fazhi.warehouse.db import HeldWriter, writer
    from fazhi.warehouse.load import StagedRun, load_batch, record_run

    settings = load_settings(data_dir=data_dir)
    runs = []
    for batch in batches:
        frames = read_batch(lake_dir, batch)
        runs.append(
            StagedRun(
                f"bench-load-growth-{batch}",
                datetime.now(UTC),
                "completed",
                {},
                {f"staged_{name}": frame for name, frame in frames.items()},  # type: ignore[misc]
            )
        )
    rss_before = _rss_mb()
    per_batch: list[dict[str, dict[str, float]]] = []
    loaded = [0, 0, 0]
    held = HeldWriter(settings, hold)
    for run in runs:
        step = StepTimer()
        with held.load() if hold > 1 else writer(settings, publish=False) as con:
            step("open")  # the lock, the connection (replaying the log), the migrations' check
            summary = load_batch(con, run, settings.sql_dir, after_step=step)
            step("commit")  # with DuckDB's own checkpoint, should the log outgrow its limit
        step("close")  # with the writer's checkpoint (a held writer's every ``hold`` loads)
        per_batch.append({"wall": step.wall, "cpu": step.cpu})
        loaded[0] += summary.documents_loaded
        loaded[1] += summary.facts_loaded
        loaded[2] += summary.mentions_loaded
    started, cpu_started = time.perf_counter(), time.process_time()
    held.release()  # as the run does before it records itself
    record_run(
        settings,
        run_id="bench-load-growth",
        started_at=datetime.now(UTC),
        status="completed",
        counts={},
    )
    record = {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu_started}
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "documents": loaded[0],
        "facts": loaded[1],
        "mentions": loaded[2],
        "batches": per_batch,
        "record": record,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_kb / 1024,
    }


def trial(warehouse: Path, lake_dir: Path, batches: list[int], hold: int) -> dict[str, object]:
    """One trial on a new copy of ``warehouse``: migrate, then load in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="fazhi-loadgrow-") as tmp:
        data_dir = Path(tmp)
        shutil.copyfile(warehouse, data_dir / "fazhi.duckdb")
        migrated = _child(["--migrate", str(data_dir)])
        listed = ",".join(map(str, batches))
        where = ["--load", str(data_dir), "--lake", str(lake_dir)]
        loaded = _child([*where, "--batches", listed, "--hold", str(hold)])
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
    parser.add_argument(
        "--batches", default="1,2,3,4,5,6", help="the lake's batches loaded, one after another"
    )
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument(
        "--hold",
        type=int,
        action="append",
        default=[],
        help="loads per writer (1: a writer per batch, the default; repeat to compare)",
    )
    parser.add_argument("--migrate", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--load", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.migrate is not None:
        print(json.dumps({"seconds": migrate_copy(args.migrate)}))
        return
    if args.load is not None:
        hold = args.hold[-1] if args.hold else 1
        print(json.dumps(load_once(args.load, args.lake, _numbers(args.batches), hold)))
        return
    batches = _numbers(args.batches)
    for n in range(args.trials):
        for warehouse in args.warehouse:
            for hold in args.hold or [1]:
                load_before = _loadavg()
                r = trial(warehouse, args.lake, batches, hold)
                _print_trial(n, warehouse, r, load_before, hold)


def _numbers(listed: str) -> list[int]:
    return [int(part) for part in listed.split(",")]


STEP_GROUPS = {  # what the summary line adds up, per batch
    "open": ("open",),
    "search": ("search/refresh_index",),
    "commit": ("commit",),
    "close": ("close",),
}


def _print_trial(
    n: int, warehouse: Path, r: dict[str, object], load_before: str, hold: int
) -> None:
    per_batch = r["batches"]
    record = r["record"]
    assert isinstance(per_batch, list) and isinstance(record, dict)
    print(
        f"trial {n} {warehouse}, {hold} loads a writer: {len(per_batch)} batches, "
        f"{r['documents']} docs {r['facts']} facts; "
        f"RSS {r['rss_before_mb']:.0f} -> peak {r['peak_rss_mb']:.0f} MB; "
        f"migration {r['migration_s']:.2f} s; file {r['warehouse_mb']:.0f} MB; "
        f"loadavg {load_before} -> {_loadavg()}",
        flush=True,
    )
    for i, batch in enumerate(per_batch):
        cpu, wall = batch["cpu"], batch["wall"]
        grouped = {g: sum(cpu.get(k, 0.0) for k in keys) for g, keys in STEP_GROUPS.items()}
        named = {k for keys in STEP_GROUPS.values() for k in keys}
        grouped["other steps"] = sum(v for k, v in cpu.items() if k not in named)
        parts = ", ".join(f"{g} {v:.2f}" for g, v in grouped.items())
        total, total_wall = sum(cpu.values()), sum(wall.values())
        print(f"  batch {i}: CPU {total:.2f} s ({parts}); wall {total_wall:.2f} s", flush=True)
        print("    cpu " + json.dumps({k: round(v, 3) for k, v in cpu.items()}), flush=True)
    print(f"  record_run: CPU {record['cpu']:.2f} s, wall {record['wall']:.2f} s", flush=True)


if __name__ == "__main__":
    main()
