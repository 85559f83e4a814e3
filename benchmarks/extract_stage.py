"""Extract stage split: where one batch's extract stage spends its time beside extraction.

Builds one batch (``settings.batch_size`` documents, 500) of generated ~10 KB reports as parsed
rows (``benchmarks.corpus``), then runs the parts of ``fazhi.batches.extract_batch`` one after
the other, as it does, and prints each part's wall seconds and CPU seconds of this process:
the extraction key, starting the bounded workers (forked from the warmed fork server), the
workers' map (with each worker's own CPU, read from ``/proc``) and the same workers' map of
another batch, building the staged frames from the workers' columns, writing the three Parquet
files. Beside it, in this process: extraction of the texts cold (as a worker fresh from the fork
server sees them) and of another batch's texts warm (a process that has extracted one), and the
pickling of the workers' results (facts and mentions as columns, ``fazhi.isolation.Extraction``).

Issue 16's figures at 100,000 reports: 1.53 s per batch for the stage against ~0.5 s of
extraction. On this 2-core machine the split measured here is the reference for any change to
the stage's hand-off.
"""

from __future__ import annotations

import gc
import pickle
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from benchmarks.corpus import YEARS, _counties, read_seeds, rewrite
from benchmarks.proc import cpu_s, self_cpu_s
from fazhi.extract import COMPILED, stage
from fazhi.extract.facts import RulePaths
from fazhi.isolation import DocumentLimits, ExtractJob
from fazhi.parse.pool import BoundedPool, start_worker_server
from fazhi.schemas import PARSED, conform

BATCH = 500
WORKERS = 2
SERVER_WARM_S = 15.0  # the fork server preloads and runs the warm-up document first
RUN_ID = "bench-extract-stage"


def parsed_batch(documents: int = BATCH, seed: int = 2026) -> pl.DataFrame:
    """``documents`` parsed rows of generated reports (the corpus of ``benchmarks.scale``)."""
    rng = random.Random(seed)
    seeds, counties = read_seeds(), _counties()
    rows = []
    for n in range(documents):
        division, year = counties[rng.randrange(len(counties))], rng.choice(YEARS)
        text = rewrite(seeds[n % len(seeds)], division, year, rng)
        rows.append(
            {
                "run_id": RUN_ID,
                "doc_id": f"{n:016x}",
                "doc_key": f"key{n}",
                "source_id": f"site{n % 10}",
                "url": f"http://127.0.0.{n % 10 + 1}/site{n % 10}/col/t{year + 1}0301_{n}.html",
                "title": f"{division.name}{year}年法治政府建设年度报告",
                "format": "html",
                "raw_sha256": f"{n:064x}",
                "fetched_at": datetime(2026, 12, 4, tzinfo=UTC),
                "text": text,
                "locality_hint": None,
                "published_hint": date(year + 1, 3, 1),
                "parse_status": "ok",
                "parse_error": None,
                "flags": [],
            }
        )
    return conform(pl.DataFrame(rows, schema_overrides=PARSED, strict=False), PARSED)


class Split:
    """Wall and CPU seconds of this process, part by part."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, float, float]] = []

    def time(self, name: str, work: Callable[[], object]) -> object:
        gc.collect()  # no part pays for the garbage of the one before it
        wall, cpu = time.perf_counter(), self_cpu_s()
        result = work()
        self.parts.append((name, time.perf_counter() - wall, self_cpu_s() - cpu))
        return result

    def show(self) -> None:
        for name, wall, cpu in self.parts:
            print(f"  {name:44s} wall {wall:6.3f} s   CPU here {cpu:6.3f} s")


def _jobs(rows: list[dict[str, object]], rules: RulePaths) -> list[ExtractJob]:
    return [
        ExtractJob(
            str(r["text"]),
            title=str(r["title"]),
            published_hint=r["published_hint"],  # type: ignore[arg-type]
            source_url=str(r["url"]),
            rules=rules,
        )
        for r in rows
    ]


def main() -> None:
    parsed = parsed_batch()
    rules, limits = RulePaths(), DocumentLimits()
    start_worker_server()
    time.sleep(SERVER_WARM_S)
    split = Split()
    split.time("extraction key", lambda: stage.extraction_key(parsed, rules))
    rows = list(parsed.iter_rows(named=True))
    # another batch of other reports: what a worker kept warm would meet next
    other = list(parsed_batch(seed=2027).iter_rows(named=True))
    pool = BoundedPool(limits, WORKERS)
    with pool:

        def start() -> None:
            for parser in pool._parsers:
                parser.start()

        split.time("start workers (fork server)", start)
        pids = [p._process.pid for p in pool._parsers if p._process and p._process.pid]
        before = [cpu_s(pid) for pid in pids]
        extractions = split.time(
            "workers' map (send, wait, receive, unpickle)",
            lambda: pool.map(lambda row, bounded: stage._extract_one(row, RUN_ID, bounded), rows),
        )
        worker_cpu = [cpu_s(pid) - b for pid, b in zip(pids, before, strict=True)]
        again = [cpu_s(pid) for pid in pids]
        split.time(
            "another batch's map (the workers now warm)",
            lambda: pool.map(lambda row, bounded: stage._extract_one(row, RUN_ID, bounded), other),
        )
        warm_cpu = [cpu_s(pid) - b for pid, b in zip(pids, again, strict=True)]

    staged = split.time(
        "records → staged frames",
        lambda: stage.staged_batch(extractions, RUN_ID),  # type: ignore[arg-type]
    )
    with tempfile.TemporaryDirectory() as directory:

        def write() -> None:
            for table in ("mentions", "facts", "documents"):
                getattr(staged, table).write_parquet(Path(directory) / f"{table}.parquet")

        split.time("write 3 Parquet files", write)
    jobs, other_jobs = _jobs(rows, rules), _jobs(other, rules)
    results = split.time(
        "in-process extraction, cold (as a fresh worker)",
        lambda: [j.run(limits.max_text_chars) for j in jobs],
    )
    split.time(
        "in-process extraction of another batch, warm",
        lambda: [j.run(limits.max_text_chars) for j in other_jobs],
    )
    as_sent = split.time(
        "pickle results as columns (worker side)",
        lambda: [pickle.dumps(("ok", r), 5) for r in results],  # type: ignore[attr-defined]
    )
    split.time(
        "unpickle results as columns (stage side)",
        lambda: [pickle.loads(b) for b in as_sent],  # type: ignore[attr-defined]
    )
    print(
        f"one batch: {len(rows)} documents, {WORKERS} workers, compiled {COMPILED}; "
        f"{staged.mentions.height:,} mentions, {staged.facts.height:,} facts"  # type: ignore[attr-defined]
    )
    split.show()
    print(
        f"  workers' own CPU during the map: {', '.join(f'{c:.2f}' for c in worker_cpu)} s "
        f"(another batch, warm: {', '.join(f'{c:.2f}' for c in warm_cpu)} s)"
    )


if __name__ == "__main__":
    main()
