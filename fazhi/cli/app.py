"""The Typer application and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fazhi.config import Settings, load_settings

app = typer.Typer(
    name="fazhi",
    help="fazhi-lake: crawl, parse, gate and load China's local rule-of-law reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="FAZHI_DATA_DIR",
        help="Data directory holding fazhi.duckdb and the lake (default: warehouse/).",
        show_default=False,
    ),
]


def settings_for(data_dir: Path | None) -> Settings:
    """The settings object for a command invoked with ``--data-dir``."""
    return load_settings(data_dir=data_dir)


@app.callback()
def _root() -> None:
    """fazhi-lake: crawl, parse, gate and load China's local rule-of-law reports."""
