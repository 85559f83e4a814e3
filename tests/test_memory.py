"""The run's process gives back what it freed below what it still holds (fazhi.memory)."""

from __future__ import annotations

import subprocess
import sys

import pytest

# In a process of its own: 200 MB of chunks that glibc's heap holds (each over pymalloc's 512
# bytes, under glibc's mmap threshold), freed below one allocated after them.
FREED_BELOW_A_LIVE_CHUNK = """
from fazhi.memory import release_memory

def anonymous_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("RssAnon"))

chunks = [bytearray(4096) for _ in range(50_000)]
held = bytearray(4096)
del chunks
before = anonymous_mb()
released = release_memory()
print(before, anonymous_mb(), released)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_memory_freed_below_a_live_chunk_goes_back_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FREED_BELOW_A_LIVE_CHUNK],
        capture_output=True,
        text=True,
        check=True,
    )
    before, after, released = done.stdout.split()
    assert released == "True"
    assert int(before) - int(after) > 150, done.stdout  # freeing alone gave none of it back
