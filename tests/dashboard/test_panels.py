"""Each dashboard panel's SQL on the small warehouse, whose answers are known by construction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from fazhi.config import Settings
from fazhi.report.dashboard import panels

SQL_DIR = Settings().sql_dir


@pytest.fixture(scope="module")
def con(small_settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(small_settings.duckdb_path), read_only=True) as connection:
        yield connection


def records(table: panels.Table) -> list[dict[str, Any]]:
    return [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]


@pytest.fixture(scope="module")
def ordinals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Indicator code → the ordinal by which the coverage cube and the shards name it."""
    return {
        r["code"]: r["ordinal"] for r in records(panels.fetch_table(con, SQL_DIR, "indicators"))
    }


@pytest.fixture(scope="module")
def cube(
    con: duckdb.DuckDBPyConnection, ordinals: dict[str, int]
) -> dict[tuple[Any, ...], tuple[int, int]]:
    codes = {n: code for code, n in ordinals.items()}
    rows = records(panels.fetch_table(con, SQL_DIR, "coverage_cube"))
    return {
        (r["province_code"], r["report_year"], r["doc_type"], codes.get(r["indicator_ordinal"])): (
            r["localities"],
            r["documents"],
        )
        for r in rows
    }


@pytest.mark.parametrize(
    ("province", "year", "kind", "indicator", "localities", "documents"),
    [
        ("440000", 2023, "annual_report", None, 2, 2),
        ("440000", 2022, "annual_report", None, 1, 1),
        ("440000", None, "annual_report", None, 2, 4),
        ("330000", 2023, "work_summary", None, 1, 1),
        ("440000", None, "annual_report", "aid_cases", 2, 4),
        ("440000", None, "annual_report", "lit_head_appearance_rate", 1, 2),
        ("440000", 2022, "annual_report", "enf_penalties", 1, 1),
    ],
    ids=[
        "province report and a county report in the same year: two localities",
        "one county report",
        "all years: localities counted once, documents every one",
        "a work summary counts as coverage of its own kind",
        "an indicator: localities and documents stating it",
        "an indicator two of 廉江's reports state",
        "a fact released from quarantine counts",
    ],
)
def test_coverage_cube(
    cube: dict[tuple[Any, ...], tuple[int, int]],
    province: str,
    year: int | None,
    kind: str,
    indicator: str | None,
    localities: int,
    documents: int,
) -> None:
    assert cube[(province, year, kind, indicator)] == (localities, documents)


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (("440000", None, None, None), "one kind only: the page adds the kinds' rows"),
        (("110000", None, "annual_report", None), "no report: no row, the page shows a gap"),
        (("440000", 2023, "annual_report", "law_firms"), "an indicator nobody stated: no row"),
    ],
    ids=["no all-kinds row without several kinds", "province without reports", "unstated"],
)
def test_coverage_cube_leaves_out(
    cube: dict[tuple[Any, ...], tuple[int, int]], key: tuple[Any, ...], reason: str
) -> None:
    assert key not in cube, reason


