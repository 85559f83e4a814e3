"""Output prints data as data; every mart exports as CSV; export writes CSV, Parquet and Excel."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings
from fazhi.warehouse.export import UTF8_BOM
from fazhi.warehouse.extensions import load_extension
from tests.warehouse.test_marts import marts_settings  # noqa: F401  (shared fixture)

runner = CliRunner()


def invoke(settings: Settings, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--data-dir", str(settings.data_dir)])
    return result.exit_code, result.output


def _marts(settings: Settings) -> list[str]:
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        rows = con.sql("select view_name from duckdb_views() where view_name like 'mart_%'")
        return sorted(r[0] for r in rows.fetchall())


def test_every_mart_prints_as_csv(marts_settings: Settings) -> None:  # noqa: F811
    marts = _marts(marts_settings)
    assert "mart_best_value" in marts and len(marts) >= 5
    for mart in marts:
        code, output = invoke(marts_settings, "sql", f"select * from {mart}", "--format", "csv")
        assert code == 0, f"{mart}: {output}"
        frame = pl.read_csv(io.StringIO(output))
        assert all(dtype != pl.List for dtype in frame.dtypes), mart


def test_nested_columns_are_json_in_csv(marts_settings: Settings) -> None:  # noqa: F811
    code, output = invoke(
        marts_settings, "sql", "select ['甲', 'b'] as names, {'n': 1} as s", "-f", "csv"
    )
    assert code == 0, output
    row = pl.read_csv(io.StringIO(output)).row(0, named=True)
    assert json.loads(row["names"]) == ["甲", "b"]
    assert json.loads(row["s"]) == {"n": 1}


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (":x:", "Rich would print an emoji"),
        ("[red]红[/red]", "Rich would swallow markup"),
        ("[bold]", "an unclosed tag"),
        ("http://127.0.0.1/a.html", "a URL Rich would highlight"),
    ],
    ids=["emoji code", "markup", "unclosed tag", "url"],
)
def test_table_prints_values_verbatim(marts_settings: Settings, value: str, reason: str) -> None:  # noqa: F811
    code, output = invoke(marts_settings, "sql", f"select '{value}' as v")
    assert code == 0, output
    assert value in output, reason
    assert "❌" not in output


def test_export_writes_csv_with_bom_parquet_and_excel(
    marts_settings: Settings,  # noqa: F811
    tmp_path: Path,
) -> None:
    query = "select locality_name, indicator, value, flags from mart_best_value order by all"
    for name, extra in (("best.csv", ["--bom"]), ("best.parquet", []), ("best.xlsx", [])):
        code, output = invoke(marts_settings, "export", query, "--to", str(tmp_path / name), *extra)
        assert code == 0, output
        assert "wrote 9 rows" in output
    csv = (tmp_path / "best.csv").read_text(encoding="utf-8")
    assert csv.startswith(UTF8_BOM + "locality_name,")
    assert "廉江市" in csv
    parquet = pl.read_parquet(tmp_path / "best.parquet")
    assert parquet.height == 9 and parquet.schema["flags"] == pl.List(pl.String())
    with duckdb.connect() as con:
        load_extension(con, "excel")
        sheet = con.sql(f"select * from read_xlsx('{tmp_path / 'best.xlsx'}')").pl()
    assert sheet.height == 9
    assert "廉江市" in sheet["locality_name"].to_list()


@pytest.mark.parametrize(
    ("args", "message", "reason"),
    [
        (["delete from fact_indicator", "--to", "{tmp}/x.csv"], "read-only", "exports only read"),
        (["select 1", "--to", "{tmp}/x.txt"], "cannot tell the format", "unknown suffix"),
        (["select 1", "--to", "{tmp}/exists.csv"], "exists", "never overwrites by surprise"),
    ],
    ids=["a write", "unknown format", "existing file"],
)
def test_export_refuses(
    marts_settings: Settings,  # noqa: F811
    tmp_path: Path,
    args: list[str],
    message: str,
    reason: str,
) -> None:
    (tmp_path / "exists.csv").write_text("keep", encoding="utf-8")
    filled = [a.format(tmp=tmp_path) for a in args]
    code, output = invoke(marts_settings, "export", *filled)
    assert code != 0, reason
    assert message in output.replace("\n", " ").replace("│", ""), reason
    assert (tmp_path / "exists.csv").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "x.csv").exists()


def test_export_help_has_an_example() -> None:
    assert "Example" in runner.invoke(app, ["export", "--help"]).output
