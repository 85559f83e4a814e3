"""China's administrative divisions (GB/T 2260) from jionlp's maintained dictionary.

Levels: ``province`` (省级), ``prefecture`` (地级: cities, 地区, 州, 盟) and ``county`` (县级:
districts, county-level cities, counties, banners). Municipalities (北京市 …) appear as a
province whose prefecture row carries the same name and code. Function zones that jionlp lists
(经济开发区 …) are kept with level ``county`` and ``is_function_zone`` set.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from dataclasses import dataclass, replace
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


# Characters of division names jionlp's pinyin dictionary does not know (it answers
# ``<py_unk>``): without them 巫溪县 (``cqwx``) or 凤凰县 spell no domain.
MISSING_READINGS = {
    "凤": "feng",
    "麒": "qi",
    "麟": "lin",
    "蛟": "jiao",
    "璧": "bi",
    "尧": "yao",
    "耒": "lei",
    "巫": "wu",
    "阎": "yan",
}


def pinyin_syllables(name: str) -> list[str]:
    """The pinyin of a name, one toneless syllable per character (``浈江区`` → zhen jiang qu),
    from jionlp's dictionary of words, which reads 长 and 重 by the word around them."""
    read = _quiet_jionlp().pinyin(name, formater="simple")
    return [
        MISSING_READINGS.get(char, "") if "unk" in syllable else re.sub(r"[^a-z]", "", syllable)
        for char, syllable in zip(name, read, strict=False)
    ]


@cache
def load_divisions() -> tuple[Division, ...]:
    """Every province-, prefecture- and county-level division, provinces first."""
    return tuple(_dedupe(_recoded(list(_jionlp_divisions()))))


@cache
def _jionlp_divisions() -> tuple[Division, ...]:
    """The divisions as jionlp's dictionary lists them, codes it kept after a change included."""
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
    return tuple(rows)


def _recoded(rows: list[Division]) -> list[Division]:
    """jionlp's divisions with the codes of today where it kept a stale one: a county made a
    district (撤县设区, 撤市设区) gets a new code, which jionlp's dictionary sometimes gives the
    new name under the old code (320684 海门区, now 320614) or misses (长泰县, now 长泰区). The
    dated table (``fazhi/data/division_codes.csv``) says which code ended for which successor."""
    stale = stale_codes()
    named = {row.code: row.name for row in _dated_rows()}
    return [
        replace(row, code=stale[row.code], name=named[stale[row.code]])
        if row.code in stale
        else row
        for row in rows
    ]


@cache
def stale_codes() -> dict[str, str]:
    """Codes jionlp still lists that ended without a change of division (one predecessor or the
    one jionlp keeps of a merger) → the code of today that replaced them."""
    jionlp_codes = {row.code for row in _jionlp_divisions() if row.level == "county"}
    rows = _dated_rows()
    listed = {row.code for row in rows}
    return {
        row.code: row.successor
        for row in rows
        if row.valid_to is not None
        and row.successor
        and row.successor in listed
        and row.successor not in jionlp_codes
        and row.code in jionlp_codes
    }


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
                # a bare "街道" row names no street: a clause's 街道党工委 is not a place
                if county and name.endswith(TOWNSHIP_SUFFIXES) and name not in TOWNSHIP_SUFFIXES:
                    index.setdefault(name, []).append(county)
            elif line.startswith("\t\t"):
                fields = line.strip().split("\t")
                county = fields[1] if len(fields) > 1 else None
                county = stale_codes().get(county, county) if county else None
    return {name: tuple(dict.fromkeys(codes)) for name, codes in index.items()}


