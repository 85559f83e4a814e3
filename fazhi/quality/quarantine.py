"""The quarantine: rows the gate refused, kept in the lake with their reasons until retried.

Writes ``<lake>/quarantine/run_id=<run>/quarantine.parquet`` (QUARANTINE rows of that run) and,
when a run gates documents that earlier runs quarantined, ``.../run_id=<run>/resolved.parquet``
naming those documents. A run gated in batches writes a file per batch instead
(``.../run_id=<run>/quarantine/batch-NNNNN.parquet``, ``.../resolved/batch-NNNNN.parquet``), each
replaced whole when its batch is gated again: the run's one file, read and rewritten at every
batch, cost 0.18-0.25 s a batch at the end of a 100,000-report run, growing with the run.
Readers see a run's files as one: its whole-run file, then its batches' in batch order.

A quarantined row is *open* until a later run gates its document again: then the old row is
resolved by that run, and if the document fails again the new run's rows are the open ones. So
``quarantined_documents`` is always the current list to retry.

A person may also decide on an open row: *accepted* (its row is loaded, flagged
``accepted_by_hand``) or *resolved* (closed without loading). Each decision is a file
``<lake>/quarantine/decisions/<time>-<id>.parquet`` saying who decided, when and why.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from fsspec import AbstractFileSystem

from fazhi.config import Settings
from fazhi.lake import Lake, batch_name, lake_fs
from fazhi.quality.gate import GateResult
from fazhi.schemas import QUARANTINE, UTC_TS, conform, empty

QUARANTINE_FILE = "quarantine.parquet"
RESOLVED_FILE = "resolved.parquet"
RESOLVED: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "resolved_by_run": pl.String(),
    "resolved_at": UTC_TS,
}
DECISIONS: dict[str, pl.DataType] = {
    "id": pl.String(),
    "decision": pl.String(),  # accepted | resolved
    "decided_by": pl.String(),
    "decided_at": UTC_TS,
    "why": pl.String(),
}
DECIDED_STATUS = {"accepted": "accepted", "resolved": "resolved"}
LISTED: dict[str, pl.DataType] = {
    "id": pl.String(),
    **QUARANTINE,
    "status": pl.String(),  # open | resolved (by a later run, or by hand) | accepted (by hand)
    "resolved_by_run": pl.String(),
    "decided_by": pl.String(),
    "decided_at": UTC_TS,
    "why": pl.String(),
}
DECISIONS_DIR = "decisions"
# the folder, in a run's quarantine folder, of the per-batch files standing for each run file
BATCH_FOLDERS = {QUARANTINE_FILE: "quarantine", RESOLVED_FILE: "resolved"}
_RUN_DIR = re.compile(r"/run_id=([^/]+)/")


def write_quarantine(settings: Settings, run_id: str, frame: pl.DataFrame) -> Path:
    """Persist one run's quarantined rows (replacing any earlier write of that run)."""
    path = Lake.of(settings).quarantine(run_id, QUARANTINE_FILE)
    _write_parquet(lake_fs(settings), path, conform(frame, QUARANTINE))
    return Path(path)


def add_to_quarantine(
    settings: Settings,
    run_id: str,
    frame: pl.DataFrame,
    gated_doc_ids: Iterable[str],
    batch: int | None = None,
) -> Path:
    """Add one gate's quarantined rows to its run's, replacing earlier rows of the documents it
    gated (a resumed batch is gated again). With ``batch``, the rows are that batch's file,
    replaced whole and nothing else read: a run's batches gate documents of their own (its
    plan cuts them apart once), so a batch's earlier rows are those of its file."""
    fs, rows = lake_fs(settings), conform(frame, QUARANTINE)
    if batch is not None:
        path = _batch_file(settings, run_id, QUARANTINE_FILE, batch)
        _write_parquet(fs, path, rows)
        return Path(path)
    path = Lake.of(settings).quarantine(run_id, QUARANTINE_FILE)
    if fs.exists(path):
        kept = _read_parquet(fs, path, QUARANTINE).filter(
            ~pl.col("doc_id").is_in(sorted(set(gated_doc_ids))).fill_null(False)
        )
        rows = pl.concat([kept, rows], how="vertical_relaxed")
    _write_parquet(fs, path, rows)
    return Path(path)


