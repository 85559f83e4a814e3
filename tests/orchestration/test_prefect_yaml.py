"""deploy/prefect.yaml against the flows it names, without a server."""

from __future__ import annotations

import inspect

import pytest
from prefect.flows import load_flow_from_entrypoint

from fazhi.config import REPO_ROOT
from flows.deploy import DeploymentSpec, read_deployment_specs

SPECS = read_deployment_specs()
SCHEDULES = {
    "daily-crawl": [("0 2 * * *", "Asia/Shanghai")],
    "reextract": [("0 4 * * 0", "Asia/Shanghai")],
    "backfill": [],
    "crawl-shard": [],
    "sharded-crawl": [],
}
QUEUES = {"crawl-shard": "crawl"}  # everything else writes the warehouse


def test_declares_exactly_the_deployments_of_the_brief() -> None:
    assert sorted(spec.name for spec in SPECS) == sorted(SCHEDULES)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.name}-loads-and-takes-its-parameters")
def test_entrypoint_is_a_flow_taking_the_declared_parameters(spec: DeploymentSpec) -> None:
    # a module path, not a file path: a worker imports it from a wheel as from a checkout
    assert ":" not in spec.entrypoint and spec.entrypoint.startswith("flows.")
    flow = load_flow_from_entrypoint(spec.entrypoint)
    accepted = set(inspect.signature(flow.fn).parameters)
    assert flow.name == spec.name
    assert set(spec.parameters) <= accepted
    assert "data_dir" in accepted, "every flow must let a run choose its data directory"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.name}-schedule-and-metadata")
def test_schedule_description_tags_and_queue(spec: DeploymentSpec) -> None:
    assert [(s["cron"], s["timezone"]) for s in spec.schedules] == SCHEDULES[spec.name]
    assert len(spec.description) > 40 and spec.tags and "fazhi" in spec.tags
    assert spec.work_pool == "fazhi-local"


def test_crawl_shards_go_to_the_crawl_queue_everything_else_to_the_warehouse_queue() -> None:
    import yaml

    document = yaml.safe_load((REPO_ROOT / "deploy" / "prefect.yaml").read_text(encoding="utf-8"))
    queues = {d["name"]: d["work_pool"]["work_queue_name"] for d in document["deployments"]}
    assert queues == {name: QUEUES.get(name, "warehouse") for name in SCHEDULES}
    assert document["pull"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": "{{ $FAZHI_REPO_DIR }}"}}
    ]
