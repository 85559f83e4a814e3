"""Loads: idempotent, atomic (a crash between any two statements changes nothing), supersession."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta

import duckdb
import pytest

from fazhi.config import REPO_ROOT, Settings
from fazhi.sql import read_sql, split_statements
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import load_batch, load_run, record_run
from tests.warehouse.conftest import (
    SQL_DIR,
    T0,
    document,
    fact,
    mention,
    snapshot,
    staged_run,
)

LOAD_STEPS = [  # a batch of reports new to the warehouse: nothing loaded to compare with
    "load/insert_documents",
    "load/insert_document_text",
    "load/supersede_documents",
    "search/refresh_index",
    "load/stage_new_facts",
    "load/replace_facts",
    "load/collect_affected_cells",
    "load/refresh_best_value",
    "load/refresh_wide",
    "load/stage_new_mentions",
    "load/replace_mentions",
    "load/replace_validations",
    "load/replace_quarantine",
    "load/check_batch_keys",
    "load/record_run",
]
# a batch re-extracting loaded reports: its facts and mentions compared with the loaded ones
RELOAD_STEPS = [
    step.replace("stage_new_", "stage_changed_") for step in LOAD_STEPS
]  # fmt: skip


def first_run():  # type: ignore[no-untyped-def]
    return staged_run(
        documents=[document("a"), document("b", locality_code="440882", locality_name="雷州市")],
        facts=[fact("a", "aid_cases", 10), fact("a", "lit_cases", 3), fact("b", "aid_cases", 7)],
        mentions=[mention("a", 1, 10, "aid_cases"), mention("a", 2, 99, None)],
        validations=[
            {
                "run_id": "run-1",
                "suite": "facts",
                "expectation": "values_between:value",
                "severity": "critical",
                "success": False,
                "element_count": 4,
                "unexpected_count": 1,
                "validated_at": T0,
            }
        ],
        quarantine=[
            {
                "run_id": "run-1",
                "table_name": "facts",
                "doc_id": "b",
                "indicator": "med_success_rate",
                "row_json": "{}",
                "reasons": ["values_between:value"],
                "quarantined_at": T0,
            }
        ],
    )


def re_extracted_run():  # type: ignore[no-untyped-def]
    """first_run's report "a" extracted again: one value and one mention changed."""
    return staged_run(
        "run-3",
        facts=[fact("a", "aid_cases", 11, extractor_version="2", run_id="run-3")],
        mentions=[mention("a", 1, 11, "aid_cases") | {"run_id": "run-3"}],
    )


def republished_run():  # type: ignore[no-untyped-def]
    later = T0 + timedelta(days=30)
    return staged_run(
        "run-2",
        documents=[document("a2", doc_key="key-a", fetched_at=later, run_id="run-2")],
        facts=[fact("a2", "aid_cases", 12, run_id="run-2")],
    )


def test_load_writes_every_table(con: duckdb.DuckDBPyConnection) -> None:
    summary = load_batch(con, first_run(), SQL_DIR)
    assert (
        summary.documents_loaded,
        summary.facts_loaded,
        summary.mentions_loaded,
        summary.validations_loaded,
        summary.quarantined_rows,
    ) == (2, 3, 2, 1, 1)
    counts = {name: len(rows) for name, rows in snapshot(con).items()}
    assert counts == {
        "dim_document": 2,
        "document_text": 2,
        "fact_indicator": 3,
        "fact_mention": 2,
        "best_value": 3,
        "locality_year_wide": 2,
        "gate_validation": 1,
        "gate_validation_batch": 1,
        "quarantine_row": 1,
        "pipeline_run": 1,
    }


def _validation(batch: int, success: bool, elements: int, unexpected: int) -> dict[str, object]:
    return {
        "run_id": "run-1",
        "suite": "facts",
        "expectation": "values_between:value",
        "severity": "critical",
        "success": success,
        "element_count": elements,
        "unexpected_count": unexpected,
        "validated_at": T0 + timedelta(minutes=batch),
        "batch": batch,
    }


@pytest.mark.parametrize(
    ("batches", "expected"),
    [
        ([(0, True, 4, 0)], (True, 4, 0)),
        ([(0, True, 4, 0), (1, False, 6, 2)], (False, 10, 2)),  # every batch counts
        ([(0, True, 4, 0), (1, False, 6, 2), (1, True, 6, 0)], (True, 10, 0)),  # 1 gated again
        ([(0, False, 4, 1), (0, False, 4, 1), (2, True, 5, 0)], (False, 9, 1)),  # 0 loaded twice
    ],
    ids=["one batch", "two batches", "a batch gated again", "a batch loaded twice"],
)
def test_a_runs_gate_record_sums_its_batches(
    con: duckdb.DuckDBPyConnection,
    batches: list[tuple[int, bool, int, int]],
    expected: tuple[bool, int, int],
) -> None:
    """A run gated in batches records every batch's validations, not only its last batch's."""
    for batch in batches:
        load_batch(con, staged_run(validations=[_validation(*batch)]), SQL_DIR)
    recorded = con.execute(
        "SELECT success, element_count, unexpected_count FROM gate_validation"
    ).fetchall()
    assert recorded == [expected]


