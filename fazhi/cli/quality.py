"""``fazhi quarantine list`` and ``fazhi quarantine show ID``: the rows the quality gate refused."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from fazhi.cli.app import DataDirOption, app, settings_for

quarantine_app = typer.Typer(
    help="Rows the quality gate refused, with the expectations they failed.",
    no_args_is_help=True,
)
app.add_typer(quarantine_app, name="quarantine")


@quarantine_app.command("list")
def list_quarantine(
    data_dir: DataDirOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include rows resolved by a later run.")
    ] = False,
) -> None:
    """List open quarantined rows (id, run, table, document, indicator, reasons).

    Example: [bold]fazhi quarantine list --data-dir warehouse[/bold]
    """
    from fazhi.quality.quarantine import read_quarantine

    rows = read_quarantine(settings_for(data_dir))
    if not show_all:
        rows = rows.filter(rows["status"] == "open")
    table = Table("id", "run", "table", "doc_id", "indicator", "reasons", "status")
    for row in rows.iter_rows(named=True):
        table.add_row(
            row["id"],
            row["run_id"],
            row["table_name"],
            row["doc_id"] or "",
            row["indicator"] or "",
            "; ".join(row["reasons"] or []),
            row["status"],
        )
    Console().print(table)
    typer.echo(f"{rows.height} quarantined row(s){'' if show_all else ' open'}")


@quarantine_app.command("show")
def show_quarantine(
    row_id: Annotated[str, typer.Argument(metavar="ID", help="Id (or unique prefix) from list.")],
    data_dir: DataDirOption = None,
) -> None:
    """Show one quarantined row: its reasons and the row as staged.

    Example: [bold]fazhi quarantine show 3f2a9c01de[/bold]
    """
    from fazhi.quality.quarantine import find_quarantined

    rows = find_quarantined(settings_for(data_dir), row_id)
    if rows.height != 1:
        problem = "no quarantined row" if rows.height == 0 else f"{rows.height} rows"
        typer.echo(f"{problem} with id {row_id!r}", err=True)
        raise typer.Exit(1)
    row = rows.row(0, named=True)
    for key in (
        "id",
        "run_id",
        "table_name",
        "doc_id",
        "indicator",
        "quarantined_at",
        "status",
        "resolved_by_run",
    ):
        typer.echo(f"{key}: {row[key] if row[key] is not None else ''}")
    typer.echo("reasons:")
    for reason in row["reasons"] or []:
        typer.echo(f"  - {reason}")
    typer.echo("row:")
    typer.echo(json.dumps(json.loads(row["row_json"]), ensure_ascii=False, indent=2))
