"""The expectation suites of the gate, read from ``fazhi/quality/expectations/<suite>.json``.

Each suite file is a Great Expectations suite whose expectations carry, in ``meta``, a
``severity`` (critical | warning), a short ``name`` (used as the flag on warned rows), a
human-readable ``reason`` (written to the quarantine) and, for checks between facts, the
indicators a failure ``quarantines``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUITE_NAMES = ("documents", "facts", "consistency", "across_years")
SEVERITIES = ("critical", "warning")

# Longest first: "_to_not_be_" must win over "_to_".
_TYPE_WORDS = (
    ("expect_", ""),
    ("column_", ""),
    ("_to_not_be_", "_not_"),
    ("_to_be_", "_"),
    ("_to_", "_"),
)


@dataclass(frozen=True, slots=True)
class ExpectationSpec:
    """One expectation of a suite, with the gate's meaning of its failure."""

    suite: str
    type: str
    kwargs: dict[str, Any]
    severity: str
    name: str
    reason: str
    quarantines: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Expectation type plus its column(s), e.g. ``values_between:value``."""
        return expectation_label(self.type, self.kwargs)


@dataclass(frozen=True, slots=True)
class Suite:
    """A suite as declared on disk: its raw JSON (for Great Expectations) and its specs."""

    name: str
    document: dict[str, Any]
    expectations: tuple[ExpectationSpec, ...]

    @property
    def parameter_names(self) -> frozenset[str]:
        """The ``$PARAMETER`` names its expectations refer to."""
        return frozenset(_parameters(self.document["expectations"]))

    def by_name(self, name: str) -> ExpectationSpec:
        """The expectation whose ``meta.name`` is ``name``."""
        for spec in self.expectations:
            if spec.name == name:
                return spec
        raise KeyError(f"suite {self.name} has no expectation named {name!r}")


def expectation_label(type_: str, kwargs: dict[str, Any]) -> str:
    """``expect_column_values_to_be_between`` on ``value`` → ``values_between:value``."""
    short = type_
    for old, new in _TYPE_WORDS:
        short = short.replace(old, new, 1)
    columns = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    columns += list(kwargs.get("column_list", []))
    return f"{short}:{','.join(columns)}"


def load_suite(expectations_dir: Path, name: str) -> Suite:
    """The suite ``expectations_dir/<name>.json``; raises ``ValueError`` on a malformed meta."""
    path = expectations_dir / f"{name}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("name") != name:
        raise ValueError(f"{path}: suite name must be {name!r}")
    specs = tuple(_spec(name, raw, path) for raw in document["expectations"])
    _check_unique(path, [s.name for s in specs], "meta.name")
    _check_unique(path, [s.label for s in specs], "type and columns")
    return Suite(name=name, document=document, expectations=specs)


def load_suites(expectations_dir: Path) -> dict[str, Suite]:
    """Every suite of the gate, keyed by name."""
    return {name: load_suite(expectations_dir, name) for name in SUITE_NAMES}


def _spec(suite: str, raw: dict[str, Any], path: Path) -> ExpectationSpec:
    meta = raw.get("meta") or {}
    missing = [k for k in ("severity", "name", "reason") if not meta.get(k)]
    if missing:
        raise ValueError(f"{path}: {raw.get('type')} lacks meta {', '.join(missing)}")
    if meta["severity"] not in SEVERITIES:
        raise ValueError(f"{path}: {meta['name']} has unknown severity {meta['severity']!r}")
    return ExpectationSpec(
        suite=suite,
        type=raw["type"],
        kwargs=dict(raw["kwargs"]),
        severity=meta["severity"],
        name=meta["name"],
        reason=meta["reason"],
        quarantines=tuple(meta.get("quarantines", ())),
    )


def _parameters(value: Any) -> list[str]:
    if isinstance(value, dict):
        if isinstance(value.get("$PARAMETER"), str):
            return [value["$PARAMETER"]]
        return [name for item in value.values() for name in _parameters(item)]
    if isinstance(value, list):
        return [name for item in value for name in _parameters(item)]
    return []


def _check_unique(path: Path, values: list[str], what: str) -> None:
    seen = {v for v in values if values.count(v) > 1}
    if seen:
        raise ValueError(f"{path}: duplicate {what}: {', '.join(sorted(seen))}")
