"""Child processes the run starts for long work of its own (the loader, the crawl's processes).

Spawned, not forked: the run's process holds threads (Prefect's, the parsing pool's), and a fork
copies their locks in whatever state they are. Each child watches its parent and ends once it
is gone, so a run killed with SIGKILL leaves no child writing to the lake or the warehouse.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PARENT_CHECK_S = 0.5  # how often a child looks whether the run's process is still there
ORPHANED_EXIT = 70  # a child's exit code when its parent died


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
