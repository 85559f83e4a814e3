"""The run summary people read at the end of every run (terminal and Prefect artifact)."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
from rich.console import Console, Group
from rich.table import Table

from fazhi.crawl.crawler import summarise_manifest


@dataclass
class RunSummary:
    """What one run found, gated and loaded."""

    run_id: str
    status: str = "running"
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
    problems: pl.DataFrame | None = None  # what could not be fetched or parsed, and why
    headline: pl.DataFrame | None = None
    data_docs: str | None = None
    dashboard: str | None = None

    def counts(self) -> dict[str, int]:
        """The integer counts, for the warehouse's pipeline_run row and the artifact table."""
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}


def count_found(manifest: pl.DataFrame) -> tuple[int, int]:
    """Reports seen on the listings, and how many of them are new or changed."""
    from fazhi.parse.stage import select_document_rows

    found = select_document_rows(manifest, fresh_only=False).height
    return found, select_document_rows(manifest).height


PROBLEM_LIMIT = 50


def fetch_problems(manifest: pl.DataFrame) -> pl.DataFrame:
    """Every blocked or failed fetch, with its reason."""
    return manifest.filter(pl.col("outcome").is_in(["blocked", "failed"])).select(
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


def per_source_table(manifest: pl.DataFrame) -> pl.DataFrame:
    """Per-source crawl counts (pages, reports, new, unchanged, blocked, failed)."""
    return summarise_manifest(manifest)


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
