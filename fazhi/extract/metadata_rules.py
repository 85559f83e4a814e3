"""The metadata rules kept as data (``data/metadata_rules.toml``), loaded and checked once.

Reads the rules file; writes typed, compiled rules. A rule that cannot work fails the load with
the file and the rule's number: an unknown key, a pattern that does not compile or lacks the
groups its reader takes, a rule without an example, an example that is not a date or ``false``.
The examples themselves are run by ``tests/extract/test_metadata.py``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.config import PACKAGE_DATA

METADATA_RULES_PATH = PACKAGE_DATA / "metadata_rules.toml"
ADDRESS_DATE_KEYS = frozenset({"name", "pattern", "examples"})
ADDRESS_DATE_GROUPS = frozenset({"year", "month"})


class MetadataRulesError(ValueError):
    """A metadata rules file that cannot be used as written."""


@dataclass(frozen=True)
class AddressDateRule:
    """A shape in which an address's path carries a date (``/t20230315_``, ``/2023/1126/``)."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, date | None], ...]

    def date_in(self, path: str) -> date | None:
        """The date this shape reads in ``path``; none where it does not match or names no
        real day."""
        match = self.pattern.search(path)
        if match is None:
            return None
        parts = match.groupdict()
        try:
            return date(int(parts["year"]), int(parts["month"]), int(parts.get("day") or 1))
        except ValueError:
            return None


@dataclass(frozen=True)
class MetadataRules:
    address_dates: tuple[AddressDateRule, ...]


@cache
def load_metadata_rules(path: Path = METADATA_RULES_PATH) -> MetadataRules:
    """The rules of ``path``, checked (:class:`MetadataRulesError` names what is wrong)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MetadataRulesError(f"{path}: {exc}") from exc
    unknown = set(data) - {"address_date"}
    if unknown:
        raise MetadataRulesError(f"{path}: unknown tables {sorted(unknown)}")
    rules = data.get("address_date", [])
    return MetadataRules(
        tuple(
            _address_date_rule(entry, f"{path}: address_date #{n}")
            for n, entry in enumerate(rules, 1)
        )
    )


def _address_date_rule(entry: dict[str, Any], where: str) -> AddressDateRule:
    unknown = set(entry) - ADDRESS_DATE_KEYS
    if unknown:
        raise MetadataRulesError(f"{where}: unknown keys {sorted(unknown)}")
    try:
        pattern = re.compile(entry["pattern"])
    except (KeyError, re.error) as exc:
        raise MetadataRulesError(f"{where}: no usable pattern ({exc})") from exc
    missing = ADDRESS_DATE_GROUPS - set(pattern.groupindex)
    if missing:
        raise MetadataRulesError(f"{where}: the pattern names no group {sorted(missing)}")
    examples = tuple(_example(row, where) for row in entry.get("examples", []))
    if not examples:
        raise MetadataRulesError(f"{where}: no example")
    return AddressDateRule(str(entry.get("name", where)), pattern, examples)


def _example(row: object, where: str) -> tuple[str, date | None]:
    if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str)):
        raise MetadataRulesError(f"{where}: an example is [PATH, DATE or false], not {row!r}")
    path, expected = row
    if expected is False:
        return path, None
    try:
        return path, date.fromisoformat(str(expected))
    except ValueError as exc:
        raise MetadataRulesError(f"{where}: {expected!r} is no date (YYYY-MM-DD)") from exc
