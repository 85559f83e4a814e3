"""build_dashboard and ``fazhi dashboard``: the files of the site, offline and self-contained."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings, load_settings
from fazhi.loader import build_dashboard_bounded
from fazhi.localities import divisions_by_code, load_divisions
from fazhi.report.dashboard import build_dashboard

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
    site = {p.relative_to(index.parent).as_posix() for p in index.parent.rglob("*.*")}
    pages = {"data.js", "index.html", "trend/330000.js", "trend/440000.js"}
    vendored = {
        "assets/echarts.min.js",
        "assets/echarts.LICENSE.txt",
        "assets/map-china.js",
        "assets/map-440000.js",
        "assets/map-330000.js",
    }
    assert pages | vendored | {"assets/app.js", "assets/style.css"} <= site
    assert {p for p in site if not p.startswith("assets/")} == pages
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


def test_nationwide_site_stays_compact(nationwide_index: Path) -> None:
    index = nationwide_index
    # Every county reporting for up to 13 years on every indicator is the worst case: the
    # coverage cube then has a row for each province × year × indicator.
    assert (index.parent / "data.js").stat().st_size < 2_000_000
    tables = read_data(index)["tables"]
    assert isinstance(tables, dict)
    cube = tables["coverage_cube"]
    covered = {row[0] for row in cube["rows"]}
    shards = list((index.parent / "trend").glob("*.js"))
    assert {p.stem for p in shards} == covered, "one shard per province with data"
    assert max(p.stat().st_size for p in shards) < 3_000_000


def test_a_writer_holding_the_file_does_not_stop_the_dashboard(
    small_settings: Settings, tmp_path: Path
) -> None:
    """The dashboard reads the snapshot the last load published, so another process holding
    the warehouse file (DuckDB's lock is per process) does not stop it."""
    settings = copy_settings(small_settings, tmp_path).model_copy(update={"lock_timeout_s": 0.3})
    holder = subprocess.Popen(  # another process writing: DuckDB's file lock is per process
        [sys.executable, "-c", HOLD_WRITER, str(settings.duckdb_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        index = build_dashboard(settings)
        assert read_data(index)["tables"]
    finally:
        holder.kill()
        holder.wait()


HOLD_WRITER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


ASSETS = Path(__file__).resolve().parents[2] / "fazhi" / "report" / "dashboard" / "assets"
MAP_CALL = re.compile(r'^window\.fazhiRegisterMap\("(\w+)", (.*)\);\n$', re.S)


def read_map(name: str) -> tuple[str, dict[str, Any]]:
    match = MAP_CALL.match((ASSETS / f"map-{name}.js").read_text(encoding="utf-8"))
    assert match, name
    return match.group(1), json.loads(match.group(2))


def test_vendored_country_map_names_every_mainland_province_by_code() -> None:
    code, geojson = read_map("china")
    assert code == "china"
    codes = {f["properties"]["adcode"] for f in geojson["features"]}
    provinces = {d.code for d in load_divisions() if d.level == "province"}
    assert codes - {None} <= provinces
    assert len(codes & provinces) >= 31


@pytest.mark.parametrize(
    ("province", "prefecture", "reason"),
    [
        ("440000", "440800", "a province: prefectures (湛江市)"),
        ("110000", "110105", "a municipality: its districts (朝阳区)"),
        ("410000", "419001", "a county-level city under the province (济源市)"),
        ("540000", "540100", "西藏, shipped as plain GeoJSON and encoded by the tool"),
    ],
    ids=["province", "municipality", "county under the province", "re-encoded file"],
)
def test_vendored_province_maps_carry_division_codes(
    province: str, prefecture: str, reason: str
) -> None:
    code, geojson = read_map(province)
    assert code == province
    assert geojson["UTF8Encoding"] is True, "ECharts decodes the compact encoding itself"
    codes = [f["properties"]["adcode"] for f in geojson["features"]]
    by_code = divisions_by_code()
    assert prefecture in codes, reason
    assert all(by_code[c].province_code == province for c in codes if c), "no stray codes"
    assert sum(c is not None for c in codes) == len(codes), "every shape has its division"


def test_vendored_files_stay_small_and_carry_their_licence() -> None:
    maps = list(ASSETS.glob("map-*.js"))
    assert len(maps) >= 32
    assert max(p.stat().st_size for p in maps) < 150_000, "shapes are simplified"
    licence = (ASSETS / "echarts.LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "echarts 5.6.0" in licence


def test_the_loader_builds_the_same_dashboard_under_its_bounds(
    nationwide_settings: Settings, nationwide_index: Path, tmp_path: Path
) -> None:
    """The run builds its dashboard in a spawned process under the loader's DuckDB limit (its
    default, so fewer documents per trend-shard query) and one thread: the same tables and
    trend shards as a build in this process under the project's limit."""
    copied = copy_settings(nationwide_settings, tmp_path)
    settings = load_settings(data_dir=copied.data_dir, loader_duckdb_threads=1)
    built = build_dashboard_bounded(settings)
    assert built is not None
    index = Path(built)
    assert index == settings.dashboard_dir / "index.html"
    assert read_data(index)["tables"] == read_data(nationwide_index)["tables"]
    shards = {p.name: p.read_text("utf-8") for p in (index.parent / "trend").glob("*.js")}
    expected = {
        p.name: p.read_text("utf-8") for p in (nationwide_index.parent / "trend").glob("*.js")
    }
    assert shards == expected
