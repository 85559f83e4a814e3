"""The run summary people read at the end of every run (terminal and Prefect artifact).

Reads the results of every stage of one run (crawl manifest, staged batch, gate, load, the
warehouse's headline table); builds one frozen :class:`RunSummary` from them with
:func:`summarise_run`, and prints it with :func:`render`. Whether the run succeeded, partly
failed or failed is decided here, from the crawl: see :func:`source_outcomes`.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import polars as pl
from rich.console import Console, Group
from rich.table import Table

from fazhi.catalog import headline_indicators, load_catalog
from fazhi.config import Settings
from fazhi.crawl.crawler import summarise_manifest
from fazhi.errors import TerminalError
from fazhi.extract.stage import StagedBatch
from fazhi.parse.stage import select_document_rows

if TYPE_CHECKING:  # the batches module imports this one; the warehouse's in the loader's process
    from fazhi.batches import BatchOutcome
    from fazhi.quality.gate import GateResult
    from fazhi.warehouse.load_summary import LoadSummary

RunStatus = Literal["succeeded", "partial", "failed"]
# what ``fazhi run`` exits with: 0 all well, 1 nothing could be crawled, 3 some sources failed
EXIT_CODES: dict[RunStatus, int] = {"succeeded": 0, "failed": 1, "partial": 3}
PROBLEM_OUTCOMES = ("blocked", "failed")
PROBLEM_LIMIT = 50
REASON_LIMIT = 3  # distinct reasons shown per source


@dataclass(frozen=True)
class CrawlOutcome:
    """What the crawl of one run found, per source and in total."""

    documents_found: int
    documents_new: int
    per_source: pl.DataFrame  # pages, reports, new, unchanged, blocked, failed per source
    sources: pl.DataFrame  # source_id, status (ok | partial | failed), reasons
    problems: pl.DataFrame  # every blocked or failed fetch, with its reason

    @property
    def status(self) -> RunStatus:
        """failed when every source failed, partial when some fetch failed, else succeeded."""
        statuses = self.sources.get_column("status")
        if statuses.len() and (statuses == "failed").all():
            return "failed"
        return "partial" if (statuses != "ok").any() else "succeeded"


@dataclass(frozen=True)
class RunSummary:
    """What one run found, gated and loaded."""

    run_id: str
    status: RunStatus = "succeeded"
    documents_found: int = 0
    documents_new: int = 0
    documents_failed_parse: int = 0
    documents_loaded: int = 0
    documents_quarantined: int = 0
    facts_loaded: int = 0
    facts_warned: int = 0
    facts_quarantined: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    per_source: pl.DataFrame | None = None
    sources: pl.DataFrame | None = None  # status and reasons per source
    problems: pl.DataFrame | None = None  # what could not be fetched or parsed, and why
    headline: pl.DataFrame | None = None
    data_docs: str | None = None
    dashboard: str | None = None

    def counts(self) -> dict[str, int]:
        """The integer counts, for the warehouse's pipeline_run row and the artifact table."""
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def status_message(self) -> str:
        """One line saying how the run ended and, when sources failed, which and why."""
        if self.sources is None or self.status == "succeeded":
            return f"run {self.run_id}: {self.documents_loaded} document(s) loaded"
        failing = self.sources.filter(pl.col("status") != "ok")
        named = "; ".join(
            f"{r['source_id']}: {r['reasons']}" for r in failing.iter_rows(named=True)
        )
        failed = f"{failing.height} of {self.sources.height} source(s) failed"
        return f"run {self.run_id}: {failed} — {named}"


class EverySourceFailed(TerminalError):
    """No source of the run could be crawled; carries the run's summary."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(summary.status_message())
        self.summary = summary

    def __reduce__(self) -> tuple[type[EverySourceFailed], tuple[RunSummary]]:
        return (EverySourceFailed, (self.summary,))


def crawl_outcome(manifest: pl.DataFrame) -> CrawlOutcome:
    """The crawl's counts, per-source table, source statuses and problems from its manifest."""
    return CrawlOutcome(
        documents_found=select_document_rows(manifest, fresh_only=False).height,
        documents_new=select_document_rows(manifest).height,
        per_source=summarise_manifest(manifest),
        sources=source_outcomes(manifest),
        problems=fetch_problems(manifest),
    )


