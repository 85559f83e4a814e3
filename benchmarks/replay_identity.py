"""Benchmark helper: gate and load a kept run's staged batches again, and compare two results.

``--replay``: copies the staged batches of a kept run (``--data-dir``, e.g. ``benchmarks.scale
--keep``'s ``bare``; never written to) into ``--out`` and gates and loads every batch in order
through the run's loader (``fazhi.loader.LoaderProcess``, defaults as a run's) into a fresh
warehouse, with whatever ``fazhi`` is first on the path: run it once from each checkout (another
checkout's with ``PYTHONPATH=<its tree>``) into two directories.

``--compare A B``: every table of the two warehouses and the run's quarantine in the lake (its
one file, or its batches' files read in batch order), row for row (as multisets, and the
quarantine in its order too: a quarantined row's id comes from its place in the run's rows),
leaving out only the times of the load, the gate, the quarantine and the migrations. Replaying
the same staged batches takes the crawl's own differences (fetch times, ports in URLs) out of
the comparison, which two runs of ``benchmarks.scale`` cannot.

Run: ``.venv/bin/python -m benchmarks.replay_identity --replay --data-dir RUN/bare --out A``
then ``.venv/bin/python -m benchmarks.replay_identity --compare A B``
"""

from __future__ import annotations

import argparse
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

TIMES = {"loaded_at", "quarantined_at", "validated_at", "applied_at"}
STARTED = datetime(2026, 12, 4, tzinfo=UTC)  # the same for both replays


def replay(source: Path, out: Path) -> float:
    """Gate and load every staged batch of ``source`` into a fresh ``out``; seconds taken."""
    from fazhi.config import load_settings
    from fazhi.loader import LoaderProcess

    shutil.copytree(source / "lake" / "staging", out / "lake" / "staging")
    shutil.rmtree(out / "lake" / "staging" / "reuse", ignore_errors=True)
    settings = load_settings(data_dir=out)
    (run_dir,) = (out / "lake" / "staging" / "documents").glob("run_id=*")
    run_id = run_dir.name.removeprefix("run_id=")
    numbers = sorted(int(p.stem.removeprefix("batch-")) for p in run_dir.glob("batch-*.parquet"))
    started = time.perf_counter()
    with LoaderProcess(settings.loader_recycle_batches) as loader:
        loader.start()
        for number in numbers:
            counts = dict(loader.gate(settings, run_id, number) or {})
            loader.load(
                settings, run_id, number, started_at=STARTED, status="completed", counts=counts
            )
        loader.release_warehouse()
    return time.perf_counter() - started


def compare(a: Path, b: Path) -> bool:
    """Print each table's rows in ``a`` and ``b`` and those only one holds; whether all agree."""
    import duckdb

    con = duckdb.connect()
    for name, path in (("a", a), ("b", b)):
        con.execute(f"ATTACH '{path / 'fazhi.duckdb'}' AS {name} (READ_ONLY)")
    tables = {n: _tables(con, n) for n in ("a", "b")}
    same = tables["a"] == tables["b"]
    for table in tables["a"]:
        same &= _same(con, f"a.{table}", f"b.{table}", table, _columns(con, f"a.{table}"))
    relations = [f"read_parquet({_quarantine_files(p)})" for p in (a, b)]
    same &= _same(con, *relations, "quarantine file", _columns(con, relations[0]))
    ordered = [con.execute(f"SELECT doc_id, indicator FROM {r}").fetchall() for r in relations]
    print(f"quarantine file order: {'same' if ordered[0] == ordered[1] else 'DIFFERENT'}")
    return same and ordered[0] == ordered[1]


def _quarantine_files(data_dir: Path) -> list[str]:
    """The run's quarantine files in the order its rows are read: its one file (as written
    before 2026-12-05), or its batches' files in batch order."""
    (run,) = (data_dir / "lake" / "quarantine").glob("run_id=*")
    files = [*run.glob("quarantine.parquet"), *sorted(run.glob("quarantine/batch-*.parquet"))]
    return [str(f) for f in files]


def _tables(con: object, database: str) -> list[str]:
    query = "SELECT table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY 1"
    return [r[0] for r in con.execute(query, [database]).fetchall()]  # type: ignore[attr-defined]


def _columns(con: object, relation: str) -> list[str]:
    described = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()  # type: ignore[attr-defined]
    return [str(r[0]) for r in described if r[0] not in TIMES]


def _same(con: object, a: str, b: str, label: str, columns: list[str]) -> bool:
    listed = ", ".join(f'"{c}"' for c in columns)
    count = "SELECT count(*) FROM ({})"
    rows = [con.execute(count.format(f"FROM {r}")).fetchone()[0] for r in (a, b)]  # type: ignore[attr-defined]
    only = [
        con.execute(  # type: ignore[attr-defined]
            count.format(f"SELECT {listed} FROM {x} EXCEPT ALL SELECT {listed} FROM {y}")
        ).fetchone()[0]
        for x, y in ((a, b), (b, a))
    ]
    agree = rows[0] == rows[1] and only == [0, 0]
    print(
        f"{label:22s} rows {rows[0]:>10} / {rows[1]:>10}, only in a {only[0]}, only in b "
        f"{only[1]}: {'same' if agree else 'DIFFERENT'}"
    )
    return agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", action="store_true")
    parser.add_argument("--data-dir", type=Path, help="a kept run (read only)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"))
    args = parser.parse_args()
    if args.replay:
        seconds = replay(args.data_dir, args.out)
        print(f"{args.out}: replayed in {seconds:.1f} s")
    if args.compare:
        identical = compare(*args.compare)
        print("IDENTICAL" if identical else "DIFFERENCES")
        raise SystemExit(0 if identical else 1)


if __name__ == "__main__":
    main()
