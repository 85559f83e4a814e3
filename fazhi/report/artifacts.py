"""The content of a run's Prefect artifacts: tables and links, built from the run's results.

Reads the run summary and the gate's result; returns plain rows and Markdown. Publishing them is
the Prefect layer's job (``flows/``), so this module never imports Prefect.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from fazhi.report.summary import RunSummary

NEW_FACTS_SHOWN = 500
# quarantined rows listed in the run's artifact; all of them are counted by reason beside it and
# kept in the lake (lake/quarantine/run_id=…). Every row of a 10,000-report run (12,419) made a
# 2 MB artifact whose event Prefect's server refused to publish
QUARANTINE_SHOWN = 500
# the columns the artifacts show: all a run keeps of each batch's quarantine and new facts until
# its end (the whole rows, with row_json and sentences, grew the run's process ~0.5 MB a batch)
QUARANTINE_COLUMNS = ("table_name", "doc_id", "indicator", "reasons")
NEW_FACT_COLUMNS = ("doc_id", "indicator", "value", "unit", "qualifier", "text")


@dataclass(frozen=True)
class TableArtifact:
    """A table artifact: a key that stays the same across runs, its rows and a caption."""

    key: str
    rows: list[dict[str, object]]
    description: str


@dataclass(frozen=True)
class MarkdownArtifact:
    """A Markdown artifact: a key that stays the same across runs, its text and a caption."""

    key: str
    markdown: str
    description: str


Artifact = TableArtifact | MarkdownArtifact


def run_artifacts(
    summary: RunSummary, quarantine: pl.DataFrame | None, new_facts: pl.DataFrame | None
) -> list[Artifact]:
    """Every artifact of a run: counts, crawl per source, quarantine, new facts, links.

    ``quarantine`` is every row the gate refused, ``new_facts`` the facts it let through (at
    least the first :data:`NEW_FACTS_SHOWN`)."""
    found = [
        _counts(summary),
        _per_source(summary),
        _sources(summary),
        _quarantine_reasons(quarantine),
        _quarantine(quarantine),
        _new_facts(new_facts),
        _links(summary),
    ]
    return [artifact for artifact in found if artifact is not None]


def _counts(summary: RunSummary) -> TableArtifact:
    rows: list[dict[str, object]] = [
        {"what": k.replace("_", " "), "count": v} for k, v in summary.counts().items()
    ]
    return TableArtifact("fazhi-run-counts", rows, f"Counts of run {summary.run_id}")


def _per_source(summary: RunSummary) -> TableArtifact | None:
    if summary.per_source is None or not summary.per_source.height:
        return None
    return TableArtifact(
        "fazhi-crawl-per-source", summary.per_source.to_dicts(), "Crawl counts per source"
    )


def _sources(summary: RunSummary) -> TableArtifact | None:
    if summary.sources is None or not summary.sources.height:
        return None
    rows = summary.sources.to_dicts()
    return TableArtifact("fazhi-sources", rows, "Each source's outcome, with the reasons it failed")


def _quarantine_reasons(quarantine: pl.DataFrame | None) -> TableArtifact | None:
    if quarantine is None or not quarantine.height:
        return None
    rows = (
        quarantine.select("table_name", "reasons")
        .explode("reasons")
        .group_by("table_name", pl.col("reasons").alias("reason"))
        .len("rows")
        .sort(["rows", "table_name", "reason"], descending=[True, False, False])
        .to_dicts()
    )
    description = f"Rows quarantined by the gate ({quarantine.height}), counted by reason"
    return TableArtifact("fazhi-quarantine-reasons", rows, description)


def _quarantine(quarantine: pl.DataFrame | None) -> TableArtifact | None:
    if quarantine is None or not quarantine.height:
        return None
    rows = (
        quarantine.select(*QUARANTINE_COLUMNS)
        .with_columns(pl.col("reasons").list.join("; "))
        .head(QUARANTINE_SHOWN)
        .to_dicts()
    )
    shown = (
        f"the first {len(rows)} of {quarantine.height}" if len(rows) < quarantine.height else "all"
    )
    description = (
        f"Rows quarantined by the gate, with reasons ({shown}; every row is in the lake's "
        "quarantine/, and `fazhi quarantine` lists them)"
    )
    return TableArtifact("fazhi-quarantine", rows, description)


def _new_facts(facts: pl.DataFrame | None) -> TableArtifact | None:
    if facts is None or not facts.height:
        return None
    rows = facts.select(*NEW_FACT_COLUMNS).head(NEW_FACTS_SHOWN).to_dicts()
    description = f"Facts loaded by this run (first {NEW_FACTS_SHOWN})"
    return TableArtifact("fazhi-new-facts", rows, description)


def _links(summary: RunSummary) -> MarkdownArtifact | None:
    links = [
        f"- {label}: `{path}`"
        for label, path in (
            ("Great Expectations Data Docs", summary.data_docs),
            ("Data-quality dashboard", summary.dashboard),
        )
        if path
    ]
    if not links:
        return None
    return MarkdownArtifact("fazhi-links", "\n".join(links), "Where to look at this run")
