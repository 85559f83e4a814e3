"""``fazhi dashboard``: build the data-quality dashboard and print its path."""

from __future__ import annotations

import webbrowser
from typing import Annotated

import typer

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.errors import WarehouseLockedError


@app.command()
def dashboard(
    data_dir: DataDirOption = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the dashboard in the default web browser.")
    ] = False,
) -> None:
    """Build the static dashboard under DIR/dashboard/ from the warehouse and print its path.

    Example: [bold]fazhi dashboard --data-dir warehouse --open[/bold]
    """
    from fazhi.report.dashboard import build_dashboard  # keeps other commands' start-up fast

    try:
        index = build_dashboard(settings_for(data_dir))
    except (FileNotFoundError, WarehouseLockedError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(str(index.resolve()))
    if open_browser:
        webbrowser.open(index.resolve().as_uri())
