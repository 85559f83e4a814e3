"""Every command's help has an example, and the README names every command (sqlite-utils' rule)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from fazhi.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield " ".join(("fazhi", *path)), command


COMMANDS = dict(_commands(typer.main.get_command(app)))


def test_the_walk_finds_the_commands() -> None:
    assert {"fazhi sql", "fazhi search", "fazhi export", "fazhi quarantine accept"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_an_example_and_a_readme_line(name: str) -> None:
    assert "Example" in (COMMANDS[name].help or ""), f"{name} --help shows no example"
    assert f"`{name}" in README, f"README does not name {name}"
