"""``fazhi export QUERY --to FILE``: rows of a query as CSV, Parquet or Excel, at one path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.cli.warehouse import fetch
from fazhi.warehouse.export import ExportFormat, format_for, write_export
from fazhi.warehouse.read import named_queries, named_query_sql


@app.command("export")
def export_command(
    query: Annotated[
        str, typer.Argument(help="A read statement, or the name of a query in fazhi/sql/queries/.")
    ],
    to: Annotated[Path, typer.Option("--to", help="The file to write (.csv, .parquet or .xlsx).")],
    output: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="Format, when the file name does not say."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start a CSV with a UTF-8 BOM, so Excel reads Chinese.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Write the rows of a query to one file: CSV (nested columns as JSON), Parquet or Excel.

    The query runs on the same locked, read-only connection as fazhi sql; only the file named
    by --to is written.

    Example: [bold]fazhi export "select * from mart_best_value" --to best.csv --bom[/bold];
    [bold]fazhi export coverage_by_province --to coverage.xlsx[/bold]
    """
    try:
        chosen = format_for(to, output)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--to") from exc
    if to.exists() and not force:
        raise typer.BadParameter(f"{to} exists; add --force to replace it", param_hint="--to")
    queries_dir = settings_for(data_dir).sql_dir / "queries"
    known = named_queries(queries_dir)
    sql = named_query_sql(query, queries_dir) if query in known else query
    frame = fetch(data_dir, sql)
    written = write_export(frame, to, chosen, settings_for(data_dir), bom=bom)
    typer.echo(f"wrote {frame.height} rows to {written} ({chosen.value})")
