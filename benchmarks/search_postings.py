"""Benchmark: CPU milliseconds per batch to cut reports into search postings, before and after.

The load indexes each batch's new reports (``refresh_search_index``), in the run process while
the parsing workers wait, so its CPU is on a run's critical path. This builds one batch of
generated ~10 KB reports (``benchmarks/corpus.py``, 500 by default, as a run's batch) and times,
in alternating rounds in this one process, the postings of the batch POSTINGS_CHUNK reports at a
time as ``fazhi.warehouse.search.postings`` builds them now (Chinese pairs counted as integers in
numpy) and as they were built before (``segment`` each report, count its terms with a Counter),
checks that both give the same rows, and prints CPU ms per batch side by side (CPU, not wall
time: the machine is shared).

Run: ``python -m benchmarks.search_postings [--reports 500] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable

import polars as pl

from benchmarks.search_index import corpus_documents
from fazhi.warehouse.search import POSTINGS_CHUNK, postings, segment

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


def cpu_ms(build: Callable[[Documents], pl.DataFrame], batch: Documents) -> float:
    started = time.process_time()
    batch_postings(build, batch)
    return (time.process_time() - started) * 1000


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
    old: list[float] = []
    new: list[float] = []
    print("round  before (Counter) ms  after (numpy) ms")
    for round_ in range(1, args.rounds + 1):
        old.append(cpu_ms(counter_postings, batch))
        new.append(cpu_ms(postings, batch))
        print(f"{round_:5d}  {old[-1]:19.0f}  {new[-1]:16.0f}")
    print(f"median {statistics.median(old):19.0f}  {statistics.median(new):16.0f}  "
          f"({statistics.median(old) / statistics.median(new):.1f} times less CPU)")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
