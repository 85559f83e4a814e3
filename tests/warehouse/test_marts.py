"""Every mart on a small hand-built warehouse whose answers are known."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from fazhi.config import Settings, load_settings
from fazhi.warehouse.db import connect, writer
from fazhi.warehouse.load import load_batch
from tests.warehouse.conftest import SQL_DIR, T0, document, fact, staged_run

DAY = timedelta(days=1)
LIANJIANG, LEIZHOU, WUCHUAN, ZHANJIANG = "440881", "440882", "440883", "440800"


def doc(doc_id: str, code: str, year: int, **kw: Any) -> dict[str, Any]:
    return document(doc_id, locality_code=code, report_year=year, **kw)


DOCUMENTS = [
    doc("A", LIANJIANG, 2022),
    doc("B", LIANJIANG, 2023),
    doc("C", LIANJIANG, 2023, doc_type="work_summary", fetched_at=T0 + 2 * DAY),
    doc("D", LIANJIANG, 2023, fetched_at=T0 + DAY),
    doc("E", LEIZHOU, 2023),
    doc("F", WUCHUAN, 2023),
    doc("G", ZHANJIANG, 2023),
    doc("H", LIANJIANG, 2020),
]
FACTS = [
    fact("A", "aid_cases", 100),
    fact("A", "med_success_rate", 95, unit="%"),
    fact("B", "aid_cases", 120),
    fact("B", "lit_cases", 40),
    fact("C", "aid_cases", 130),
    fact("D", "aid_cases", 125),
    fact("D", "lit_cases", 50, qualifier="approx"),
    fact("E", "aid_cases", 200),
    fact("E", "med_success_rate", 90, unit="%"),
    fact("F", "aid_cases", 50),
    fact("G", "aid_cases", 1000),
    fact("H", "aid_cases", 80),
]


@pytest.fixture(scope="module")
def marts_settings(tmp_path_factory: pytest.TempPathFactory, template_warehouse: Path) -> Settings:
    """One hand-built warehouse shared by the read-only mart tests of this module."""
    data_dir = tmp_path_factory.mktemp("marts")
    shutil.copy(template_warehouse, data_dir / "fazhi.duckdb")
    settings = load_settings(data_dir=data_dir)
    with writer(settings) as con:
        load_batch(con, staged_run(documents=DOCUMENTS, facts=FACTS), SQL_DIR)
    return settings


@pytest.fixture
def marts(marts_settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(marts_settings.duckdb_path, marts_settings, read_only=True)
    yield con
    con.close()


CASES = [
    (
        "SELECT value, doc_id, candidates FROM mart_best_value WHERE locality_code = '440881' "
        "AND report_year = 2023 AND indicator = 'aid_cases'",
        [(125.0, "D", 3)],
    ),
    (
        "SELECT value, doc_id, qualifier FROM mart_best_value WHERE locality_code = '440881' "
        "AND report_year = 2023 AND indicator = 'lit_cases'",
        [(40.0, "B", "exact")],
    ),
    (
        "SELECT title, url, sentence FROM mart_best_value WHERE locality_code = '440882' "
        "AND indicator = 'aid_cases'",
        [("报告 E", "http://127.0.0.1/E.html", "共办理200件。")],
    ),
    ("SELECT count(*) FROM mart_best_value", [(9,)]),
    (
        "SELECT aid_cases, lit_cases, med_success_rate FROM mart_locality_year_wide "
        "WHERE locality_code = '440881' ORDER BY report_year",
        [(80.0, None, None), (100.0, None, 95.0), (125.0, 40.0, None)],
    ),
    ("SELECT count(*) FROM mart_locality_year_wide", [(6,)]),
    (
        "SELECT report_year, previous_value, value, change, change_pct FROM mart_yoy_change "
        "WHERE locality_code = '440881' AND indicator = 'aid_cases'",
        [(2023, 100.0, 125.0, 25.0, 25.0)],
    ),
    ("SELECT count(*) FROM mart_yoy_change", [(1,)]),
    (
        "SELECT locality_code, rank_in_province, rank_in_province_of, rank_in_level "
        "FROM mart_rank WHERE indicator = 'aid_cases' AND report_year = 2023 "
        "AND level = 'county' ORDER BY rank_in_province",
        [(LEIZHOU, 1, 3, 1), (LIANJIANG, 2, 3, 2), (WUCHUAN, 3, 3, 3)],
    ),
    (
        "SELECT rank_in_province, rank_in_province_of FROM mart_rank "
        "WHERE locality_code = '440800' AND indicator = 'aid_cases'",
        [(1, 1)],
    ),
    (
        "SELECT report_year, has_report, documents, indicators FROM mart_coverage "
        "WHERE locality_code = '440881' ORDER BY report_year",
        [(2020, True, 1, 1), (2021, False, 0, 0), (2022, True, 1, 2), (2023, True, 3, 2)],
    ),
    ("SELECT count(*) = 4 * (SELECT count(*) FROM dim_locality) FROM mart_coverage", [(True,)]),
    (
        "SELECT count(*) FILTER (WHERE has_report) FROM mart_coverage "
        "WHERE province_code = '440000' AND report_year = 2023",
        [(4,)],
    ),
    (
        "SELECT level, reporting, total_value, localities > reporting FROM mart_province_totals "
        "WHERE indicator = 'aid_cases' AND report_year = 2023 ORDER BY level",
        [("county", 3, 375.0, True), ("prefecture", 1, 1000.0, True)],
    ),
    ("SELECT count(*) FROM mart_province_totals WHERE indicator = 'med_success_rate'", [(0,)]),
]
IDS = [
    "annual reports beat work summaries; the latest fetch wins among equals",
    "exact beats approximate even from an older fetch",
    "the best value carries its document title, URL and sentence",
    "one best value per locality x year x indicator",
    "wide table: one column per indicator, null where not stated",
    "wide table: one row per locality x year",
    "year-over-year change between consecutive years",
    "no change across a gap year (2020 -> 2022)",
    "ranks within province and level, largest first",
    "a prefecture is ranked among prefectures only",
    "coverage shows the gap year with zeros",
    "coverage has every division for every year in range",
    "localities of a province reporting in a year",
    "totals stay within a level",
    "rates are never summed",
]


@pytest.mark.parametrize(("sql", "expected"), CASES, ids=IDS)
def test_mart_answers(marts: duckdb.DuckDBPyConnection, sql: str, expected: object) -> None:
    assert marts.execute(sql).fetchall() == expected