def merged_outcomes(outcomes: Sequence[CrawlOutcome]) -> CrawlOutcome:
    """The outcome of crawls of disjoint sources together (hosts that finished one by one), as
    ``crawl_outcome`` gives it for their manifests together; sources in the order of their ids,
    which does not depend on the order the hosts finished in."""

    def together(frames: list[pl.DataFrame], by: str | None) -> pl.DataFrame:
        combined = pl.concat(frames, how="vertical_relaxed")
        return combined.sort(by, maintain_order=True) if by else combined

    return CrawlOutcome(
        documents_found=sum(o.documents_found for o in outcomes),
        documents_new=sum(o.documents_new for o in outcomes),
        per_source=together([o.per_source for o in outcomes], "source_id"),
        sources=together([o.sources for o in outcomes], "source_id"),
        problems=together([o.problems for o in outcomes], None),
    )


def relisted_outcome(rows: pl.DataFrame) -> CrawlOutcome:
    """A run that crawls nothing and takes ``rows`` from the lake again (re-extraction)."""
    empty = pl.DataFrame(schema={"source_id": pl.String(), "status": pl.String()})
    return CrawlOutcome(
        rows.height,
        rows.height,
        summarise_manifest(rows.head(0)),
        empty.with_columns(reasons=pl.lit(None, pl.String())),
        fetch_problems(rows.head(0)),
    )


def source_outcomes(manifest: pl.DataFrame) -> pl.DataFrame:
    """Per source: ``failed`` when no listing page answered and something failed, ``partial``
    when some fetch was blocked or failed, else ``ok``; with the distinct reasons why."""
    problem = pl.col("outcome").is_in(PROBLEM_OUTCOMES)
    answered = (pl.col("kind") == "listing") & ~problem
    per_source = manifest.group_by("source_id", maintain_order=True).agg(
        problems=problem.sum(),
        answered=answered.sum(),
        reasons=pl.col("reason").filter(problem).drop_nulls().unique(maintain_order=True),
    )
    status = (
        pl.when(pl.col("problems") == 0)
        .then(pl.lit("ok"))
        .when(pl.col("answered") == 0)
        .then(pl.lit("failed"))
        .otherwise(pl.lit("partial"))
    )
    return per_source.select(
        "source_id",
        status.alias("status"),
        pl.col("reasons").list.head(REASON_LIMIT).list.join("; ").alias("reasons"),
    )


def fetch_problems(manifest: pl.DataFrame) -> pl.DataFrame:
    """Every blocked or failed fetch, with its reason."""
    return manifest.filter(pl.col("outcome").is_in(PROBLEM_OUTCOMES)).select(
        "source_id", "url", "outcome", "reason"
    )


def parse_problems(documents: pl.DataFrame) -> pl.DataFrame:
    """Every document that could not be parsed, with its reason."""
    return documents.filter(pl.col("parse_status") == "failed").select(
        "source_id",
        "url",
        pl.lit("not parsed").alias("outcome"),
        pl.col("parse_error").alias("reason"),
    )


def summarise_run(
    run_id: str,
    crawl: CrawlOutcome,
    batch: StagedBatch,
    gate: GateResult | None,
    loaded: LoadSummary | None = None,
    *,
    headline: pl.DataFrame | None = None,
    dashboard: str | None = None,
) -> RunSummary:
    """The summary of a run from its stages' results (``loaded`` None: before the load)."""
    gated = gate.counts() if gate is not None else {}
    return RunSummary(
        run_id=run_id,
        status=crawl.status,
        documents_found=crawl.documents_found,
        documents_new=crawl.documents_new,
        documents_failed_parse=batch.documents.filter(pl.col("parse_status") == "failed").height,
        documents_loaded=loaded.documents_loaded if loaded else 0,
        documents_quarantined=gated.get("documents_quarantined", 0),
        facts_loaded=loaded.facts_loaded if loaded else 0,
        facts_warned=gated.get("facts_warned", 0),
        facts_quarantined=gated.get("facts_quarantined", 0),
        quarantine_reasons=gate.reasons() if gate is not None else {},
        per_source=crawl.per_source,
        sources=crawl.sources,
        problems=pl.concat(
            [crawl.problems, parse_problems(batch.documents)], how="vertical_relaxed"
        ),
        headline=headline,
        data_docs=str(gate.data_docs_index) if gate and gate.data_docs_index else None,
        dashboard=dashboard,
    )


