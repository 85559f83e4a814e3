"""Benchmark: what the search index costs a load, for a first big load and for a small next one.

Loads N generated reports (``benchmarks/corpus.py``, about 10 KB each) through the real
``load_batch`` in one transaction, then a next load of ``--more`` new reports, and prints each
load's seconds with the search-index step (``refresh_search_index``: cutting new documents into
terms and adding their postings) timed apart. Run against a checkout before and after a change
to compare; with ``--compare-fts`` it also builds DuckDB's fts index over the same terms and
checks that ``fazhi search`` ranks every probe query with fts's BM25 scores.

Run: ``python -m benchmarks.search_index [--reports 1000] [--more 10] [--compare-fts]``
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from benchmarks.corpus import build_corpus
from fazhi import schemas
from fazhi.config import load_settings
from fazhi.warehouse import load as load_module
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import StagedRun, load_batch

PROBES = ("行政复议 纠错率", "法律援助", "法治政府 建设", "人民调解 成功率", "执法", "2023年度")
_TAG = re.compile(r"<[^>]+>")


def corpus_documents(reports: int, run_id: str, offset: int = 0) -> pl.DataFrame:
    """Staged document rows of ``reports`` generated report pages (text: the page's words)."""
    site = build_corpus(reports + offset, sources=20)
    pages = sorted((p for p in site if "/t" in p), key=lambda p: int(p.rsplit("_", 1)[1][:-5]))
    rows: list[dict[str, object]] = []
    for path in pages[offset:]:
        html = site[path].decode()
        title = re.search(r"<title>(.*?)</title>", html)
        rows.append(
            {
                "run_id": run_id,
                "doc_id": hashlib.sha256(path.encode()).hexdigest()[:16],
                "doc_key": path,
                "source_id": "bench",
                "url": f"http://127.0.0.1{path}",
                "title": title.group(1) if title else None,
                "format": "html",
                "raw_sha256": hashlib.sha256(path.encode()).hexdigest(),
                "fetched_at": datetime(2025, 1, 10, tzinfo=UTC),
                "text": _TAG.sub("\n", html),
                "report_year": 2023,
                "doc_type": "annual_report",
                "flags": [],
                "parse_status": "ok",
                "extractor_version": "bench",
            }
        )
    return schemas.conform(pl.DataFrame(rows), schemas.DOCUMENTS)


@contextlib.contextmanager
def timed_search_step(spent: list[float]) -> Iterator[None]:
    """Time every call of the load's search-index step into ``spent``."""
    original = load_module.refresh_search_index

    def timed(*args: object, **kwargs: object) -> int:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent.append(time.perf_counter() - started)

    load_module.refresh_search_index = timed
    try:
        yield
    finally:
        load_module.refresh_search_index = original


def load(data_dir: Path, run_id: str, documents: pl.DataFrame) -> tuple[float, float]:
    """(seconds of the whole load, seconds of its search-index step)."""
    settings = load_settings(data_dir=data_dir)
    spent: list[float] = []
    run = StagedRun(run_id, datetime.now(UTC), "succeeded", {}, {"staged_documents": documents})
    started = time.perf_counter()
    with timed_search_step(spent), writer(settings) as con:
        load_batch(con, run, settings.sql_dir)
    return time.perf_counter() - started, sum(spent)


def compare_with_fts(data_dir: Path) -> None:
    """fts's match_bm25 over the same words against ``search``: same documents, same scores."""
    from fazhi.warehouse.extensions import load_extension
    from fazhi.warehouse.search import search, segment

    settings = load_settings(data_dir=data_dir)
    with writer(settings) as con:
        rows = con.sql(
            "SELECT doc_id, coalesce(title, ''), text FROM dim_document "
            "JOIN document_text USING (doc_id)"
        ).fetchall()
        words = [(doc, " ".join(segment(f"{title}\n{text}"))) for doc, title, text in rows]
        con.execute("CREATE OR REPLACE TEMP TABLE document_words (doc_id VARCHAR, words VARCHAR)")
        con.executemany("INSERT INTO document_words VALUES (?, ?)", words)
        load_extension(con, "fts")
        started = time.perf_counter()
        con.execute(
            "PRAGMA create_fts_index('document_words', 'doc_id', 'words', stemmer = 'none', "
            r"stopwords = 'none', ignore = '[^\p{L}\p{N}]+', strip_accents = 0, lower = 1, "
            "overwrite = 1)"
        )
        print(f"  an fts index over every document, as each load used to build: "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        for query in PROBES:
            oracle = dict(
                con.execute(
                    "SELECT doc_id, fts_main_document_words.match_bm25(doc_id, $1) AS s "
                    "FROM document_words WHERE s IS NOT NULL",
                    [" ".join(segment(query))],
                ).fetchall()
            )
            hits = search(con, query, settings.sql_dir, limit=1_000_000)
            off = max((abs(h.score - oracle[h.doc_id]) for h in hits), default=0.0)
            same = all(h.doc_id in oracle for h in hits) and off < 1e-9
            print(f"  {query}: {len(hits)} hits, {'same as fts' if same else 'DIFFERENT'}"
                  f" (largest score difference {off:.1e})")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--more", type=int, default=10, help="reports of the next load")
    parser.add_argument("--compare-fts", action="store_true")
    args = parser.parse_args(argv if argv is not None else [])
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        first = corpus_documents(args.reports, "bench-1")
        more = corpus_documents(args.more, "bench-2", offset=args.reports)
        total, index = load(data_dir, "bench-1", first)
        print(f"first load of {first.height} reports: {total:.1f} s, search index {index:.1f} s")
        total, index = load(data_dir, "bench-2", more)
        print(f"next load of {more.height} reports: {total:.1f} s, search index {index:.1f} s")
        if args.compare_fts:
            compare_with_fts(data_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
