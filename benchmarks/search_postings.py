"""Benchmark: CPU milliseconds per batch to index reports for search, before and after.

The load indexes each batch's new reports (``refresh_search_index``), in the run process while
the parsing workers wait, so its CPU is on a run's critical path. This builds one batch of
generated ~10 KB reports (``benchmarks/corpus.py``, 500 by default, as a run's batch) and times,
in alternating rounds in this one process:
- cutting the batch into postings, POSTINGS_CHUNK reports at a time, as
  ``fazhi.warehouse.search.postings`` does now (Chinese pairs counted as integers in numpy) and as
  it did before (``segment`` each report, count its terms with a Counter), checking that both
  give the same rows;
- the whole step into a fresh DuckDB file holding the batch's reports: ``refresh_search_index``
  now (the batch's postings inserted at once) and as before (cut and inserted 100 at a time);
and prints CPU ms per batch side by side (CPU, not wall time: the machine is shared).

Run: ``python -m benchmarks.search_postings [--reports 500] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from benchmarks.search_index import corpus_documents
from fazhi.config import Settings
from fazhi.sql import read_sql
from fazhi.warehouse.search import (
    POSTINGS_CHUNK,
    _script,
    postings,
    refresh_search_index,
    segment,
)

SQL_DIR = Settings().sql_dir

Documents = list[tuple[str, str, str]]


def counter_postings(documents: Documents) -> pl.DataFrame:
    """The postings as built before: ``segment`` each document, count with a Counter."""
    doc_ids: list[str] = []
    terms: list[str | None] = []
    counts: list[int] = []
    for doc_id, title, text in documents:
        counted: Counter[str | None] = Counter(segment(f"{title}\n{text}")) or Counter({None: 0})
        doc_ids.extend([doc_id] * len(counted))
        terms.extend(counted)
        counts.extend(counted.values())
    return pl.DataFrame(
        {"doc_id": doc_ids, "term": terms, "tf": counts},
        schema={"doc_id": pl.String(), "term": pl.String(), "tf": pl.Int32()},
    )


def batch_postings(build: Callable[[Documents], pl.DataFrame], batch: Documents) -> pl.DataFrame:
    """The postings of ``batch``, built a chunk at a time as the load builds them."""
    return pl.concat(
        [
            build(batch[start : start + POSTINGS_CHUNK])
            for start in range(0, len(batch), POSTINGS_CHUNK)
        ]
    )


def counter_refresh(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """The search-index step as it was: Counter postings cut and inserted 100 reports at a time."""
    _script(con, sql_dir, "search/create_index")
    rows = con.execute(read_sql("search/unindexed", sql_dir)).fetchall()
    for start in range(0, len(rows), 100):
        con.register("new_postings", counter_postings(rows[start : start + 100]).to_arrow())
        try:
            _script(con, sql_dir, "search/insert_postings")
        finally:
            con.unregister("new_postings")
    return len(rows)


def cpu_ms(build: Callable[[Documents], pl.DataFrame], batch: Documents) -> float:
    started = time.process_time()
    batch_postings(build, batch)
    return (time.process_time() - started) * 1000


def step_cpu_ms(
    refresh: Callable[[duckdb.DuckDBPyConnection, Path], int], batch: Documents, scratch: Path
) -> float:
    """CPU ms of ``refresh`` indexing ``batch`` in a fresh warehouse file (all threads: DuckDB's
    insert runs on several)."""
    path = scratch / f"{refresh.__name__}.duckdb"
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE dim_document (doc_id VARCHAR, title VARCHAR)")
        con.execute("CREATE TABLE document_text (doc_id VARCHAR, text VARCHAR)")
        con.executemany("INSERT INTO dim_document VALUES (?, ?)", [(d, t) for d, t, _ in batch])
        con.executemany("INSERT INTO document_text VALUES (?, ?)", [(d, x) for d, _, x in batch])
        # the batch as a load stages it (refresh_search_index reads new reports' text there)
        con.execute("CREATE TABLE staged_documents AS SELECT * FROM document_text")
        _script(con, SQL_DIR, "search/create_index")
        con.execute("BEGIN")
        started = os.times()
        assert refresh(con, SQL_DIR) == len(batch)
        ended = os.times()
        con.execute("COMMIT")
    return (ended.user + ended.system - started.user - started.system) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=500, help="reports in the batch")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv if argv is not None else [])
    frame = corpus_documents(args.reports, "bench").select("doc_id", "title", "text")
    batch = [(doc_id, title or "", text or "") for doc_id, title, text in frame.iter_rows()]
    characters = sum(len(title) + len(text) for _, title, text in batch)
    before = batch_postings(counter_postings, batch).sort("doc_id", "term")
    after = batch_postings(postings, batch).sort("doc_id", "term")
    print(f"{len(batch)} reports, {characters / len(batch):,.0f} characters each, "
          f"{after.height:,} postings; same rows as before: {after.equals(before)}")  # fmt: skip
    times: dict[str, list[float]] = {"old cut": [], "new cut": [], "old step": [], "new step": []}
    print("CPU ms per batch  cut before  cut after  step before  step after")
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(1, args.rounds + 1):
            times["old cut"].append(cpu_ms(counter_postings, batch))
            times["new cut"].append(cpu_ms(postings, batch))
            times["old step"].append(step_cpu_ms(counter_refresh, batch, Path(scratch)))
            times["new step"].append(step_cpu_ms(refresh_search_index, batch, Path(scratch)))
            print(f"round {round_:2d}        " + "".join(f"{t[-1]:11.0f}" for t in times.values()))
    medians = {name: statistics.median(t) for name, t in times.items()}
    print("median          " + "".join(f"{m:11.0f}" for m in medians.values()))
    print(f"cutting: {medians['old cut'] / medians['new cut']:.1f} times less CPU; "
          f"the whole step: {medians['old step'] / medians['new step']:.1f}")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
