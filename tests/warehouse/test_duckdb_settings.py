"""DuckDB's memory limit, threads and spill directory on every connection the project opens."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb
import pydantic
import pytest

from fazhi.config import Settings, load_settings
from fazhi.report.dashboard.site import _open_read_only
from fazhi.warehouse.db import connect, connect_reader, open_duckdb, readable_path, writer

LIMIT_MB = 64
# ~230 MB of rows: far beyond the limit, so DuckDB must spill them or refuse
BIG = "SELECT i, repeat('x', 100) || i::VARCHAR AS s FROM range(2000000) t(i)"

Opener = Callable[[Settings], AbstractContextManager[duckdb.DuckDBPyConnection]]


def _closing(con: duckdb.DuckDBPyConnection) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    return contextlib.closing(con)


@contextlib.contextmanager
def _writer(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    with writer(settings, publish=False) as con:
        yield con


OPENERS = [
    pytest.param(_writer, id="writer: the batch loads and the run's record"),
    pytest.param(
        lambda s: _closing(connect(readable_path(s), s, read_only=True)),
        id="read-only: the gate's prior values, the headline, recovery",
    ),
    pytest.param(
        lambda s: _closing(connect_reader(s)), id="locked reader: fazhi sql, search, export"
    ),
    pytest.param(lambda s: _closing(_open_read_only(s)), id="dashboard: marts over the warehouse"),
    pytest.param(lambda s: _closing(open_duckdb(None, s)), id="in-memory: the xlsx export"),
]


@pytest.fixture
def limited(settings: Settings) -> Settings:
    """The fresh warehouse's settings with a small limit and one thread."""
    return load_settings(
        data_dir=settings.data_dir, duckdb_memory_limit_mb=LIMIT_MB, duckdb_threads=1
    )


@pytest.mark.parametrize("opener", OPENERS)
def test_every_connection_has_the_limit_threads_and_spill_directory(
    limited: Settings, opener: Opener
) -> None:
    with opener(limited) as con:
        row = con.sql(
            "SELECT current_setting('memory_limit'), current_setting('threads'), "
            "current_setting('temp_directory')"
        ).fetchone()
    assert row == (f"{LIMIT_MB}.0 MiB", 1, str(limited.duckdb_temp_dir))


@pytest.mark.parametrize("opener", OPENERS)
def test_rows_beyond_the_limit_spill_under_the_data_directory(
    limited: Settings, opener: Opener
) -> None:
    with opener(limited) as con:
        con.execute(f"CREATE TEMP TABLE big AS {BIG}")
        spilled = con.sql("SELECT path, size FROM duckdb_temporary_files()").fetchall()
        largest = con.sql("SELECT max(s) FROM (SELECT s FROM big ORDER BY s DESC)").fetchone()
    assert largest == ("x" * 100 + "999999",)
    assert spilled, "230 MB of rows held under a 64 MiB limit without spilling"
    assert sum(size for _, size in spilled) > 32 * 1024 * 1024
    assert all(Path(path).parent == limited.duckdb_temp_dir for path, _ in spilled)


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("SELECT string_agg(s, ',') FROM big", id="one 230 MB string cannot spill"),
        pytest.param("SELECT list(s) FROM big", id="one 2-million-element list cannot spill"),
    ],
)
def test_what_cannot_spill_fails_naming_the_limit(limited: Settings, query: str) -> None:
    with contextlib.closing(connect(readable_path(limited), limited, read_only=True)) as con:
        con.execute(f"CREATE TEMP TABLE big AS {BIG}")
        with pytest.raises(duckdb.OutOfMemoryException, match=rf"/{LIMIT_MB}\.0 MiB used"):
            con.sql(query).fetchall()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("duckdb_memory_limit_mb", 16, id="a limit below 64 MB: DuckDB barely starts"),
        pytest.param("duckdb_memory_limit_mb", -1, id="a negative limit"),
        pytest.param("duckdb_threads", 0, id="no thread at all"),
    ],
)
def test_settings_refuse_unusable_values(tmp_path: Path, field: str, value: int) -> None:
    with pytest.raises(pydantic.ValidationError, match=field):
        load_settings(data_dir=tmp_path, **{field: value})


def test_the_environment_sets_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY_LIMIT_MB", "300")
    monkeypatch.setenv("FAZHI_DUCKDB_THREADS", "1")
    settings = load_settings(data_dir=tmp_path)
    with contextlib.closing(open_duckdb(None, settings)) as con:
        row = con.sql("SELECT current_setting('memory_limit'), current_setting('threads')")
        assert row.fetchone() == ("300.0 MiB", 1)
