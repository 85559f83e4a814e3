"""On a real Prefect server on 127.0.0.1: deploy/prefect.yaml deployed, limits enforced, daily-crawl
and the sharded crawl run by real process workers against the bundled sample site."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import polars as pl
import pytest
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL, temporary_settings

from fazhi.config import load_settings
from fazhi.crawl.sample_site import sample_sources, serve_sample_site
from fazhi.crawl.sources import Source
from fazhi.crawl.store import read_manifest
from flows.deploy import read_deployment_specs
from flows.limits import WAREHOUSE_WRITER, ensure_concurrency_limits, warehouse_slot
from tests.orchestration.conftest import LocalPrefect

pytestmark = pytest.mark.slow

FLOW_OF = {
    "daily-crawl": "daily-crawl",
    "reextract": "reextract",
    "backfill": "backfill",
    "crawl-shard": "crawl-shard",
    "sharded-crawl": "sharded-crawl",
}
RUN_TIMEOUT_S = 240


@contextlib.contextmanager
def api_client(local: LocalPrefect) -> Iterator[SyncPrefectClient]:
    with temporary_settings({PREFECT_API_URL: local.api}), get_client(sync_client=True) as client:
        yield client


def write_sources(path: Path, sources: list[Source]) -> Path:
    """A sources file in the contract's TOML (JSON strings are valid TOML basic strings)."""
    blocks = [
        f"[[source]]\nid = {json.dumps(s.id)}\nname = {json.dumps(s.name, ensure_ascii=False)}\n"
        f"start_urls = {json.dumps(list(s.start_urls))}\nallow_private_addresses = true\n"
        for s in sources
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def run_and_wait(local: LocalPrefect, name: str, parameters: dict[str, Any]) -> FlowRun:
    with temporary_settings({PREFECT_API_URL: local.api}):
        run = run_deployment(name, parameters=parameters, timeout=RUN_TIMEOUT_S, poll_interval=1)
    assert run.state is not None and run.state.is_completed(), (
        f"{name} ended {run.state!r}\n{local.log_tail()}"
    )
    return run


def test_serve_reports_every_deployment(deployed: str) -> None:
    listed = {line.removeprefix("deployed ") for line in deployed.splitlines()
              if line.startswith("deployed ")}  # fmt: skip
    assert listed == {f"{FLOW_OF[spec.name]}/{spec.name}" for spec in read_deployment_specs()}
    assert "warehouse-writer=1, 1 host(s)" in deployed


@pytest.mark.parametrize(
    "spec", read_deployment_specs(), ids=lambda spec: f"{spec.name}-as-declared-on-server"
)
def test_deployment_on_server_matches_prefect_yaml(
    prefect_server: LocalPrefect, deployed: str, spec: Any
) -> None:
    with api_client(prefect_server) as client:
        deployment = client.read_deployment_by_name(f"{FLOW_OF[spec.name]}/{spec.name}")
        schedules = client.read_deployment_schedules(deployment.id)
    assert deployment.description and deployment.description.strip() == spec.description
    assert set(deployment.tags) == set(spec.tags)
    assert deployment.work_pool_name == "fazhi-local"
    assert deployment.entrypoint == spec.entrypoint
    assert deployment.parameter_openapi_schema["properties"], "parameters must be typed"
    declared = [(s["cron"], s["timezone"]) for s in spec.schedules]
    on_server = [(s.schedule.cron, s.schedule.timezone) for s in schedules]  # type: ignore[union-attr]
    assert on_server == declared
    assert all(s.active for s in schedules)


@pytest.mark.parametrize(
    ("deployment", "parameter", "json_type"),
    [
        pytest.param("daily-crawl/daily-crawl", "sources_file", "string", id="daily-sources-file"),
        pytest.param("backfill/backfill", "years", "array", id="backfill-years-list"),
        pytest.param("backfill/backfill", "source_ids", "array", id="backfill-source-ids-list"),
        pytest.param("crawl-shard/crawl-shard", "run_id", "string", id="shard-run-id"),
        pytest.param("sharded-crawl/sharded-crawl", "shards", "integer", id="shard-count"),
    ],
)
def test_parameters_are_typed_on_server(
    prefect_server: LocalPrefect, deployed: str, deployment: str, parameter: str, json_type: str
) -> None:
    with api_client(prefect_server) as client:
        schema = client.read_deployment_by_name(deployment).parameter_openapi_schema
    prop = schema["properties"][parameter]
    types = {prop.get("type")} | {option.get("type") for option in prop.get("anyOf", [])}
    assert json_type in types, prop


@pytest.mark.parametrize(
    ("deployment", "weekdays"),
    [
        pytest.param("daily-crawl/daily-crawl", set(range(7)), id="daily-crawl-every-day"),
        pytest.param("reextract/reextract", {6}, id="reextract-on-sundays"),
    ],
)
def test_server_schedules_runs_in_china_time(
    prefect_server: LocalPrefect, deployed: str, deployment: str, weekdays: set[int]
) -> None:
    with api_client(prefect_server) as client:
        deployment_id = client.read_deployment_by_name(deployment).id
        runs = wait_for_scheduled_runs(client, deployment_id)
    china = [run.expected_start_time.astimezone(ZoneInfo("Asia/Shanghai")) for run in runs]
    assert {t.strftime("%H:%M") for t in china} <= {"02:00", "04:00"}
    assert len({t.strftime("%H:%M") for t in china}) == 1
    assert {t.weekday() for t in china} <= weekdays


def wait_for_scheduled_runs(client: SyncPrefectClient, deployment_id: Any) -> list[FlowRun]:
    """The runs the server's scheduler service created for a deployment (it loops every second).

    Asked of the server for this deployment only: an unfiltered read returns one page of runs,
    and once other tests' runs and other deployments' schedules fill it, this one's are not on it.
    """
    only_this = DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    for _ in range(120):
        runs = [
            r
            for r in client.read_flow_runs(deployment_filter=only_this)
            if r.deployment_id == deployment_id
            and r.state is not None
            and r.state.is_scheduled()
            and r.expected_start_time
        ]
        if runs:
            return runs
        time.sleep(0.5)
    raise AssertionError("the scheduler created no runs")


def test_limits_exist_and_warehouse_slot_occupies_the_one_slot(
    prefect_server: LocalPrefect, deployed: str
) -> None:
    with api_client(prefect_server) as client:
        assert client.read_global_concurrency_limit_by_name(WAREHOUSE_WRITER).limit == 1
        host_limit = client.read_concurrency_limit_by_tag("crawl-host:127.0.0.1:8123")
        assert host_limit.concurrency_limit == 2
        # no task-tag limit: Prefect would hold its slot while a killed load stays Running;
        # one an older deploy left is removed when the limits are ensured again
        with pytest.raises(ObjectNotFound):
            client.read_concurrency_limit_by_tag(WAREHOUSE_WRITER)
        client.create_concurrency_limit(tag=WAREHOUSE_WRITER, concurrency_limit=1)
        ensure_concurrency_limits(client, ["crawl-host:127.0.0.1:8123"], per_host=2)
        with pytest.raises(ObjectNotFound):
            client.read_concurrency_limit_by_tag(WAREHOUSE_WRITER)
        with temporary_settings({PREFECT_API_URL: prefect_server.api}), warehouse_slot():
            held = client.read_global_concurrency_limit_by_name(WAREHOUSE_WRITER).active_slots
        after = client.read_global_concurrency_limit_by_name(WAREHOUSE_WRITER).active_slots
    assert (held, after) == (1, 0)


def test_daily_crawl_on_a_worker_loads_facts(
    prefect_server: LocalPrefect, workers: list[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    with serve_sample_site() as base_url:
        sources = write_sources(tmp_path / "sources.toml", sample_sources(base_url))
        run_and_wait(prefect_server, "daily-crawl/daily-crawl",
                     {"sources_file": str(sources), "data_dir": str(data_dir)})  # fmt: skip
    with contextlib.closing(duckdb.connect(str(data_dir / "fazhi.duckdb"), read_only=True)) as con:
        documents = con.execute("select count(*) from dim_document").fetchone()
        facts = con.execute("select count(*) from fact_indicator").fetchone()
    # the gate may quarantine some of the five sample reports; what passes must be loaded
    assert documents is not None and 0 < documents[0] <= 5
    assert facts is not None and facts[0] > 0


def test_sharded_crawl_on_two_workers_fetches_each_report_once(
    prefect_server: LocalPrefect, workers: list[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    # two copies of the sample site on two ports: two hosts, so two shards
    with serve_sample_site() as first, serve_sample_site() as second:
        site_sources = [
            Source(id=f"site-{i}", name=s.name, start_urls=s.start_urls,
                   allow_private_addresses=True)
            for i, base in enumerate((first, second)) for s in sample_sources(base)
        ]  # fmt: skip
        sources = write_sources(tmp_path / "sources.toml", site_sources)
        run_and_wait(prefect_server, "sharded-crawl/sharded-crawl",
                              {"sources_file": str(sources), "shards": 2,
                               "data_dir": str(data_dir)})  # fmt: skip
    manifest = read_manifest(load_settings(data_dir=data_dir))
    reports = manifest.filter(pl.col("kind").is_in(["article", "attachment"]))
    per_url = reports.group_by("url").agg(pl.len().alias("fetches"), pl.col("source_id").first())
    assert per_url.get_column("fetches").to_list() == [1] * per_url.height
    assert per_url.group_by("source_id").len().sort("source_id").rows() == [
        ("site-0", per_url.height // 2),
        ("site-1", per_url.height // 2),
    ]
    assert manifest.get_column("run_id").n_unique() == 1, "every shard writes the shared run id"
    with api_client(prefect_server) as client:
        shard = client.read_deployment_by_name("crawl-shard/crawl-shard")
        runs = [r for r in client.read_flow_runs() if r.deployment_id == shard.id]
    assert sorted(tuple(r.parameters["source_ids"]) for r in runs) == [("site-0",), ("site-1",)]
    assert all(r.state is not None and r.state.is_completed() for r in runs)
