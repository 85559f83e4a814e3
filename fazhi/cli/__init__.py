"""Thin command-line layer: each module in this package registers its commands on ``app``.

Commands parse arguments, call the package and print; no domain logic lives here.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil

from fazhi.cli.app import app

_SKIP = {"app"}


def _register_commands() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name not in _SKIP and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


_register_commands()


def main() -> None:
    """Run the command line: `python -m fazhi` and the console script (through fazhi.console)."""
    try:
        app()
    finally:
        # The process ends here. Python's finalisation would garbage-collect every object the
        # run's imports made (Prefect's, GX's and pydantic's models): 2-8 s after a run's last
        # line; frozen objects are left to the OS, which frees them at once.
        gc.freeze()