DATED_CODES_PATH = Path(__file__).parent / "data" / "division_codes.csv"
YEAR_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code with the months it was valid: ``valid_to`` is the month a merger or rename took
    it away (for ``successor``), ``valid_from`` the month a new code came in."""

    code: str
    name: str
    province: str
    valid_from: tuple[int, int] | None
    valid_to: tuple[int, int] | None
    successor: str | None

    def valid_at_end_of(self, year: int) -> bool:
        """Valid on the last day of ``year``: a report on a year names the division as it was
        when the year closed."""
        after_start = self.valid_from is None or self.valid_from <= (year, 12)
        before_end = self.valid_to is None or self.valid_to > (year, 12)
        return after_start and before_end


@cache
def dated_codes() -> tuple[DatedCode, ...]:
    """Codes of divisions merged or renamed since 2015 (``fazhi/data/division_codes.csv``),
    which jionlp's dictionary, listing only today's codes, cannot give for earlier years.
    Validated when loaded: a malformed table fails loudly instead of dating a report wrongly."""
    with DATED_CODES_PATH.open(encoding="utf-8", newline="") as handle:
        rows = [_dated_code(row) for row in csv.DictReader(handle)]
    _check_dated_codes(rows)
    return tuple(rows)


@cache
def _dated_rows() -> tuple[DatedCode, ...]:
    """The dated table as written, before it is checked against the dictionary it corrects."""
    with DATED_CODES_PATH.open(encoding="utf-8", newline="") as handle:
        return tuple(_dated_code(row) for row in csv.DictReader(handle))


def known_codes() -> frozenset[str]:
    """Every code a report may carry: today's divisions and the codes they replaced since 2015,
    which a report on a year before the change is given (370282 即墨市 in 2016)."""
    return frozenset(divisions_by_code()) | {row.code for row in dated_codes()}


def _dated_code(row: dict[str, str]) -> DatedCode:
    return DatedCode(
        code=row["code"].strip(),
        name=row["name"].strip(),
        province=row["province"].strip(),
        valid_from=_year_month(row["valid_from"]),
        valid_to=_year_month(row["valid_to"]),
        successor=row["successor"].strip() or None,
    )


def _year_month(value: str) -> tuple[int, int] | None:
    if not value.strip():
        return None
    match = YEAR_MONTH_RE.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"division_codes.csv: {value!r} is not a YYYY-MM month")
    return int(match.group(1)), int(match.group(2))


def _check_dated_codes(rows: list[DatedCode]) -> None:
    current = divisions_by_code()
    listed = {row.code for row in rows}
    problems = []
    for row in rows:
        if not re.fullmatch(r"\d{6}", row.code):
            problems.append(f"{row.code}: not a six-digit code")
        if row.valid_to and row.valid_from and row.valid_from >= row.valid_to:
            problems.append(f"{row.code}: valid_from is not before valid_to")
        if row.valid_to is None and row.code not in current:
            problems.append(f"{row.code} {row.name}: still valid but unknown to the dictionary")
        if row.valid_to is not None and not row.successor:
            problems.append(f"{row.code} {row.name}: ended without a successor")
        if row.successor and row.successor not in current and row.successor not in listed:
            problems.append(f"{row.code}: successor {row.successor} is unknown")
        if row.code in current and current[row.code].name != row.name and row.valid_to is None:
            problems.append(f"{row.code}: named {row.name}, the dictionary says otherwise")
    if problems:
        raise ValueError("division_codes.csv: " + "; ".join(problems))


def code_valid_in(code: str, year: int) -> tuple[str, str] | None:
    """(code, name) valid at the end of ``year`` for today's ``code``: the single former code
    it replaced when ``year`` closed before the change (即墨区 in 2016 → 370282 即墨市), else
    ``None`` (today's code stands, also for a merger of several, which no one code covers)."""
    for row in dated_codes():
        if row.code == code and not row.valid_at_end_of(year):
            former = [r for r in dated_codes() if r.successor == code and r.valid_at_end_of(year)]
            if len(former) == 1:
                return former[0].code, former[0].name
    return None


def dated_changes() -> tuple[DivisionChange, ...]:
    """The dated table's ended codes as changes of name (海门市 → 海门区, 2020-07), for the
    warehouse, which files a report under today's division: jionlp's own record lacks some."""
    changes = []
    for row in dated_codes():
        today = _today(row.code)
        if row.valid_to is None or today is None or today.code == row.code:
            continue
        changed_on = f"{row.valid_to[0]:04d}-{row.valid_to[1]:02d}-01"
        city = (today.city_name,) if today.city_name else ()
        new_path = (today.province_name, *city, today.name)
        old_path = (row.province, *city, row.name)
        changes.append(DivisionChange(changed_on, old_path, new_path))
    return tuple(changes)


def _today(code: str) -> Division | None:
    """Today's division that a dated code became, following a chain of changes."""
    current = divisions_by_code()
    rows = {row.code: row for row in dated_codes()}
    seen: set[str] = set()
    while code not in current and code in rows and code not in seen:
        seen.add(code)
        code = rows[code].successor or ""
    return current.get(code)


@cache
def former_names() -> dict[str, tuple[Division, ...]]:
    """Names of divisions merged or renamed since 2015 → today's division that took them over
    (即墨市 → 即墨区): a report written before the change names its place so."""
    index: dict[str, list[Division]] = {}
    for row in dated_codes():
        today = _today(row.successor) if row.successor else None  # a chain of changes followed
        if today and row.name not in divisions_by_name():
            index.setdefault(row.name, []).append(today)
    dated = {row.name for row in dated_codes()}
    for change in load_changes():
        # jionlp's own record of renames and mergers (长治县 → 上党区, 2018): the former name
        # finds today's division, whose code stands unless the dated table gives the former one
        old, today = change.old_path[-1], _division_at(change.new_path)
        if today and old not in dated and old not in divisions_by_name():
            index.setdefault(old, []).append(today)
    return {name: tuple(dict.fromkeys(found)) for name, found in index.items()}


def _division_at(path: tuple[str, ...]) -> Division | None:
    """Today's division at a path of names (province, city, county), if the path still holds."""
    if not path:
        return None
    found = [
        d
        for d in divisions_by_name().get(path[-1], ())
        if d.province_name == path[0] and (len(path) < 3 or d.city_name in (path[1], None))
    ]
    return found[0] if len(found) == 1 else None


ETHNIC_NAME_RE = re.compile(r"族|自治")


@cache
def short_level_names() -> dict[str, tuple[Division, ...]]:
    """Names an autonomous or ethnic division goes by in its own documents: its short name
    with its level (石柱县 for 石柱土家族自治县, 黔东南州, 管城区 for 管城回族区). None of them
    is another division's full name, which is checked here rather than trusted."""
    index: dict[str, list[Division]] = {}
    for division in load_divisions():
        if division.level == "province" or division.is_function_zone:
            continue
        if not ETHNIC_NAME_RE.search(division.name):
            continue
        for alias in division.aliases:
            if len(alias) >= 2:
                index.setdefault(alias + division.name[-1], []).append(division)
    full = divisions_by_name()
    return {name: tuple(found) for name, found in index.items() if name not in full}


@cache
def other_names() -> dict[str, tuple[Division, ...]]:
    """Every name a text may give a division besides its full name of today: former names
    (即墨市) and the short names of autonomous divisions (石柱县)."""
    merged: dict[str, tuple[Division, ...]] = dict(short_level_names())
    for name, found in former_names().items():
        merged[name] = tuple(dict.fromkeys((*merged.get(name, ()), *found)))
    return merged
