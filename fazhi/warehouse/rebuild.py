"""Rebuild the warehouse from the lake, so a file no DuckDB at hand can open is never a dead end.

Reads every run's staged documents, mentions and facts (``lake/staging``), oldest run first,
passes each through the quality gate again (without Data Docs; prior values come from the
warehouse being rebuilt, as they did the first time) and loads it into a new file, then the
quarantined rows people accepted by hand (``fazhi quarantine accept``). The new file
replaces ``fazhi.duckdb`` only once complete; the old one is kept beside it as
``fazhi.duckdb.before-rebuild``. Runs that staged nothing (nothing new) leave no row.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from fazhi.config import Settings
from fazhi.lake import Lake
from fazhi.warehouse.db import open_duckdb, writer_lock
from fazhi.warehouse.load import LoadSummary, StagedRun, load_batch

KEPT_SUFFIX = ".before-rebuild"


@dataclass(frozen=True, slots=True)
class RebuildSummary:
    """What a rebuild read from the lake and loaded into the new file."""

    runs: int
    documents_loaded: int
    facts_loaded: int
    previous_file: Path | None
    seconds: float


def staged_run_ids(settings: Settings) -> list[str]:
    """Run ids with staged documents in the lake, oldest first (run ids sort by their start)."""
    lake = Lake.of(settings)
    folders = lake.fs.glob(lake.path("staging", "documents", "run_id=*"))
    return sorted(str(f).rsplit("run_id=", 1)[1] for f in folders)


def rebuild_from_lake(settings: Settings) -> RebuildSummary:
    """Build a new warehouse from the lake and swap it in; the old file is kept beside it."""
    from fazhi.warehouse.migrate import migrate

    started = time.monotonic()
    target = settings.duckdb_path
    building = target.with_name(target.name + ".rebuilding")
    target.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(settings):
        _remove(building)
        docs = facts = 0
        runs = staged_run_ids(settings)
        with contextlib.closing(open_duckdb(building, settings)) as con:
            migrate(con, settings)
            for run_id in runs:
                loaded = _replay_run(con, settings, run_id)
                docs += loaded.documents_loaded
                facts += loaded.facts_loaded
            loaded = _replay_accepted(con, settings)
            docs += loaded.documents_loaded
            facts += loaded.facts_loaded
            con.execute("CHECKPOINT")
        previous = _swap(building, target)
    return RebuildSummary(len(runs), docs, facts, previous, time.monotonic() - started)


def _replay_run(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str) -> LoadSummary:
    from fazhi.extract.stage import read_staged
    from fazhi.quality.frames import prior_cells
    from fazhi.quality.gate import run_gate
    from fazhi.warehouse.read import prior_values

    batch = read_staged(settings, run_id)
    if batch is None:
        return LoadSummary(run_id)
    parsed = batch.documents.filter(pl.col("parse_status") == "ok")
    cells = prior_cells(parsed)
    prior = prior_values(con, cells, settings.sql_dir) if cells else None
    gate = run_gate(
        parsed, batch.facts, settings=settings, run_id=run_id, prior_values=prior, build_docs=False
    )
    kept = gate.documents.get_column("doc_id").implode()
    frames = {
        "staged_documents": gate.documents,
        "staged_facts": gate.facts,
        "staged_mentions": batch.mentions.filter(pl.col("doc_id").is_in(kept)),
        "staged_validations": gate.validations,
        "staged_quarantine": gate.quarantine,
    }
    started_at = _run_start(run_id, batch.documents)
    run = StagedRun(run_id, started_at, "rebuilt", gate.counts(), frames)
    return load_batch(con, run, settings.sql_dir)


def _replay_accepted(con: duckdb.DuckDBPyConnection, settings: Settings) -> LoadSummary:
    """Load again the quarantined rows people accepted by hand (their decisions are in the lake)."""
    from fazhi.quality.quarantine import read_quarantine
    from fazhi.warehouse.review import accepted_run

    accepted = read_quarantine(settings).filter(pl.col("status") == "accepted")
    if accepted.is_empty():
        return LoadSummary("accepted")
    ordered = accepted.sort(pl.col("table_name") != "documents")  # documents before their facts
    return load_batch(con, accepted_run(settings, ordered, "rebuilt-accepted"), settings.sql_dir)


def _run_start(run_id: str, documents: pl.DataFrame) -> datetime:
    try:
        return datetime.strptime(run_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:  # a run id given by hand: the first fetch of the run stands in
        first = documents.get_column("fetched_at").min()
        return first if isinstance(first, datetime) else datetime.now(UTC)


def _swap(building: Path, target: Path) -> Path | None:
    previous = None
    if target.exists():
        previous = target.with_name(target.name + KEPT_SUFFIX)
        os.replace(target, previous)
        wal = target.with_name(target.name + ".wal")
        if wal.exists():
            os.replace(wal, previous.with_name(previous.name + ".wal"))
    os.replace(building, target)
    return previous


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
