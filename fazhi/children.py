"""Child processes the run starts for long work of its own (the loader, the crawl's processes).

Spawned, not forked: the run's process holds threads (Prefect's, the parsing pool's), and a fork
copies their locks in whatever state they are. Each child watches its parent and ends once it
is gone, so a run killed with SIGKILL leaves no child writing to the lake or the warehouse.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PARENT_CHECK_S = 0.5  # how often a child looks whether the run's process is still there
ORPHANED_EXIT = 70  # a child's exit code when its parent died


def child_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes that end when this process does."""
    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


def watch_parent(parent: int) -> None:
    """End this process once ``parent`` is gone (its parent changes to init or a subreaper)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(ORPHANED_EXIT)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
