"""Benchmark: which step of a batch leaves native memory behind, by repeating ONE step.

Each variant runs in a fresh process on a copy of a kept run's data directory (``--data-dir``,
e.g. a ``benchmarks.scale --keep`` run's ``bare``; never written to: its lake, GX project and
warehouse are copied under ``--work``) and repeats one step ``--iterations`` times on the same
batch, printing the process's resident memory after each (RSS, its anonymous and file-backed
parts from ``/proc/self/status``). The growth per iteration is the slope from the third
iteration on (the first ones fill caches that are made once). Variants:

- ``gate``: ``fazhi.batches.gate_batch`` as a run gates a batch (the GX file context of the
  data directory, the quarantine written to the lake, the warehouse read for prior values);
- ``gx``: only the four suites' ``SuiteRunner.validate`` on the batch's frames (same runner);
- ``gate-frames``: the gate's polars/pandas work without GX (frames built, ``to_pandas``);
- ``load``: ``fazhi.batches.load_batch`` of the gated batch, its doc ids made new each time;
- ``read``: ``read_staged_batch`` (polars ``read_parquet`` of the batch's three files);
- ``register``: DuckDB ``register``/``unregister`` of the batch's facts as Arrow, a count.

``VARIANT@N`` runs it with glibc's ``MALLOC_ARENA_MAX=N`` (``@16``: glibc's own limit on 2 cores,
as before ``fazhi.memory`` capped the arenas).

Figures: README, *Scale* ("Memory is not flat").

Run: ``.venv/bin/python -m benchmarks.memory_growth --data-dir RUN/bare --variants gate,load``
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fazhi.batches import GatedBatch

REPO = Path(__file__).resolve().parent.parent
ARENA_ENV = "MALLOC_ARENA_MAX"


def memory_mb() -> dict[str, float]:
    """The process's resident memory (MB): all of it, anonymous and file-backed."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "RssAnon", "RssFile"):
            fields[name] = int(value.split()[0]) / 1024
    return {
        "rss": fields["VmRSS"],
        "anon": fields["RssAnon"],
        "file": fields["RssFile"],
        **anonymous_regions_mb(),
    }


def anonymous_regions_mb() -> dict[str, float]:
    """Resident anonymous memory by kind of mapping, which tells the allocators apart: glibc's
    main arena is ``[heap]``; its thread arenas are mappings inside 64 MB reservations (DuckDB's
    and other native threads); the rest are mmaps of their own (jemalloc, mimalloc, pymalloc's
    arenas, glibc's large blocks)."""
    kinds = {"heap": 0.0, "arena64": 0.0, "other_anon": 0.0}
    start = end = 0
    name = ""
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and not head[0].endswith(":"):
            start, end = (int(x, 16) for x in head[0].split("-"))
            name = head[5] if len(head) > 5 else ""
        elif head[0] == "Rss:":
            kb = int(head[1])
            if name == "[heap]":
                kinds["heap"] += kb / 1024
            elif not name:
                aligned = start % (64 << 20) == 0 and end - start <= 64 << 20
                kinds["arena64" if aligned else "other_anon"] += kb / 1024
    return kinds


def prepare(source: Path, work: Path, with_warehouse: bool) -> Path:
    """A writable copy of the parts of ``source`` the steps read and write."""
    work.mkdir(parents=True, exist_ok=True)
    for name in ("lake", "gx"):
        if (source / name).exists():
            shutil.copytree(source / name, work / name)
    if with_warehouse:
        for name in ("fazhi.duckdb", "fazhi.read.duckdb"):
            if (source / name).exists():
                shutil.copyfile(source / name, work / name)
    return work


def step_of(variant: str, data_dir: Path, batch: int) -> Callable[[int], None]:
    """The step a variant repeats; called with the iteration's number."""
    from datetime import UTC, datetime

    import polars as pl

    from fazhi import batches
    from fazhi.config import load_settings
    from fazhi.lake import Lake

    settings = load_settings(data_dir=data_dir)
    (run_dir,) = (Path(Lake.of(settings).root) / "staging" / "documents").glob("run_id=*")
    run_id = run_dir.name.removeprefix("run_id=")

    if variant == "gate":
        return lambda _: _drop(batches.gate_batch(settings, run_id, batch))
    if variant == "read":
        return lambda _: _drop(batches.read_staged_batch(settings, run_id, batch))
    if variant in ("gx", "gate-frames"):
        return _validate_step(settings, run_id, batch, with_gx=variant == "gx")
    if variant == "load":
        gated = batches.gate_batch(settings, run_id, batch)

        def load(n: int) -> None:
            fresh = _renamed(gated, f"m{n}-")
            batches.load_batch(
                settings,
                fresh,
                run_id=f"{run_id}-m{n}",
                started_at=datetime.now(UTC),
                status="completed",
                counts={},
            )

        return load
    if variant == "register":
        import duckdb

        facts = batches.read_staged_batch(settings, run_id, batch).facts.to_arrow()
        con = duckdb.connect()

        def register(_: int) -> None:
            con.register("staged_facts", facts)
            con.execute("select count(*) from staged_facts").fetchall()
            con.unregister("staged_facts")

        return register
    del pl
    raise SystemExit(f"unknown variant {variant}")


def _drop(_: object) -> None:
    """Results are dropped, as a run keeps only counts of each batch."""


