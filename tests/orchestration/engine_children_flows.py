"""The flow of ``engine_children.py`` loaded from a module that imports the project's
``flows`` package, as every deployment's entrypoint (``flows.pipeline.daily_crawl``, …) does."""

from __future__ import annotations

from prefect import flow

import flows  # noqa: F401  (what this module is for: the engine loads it as it loads a flow)
from tests.orchestration.engine_children import report_children


@flow(name="children-with-flows")
def with_flows(out: str) -> None:
    report_children(out)
