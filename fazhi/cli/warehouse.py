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
from rich.text import Text

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.errors import WarehouseBusyError
from fazhi.warehouse.db import connect_reader
from fazhi.warehouse.export import csv_text, flat
from fazhi.warehouse.read import (
    NotAReadError,
    named_queries,
    named_query_sql,
    resolve_indicator,
    resolve_locality,
    run_query,
)
from fazhi.warehouse.read import (
    explain as explain_cell,
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def open_reader(data_dir: object) -> duckdb.DuckDBPyConnection:
    """The locked read-only connection, or exit saying why (missing, busy, unreadable)."""
    settings = settings_for(data_dir)  # type: ignore[arg-type]
    try:
        return connect_reader(settings)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--data-dir") from exc
    except WarehouseBusyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except duckdb.Error as exc:
        typer.echo(f"error: cannot open the warehouse: {exc}", err=True)
        if "version" in str(exc).lower():
            typer.echo("written by another DuckDB version: fazhi rebuild makes it anew", err=True)
        raise typer.Exit(1) from exc


def print_table(frame: pl.DataFrame) -> None:
    """A Rich table of ``frame`` whose cells print as data: no markup, no emoji codes."""
    table = Table(show_lines=False)
    for column in frame.columns:
        table.add_column(Text(column))
    for row in flat(frame).iter_rows():
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    Console(width=200, markup=False, emoji=False, highlight=False).print(table)
    typer.echo(f"{frame.height} rows")


def _print(frame: pl.DataFrame, output: OutputFormat) -> None:
    if output is OutputFormat.csv:
        typer.echo(csv_text(frame), nl=False)
    elif output is OutputFormat.json:
        typer.echo(json.dumps(frame.to_dicts(), ensure_ascii=False, default=str, indent=1))
    else:
        print_table(frame)


def fetch(data_dir: object, sql: str) -> pl.DataFrame:
    """The rows of one read statement on the locked read-only connection, or exit 1 saying why."""
    con = open_reader(data_dir)
    try:
        return run_query(con, sql)
    except (duckdb.Error, NotAReadError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()


def _run(data_dir: object, sql: str, output: OutputFormat) -> None:
    _print(fetch(data_dir, sql), output)


@app.command("sql")
def sql_command(
    statement: Annotated[str, typer.Argument(help="A SQL statement (read-only).")],
    output: FormatOption = OutputFormat.table,
    data_dir: DataDirOption = None,
) -> None:
    """Run one read statement on the warehouse (SELECT, DESCRIBE, SHOW, SUMMARIZE).

    The connection reaches the warehouse and the lake only: no writes, ATTACH, COPY or reading
    other files. Nested columns print as JSON in CSV. To write a file, use fazhi export.

    Example: [bold]fazhi sql "select * from mart_best_value limit 5" --format csv[/bold]
    """
    _run(data_dir, statement, output)


@app.command("query")
def query_command(
    name: Annotated[
        str | None, typer.Argument(help="Name of a file in fazhi/sql/queries/.")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    output: FormatOption = OutputFormat.table,
    data_dir: DataDirOption = None,
) -> None:
    """Run a named example query from fazhi/sql/queries/ (read-only).

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
    con = open_reader(data_dir)
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


@app.command("rebuild")
def rebuild_command(data_dir: DataDirOption = None) -> None:
    """Rebuild the warehouse file from the lake (every run's staged rows, gated again).

    Use it when fazhi.duckdb was written by another DuckDB version, or lost: the lake holds
    everything the warehouse is made of. The old file is kept as fazhi.duckdb.before-rebuild.

    Example: [bold]fazhi rebuild --data-dir warehouse[/bold]
    """
    from fazhi.warehouse.rebuild import rebuild_from_lake

    done = rebuild_from_lake(settings_for(data_dir))
    typer.echo(
        f"rebuilt from {done.runs} run(s) in the lake: {done.documents_loaded} documents, "
        f"{done.facts_loaded} facts ({done.seconds:.1f} s)"
    )
    if done.previous_file is not None:
        typer.echo(f"the previous file is kept as {done.previous_file}")


@app.command("check")
def check_command(data_dir: DataDirOption = None) -> None:
    """Check that the warehouse holds one row per key where no PRIMARY KEY holds it.

    fact_indicator, best_value, document_text and dim_document have no key constraint (DuckDB
    kept its index in memory and rewrote it at each load); the load keeps them unique and checks
    each batch. This checks every row; exit 1 names any table holding a
    key twice (fazhi rebuild makes the warehouse anew from the lake).

    Example: [bold]fazhi check --data-dir warehouse[/bold]
    """
    from fazhi.warehouse.integrity import duplicate_keys

    con = open_reader(data_dir)
    try:
        found = duplicate_keys(con, settings_for(data_dir).sql_dir)
    finally:
        con.close()
    for duplicate in found:
        typer.echo(f"error: {duplicate.describe()}", err=True)
    if found:
        raise typer.Exit(1)
    typer.echo("one row per key in fact_indicator, best_value, document_text and dim_document")
