"""Reads other stages and commands make of the warehouse (they never write).

Reads the marts and dimensions of ``fazhi.duckdb``; the SQL lives in ``fazhi/sql/queries/``, where
files starting with ``_`` are the package's own and the others are named example queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from fazhi.sql import read_sql


@dataclass(frozen=True, slots=True)
class Candidate:
    """One current value stated for a locality × year × indicator, and where it was stated."""

    locality_name: str | None
    report_year: int
    indicator: str
    indicator_name: str | None
    value: float
    unit: str | None
    qualifier: str | None
    text: str | None
    sentence: str | None
    start: int | None
    end: int | None
    doc_id: str
    doc_type: str | None
    title: str | None
    url: str | None
    published_on: date | None
    fetched_at: datetime | None
    flags: list[str] | None


def prior_values(
    con: duckdb.DuckDBPyConnection, cells: Sequence[tuple[str, int]], sql_dir: Path
) -> pl.DataFrame:
    """Best values already loaded for these (locality_code, report_year) cells (locality_code,
    report_year, indicator, value)."""
    codes, years = [code for code, _ in cells], [year for _, year in cells]
    return con.sql(read_sql("queries/_prior_values", sql_dir), params=[codes, years]).pl()


def headline_table(
    con: duckdb.DuckDBPyConnection, indicators: list[str], sql_dir: Path, limit: int = 20
) -> pl.DataFrame:
    """Locality × year rows (latest first, at most ``limit``) with one column per indicator."""
    long = con.sql(read_sql("queries/_headline_values", sql_dir), params=[indicators, limit]).pl()
    keys = ["locality_code", "locality_name", "province_name", "report_year"]
    if long.is_empty():
        return pl.DataFrame(
            schema={**dict(long.select(keys).schema), **{code: pl.Float64() for code in indicators}}
        )
    wide = long.pivot(on="indicator", index=keys, values="value")
    missing = [pl.lit(None, pl.Float64()).alias(c) for c in indicators if c not in wide.columns]
    return (
        wide.with_columns(missing)
        .select([*keys, *indicators])
        .sort(["report_year", "province_name", "locality_name"], descending=[True, False, False])
    )


def resolve_locality(
    con: duckdb.DuckDBPyConnection, text: str, sql_dir: Path
) -> list[tuple[str, str, str]]:
    """(code, name, description) of divisions matching a code, name, alias or former name."""
    rows = con.execute(read_sql("queries/_resolve_locality", sql_dir), [text.strip()]).fetchall()
    return [
        (code, name, " ".join(p for p in (prov, city, name, f"({level})") if p))
        for code, name, level, prov, city in rows
    ]


def resolve_indicator(con: duckdb.DuckDBPyConnection, text: str, sql_dir: Path) -> str | None:
    """The indicator code matching a code or a Chinese or English name."""
    rows = con.execute(read_sql("queries/_resolve_indicator", sql_dir), [text.strip()]).fetchall()
    return str(rows[0][0]) if rows else None


def explain(
    con: duckdb.DuckDBPyConnection, locality_code: str, year: int, indicator: str, sql_dir: Path
) -> list[Candidate]:
    """Every current value for the cell, the best (the one mart_best_value shows) first."""
    rows = con.execute(
        read_sql("queries/_explain", sql_dir), [locality_code, year, indicator]
    ).fetchall()
    return [Candidate(*row) for row in rows]


def named_queries(queries_dir: Path) -> dict[str, str]:
    """Example queries runnable by name, with the first comment line of each as description."""
    found = {}
    for path in sorted(queries_dir.glob("*.sql")):
        if not path.stem.startswith("_"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            found[path.stem] = first.removeprefix("--").strip()
    return found


class NotAReadError(ValueError):
    """A statement given to a read path is not one read (a write, ATTACH, COPY, SET, several)."""


def read_statement(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.Statement:
    """The one SELECT-like statement of ``sql``; NotAReadError for anything else.

    DESCRIBE, SHOW, SUMMARIZE, PIVOT-free queries and table functions parse as SELECT; ATTACH,
    COPY, EXPORT, CREATE, SET, PRAGMA with effects, EXPLAIN ANALYZE and CALL do not.
    """
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise NotAReadError(f"fazhi sql is read-only and runs one statement, got {len(statements)}")
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        kind = statement.type.name.lower()
        raise NotAReadError(f"fazhi sql is read-only: a {kind} statement is not a read")
    return statement


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    """The result of one read statement as a frame; NotAReadError for anything but a read."""
    statement = read_statement(con, sql)
    return con.sql(statement.query).pl()


def named_query_sql(name: str, queries_dir: Path) -> str:
    """The text of a named query; KeyError naming the known ones if there is none."""
    if name not in named_queries(queries_dir):
        raise KeyError(f"no query named {name!r}; known: {', '.join(named_queries(queries_dir))}")
    return (queries_dir / f"{name}.sql").read_text(encoding="utf-8")
