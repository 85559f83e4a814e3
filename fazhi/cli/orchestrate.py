"""``fazhi server``, ``fazhi serve`` and ``fazhi worker``: scheduled runs with Prefect."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.config import Settings
from flows import deploy, server, workers
from flows.limits import configured_api_url

ApiUrlOption = Annotated[
    str | None,
    typer.Option(
        "--api-url",
        help="Prefect API (default: PREFECT_API_URL or the profile's, else the local server).",
        show_default=False,
    ),
]
WorkerNameOption = Annotated[
    str | None, typer.Option("--name", help="Worker name (default: fazhi-<hostname>).")
]
QueueOption = Annotated[
    list[str] | None,
    typer.Option(
        "--queue",
        help='Work queue to poll; repeatable ("crawl" on crawl-only machines). Default: all.',
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", help="Most warehouse-queue runs (loads, sharded-crawl) at once."),
]
CrawlSlotsOption = Annotated[
    int,
    typer.Option(
        "--crawl-slots", min=1, help="Most crawl shards at once (1 spreads shards over workers)."
    ),
]


def _api(api_url: str | None) -> str:
    return api_url or configured_api_url() or server.api_url()


def _worker_name(name: str | None) -> str:
    return name or f"fazhi-{socket.gethostname()}"


@app.command("server")
def server_command(
    data_dir: DataDirOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = server.DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = server.DEFAULT_PORT,
    ui: Annotated[bool, typer.Option("--ui/--no-ui", help="Serve the dashboard.")] = True,
) -> None:
    """Run a local Prefect server (SQLite under DATA_DIR/.prefect) until Ctrl-C.

    Example: [bold]fazhi server --port 4200[/bold], then in another terminal
    [bold]fazhi serve[/bold].
    """
    settings = settings_for(data_dir)
    api = server.api_url(host, port)
    env = server.server_environment(settings, host, port)
    process = server.start_process(server.server_command(host, port, ui=ui), env)
    server.wait_for_api(api, timeout_s=120, process=process)
    typer.echo(f"Prefect API: {api}\nDashboard:   {server.ui_url(api)}")
    typer.echo(f"Prefect home: {env['PREFECT_HOME']}")
    typer.echo(f"Point other shells and machines at it:  export PREFECT_API_URL={api}")
    raise typer.Exit(server.run_until_interrupted(process))


@app.command("serve")
def serve_command(
    data_dir: DataDirOption = None,
    api_url: ApiUrlOption = None,
    sources: Annotated[
        Path, typer.Option("--sources", help="Sources file whose hosts get crawl limits.")
    ] = deploy.SOURCES_FILE,
    name: WorkerNameOption = None,
    limit: LimitOption = None,
    crawl_slots: CrawlSlotsOption = 1,
    deploy_only: Annotated[
        bool, typer.Option("--deploy-only", help="Register deployments; start no worker.")
    ] = False,
) -> None:
    """Register the deployments of deploy/prefect.yaml and run a worker so their schedules run.

    Creates the "fazhi-local" process work pool, the "warehouse-writer" limit (1 slot) and a
    crawl limit per host of the sources file, runs [bold]prefect deploy --all[/bold], then works
    until Ctrl-C. Example: [bold]fazhi serve --api-url http://127.0.0.1:4200/api[/bold]
    """
    settings = settings_for(data_dir)
    api = _api(api_url)
    env = server.prefect_environment(settings, api)
    _register(api, env, sources, settings)
    if not deploy_only:
        _work(settings, api, _worker_name(name), limit, crawl_slots)


def _register(api: str, env: dict[str, str], sources: Path, settings: Settings) -> None:
    server.wait_for_api(api, timeout_s=30)
    deploy.ensure_work_pool(api)
    tags = deploy.ensure_limits(api, [sources], settings.max_concurrency_per_host)
    typer.echo(f"Work pool {server.WORK_POOL!r}; limits: warehouse-writer=1, {len(tags)} host(s)")
    deploy.deploy_all(env)  # Prefect's own output is only shown when it fails
    for name in deploy.deployment_names(api):
        typer.echo(f"deployed {name}")


@app.command("worker")
def worker_command(
    data_dir: DataDirOption = None,
    api_url: ApiUrlOption = None,
    name: WorkerNameOption = None,
    limit: LimitOption = None,
    crawl_slots: CrawlSlotsOption = 1,
    queue: QueueOption = None,
) -> None:
    """Run one more worker of the "fazhi-local" process pool (here or on another machine).

    Without --queue it polls both queues with two Prefect workers, NAME-warehouse and
    NAME-crawl (at most --crawl-slots shards at once), so shards spread over machines and a
    sharded-crawl never waits for a slot it holds itself. Killed, it takes its runs along.
    Example: [bold]PREFECT_API_URL=http://10.0.0.5:4200/api fazhi worker --queue crawl[/bold]
    """
    settings = settings_for(data_dir)
    name = _worker_name(name)
    _work(settings, _api(api_url), name, limit, crawl_slots, tuple(queue or ()))


def _work(
    settings: Settings,
    api: str,
    name: str,
    limit: int | None,
    crawl_slots: int,
    queues: tuple[str, ...] = (),
) -> None:
    env = server.prefect_environment(settings, api)
    commands = workers.worker_commands(name, queues, crawl_slots=crawl_slots, limit=limit)
    for command in commands:  # e.g. "--name n-crawl --work-queue crawl --limit 1"
        options = " ".join(command[command.index("--name") :])
        typer.echo(f"Worker of pool {server.WORK_POOL!r} at {api}: {options}")
    raise typer.Exit(workers.run_workers(commands, env))
