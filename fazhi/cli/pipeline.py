"""``fazhi run``: the whole pipeline under Prefect (default: the bundled sample site)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from fazhi.cli.app import DataDirOption, app, settings_for


def use_local_prefect(prefect_home: Path) -> None:
    """Point Prefect at a home under the data directory unless the user configured one.

    With no ``PREFECT_API_URL`` Prefect runs against a temporary local API, so the pipeline
    works on a fresh machine with no server.
    """
    prefect_home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(prefect_home.resolve()))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network beyond the site


@app.command()
def run(
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Sources file (TOML); default: the bundled sample site"),
    ] = None,
    data_dir: DataDirOption = None,
    reprocess_quarantine: Annotated[
        bool, typer.Option("--reprocess-quarantine", help="Retry quarantined documents too")
    ] = False,
    run_id: Annotated[
        str | None, typer.Option("--run-id", help="Resume or repeat this run id")
    ] = None,
) -> None:
    """Crawl, parse, gate and load; print a summary of what was loaded.

    Example: [bold]fazhi run --sources deploy/sources.toml --data-dir warehouse/[/bold]
    """
    settings = settings_for(data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    use_local_prefect(settings.prefect_home)
    from flows.pipeline import run_pipeline

    summary = run_pipeline(
        sources_file=str(sources) if sources else None,
        data_dir=str(settings.data_dir),
        run_id=run_id,
        reprocess_quarantine=reprocess_quarantine,
    )
    if summary.status != "succeeded":
        raise typer.Exit(1)
