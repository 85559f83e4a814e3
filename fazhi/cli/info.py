"""``fazhi version``."""

from __future__ import annotations

import typer

from fazhi import __version__
from fazhi.cli.app import app


@app.command()
def version() -> None:
    """Print the fazhi-lake version, and whether extraction runs compiled (make compile).
    Example: [bold]fazhi version[/bold]"""
    from fazhi.extract import COMPILED

    typer.echo(__version__)
    typer.echo(f"extraction compiled: {'yes' if COMPILED else 'no'}")
