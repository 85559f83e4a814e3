"""Benchmark helper: parse and extract a kept run's batches again, and say what it cost.

``--out DIR --data-dir RUN``: copies a kept run's raw objects, crawl state and batch plan
(``benchmarks.scale --keep``'s ``bare``; never written to) into ``DIR``, then parses and extracts
every batch of the plan in order with whatever ``fazhi`` is first on the path
(``fazhi.batches.parse_batch`` and ``extract_batch``, as a run does), and prints the wall seconds,
the CPU seconds of this process and those of the bounded workers (the fork server's children,
which it reaps: its ``cutime`` and ``cstime``). Run it from each checkout (another checkout's
with ``PYTHONPATH=<its tree>``, from inside that tree) into two directories, interleaved.

``--compare A B``: the staged files (parsed, documents, mentions, facts) of the two, byte for
byte. The same lake goes in, so there are no crawl differences (fetch times, ports in URLs) to
take out, as there are between two runs of ``benchmarks.scale``.

Run: ``.venv/bin/python -m benchmarks.restage --data-dir RUN/bare --out A`` then
``.venv/bin/python -m benchmarks.restage --compare A B``
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.proc import reaped_cpu_s, self_cpu_s, stat_fields

if TYPE_CHECKING:  # fazhi is imported in main: a worker importing this module again pays little
    from fazhi.config import Settings

STAGED = ("parsed", "documents", "mentions", "facts")
SERVER_WARM_S = 15.0  # the fork server preloads and runs the warm-up document first


def restage(kept: Path, out: Path) -> None:
    """Parse and extract every planned batch of ``kept``'s lake again, in ``out``."""
    from fazhi.batches import extract_batch, parse_batch
    from fazhi.config import load_settings
    from fazhi.parse.pool import start_worker_server

    shutil.rmtree(out, ignore_errors=True)
    for part in ("raw", "state", "staging/batches"):
        shutil.copytree(kept / "lake" / part, out / "lake" / part)
    plan = next((out / "lake/staging/batches").iterdir())
    run_id = plan.name.split("=", 1)[1]
    settings = load_settings(data_dir=out)
    numbers = _planned(settings, run_id)
    start_worker_server()
    time.sleep(SERVER_WARM_S)
    wall, cpu = time.perf_counter(), self_cpu_s()
    for batch in numbers:
        parse_batch(settings, run_id, batch)
        extract_batch(settings, run_id, batch)
    wall, cpu = time.perf_counter() - wall, self_cpu_s() - cpu
    workers = reaped_cpu_s(_fork_server())
    print(
        f"{out}: {len(numbers)} batches parsed and extracted in {wall:.1f} s; CPU: this process "
        f"{cpu:.1f} s, the bounded workers {workers:.1f} s "
        f"({(cpu + workers) / len(numbers):.2f} s a batch in all)"
    )


def _planned(settings: Settings, run_id: str) -> list[int]:
    import polars as pl

    from fazhi.batches import BATCH_COLUMN
    from fazhi.lake import Lake

    lake = Lake.of(settings)
    with lake.fs.open(lake.batch_plan(run_id), "rb") as handle:
        plan = pl.read_parquet(handle, columns=[BATCH_COLUMN])
    return sorted(plan.get_column(BATCH_COLUMN).unique().to_list())


def _fork_server() -> int:
    """The pid of this process's multiprocessing fork server."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            parent = int(stat_fields(int(entry.name))[1])
        except (OSError, ValueError):
            continue
        if parent == os.getpid() and b"multiprocessing.forkserver" in command:
            return int(entry.name)
    raise SystemExit("no fork server found")


def compare(first: Path, second: Path) -> bool:
    """Whether every staged file of ``first`` has a byte-identical twin in ``second`` (printed,
    with the count of files that differ per table)."""
    identical = True
    for table in STAGED:
        files = sorted((first / "lake/staging" / table).glob("run_id=*/batch-*.parquet"))
        twins = [second / path.relative_to(first) for path in files]
        differ = [p for p, t in zip(files, twins, strict=True) if not _same_bytes(p, t)]
        print(f"{table:10s} {len(files)} files, {len(differ)} differ")
        identical = identical and bool(files) and not differ
    print("IDENTICAL" if identical else "DIFFERENCES")
    return identical


def _same_bytes(path: Path, twin: Path) -> bool:
    return twin.exists() and path.read_bytes() == twin.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a kept run (read only)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"))
    args = parser.parse_args()
    if args.data_dir and args.out:
        restage(args.data_dir, args.out)
    if args.compare and not compare(*args.compare):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
