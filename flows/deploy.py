"""Registering the project with a Prefect server: work pool, concurrency limits, deployments.

Reads ``deploy/prefect.yaml`` and the sources file (for the crawled hosts); writes the work pool,
the concurrency limits and the deployments to the Prefect server at the given API URL.

The ``deploy/`` folder is the checkout's; an installed wheel carries it as package data
(``fazhi/data/deploy``, a link to it in the checkout), so ``fazhi serve`` works without a checkout.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fazhi.config import REPO_ROOT
from fazhi.crawl.sources import load_sources
from fazhi.errors import TerminalError
from flows.limits import crawl_host_tags, ensure_concurrency_limits
from flows.server import WORK_POOL


def project_dir(checkout: Path = REPO_ROOT) -> Path:
    """The folder holding ``deploy/``: the checkout, else the installed package's data."""
    if (checkout / "deploy" / "prefect.yaml").is_file():
        return checkout
    return Path(__file__).resolve().parent.parent / "fazhi" / "data"


PROJECT_DIR = project_dir()
PREFECT_FILE = PROJECT_DIR / "deploy" / "prefect.yaml"
SOURCES_FILE = PROJECT_DIR / "deploy" / "sources.toml"


@dataclass(frozen=True)
class DeploymentSpec:
    """What ``deploy/prefect.yaml`` declares for one deployment."""

    name: str
    entrypoint: str
    work_pool: str
    tags: tuple[str, ...]
    description: str
    schedules: tuple[Mapping[str, Any], ...]
    parameters: Mapping[str, Any]


def read_deployment_specs(prefect_file: Path = PREFECT_FILE) -> list[DeploymentSpec]:
    """The deployments declared in a prefect.yaml file."""
    document = yaml.safe_load(prefect_file.read_text(encoding="utf-8"))
    return [_spec(entry) for entry in document.get("deployments") or []]


def _spec(entry: Mapping[str, Any]) -> DeploymentSpec:
    return DeploymentSpec(
        name=entry["name"],
        entrypoint=entry["entrypoint"],
        work_pool=(entry.get("work_pool") or {}).get("name", ""),
        tags=tuple(entry.get("tags") or ()),
        description=(entry.get("description") or "").strip(),
        schedules=tuple(entry.get("schedules") or ()),
        parameters=dict(entry.get("parameters") or {}),
    )


def source_start_urls(sources_file: Path) -> list[str]:
    """Every start URL of a sources file, read and validated by the crawler's own loader."""
    if not sources_file.is_file():
        return []
    return [url for source in load_sources(sources_file) for url in source.start_urls]


def ensure_work_pool(api: str, pool: str = WORK_POOL) -> None:
    """Create the local process work pool on the server at ``api`` unless it exists."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.workers.process import ProcessWorker

    template = ProcessWorker.get_default_base_job_template()
    create = WorkPoolCreate(name=pool, type="process", base_job_template=template)
    with (
        temporary_settings({PREFECT_API_URL: api}),
        get_client(sync_client=True) as client,
        contextlib.suppress(ObjectAlreadyExists),
    ):
        client.create_work_pool(create)


def ensure_limits(api: str, sources_files: list[Path], per_host: int) -> list[str]:
    """Create the warehouse-writer limit and a per-host crawl limit; return the host tags."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    tags = crawl_host_tags(url for path in sources_files for url in source_start_urls(path))
    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        ensure_concurrency_limits(client, tags, per_host)
    return tags


def deploy_command(prefect_file: Path = PREFECT_FILE) -> list[str]:
    """``prefect deploy --all`` for a prefect.yaml, never prompting (run from PROJECT_DIR)."""
    return [sys.executable, "-m", "prefect", "--no-prompt", "deploy", "--all",
            "--prefect-file", str(prefect_file)]  # fmt: skip


def deploy_all(env: Mapping[str, str], prefect_file: Path = PREFECT_FILE) -> str:
    """Run ``prefect deploy --all`` from PROJECT_DIR with ``env``; return its output."""
    done = subprocess.run(
        deploy_command(prefect_file), cwd=PROJECT_DIR, env=dict(env),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise TerminalError(f"prefect deploy failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def deployment_names(api: str) -> list[str]:
    """``flow/deployment`` for every deployment on the server at ``api``, sorted."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        flows = {flow.id: flow.name for flow in client.read_flows()}
        return sorted(f"{flows[d.flow_id]}/{d.name}" for d in client.read_deployments())
