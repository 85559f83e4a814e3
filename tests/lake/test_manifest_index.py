"""Manifest reads that do not scan history: one run's manifest reads only that run's folder, and
"every row of every run" comes from a compacted index plus the files written since, on a real S3
server (moto on 127.0.0.1) and on a local folder."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.lake import Lake
from fazhi.schemas import RAW_MANIFEST, conform
from tests.lake.s3_server import S3Server, s3_settings


@pytest.fixture(params=["s3", "local"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "local":
        return Settings(data_dir=tmp_path)
    server: S3Server = request.getfixturevalue("s3_server")
    return s3_settings(server, server.new_bucket(), tmp_path)


def rows(run_id: str, source_id: str, count: int = 3, tag: str = "") -> pl.DataFrame:
    frame = pl.DataFrame(
        [
            {
                "run_id": run_id,
                "source_id": source_id,
                "kind": "article",
                "url": f"http://{source_id}.gov.cn/{n}{tag}.html",
                "fetched_at": datetime(2026, 1, 1, tzinfo=UTC),
                "outcome": "new",
            }
            for n in range(count)
        ]
    )
    return conform(frame, RAW_MANIFEST)


def history(settings: Settings, runs: int, sources: int = 2) -> None:
    for run in range(runs):
        for source in range(sources):
            store.write_manifest(
                settings, f"run-{run}", f"src{source}", rows(f"run-{run}", f"src{source}")
            )


def urls(frame: pl.DataFrame) -> list[tuple[str, str]]:
    return sorted(zip(frame["run_id"], frame["url"], strict=True))


def test_one_runs_manifest_never_opens_another_runs_files(settings: Settings) -> None:
    history(settings, runs=3)
    lake = Lake.of(settings)
    # another run's file that cannot be read: a scan of history would fail on it
    lake.put(lake.manifest("run-0", "src0"), b"not parquet")
    run = store.read_manifest_of_run(settings, "run-2")
    assert urls(run) == urls(pl.concat([rows("run-2", "src0"), rows("run-2", "src1")]))
    assert store.read_manifest_of_run(settings, "run-never").is_empty()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param("nothing", id="nothing new: the index alone answers"),
        pytest.param("new-run", id="a run written since: its files are added"),
        pytest.param("rewritten", id="a resumed run rewrote one source's manifest: replaced"),
        pytest.param("removed", id="a run's folder deleted: its rows leave the index"),
        pytest.param("index-rows-gone", id="another reader replaced the index: rebuilt"),
    ],
)
def test_every_runs_rows_match_a_full_scan_whatever_changed(
    settings: Settings, change: str
) -> None:
    history(settings, runs=3)
    store.read_manifest(settings)  # builds the index
    lake = Lake.of(settings)
    if change == "new-run":
        store.write_manifest(settings, "run-9", "src0", rows("run-9", "src0"))
    elif change == "rewritten":
        store.write_manifest(settings, "run-1", "src1", rows("run-1", "src1", count=5, tag="b"))
    elif change == "removed":
        lake.fs.rm(lake.run_manifests("run-0"), recursive=True)
    elif change == "index-rows-gone":
        folder = lake.manifest_index().rsplit("/", 1)[0]
        for path in lake.fs.glob(f"{folder}/rows-*.parquet"):
            lake.fs.rm(path)
    every = store.read_manifest(settings)
    scanned = [
        conform(pl.read_parquet(lake.fs.open(path, "rb")), RAW_MANIFEST)
        for path in sorted(lake.fs.glob(lake.manifests()))
    ]
    assert urls(every) == urls(pl.concat(scanned))
    assert every.schema == pl.Schema(RAW_MANIFEST)
    assert urls(store.read_manifest(settings)) == urls(every)  # and the index now agrees


class Requests(logging.Handler):
    """The requests moto's server answers (its access log)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def requests() -> Iterator[Requests]:
    log = logging.getLogger("werkzeug")
    handler, level = Requests(), log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


@pytest.mark.parametrize("runs", [pytest.param(2, id="short history"), pytest.param(12, id="long")])
def test_s3_requests_do_not_grow_with_history(
    s3_server: S3Server, tmp_path: Path, requests: Requests, runs: int
) -> None:
    settings = s3_settings(s3_server, s3_server.new_bucket(), tmp_path)
    history(settings, runs=runs)
    store.read_manifest(settings)
    store.write_manifest(settings, "run-new", "src0", rows("run-new", "src0"))
    requests.lines.clear()
    store.read_manifest_of_run(settings, "run-new")
    assert len(requests.lines) == 2  # list the run's folder, read its one file
    requests.lines.clear()
    store.read_manifest(settings)
    # list, pointer, index rows, the one new file; then the new index (rows, pointer, old rows)
    assert len(requests.lines) == 7, requests.lines