def resolve_quarantine(
    settings: Settings,
    run_id: str,
    gated_doc_ids: Iterable[str],
    gated_doc_keys: Iterable[str] = (),
    batch: int | None = None,
) -> Path | None:
    """Mark open rows of earlier runs as resolved by ``run_id``, which gated their documents
    (in the file of ``batch`` when given, else in the run's).

    A document is the same when its version is (``doc_id``) or when a new version of it was
    gated (``doc_key``: a site that corrected its report republishes it with new content).
    """
    gated, gated_keys = set(gated_doc_ids), set(gated_doc_keys)
    earlier = _earlier_open(settings, run_id)
    doc_ids = sorted(
        (earlier.doc_ids & gated).union(
            *(earlier.by_key[k] for k in gated_keys if k in earlier.by_key)
        )
    )
    if not doc_ids:
        return None
    marker = pl.DataFrame(
        {
            "doc_id": doc_ids,
            "resolved_by_run": [run_id] * len(doc_ids),
            "resolved_at": [datetime.now(UTC)] * len(doc_ids),
        },
        schema=RESOLVED,
    )
    path = (
        Lake.of(settings).quarantine(run_id, RESOLVED_FILE)
        if batch is None
        else _batch_file(settings, run_id, RESOLVED_FILE, batch)
    )
    fs = lake_fs(settings)
    if fs.exists(path):  # the first resolution of a document counts
        marker = pl.concat([_read_parquet(fs, path, RESOLVED), marker]).unique(
            "doc_id", keep="first", maintain_order=True
        )
    _write_parquet(fs, path, marker)
    return Path(path)


def record_gate_run(
    settings: Settings,
    run_id: str,
    result: GateResult,
    gated_documents: pl.DataFrame | None = None,
    batch: int | None = None,
) -> Path:
    """Persist a gate result's quarantine and resolve earlier rows of the documents it gated
    (as the files of ``batch`` of the run when given).

    ``gated_documents`` (doc_id, doc_key of every document the gate saw) lets a new version of a
    document resolve the rows of its older versions.
    """
    gated = pl.concat(
        [result.documents.get_column("doc_id"), result.quarantine.get_column("doc_id")]
    ).drop_nulls()
    keys = result.documents.get_column("doc_key").drop_nulls().to_list()
    if gated_documents is not None:
        keys += gated_documents.get_column("doc_key").drop_nulls().to_list()
        gated = pl.concat([gated, gated_documents.get_column("doc_id")]).drop_nulls()
    doc_ids = gated.unique().to_list()
    path = add_to_quarantine(settings, run_id, result.quarantine, doc_ids, batch)
    resolve_quarantine(settings, run_id, doc_ids, set(keys), batch)
    return path


@dataclass(frozen=True, slots=True)
class _OpenDocuments:
    """The documents of earlier runs' open rows, by doc_id and by doc_key."""

    doc_ids: frozenset[str]
    by_key: Mapping[str, frozenset[str]]


# (quarantine directory, run id) → the open documents of the runs before it, read at the run's
# first batch: reading every earlier run's rows and staged documents again for each batch took
# 1-1.9 s of CPU per batch with one earlier run of 100,000 reports, and grew with the history
_EARLIER_OPEN: dict[tuple[str, str], _OpenDocuments] = {}


def _earlier_open(settings: Settings, run_id: str) -> _OpenDocuments:
    """The documents with open rows of runs other than ``run_id``, as they were at its first
    call in this process. Not this run's own rows: they grow with every batch the run gates,
    and reading them back per batch made a long run's gate quadratic. Rows another run or a
    person settles while this run goes on are still resolved by it (a row resolved by a run
    that gated its document again is settled either way)."""
    key = (Lake.of(settings).path("quarantine"), run_id)
    if key not in _EARLIER_OPEN:
        earlier = _open_rows(read_quarantine(settings, excluding_run=run_id))
        doc_ids = frozenset(earlier.get_column("doc_id").drop_nulls().to_list())
        by_key: dict[str, set[str]] = {}
        for doc_id, doc_key in _doc_keys(settings, earlier["run_id"].unique().to_list()).items():
            if doc_id in doc_ids:
                by_key.setdefault(doc_key, set()).add(doc_id)
        _EARLIER_OPEN.clear()  # one run at a time: the cache holds the current run's only
        _EARLIER_OPEN[key] = _OpenDocuments(doc_ids, {k: frozenset(v) for k, v in by_key.items()})
    return _EARLIER_OPEN[key]


