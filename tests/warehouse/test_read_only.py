"""``fazhi sql`` reaches the warehouse and the lake and nothing else, and changes nothing.

Every hostile statement runs against a real warehouse file; afterwards the warehouse must hold
what it held, no file may have appeared, and the command must have said why it refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings, load_settings
from fazhi.warehouse.db import connect_reader
from fazhi.warehouse.read import named_queries, named_query_sql, run_query
from tests.warehouse.conftest import SQL_DIR
from tests.warehouse.test_marts import marts_settings  # noqa: F401  (shared fixture)

QUERIES_DIR = SQL_DIR / "queries"

runner = CliRunner()
OUTSIDE = "outside"  # a folder beside the data directory, never reachable


@pytest.fixture(scope="module")
def guarded(marts_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:  # noqa: F811
    """The marts warehouse, a lake file, a hard link to the warehouse inside the lake, and a
    file outside both."""
    lake = marts_settings.lake_dir
    lake.mkdir(parents=True, exist_ok=True)
    pl.DataFrame({"x": [42]}).write_parquet(lake / "inside.parquet")
    os.link(marts_settings.duckdb_path, lake / "linked.duckdb")
    outside = marts_settings.data_dir / OUTSIDE
    outside.mkdir(exist_ok=True)
    (outside / "secret.csv").write_text("secret\n1\n", encoding="utf-8")
    pl.DataFrame({"x": [7]}).write_parquet(outside / "secret.parquet")
    return marts_settings


def _fact_count(settings: Settings) -> int:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        return int(con.sql("select count(*) from fact_indicator").fetchall()[0][0])


HOSTILE = [
    ("delete from fact_indicator", "a write on the warehouse itself"),
    ("insert into dim_indicator (code) values ('x')", "an insert"),
    ("drop view mart_best_value", "dropping a mart"),
    ("create table t as select 1", "creating a table"),
    ("create temp table t as select 1", "even a temporary table is not a read"),
    ("attach '{lake}/linked.duckdb' as h (read_only false)", "ATTACH of a hard link in the lake"),
    ("attach '{db}' as h", "ATTACH of the warehouse file again"),
    ("copy (select 1) to '{data}/out.csv'", "COPY TO beside the warehouse"),
    ("copy (select 1) to '{lake}/out.csv'", "COPY TO inside the lake (which is readable)"),
    ("export database '{data}/exported'", "EXPORT DATABASE"),
    ("select * from read_text('/etc/passwd')", "a system file"),
    ("select * from read_text('/proc/self/environ')", "the environment, with any credentials"),
    ("select * from glob('/etc/*')", "listing a system folder"),
    ("select * from read_csv('{data}/{outside}/secret.csv')", "a CSV outside the lake"),
    ("select * from '{data}/{outside}/secret.parquet'", "a Parquet file outside the lake"),
    ("select * from read_blob('{lake}/../{outside}/secret.csv')", "climbing out of the lake"),
    ("set enable_external_access = true", "switching the lock off"),
    ("select 1; delete from fact_indicator", "a write hidden behind a read"),
    ("install httpfs", "installing an extension"),
    ("load httpfs", "loading an extension after the lock"),
    ("pragma profiling_output = '{data}/profile.json'", "a setting that writes a file"),
    ("call checkpoint()", "CALL"),
    ("explain analyze copy (select 1) to '{data}/e.csv'", "EXPLAIN ANALYZE runs what it explains"),
    ("vacuum", "VACUUM"),
    ("detach memory", "DETACH"),
    ("use system", "USE"),
]


def _fill(template: str, settings: Settings) -> str:
    return template.format(
        lake=settings.lake_dir,
        db=settings.duckdb_path,
        data=settings.data_dir,
        outside=OUTSIDE,
    )


def _files(settings: Settings) -> set[Path]:
    return {p for p in settings.data_dir.rglob("*") if not p.name.endswith((".wal", ".tmp"))}


@pytest.mark.parametrize(("statement", "reason"), HOSTILE, ids=[r for _s, r in HOSTILE])
def test_hostile_statements_are_refused(guarded: Settings, statement: str, reason: str) -> None:
    before_facts, before_files = _fact_count(guarded), _files(guarded)
    sql = _fill(statement, guarded)

    result = runner.invoke(app, ["sql", sql, "--data-dir", str(guarded.data_dir)])

    assert result.exit_code != 0, f"{reason}: {result.output}"
    assert "error:" in result.output, reason
    assert "secret" not in result.output.split("error:")[0], reason
    assert _fact_count(guarded) == before_facts, reason
    assert _files(guarded) == before_files, reason


READS = [
    ("select count(*) from mart_best_value", "a mart"),
    ("describe mart_best_value", "DESCRIBE parses as a read"),
    ("show tables", "SHOW"),
    ("summarize select value from fact_indicator", "SUMMARIZE"),
    ("select * from read_parquet('{lake}/inside.parquet')", "a file of the lake"),
    ("select count(*) from glob('{lake}/*')", "listing the lake"),
    ("with t as (select 1 as a) select a from t", "a CTE"),
    ("select stem('running', 'porter')", "the fts extension, loaded before the lock"),
]


@pytest.mark.parametrize(("statement", "reason"), READS, ids=[r for _s, r in READS])
def test_reads_still_work(guarded: Settings, statement: str, reason: str) -> None:
    con = connect_reader(guarded)
    try:
        frame = run_query(con, _fill(statement, guarded))
    finally:
        con.close()
    assert frame.height >= 1, reason


@pytest.mark.parametrize("name", sorted(named_queries(QUERIES_DIR)))
def test_every_documented_query_runs_on_the_locked_connection(guarded: Settings, name: str) -> None:
    con = connect_reader(guarded)
    try:
        run_query(con, named_query_sql(name, QUERIES_DIR))
    finally:
        con.close()


def test_a_read_during_a_load_says_so(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    duckdb.connect(str(settings.duckdb_path)).close()
    holder = textwrap.dedent(
        f"""
        import duckdb, sys, time
        con = duckdb.connect({str(settings.duckdb_path)!r})
        print("held", flush=True)
        time.sleep(30)
        """
    )
    writer = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "held"
        result = runner.invoke(app, ["sql", "select 1", "--data-dir", str(tmp_path)])
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert result.exit_code == 2
    assert "being loaded by another process" in result.output
    assert f"pid {writer.pid}" in result.output
    assert "--data-dir" not in result.output
