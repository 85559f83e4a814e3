"""build_dashboard and ``fazhi dashboard``: the files of the site, offline and self-contained."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings, load_settings
from fazhi.dashboard import build_dashboard
from fazhi.errors import WarehouseLockedError

# Anything the page would fetch from elsewhere: a script, stylesheet, image or font by URL.
REMOTE_REFERENCE = re.compile(
    r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import"""
)


def copy_settings(settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of a warehouse (and its lake), so a test may build and alter its site."""
    ignore = shutil.ignore_patterns("dashboard")
    shutil.copytree(settings.data_dir, tmp_path / "data", ignore=ignore)
    return load_settings(data_dir=tmp_path / "data")


def read_data(index: Path) -> dict[str, object]:
    text = (index.parent / "data.js").read_text(encoding="utf-8")
    prefix, suffix = "window.FAZHI_DASHBOARD = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    data: dict[str, object] = json.loads(text[len(prefix) : -len(suffix)])
    return data


def test_build_writes_a_self_contained_site(small_settings: Settings, tmp_path: Path) -> None:
    settings = copy_settings(small_settings, tmp_path)
    index = build_dashboard(settings)
    assert index == settings.dashboard_dir / "index.html"
    site = sorted(p.relative_to(index.parent).as_posix() for p in index.parent.rglob("*.*"))
    assert site == [
        "assets/app.js",
        "assets/style.css",
        "data.js",
        "index.html",
        "trend/330000.js",
        "trend/440000.js",
    ]
    for path in index.parent.rglob("*.*"):
        assert not REMOTE_REFERENCE.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    ("make_docs", "exists"),
    [(False, False), (True, True)],
    ids=["Data Docs not built yet: link shown as pending", "Data Docs present"],
)
def test_data_docs_link_is_relative(
    small_settings: Settings, tmp_path: Path, make_docs: bool, exists: bool
) -> None:
    settings = copy_settings(small_settings, tmp_path)
    if make_docs:
        settings.data_docs_dir.mkdir(parents=True)
        (settings.data_docs_dir / "index.html").write_text("<html></html>", encoding="utf-8")
    data = read_data(build_dashboard(settings))
    assert data["data_docs"] == {"href": "../data_docs/index.html", "exists": exists}


def test_rebuild_drops_stale_trend_shards(small_settings: Settings, tmp_path: Path) -> None:
    settings = copy_settings(small_settings, tmp_path)
    stale = settings.dashboard_dir / "trend" / "650000.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale", encoding="utf-8")
    build_dashboard(settings)
    assert not stale.exists()


def test_without_manifest_freshness_comes_from_documents(
    small_settings: Settings, tmp_path: Path
) -> None:
    settings = copy_settings(small_settings, tmp_path)
    shutil.rmtree(settings.lake_dir)
    tables = read_data(build_dashboard(settings))["tables"]
    assert isinstance(tables, dict)
    assert tables["freshness_manifest"]["rows"] == []
    assert len(tables["freshness_documents"]["rows"]) == 3  # 广东省, 廉江市, 上城区


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no warehouse"):
        build_dashboard(load_settings(data_dir=tmp_path))


@pytest.mark.parametrize(
    ("has_warehouse", "exit_code", "output"),
    [(True, 0, "dashboard/index.html"), (False, 1, "no warehouse")],
    ids=["prints the index path", "reports a missing warehouse"],
)
def test_cli(
    small_settings: Settings, tmp_path: Path, has_warehouse: bool, exit_code: int, output: str
) -> None:
    data_dir = copy_settings(small_settings, tmp_path).data_dir if has_warehouse else tmp_path
    result = CliRunner().invoke(app, ["dashboard", "--data-dir", str(data_dir)])
    assert result.exit_code == exit_code
    assert output in result.output


def test_million_fact_site_stays_compact(million_index: Path) -> None:
    index = million_index
    assert (index.parent / "data.js").stat().st_size < 1_000_000
    tables = read_data(index)["tables"]
    assert isinstance(tables, dict)
    grid = tables["coverage_grid"]
    covered = {row[0] for row in grid["rows"] if row[grid["columns"].index("covered")]}
    shards = list((index.parent / "trend").glob("*.js"))
    assert {p.stem for p in shards} == covered, "one shard per province with data"
    assert max(p.stat().st_size for p in shards) < 3_000_000


def test_a_writer_holding_the_file_is_a_clear_transient_error(
    small_settings: Settings, tmp_path: Path
) -> None:
    settings = copy_settings(small_settings, tmp_path).model_copy(update={"lock_timeout_s": 0.3})
    holder = subprocess.Popen(  # another process writing: DuckDB's file lock is per process
        [sys.executable, "-c", HOLD_WRITER, str(settings.duckdb_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(WarehouseLockedError, match="being written by another process"):
            build_dashboard(settings)
    finally:
        holder.kill()
        holder.wait()


HOLD_WRITER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""