def _doc_keys(settings: Settings, run_ids: list[str]) -> dict[str, str]:
    """doc_id → doc_key for the documents staged by ``run_ids`` (read from the lake)."""
    from fazhi.extract.stage import read_staged_table

    keys: dict[str, str] = {}
    for run in run_ids:
        frame = read_staged_table(settings, "documents", run, columns=["doc_id", "doc_key"])
        if frame is not None:
            keys.update(zip(frame["doc_id"].to_list(), frame["doc_key"].to_list(), strict=True))
    return keys


def read_quarantine(settings: Settings, *, excluding_run: str | None = None) -> pl.DataFrame:
    """Every quarantined row of every run (but ``excluding_run``'s), oldest first, with a stable
    short ``id`` and status."""
    fs = lake_fs(settings)
    frames = [
        _with_ids(pl.concat([_read_parquet(fs, p, QUARANTINE) for p in paths]))
        for run, paths in _run_files(fs, settings, QUARANTINE_FILE).items()
        if run != excluding_run
    ]
    rows = pl.concat(frames) if frames else _with_ids(empty(QUARANTINE))
    resolutions = [
        _read_parquet(fs, p, RESOLVED)
        for paths in _run_files(fs, settings, RESOLVED_FILE).values()
        for p in paths
    ]
    listed = _with_status(rows, pl.concat(resolutions) if resolutions else empty(RESOLVED))
    return _with_decisions(listed, read_decisions(settings))


def read_decisions(settings: Settings) -> pl.DataFrame:
    """Every decision taken by hand on a quarantined row, oldest first."""
    fs = lake_fs(settings)
    paths = sorted(fs.glob(Lake.of(settings).path("quarantine", DECISIONS_DIR, "*.parquet")))
    frames = [_read_parquet(fs, p, DECISIONS) for p in paths]
    return pl.concat(frames).sort("decided_at") if frames else empty(DECISIONS)


def record_decision(
    settings: Settings, row_ids: list[str], decision: str, *, who: str, why: str
) -> Path:
    """Persist one decision (accepted | resolved) on open rows, with who, when and why."""
    if decision not in DECIDED_STATUS:
        raise ValueError(f"unknown decision {decision!r}")
    if not why.strip():
        raise ValueError("a decision needs a reason (--why)")
    at = datetime.now(UTC)
    frame = pl.DataFrame(
        {
            "id": row_ids,
            "decision": [decision] * len(row_ids),
            "decided_by": [who] * len(row_ids),
            "decided_at": [at] * len(row_ids),
            "why": [why.strip()] * len(row_ids),
        },
        schema=DECISIONS,
    )
    name = f"{at:%Y%m%dT%H%M%S%fZ}-{row_ids[0]}.parquet"
    path = Lake.of(settings).path("quarantine", DECISIONS_DIR, name)
    _write_parquet(lake_fs(settings), path, frame)
    return Path(path)


def document_titles(settings: Settings, run_ids: list[str]) -> pl.DataFrame:
    """doc_id, title and url of the documents staged by ``run_ids`` (read from the lake)."""
    from fazhi.extract.stage import read_staged_table

    columns = ["doc_id", "title", "url"]
    frames = [
        frame
        for run in sorted(set(run_ids))
        if (frame := read_staged_table(settings, "documents", run, columns=columns)) is not None
    ]
    schema = {"doc_id": pl.String(), "title": pl.String(), "url": pl.String()}
    found = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    return found.unique("doc_id", keep="last", maintain_order=True)


def quarantined_documents(settings: Settings) -> list[str]:
    """doc_ids with open quarantined rows: what ``fazhi run --reprocess-quarantine`` retries."""
    open_rows = _open_rows(read_quarantine(settings))
    return sorted(set(open_rows.get_column("doc_id").drop_nulls().to_list()))


