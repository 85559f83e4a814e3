"""Child processes the run starts for long work of its own (the loader, the crawl's processes).

Spawned, not forked: the run's process holds threads (Prefect's, the parsing pool's), and a fork
copies their locks in whatever state they are. Each child watches its parent and ends once it
is gone, so a run killed with SIGKILL leaves no child writing to the lake or the warehouse.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
import types
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PARENT_CHECK_S = 0.5  # how often a child looks whether the run's process is still there
ORPHANED_EXIT = 70  # a child's exit code when its parent died
# Main modules that only start a library's work, which children need not run again: Prefect's
# engine is the main module of every flow-run process a Prefect worker or `serve` starts.
LIBRARY_MAINS = frozenset({"prefect.engine"})
_MAIN_ORIGIN = ("__spec__", "__file__", "__cached__", "__loader__")


def child_pool(workers: int, role: str) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes that end when this process does, named
    ``fazhi-<role>`` (what ``ps -o comm`` and the scale benchmark show)."""
    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_child,
        initargs=(os.getpid(), role),
    )


def start_child(parent: int, role: str) -> None:
    """Name this process after its role and end it once ``parent`` is gone (its parent changes
    to init or a subreaper)."""
    with contextlib.suppress(OSError):  # /proc/self/comm: Linux only, and only a name
        Path("/proc/self/comm").write_text(f"fazhi-{role}"[:15])

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(ORPHANED_EXIT)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def keep_main_out_of_children() -> bool:
    """Spawned children and those the fork server forks re-import the main module of the process
    that starts them (multiprocessing does, to find what was defined there). When that is a
    library's entry point (``LIBRARY_MAINS``), make it a main module of no origin, as under an
    interactive interpreter, so children import nothing for it; True when it did.

    In a deployment's flow-run process (``python -m prefect.engine``) every parsing worker
    imported all of Prefect again before its first document: 0.86 s of CPU and 48 MB resident
    per worker start (four a batch), and address space the worker's limit counts.
    """
    main = sys.modules.get("__main__")
    if getattr(getattr(main, "__spec__", None), "name", None) not in LIBRARY_MAINS:
        return False
    stand_in = types.ModuleType("__main__")
    kept = {k: v for k, v in vars(main).items() if k not in _MAIN_ORIGIN}
    stand_in.__dict__.update(kept, __spec__=None)
    sys.modules["__main__"] = stand_in  # the running engine keeps its own globals
    return True
