"""``fazhi finish``: complete sharded runs whose crawl shards did not all finish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fazhi.cli.app import DataDirOption, app, settings_for


@app.command()
def finish(
    run_id: Annotated[
        str | None, typer.Option("--run-id", help="Finish only this run (default: every one).")
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources", help="With --run-id: the run's sources file; no Prefect server needed."
        ),
    ] = None,
    data_dir: DataDirOption = None,
    api_url: Annotated[
        str | None,
        typer.Option("--api-url", help="Prefect API (default: PREFECT_API_URL or the profile's)."),
    ] = None,
) -> None:
    """Finish sharded runs the warehouse never recorded, each under its own run id.

    Finds them from the crawl-shard runs on the Prefect server, crawls here the sources each
    one has no manifest for in the lake, then parses, gates and loads the whole run once: the
    documents of shards that did finish are loaded with it, never left behind. Exits as
    [bold]fazhi run[/bold] (0, 3 partial, 1 failed) for the last run it finished.

    Example: [bold]fazhi finish --run-id 20260301T020000Z-a1b2c3[/bold]
    """
    from flows.finish import UnfinishedRun, find_unfinished, finish_exit_code
    from flows.limits import configured_api_url

    settings = settings_for(data_dir)
    api = api_url or configured_api_url()
    if run_id and sources:
        runs = [UnfinishedRun(run_id, str(sources), None, str(settings.data_dir))]
    elif api is None:
        typer.echo("fazhi finish needs a Prefect server (--api-url or PREFECT_API_URL) to find "
                   "unfinished runs, or --run-id with --sources", err=True)  # fmt: skip
        raise typer.Exit(2)
    else:
        runs = find_unfinished(api, settings, run_id)
    if not runs:
        typer.echo(f"nothing to finish{f': run {run_id} is recorded' if run_id else ''}")
        raise typer.Exit(0)
    code = 0
    for run in runs:
        typer.echo(f"finishing {run.describe()}")
        code = finish_exit_code(run, settings, api)
        typer.echo(f"run {run.run_id}: exit {code}")
    raise typer.Exit(code)