def test_trend_defaults_open_on_the_locality_with_most_years(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = {
        r["province_code"]: r for r in records(panels.fetch_table(con, SQL_DIR, "trend_defaults"))
    }
    assert (rows["440000"]["locality_code"], rows["440000"]["years"]) == ("440881", 3)
    first = panels.fetch_table(con, SQL_DIR, "trend_defaults")["rows"][0]
    assert first[0] == "440000", "the province with the longest series comes first"


@pytest.mark.parametrize(
    ("code", "years"),
    [("440881", [2021, 2022, 2023]), ("440000", [2023]), ("440882", [])],
    ids=["county with three years", "province's own report", "neighbour with no report: a gap"],
)
def test_coverage_localities(con: duckdb.DuckDBPyConnection, code: str, years: list[int]) -> None:
    rows = {
        r["admin_code"]: r for r in records(panels.fetch_table(con, SQL_DIR, "coverage_localities"))
    }
    assert rows[code]["years"] == years


@pytest.mark.parametrize(
    ("indicator", "value", "flags"),
    [
        ("lit_head_appearance_rate", 105.0, ["rate_above_100"]),
        ("rec_cases_accepted", 310.0, ["across_years:tenfold"]),
    ],
    ids=["出庭应诉率 above 100 %", "a warning flag the gate attached"],
)
def test_caliber_flags(
    con: duckdb.DuckDBPyConnection, indicator: str, value: float, flags: list[str]
) -> None:
    rows = {r["indicator"]: r for r in records(panels.fetch_table(con, SQL_DIR, "caliber_flags"))}
    assert len(rows) == 2, "92.5 % and unflagged facts are not caliber questions"
    assert (rows[indicator]["value"], rows[indicator]["flags"]) == (value, flags)
    assert rows[indicator]["url"].startswith("http://127.0.0.1")


def test_unmapped_mentions_group_by_words_before_the_number(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = {r["pattern"]: r for r in records(panels.fetch_table(con, SQL_DIR, "unmapped_mentions"))}
    assert set(rows) == {"办结信访事项N件", "举办讲座N场"}, "mapped mentions are left out"
    assert (rows["办结信访事项N件"]["mentions"], rows["办结信访事项N件"]["documents"]) == (3, 3)


def test_current_quarantine(con: duckdb.DuckDBPyConnection) -> None:
    rows = {
        (r["table_name"], r["doc_id"], r["indicator"]): r
        for r in records(panels.fetch_table(con, SQL_DIR, "quarantine"))
    }
    assert set(rows) == {("facts", "d-lj-2023", "aid_amount"), ("documents", "d-bad", None)}, (
        "the 2022 fact loaded by the second run has left the quarantine"
    )
    assert (
        rows[("facts", "d-lj-2023", "aid_amount")]["url"]
        == "http://127.0.0.1:8765/440881/2023.html"
    )
    assert rows[("documents", "d-bad", None)]["url"] == "http://127.0.0.1:8765/999999/2023.html"


@pytest.mark.parametrize(
    ("run_id", "passed", "warned", "quarantined"),
    [("run-1", 22, 1, 2), ("run-2", 4, 0, 0)],
    ids=["first run: one warning, two critical failures", "second run: clean"],
)
def test_validations_split_by_severity(
    con: duckdb.DuckDBPyConnection, run_id: str, passed: int, warned: int, quarantined: int
) -> None:
    rows = [
        r for r in records(panels.fetch_table(con, SQL_DIR, "validations")) if r["run_id"] == run_id
    ]
    totals = tuple(sum(r[k] for r in rows) for k in ("passed", "warned", "quarantined"))
    assert totals == (passed, warned, quarantined)


@pytest.mark.parametrize(
    ("source", "last_outcome", "blocked", "failed", "last_success"),
    [
        ("src-440881", "unchanged", 0, 0, "2025-01-11 08:00"),
        ("src-blocked", "blocked", 2, 0, None),
        ("src-flaky", "failed", 0, 1, "2025-01-10 08:00"),
    ],
    ids=["healthy source", "blocked source never succeeded", "failing since its last success"],
)
def test_manifest_freshness(
    con: duckdb.DuckDBPyConnection,
    small_settings: Settings,
    source: str,
    last_outcome: str,
    blocked: int,
    failed: int,
    last_success: str | None,
) -> None:
    rows = {
        r["source_id"]: r for r in records(panels.collect_manifest_freshness(con, small_settings))
    }
    row = rows[source]
    assert (row["last_outcome"], row["blocked"], row["failed"], row["last_success"]) == (
        last_outcome,
        blocked,
        failed,
        last_success,
    )


def test_trend_shard_points_link_to_their_documents(
    con: duckdb.DuckDBPyConnection, ordinals: dict[str, int]
) -> None:
    shard = json.loads(panels.collect_trend_shards(con, SQL_DIR, 10**9)["440000"])
    series = {(s["l"], s["i"]): s for s in shard["series"]}
    aid = series[("440881", "aid_cases")]
    assert aid["v"] == [990.0, 1100.0, 1215.0]
    docs = [shard["docs"][i] for i in aid["d"]]
    assert [d[1] for d in docs] == ["2021", "2022", "2023"]
    assert docs[2][3] == "http://127.0.0.1:8765/440881/2023.html"
    assert (docs[2][4], docs[2][5]) == ("440881", "annual_report")
    assert {ordinals["aid_cases"], ordinals["lit_head_appearance_rate"]} == set(docs[2][6])
    assert ("330102", "rec_cases_accepted") not in series, "other provinces go to their own shard"


def test_summary(con: duckdb.DuckDBPyConnection) -> None:
    (summary,) = records(panels.fetch_table(con, SQL_DIR, "summary"))
    assert (summary["documents"], summary["facts"], summary["runs"]) == (5, 8, 2)
    assert (summary["earliest_year"], summary["latest_year"]) == (2021, 2023)


@pytest.mark.parametrize(
    "documents_per_query",
    [
        pytest.param(1, id="every province in a query of its own"),
        pytest.param(3, id="provinces grouped up to 3 documents"),
    ],
)
def test_trend_shards_are_the_same_whatever_the_groups(
    con: duckdb.DuckDBPyConnection, documents_per_query: int
) -> None:
    """Provinces are queried in groups to bound memory; the shards must not depend on it."""
    together = panels.collect_trend_shards(con, SQL_DIR, documents_per_query=10**9)
    grouped = panels.collect_trend_shards(con, SQL_DIR, documents_per_query=documents_per_query)
    assert len(together) > 1, "the small warehouse holds several provinces"
    assert grouped == together


@pytest.mark.parametrize(
    ("provinces", "limit", "groups"),
    [
        pytest.param([("11", 5), ("12", 5), ("13", 5)], 10, [["11", "12"], ["13"]], id="fill"),
        pytest.param([("11", 30), ("12", 5)], 10, [["11"], ["12"]], id="a large one alone"),
        pytest.param([("11", 1), ("12", 1)], 10, [["11", "12"]], id="all in one query"),
        pytest.param([], 10, [], id="no documents: no query"),
    ],
)
def test_province_groups(
    provinces: list[tuple[str, int]], limit: int, groups: list[list[str]]
) -> None:
    assert panels.province_groups(provinces, limit) == groups


def test_only_division_codes_reach_the_shard_query(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="not division codes"):
        panels._codes(["440000", "1') OR 1=1 --"])
