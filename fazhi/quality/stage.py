"""Gate stage entry point: a run's staged batch → what may load, what is quarantined, and why.

Reads the staged batch and, for the across-years checks, the values already in the warehouse;
writes the quarantine of the run to the lake (``lake/quarantine/run_id=<run>/``) and the Data
Docs. Documents that could not be parsed are not gated: they stay in staging with their reason.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb
import polars as pl

from fazhi.config import Settings
from fazhi.extract.stage import StagedBatch
from fazhi.quality.frames import prior_cells
from fazhi.quality.gate import GateResult, run_gate
from fazhi.quality.quarantine import record_gate_run
from fazhi.quality.validate import suite_runner
from fazhi.warehouse.db import connect, readable_path
from fazhi.warehouse.read import prior_values


def gate_staged(
    batch: StagedBatch,
    settings: Settings,
    run_id: str,
    *,
    render_docs: bool = True,
    warehouse: duckdb.DuckDBPyConnection | None = None,
    batch_number: int | None = None,
) -> GateResult | None:
    """Gate the parsed documents of ``batch`` and persist the quarantine; None when it is empty.

    ``render_docs=False`` keeps the validation results for :func:`render_data_docs` to render
    later (a run gated in batches renders Data Docs once). ``warehouse``: the writer this
    process holds open, if any (DuckDB opens a file once per process), for the values already
    loaded. ``batch_number``: which of the run's batches this is (its quarantine is then a file
    of its own, ``fazhi.quality.quarantine``)."""
    if not batch.documents.height:
        return None
    parsed = batch.documents.filter(pl.col("parse_status") == "ok")
    prior = _prior_values(settings, parsed, warehouse)
    result = run_gate(
        parsed,
        batch.facts,
        settings=settings,
        run_id=run_id,
        prior_values=prior,
        render_docs=render_docs,
        batch=batch_number or 0,
    )
    record_gate_run(settings, run_id, result, gated_documents=parsed, batch=batch_number)
    return result


def render_data_docs(settings: Settings, run_id: str | None = None) -> Path | None:
    """Render Data Docs of run ``run_id`` (of every validation the GX project kept when None,
    or when none were rendered yet); the offline listing's path."""
    runner = suite_runner(settings.data_docs_dir, project_root=settings.data_dir)
    return runner.build_docs(run_id)


def _prior_values(
    settings: Settings, documents: pl.DataFrame, warehouse: duckdb.DuckDBPyConnection | None
) -> pl.DataFrame | None:
    cells = prior_cells(documents)
    if not settings.duckdb_path.exists() or not cells:
        return None
    if warehouse is not None:
        with contextlib.closing(warehouse.cursor()) as con:
            return prior_values(con, cells, settings.sql_dir)
    with contextlib.closing(connect(readable_path(settings), settings, read_only=True)) as con:
        return prior_values(con, cells, settings.sql_dir)
