"""The sources file: which report columns to crawl and how politely.

Reads a TOML file of ``[[source]]`` tables (contract in ARCHITECTURE.md) and returns validated
:class:`Source` objects; writes nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fazhi.lake import UnsafePathError, checked_id

FAMILIES = ("auto", "trs", "pagination", "hanweb", "guangdong")

# A source's title_keywords name further report titles of that source, beside the report forms
# every source has (fazhi.crawl.reports.REPORT_FORMS); each entry is a set of words joined by "+"
# that must all appear in a link's title. None by default.
DEFAULT_TITLE_KEYWORDS: tuple[str, ...] = ()

_REQUIRED = ("id", "name", "start_urls")
_OPTIONAL = {
    "locality_code",
    "allow_private_addresses",
    "allow_domains",
    "title_keywords",
    "max_pages",
    "delay_s",
    "family",
}


class SourcesFileError(ValueError):
    """The sources file is malformed; the message names the file, the source and the field."""


@dataclass(frozen=True)
class Source:
    """One report column to crawl."""

    id: str
    name: str
    start_urls: tuple[str, ...]
    locality_code: str | None = None
    allow_private_addresses: bool = False
    allow_domains: tuple[str, ...] = ()
    title_keywords: tuple[str, ...] = DEFAULT_TITLE_KEYWORDS
    max_pages: int | None = None
    delay_s: float | None = None
    family: str = "auto"

    @property
    def domains(self) -> tuple[str, ...]:
        """Domains this source may fetch from (subdomains included): ``allow_domains``, else
        the hosts of its start URLs without a leading ``www.`` (sites serve files from
        ``file.``/bare-domain hosts too)."""
        if self.allow_domains:
            return self.allow_domains
        hosts = (urlsplit(url).hostname or "" for url in self.start_urls)
        return tuple(dict.fromkeys(h.removeprefix("www.") for h in hosts if h))


def load_sources(path: Path) -> list[Source]:
    """Sources declared in the TOML file at ``path``; raises SourcesFileError when malformed."""
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourcesFileError(f"{path}: cannot read sources file: {exc}") from exc
    tables = document.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourcesFileError(f"{path}: no [[source]] tables found")
    sources = [
        source_from_table(table, f"{path}: source #{n}") for n, table in enumerate(tables, 1)
    ]
    _check_unique_ids(sources, path)
    return sources


def source_from_table(table: dict[str, Any], where: str) -> Source:
    """A Source from one ``[[source]]`` table; ``where`` prefixes error messages."""
    missing = [key for key in _REQUIRED if key not in table]
    if missing:
        raise SourcesFileError(f"{where}: missing required field(s): {', '.join(missing)}")
    where = f"{where} ({table['id']!r})"
    unknown = sorted(set(table) - set(_REQUIRED) - _OPTIONAL)
    if unknown:
        raise SourcesFileError(f"{where}: unknown field(s): {', '.join(unknown)}")
    return Source(
        id=_source_id(table, where),
        name=_text(table, "name", where),
        start_urls=_urls(table, where),
        locality_code=_optional_text(table, "locality_code", where),
        allow_private_addresses=_flag(table, "allow_private_addresses", where),
        allow_domains=_texts(table, "allow_domains", where, ()),
        title_keywords=_texts(table, "title_keywords", where, DEFAULT_TITLE_KEYWORDS),
        max_pages=_positive(table, "max_pages", where, int),
        delay_s=_non_negative_delay(table, where),
        family=_family(table, where),
    )


def _source_id(table: dict[str, Any], where: str) -> str:
    # the id names the source's state folder and manifest file: it must be one safe path part
    value = _text(table, "id", where)
    try:
        return checked_id(value, "source id")
    except UnsafePathError as exc:
        raise SourcesFileError(f"{where}: {exc}") from exc


def _check_unique_ids(sources: list[Source], path: Path) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            raise SourcesFileError(f"{path}: duplicate source id {source.id!r}")
        seen.add(source.id)


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise SourcesFileError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _optional_text(table: dict[str, Any], key: str, where: str) -> str | None:
    return _text(table, key, where) if key in table else None


def _texts(
    table: dict[str, Any], key: str, where: str, default: tuple[str, ...]
) -> tuple[str, ...]:
    if key not in table:
        return default
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourcesFileError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _urls(table: dict[str, Any], where: str) -> tuple[str, ...]:
    urls = _texts(table, "start_urls", where, ())
    if not urls:
        raise SourcesFileError(f"{where}: start_urls must list at least one URL")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesFileError(f"{where}: start URL {url!r} is not an http(s) URL")
    return urls


def _flag(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise SourcesFileError(f"{where}: {key} must be true or false")
    return value


def _positive(table: dict[str, Any], key: str, where: str, kind: type[int]) -> int | None:
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
        raise SourcesFileError(f"{where}: {key} must be a positive integer")
    return value


def _non_negative_delay(table: dict[str, Any], where: str) -> float | None:
    if "delay_s" not in table:
        return None
    value = table["delay_s"]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise SourcesFileError(f"{where}: delay_s must be a number >= 0")
    return float(value)


def _family(table: dict[str, Any], where: str) -> str:
    family = table.get("family", "auto")
    if family not in FAMILIES:
        raise SourcesFileError(f"{where}: family must be one of {', '.join(FAMILIES)}")
    return str(family)
