"""The quality gate: every staged batch goes through Great Expectations before it loads.

Reads the staged DOCUMENTS and FACTS of one run (parse failures excluded: they are recorded by
the parse stage), the catalogue, the division dictionary and, optionally, the values already in
the warehouse. Returns the rows that may load (warned rows carry their flags), the quarantined
rows with the reasons they failed, and one VALIDATIONS row per expectation evaluated; renders
Data Docs under ``settings.data_docs_dir``. Writes nothing else: persisting the quarantine is
``fazhi.quality.quarantine``'s job.

Order: documents and facts suites first; a critical document failure quarantines that
document's facts; the consistency suite then runs on the surviving facts, and the across-years
suite (warnings) on what survives that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from fazhi.catalog import Indicator, load_catalog
from fazhi.config import Settings
from fazhi.localities import known_codes
from fazhi.quality.frames import (
    across_years_for_validation,
    consistency_for_validation,
    documents_for_validation,
    facts_for_validation,
)
from fazhi.quality.suites import load_suites
from fazhi.quality.validate import ROW_ID, Outcome, SuiteRunner, suite_runner
from fazhi.schemas import DOCUMENTS, FACTS, QUARANTINE, VALIDATIONS, conform

DOCUMENT_QUARANTINED = "document quarantined: "


@dataclass(frozen=True)
class GateResult:
    """What the gate let through, what it refused and what it checked."""

    documents: pl.DataFrame
    facts: pl.DataFrame
    quarantine: pl.DataFrame
    validations: pl.DataFrame
    data_docs_index: Path | None

    def counts(self) -> dict[str, int]:
        """Rows passed, warned and quarantined, for the run summary."""
        quarantined = self.quarantine.get_column("table_name")
        return {
            "documents_passed": self.documents.height,
            "documents_quarantined": int((quarantined == "documents").sum()),
            "facts_passed": self.facts.height,
            "facts_warned": int((self.facts.get_column("flags").list.len() > 0).sum()),
            "facts_quarantined": int((quarantined == "facts").sum()),
        }

    def reasons(self) -> dict[str, int]:
        """How many quarantined rows each reason accounts for, most frequent first."""
        exploded = self.quarantine.select(pl.col("reasons").explode()).drop_nulls()
        counted = (
            exploded.group_by("reasons").len().sort(["len", "reasons"], descending=[True, False])
        )
        return dict(zip(counted["reasons"].to_list(), counted["len"].to_list(), strict=True))


@dataclass
class _Verdicts:
    """Reasons (critical) and flags (warning) collected per ``row_id`` of one table."""

    reasons: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    flags: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def record(self, outcome: Outcome, row_ids: Iterable[int]) -> None:
        target = self.reasons if outcome.spec.severity == "critical" else self.flags
        value = outcome.spec.reason if outcome.spec.severity == "critical" else outcome.spec.name
        for row_id in row_ids:
            target[row_id].append(value)

    def refused(self) -> set[int]:
        return set(self.reasons)


def run_gate(
    documents: pl.DataFrame,
    facts: pl.DataFrame,
    *,
    settings: Settings,
    run_id: str,
    prior_values: pl.DataFrame | None = None,
    build_docs: bool = True,
    render_docs: bool = True,
    batch: int = 0,
) -> GateResult:
    """Validate one run's staged documents and facts; split them into loadable and quarantined.

    With ``build_docs`` the results join the GX project's kept history; ``render_docs`` renders
    Data Docs now (a run gated in batches renders them once, after its last batch)."""
    suites = load_suites(settings.expectations_dir)
    catalog = load_catalog(settings.catalog_path)
    docs, facts_ = _gated_rows(documents, facts)
    # a gate that renders Data Docs is a pipeline run: its results join the kept history
    runner = (
        suite_runner(settings.data_docs_dir, project_root=settings.data_dir)
        if build_docs
        else SuiteRunner(None)
    )
    parameters = gate_parameters(catalog)
    outcomes: list[Outcome] = []

    def validate(suite: str, frame: pl.DataFrame) -> list[Outcome]:
        # only the values the suite refers to: GX copies every parameter into each
        # expectation's configuration, many times per run (3,000 division codes each time)
        wanted = suites[suite].parameter_names
        found = runner.validate(
            suites[suite], frame, {k: v for k, v in parameters.items() if k in wanted}, run_id
        )
        outcomes.extend(found)
        return found

    doc_verdicts, fact_verdicts = _Verdicts(), _Verdicts()
    for outcome in validate("documents", documents_for_validation(docs, facts_)):
        doc_verdicts.record(outcome, outcome.failing_row_ids)
    for outcome in validate("facts", facts_for_validation(facts_, docs, catalog)):
        fact_verdicts.record(outcome, outcome.failing_row_ids)
    _cascade_documents(docs, facts_, doc_verdicts, fact_verdicts)

    survivors = _without(facts_, fact_verdicts.refused())
    wide = consistency_for_validation(survivors, suites["consistency"], catalog)
    for outcome in validate("consistency", wide):
        fact_verdicts.record(outcome, _consistency_rows(outcome, survivors, wide))

    survivors = _without(survivors, fact_verdicts.refused())
    passing_docs = _without(docs, doc_verdicts.refused())
    for outcome in validate(
        "across_years", across_years_for_validation(survivors, passing_docs, prior_values)
    ):
        fact_verdicts.record(outcome, outcome.failing_row_ids)

    now = datetime.now(UTC)
    return GateResult(
        documents=_passed(docs, doc_verdicts, DOCUMENTS),
        facts=_passed(facts_, fact_verdicts, FACTS),
        quarantine=pl.concat(
            [
                _quarantined(docs, doc_verdicts, "documents", run_id, now),
                _quarantined(facts_, fact_verdicts, "facts", run_id, now),
            ]
        ),
        validations=validations_frame(outcomes, run_id, now, batch),
        data_docs_index=runner.build_docs(run_id) if render_docs else None,
    )


def gate_parameters(catalog: Mapping[str, Indicator]) -> dict[str, Any]:
    """Values the suites refer to with ``$PARAMETER``: reference sets and the current year."""
    return {
        "division_codes": sorted(known_codes()),
        "indicator_codes": list(catalog),
        "current_year": date.today().year,
    }


def validations_frame(
    outcomes: list[Outcome], run_id: str, at: datetime, batch: int = 0
) -> pl.DataFrame:
    """One VALIDATIONS row per expectation evaluated in ``batch`` of the run."""
    rows = [
        {
            "run_id": run_id,
            "suite": o.spec.suite,
            "expectation": o.spec.label,
            "severity": o.spec.severity,
            "success": o.success,
            "element_count": o.element_count,
            "unexpected_count": o.unexpected_count,
            "validated_at": at,
            "batch": batch,
        }
        for o in outcomes
    ]
    return pl.DataFrame(rows, schema=VALIDATIONS)


def _gated_rows(documents: pl.DataFrame, facts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Conformed rows with a ``row_id``, parse failures (and any facts of theirs) left out."""
    docs = conform(documents, DOCUMENTS)
    failed = docs.filter(pl.col("parse_status") == "failed").get_column("doc_id").unique()
    docs = docs.filter(pl.col("parse_status").fill_null("ok") != "failed")
    facts_ = conform(facts, FACTS).filter(~pl.col("doc_id").is_in(failed.implode()))
    return docs.with_row_index(ROW_ID), facts_.with_row_index(ROW_ID)


