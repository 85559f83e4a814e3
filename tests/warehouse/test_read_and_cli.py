"""The read API other stages call, and the sql / query / explain commands."""

from __future__ import annotations

import json
import re

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings
from fazhi.warehouse.read import headline_table, named_queries, prior_values
from tests.warehouse.conftest import SQL_DIR
from tests.warehouse.test_marts import marts, marts_settings  # noqa: F401  (shared fixtures)

runner = CliRunner()


def invoke(settings: Settings, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--data-dir", str(settings.data_dir)])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("cells", "aid"),
    [
        (
            [("440881", 2020), ("440881", 2022), ("440881", 2023)],
            [(2020, 80.0), (2022, 100.0), (2023, 125.0)],
        ),
        ([("440881", 2022)], [(2022, 100.0)]),  # the cells asked for, not every year
        ([("440881", 2021)], []),  # a cell without a best value
        ([("999999", 2022)], []),  # a locality without any
        ([], []),
    ],
)
def test_prior_values_are_the_best_values_of_the_cells(
    marts: duckdb.DuckDBPyConnection,  # noqa: F811
    cells: list[tuple[str, int]],
    aid: list[tuple[int, float]],
) -> None:
    frame = prior_values(marts, cells, SQL_DIR)
    assert frame.columns == ["locality_code", "report_year", "indicator", "value"]
    assert frame.filter(indicator="aid_cases").select("report_year", "value").rows() == aid
    assert set(frame["locality_code"]) <= {code for code, _ in cells}


def test_headline_table_is_wide_latest_first(marts: duckdb.DuckDBPyConnection) -> None:  # noqa: F811
    table = headline_table(marts, ["aid_cases", "lit_cases"], SQL_DIR, limit=2)
    assert table.columns[-2:] == ["aid_cases", "lit_cases"]
    assert table.height == 2
    assert table["report_year"].to_list() == [2023, 2023]


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (
            ["sql", "select indicator, value from mart_best_value where doc_id = 'D'", "-f", "csv"],
            r"^indicator,value\naid_cases,125\.0\n$",
        ),
        (["sql", "select 1 as one", "--format", "table"], r"one(.|\n)*│ 1 +│(.|\n)*1 rows"),
        (["query", "coverage_by_province", "-f", "csv"], r"广东省,2023,4,\d+,"),
        (
            ["explain", "廉江市", "2023", "法律援助案件数"],
            r"best value: 廉江市 2023 法律援助案件数 = 125 件 \(exact\)(.|\n)*url: +http://127.0.0.1/D.html",
        ),
        (
            ["explain", "440881", "2023", "lit_cases"],
            r"= 40 件(.|\n)*also stated \(1\).*= 50 件 \(approx\)",
        ),
    ],
    ids=[
        "sql as csv",
        "sql as a table",
        "a named query",
        "explain by names",
        "explain by codes lists the values that lost",
    ],
)
def test_commands_print(marts_settings: Settings, args: list[str], pattern: str) -> None:  # noqa: F811
    code, output = invoke(marts_settings, *args)
    assert code == 0, output
    assert re.search(pattern, output), output


def test_sql_as_json(marts_settings: Settings) -> None:  # noqa: F811
    code, output = invoke(
        marts_settings,
        "sql",
        "select doc_id from dim_document where doc_id in ('A', 'B') order by 1",
        "-f",
        "json",
    )
    assert code == 0
    assert json.loads(output) == [{"doc_id": "A"}, {"doc_id": "B"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sql", "delete from dim_document"], "read-only"),
        (["query", "no_such_query"], "no query named"),
        (["explain", "朝阳区", "2023", "aid_cases"], "ambiguous"),
        (["explain", "440881", "2023", "no_such_indicator"], "unknown indicator"),
        (["explain", "440881", "2019", "aid_cases"], "no value loaded"),
    ],
    ids=[
        "sql cannot write",
        "unknown query name",
        "a name shared by two districts",
        "unknown indicator",
        "nothing loaded for that year",
    ],
)
def test_commands_refuse_clearly(marts_settings: Settings, args: list[str], message: str) -> None:  # noqa: F811
    code, output = invoke(marts_settings, *args)
    assert code != 0
    assert message in output.replace("\n", " ").replace("│", "")


def test_query_list_names_every_example(marts_settings: Settings) -> None:  # noqa: F811
    code, output = invoke(marts_settings, "query", "--list")
    assert code == 0
    assert all(name in output for name in named_queries(SQL_DIR / "queries"))
    assert "_explain" not in output


@pytest.mark.parametrize("command", ["sql", "query", "explain"])
def test_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert "Example" in result.output