@pytest.mark.parametrize(
    "run_id",
    ["run-1", "run-again"],
    ids=["the same run resumed", "a later run finding the same rows"],
)
def test_reload_of_the_same_rows_changes_nothing(
    con: duckdb.DuckDBPyConnection, run_id: str
) -> None:
    load_batch(con, first_run(), SQL_DIR)
    before = snapshot(con)
    again = first_run()
    summary = load_batch(
        con,
        staged_run(
            run_id,
            *[
                [row | {"run_id": run_id} for row in again.frames[name].to_dicts()]
                for name in (
                    "staged_documents",
                    "staged_facts",
                    "staged_mentions",
                    "staged_validations",
                    "staged_quarantine",
                )
            ],
        ),
        SQL_DIR,
    )
    assert not summary.changed_anything
    assert summary.documents_unchanged == 2
    after = snapshot(con)
    if run_id == "run-1":
        assert after == before
    else:  # only the new run's own bookkeeping is added
        for table in (
            "dim_document",
            "fact_indicator",
            "fact_mention",
            "best_value",
            "locality_year_wide",
            "document_text",
        ):
            assert after[table] == before[table], table
        assert len(after["pipeline_run"]) == 2


def test_republished_report_supersedes_and_keeps_history(con: duckdb.DuckDBPyConnection) -> None:
    load_batch(con, first_run(), SQL_DIR)
    summary = load_batch(con, republished_run(), SQL_DIR)
    assert (summary.documents_loaded, summary.documents_superseded) == (1, 1)
    versions = con.execute(
        "SELECT doc_id, is_current, superseded_by FROM dim_document "
        "WHERE doc_key = 'key-a' ORDER BY doc_id"
    ).fetchall()
    assert versions == [("a", False, "a2"), ("a2", True, None)]
    best = con.execute(
        "SELECT indicator, value, doc_id FROM mart_best_value "
        "WHERE locality_code = '440881' ORDER BY indicator"
    ).fetchall()
    # lit_cases was stated only by the superseded version: it no longer counts
    assert best == [("aid_cases", 12.0, "a2")]
    history = con.execute("SELECT count(*) FROM fact_indicator WHERE doc_id = 'a'").fetchall()
    assert history == [(2,)]


def test_re_extracted_fact_replaces_the_old_value(con: duckdb.DuckDBPyConnection) -> None:
    load_batch(con, first_run(), SQL_DIR)
    summary = load_batch(
        con,
        staged_run(
            "run-3", facts=[fact("a", "aid_cases", 11, extractor_version="2", run_id="run-3")]
        ),
        SQL_DIR,
    )
    assert summary.facts_loaded == 1
    rows = con.execute(
        "SELECT value, extractor_version FROM fact_indicator "
        "WHERE doc_id = 'a' AND indicator = 'aid_cases'"
    ).fetchall()
    assert rows == [(11.0, "2")]
    assert con.execute(
        "SELECT aid_cases FROM mart_locality_year_wide WHERE locality_code = '440881'"
    ).fetchall() == [(11.0,)]


def test_load_steps_are_the_ones_the_crash_tests_cover(con: duckdb.DuckDBPyConnection) -> None:
    seen: list[str] = []
    load_batch(con, first_run(), SQL_DIR, after_step=seen.append)
    assert seen == LOAD_STEPS
    seen.clear()
    load_batch(con, re_extracted_run(), SQL_DIR, after_step=seen.append)
    assert seen == RELOAD_STEPS