def _cascade_documents(
    docs: pl.DataFrame, facts: pl.DataFrame, doc_verdicts: _Verdicts, fact_verdicts: _Verdicts
) -> None:
    """Quarantine the facts of every refused document, unless a copy of it passed."""
    doc_ids = docs.get_column("doc_id").to_list()
    passed = {doc_ids[r] for r in range(len(doc_ids)) if r not in doc_verdicts.reasons}
    refused = {
        doc_ids[r]: DOCUMENT_QUARANTINED + "; ".join(reasons)
        for r, reasons in sorted(doc_verdicts.reasons.items())
        if doc_ids[r] not in passed
    }
    hits = facts.filter(pl.col("doc_id").is_in(list(refused))).select(ROW_ID, "doc_id")
    for row_id, doc_id in hits.iter_rows():
        fact_verdicts.reasons[row_id].append(refused[doc_id])


def _consistency_rows(outcome: Outcome, facts: pl.DataFrame, wide: pl.DataFrame) -> list[int]:
    """Fact rows a failed consistency check points at: its indicators in the failing documents
    (``wide`` is the consistency frame the check ran on)."""
    if not outcome.failing_row_ids:
        return []
    failing_docs = wide.filter(pl.col(ROW_ID).is_in(list(outcome.failing_row_ids)))["doc_id"]
    hits = facts.filter(
        pl.col("doc_id").is_in(failing_docs.implode())
        & pl.col("indicator").is_in(list(outcome.spec.quarantines))
    )
    return hits.get_column(ROW_ID).to_list()


def _without(frame: pl.DataFrame, row_ids: set[int]) -> pl.DataFrame:
    return frame.filter(~pl.col(ROW_ID).is_in(sorted(row_ids)))


def _verdict_frame(verdicts: dict[int, list[str]], column: str) -> pl.DataFrame:
    return pl.DataFrame(
        {ROW_ID: list(verdicts), column: [list(dict.fromkeys(v)) for v in verdicts.values()]},
        schema={ROW_ID: pl.UInt32(), column: pl.List(pl.String())},
    )


def _passed(
    frame: pl.DataFrame, verdicts: _Verdicts, schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    """Rows without a critical failure, their warning names appended to ``flags``."""
    kept = _without(frame, verdicts.refused()).join(
        _verdict_frame(verdicts.flags, "new_flags"), on=ROW_ID, how="left"
    )
    merged = pl.concat_list(
        pl.col("flags").fill_null([]), pl.col("new_flags").fill_null([])
    ).list.unique(maintain_order=True)
    return conform(kept.sort(ROW_ID).with_columns(merged.alias("flags")), schema)


def _quarantined(
    frame: pl.DataFrame, verdicts: _Verdicts, table: str, run_id: str, at: datetime
) -> pl.DataFrame:
    """QUARANTINE rows for the refused rows of ``frame``; documents lose their (long) text."""
    refused = frame.join(_verdict_frame(verdicts.reasons, "reasons"), on=ROW_ID, how="inner")
    refused = refused.sort(ROW_ID)
    payload = refused.drop(ROW_ID, "reasons", *(["text"] if table == "documents" else []))
    return conform(
        refused.select(
            pl.lit(run_id).alias("run_id"),
            pl.lit(table).alias("table_name"),
            "doc_id",
            (pl.col("indicator") if "indicator" in refused.columns else pl.lit(None, pl.String())),
            payload.select(pl.struct(pl.all()).struct.json_encode()).to_series().alias("row_json"),
            "reasons",
            pl.lit(at, dtype=pl.Datetime("us", "UTC")).alias("quarantined_at"),
        ),
        QUARANTINE,
    )
