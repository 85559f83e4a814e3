"""``fazhi run``: the whole pipeline under Prefect (default: the bundled sample site)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fazhi.cli.app import DataDirOption, app, settings_for


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

    Exits 0 when every source answered, 3 when some failed (the run is "Partial" in Prefect)
    and 1 when none could be crawled or the run failed.

    Example: [bold]fazhi run --sources deploy/sources.toml --data-dir warehouse/[/bold]
    """
    settings = settings_for(data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    from fazhi.parse.pool import start_worker_server
    from flows.local import local_prefect, temporary_server

    with local_prefect(settings), temporary_server(settings) as server_ready:
        # the parsers' fork server and Prefect's server start side by side on the two cores
        # while this process imports the flows; the crawl then has a core to itself
        start_worker_server()
        from flows.pipeline import run_exit_code

        server_ready()
        code = run_exit_code(
            sources_file=str(sources) if sources else None,
            data_dir=str(settings.data_dir),
            run_id=run_id,
            reprocess_quarantine=reprocess_quarantine,
        )
    raise typer.Exit(code)