def _renamed(gated: GatedBatch, prefix: str) -> GatedBatch:
    """The gated batch with every doc_id and doc_key made new: a load that adds rows each time."""
    import dataclasses

    import polars as pl

    def new(frame: pl.DataFrame) -> pl.DataFrame:
        renamed = [
            (pl.lit(prefix) + pl.col(c)).alias(c)
            for c in ("doc_id", "doc_key")
            if c in frame.columns
        ]
        return frame.with_columns(renamed) if renamed else frame

    staged, gate = gated.staged, gated.gate
    assert gate is not None
    staged = dataclasses.replace(
        staged, **{f.name: new(getattr(staged, f.name)) for f in dataclasses.fields(staged)}
    )
    gate = dataclasses.replace(
        gate,
        documents=new(gate.documents),
        facts=new(gate.facts),
        quarantine=new(gate.quarantine),
    )
    return dataclasses.replace(gated, staged=staged, gate=gate)


def _validate_step(
    settings: object, run_id: str, batch: int, *, with_gx: bool
) -> Callable[[int], None]:
    """The four suites on the batch's frames, through the run's runner or only up to pandas."""
    from fazhi import batches
    from fazhi.catalog import load_catalog
    from fazhi.quality.frames import (
        consistency_for_validation,
        documents_for_validation,
        facts_for_validation,
    )
    from fazhi.quality.gate import _gated_rows, gate_parameters
    from fazhi.quality.suites import load_suites
    from fazhi.quality.validate import _to_pandas, suite_runner

    suites = load_suites(settings.expectations_dir)  # type: ignore[attr-defined]
    catalog = load_catalog(settings.catalog_path)  # type: ignore[attr-defined]
    staged = batches.read_staged_batch(settings, run_id, batch)  # type: ignore[arg-type]
    docs, facts = _gated_rows(staged.documents, staged.facts)
    frames = {
        "documents": documents_for_validation(docs, facts),
        "facts": facts_for_validation(facts, docs, catalog),
    }
    frames["consistency"] = consistency_for_validation(facts, suites["consistency"], catalog)
    parameters = gate_parameters(catalog)
    runner = suite_runner(settings.data_docs_dir, project_root=settings.data_dir)  # type: ignore[attr-defined]

    def validate(_: int) -> None:
        for name, frame in frames.items():
            suite = suites[name]
            wanted = {k: v for k, v in parameters.items() if k in suite.parameter_names}
            if with_gx:
                runner.validate(suite, frame, wanted, run_id)
            else:
                _to_pandas(frame, suite)

    return validate


def repeat(variant: str, data_dir: Path, batch: int, iterations: int) -> list[dict[str, float]]:
    step = step_of(variant, data_dir, batch)
    seen = []
    for n in range(iterations):
        step(n)
        gc.collect()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        seen.append({**memory_mb(), "cpu": usage.ru_utime + usage.ru_stime})
    return seen


def slope(values: list[float], skip: int = 2) -> float:
    """Least-squares growth per iteration, leaving out the first ``skip`` iterations."""
    ys = values[skip:]
    if len(ys) < 2:
        return 0.0
    xs = range(len(ys))
    mean_x, mean_y = sum(xs) / len(ys), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a kept run (read only)")
    parser.add_argument("--variants", default="gate,gx,gate-frames,read,register,load")
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="where copies go (a temp dir)")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        seen = repeat(args.child, args.data_dir, args.batch, args.iterations)
        print(json.dumps(seen))
        return
    results = {}
    for variant in args.variants.split(","):
        step, _, arenas = variant.partition("@")
        env = dict(os.environ, **({ARENA_ENV: arenas} if arenas else {}))
        with tempfile.TemporaryDirectory(prefix="fazhi-memgrowth-", dir=args.work) as tmp:
            copy = prepare(args.data_dir, Path(tmp) / "data", with_warehouse=True)
            command = [
                sys.executable,
                "-m",
                "benchmarks.memory_growth",
                "--data-dir",
                str(copy),
                "--child",
                step,
                "--iterations",
                str(args.iterations),
                "--batch",
                str(args.batch),
            ]
            done = subprocess.run(
                command, cwd=REPO, env=env, capture_output=True, text=True, check=False
            )
            if done.returncode:
                raise SystemExit(f"{variant} failed:\n{done.stderr[-4000:]}")
            results[variant] = json.loads(done.stdout.strip().splitlines()[-1])
        seen = results[variant]
        rss = [m["rss"] for m in seen]
        cpu = (seen[-1]["cpu"] - seen[1]["cpu"]) / max(len(seen) - 2, 1)
        print(
            f"{variant:12s} RSS {rss[0]:.0f} -> {rss[-1]:.0f} MB over {len(rss)} iterations; "
            f"growth per iteration: RSS {slope(rss):+.2f} MB, anon "
            f"{slope([m['anon'] for m in seen]):+.2f} MB, file "
            f"{slope([m['file'] for m in seen]):+.2f} MB ("
            + ", ".join(
                f"{k} {slope([m[k] for m in seen]):+.2f}" for k in ("heap", "arena64", "other_anon")
            )
            + f"); CPU {cpu:.2f} s per iteration",
            flush=True,
        )
    names = list(results)
    print("iter " + " ".join(f"{n:>12s}" for n in names))
    for i in range(args.iterations):
        print(f"{i:4d} " + " ".join(f"{results[n][i]['rss']:12.0f}" for n in names))


if __name__ == "__main__":
    main()
