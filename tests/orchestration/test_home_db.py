"""A fresh Prefect home starts from a copy of a migrated empty database (flows.home_db)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from flows import home_db


def _table(path: Path) -> list[tuple[int, str]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("select id, name from block_type order by id").fetchall()


def _database(path: Path, names: list[str]) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("pragma journal_mode=wal")  # as Prefect's server keeps it
        db.execute("create table block_type (id integer primary key, name text)")
        db.executemany("insert into block_type (name) values (?)", [(n,) for n in names])
        db.commit()
    return path


def test_the_first_fresh_home_keeps_a_template_and_the_next_starts_from_it(
    tmp_path: Path,
) -> None:
    template = tmp_path / "cache" / "prefect-x.db"
    first = tmp_path / "home1" / "prefect.db"
    assert home_db.seed(first, template)  # fresh, no template yet: keep one once migrated
    first.parent.mkdir()
    _database(first, ["process", "secret"])  # what the server's migrations made
    home_db.keep_template(first, template)
    second = tmp_path / "home2" / "prefect.db"
    assert not home_db.seed(second, template)
    assert _table(second) == _table(first) == [(1, "process"), (2, "secret")]
    assert sorted(p.name for p in template.parent.iterdir()) == ["prefect-x.db"]


def test_a_home_with_a_database_keeps_it(tmp_path: Path) -> None:
    template = _database(tmp_path / "template.db", ["process"])
    (tmp_path / "home").mkdir()
    own = _database(tmp_path / "home" / "prefect.db", ["mine"])
    assert not home_db.seed(own, template)
    assert _table(own) == [(1, "mine")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(None, "HOME/prefect.db", id="Prefect's default: SQLite in its home"),
        pytest.param("postgresql+asyncpg://u:p@db/prefect", None, id="PostgreSQL"),
        pytest.param("sqlite+aiosqlite:///:memory:", None, id="in memory"),
    ],
)
def test_the_database_file_is_prefects_sqlite_file(
    tmp_path: Path, url: str | None, expected: str | None
) -> None:
    from prefect.settings import (
        PREFECT_API_DATABASE_CONNECTION_URL,
        PREFECT_HOME,
        temporary_settings,
    )

    updates = {PREFECT_HOME: tmp_path} | ({PREFECT_API_DATABASE_CONNECTION_URL: url} if url else {})
    with temporary_settings(updates=updates):
        found = home_db.database_file()
    assert found == (Path(expected.replace("HOME", str(tmp_path))) if expected else None)
