"""The indicator catalogue: codes, units, kinds and ranges, kept as data in ``data/catalog.csv``.

Adding an indicator is a change to the CSV (and a test), never to code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fazhi.config import PACKAGE_DATA

KINDS = ("count", "stock", "rate", "amount")
ADDITIVE_KINDS = ("count", "stock", "amount")  # may be summed across localities; rates never


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the catalogue."""

    code: str
    category: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    min: float
    max: float
    phrasings: tuple[str, ...]


@cache
def load_catalog(path: Path = PACKAGE_DATA / "catalog.csv") -> dict[str, Indicator]:
    """The catalogue keyed by indicator code, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    catalog: dict[str, Indicator] = {}
    for row in rows:
        indicator = Indicator(
            code=row["code"],
            category=row["category"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            unit=row["unit"],
            kind=row["kind"],
            min=float(row["min"]),
            max=float(row["max"]),
            phrasings=tuple(p for p in row["phrasings"].split("|") if p),
        )
        if indicator.kind not in KINDS:
            raise ValueError(f"{path}: {indicator.code} has unknown kind {indicator.kind!r}")
        if indicator.code in catalog:
            raise ValueError(f"{path}: duplicate code {indicator.code}")
        catalog[indicator.code] = indicator
    return catalog
