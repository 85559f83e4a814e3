"""``fazhi sql``, ``fazhi query`` and ``fazhi explain``: read the warehouse from the terminal."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import duckdb
import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.warehouse.db import connect
from fazhi.warehouse.read import (
    explain as explain_cell,
)
from fazhi.warehouse.read import (
    named_queries,
    named_query_sql,
    resolve_indicator,
    resolve_locality,
    run_query,
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def _read_only(data_dir: object) -> duckdb.DuckDBPyConnection:
    settings = settings_for(data_dir)  # type: ignore[arg-type]
    try:
        return connect(settings.duckdb_path, read_only=True)
    except (FileNotFoundError, duckdb.IOException) as exc:
        raise typer.BadParameter(str(exc), param_hint="--data-dir") from exc


def _print(frame: pl.DataFrame, output: OutputFormat) -> None:
    if output is OutputFormat.csv:
        typer.echo(frame.write_csv(), nl=False)
    elif output is OutputFormat.json:
        typer.echo(json.dumps(frame.to_dicts(), ensure_ascii=False, default=str, indent=1))
    else:
        table = Table(*frame.columns, show_lines=False)
        for row in frame.iter_rows():
            table.add_row(*("" if v is None else str(v) for v in row))
        Console(width=200).print(table)
        typer.echo(f"{frame.height} rows")


def _run(data_dir: object, sql: str, output: OutputFormat) -> None:
    con = _read_only(data_dir)
    try:
        frame = run_query(con, sql)
    except duckdb.Error as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()
    _print(frame, output)


@app.command("sql")
def sql_command(
    statement: Annotated[str, typer.Argument(help="A SQL statement (read-only).")],
    output: FormatOption = OutputFormat.table,
    data_dir: DataDirOption = None,
) -> None:
    """Run SQL on a read-only connection to the warehouse.

    Example: [bold]fazhi sql "select * from mart_best_value limit 5" --format csv[/bold]
    """
    _run(data_dir, statement, output)


@app.command("query")
def query_command(
    name: Annotated[str | None, typer.Argument(help="Name of a file in sql/queries/.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    output: FormatOption = OutputFormat.table,
    data_dir: DataDirOption = None,
) -> None:
    """Run a named example query from sql/queries/ (read-only).

    Example: [bold]fazhi query coverage_by_province[/bold]; [bold]fazhi query --list[/bold]
    """
    queries_dir = settings_for(data_dir).sql_dir / "queries"
    if list_ or name is None:
        for query, description in named_queries(queries_dir).items():
            typer.echo(f"{query:24} {description}")
        return
    try:
        sql = named_query_sql(name, queries_dir)
    except KeyError as exc:
        raise typer.BadParameter(str(exc.args[0]), param_hint="NAME") from exc
    _run(data_dir, sql, output)


@app.command("explain")
def explain_command(
    locality: Annotated[str, typer.Argument(help="GB/T 2260 code or name, e.g. 440881 or 廉江市.")],
    year: Annotated[int, typer.Argument(help="Report year.")],
    indicator: Annotated[str, typer.Argument(help="Indicator code or Chinese name.")],
    data_dir: DataDirOption = None,
) -> None:
    """Show where a value came from: value, qualifier, sentence, document title and URL.

    Example: [bold]fazhi explain 廉江市 2023 aid_cases[/bold]
    """
    sql_dir = settings_for(data_dir).sql_dir
    con = _read_only(data_dir)
    try:
        code = _one_locality(con, locality, sql_dir)
        indicator_code = resolve_indicator(con, indicator, sql_dir)
        if indicator_code is None:
            raise typer.BadParameter(f"unknown indicator {indicator!r}", param_hint="INDICATOR")
        candidates = explain_cell(con, code, year, indicator_code, sql_dir)
    finally:
        con.close()
    if not candidates:
        typer.echo(f"no value loaded for {locality} {year} {indicator_code}", err=True)
        raise typer.Exit(1)
    for n, c in enumerate(candidates):
        label = "best value" if n == 0 else f"also stated ({n})"
        typer.echo(
            f"{label}: {c.locality_name} {c.report_year} {c.indicator_name or c.indicator}"
            f" = {c.value:g} {c.unit or ''} ({c.qualifier})"
        )
        typer.echo(f"  words:    {c.text}  [chars {c.start}-{c.end}]")
        typer.echo(f"  sentence: {c.sentence}")
        typer.echo(f"  document: {c.title} ({c.doc_type}, {c.doc_id})")
        typer.echo(f"  url:      {c.url}")
        if c.flags:
            typer.echo(f"  flags:    {', '.join(c.flags)}")


def _one_locality(con: duckdb.DuckDBPyConnection, text: str, sql_dir: Path) -> str:
    matches = resolve_locality(con, text, sql_dir)
    exact = [m for m in matches if text in (m[0], m[1])]
    chosen = exact or matches
    if len(chosen) == 1:
        return chosen[0][0]
    if not chosen:
        raise typer.BadParameter(f"no division named or coded {text!r}", param_hint="LOCALITY")
    options = "; ".join(f"{code} {desc}" for code, _name, desc in chosen[:10])
    raise typer.BadParameter(f"{text!r} is ambiguous, use a code: {options}", param_hint="LOCALITY")
