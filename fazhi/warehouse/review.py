"""Decisions by hand on quarantined rows: accept (load the row, flagged) or resolve (close it).

Reads the quarantine and the run's staged rows from the lake; ``accept`` loads the row into the
warehouse in one transaction (a document brings the facts the gate refused only because of it),
with the flag ``accepted_by_hand``; both record who, when and why in the quarantine store.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from fazhi import schemas
from fazhi.config import Settings
from fazhi.errors import TerminalError
from fazhi.extract.stage import read_staged
from fazhi.quality.gate import DOCUMENT_QUARANTINED
from fazhi.quality.quarantine import find_quarantined, read_quarantine, record_decision
from fazhi.sql import read_sql
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import StagedRun, load_batch

ACCEPTED_FLAG = "accepted_by_hand"


@dataclass(frozen=True, slots=True)
class Decision:
    """What a decision settled and, for an acceptance, what it loaded."""

    row_ids: tuple[str, ...]
    decision: str
    documents_loaded: int = 0
    facts_loaded: int = 0


def who_decides() -> str:
    """The person deciding: the login name (``FAZHI_REVIEWER`` overrides it)."""
    try:
        return os.environ.get("FAZHI_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for this uid (containers)
        return f"uid {os.getuid()}"


def resolve(settings: Settings, row_id: str, why: str, who: str | None = None) -> Decision:
    """Close one open quarantined row without loading it."""
    row = _open_row(settings, row_id)
    record_decision(settings, [row["id"]], "resolved", who=who or who_decides(), why=why)
    return Decision((row["id"],), "resolved")


def accept(settings: Settings, row_id: str, why: str, who: str | None = None) -> Decision:
    """Load one open quarantined row (and a document's cascaded facts), flagged; record it."""
    row = _open_row(settings, row_id)
    if not why.strip():
        raise TerminalError("a decision needs a reason (--why)")
    rows = _with_cascaded_facts(settings, row)
    run = accepted_run(settings, rows, f"accepted-{row['id']}")
    with writer(settings) as con:
        if run.frames["staged_documents"].is_empty() and not _document_loaded(
            con, row["doc_id"], settings.sql_dir
        ):
            raise TerminalError(
                f"the document {row['doc_id']} of this fact is not in the warehouse: "
                "accept the document's own quarantined row first"
            )
        try:
            loaded = load_batch(con, run, settings.sql_dir)
        except duckdb.ConstraintException as exc:  # e.g. a fact with no locality has no cell
            raise TerminalError(f"row {row['id']} cannot be loaded as it is: {exc}") from exc
    ids = tuple(rows.get_column("id").to_list())
    record_decision(settings, list(ids), "accepted", who=who or who_decides(), why=why)
    return Decision(ids, "accepted", loaded.documents_loaded, loaded.facts_loaded)


def _open_row(settings: Settings, row_id: str) -> dict[str, Any]:
    found = find_quarantined(settings, row_id)
    if found.height != 1:
        problem = "no quarantined row" if found.height == 0 else f"{found.height} rows"
        raise TerminalError(f"{problem} with id {row_id!r}")
    row = found.row(0, named=True)
    if row["status"] != "open":
        raise TerminalError(f"row {row['id']} is {row['status']} already, not open")
    return row


def _with_cascaded_facts(settings: Settings, row: dict[str, Any]) -> pl.DataFrame:
    """The row, and for a document the open facts refused only because the document was."""
    rows = read_quarantine(settings).filter(pl.col("status") == "open")
    this = rows.filter(pl.col("id") == row["id"])
    if row["table_name"] != "documents":
        return this
    cascaded = rows.filter(
        (pl.col("run_id") == row["run_id"])
        & (pl.col("doc_id") == row["doc_id"])
        & (pl.col("table_name") == "facts")
        & pl.col("reasons").list.eval(pl.element().str.starts_with(DOCUMENT_QUARANTINED)).list.all()
    )
    return pl.concat([this, cascaded])


def accepted_run(settings: Settings, rows: pl.DataFrame, run_id: str) -> StagedRun:
    """The load of quarantined ``rows`` accepted by hand: documents as staged (from the lake),
    facts as quarantined, all flagged ``accepted_by_hand``."""
    flagged = pl.concat_list(pl.col("flags").fill_null([]), pl.lit([ACCEPTED_FLAG]))
    flagged = flagged.list.unique(maintain_order=True).alias("flags")
    facts = _from_json(rows.filter(pl.col("table_name") == "facts"), schemas.FACTS)
    documents, mentions = [schemas.empty(schemas.DOCUMENTS)], [schemas.empty(schemas.MENTIONS)]
    for run, doc_id in (
        rows.filter(pl.col("table_name") == "documents").select("run_id", "doc_id").iter_rows()
    ):
        staged = read_staged(settings, run)
        if staged is None:
            raise TerminalError(f"run {run} has no staged rows left in the lake")
        documents.append(staged.documents.filter(pl.col("doc_id") == doc_id))
        mentions.append(staged.mentions.filter(pl.col("doc_id") == doc_id))
    frames = {
        "staged_documents": pl.concat(documents).with_columns(flagged),
        "staged_facts": facts.with_columns(flagged),
        "staged_mentions": pl.concat(mentions),
    }
    now = datetime.now(UTC)
    return StagedRun(
        f"{run_id}-{now:%Y%m%dT%H%M%SZ}", now, ACCEPTED_FLAG, {"rows_accepted": rows.height}, frames
    )


def _from_json(rows: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    records = [json.loads(text) for text in rows.get_column("row_json").to_list()]
    if not records:
        return schemas.empty(schema)
    return schemas.conform(pl.DataFrame(records, infer_schema_length=None), schema)


def _document_loaded(con: duckdb.DuckDBPyConnection, doc_id: object, sql_dir: Path) -> bool:
    return bool(con.execute(read_sql("queries/_document_loaded", sql_dir), [doc_id]).fetchall())
