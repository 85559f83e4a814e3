"""The lake: where every stage persists its hand-off, a local folder or any fsspec URL.

``settings.lake_root`` is the one place the lake's location comes from; every stage reaches its
files through :func:`lake_fs` and :func:`lake_path`, so moving the lake to object storage is a
setting (``FAZHI_LAKE_URL``), not a code change.

Ids that become path parts (run ids, source ids) come from the command line and the sources
file: ``--run-id ../../../ESCAPED`` must not write outside the data directory. Every part given
to :func:`lake_path` is checked, ids match :data:`SAFE_ID`, and a local path is checked to stay
under its root after resolution.
"""

from __future__ import annotations

import re
from pathlib import Path

import fsspec
from fsspec import AbstractFileSystem

from fazhi.config import Settings
from fazhi.errors import TerminalError

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128"


class UnsafePathError(TerminalError):
    """An id or path part would lead outside the data directory or the lake."""


def checked_id(value: str, what: str = "id") -> str:
    """``value`` when it is safe as one path part; UnsafePathError naming ``what`` otherwise."""
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value):
        raise UnsafePathError(f"invalid {what} {value!r}: use {ID_RULE} characters")
    return value


def lake_fs(settings: Settings) -> AbstractFileSystem:
    """The filesystem holding the lake."""
    fs, _ = fsspec.core.url_to_fs(settings.lake_root)
    return fs


def lake_path(settings: Settings, *parts: str) -> str:
    """A path inside the lake, in ``lake_fs``'s terms (no protocol prefix).

    Each part is one path component; a ``key=value`` part (``run_id=…``) has its value checked
    as an id. UnsafePathError when a part could climb out of the lake.
    """
    _, root = fsspec.core.url_to_fs(settings.lake_root)
    for part in parts:
        _check_part(part)
    path = "/".join([str(root).rstrip("/"), *parts])
    if "://" not in settings.lake_root:
        check_under(Path(str(root)), Path(path))
    return path


def _check_part(part: str) -> None:
    if part in ("", ".", "..") or any(c in part for c in "/\\\0"):
        raise UnsafePathError(f"invalid lake path part {part!r}")
    key, equals, value = part.partition("=")
    if equals:
        checked_id(value, key.replace("_", " "))


def check_under(root: Path, path: Path) -> Path:
    """``path`` resolved, when it lies under ``root``; UnsafePathError otherwise."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise UnsafePathError(f"path {path} leaves {root}")
    return resolved
