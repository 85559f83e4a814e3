"""The run's process stays lean: what its flows import leaves the warehouse's and the gate's
libraries (DuckDB, pyarrow, Great Expectations, pandas) to the loader's process and the parsers
to the bounded workers' fork server. Each of them would stay resident in the run's process for
the whole run, beside the loader's peak (issue 16's memory target)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ELSEWHERE = {
    "duckdb": "the loader's process",
    "pyarrow": "the loader's process",
    "great_expectations": "the loader's process",
    "pandas": "the loader's process",
    "fazhi.parse.text": "the bounded workers",
    "pypdf": "the bounded workers",
    "docx": "the bounded workers",
    "jionlp": "the bounded workers",
}


def _imported_by(module: str) -> set[str]:
    """The modules of ``ELSEWHERE`` that importing ``module`` in a fresh interpreter loads."""
    script = (
        f"import importlib, json, sys; importlib.import_module({module!r}); "
        f"print(json.dumps(sorted(set({sorted(ELSEWHERE)!r}) & set(sys.modules))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", ["flows.pipeline", "flows.sharded"])
def test_the_runs_process_imports_neither_the_warehouse_nor_the_parsers(module: str) -> None:
    assert {m: ELSEWHERE[m] for m in _imported_by(module)} == {}


def test_the_fork_server_preloads_the_parsers() -> None:
    # the other side of the same line: every bounded worker is forked with them in memory
    assert {"fazhi.parse.text", "pypdf", "docx"} <= _imported_by("fazhi.isolation_warmup")
