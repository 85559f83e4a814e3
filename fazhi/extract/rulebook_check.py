"""Checks of the rules file (``data/phrasings.toml``) made when it is loaded.

A rule that can never fire is worse than a missing one: it reads as if it worked. So loading
fails, naming the file, the entry and its line, when the rules name a unit the number parser
(:mod:`fazhi.extract.numbers`) never gives a quantity, an indicator code the catalogue lacks, a
key no rule has, or a pattern that does not compile; and when a catalogue indicator has no rule
or no example (the test row beside its rule, run by ``tests/extract/test_rulebook.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from fazhi.catalog import Indicator
from fazhi.extract.numbers import PRODUCIBLE_UNITS, SCALES

# every key an [indicator.CODE] table may hold
PATTERN_KEYS = (
    "before",
    "after",
    "requires",
    "exclude",
    "exclude_near",
    "exclude_before",
    "exclude_sentence",
)
INDICATOR_KEYS = frozenset(
    {*PATTERN_KEYS, "pairs", "units", "units_when", "gap_before", "gap_after", "pair_span"}
    | {"other_bodies_ok", "after_needs_scope", "requires_in_sentence", "examples"}
)
TOP_TABLES = ("defaults", "units", "scoring", "indicator")


class RulebookError(ValueError):
    """A rules file that cannot be used as written."""


def unit_keys(word: str) -> frozenset[str]:
    """The keys under which quantities a unit word names are filed (see ``facts._unit_key``).

    A unit the parser produces is its own key; a bare scale (万, 亿) is ``scale:万``; a scale
    before a unit (万元, 亿元) names quantities of that unit, whose value the parser has scaled.
    Empty when the parser can never produce the word.
    """
    if word in PRODUCIBLE_UNITS:
        return frozenset({word})
    if word in SCALES:
        return frozenset({f"scale:{word}"})
    for scale in SCALES:
        rest = word.removeprefix(scale)
        if rest != word and rest in PRODUCIBLE_UNITS:
            return frozenset({rest})
    return frozenset()


class _Source:
    """The rules file's lines, to name where an entry is written."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def where(self, table: str, needle: str | None = None) -> str:
        """``path:line`` of ``needle`` inside ``[table]`` (of the table's header without one)."""
        header = f"[{table}]"
        start = next((i for i, line in enumerate(self.lines) if line.strip() == header), None)
        if start is None:
            return str(self.path)
        found = start
        if needle is not None:
            for i in range(start + 1, len(self.lines)):
                if self.lines[i].lstrip().startswith("["):
                    break
                if needle in self.lines[i] or _toml_escaped(needle) in self.lines[i]:
                    found = i
                    break
        return f"{self.path}:{found + 1}"

    def fail(self, table: str, needle: str | None, problem: str) -> RulebookError:
        return RulebookError(f"{self.where(table, needle)}: [{table}] {problem}")


def _toml_escaped(text: str) -> str:
    """``text`` as written inside a TOML basic string (backslashes and quotes escaped)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def check_rulebook(
    data: Mapping[str, Any],
    text: str,
    path: Path,
    catalog: Mapping[str, Indicator],
    catalog_path: Path,
) -> None:
    """Raise :class:`RulebookError` for the first entry of ``data`` that cannot be used."""
    source = _Source(path, text)
    for table in TOP_TABLES:
        if not isinstance(data.get(table), dict):
            raise RulebookError(f"{path}: the table [{table}] is missing")
    _check_units(source, data["units"], catalog)
    _check_scoring(source, data["scoring"])
    specs: Mapping[str, Any] = data["indicator"]
    for code in specs:
        if code not in catalog:
            raise source.fail(
                f"indicator.{code}", None, f"{code!r} is not an indicator of {catalog_path}"
            )
    for code in catalog:
        if code not in specs:
            raise RulebookError(
                f"{path}: no rule [indicator.{code}] for the catalogue indicator {code} "
                f"({_catalog_line(catalog_path, code)})"
            )
        _check_indicator(source, code, specs[code])


def _catalog_line(catalog_path: Path, code: str) -> str:
    for number, line in enumerate(catalog_path.read_text("utf-8").splitlines(), start=1):
        if line.startswith(f"{code},"):
            return f"{catalog_path}:{number}"
    return str(catalog_path)


def _check_units(
    source: _Source, families: Mapping[str, Any], catalog: Mapping[str, Indicator]
) -> None:
    for family, words in families.items():
        for word in words:
            _check_unit(source, "units", word, f"family {family!r}")
    for indicator in catalog.values():
        if indicator.unit not in families:
            raise source.fail(
                "units",
                None,
                f"no unit family for {indicator.unit!r}, the unit of {indicator.code}",
            )


def _check_unit(source: _Source, table: str, word: str, owner: str) -> None:
    if not unit_keys(word):
        raise source.fail(
            table,
            f'"{word}"',
            f"{owner}: unit {word!r} is never produced by the number parser "
            "(fazhi/extract/numbers.py, _UNIT_WORDS); add it there or drop it here",
        )


def _check_scoring(source: _Source, scoring: Mapping[str, Any]) -> None:
    for key, value in scoring.items():
        if isinstance(value, str):
            _compile(source, "scoring", key, value)


def _check_indicator(source: _Source, code: str, spec: Mapping[str, Any]) -> None:
    table = f"indicator.{code}"
    for key in spec:
        if key not in INDICATOR_KEYS:
            raise source.fail(table, f"{key} =", f"unknown key {key!r}")
    for key, pattern in _patterns(spec):
        _compile(source, table, key, pattern)
    for word in spec.get("units", []):
        _check_unit(source, table, word, "units")
    for word, pattern in spec.get("units_when", {}).items():
        _check_unit(source, table, word, "units_when")
        _compile(source, table, "units_when", pattern)
    examples = spec.get("examples")
    if not examples:
        raise source.fail(
            table,
            None,
            "no example: add examples = [[TEXT, VALUE]] with at least one value the rule must find",
        )
    for example in examples:
        if (
            not isinstance(example, list)
            or len(example) != 2
            or not isinstance(example[0], str)
            or not (example[1] is False or isinstance(example[1], (int, float)))
        ):
            raise source.fail(
                table, "examples", f"example {example!r} is not [TEXT, VALUE] (VALUE false: none)"
            )
    if all(example[1] is False for example in examples):
        raise source.fail(table, "examples", "every example is a trap; add one value to find")


def _patterns(spec: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for key in PATTERN_KEYS:
        for pattern in spec.get(key, []):
            yield key, pattern
    for pair in spec.get("pairs", []):
        for pattern in pair:
            yield "pairs", pattern


def _compile(source: _Source, table: str, key: str, pattern: object) -> None:
    if not isinstance(pattern, str):
        raise source.fail(table, f"{key} =", f"{key}: {pattern!r} is not a pattern (a string)")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise source.fail(
            table, pattern, f"{key}: pattern {pattern!r} does not compile: {exc}"
        ) from None
