"""``fazhi crawl``: crawl the sources of a file (default: the bundled sample site)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.config import Settings
from fazhi.crawl.crawler import crawl_source, summarise_manifest
from fazhi.crawl.sample_site import sample_sources, serve_sample_site
from fazhi.crawl.sources import Source, SourcesFileError, load_sources
from fazhi.lake import new_run_id


@app.command()
def crawl(
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Sources file (TOML); default: the bundled sample site"),
    ] = None,
    data_dir: DataDirOption = None,
    run_id: Annotated[
        str | None, typer.Option("--run-id", help="Run id to record (default: a new one)")
    ] = None,
) -> None:
    """Fetch new reports and attachments into the raw lake; print a per-source summary.

    Example: [bold]fazhi crawl --sources deploy/sources.toml --data-dir warehouse/[/bold]
    """
    settings = settings_for(data_dir)
    run = run_id or new_run_id()
    console = Console()
    with _sources(sources) as chosen:
        manifests = [_crawl_with_progress(source, settings, run, console) for source in chosen]
    summary = summarise_manifest(pl.concat(manifests)) if manifests else None
    console.print(_summary_table(run, summary))


@contextmanager
def _sources(path: Path | None) -> Iterator[list[Source]]:
    if path is not None:
        try:
            yield load_sources(path)
        except SourcesFileError as exc:
            raise typer.BadParameter(str(exc), param_hint="--sources") from exc
        return
    with serve_sample_site() as base_url:
        yield sample_sources(base_url)


def _crawl_with_progress(
    source: Source, settings: Settings, run_id: str, console: Console
) -> pl.DataFrame:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(source.id, total=None)

        def report(message: str) -> None:
            # Listing pages first (no total yet), then one "report" message per report link.
            found = re.fullmatch(r"found (\d+) report links", message)
            if found:
                progress.update(task, total=int(found[1]), completed=0)
            elif message.startswith("report "):
                progress.advance(task)
            progress.update(task, description=f"{source.id}: {message[:60]}")

        return crawl_source(source, settings, run_id, progress=report)


def _summary_table(run_id: str, summary: pl.DataFrame | None) -> Table:
    table = Table(title=f"crawl {run_id}")
    names = ["source_id", "pages", "reports", "maybe", "new", "unchanged", "blocked", "failed"]
    for name in names:
        table.add_column(name, justify="left" if name == "source_id" else "right")
    for row in summary.iter_rows(named=True) if summary is not None else []:
        table.add_row(*(str(row[name]) for name in names))
    return table
