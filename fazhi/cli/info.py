"""``fazhi version``."""

from __future__ import annotations

import typer

from fazhi import __version__
from fazhi.cli.app import app


@app.command()
def version() -> None:
    """Print the fazhi-lake version.  Example: [bold]fazhi version[/bold]"""
    typer.echo(__version__)
