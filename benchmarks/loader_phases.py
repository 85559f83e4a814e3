"""Benchmark: the loader's memory inside each load, phase by phase, over one loader's loads.

Copies a kept run's data directory (``--data-dir``, e.g. ``benchmarks.scale --keep``'s ``bare``;
never written to) and, in one fresh process as the run's loader (``fazhi.loader``) is, gates a
batch of its lake (``fazhi.batches.gate_batch``) and loads it with every doc_id and doc_key made
new (``benchmarks.memory_growth``'s renaming), ``--loads`` times over the lake's batches in turn:
the warehouse grows by a batch a load, as a run's does. Per phase it records the process's peak
resident memory (Linux's VmHWM, reset before each phase through ``/proc/self/clear_refs``) and
what DuckDB's buffer manager held at its end (``duckdb_memory()``); phases are the gate, the
writer's open (lock, connection, migrations' check), each step of ``fazhi.warehouse.load``, the
commit and the close. The loads go through the loader's writer (``HeldWriter``, closed after
``warehouse_hold_batches`` loads, 1 by default), so the checkpoint is in the commit of a writer's
last load, or in the close where the code measured checkpoints there. Settings come from the
environment as a run's do, bounded as the loader's are (``FAZHI_LOADER_DUCKDB_MEMORY_LIMIT_MB=…``),
so two configurations compare without editing code.

Run: ``.venv/bin/python -m benchmarks.loader_phases --data-dir RUN/bare --loads 60``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE_KB = 4


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS


class PhaseMeter:
    """Peak RSS per phase (and DuckDB's buffer manager at the phase's end), phase after phase."""

    def __init__(self) -> None:
        self.phases: dict[str, dict[str, float]] = {}
        self.con: object | None = None
        self._started = time.process_time()
        self._wall = time.perf_counter()
        _reset_peak()

    def __call__(self, name: str) -> None:
        tags: dict[str, float] = {}
        if self.con is not None:
            rows = self.con.execute(  # type: ignore[attr-defined]
                "SELECT tag, memory_usage_bytes / 2**20 FROM duckdb_memory() "
                "WHERE memory_usage_bytes > 0"
            ).fetchall()
            tags = {str(tag): round(float(mb), 1) for tag, mb in rows}
        now, wall = time.process_time(), time.perf_counter()
        self.phases[name] = {
            "peak": _status_mb("VmHWM"),
            "rss": _status_mb("VmRSS"),
            "duckdb": sum(tags.values()),
            "tags": tags,  # type: ignore[dict-item]
            "cpu": now - self._started,
            "wall": wall - self._wall,
        }
        self._started, self._wall = now, wall
        _reset_peak()


def run_loads(data_dir: Path, loads: int, profile: Path | None = None) -> list[dict[str, object]]:
    """Gate and load ``loads`` batches (the lake's in turn, made new each time) in this process;
    with ``profile``, cProfile's statistics of every load but the first (which builds the GX
    context) are written there."""
    import cProfile
    import gc
    from datetime import UTC, datetime

    from benchmarks.memory_growth import _renamed
    from fazhi import batches
    from fazhi.config import load_settings
    from fazhi.lake import Lake
    from fazhi.loader import bounded
    from fazhi.warehouse.db import HeldWriter
    from fazhi.warehouse.load import StagedRun, load_batch

    settings = bounded(load_settings(data_dir=data_dir))  # what the loader's child works with
    staging = Path(Lake.of(settings).root) / "staging" / "documents"
    (run_dir,) = staging.glob("run_id=*")
    run_id = run_dir.name.removeprefix("run_id=")
    numbers = sorted(int(p.stem.removeprefix("batch-")) for p in run_dir.glob("batch-*.parquet"))
    seen: list[dict[str, object]] = []
    profiler = cProfile.Profile()
    held = HeldWriter(settings, settings.warehouse_hold_batches)  # the loader's writer
    for n in range(loads):
        batch = numbers[n % len(numbers)]
        if profile is not None and n == 1:
            profiler.enable()
        meter = PhaseMeter()
        gated = _renamed(batches.gate_batch(settings, run_id, batch, None, held), f"p{n}-")
        meter("gate")
        gate = gated.gate
        assert gate is not None
        kept = gate.documents.get_column("doc_id").implode()
        frames = {
            "staged_documents": gate.documents,
            "staged_facts": gate.facts,
            "staged_mentions": gated.staged.mentions.filter(
                gated.staged.mentions["doc_id"].is_in(kept)
            ),
            "staged_validations": gate.validations,
            "staged_quarantine": gate.quarantine,
        }
        run = StagedRun(f"{run_id}-p{n}", datetime.now(UTC), "completed", {}, frames)
        with held.load() as con:
            meter.con = con
            meter("open")
            load_batch(con, run, settings.sql_dir, after_step=meter)
            meter("commit")
            size = con.execute("PRAGMA database_size").fetchone()
            meter.con = None
        meter("close")  # the writer's release, when this load was its last
        del gated, gate, frames, run
        gc.collect()
        seen.append(
            {
                "batch": batch,
                "phases": meter.phases,
                "rest": _status_mb("VmRSS"),
                "database": {"blocks": size[2], "used": size[4]} if size else {},
                "file_mb": settings.duckdb_path.stat().st_size / 2**20,
            }
        )
        print(json.dumps(seen[-1]), flush=True)
    if profile is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    return seen


def summarise(seen: list[dict[str, object]], every: int) -> None:
    """The peak of each phase (its maximum over every ``every`` loads) and where it came from."""
    names: list[str] = []
    for record in seen:
        for name in record["phases"]:  # type: ignore[attr-defined]
            if name not in names:
                names.append(name)
    windows = [seen[i : i + every] for i in range(0, len(seen), every)]
    spans = ", ".join(f"{i * every + 1}-{i * every + len(w)}" for i, w in enumerate(windows))
    print(f"phase: peak / end RSS MB, DuckDB's MB at its end, CPU s (loads {spans})")
    for name in names:
        cells = []
        for window in windows:
            phases = [r["phases"][name] for r in window if name in r["phases"]]  # type: ignore[index,operator]
            peak, rss = max(p["peak"] for p in phases), max(p["rss"] for p in phases)
            duck, cpu = max(p["duckdb"] for p in phases), sum(p["cpu"] for p in phases)
            cells.append(f"{peak:5.0f}/{rss:5.0f} ({duck:4.0f}, {cpu / len(phases):.2f} s)")
        print(f"  {name:30s} " + "  ".join(cells))
    rest = [r["rest"] for r in seen]
    for label, key in (("CPU", "cpu"), ("wall", "wall")):
        totals = [sum(p[key] for p in r["phases"].values()) for r in seen[1:]]  # type: ignore[attr-defined]
        ends = [
            sum(p[key] for name, p in r["phases"].items() if name in ("commit", "close"))  # type: ignore[attr-defined]
            for r in seen[1:]
        ]
        if totals:
            print(
                f"gate and load, loads 2-{len(seen)}: {label} "
                f"mean {sum(totals) / len(totals):.2f} s, max {max(totals):.2f} s; "
                f"of it commit and close mean {sum(ends) / len(ends):.2f} s, max {max(ends):.2f} s"
            )
    print(
        f"at rest after each load: {rest[0]:.0f} -> {rest[-1]:.0f} MB; "
        f"file {seen[0]['file_mb']:.0f} -> {seen[-1]['file_mb']:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a kept run (read only)")
    parser.add_argument("--loads", type=int, default=30)
    parser.add_argument("--every", type=int, default=10, help="loads summarised together")
    parser.add_argument("--work", type=Path, default=None, help="where the copy goes")
    parser.add_argument("--profile", type=Path, default=None, help="cProfile statistics here")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        run_loads(args.child, args.loads, args.profile)
        return
    from benchmarks.memory_growth import prepare

    with tempfile.TemporaryDirectory(prefix="fazhi-loaderphases-", dir=args.work) as tmp:
        copy = prepare(args.data_dir, Path(tmp) / "data", with_warehouse=True)
        command = [sys.executable, "-m", "benchmarks.loader_phases", "--data-dir", str(copy)]
        command += ["--child", str(copy), "--loads", str(args.loads)]
        if args.profile is not None:
            command += ["--profile", str(args.profile.resolve())]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"failed:\n{done.stderr[-4000:]}")
    seen = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    summarise(seen, args.every)


if __name__ == "__main__":
    main()
