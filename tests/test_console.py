"""The console script must not make every parsing worker load the whole CLI.

Workers are started by multiprocessing's forkserver and re-import the parent's main module; for
the ``fazhi`` console script that is pip's generated script, which imports its entry point at the
top. These tests run such a script for real and ask a forkserver worker what it loaded.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

HEAVY = ("polars", "duckdb")

# A script shaped like the one pip writes for a console entry point, whose main block starts one
# worker the way fazhi.isolation does (forkserver, the same preload) and prints what it loaded.
SCRIPT = """\
import sys
from {module} import main
if __name__ == '__main__':
    import multiprocessing
    import probe
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["fazhi.isolation_warmup"])
    worker = context.Process(target=probe.report)
    worker.start()
    worker.join()
"""

PROBE = """\
import sys
def report():
    print(",".join(m for m in {heavy!r} if m in sys.modules) or "-", flush=True)
"""


def test_console_script_entry_point_is_the_light_module() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "fazhi"]
    assert script.value == "fazhi.console:main"


@pytest.mark.parametrize(
    ("module", "loaded"),
    [
        ("fazhi.console", "-"),  # the entry point: a worker loads neither
        ("fazhi.cli", "polars,duckdb"),  # why: the CLI itself would load both into every worker
    ],
)
def test_worker_under_console_script_loads(module: str, loaded: str, tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(PROBE.format(heavy=HEAVY), "utf-8")
    script = tmp_path / "fazhi_script"
    script.write_text(textwrap.dedent(SCRIPT.format(module=module)), "utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == loaded
