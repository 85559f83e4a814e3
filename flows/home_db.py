"""A fresh Prefect home's SQLite database, copied from a migrated empty one instead of migrated.

The temporary server of a run on a fresh ``PREFECT_HOME`` (a new data directory: a first run,
tests, benchmarks) ran all of Prefect's database migrations before it answered: 7.8 s of CPU
against 3.3 s on a home that has its database, and the run waits for it. The first such start
on a machine keeps a copy of its database as it first answers (the schema and Prefect's block
types, no runs yet) in the user's cache, one per Prefect version; later fresh homes start from
a copy of it, which Prefect finds up to date. Reads and writes only those two files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

SQLITE_URL = "sqlite+aiosqlite:///"


def database_file() -> Path | None:
    """The SQLite file Prefect's server uses under the current settings; None when it uses
    another database (e.g. PostgreSQL) or one in memory."""
    from prefect.settings import get_current_settings

    secret = get_current_settings().server.database.connection_url
    url = secret.get_secret_value() if secret is not None else ""
    if not url.startswith(SQLITE_URL) or ":memory:" in url:
        return None
    return Path(url.removeprefix(SQLITE_URL))


def template_file() -> Path:
    """Where this machine keeps the migrated empty database of the installed Prefect."""
    import prefect

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "fazhi" / f"prefect-{prefect.__version__}.db"


def seed(database: Path, template: Path) -> bool:
    """Give a home with no database a copy of ``template``; True when the home had none and
    there was no template either (keep one with :func:`keep_template` once the server is up)."""
    if database.exists():
        return False
    if not template.is_file():
        return True
    database.parent.mkdir(parents=True, exist_ok=True)
    _copy(template, database, unused=True)
    return False


def keep_template(database: Path, template: Path) -> None:
    """Keep a consistent copy of ``database`` (in use by its server) as ``template``."""
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_name(f"{template.name}.{os.getpid()}.part")
    try:
        _copy(database, partial)
        os.replace(partial, template)  # concurrent runs each write whole files
    finally:
        partial.unlink(missing_ok=True)


def _copy(source: Path, target: Path, unused: bool = False) -> None:
    """SQLite's online backup: a consistent copy even while another process writes the source
    (``unused``: no process has it open, so reading it leaves no -wal and -shm files beside it)."""
    mode = "immutable=1" if unused else "mode=ro"
    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?{mode}", uri=True)) as reading,
        contextlib.closing(sqlite3.connect(target)) as writing,
    ):
        reading.backup(writing)
