"""The lake on a real S3 server (moto on 127.0.0.1): settings reach s3fs in one place, and a
worker that does not see the run's lake refuses instead of writing somewhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.lake import (
    LakeMismatchError,
    ensure_lake_id,
    read_lake_id,
    require_lake_id,
    storage_options,
)
from tests.lake.s3_server import S3Server, s3_settings


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param({}, {}, id="local lake: no options, the local filesystem takes none"),
        pytest.param(
            {"lake_url": "s3://b/lake"},
            {"use_listings_cache": False},
            id="s3 without settings: botocore's own chain (AWS_* variables, roles) applies",
        ),
        pytest.param(
            {
                "lake_url": "s3://b/lake",
                "s3_endpoint_url": "http://127.0.0.1:9000",
                "s3_region": "cn-north-1",
                "s3_access_key_id": "k",
                "s3_secret_access_key": "s",
            },
            {
                "use_listings_cache": False,
                "endpoint_url": "http://127.0.0.1:9000",
                "client_kwargs": {"region_name": "cn-north-1"},
                "key": "k",
                "secret": "s",
            },
            id="s3 with every setting: endpoint, region and keys reach s3fs",
        ),
        pytest.param(
            {"lake_url": "gcs://b/lake", "lake_storage_options": {"token": "anon"}},
            {"token": "anon"},
            id="other protocols: only the explicit extra options",
        ),
    ],
)
def test_storage_options_come_from_the_settings(
    tmp_path: Path, values: dict[str, object], expected: dict[str, object]
) -> None:
    settings = Settings(data_dir=tmp_path, **values)  # type: ignore[arg-type]
    assert storage_options(settings) == expected


def test_the_secret_is_not_shown_with_the_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, s3_secret_access_key="hidden-value")  # type: ignore[arg-type]
    assert "hidden-value" not in repr(settings)


def test_raw_objects_and_manifests_go_to_the_s3_server(s3_server: S3Server, tmp_path: Path) -> None:
    bucket = s3_server.new_bucket()
    settings = s3_settings(s3_server, bucket, tmp_path / "machine-a")
    sha = store.write_raw(settings, b"%PDF-1.4 report bytes")
    # another client of the same server sees the object where the layout says it is
    assert s3_server.filesystem().cat_file(f"{bucket}/lake/raw/objects/{sha[:2]}/{sha}") == (
        b"%PDF-1.4 report bytes"
    )
    assert store.read_raw(settings, sha) == b"%PDF-1.4 report bytes"
    assert not (tmp_path / "machine-a" / "lake").exists()  # nothing went to the local disk


def test_the_lake_id_is_written_once_and_read_by_every_machine(
    s3_server: S3Server, tmp_path: Path
) -> None:
    bucket = s3_server.new_bucket()
    parent = s3_settings(s3_server, bucket, tmp_path / "parent")
    assert read_lake_id(parent) is None
    lake_id = ensure_lake_id(parent)
    assert ensure_lake_id(parent) == lake_id  # created once, then only read
    worker = s3_settings(s3_server, bucket, tmp_path / "worker")
    require_lake_id(worker, lake_id)  # same lake from another machine: accepted


@pytest.mark.parametrize(
    "worker_lake",
    [
        pytest.param("local", id="FAZHI_LAKE_URL missing: the worker's own disk has no id"),
        pytest.param("other-bucket", id="another bucket that is a lake of its own"),
        pytest.param("empty-bucket", id="a bucket that was never a lake"),
    ],
)
def test_a_worker_seeing_another_lake_refuses(
    s3_server: S3Server, tmp_path: Path, worker_lake: str
) -> None:
    parent = s3_settings(s3_server, s3_server.new_bucket(), tmp_path / "parent")
    lake_id = ensure_lake_id(parent)
    if worker_lake == "local":
        worker = Settings(data_dir=tmp_path / "worker")
    else:
        worker = s3_settings(s3_server, s3_server.new_bucket(), tmp_path / "worker")
        if worker_lake == "other-bucket":
            ensure_lake_id(worker)
    with pytest.raises(LakeMismatchError, match=lake_id):
        require_lake_id(worker, lake_id)
    assert not list((tmp_path / "worker").rglob("*.parquet"))


def test_a_crawl_shard_on_a_worker_without_the_lake_setting_refuses_before_crawling(
    s3_server: S3Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.pipeline import crawl_shard  # the flow's own function, run without an engine
    from tests.crawl.site_server import FixtureSite, serve

    parent = s3_settings(s3_server, s3_server.new_bucket(), tmp_path / "parent")
    lake_id = ensure_lake_id(parent)
    monkeypatch.delenv("FAZHI_LAKE_URL", raising=False)
    with serve(FixtureSite()) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nid = "s1"\nname = "s1"\nstart_urls = ["{site.url("/col/")}"]\n'
            "allow_private_addresses = true\n",
            encoding="utf-8",
        )
        worker_dir = str(tmp_path / "worker")
        with pytest.raises(LakeMismatchError, match="has no lake id"):
            crawl_shard.fn(str(sources), ["s1"], "run-1", worker_dir, lake_id=lake_id)
    assert site.hits == []  # refused before the first request
    assert not (tmp_path / "worker" / "lake").exists()
