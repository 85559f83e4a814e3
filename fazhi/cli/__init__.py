"""Thin command-line layer: each module in this package registers its commands on ``app``.

Commands parse arguments, call the package and print; no domain logic lives here.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from fazhi.cli.app import app

_SKIP = {"app"}
# The module whose import registers each command. A process started to run one command imports
# only that command's module: `fazhi run` imported every command's libraries before, the
# warehouse's DuckDB and pyarrow among them (~80 MB resident in the run's process for the whole
# run, beside the loader's peak). tests/test_cli_commands.py holds the table to what the modules
# register; a name not in it (`--help`, a mistyped command) imports every module.
COMMAND_MODULES = {
    "check": "warehouse",
    "crawl": "crawl",
    "dashboard": "dashboard",
    "eval": "extract",
    "explain": "warehouse",
    "export": "export",
    "extract": "extract",
    "finish": "finish",
    "quarantine": "quality",
    "query": "warehouse",
    "rebuild": "warehouse",
    "run": "pipeline",
    "search": "search",
    "serve": "orchestrate",
    "server": "orchestrate",
    "sql": "warehouse",
    "version": "info",
    "worker": "orchestrate",
}


def command_module(argv: Sequence[str]) -> str | None:
    """The module of the command ``argv`` runs (its first word that is no option), or None
    when that is no known command."""
    words = [word for word in argv[1:] if not word.startswith("-")]
    return COMMAND_MODULES.get(words[0]) if words else None


def _register_commands(only: str | None) -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name in _SKIP or module.name.startswith("_"):
            continue
        if only is None or module.name == only:
            importlib.import_module(f"{__name__}.{module.name}")


def _started_as_fazhi() -> bool:
    """Whether this process is the command line itself (``fazhi …`` or ``python -m fazhi …``),
    not a program that imports it (the tests, a notebook)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return getattr(spec, "name", None) == "fazhi.__main__" or Path(sys.argv[0]).name == "fazhi"


_register_commands(command_module(sys.argv) if _started_as_fazhi() else None)


def main() -> None:
    """Run the command line: `python -m fazhi` and the console script (through fazhi.console)."""
    try:
        app()
    finally:
        # The process ends here. Python's finalisation would garbage-collect every object the
        # run's imports made (Prefect's, GX's and pydantic's models): 2-8 s after a run's last
        # line; frozen objects are left to the OS, which frees them at once.
        gc.freeze()
