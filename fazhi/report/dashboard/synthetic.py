"""A synthetic warehouse of most of China's counties over up to thirteen years (about 0.9 million
facts), for the dashboard's tests, benchmark and screenshots.

Reads nothing but the migrated dimensions; writes documents, facts, mentions, runs, validations
and quarantine rows into ``settings.duckdb_path`` with ``sql/dashboard/synthetic_warehouse.sql``.
"""

from __future__ import annotations

import re

from fazhi.config import Settings
from fazhi.sql import read_sql, split_statements
from fazhi.warehouse.db import writer

_PARAMETER = re.compile(r"\$([a-z_]+)")
# The warehouse's own scripts that rebuild its derived tables (best_value, the wide table) from
# fact_indicator; the synthetic rows bypass load_run, so they are run here, unchanged.
DERIVED_SCRIPTS = ("load/collect_all_cells", "load/refresh_best_value", "load/rebuild_wide")


def build_synthetic_warehouse(
    settings: Settings, *, localities: int = 3000, first_year: int = 2011, last_year: int = 2023
) -> None:
    """Fill an empty warehouse with synthetic reports of ``localities`` counties and their facts."""
    params = {"localities": localities, "first_year": first_year, "last_year": last_year}
    with writer(settings) as con:
        con.begin()
        for statement in split_statements(
            read_sql("dashboard/synthetic_warehouse", settings.sql_dir)
        ):
            used = {name: params[name] for name in _PARAMETER.findall(statement)}
            con.execute(statement, used or None)
        for name in DERIVED_SCRIPTS:
            for statement in split_statements(read_sql(name, settings.sql_dir)):
                con.execute(statement)
        con.commit()