def find_quarantined(settings: Settings, row_id: str) -> pl.DataFrame:
    """The quarantined rows whose id starts with ``row_id`` (one when the prefix is unique)."""
    rows = read_quarantine(settings)
    return rows.filter(pl.col("id").str.starts_with(row_id.strip().lower()))


def row_id_of(
    run_id: str, table_name: str, ordinal: int, doc_id: str | None, indicator: str | None
) -> str:
    """Short id of a quarantined row (``ordinal``: its place in its run's files read as one):
    stable because a run's files are rewritten in the same order, and a batch gated again
    replaces its own file only."""
    key = "\x1f".join([run_id, table_name, str(ordinal), doc_id or "", indicator or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _with_ids(frame: pl.DataFrame) -> pl.DataFrame:
    ids = [
        row_id_of(run, table, ordinal, doc, indicator)
        for ordinal, (run, table, doc, indicator) in enumerate(
            frame.select("run_id", "table_name", "doc_id", "indicator").iter_rows()
        )
    ]
    return frame.with_columns(pl.Series("id", ids, dtype=pl.String()))


def _with_status(rows: pl.DataFrame, resolutions: pl.DataFrame) -> pl.DataFrame:
    """A row is resolved by the first later run, other than its own, that gated its document."""
    matched = rows.join(resolutions, on="doc_id", how="left").filter(
        pl.col("resolved_by_run").is_null()
        | (
            (pl.col("resolved_by_run") != pl.col("run_id"))
            & (pl.col("resolved_at") > pl.col("quarantined_at"))
        )
    )
    first = matched.sort("resolved_at", nulls_last=True).unique("id", keep="first")
    settled = rows.join(first.select("id", "resolved_by_run"), on="id", how="left")
    status = (
        pl.when(pl.col("resolved_by_run").is_null())
        .then(pl.lit("open"))
        .otherwise(pl.lit("resolved"))
    )
    return conform(settled.with_columns(status.alias("status")), LISTED)


def _with_decisions(rows: pl.DataFrame, decisions: pl.DataFrame) -> pl.DataFrame:
    """A decision by hand settles an open row; the latest decision on a row counts."""
    latest = decisions.unique("id", keep="last", maintain_order=True)
    joined = rows.drop("decided_by", "decided_at", "why").join(latest, on="id", how="left")
    decided = (pl.col("status") == "open") & pl.col("decision").is_not_null()
    status = pl.when(decided).then(pl.col("decision")).otherwise(pl.col("status"))
    keep = [pl.when(decided).then(pl.col(c)).alias(c) for c in ("decided_by", "decided_at", "why")]
    return conform(joined.with_columns(status.alias("status"), *keep), LISTED)


def _open_rows(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.filter(pl.col("status") == "open")


def _run_files(fs: AbstractFileSystem, settings: Settings, name: str) -> dict[str, list[str]]:
    """Run id → the paths of its file ``name``: its whole-run file, then its batches' files in
    batch order; runs in the order of their ids."""
    lake = Lake.of(settings)
    whole = fs.glob(lake.quarantines(name))
    batches = fs.glob(lake.path("quarantine", "run_id=*", BATCH_FOLDERS[name], "batch-*.parquet"))
    by_run: dict[str, list[str]] = {}
    for path in [*sorted(whole), *sorted(batches)]:
        found = _RUN_DIR.search(path.replace("\\", "/"))
        if found:
            by_run.setdefault(found.group(1), []).append(path)
    return dict(sorted(by_run.items()))


def _batch_file(settings: Settings, run_id: str, name: str, batch: int) -> str:
    """The file standing for the run's file ``name`` for one batch."""
    return Lake.of(settings).quarantine(run_id, BATCH_FOLDERS[name], batch_name(batch))


def _read_parquet(
    fs: AbstractFileSystem, path: str, schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    with fs.open(path, "rb") as handle:
        return conform(pl.read_parquet(handle), schema)


def _write_parquet(fs: AbstractFileSystem, path: str, frame: pl.DataFrame) -> None:
    # Write then rename: a reader never sees half a file, and a rerun replaces it whole.
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    tmp = f"{path}.{uuid.uuid4().hex}.tmp"
    fs.pipe_file(tmp, buffer.getvalue())
    fs.mv(tmp, path)
