"""Recovery: documents the lake holds that the warehouse lacks, for the next plain run.

Reads every persisted raw manifest, the warehouse's document ids and the open quarantine; writes
nothing. Crawl state is committed when a crawl's manifest is persisted, before parse, gate and
load: a run killed after its crawl leaves documents that the next crawl sees as unchanged and
no later run would load. Every run therefore adds the lake's document rows that no finished run
loaded or quarantined to what it processes, so a run that dies at any point loses nothing.
"""

from __future__ import annotations

import contextlib

import duckdb
import polars as pl

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.parse.stage import select_document_rows, with_quarantined
from fazhi.quality.quarantine import quarantined_documents
from fazhi.sql import read_sql
from fazhi.warehouse.db import connect, readable_path

DOC_ID_CHARS = 16  # a document version's id is the start of its raw SHA-256


def unloaded_document_rows(settings: Settings) -> pl.DataFrame:
    """Latest document rows of the lake whose version the warehouse neither holds nor refused."""
    every = select_document_rows(store.read_manifest(settings), fresh_only=False)
    if every.is_empty():
        return every
    known = warehouse_doc_ids(settings) | set(quarantined_documents(settings))
    doc_ids = pl.col("sha256").str.slice(0, DOC_ID_CHARS)
    return every.filter(~doc_ids.is_in(sorted(known)))


def recoverable_rows(settings: Settings, reprocess_quarantine: bool = False) -> pl.DataFrame:
    """The lake's document rows that no finished run loaded or refused and, with
    ``reprocess_quarantine``, the quarantined documents' latest rows (what a run adds to its
    crawl's rows: ``fazhi.streaming.recovered_rows``)."""
    rows = unloaded_document_rows(settings)
    if reprocess_quarantine:
        every = store.read_manifest(settings)
        rows = with_quarantined(rows, every, quarantined_documents(settings))
    return rows


def with_unloaded(rows: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """``rows`` plus the lake's unloaded document rows, each document version once."""
    missing = unloaded_document_rows(settings)
    if missing.is_empty():
        return rows
    return pl.concat([rows, missing.select(rows.columns)], how="vertical_relaxed").unique(
        subset=["sha256"], keep="first", maintain_order=True
    )


def warehouse_doc_ids(settings: Settings) -> set[str]:
    """Ids of every document version in the warehouse (none before the first load)."""
    return _warehouse_ids(settings, "load/loaded_doc_ids")


def recorded_run_ids(settings: Settings) -> set[str]:
    """Ids of every run the warehouse recorded as finished (none before the first load)."""
    return _warehouse_ids(settings, "load/recorded_run_ids")


def _warehouse_ids(settings: Settings, query: str) -> set[str]:
    """The first column of ``query``'s rows, read-only; empty without a warehouse or its tables."""
    if not settings.duckdb_path.is_file():
        return set()
    with contextlib.closing(connect(readable_path(settings), settings, read_only=True)) as con:
        try:
            rows = con.execute(read_sql(query, settings.sql_dir)).fetchall()
        except duckdb.CatalogException:
            return set()  # a warehouse file without its tables yet
    return {str(row[0]) for row in rows}
