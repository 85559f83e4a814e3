"""Reference data for the dimensions as Polars frames: divisions, their changes, indicators.

Reads fazhi.localities (jionlp's GB/T 2260 dictionary) and the indicator catalogue; writes
nothing. The frames are registered in DuckDB by :mod:`fazhi.warehouse.migrate`.
"""

from __future__ import annotations

import hashlib
from datetime import date
from importlib import metadata

import polars as pl

from fazhi.catalog import load_catalog
from fazhi.config import Settings
from fazhi.localities import DATED_CODES_PATH, dated_changes, load_changes, load_divisions

DIVISIONS: dict[str, pl.DataType] = {
    "admin_code": pl.String(),
    "name": pl.String(),
    "level": pl.String(),
    "province_code": pl.String(),
    "province_name": pl.String(),
    "city_code": pl.String(),
    "city_name": pl.String(),
    "aliases": pl.List(pl.String()),
    "is_function_zone": pl.Boolean(),
}

CHANGES: dict[str, pl.DataType] = {
    "changed_on": pl.Date(),
    "old_province_name": pl.String(),
    "old_city_name": pl.String(),
    "old_name": pl.String(),
    "new_province_name": pl.String(),
    "new_city_name": pl.String(),
    "new_name": pl.String(),
}

INDICATORS: dict[str, pl.DataType] = {
    "code": pl.String(),
    "ordinal": pl.Int32(),
    "category": pl.String(),
    "name_zh": pl.String(),
    "name_en": pl.String(),
    "unit": pl.String(),
    "kind": pl.String(),
    "min_value": pl.Float64(),
    "max_value": pl.Float64(),
}


def divisions_frame() -> pl.DataFrame:
    """Every division of fazhi.localities, one row each."""
    rows = [
        (
            d.code,
            d.name,
            d.level,
            d.province_code,
            d.province_name,
            d.city_code,
            d.city_name,
            list(d.aliases),
            d.is_function_zone,
        )
        for d in load_divisions()
    ]
    return pl.DataFrame(rows, schema=DIVISIONS, orient="row")


def changes_frame() -> pl.DataFrame:
    """Recorded division changes; paths are (province, [city,] name)."""
    rows = [
        (date.fromisoformat(c.changed_on), *_path3(c.old_path), *_path3(c.new_path))
        for c in (*load_changes(), *dated_changes())
    ]
    return pl.DataFrame(rows, schema=CHANGES, orient="row")


def _path3(raw: tuple[str | None, ...]) -> tuple[str | None, str | None, str]:
    # a prefecture-level change ends its path with None (湖北省 > 襄樊市 > None)
    path = [part for part in raw if part]
    if len(path) >= 3:
        return path[0], path[-2], path[-1]
    if len(path) == 2:
        return path[0], None, path[1]
    return None, None, path[0]


def indicators_frame(settings: Settings) -> pl.DataFrame:
    """The catalogue in file order."""
    rows = [
        (i.code, n, i.category, i.name_zh, i.name_en, i.unit, i.kind, i.min, i.max)
        for n, i in enumerate(load_catalog(settings.catalog_path).values(), start=1)
    ]
    return pl.DataFrame(rows, schema=INDICATORS, orient="row")


def reference_fingerprint(settings: Settings, mart_sql: list[str]) -> str:
    """A hash of everything the dimensions and marts are built from; cheap to compute."""
    digest = hashlib.sha256()
    digest.update(metadata.version("jionlp").encode())
    digest.update(DATED_CODES_PATH.read_bytes())
    digest.update(settings.catalog_path.read_bytes())
    for text in mart_sql:
        digest.update(text.encode())
    return digest.hexdigest()
