"""One row per key without PRIMARY KEYs: migrations 006 and 007 keep every row, loads keep one
row per key, and the batch check and ``fazhi check`` name a table holding a key twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings, load_settings
from fazhi.errors import DuplicateKeyError
from fazhi.warehouse.db import writer
from fazhi.warehouse.integrity import duplicate_keys
from fazhi.warehouse.load import StagedRun, load_batch
from fazhi.warehouse.migrate import migrate
from tests.warehouse.conftest import SQL_DIR, document, fact, mention, snapshot, staged_run

UNKEYED = ["006_unkeyed_document_tables", "007_unkeyed_dim_document"]
# table → its key, as declared before migrations 006 and 007 and kept by the load since
KEYS = {
    "fact_indicator": "doc_id, indicator",
    "best_value": "locality_code, report_year, indicator",
    "document_text": "doc_id",
    "dim_document": "doc_id",
}
KEPT_KEYS = {"dim_locality", "dim_indicator", "dim_year", "pipeline_run"}
KEPT_KEYS |= {"fact_mention", "gate_validation"}
# A few rows in every table 006 and 007 copy (and in fact_mention, which they leave alone), as
# loads wrote them before them.
ROWS_AT_005 = """
INSERT INTO dim_document (doc_id, doc_key, report_year, locality_code, is_current, run_id, loaded_at)
VALUES ('a', 'key-a', 2023, '440881', true, 'run-0', '2025-01-10 08:00:00+00'),
       ('b', 'key-b', 2023, '440882', true, 'run-0', '2025-01-10 08:00:00+00');
INSERT INTO document_text VALUES ('a', '法治政府'), ('b', '行政复议');
INSERT INTO fact_indicator VALUES
    ('a', 'aid_cases', '440881', 2023, 10, '件', 'exact', '10件', 1, 4, '共10件。', 'r', '1',
     ['x'], 'run-0'),
    ('b', 'aid_cases', '440882', 2023, 7, '件', 'approx', '约7件', 2, 5, '约7件。', 'r', '1',
     [], 'run-0');
INSERT INTO fact_mention VALUES
    ('a', 1, 10, '件', 'exact', '10件', 1, 4, '共10件。', '一、', 'aid_cases', 'run-0'),
    ('a', 2, NULL, NULL, NULL, '若干', 5, 7, '若干。', NULL, NULL, 'run-0');
INSERT INTO best_value VALUES
    ('440881', 2023, 'aid_cases', 'a', 10, '件', 'exact', '10件', '共10件。', ['x'], 1, '440000',
     'county');
"""


def first_run() -> StagedRun:
    return staged_run(
        documents=[document("a"), document("b", locality_code="440882", locality_name="雷州市")],
        facts=[fact("a", "aid_cases", 10), fact("a", "lit_cases", 3), fact("b", "aid_cases", 7)],
        mentions=[mention("a", 1, 10, "aid_cases"), mention("a", 2, 99, None)],
    )


def _keyed_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    return {r[0] for r in rows}


def _max_rows_per_key(con: duckdb.DuckDBPyConnection, table: str) -> int:
    # table and key are constants of this module
    sql = f"SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM {table} GROUP BY {KEYS[table]})"
    return int(con.execute(sql).fetchall()[0][0])


@pytest.fixture(scope="module")
def warehouse_at_005(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse migrated to 005 (the SQL folder without 006 and 007) holding rows in each
    table."""
    root = tmp_path_factory.mktemp("at005")
    old_sql = root / "sql"
    shutil.copytree(SQL_DIR, old_sql)
    for name in UNKEYED:
        (old_sql / "migrations" / f"{name}.sql").unlink()
    settings = load_settings(data_dir=root / "data", sql_dir=old_sql)
    settings.data_dir.mkdir()
    with duckdb.connect(str(settings.duckdb_path)) as con:
        migrate(con, settings)
        for statement in ROWS_AT_005.split(";\n"):
            if statement.strip():
                con.execute(statement)
    return settings.duckdb_path


@pytest.fixture
def old_settings(tmp_path: Path, warehouse_at_005: Path) -> Settings:
    shutil.copy(warehouse_at_005, tmp_path / "fazhi.duckdb")
    return load_settings(data_dir=tmp_path, lock_timeout_s=2.0)


