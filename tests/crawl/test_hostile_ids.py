"""Ids that become path parts (run id, source id) cannot lead outside the data directory."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from fazhi.config import load_settings
from fazhi.crawl import store
from fazhi.crawl.sources import SourcesFileError, load_sources
from fazhi.crawl.state import CrawlState
from fazhi.extract.stage import staged_path
from fazhi.lake import Lake, UnsafePathError, checked_id
from fazhi.schemas import RAW_MANIFEST, empty

HOSTILE_IDS = [
    pytest.param("../../../ESCAPED", id="climbs-up"),
    pytest.param("..", id="parent"),
    pytest.param("a/b", id="slash"),
    pytest.param("a\\b", id="backslash"),
    pytest.param("/etc", id="absolute"),
    pytest.param("", id="empty"),
    pytest.param("x\0y", id="nul"),
    pytest.param(".hidden", id="leading-dot"),
    pytest.param("run id", id="space"),
    pytest.param("a" * 129, id="too-long"),
]
GOOD_IDS = [
    pytest.param("20261124T224444Z-844968", id="flow-run-id"),
    pytest.param("crawl-20250103T080000Z-1a2b", id="cli-run-id"),
    pytest.param("lianjiang-fzbg", id="source-id"),
    pytest.param("cq.jw_2024", id="dots-and-underscores"),
]


@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_hostile_run_ids_are_refused_before_any_path_is_made(tmp_path: Path, value: str) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    with pytest.raises(UnsafePathError):
        staged_path(settings, "documents", value)
    with pytest.raises(UnsafePathError):
        store.write_manifest(settings, value, "source", empty(RAW_MANIFEST))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_hostile_source_ids_are_refused(tmp_path: Path, value: str) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    with pytest.raises(UnsafePathError):
        CrawlState(settings.state_dir, value)
    with pytest.raises(UnsafePathError):
        store.manifest_path(settings, "run-1", value)
    sources = tmp_path / "sources.toml"
    escaped = value.replace("\\", "\\\\").replace("\0", "\\u0000")
    sources.write_text(
        f'[[source]]\nid = "{escaped}"\nname = "x"\nstart_urls = ["http://a.gov.cn/"]\n'
    )
    with pytest.raises(SourcesFileError):
        load_sources(sources)


@pytest.mark.parametrize("value", GOOD_IDS)
def test_good_ids_make_paths_under_the_lake(tmp_path: Path, value: str) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    assert checked_id(value) == value
    path = Path(store.write_manifest(settings, value, value, pl.DataFrame(schema=RAW_MANIFEST)))
    assert path.resolve().is_relative_to((tmp_path / "data" / "lake").resolve())
    assert CrawlState(settings.state_dir, value).directory.is_dir()


@pytest.mark.parametrize(
    "part",
    [
        pytest.param("..", id="dots"),
        pytest.param("a/../..", id="embedded"),
        pytest.param("", id="empty"),
    ],
)
def test_lake_path_parts_are_single_components(tmp_path: Path, part: str) -> None:
    with pytest.raises(UnsafePathError):
        Lake.of(load_settings(data_dir=tmp_path)).path("staging", part)


BODY = "样例县报告".encode()
SHA = store.sha256_of(BODY)
# (where a symlink is, relative to the lake, and where it points: "out" is outside the lake)
SYMLINKS = [
    pytest.param("raw", "out", True, id="raw-folder-leads-out"),
    pytest.param(f"raw/objects/{SHA[:2]}", "out", True, id="object-folder-leads-out"),
    pytest.param(f"raw/objects/{SHA[:2]}/{SHA}", "out/x", True, id="the-object-itself-leads-out"),
    pytest.param(f"raw/objects/{SHA[:2]}", "out/absent", True, id="dangling-link-out"),
    pytest.param("raw", "data/lake/elsewhere", False, id="a-link-within-the-lake"),
    pytest.param("", "real-lake", False, id="the-lake-root-is-a-link"),
]


@pytest.mark.parametrize(("link", "target", "refused"), SYMLINKS)
def test_symlinks_out_of_the_lake_are_refused(
    tmp_path: Path, link: str, target: str, refused: bool
) -> None:
    data = tmp_path / "data"
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_bytes(b"outside")
    if link:
        (data / "lake" / "elsewhere").mkdir(parents=True)
        (data / "lake" / link).parent.mkdir(parents=True, exist_ok=True)
        (data / "lake" / link).symlink_to(tmp_path / target)
    else:
        (tmp_path / "real-lake").mkdir()
        data.mkdir()
        (data / "lake").symlink_to(tmp_path / target)
    lake = Lake.of(load_settings(data_dir=data))
    if refused:
        with pytest.raises(UnsafePathError):
            lake.raw_object(SHA)
        with pytest.raises(UnsafePathError):
            store.put_object(lake, BODY)
    else:
        assert Path(lake.raw_object(SHA)).resolve().is_relative_to(tmp_path)
        assert store.put_object(lake, BODY) == SHA
        assert store.read_object(lake, SHA) == BODY
