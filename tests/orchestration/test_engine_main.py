"""A deployment's flow-run process runs ``python -m prefect.engine``: its children (parsing
workers, loader, crawl processes) must not import Prefect's engine again each, as
multiprocessing does with a main module (0.86 s of CPU and 48 MB per parsing worker)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.config import REPO_ROOT
from tests.orchestration.conftest import LocalPrefect
from tests.orchestration.engine_children import without_flows
from tests.orchestration.engine_children_flows import with_flows

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("entrypoint", "flow", "children_import_prefect"),
    [
        pytest.param("engine_children.py:without_flows", without_flows, True, id="control"),
        pytest.param("engine_children_flows.py:with_flows", with_flows, False, id="flows"),
    ],
)
def test_children_of_the_engine_skip_its_imports(
    prefect_server: LocalPrefect,
    tmp_path: Path,
    entrypoint: str,
    flow: object,
    children_import_prefect: bool,
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    out = tmp_path / "children.json"
    with (
        temporary_settings({PREFECT_API_URL: prefect_server.api}),
        get_client(sync_client=True) as client,
    ):
        run = client.create_flow_run(flow, parameters={"out": str(out)})  # type: ignore[arg-type]
    env = {**prefect_server.env, "PREFECT__FLOW_ENTRYPOINT": str(HERE / entrypoint)}
    env["PYTHONPATH"] = str(REPO_ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "prefect.engine", str(run.id)],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert seen == {"spawn": children_import_prefect, "forkserver": children_import_prefect}
