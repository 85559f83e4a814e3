"""Writes the dashboard site: reads the warehouse through :mod:`fazhi.report.dashboard.panels` and
writes ``index.html``, ``data.js``, ``trend/<province>.js`` and the page's assets under
``settings.dashboard_dir``.

The data ships as ``<script>`` files rather than JSON fetched at run time, because browsers refuse
``fetch`` on ``file://`` pages and the site must open straight from disk, offline.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import time
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from fazhi.config import Settings
from fazhi.errors import WarehouseLockedError
from fazhi.report.dashboard import panels
from fazhi.report.data_docs import OFFLINE_INDEX
from fazhi.warehouse.db import open_duckdb, readable_path

# The page's own files and the vendored ECharts (see tools/vendor_dashboard_assets.py): every
# file of the package's assets folder except the page template.
TEMPLATE = "index.html"
_SHARD_NAME = re.compile(r"^[0-9A-Za-z_-]+$")
_LOCK_POLL_S = 0.1


def build_dashboard(settings: Settings) -> Path:
    """Build the dashboard for ``settings``' warehouse and return the path of its index.html."""
    if not settings.duckdb_path.is_file():
        raise FileNotFoundError(f"no warehouse at {settings.duckdb_path}; run the pipeline first")
    out = settings.dashboard_dir
    out.mkdir(parents=True, exist_ok=True)
    with _open_read_only(settings) as con:
        con.execute("SET enable_progress_bar = false")  # stdout carries only the index path
        data = _page_data(con, settings)
        per_query = panels.trend_documents(settings.duckdb_memory_limit_mb)
        shards = panels.collect_trend_shards(con, settings.sql_dir, per_query)
    _write_assets(out)
    _write_shards(out / "trend", shards)
    _write_script(out / "data.js", "window.FAZHI_DASHBOARD = " + _dumps(data) + ";\n")
    index = out / "index.html"
    index.write_text(_asset_text(TEMPLATE), encoding="utf-8")
    return index


def _open_read_only(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A read-only connection, waiting up to the lock timeout while a writer holds the file."""
    deadline = time.monotonic() + settings.lock_timeout_s
    while True:
        try:
            return open_duckdb(readable_path(settings), settings, read_only=True)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(
                    f"the warehouse {settings.duckdb_path} is being written by another process; "
                    f"waited {settings.lock_timeout_s:g} s. Build the dashboard when it finishes."
                ) from exc
            time.sleep(_LOCK_POLL_S)


def _page_data(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    tables = panels.collect_tables(con, settings.sql_dir)
    tables["freshness_manifest"] = panels.collect_manifest_freshness(con, settings)
    return {
        "generated_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "data_docs": _data_docs_link(settings),
        "tables": tables,
    }


def _data_docs_link(settings: Settings) -> dict[str, Any]:
    """Relative link from the dashboard to the Data Docs, so the pair can be moved together."""
    index = settings.data_docs_dir / OFFLINE_INDEX
    if not index.is_file():
        index = settings.data_docs_dir / "index.html"
    href = os.path.relpath(index, settings.dashboard_dir).replace(os.sep, "/")
    return {"href": href, "exists": index.is_file()}


def _write_assets(out: Path) -> None:
    target = out / "assets"
    target.mkdir(exist_ok=True)
    for source in resources.files("fazhi.report.dashboard").joinpath("assets").iterdir():
        if source.name != TEMPLATE and source.is_file():
            copied = target / source.name
            data = source.read_bytes()
            # Unchanged vendored files are left alone: a rebuild writes only what changed.
            if not copied.is_file() or copied.read_bytes() != data:
                copied.write_bytes(data)


def _asset_text(name: str) -> str:
    return (
        resources.files("fazhi.report.dashboard")
        .joinpath("assets", name)
        .read_text(encoding="utf-8")
    )


def _write_shards(folder: Path, shards: dict[str, str]) -> None:
    # Start clean: a province that lost all its data must not keep a stale shard.
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for code, shard in shards.items():
        if not _SHARD_NAME.match(code):
            raise ValueError(f"unexpected province code {code!r} for a trend shard file name")
        call = "window.fazhiTrendShard(" + json.dumps(code) + ", " + shard + ");\n"
        _write_script(folder / f"{code}.js", call)


def _write_script(path: Path, text: str) -> None:
    # "</" inside a string would end an inline script; escaping it keeps the files safe to inline.
    # Written beside and renamed, so a page opened during a rebuild never reads half a file.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text.replace("</", "<\\/"), encoding="utf-8")
    os.replace(partial, path)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
