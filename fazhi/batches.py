"""Streaming: a run's documents go through parse → extract → gate → load in bounded batches.

Reads the run's document rows (the manifest rows that ``parse.stage.select_document_rows`` chose)
and the raw objects they point to; writes the run's plan (``lake/staging/batches/run_id=<run>/``:
every row with its batch number), then per batch each stage's hand-off
(``lake/staging/<table>/run_id=<run>/batch-NNNNN.parquet``), the batch's quarantine and its rows in
the warehouse. Memory holds one batch (``settings.batch_size`` documents) at a time, whatever the
size of the run.

Nothing is done twice:
- a run resumed under its run id keeps its plan and skips every batch file it already wrote;
- a batch whose inputs another run already parsed or extracted (same raw content hashes, same
  parser, same parsed texts and same extractor) is copied from that run's batch file, found
  through a record keyed by the content key (``lake/staging/reuse/<stage>/<key>``), not made
  again. Rows are sorted by content hash before they are cut into batches, so the same documents
  make the same batches.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

import polars as pl

from fazhi.config import Settings
from fazhi.disk import require_free_space
from fazhi.extract.facts import RulePaths
from fazhi.extract.stage import (
    STAGED_TABLES,
    StagedBatch,
    extract_documents,
    extraction_key,
    only_years,
)
from fazhi.isolation import DocumentLimits
from fazhi.lake import Lake
from fazhi.parse import stage as parse_stage
from fazhi.report.artifacts import NEW_FACT_COLUMNS, NEW_FACTS_SHOWN, QUARANTINE_COLUMNS
from fazhi.report.summary import parse_problems
from fazhi.schemas import PARSED, conform

if TYPE_CHECKING:  # the gate and the load are imported where they run: the loader's process
    from fazhi.quality.gate import GateResult
    from fazhi.warehouse.db import HeldWriter
    from fazhi.warehouse.load_summary import LoadSummary

BATCH_COLUMN = "batch"
Made = Literal["made", "reused", "resumed"]
Finished = TypeVar("Finished")


@dataclass(frozen=True, slots=True)
class BatchStep:
    """What one stage did with one batch: made it now, copied it from an earlier run, or found
    it already written by this run (a resumed run)."""

    batch: int
    how: Made
    documents: int


@dataclass(frozen=True)
class GatedBatch:
    """One batch's staged rows and the gate's verdict on them (in memory until it is loaded)."""

    batch: int
    staged: StagedBatch
    gate: GateResult | None


@dataclass(frozen=True)
class BatchOutcome:
    """What one batch adds to the run summary: counts, reasons and its parse problems only."""

    batch: int
    documents: int = 0
    failed_parse: int = 0
    gated: Mapping[str, int] = field(default_factory=dict)
    reasons: Mapping[str, int] = field(default_factory=dict)
    loaded: LoadSummary | None = None
    problems: pl.DataFrame | None = None  # documents that could not be parsed, with why
    quarantine: pl.DataFrame | None = None  # rows the gate refused, with reasons
    new_facts: pl.DataFrame | None = None  # the first facts it let through, for the artifact


# --- the plan ----------------------------------------------------------------------------------
def plan_batches(rows: pl.DataFrame, settings: Settings, run_id: str) -> list[int]:
    """The batch numbers of the run's document rows, written to the lake (or the plan written
    before: a resumed run keeps its batches even when the lake changed since). Each batch's
    rows are written as a file of their own, which is all a batch's stages read; the plan
    itself records which batch each document version is in."""
    lake = Lake.of(settings)
    path = lake.batch_plan(run_id)
    if not lake.fs.exists(path):
        size = max(1, settings.batch_size)
        planned = rows.sort("sha256", "url").with_row_index(BATCH_COLUMN)
        planned = planned.with_columns((pl.col(BATCH_COLUMN) // size).cast(pl.Int32()))
        parts = planned.partition_by(BATCH_COLUMN, as_dict=True, include_key=False)
        for (number,), part in parts.items():
            write_plan_part(lake, run_id, int(number), part)
        index = planned.select(BATCH_COLUMN, "sha256", "url")
        _write(lake, path, index)  # last: once it exists, every part does
    plan = _read(lake, path, columns=[BATCH_COLUMN])
    return sorted(plan.get_column(BATCH_COLUMN).unique().to_list())


def write_plan_part(lake: Lake, run_id: str, batch: int, rows: pl.DataFrame) -> None:
    """Plan ``rows`` as batch ``batch`` of the run, in a file of its own (``fazhi.streaming``)."""
    _write(lake, lake.batch_plan_part(run_id, batch), rows)


def batch_rows(settings: Settings, run_id: str, batch: int) -> pl.DataFrame:
    """The document rows of one batch of the run's plan: its own file, written as the crawl
    went on or when the run was planned at once (reading the whole plan for each batch made a
    run's reads grow with the square of its size: 100,000 reports, 200 reads of 100,000 rows).
    A plan written before parts were (a run resumed across an upgrade) is filtered instead."""
    lake = Lake.of(settings)
    part = lake.batch_plan_part(run_id, batch)
    if lake.fs.exists(part):
        return _read(lake, part)
    with lake.fs.open(lake.batch_plan(run_id), "rb") as handle:
        rows = pl.scan_parquet(handle).filter(pl.col(BATCH_COLUMN) == batch).collect()
    return rows.drop(BATCH_COLUMN)


# --- parse and extract -------------------------------------------------------------------------
def parse_batch(settings: Settings, run_id: str, batch: int) -> BatchStep:
    """Parse one batch of the run into ``lake/staging/parsed`` (or resume / reuse it)."""
    lake = Lake.of(settings)
    target = lake.staged_batch("parsed", run_id, batch)
    if lake.fs.exists(target):
        return BatchStep(batch, "resumed", _count(lake, target))
    require_free_space(settings, f"parsing batch {batch}")
    rows = batch_rows(settings, run_id, batch)
    key = parse_stage.parsing_key(rows)
    earlier = _reused(lake, "parsed", key, ("parsed",))
    if earlier is not None:
        parsed = parse_stage.for_run(_read(lake, earlier["parsed"]), run_id)
        how: Made = "reused"
    else:
        parsed = parse_stage.parse_documents(rows, settings, run_id)
        how = "made"
    _write(lake, target, conform(parsed, PARSED))
    _remember(lake, "parsed", key, run_id, batch)
    return BatchStep(batch, how, parsed.height)


def read_parsed_batch(settings: Settings, run_id: str, batch: int) -> pl.DataFrame:
    """The parsed documents of one batch of the run."""
    lake = Lake.of(settings)
    return conform(_read(lake, lake.staged_batch("parsed", run_id, batch)), PARSED)


def extract_batch(settings: Settings, run_id: str, batch: int) -> BatchStep:
    """Extract one parsed batch into ``lake/staging/{documents,mentions,facts}`` (or resume /
    reuse it)."""
    lake = Lake.of(settings)
    targets = {t: lake.staged_batch(t, run_id, batch) for t in STAGED_TABLES}
    if all(lake.fs.exists(p) for p in targets.values()):
        return BatchStep(batch, "resumed", _count(lake, targets["documents"]))
    parsed = read_parsed_batch(settings, run_id, batch)
    rules = RulePaths.of(settings)  # the rules file and catalogue this run's Settings name
    key = extraction_key(parsed, rules)
    earlier = _reused(lake, "extracted", key, tuple(STAGED_TABLES))
    if earlier is not None:
        staged = StagedBatch(**{t: _read(lake, p) for t, p in earlier.items()}).for_run(run_id)
        how: Made = "reused"
    else:
        limits = DocumentLimits.from_settings(settings)
        staged = extract_documents(parsed, run_id, limits, rules, settings.document_workers)
        how = "made"
    # the documents file last: a batch counts as extracted once all three files exist
    for table in ("mentions", "facts", "documents"):
        _write(lake, targets[table], getattr(staged, table))
    _remember(lake, "extracted", key, run_id, batch)
    return BatchStep(batch, how, staged.documents.height)


def read_staged_batch(settings: Settings, run_id: str, batch: int) -> StagedBatch:
    """The staged documents, mentions and facts of one batch of the run."""
    lake = Lake.of(settings)
    frames = {
        table: conform(_read(lake, lake.staged_batch(table, run_id, batch)), schema)
        for table, schema in STAGED_TABLES.items()
    }
    return StagedBatch(**frames)


# --- gate and load -----------------------------------------------------------------------------
def gate_batch(
    settings: Settings,
    run_id: str,
    batch: int,
    years: list[int] | None = None,
    held: HeldWriter | None = None,
) -> GatedBatch:
    """Gate one staged batch (only the reports of ``years`` when given); its quarantine is
    added to the run's. The gate's across-years checks see every batch loaded before it
    (through ``held``'s connection while the loader holds the writer)."""
    from fazhi.quality.stage import gate_staged

    staged = read_staged_batch(settings, run_id, batch)
    if years:
        staged = only_years(staged, years)
    warehouse = held.connection if held is not None else None
    gate = gate_staged(
        staged, settings, run_id, render_docs=False, warehouse=warehouse, batch_number=batch
    )
    return GatedBatch(batch, staged, gate)


def load_batch(
    settings: Settings,
    gated: GatedBatch,
    *,
    run_id: str,
    started_at: datetime,
    status: str,
    counts: dict[str, int],
    held: HeldWriter | None = None,
) -> BatchOutcome:
    """Load what the gate let through of one batch, in one transaction; what it adds to the run
    (through ``held``, the loader's writer kept across batches, when given)."""
    from fazhi.warehouse.load import load_gated_run

    require_free_space(settings, f"loading batch {gated.batch}")
    loaded = load_gated_run(
        settings,
        run_id=run_id,
        started_at=started_at,
        status=status,
        counts=counts,
        batch=gated.staged,
        gate=gated.gate,
        publish=False,  # the run's record publishes the readers' snapshot once, at its end
        held=held,
    )
    documents = gated.staged.documents
    gate = gated.gate
    return BatchOutcome(
        batch=gated.batch,
        documents=documents.height,
        failed_parse=documents.filter(pl.col("parse_status") == "failed").height,
        gated=gate.counts() if gate else {},
        reasons=gate.reasons() if gate else {},
        loaded=loaded,
        problems=parse_problems(documents),
        quarantine=gate.quarantine.select(QUARANTINE_COLUMNS) if gate else None,
        new_facts=gate.facts.select(NEW_FACT_COLUMNS).head(NEW_FACTS_SHOWN) if gate else None,
    )


# --- the order of stages across batches --------------------------------------------------------
class Pending(Protocol):
    """Work started in the background: ``result()`` waits for it and raises what it raised
    (a ``concurrent.futures.Future``, or a batch's Prefect futures)."""

    def result(self) -> object: ...


def pipelined(
    numbers: Iterable[int],
    start: Callable[[int], Pending],
    finish: Callable[[int, Sequence[Finished]], Finished],
    *,
    ahead: int = 1,
    ready: Callable[[], bool] = lambda: True,
) -> list[Finished]:
    """``finish`` every batch in order, each once its ``start`` is done, while up to ``ahead``
    batches after it are started (0: one batch after the other, the parsing workers and the
    loader's process then never resident at once, which costs time and saves memory).

    ``start`` is a batch's parse and extract, which the bounded workers do in other processes
    (the callers start them on one thread, so they run one after the other); ``finish`` is its
    gate and load, given the outcomes finished before it, in batch order (the gate's
    across-years checks read what was loaded before it), in the loader's process
    (``fazhi.loader``): the run's process only waits on it, so the thread collecting the
    workers' results does not queue behind the gate for the interpreter's lock. At most
    ``ahead + 1`` batches are in flight; what a started batch makes goes to the lake, so memory
    stays bounded by the batch size. With ``ahead`` 1 the two sides wait for each other at every
    batch, and a batch's load that runs longer than the next one's parse and extract (DuckDB's
    checkpoint varies by a second from batch to batch) leaves the parsing side idle; with 2 it
    goes on with the batch after. When a batch's ``start`` or ``finish`` fails, the batches
    already started are waited for (so that their files are whole for a resumed run), then the
    failure is raised.

    ``numbers`` may come while batches run (``fazhi.streaming.BatchFeed``, planned as the crawl
    goes on): a batch is started ahead only when ``ready()`` says its number is there, else
    the batch in hand is finished first and the next number waited for after it.
    """
    outcomes: list[Finished] = []
    remaining = iter(numbers)
    in_flight: deque[tuple[int, Pending]] = deque()
    exhausted = False

    def start_next() -> None:
        nonlocal exhausted
        number = next(remaining, None)
        if number is None:
            exhausted = True
        else:
            in_flight.append((number, start(number)))

    start_next()
    while in_flight:
        number, pending = in_flight[0]
        try:
            pending.result()  # this batch's parse and extract are done (or raise here)
            while not exhausted and len(in_flight) <= ahead and ready():
                start_next()
            outcomes.append(finish(number, tuple(outcomes)))
        except BaseException:
            for _number, started in list(in_flight)[1:]:
                with contextlib.suppress(BaseException):
                    started.result()
            raise
        in_flight.popleft()
        if not in_flight and not exhausted:
            start_next()
    return outcomes


def batches_ahead(settings: Settings) -> int:
    """How many batches ``pipelined`` parses and extracts ahead of the one it gates and loads."""
    return settings.batches_ahead if settings.overlap_batches else 0


def preparing_settings(settings: Settings) -> Settings:
    """The settings batches are parsed and extracted with. With ``overlap_batches`` the loader
    gates and loads the batch before on a core of its own meanwhile, so the parsing workers take
    one core fewer (at least one): no more processes at work than cores, and one worker fewer
    resident beside the loader's peak."""
    if not settings.overlap_batches or settings.document_workers <= 1:
        return settings
    return settings.model_copy(update={"document_workers": settings.document_workers - 1})


def prepare_batch(settings: Settings, run_id: str, batch: int) -> tuple[BatchStep, BatchStep]:
    """Parse then extract one batch (what ``pipelined`` starts ahead, without Prefect)."""
    return parse_batch(settings, run_id, batch), extract_batch(settings, run_id, batch)


def parse_problem_rows(outcome: BatchOutcome) -> list[tuple[str, str, str, str]]:
    """(source_id, url, outcome, reason) of every document of the batch that was not parsed."""
    if outcome.problems is None:
        return []
    return [(str(s), str(u), str(o), str(r)) for s, u, o, r in outcome.problems.iter_rows()]


def artifact_frames(
    outcomes: list[BatchOutcome],
) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """The run's quarantined rows and its first new facts, for the run's artifacts."""
    quarantine = [o.quarantine for o in outcomes if o.quarantine is not None]
    facts = [o.new_facts for o in outcomes if o.new_facts is not None]
    return (
        pl.concat(quarantine, how="vertical_relaxed") if quarantine else None,
        pl.concat(facts, how="vertical_relaxed").head(NEW_FACTS_SHOWN) if facts else None,
    )


def data_docs(settings: Settings, run_id: str, outcomes: list[BatchOutcome]) -> str | None:
    """Render the run's Data Docs once, after its last batch; None when nothing was gated."""
    from fazhi.quality.stage import render_data_docs

    if not any(o.gated for o in outcomes):
        return None
    index = render_data_docs(settings, run_id)
    return str(index) if index else None


# --- lake files --------------------------------------------------------------------------------
def _write(lake: Lake, path: str, frame: pl.DataFrame, row_group_size: int | None = None) -> None:
    """Write then rename: a file that exists is whole, so a resumed run may trust it."""
    lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    partial = f"{path}.partial"
    with lake.fs.open(partial, "wb") as handle:
        frame.write_parquet(handle, row_group_size=row_group_size)
    lake.fs.mv(partial, path)


def _read(lake: Lake, path: str, columns: list[str] | None = None) -> pl.DataFrame:
    with lake.fs.open(path, "rb") as handle:
        return pl.read_parquet(handle, columns=columns)


def _count(lake: Lake, path: str) -> int:
    with lake.fs.open(path, "rb") as handle:
        return int(pl.scan_parquet(handle).select(pl.len()).collect().item())


def _remember(lake: Lake, stage: str, key: str, run_id: str, batch: int) -> None:
    """Record that ``stage`` made the inputs with content ``key`` into this run's batch."""
    path = lake.reusable(stage, key)
    lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with lake.fs.open(path, "w") as handle:
        handle.write(f"{run_id} {batch}\n")


def _reused(lake: Lake, stage: str, key: str, tables: tuple[str, ...]) -> dict[str, str] | None:
    """The files of an earlier batch made from the same inputs, when all of them still exist."""
    record = lake.reusable(stage, key)
    if not lake.fs.exists(record):
        return None
    with lake.fs.open(record, "r") as handle:
        run_id, batch = handle.read().split()
    paths = {table: lake.staged_batch(table, run_id, int(batch)) for table in tables}
    return paths if all(lake.fs.exists(p) for p in paths.values()) else None
