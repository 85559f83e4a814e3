"""Load one pipeline run into the warehouse: one transaction, idempotent.

Reads the staged frames of a run (DOCUMENTS, FACTS, MENTIONS, VALIDATIONS, QUARANTINE of
``fazhi.schemas``) and writes ``dim_document``, ``document_text``, the search postings
(``search_terms``, ``search_docs``), ``fact_indicator``, ``best_value``, ``locality_year_wide``,
``fact_mention``, ``gate_validation``, ``quarantine_row`` and one ``pipeline_run`` row. Each
step is a file of ``fazhi/sql/load/``; all of them commit together or not at all, after a check
that the batch's rows hold one row per key in the tables without a PRIMARY KEY.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from fazhi import schemas
from fazhi.config import Settings
from fazhi.extract.stage import StagedBatch
from fazhi.quality.gate import GateResult
from fazhi.sql import read_sql, split_statements
from fazhi.warehouse.db import HeldWriter, writer
from fazhi.warehouse.integrity import check_batch_keys
from fazhi.warehouse.load_summary import LoadSummary
from fazhi.warehouse.search import ARROW_SHARED, refresh_search_index

PARAMETER = re.compile(r"\$\d")
STAGED = {
    "staged_documents": schemas.DOCUMENTS,
    "staged_facts": schemas.FACTS,
    "staged_mentions": schemas.MENTIONS,
    "staged_validations": schemas.VALIDATIONS,
    "staged_quarantine": schemas.QUARANTINE,
}

StepHook = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class StagedRun:
    """What a run hands to the warehouse: its identity, outcome and staged frames."""

    run_id: str
    started_at: datetime
    status: str
    counts: Mapping[str, int] = field(default_factory=dict)
    frames: Mapping[str, pl.DataFrame] = field(default_factory=dict)  # keys of STAGED


def load_run(
    settings: Settings,
    *,
    run_id: str,
    started_at: datetime,
    status: str,
    counts: dict[str, int],
    documents: pl.DataFrame,
    facts: pl.DataFrame,
    mentions: pl.DataFrame,
    validations: pl.DataFrame,
    quarantine: pl.DataFrame,
    publish: bool = True,
    held: HeldWriter | None = None,
) -> LoadSummary:
    """Load a run's staged rows under the writer lock, in one transaction; what changed.

    ``publish=False`` (a batch of a run) leaves the readers' snapshot to the run's record;
    ``held`` (a batch of a run, in the loader) loads through a writer kept open across batches
    instead of one opened for this load, and never publishes."""
    run = StagedRun(
        run_id,
        started_at,
        status,
        counts,
        {
            "staged_documents": documents,
            "staged_facts": facts,
            "staged_mentions": mentions,
            "staged_validations": validations,
            "staged_quarantine": quarantine,
        },
    )
    if held is not None:
        with held.load() as con:
            return load_batch(con, run, settings.sql_dir)
    with writer(settings, publish=publish) as con:
        return load_batch(con, run, settings.sql_dir)


def load_gated_run(
    settings: Settings,
    *,
    run_id: str,
    started_at: datetime,
    status: str,
    counts: dict[str, int],
    batch: StagedBatch,
    gate: GateResult | None,
    publish: bool = True,
    held: HeldWriter | None = None,
) -> LoadSummary:
    """Load what the gate let through (nothing but the run's record when nothing was gated)."""
    documents = gate.documents if gate else batch.documents.head(0)
    kept = documents.get_column("doc_id").implode()
    return load_run(
        settings,
        run_id=run_id,
        started_at=started_at,
        status=status,
        counts=counts,
        documents=documents,
        facts=gate.facts if gate else batch.facts.head(0),
        mentions=batch.mentions.filter(pl.col("doc_id").is_in(kept)),
        validations=gate.validations if gate else schemas.empty(schemas.VALIDATIONS),
        quarantine=gate.quarantine if gate else schemas.empty(schemas.QUARANTINE),
        publish=publish,
        held=held,
    )


def record_run(
    settings: Settings,
    *,
    run_id: str,
    started_at: datetime,
    status: str,
    counts: dict[str, int],
) -> LoadSummary:
    """Record a run that has nothing (more) to load: nothing new, failed before the load, or
    loaded in batches."""
    with writer(settings) as con:
        return load_batch(con, StagedRun(run_id, started_at, status, counts), settings.sql_dir)


def load_batch(
    con: duckdb.DuckDBPyConnection,
    run: StagedRun,
    sql_dir: Path,
    *,
    after_step: StepHook | None = None,
) -> LoadSummary:
    """Load ``run`` on an open, migrated connection in one transaction.

    ``after_step`` is called with each step's name once it has executed (before the commit);
    whatever it raises rolls the whole load back.
    """
    _register(con, run)
    try:
        con.begin()
        try:
            hook = after_step or (lambda _name: None)
            summary = _load_steps(con, run, sql_dir, hook)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    finally:
        for name in STAGED:
            con.unregister(name)
    return summary


def _register(con: duckdb.DuckDBPyConnection, run: StagedRun) -> None:
    """The staged frames as DuckDB views of their Arrow data, shared with polars: Arrow's
    string views, which polars holds its strings in and DuckDB reads. ``to_arrow()``'s default
    (large strings) copied every string of a batch, the reports' texts among them (~0.01 s of
    the loader's CPU a batch, and their size again in its memory during the load)."""
    for name, schema in STAGED.items():
        frame = run.frames.get(name)
        staged = schemas.empty(schema) if frame is None else schemas.conform(frame, schema)
        con.register(name, staged.to_arrow(compat_level=ARROW_SHARED))


def _load_steps(
    con: duckdb.DuckDBPyConnection,
    run: StagedRun,
    sql_dir: Path,
    hook: StepHook,
) -> LoadSummary:
    loaded_at = datetime.now(UTC)
    new_docs, unchanged_docs = _one_row(con, sql_dir, "load/count_documents")
    _step(con, sql_dir, "load/insert_documents", [run.run_id, loaded_at], hook)
    _step(con, sql_dir, "load/insert_document_text", [], hook)
    superseded = sum(
        1
        for _doc, current in _step(con, sql_dir, "load/supersede_documents", [], hook)
        if not current
    )
    refresh_search_index(con, sql_dir)  # the words of new reports, for search
    hook("search/refresh_index")
    facts = _changed_rows(con, sql_dir, "facts", run.run_id, hook)
    _step(con, sql_dir, "load/collect_affected_cells", [], hook)
    _step(con, sql_dir, "load/refresh_best_value", [], hook)
    _step(con, sql_dir, "load/refresh_wide", [], hook)
    mentions = _changed_rows(con, sql_dir, "mentions", run.run_id, hook)
    _step(con, sql_dir, "load/replace_validations", [], hook)
    _step(con, sql_dir, "load/replace_quarantine", [], hook)
    check_batch_keys(con, sql_dir)  # the tables without a PRIMARY KEY: one row per key still
    hook("load/check_batch_keys")
    summary = LoadSummary(
        run_id=run.run_id,
        documents_staged=new_docs + unchanged_docs,
        documents_loaded=new_docs,
        documents_unchanged=unchanged_docs,
        documents_superseded=superseded,
        facts_loaded=facts,
        mentions_loaded=mentions,
        validations_loaded=_count(con, "staged_validations"),
        quarantined_rows=_count(con, "staged_quarantine"),
    )
    _step(con, sql_dir, "load/record_run", _run_row(run, loaded_at, summary), hook)
    return summary


def _changed_rows(
    con: duckdb.DuckDBPyConnection, sql_dir: Path, table: str, run_id: str, hook: StepHook
) -> int:
    """Stage the batch's rows of ``table`` (facts, mentions) that differ from the loaded ones,
    then replace them. Compared with the loaded rows only when some belong to the same
    documents: comparing can read every compared column of the whole table (DuckDB does not
    narrow the scan to the batch's documents; 1.9 s for the mentions of a batch replayed into a
    100,000-report warehouse, though the pipeline's own runs did not show it, docs/scale.md),
    while a batch of new reports has nothing loaded to compare with."""
    ((loaded,),) = con.execute(read_sql(f"load/loaded_{table}_of_staged", sql_dir)).fetchall()
    _step(con, sql_dir, f"load/stage_{'changed' if loaded else 'new'}_{table}", [], hook)
    changed = _count(con, f"changed_{table}")
    _step(con, sql_dir, f"load/replace_{table}", [run_id], hook)
    return changed


def _run_row(run: StagedRun, loaded_at: datetime, s: LoadSummary) -> list[object]:
    names = sorted(run.counts)
    return [
        run.run_id,
        run.started_at,
        loaded_at,
        run.status,
        names,
        [int(run.counts[n]) for n in names],
        s.documents_staged,
        s.documents_loaded,
        s.documents_unchanged,
        s.documents_superseded,
        s.facts_loaded,
        s.mentions_loaded,
        s.validations_loaded,
        s.quarantined_rows,
    ]


def _step(
    con: duckdb.DuckDBPyConnection,
    sql_dir: Path,
    name: str,
    params: list[object],
    hook: StepHook,
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for statement in split_statements(read_sql(name, sql_dir)):
        rows = con.execute(statement, params if PARAMETER.search(statement) else None).fetchall()
    hook(name)
    return rows


def _one_row(con: duckdb.DuckDBPyConnection, sql_dir: Path, name: str) -> tuple[int, int]:
    ((first, second),) = con.execute(read_sql(name, sql_dir)).fetchall()
    return int(first), int(second)


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    # relation names are module constants, never user input; DuckDB cannot bind identifiers
    return int(con.table(relation).count("*").fetchall()[0][0])
