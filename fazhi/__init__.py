"""fazhi-lake: crawl, parse, extract, gate and load China's local rule-of-law reports."""

from fazhi.memory import cap_malloc_arenas

__version__ = "0.1.0"

# before any thread allocates: a process that loads batch after batch grows otherwise
cap_malloc_arenas()
