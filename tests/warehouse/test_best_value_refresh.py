"""A load writes only the best values that change: the other rows of the cells it touches keep
their storage (same rowid, same row), a row whose winner keeps winning has only its count of
candidates updated, and the result is what rebuilding every cell gives."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import duckdb
import pytest

from fazhi.sql import read_sql, split_statements
from fazhi.warehouse.load import StagedRun, load_batch
from tests.warehouse.conftest import SQL_DIR, T0, document, fact, staged_run

LATER = T0 + timedelta(days=1)
CELL_B = {"locality_code": "440882", "locality_name": "雷州市"}
Key = tuple[str, int, str]


def first_run() -> StagedRun:
    """Cell 440881/2023: an annual report stating two indicators and a work summary stating
    one; cell 440882/2023: one report."""
    return staged_run(
        documents=[
            document("a"),
            document("s", doc_type="work_summary"),
            document("b", **CELL_B),
        ],
        facts=[
            fact("a", "aid_cases", 10),
            fact("a", "lit_cases", 3),
            fact("s", "aid_cases", 11),
            fact("b", "aid_cases", 7),
        ],
    )


AID_A: Key = ("440881", 2023, "aid_cases")
LIT_A: Key = ("440881", 2023, "lit_cases")
AID_B: Key = ("440882", 2023, "aid_cases")


def _best(con: duckdb.DuckDBPyConnection) -> dict[Key, tuple[int, tuple[Any, ...]]]:
    rows = con.execute("SELECT rowid, * FROM best_value").fetchall()
    return {(r[1], r[2], r[3]): (r[0], r[1:]) for r in rows}


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (
            first_run(),
            {AID_A: ("kept", "a", 10, 2), LIT_A: ("kept", "a", 3, 1), AID_B: ("kept", "b", 7, 1)},
        ),
        (
            staged_run(
                "run-2",
                documents=[document("s2", doc_type="work_summary")],
                facts=[fact("s2", "aid_cases", 12)],
            ),
            {
                AID_A: ("updated", "a", 10, 3),
                LIT_A: ("kept", "a", 3, 1),
                AID_B: ("kept", "b", 7, 1),
            },
        ),
        (
            staged_run(
                "run-2",
                documents=[document("a2", fetched_at=LATER)],
                facts=[fact("a2", "aid_cases", 13)],
            ),
            {
                AID_A: ("rewritten", "a2", 13, 3),
                LIT_A: ("kept", "a", 3, 1),
                AID_B: ("kept", "b", 7, 1),
            },
        ),
        (
            staged_run(
                "run-2",
                documents=[document("a")],
                facts=[
                    fact("a", "aid_cases", 10, sentence="全年共办理10件。"),
                    fact("a", "lit_cases", 3),
                ],
            ),
            {
                AID_A: ("rewritten", "a", 10, 2),
                LIT_A: ("kept", "a", 3, 1),
                AID_B: ("kept", "b", 7, 1),
            },
        ),
        (
            staged_run("run-2", documents=[document("a-v2", doc_key="key-a", fetched_at=LATER)]),
            {AID_A: ("rewritten", "s", 11, 1), LIT_A: ("gone",), AID_B: ("kept", "b", 7, 1)},
        ),
    ],
    ids=[
        "the same batch again changes no row",
        "a new work summary adds a candidate: only the count of the winning row is updated",
        "a later annual report wins one indicator: only that row is written anew",
        "a re-extracted sentence of a winning fact: only that row is written anew",
        "a re-published version without facts: the older work summary's fact wins again, "
        "the indicator no current version states goes",
    ],
)
def test_a_load_writes_only_the_best_values_that_change(
    con: duckdb.DuckDBPyConnection, second: StagedRun, expected: dict[Key, tuple[Any, ...]]
) -> None:
    load_batch(con, first_run(), SQL_DIR)
    before = _best(con)
    load_batch(con, second, SQL_DIR)
    after = _best(con)

    assert set(after) == {key for key, outcome in expected.items() if outcome[0] != "gone"}
    for key, (outcome, *winner) in ((k, v) for k, v in expected.items() if v[0] != "gone"):
        rowid, row = after[key]
        old_rowid, old_row = before[key]
        assert (row[3], row[4], row[10]) == tuple(winner), key  # doc_id, value, candidates
        if outcome == "kept":
            assert (rowid, row) == (old_rowid, old_row), f"{key} was rewritten"
        elif outcome == "updated":
            assert rowid == old_rowid, f"{key} was deleted and inserted, not updated"
            assert row[:10] == old_row[:10] and row[11:] == old_row[11:]
        else:
            assert rowid != old_rowid, f"{key} should be a new row"

    # the rows are those a rebuild of every cell writes
    refreshed = sorted(row for _rowid, row in after.values())
    for script in ("load/collect_all_cells", "load/refresh_best_value"):
        for statement in split_statements(read_sql(script, SQL_DIR)):
            con.execute(statement)
    assert sorted(row for _rowid, row in _best(con).values()) == refreshed
