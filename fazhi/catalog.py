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
    headline: int | None = None  # its place in the run summary's warehouse table, if it has one
    ratio_of: tuple[str, str] | None = None  # a rate stated as 100 × numerator / denominator


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
            headline=int(row["headline"]) if row.get("headline") else None,
            ratio_of=_ratio(row.get("ratio_of"), f"{path}: {row['code']}"),
        )
        if indicator.kind not in KINDS:
            raise ValueError(f"{path}: {indicator.code} has unknown kind {indicator.kind!r}")
        if indicator.code in catalog:
            raise ValueError(f"{path}: duplicate code {indicator.code}")
        catalog[indicator.code] = indicator
    _check_ratios(catalog, path)
    return catalog


def _ratio(text: str | None, where: str) -> tuple[str, str] | None:
    if not text:
        return None
    numerator, slash, denominator = text.partition("/")
    if not slash or not numerator or not denominator:
        raise ValueError(f"{where}: ratio_of {text!r} is not NUMERATOR/DENOMINATOR")
    return numerator.strip(), denominator.strip()


def _check_ratios(catalog: dict[str, Indicator], path: Path) -> None:
    for indicator in catalog.values():
        unknown = [c for c in indicator.ratio_of or () if c not in catalog]
        if unknown:
            raise ValueError(f"{path}: {indicator.code} is a ratio of unknown codes {unknown}")


def headline_indicators(catalog: dict[str, Indicator]) -> list[str]:
    """The codes of the run summary's warehouse table, in their ``headline`` order."""
    chosen = [i for i in catalog.values() if i.headline is not None]
    return [i.code for i in sorted(chosen, key=lambda i: (i.headline, i.code))]
