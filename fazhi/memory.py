"""How many malloc arenas glibc may make: the run process's memory stays flat only with few.

glibc gives threads arenas of their own (up to 8 per core). Every batch's DuckDB connection
starts new threads, and what they free stays in those arenas' heaps: loading the same batch
again and again grew a process ~4.6 MB per load, all of it in thread arenas, and 0.3 MB per
load with one arena (``benchmarks.memory_growth``; README, *Scale*). The cap must be set
before threads allocate (glibc fixes its limit once it has made 8 arenas), so importing
``fazhi`` sets it (``fazhi/__init__.py``).
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys

MALLOC_ARENAS = 1  # every thread allocates from the main arena, which shrinks when freed
M_ARENA_MAX = -8  # mallopt's parameter number (glibc malloc.h)
ARENA_ENV = "MALLOC_ARENA_MAX"  # glibc's own variable: when set, it has decided already


def cap_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process; whether the cap was set.

    Nothing happens outside glibc (another C library has no arenas, or no ``mallopt``) or when
    ``MALLOC_ARENA_MAX`` is set (glibc read it at start)."""
    if not sys.platform.startswith("linux") or os.environ.get(ARENA_ENV):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, arenas))


def release_memory() -> bool:
    """Collect garbage, then hand glibc's free heap pages back to the system (``malloc_trim``);
    whether glibc gave any back (never outside glibc). By itself glibc gives back only the top
    of its heap, so a freed chunk below a live one stays resident: the run's process frees
    the crawl's objects and frames once its batches are planned, below what it still holds."""
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        malloc_trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return False
    malloc_trim.argtypes = (ctypes.c_size_t,)
    malloc_trim.restype = ctypes.c_int
    return bool(malloc_trim(0))