def test_migrations_006_and_007_keep_every_row_and_drop_only_the_large_tables_keys(
    old_settings: Settings,
) -> None:
    with duckdb.connect(str(old_settings.duckdb_path)) as con:
        assert set(KEYS) <= _keyed_tables(con), "the warehouse at 005 has the keys to drop"
        tables = [*KEYS, "fact_mention"]
        before = {t: con.table(t).order("ALL").fetchall() for t in tables}
        assert migrate(con, old_settings) == UNKEYED
        after = {t: con.table(t).order("ALL").fetchall() for t in tables}
        keyed = _keyed_tables(con)
        best = con.execute("SELECT doc_id, value FROM mart_best_value").fetchall()
    assert after == before
    assert all(before[t] for t in KEYS), "every copied table had rows to keep"
    assert not keyed & set(KEYS)
    assert keyed >= KEPT_KEYS
    assert best == [("a", 10.0)], "the marts read the copied best_value"


def test_a_migrated_warehouse_loads_on_and_a_reload_keeps_one_row_per_key(
    old_settings: Settings,
) -> None:
    with writer(old_settings) as con:
        load_batch(con, first_run(), SQL_DIR)
        load_batch(con, first_run(), SQL_DIR)
        assert {t: _max_rows_per_key(con, t) for t in KEYS} == dict.fromkeys(KEYS, 1)
        assert duplicate_keys(con, SQL_DIR) == []


@pytest.mark.parametrize(
    "batches",
    [
        [first_run(), first_run()],
        [
            first_run(),
            staged_run(
                "run-2",
                documents=[document("a", run_id="run-2")],
                facts=[fact("a", "aid_cases", 11, run_id="run-2")],
                mentions=[{**mention("a", 1, 11, "aid_cases"), "run_id": "run-2"}],
            ),
        ],
        [
            staged_run(
                documents=[document("a"), document("a")],
                facts=[fact("a", "aid_cases", 10), fact("a", "aid_cases", 10, run_id="run-0")],
                mentions=[mention("a", 1, 10, "aid_cases"), mention("a", 1, 10, "aid_cases")],
            )
        ],
        [
            first_run(),
            staged_run(
                "run-2",
                documents=[document("a2", doc_key="key-a", fetched_at=document("a")["fetched_at"])],
                facts=[fact("a2", "aid_cases", 12, run_id="run-2")],
            ),
        ],
    ],
    ids=[
        "the same batch loaded twice changes nothing",
        "a re-extracted value replaces the fact and mention of its key",
        "a batch staging a row twice loads it once",
        "a new version competing for the same cell leaves one best value",
    ],
)
def test_loads_keep_one_row_per_key(
    con: duckdb.DuckDBPyConnection, batches: list[StagedRun]
) -> None:
    for batch in batches:
        load_batch(con, batch, SQL_DIR)
    assert {t: _max_rows_per_key(con, t) for t in KEYS} == dict.fromkeys(KEYS, 1)
    assert duplicate_keys(con, SQL_DIR) == []


@pytest.mark.parametrize(
    ("table", "reload_finds_it"),
    [
        ("fact_indicator", True),
        ("document_text", True),
        ("dim_document", True),
        ("best_value", False),
    ],
    ids=[
        "a fact twice: unchanged facts are left alone, so the batch check stops the load",
        "a text twice: texts are only added, so the batch check stops the load",
        "a document twice: versions are only added, so the batch check stops the load",
        "a best value twice: the load rebuilds the batch's cells, so it is gone after it",
    ],
)
def test_a_duplicate_behind_the_loads_back_is_named(
    settings: Settings, table: str, reload_finds_it: bool
) -> None:
    with writer(settings) as con:
        load_batch(con, first_run(), SQL_DIR)
        # table is a constant of the parametrize list
        con.execute(f"INSERT INTO {table} SELECT * FROM {table} ORDER BY ALL LIMIT 1")
        found = duplicate_keys(con, SQL_DIR)
        assert [(d.table_name, d.key_columns, d.duplicated_keys) for d in found] == [
            (table, KEYS[table], 1)
        ]
        before = snapshot(con)
        if reload_finds_it:
            with pytest.raises(DuplicateKeyError, match=f"^{table} holds 1 key"):
                load_batch(con, first_run(), SQL_DIR)
            assert snapshot(con) == before, "nothing of the refused batch is committed"
            assert _max_rows_per_key(con, table) == 2
        else:
            load_batch(con, first_run(), SQL_DIR)
            assert _max_rows_per_key(con, table) == 1

    if reload_finds_it:
        result = CliRunner().invoke(app, ["check", "--data-dir", str(settings.data_dir)])
        assert result.exit_code == 1
        assert f"error: {table} holds 1 key(s) ({KEYS[table]}) more than once" in result.output


def test_fazhi_check_passes_on_a_loaded_warehouse(settings: Settings) -> None:
    with writer(settings) as con:
        load_batch(con, first_run(), SQL_DIR)
    result = CliRunner().invoke(app, ["check", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    assert (
        "one row per key in fact_indicator, best_value, document_text and dim_document"
        in result.output
    )
