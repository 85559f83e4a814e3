"""Queries behind each panel of the dashboard: one SQL file per panel under ``sql/dashboard/``.

Reads the warehouse tables (dim_*, fact_*, pipeline_run, gate_validation, quarantine_row) and the
raw manifest Parquet; returns compact, JSON-ready column/row tables. All aggregation happens in
DuckDB so that the page receives hundreds of rows, not millions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import duckdb

from fazhi.config import Settings
from fazhi.sql import read_sql

# Panels whose query takes no parameter, in the order the page shows them.
TABLE_PANELS = (
    "summary",
    "coverage_localities",
    "runs",
    "validations",
    "quarantine",
    "coverage_cube",
    "trend_defaults",
    "outliers",
    "caliber_counts",
    "caliber_flags",
    "unmapped_mentions",
    "indicators",
    "freshness_documents",
)

Table = dict[str, list[Any]]


def fetch_table(
    con: duckdb.DuckDBPyConnection,
    sql_dir: Path,
    name: str,
    params: dict[str, Any] | None = None,
) -> Table:
    """The result of ``sql/dashboard/<name>.sql`` as ``{"columns": [...], "rows": [[...]]}``."""
    cursor = con.execute(read_sql(f"dashboard/{name}", sql_dir), params or {})
    columns = [c[0] for c in cursor.description or []]
    rows = [[_jsonable(v) for v in row] for row in cursor.fetchall()]
    return {"columns": columns, "rows": rows}


def _jsonable(value: Any) -> Any:
    # DuckDB hands back dates, decimals and lists; the page only needs JSON scalars and lists.
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return float(value) if hasattr(value, "__float__") else str(value)


def collect_tables(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> dict[str, Table]:
    """Every parameterless panel's table, keyed by panel name."""
    return {name: fetch_table(con, sql_dir, name) for name in TABLE_PANELS}


def manifest_glob(settings: Settings) -> str | None:
    """The raw manifest's Parquet glob when the lake is local and holds at least one file."""
    if settings.lake_url and "://" in settings.lake_url:
        return None  # remote lakes are read by the pipeline, not by the dashboard build
    root = Path(settings.lake_root) / "raw" / "manifest"
    if not root.is_dir() or next(root.rglob("*.parquet"), None) is None:
        return None
    return str(root / "**" / "*.parquet")


def collect_manifest_freshness(con: duckdb.DuckDBPyConnection, settings: Settings) -> Table:
    """Per-source fetch freshness from the raw manifest; empty when there is no manifest."""
    glob = manifest_glob(settings)
    if glob is None:
        return {"columns": [], "rows": []}
    return fetch_table(con, settings.sql_dir, "freshness_manifest", {"manifest_glob": glob})


# current documents per trend-shard query for each MB of DuckDB's memory limit: the shards' list
# aggregates cannot spill (100,000 reports' shards took 900 MB in one query); 25,000 documents
# a query fit 1 GiB at 100,000 reports, and 6,400 fit 256 MiB at 30,000 where 25,000 did not
TREND_DOCUMENTS_PER_MB = 25


def trend_documents(memory_limit_mb: int) -> int:
    """Current documents per trend-shard query under a DuckDB limit of ``memory_limit_mb``."""
    return max(1, memory_limit_mb * TREND_DOCUMENTS_PER_MB)


def collect_trend_shards(
    con: duckdb.DuckDBPyConnection, sql_dir: Path, documents_per_query: int
) -> dict[str, str]:
    """Province code → JSON text of that province's trend series and their documents.

    Provinces go in groups of at most ``documents_per_query`` current documents (a larger
    province alone): the shards' list aggregates cannot spill, and one query for all of them
    held 900 MB at 100,000 reports (README, *Scale*)."""
    shard_sql = read_sql("dashboard/trend_shards", sql_dir)
    provinces = con.execute(read_sql("dashboard/trend_provinces", sql_dir)).fetchall()
    shards: dict[str, str] = {}
    for group in province_groups(provinces, documents_per_query):
        # the codes written into the query, not bound: bound, DuckDB held 20-40 % more
        for code, shard in con.execute(shard_sql.replace("$provinces", _codes(group))).fetchall():
            shards[str(code)] = str(shard)
    return shards


def _codes(codes: list[str]) -> str:
    """A SQL list of division codes (digits only: nothing else may reach the query's text)."""
    if not all(re.fullmatch(r"\d{6}", code) for code in codes):
        raise ValueError(f"not division codes: {codes}")
    return "[" + ", ".join(f"'{code}'" for code in codes) + "]"


def province_groups(provinces: list[tuple[str, int]], documents_per_query: int) -> list[list[str]]:
    """Consecutive provinces grouped while their documents add up to ``documents_per_query``."""
    groups: list[list[str]] = []
    total = 0
    for code, documents in provinces:
        if not groups or total + documents > documents_per_query:
            groups.append([])
            total = 0
        groups[-1].append(code)
        total += documents
    return groups
