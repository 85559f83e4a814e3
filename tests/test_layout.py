"""The house rules of issue 14, checked on the source: the package never imports Prefect, and
flows/ is wiring only (no Polars, no module over 200 lines)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = sorted((ROOT / "fazhi").rglob("*.py"))
FLOWS = sorted((ROOT / "flows").glob("*.py"))


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, wherever the import statement stands
    (inside functions and ``if TYPE_CHECKING:`` blocks too)."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(
    ("modules", "forbidden", "reason"),
    [
        (PACKAGE, "prefect", "the package holds pure functions; flows/ wires them into Prefect"),
        (FLOWS, "polars", "flows/ passes rows on and never computes with them"),
    ],
    ids=["package-without-prefect", "flows-without-polars"],
)
def test_no_module_imports_what_its_layer_must_not(
    modules: list[Path], forbidden: str, reason: str
) -> None:
    offenders = [str(p.relative_to(ROOT)) for p in modules if forbidden in imported_roots(p)]
    assert modules and not offenders, reason


def test_every_flows_module_is_at_most_200_lines() -> None:
    lengths = {p.name: len(p.read_text("utf-8").splitlines()) for p in FLOWS}
    assert lengths and max(lengths.values()) <= 200, lengths


def test_the_import_reader_sees_imports_in_functions_and_type_checking_blocks(
    tmp_path: Path,
) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import polars as pl\n"
        "def f():\n    from prefect.states import State\n",
        "utf-8",
    )
    assert {"polars", "prefect", "typing"} <= imported_roots(source)
