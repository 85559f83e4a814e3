"""Every command of the ``fazhi`` CLI is documented in the README (as sqlite-utils checks its own).

The commands are read from the Typer application itself, so a new command without a README entry
fails here rather than going unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from fazhi.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _command_names(group: Any, prefix: str = "") -> Iterator[str]:
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):  # a group of sub-commands (Typer's own click types)
            yield from _command_names(command, f"{prefix}{name} ")
        else:
            yield prefix + name


COMMANDS = list(_command_names(typer.main.get_group(app)))


def test_the_cli_has_the_commands_the_readme_is_checked_for() -> None:
    assert {"run", "extract", "sql", "quarantine list"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented_in_the_readme(command: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"`fazhi {re.escape(command)}[ `]", text), (
        f"`fazhi {command}` is a command but the README does not document it"
    )
