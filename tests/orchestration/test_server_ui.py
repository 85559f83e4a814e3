"""``fazhi server --port N``: the UI it serves talks to the API on that same port.

A real ``fazhi server`` process with the UI on a free port, started with ``PREFECT_API_URL``
pointing at the default port 4200 (as a profile often does): the UI's settings must still name
the API of the port the server was given.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flows import server

pytestmark = pytest.mark.slow


def test_ui_on_a_non_default_port_talks_to_that_port(tmp_path: Path) -> None:
    port = server.free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "home")}
    env["PREFECT_API_URL"] = server.api_url(server.DEFAULT_HOST, server.DEFAULT_PORT)
    command = [sys.executable, "-m", "fazhi", "server", "--port", str(port)]
    command += ["--data-dir", str(tmp_path / "data")]
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)  # fmt: skip
    api = server.api_url(server.DEFAULT_HOST, port)
    try:
        server.wait_for_api(api, timeout_s=180, process=process)
        ui = server.ui_url(api)
        settings = httpx.get(f"{ui}/ui-settings", timeout=10).json()
        page = httpx.get(ui, timeout=10, follow_redirects=True)
    finally:
        server.stop_process(process)
        log.close()
    assert settings["api_url"] == api, (tmp_path / "server.log").read_text(errors="replace")
    assert page.status_code == 200 and "<html" in page.text.lower()
