"""Schema migrations, reference dimensions and mart views.

Reads ``fazhi/sql/migrations/NNN_name.sql`` (applied once each, in order, recorded in
``schema_migrations``), the division dictionary and the catalogue (``dim_locality``,
``dim_locality_change``, ``dim_indicator``, ``dim_year``) and ``fazhi/sql/marts/*.sql`` (views).
Dimensions and views are rebuilt only when their sources changed, so opening is cheap.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from fazhi.config import Settings
from fazhi.sql import read_sql, split_statements
from fazhi.warehouse.dimensions import (
    changes_frame,
    divisions_frame,
    indicators_frame,
    reference_fingerprint,
)

MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+$")
# Views in dependency order: every later mart reads mart_best_value.
MARTS = (
    "mart_best_value",
    "mart_locality_year_wide",
    "mart_yoy_change",
    "mart_rank",
    "mart_coverage",
    "mart_province_totals",
)
REFRESH_SCRIPTS = (
    "load/refresh_dim_locality_change",
    "load/refresh_dim_locality",
    "load/refresh_dim_indicator",
    "load/refresh_dim_year",
    "load/refresh_indicator_enum",
    "load/collect_all_cells",
    "load/refresh_best_value",
    "load/rebuild_wide",
)
FINGERPRINT_KEY = "reference_fingerprint"


def migrate(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[str]:
    """Apply pending migrations and refresh stale reference data; the names applied."""
    _run_script(con, read_sql("migrations/000_schema_migrations", settings.sql_dir))
    applied = {
        row[0]
        for row in con.execute(read_sql("load/applied_migrations", settings.sql_dir)).fetchall()
    }
    names = []
    for version, name in pending_migrations(settings.sql_dir, applied):
        _apply_migration(con, version, name, settings.sql_dir)
        names.append(name)
    refresh_reference(con, settings)
    return names


def pending_migrations(sql_dir: Path, applied: set[int]) -> list[tuple[int, str]]:
    """(version, name) of migration files not yet applied, in version order (000 excluded)."""
    found = []
    for path in sorted((sql_dir / "migrations").glob("*.sql")):
        match = MIGRATION_NAME.match(path.stem)
        if match and int(match.group(1)) > 0 and int(match.group(1)) not in applied:
            found.append((int(match.group(1)), path.stem))
    return found


def _apply_migration(
    con: duckdb.DuckDBPyConnection, version: int, name: str, sql_dir: Path
) -> None:
    con.begin()
    try:
        _run_script(con, read_sql(f"migrations/{name}", sql_dir))
        con.execute(read_sql("load/record_migration", sql_dir), [version, name]).fetchall()
        con.commit()
    except BaseException:
        con.rollback()
        raise


def refresh_reference(con: duckdb.DuckDBPyConnection, settings: Settings) -> bool:
    """Rebuild dimensions and marts if their sources changed since last time; whether it did."""
    scripts = [read_sql(name, settings.sql_dir) for name in REFRESH_SCRIPTS]
    scripts += [read_sql(f"marts/{name}", settings.sql_dir) for name in MARTS]
    fingerprint = reference_fingerprint(settings, scripts)
    stored = con.execute(read_sql("load/read_meta", settings.sql_dir), [FINGERPRINT_KEY]).fetchall()
    if stored and stored[0][0] == fingerprint:
        return False
    con.register("divisions", divisions_frame().to_arrow())
    con.register("changes", changes_frame().to_arrow())
    con.register("indicators", indicators_frame(settings).to_arrow())
    try:
        con.begin()
        try:
            _rebuild_reference(con, settings)
            con.execute(
                read_sql("load/write_meta", settings.sql_dir), [FINGERPRINT_KEY, fingerprint]
            ).fetchall()
            con.commit()
        except BaseException:
            con.rollback()
            raise
    finally:
        for view in ("divisions", "changes", "indicators"):
            con.unregister(view)
    return True


def _rebuild_reference(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    _run_script(con, read_sql("load/drop_marts", settings.sql_dir))
    for name in REFRESH_SCRIPTS:
        _run_script(con, read_sql(name, settings.sql_dir))
    for mart in MARTS:
        _run_script(con, read_sql(f"marts/{mart}", settings.sql_dir))


def _run_script(con: duckdb.DuckDBPyConnection, script: str) -> None:
    for statement in split_statements(script):
        # DuckDB refuses further work on a connection until a result is consumed
        con.execute(statement).fetchall()
