"""Migrations from empty, reference dimensions and cheap re-opening."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fazhi.catalog import load_catalog
from fazhi.config import Settings
from fazhi.localities import load_divisions
from fazhi.warehouse.migrate import MARTS, migrate, pending_migrations, refresh_reference


@pytest.fixture
def template(template_warehouse: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(template_warehouse), read_only=True)


def test_migrations_from_empty_are_all_recorded_in_order(
    template: duckdb.DuckDBPyConnection, settings: Settings
) -> None:
    recorded = template.execute("SELECT version, name FROM schema_migrations ORDER BY version")
    files = pending_migrations(settings.sql_dir, applied=set())
    assert recorded.fetchall() == files
    assert [v for v, _ in files] == list(range(1, len(files) + 1))


def test_reopening_applies_nothing_and_keeps_reference(
    con: duckdb.DuckDBPyConnection, settings: Settings
) -> None:
    assert migrate(con, settings) == []
    assert refresh_reference(con, settings) is False


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) FROM dim_locality", len(load_divisions())),
        ("SELECT count(*) FROM dim_locality WHERE level = 'province'", 34),
        ("SELECT count(*) FROM dim_indicator", len(load_catalog())),
        (
            "SELECT province_name || '/' || city_name || '/' || name FROM dim_locality "
            "WHERE admin_code = '440881'",
            "广东省/湛江市/廉江市",
        ),
        ("SELECT city_code FROM dim_locality WHERE admin_code = '440881'", "440800"),
        (
            "SELECT list_contains(former_names, '江干区') FROM dim_locality WHERE name = '上城区'",
            True,
        ),
        ("SELECT new_code FROM dim_locality_change WHERE old_name = '襄樊市'", "420600"),
        ("SELECT new_code FROM dim_locality_change WHERE old_name = '海门市'", "320614"),
        ("SELECT count(*) FROM dim_locality WHERE admin_code = '320684'", 0),
        ("SELECT is_additive FROM dim_indicator WHERE code = 'med_success_rate'", False),
        ("SELECT is_additive FROM dim_indicator WHERE code = 'law_lawyers'", True),
        ("SELECT five_year_plan || pufa_period FROM dim_year WHERE year = 2016", "十三五七五普法"),
        ("SELECT five_year_plan || pufa_period FROM dim_year WHERE year = 2025", "十四五八五普法"),
        ("SELECT five_year_plan || pufa_period FROM dim_year WHERE year = 2026", "十五五九五普法"),
        ("SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'mart_%'", len(MARTS)),
    ],
    ids=[
        "every division of the dictionary, not only those with reports",
        "34 provincial-level divisions",
        "one row per catalogue indicator",
        "a county carries its province and prefecture names",
        "a county carries its prefecture code",
        "a renamed district keeps its former name",
        "a prefecture rename resolves to today's code",
        "a city of the dated table made a district resolves to the district's code",
        "no division keeps a code the dictionary kept after a change",
        "rates are not additive",
        "stocks are additive",
        "2016 opens 十三五 and 七五普法",
        "2025 closes 十四五 and 八五普法",
        "2026 opens 十五五 and 九五普法",
        "every mart is a view",
    ],
)
def test_reference_dimensions(
    template: duckdb.DuckDBPyConnection, sql: str, expected: object
) -> None:
    assert template.execute(sql).fetchall()[0][0] == expected


def test_wide_mart_has_one_column_per_indicator_in_catalogue_order(
    template: duckdb.DuckDBPyConnection,
) -> None:
    columns = template.table("mart_locality_year_wide").columns
    assert columns[6:] == list(load_catalog())
