"""The run's Prefect artifacts stay small whatever the run's size: the quarantine is counted by
reason in full and listed only up to QUARANTINE_SHOWN rows (a 2 MB table artifact was refused by
Prefect's event publisher at 10,000 reports)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from fazhi.report.artifacts import QUARANTINE_SHOWN, TableArtifact, run_artifacts
from fazhi.report.summary import RunSummary


def quarantine(rows: int) -> pl.DataFrame:
    reasons = [["value_out_of_range"], ["unknown_indicator", "value_out_of_range"], ["no_year"]]
    return pl.DataFrame(
        {
            "table_name": ["facts" if n % 3 else "documents" for n in range(rows)],
            "doc_id": [f"doc-{n:06d}" for n in range(rows)],
            "indicator": [None if n % 3 == 0 else "aid_cases" for n in range(rows)],
            "reasons": [reasons[n % 3] for n in range(rows)],
        }
    )


def tables(rows: int) -> dict[str, TableArtifact]:
    found = run_artifacts(RunSummary("run-1"), quarantine(rows), None)
    return {a.key: a for a in found if isinstance(a, TableArtifact)}


@pytest.mark.parametrize(
    ("rows", "listed", "says"),
    [
        (3, 3, "(all;"),
        (QUARANTINE_SHOWN, QUARANTINE_SHOWN, "(all;"),
        (QUARANTINE_SHOWN + 1, QUARANTINE_SHOWN, f"first {QUARANTINE_SHOWN} of 501"),
        (20_000, QUARANTINE_SHOWN, f"first {QUARANTINE_SHOWN} of 20000"),
    ],
)
def test_the_quarantine_table_lists_at_most_its_cap_and_says_so(
    rows: int, listed: int, says: str
) -> None:
    table = tables(rows)["fazhi-quarantine"]
    assert len(table.rows) == listed
    assert says in table.description
    assert table.rows[0] == {
        "table_name": "documents",
        "doc_id": "doc-000000",
        "indicator": None,
        "reasons": "value_out_of_range",
    }


def test_every_quarantined_row_is_counted_by_table_and_reason() -> None:
    reasons = tables(20_000)["fazhi-quarantine-reasons"]
    counted = {(r["table_name"], r["reason"]): r["rows"] for r in reasons.rows}
    assert counted == {
        ("documents", "value_out_of_range"): 6667,
        ("facts", "unknown_indicator"): 6667,
        ("facts", "value_out_of_range"): 6667,
        ("facts", "no_year"): 6666,
    }
    assert "(20000)" in reasons.description


def test_a_large_run_s_artifacts_stay_far_below_prefect_s_event_limit() -> None:
    size = sum(len(json.dumps(a.rows, ensure_ascii=False)) for a in tables(100_000).values())
    assert size < 200_000  # 12,419 rows made an event of 2.2 MB, which Prefect refused


def test_no_quarantine_no_quarantine_artifacts() -> None:
    found = {a.key for a in run_artifacts(RunSummary("run-1"), None, None)}
    assert not found & {"fazhi-quarantine", "fazhi-quarantine-reasons"}
