"""Benchmark helper: a warehouse the size of a bigger run, made from a kept smaller one.

Copies a kept run's data directory (``--data-dir``, e.g. ``benchmarks.scale --keep``'s ``bare``
of 10,000 reports; never written to) to ``--out`` and adds ``--times`` - 1 renamed copies of
every report it loaded: each copy's doc_id and doc_key get a prefix of their own, in the
document tables, the facts, the mentions and the search postings, and best_value and
locality_year_wide are then rebuilt from every fact (``load/collect_all_cells`` and the load's
own refresh). Ten copies of a 10,000-report warehouse hold the rows of a 100,000-report one
(1.75 M facts, 7.8 M mentions) without running 100,000 reports; the cells are the same ones,
each with ten times the candidates. The lake is copied as it is, so ``benchmarks.gate_load``
gates and loads its batches into the bigger warehouse.

Run: ``.venv/bin/python -m benchmarks.inflate_warehouse --data-dir RUN/bare --times 10
--out /tmp/wh100k``
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

# every table whose rows belong to a report, and the report's columns in it
COPIED = {
    "dim_document": ("doc_id", "doc_key", "superseded_by"),
    "document_text": ("doc_id",),
    "fact_indicator": ("doc_id",),
    "fact_mention": ("doc_id",),
    "search_terms": ("doc_id",),
    "search_docs": ("doc_id",),
}


def copy_statement(table: str, columns: tuple[str, ...], prefix: str) -> str:
    """An INSERT of ``table``'s original rows with ``columns`` prefixed (names are constants)."""
    renamed = ", ".join(f"'{prefix}' || {c} AS {c}" for c in columns)
    return (
        f"INSERT INTO {table} BY NAME SELECT * REPLACE ({renamed}) FROM {table} "
        "WHERE NOT starts_with(doc_id, 'x')"  # the original rows: hex doc_ids
    )


def inflate(data_dir: Path, out: Path, times: int) -> dict[str, int]:
    """Copy ``data_dir`` to ``out`` and make its warehouse ``times`` as big; row counts."""
    from fazhi.config import load_settings
    from fazhi.sql import read_sql, split_statements
    from fazhi.warehouse.db import writer

    shutil.copytree(data_dir, out)
    settings = load_settings(data_dir=out)
    with writer(settings, publish=False) as con:
        for k in range(1, times):
            for table, columns in COPIED.items():
                con.execute(copy_statement(table, columns, f"x{k}-"))
        for name in ("load/collect_all_cells", "load/refresh_best_value", "load/rebuild_wide"):
            for statement in split_statements(read_sql(name, settings.sql_dir)):
                con.execute(statement)
        return {t: int(con.table(t).count("*").fetchall()[0][0]) for t in [*COPIED, "best_value"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = inflate(args.data_dir, args.out, args.times)
    print(f"{args.out}: {counts} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