def test_new_and_re_extracted_rows_are_staged_the_same_either_way(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """The comparison with loaded rows is skipped only when it could find nothing: a batch of
    new reports stages the same rows whichever way it is staged."""
    run = first_run()
    for name, rows in (("staged_facts", run.frames["staged_facts"]),
                       ("staged_mentions", run.frames["staged_mentions"])):  # fmt: skip
        con.register(name, rows.to_arrow())
    staged = {}
    for kind in ("new", "changed"):
        for table in ("facts", "mentions"):
            for statement in split_statements(read_sql(f"load/stage_{kind}_{table}", SQL_DIR)):
                con.execute(statement)
            staged[kind, table] = sorted(con.execute(f"SELECT * FROM changed_{table}").fetchall())
            con.execute(f"DROP TABLE changed_{table}")
    assert staged["new", "facts"] == staged["changed", "facts"]
    assert staged["new", "mentions"] == staged["changed", "mentions"]
    assert len(staged["new", "facts"]) == 3 and len(staged["new", "mentions"]) == 2


class InjectedCrash(Exception):
    pass


@pytest.mark.parametrize(
    ("next_run", "crash_after"),
    [(republished_run, step) for step in LOAD_STEPS]
    + [(re_extracted_run, step) for step in RELOAD_STEPS if "stage_changed" in step],
    ids=[f"new-{s.split('/')[1]}" for s in LOAD_STEPS]
    + [f"reload-{s.split('/')[1]}" for s in RELOAD_STEPS if "stage_changed" in s],
)
def test_crash_between_statements_leaves_the_warehouse_unchanged(
    con: duckdb.DuckDBPyConnection, next_run: Callable[[], object], crash_after: str
) -> None:
    load_batch(con, first_run(), SQL_DIR)
    before = snapshot(con)

    def crash(step: str) -> None:
        if step == crash_after:
            raise InjectedCrash(step)

    with pytest.raises(InjectedCrash):
        load_batch(con, next_run(), SQL_DIR, after_step=crash)  # type: ignore[arg-type]
    assert snapshot(con) == before


CRASHING_LOADER = """
import os, sys
from fazhi.config import load_settings
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import load_batch
from tests.warehouse.test_load import republished_run
settings = load_settings(data_dir=sys.argv[1])
def die(step):
    if step == sys.argv[2]:
        os._exit(17)  # no rollback, no close: the process is simply gone
with writer(settings) as con:
    load_batch(con, republished_run(), settings.sql_dir, after_step=die)
"""


@pytest.mark.parametrize(
    "crash_after",
    ["load/replace_facts", "load/record_run"],
    ids=["killed mid-load", "killed just before commit"],
)
def test_killed_loader_process_leaves_the_warehouse_unchanged(
    settings: Settings, crash_after: str
) -> None:
    with writer(settings) as con:
        load_batch(con, first_run(), SQL_DIR)
        before = snapshot(con)
    env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_LOADER, str(settings.data_dir), crash_after],
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 17
    with writer(settings) as con:
        assert snapshot(con) == before


def test_load_run_and_record_run_take_the_lock_and_record(settings: Settings) -> None:
    run = first_run()
    summary = load_run(
        settings,
        run_id="run-1",
        started_at=T0,
        status="succeeded",
        counts={"fetched": 2},
        documents=run.frames["staged_documents"],
        facts=run.frames["staged_facts"],
        mentions=run.frames["staged_mentions"],
        validations=run.frames["staged_validations"],
        quarantine=run.frames["staged_quarantine"],
    )
    assert summary.facts_loaded == 3
    nothing = record_run(
        settings, run_id="run-2", started_at=T0, status="nothing_new", counts={"fetched": 0}
    )
    assert not nothing.changed_anything
    with writer(settings) as con:
        rows = con.execute(
            "SELECT run_id, status, counts['fetched'], facts_loaded "
            "FROM pipeline_run ORDER BY run_id"
        ).fetchall()
    assert rows == [("run-1", "succeeded", 2, 3), ("run-2", "nothing_new", 0, 0)]


@pytest.mark.parametrize(
    ("staged_code", "staged_name", "expected"),
    [
        ("440881", "廉江市", "440881"),
        ("330104", "江干区", "330102"),
        (None, "襄樊市", "420600"),
        ("370282", "即墨市", "370215"),
        ("320684", "海门市", "320614"),
        ("320614", "海门区", "320614"),
    ],
    ids=[
        "a current code is kept",
        "a district merged in 2021 maps to its successor",
        "a renamed prefecture without a code maps to today's code",
        "a city of the dated table made a district maps to the district",
        "a city the dictionary kept under its former code maps to today's",
        "that district's code of today is kept",
    ],
)
def test_document_locality_is_resolved_to_a_current_division(
    con: duckdb.DuckDBPyConnection, staged_code: str | None, staged_name: str, expected: str
) -> None:
    load_batch(
        con,
        staged_run(
            documents=[
                document("x", locality_code=staged_code, locality_name=staged_name, province=None)
            ]
        ),
        SQL_DIR,
    )
    assert con.execute(
        "SELECT locality_code, locality_code_reported FROM dim_document"
    ).fetchall() == [(expected, staged_code)]


@pytest.mark.parametrize(
    ("township", "reason"),
    [
        ("河头镇", "a township report keeps its township beside the county's code"),
        (None, "a county's own report has none"),
    ],
    ids=["township report", "county report"],
)
def test_document_township_is_loaded_beside_the_county(
    con: duckdb.DuckDBPyConnection, township: str | None, reason: str
) -> None:
    load_batch(con, staged_run(documents=[document("t", township=township)]), SQL_DIR)
    row = con.execute("SELECT locality_code, township FROM dim_document").fetchone()
    assert row == ("440881", township), reason
