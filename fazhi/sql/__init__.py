"""The one way to read SQL: every statement lives in a ``.sql`` file of this package folder.

The files ship inside the package (wheel included): ``fazhi/sql/<purpose>/<name>.sql``; the
folder read is ``settings.sql_dir``, whose default is this one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def read_sql(name: str, sql_dir: Path) -> str:
    """The text of ``<sql_dir>/<name>.sql`` (``name`` may hold a sub-folder, e.g. ``marts/x``).

    ``sql_dir`` is ``settings.sql_dir``: there is no default, so no caller reads another folder
    than the one the settings name.
    """
    path = sql_dir / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"no SQL file {path}")
    return path.read_text(encoding="utf-8")


def split_statements(script: str) -> list[str]:
    """Statements of a script separated by ``;`` at line ends (no ``;`` inside literals)."""
    parts = [p.strip() for p in script.split(";\n")]
    return [p.rstrip(";").strip() for p in parts if p.strip() and not _only_comments(p)]


def _only_comments(part: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in part.splitlines())
