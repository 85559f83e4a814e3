"""The ``fazhi`` console script's entry point, kept free of heavy imports.

Parsing and extraction run in worker processes started by multiprocessing's forkserver, and
each worker re-imports its parent's main module. For the console script that main module is the
generated ``bin/fazhi`` file, which imports its entry point at the top: were that ``fazhi.cli``,
every worker would load Polars, DuckDB and the whole CLI (about 800 MB of address space, most of
the 1 GiB a worker may map) before its first document. ``python -m fazhi`` is spared: a
package's ``__main__`` is never re-imported.
"""

from __future__ import annotations


def main() -> None:
    """Run the command line (``fazhi.cli``), imported only when the script runs."""
    from fazhi.cli import main as cli_main

    cli_main()
