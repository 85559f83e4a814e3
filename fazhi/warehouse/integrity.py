"""One row per key in the tables that have no PRIMARY KEY (migration 006).

``fact_indicator``, ``best_value`` and ``document_text`` grow with every document; DuckDB held
the index behind each key in memory and rewrote it at every checkpoint, so the keys went and the
load keeps them unique itself (it deletes before it inserts, and adds a text only once).
These checks keep the guarantee the keys gave: :func:`check_batch_keys` over a batch's rows before
its commit (``fazhi/sql/load/check_batch_keys.sql``), :func:`duplicate_keys` over the whole
warehouse (``fazhi check``; ``fazhi/sql/check/duplicate_keys.sql``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from fazhi.errors import DuplicateKeyError
from fazhi.sql import read_sql


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A table holding some key more than once: how many keys, and the smallest of them."""

    table_name: str
    key_columns: str
    duplicated_keys: int
    example: str

    def describe(self) -> str:
        return (
            f"{self.table_name} holds {self.duplicated_keys} key(s) ({self.key_columns}) more "
            f"than once, e.g. ({self.example})"
        )


def duplicate_keys(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> list[DuplicateKey]:
    """Every table of the warehouse holding a key more than once (empty: none)."""
    return _found(con, read_sql("check/duplicate_keys", sql_dir))


def check_batch_keys(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> None:
    """Raise DuplicateKeyError, naming the tables and keys, if the rows of the batch being
    loaded (its staged documents and the cells it touched) hold a key more than once."""
    found = _found(con, read_sql("load/check_batch_keys", sql_dir))
    if found:
        raise DuplicateKeyError("; ".join(d.describe() for d in found))


def _found(con: duckdb.DuckDBPyConnection, sql: str) -> list[DuplicateKey]:
    return [
        DuplicateKey(str(table), str(columns), int(count), str(example))
        for table, columns, count, example in con.execute(sql).fetchall()
    ]