def summarise_batches(
    run_id: str,
    crawl: CrawlOutcome,
    outcomes: Sequence[BatchOutcome],
    *,
    headline: pl.DataFrame | None = None,
    dashboard: str | None = None,
    data_docs: str | None = None,
) -> RunSummary:
    """The summary of a run that went through the stages in batches, from each batch's outcome."""
    gated: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for outcome in outcomes:
        gated.update(outcome.gated)
        reasons.update(outcome.reasons)
    parse = [o.problems for o in outcomes if o.problems is not None]
    return RunSummary(
        run_id=run_id,
        status=crawl.status,
        documents_found=crawl.documents_found,
        documents_new=crawl.documents_new,
        documents_failed_parse=sum(o.failed_parse for o in outcomes),
        documents_loaded=sum(o.loaded.documents_loaded for o in outcomes if o.loaded),
        documents_quarantined=gated.get("documents_quarantined", 0),
        facts_loaded=sum(o.loaded.facts_loaded for o in outcomes if o.loaded),
        facts_warned=gated.get("facts_warned", 0),
        facts_quarantined=gated.get("facts_quarantined", 0),
        quarantine_reasons=dict(reasons),
        per_source=crawl.per_source,
        sources=crawl.sources,
        problems=pl.concat([crawl.problems, *parse], how="vertical_relaxed"),
        headline=headline,
        data_docs=data_docs,
        dashboard=dashboard,
    )


def read_headline(settings: Settings) -> pl.DataFrame:
    """The warehouse's latest locality × year rows, one column per headline indicator of the
    catalogue (its ``headline`` column)."""
    from fazhi.warehouse.db import connect, readable_path  # at the run's end, after the loads
    from fazhi.warehouse.read import headline_table

    indicators = headline_indicators(load_catalog(settings.catalog_path))
    with contextlib.closing(connect(readable_path(settings), settings, read_only=True)) as con:
        return headline_table(con, indicators, settings.sql_dir)


def render(summary: RunSummary, console: Console | None = None) -> None:
    """Print the summary: counts, quarantine reasons, per-source crawl and a headline table."""
    console = console or Console(width=max(Console().width, 120))
    counts = Table(title=f"fazhi run {summary.run_id} — {summary.status}", show_header=False)
    counts.add_column("what")
    counts.add_column("count", justify="right")
    nothing_new = summary.documents_new == 0
    for label, value in (
        ("documents found", summary.documents_found),
        ("documents new or changed", summary.documents_new),
        ("documents that could not be parsed", summary.documents_failed_parse),
        ("documents loaded", summary.documents_loaded),
        ("documents quarantined", summary.documents_quarantined),
        ("facts loaded", summary.facts_loaded),
        ("facts loaded with a warning", summary.facts_warned),
        ("facts quarantined", summary.facts_quarantined),
    ):
        counts.add_row(label, str(value))
    parts: list[object] = [counts]
    if nothing_new:
        parts.append("Nothing new was found: the warehouse is unchanged.")
    if summary.quarantine_reasons:
        reasons = Table("quarantine reason", "rows", title="why rows were quarantined")
        for reason, n in sorted(summary.quarantine_reasons.items(), key=lambda kv: -kv[1]):
            reasons.add_row(reason, str(n))
        parts.append(reasons)
    if summary.per_source is not None and summary.per_source.height:
        parts.append(_frame_table(summary.per_source, "crawl per source"))
    if summary.problems is not None and summary.problems.height:
        shown = summary.problems.head(PROBLEM_LIMIT)
        more = summary.problems.height - shown.height
        title = "what could not be fetched or parsed" + (
            f" (first {PROBLEM_LIMIT})" if more else ""
        )
        parts.append(_frame_table(shown, title))
    if summary.headline is not None and summary.headline.height:
        parts.append(_frame_table(summary.headline, "warehouse: localities × years × indicators"))
    for label, path in (("Data Docs", summary.data_docs), ("dashboard", summary.dashboard)):
        if path:
            parts.append(f"{label}: {path}")
    console.print(Group(*parts))  # type: ignore[arg-type]


def _frame_table(frame: pl.DataFrame, title: str) -> Table:
    table = Table(*frame.columns, title=title)
    for row in frame.iter_rows():
        table.add_row(
            *("" if v is None else f"{v:g}" if isinstance(v, float) else str(v) for v in row)
        )
    return table
