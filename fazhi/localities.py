"""China's administrative divisions (GB/T 2260) from jionlp's maintained dictionary.

Levels: ``province`` (省级), ``prefecture`` (地级: cities, 地区, 州, 盟) and ``county`` (县级:
districts, county-level cities, counties, banners). Municipalities (北京市 …) appear as a
province whose prefecture row carries the same name and code. Function zones that jionlp lists
(经济开发区 …) are kept with level ``county`` and ``is_function_zone`` set.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DIRECT_ADMIN = "省直辖行政区划"  # jionlp's bucket for counties directly under a province
COUNTY_ADMIN = "县"  # jionlp's bucket for counties directly under a municipality


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division."""

    code: str
    name: str
    level: str  # province | prefecture | county
    province_code: str
    province_name: str
    city_code: str | None
    city_name: str | None
    aliases: tuple[str, ...]
    is_function_zone: bool = False


@dataclass(frozen=True, slots=True)
class DivisionChange:
    """A recorded change: the division once named ``old_path`` is now ``new_path``."""

    changed_on: str
    old_path: tuple[str, ...]
    new_path: tuple[str, ...]


def _aliases(node: dict[str, Any]) -> tuple[str, ...]:
    alias = node.get("_alias") or ()
    return (alias,) if isinstance(alias, str) else tuple(alias)


def _children(node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(k, v) for k, v in node.items() if not k.startswith("_") and isinstance(v, dict)]


def _quiet_jionlp() -> Any:
    # jionlp prints a banner on import; keep stdout clean for JSON output.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

    return jionlp


@cache
def load_divisions() -> tuple[Division, ...]:
    """Every province-, prefecture- and county-level division, provinces first."""
    tree = _quiet_jionlp().china_location_loader()
    rows: list[Division] = []
    for prov_name, prov in tree.items():
        pcode = prov["_admin_code"]
        rows.append(
            Division(pcode, prov_name, "province", pcode, prov_name, None, None, _aliases(prov))
        )
        for city_name, city in _children(prov):
            bucket = city_name in (DIRECT_ADMIN, COUNTY_ADMIN)
            ccode = None if bucket else city["_admin_code"]
            cname = None if bucket else city_name
            if not bucket:
                rows.append(
                    Division(
                        ccode or "",
                        city_name,
                        "prefecture",
                        pcode,
                        prov_name,
                        ccode,
                        cname,
                        _aliases(city),
                    )
                )
            for county_name, county in _children(city):
                rows.append(
                    Division(
                        county["_admin_code"],
                        county_name,
                        "county",
                        pcode,
                        prov_name,
                        ccode,
                        cname,
                        _aliases(county),
                        is_function_zone=county["_admin_code"][4:6] in ("71", "72"),
                    )
                )
    return tuple(_dedupe(rows))


def _dedupe(rows: list[Division]) -> list[Division]:
    seen: set[str] = set()
    out = []
    for row in rows:
        if row.code not in seen:
            seen.add(row.code)
            out.append(row)
    return out


@cache
def divisions_by_code() -> dict[str, Division]:
    """Divisions keyed by their six-digit code."""
    return {d.code: d for d in load_divisions()}


@cache
def divisions_by_name() -> dict[str, tuple[Division, ...]]:
    """Divisions keyed by full name; a name shared by several divisions maps to all of them."""
    index: dict[str, list[Division]] = {}
    for d in load_divisions():
        index.setdefault(d.name, []).append(d)
    return {k: tuple(v) for k, v in index.items()}


@cache
def load_changes() -> tuple[DivisionChange, ...]:
    """Recorded renames and re-parentings, oldest first."""
    changes = _quiet_jionlp().china_location_change_loader()
    return tuple(
        DivisionChange(
            changed_on=c["date"],
            old_path=tuple(level[0] for level in c["old_loc"]),
            new_path=tuple(c["new_loc"]),
        )
        for c in changes
    )


TOWNSHIP_SUFFIXES = ("街道", "镇", "乡")


@cache
def townships_by_name() -> dict[str, tuple[str, ...]]:
    """Township and street names (乡, 镇, 街道) → codes of the counties that have one so named.

    GB/T 2260 stops at the county; jionlp's dictionary file lists the townships under each
    county, one tab deeper, and its loader skips them unless asked for villages too, so the
    file is read here directly (townships only, villages skipped).
    """
    path = Path(_quiet_jionlp().__file__).parent / "dictionary" / "china_location.txt"
    index: dict[str, list[str]] = {}
    county: str | None = None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("\t\t\t\t"):
                continue  # a village
            if line.startswith("\t\t\t"):
                name = line.strip()
                if county and name.endswith(TOWNSHIP_SUFFIXES):
                    index.setdefault(name, []).append(county)
            elif line.startswith("\t\t"):
                fields = line.strip().split("\t")
                county = fields[1] if len(fields) > 1 else None
    return {name: tuple(dict.fromkeys(codes)) for name, codes in index.items()}
