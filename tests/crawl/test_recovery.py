"""A run killed after its crawl leaves documents only in the lake; the next plain run finds them."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from fazhi.config import Settings, load_settings
from fazhi.crawl import store
from fazhi.parse.stage import select_document_rows
from fazhi.recovery import unloaded_document_rows, warehouse_doc_ids, with_unloaded
from fazhi.schemas import RAW_MANIFEST, conform


def manifest_row(url: str, sha: str, outcome: str = "new") -> dict[str, object]:
    return {
        "run_id": "run-1", "source_id": "src", "kind": "article", "url": url, "final_url": url,
        "status": 200, "content_type": "text/html", "sha256": sha, "bytes": 10,
        "fetched_at": datetime(2026, 1, 1, tzinfo=UTC), "outcome": outcome,
    }  # fmt: skip


def persist(settings: Settings, run_id: str, rows: list[dict[str, object]]) -> None:
    frame = conform(pl.DataFrame(rows, schema_overrides=RAW_MANIFEST, strict=False), RAW_MANIFEST)
    store.write_manifest(settings, run_id, "src", frame)


def warehouse_holding(settings: Settings, doc_ids: list[str]) -> None:
    settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(duckdb.connect(str(settings.duckdb_path))) as con:
        con.execute("create table dim_document (doc_id varchar)")
        con.executemany("insert into dim_document values (?)", [[d] for d in doc_ids])


@pytest.mark.parametrize(
    ("loaded", "expected"),
    [
        pytest.param(
            [], ["http://a.gov.cn/1.html", "http://a.gov.cn/2.html"], id="killed-before-any-load"
        ),
        pytest.param(["a" * 16], ["http://a.gov.cn/2.html"], id="one-loaded-one-lost"),
        pytest.param(["a" * 16, "b" * 16], [], id="everything-loaded"),
    ],
)
def test_documents_the_warehouse_lacks_are_found(
    tmp_path: Path, loaded: list[str], expected: list[str]
) -> None:
    settings = load_settings(data_dir=tmp_path)
    persist(
        settings,
        "run-1",
        [
            manifest_row("http://a.gov.cn/1.html", "a" * 64),
            manifest_row("http://a.gov.cn/2.html", "b" * 64),
        ],
    )
    if loaded:
        warehouse_holding(settings, loaded)
    assert sorted(unloaded_document_rows(settings).get_column("url").to_list()) == expected


def test_the_next_plain_runs_rows_include_them_once(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    persist(settings, "run-1", [manifest_row("http://a.gov.cn/1.html", "a" * 64)])
    # the rerun's crawl saw the article unchanged: it selects nothing new by itself
    rerun = [manifest_row("http://a.gov.cn/1.html", "a" * 64, outcome="unchanged")]
    persist(settings, "run-2", rerun)
    fresh = select_document_rows(store.read_run_manifest(settings, "run-2", "src"))
    assert fresh.is_empty()
    rows = with_unloaded(fresh, settings)
    assert rows.get_column("sha256").to_list() == ["a" * 64]


def test_no_warehouse_yet_means_nothing_loaded(tmp_path: Path) -> None:
    assert warehouse_doc_ids(load_settings(data_dir=tmp_path)) == set()
