"""Query results as files people open elsewhere: CSV (optionally with a BOM for Excel), Parquet,
Excel (xlsx, through DuckDB's excel extension from PyPI).

Reads a frame already fetched through the read-only connection; writes exactly one file, at the
path the user gave. Nested columns (lists, structs) stay nested in Parquet and become JSON text in
CSV and Excel, which have no nested cells.
"""

from __future__ import annotations

import contextlib
import json
from enum import StrEnum
from pathlib import Path

import polars as pl

from fazhi.config import Settings
from fazhi.warehouse.db import open_duckdb
from fazhi.warehouse.extensions import load_extension

UTF8_BOM = "\ufeff"


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


SUFFIXES = {".csv": ExportFormat.csv, ".parquet": ExportFormat.parquet, ".xlsx": ExportFormat.xlsx}


def format_for(path: Path, given: ExportFormat | None) -> ExportFormat:
    """The format asked for, else the one the file's suffix names; ValueError when neither."""
    if given is not None:
        return given
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(SUFFIXES)
        raise ValueError(f"cannot tell the format of {path.name}: end it in {known}") from None


def flat(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every nested column (list, array, struct) as JSON text, Chinese unescaped."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    return frame.with_columns(
        pl.col(name).map_elements(_json, return_dtype=pl.String(), skip_nulls=True)
        for name in nested
    )


def csv_text(frame: pl.DataFrame, *, bom: bool = False) -> str:
    """CSV of ``frame`` (nested columns as JSON), with a UTF-8 BOM first when ``bom``."""
    return (UTF8_BOM if bom else "") + flat(frame).write_csv()


def write_export(
    frame: pl.DataFrame, path: Path, output: ExportFormat, settings: Settings, *, bom: bool = False
) -> Path:
    """Write ``frame`` to ``path`` in ``output``; the path written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if output is ExportFormat.csv:
        path.write_text(csv_text(frame, bom=bom), encoding="utf-8")
    elif output is ExportFormat.parquet:
        frame.write_parquet(path)
    else:
        _write_xlsx(flat(frame), path, settings)
    return path


def _write_xlsx(frame: pl.DataFrame, path: Path, settings: Settings) -> None:
    # A private in-memory DuckDB: the locked read connection can write no file, by design.
    with contextlib.closing(open_duckdb(None, settings)) as con:
        load_extension(con, "excel")
        con.register("export_rows", frame.to_arrow())
        con.execute("COPY export_rows TO $1 (FORMAT xlsx, HEADER true, SHEET 'fazhi')", [str(path)])


def _json(value: object) -> str:
    if isinstance(value, pl.Series):
        value = value.to_list()
    return json.dumps(value, ensure_ascii=False, default=str)
