"""Every command is registered by the module COMMAND_MODULES names, so a process started for
one command may import that module alone (``fazhi run`` then leaves DuckDB and pyarrow out)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.cli import COMMAND_MODULES, app, command_module

ROOT = Path(__file__).resolve().parent.parent


def _registered() -> dict[str, str]:
    commands = {
        (c.name or c.callback.__name__): c.callback.__module__
        for c in app.registered_commands
        if c.callback is not None
    }
    for group in app.registered_groups:
        first = group.typer_instance.registered_commands[0] if group.typer_instance else None
        if group.name and first is not None and first.callback is not None:
            commands[group.name] = first.callback.__module__
    return {name: module.rsplit(".", 1)[1] for name, module in commands.items()}


def test_the_table_names_the_module_of_every_command() -> None:
    assert _registered() == COMMAND_MODULES


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["fazhi", "run"], "pipeline"),
        (["fazhi", "run", "--sources", "s.toml"], "pipeline"),
        (["fazhi", "--help"], None),
        (["fazhi"], None),
        (["fazhi", "eval", "--sealed"], "extract"),
        (["fazhi", "quarantine", "list"], "quality"),
        (["fazhi", "no-such-command"], None),
    ],
)
def test_the_invoked_command_picks_its_module(argv: list[str], module: str | None) -> None:
    assert command_module(argv) == module


def test_fazhi_run_imports_neither_duckdb_nor_pyarrow() -> None:
    # as `python -m fazhi run` starts: fazhi.__main__ is the main module when fazhi.cli loads
    script = (
        "import json, runpy, sys; sys.argv = ['fazhi', 'run', '--help'];\n"
        "try:\n    runpy.run_module('fazhi', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted({'duckdb', 'pyarrow'} & set(sys.modules))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
