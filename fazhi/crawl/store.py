"""The raw zone of the lake: fetched bytes and the fetch manifest.

Writes bodies content-addressed at ``<lake>/raw/objects/<sha[:2]>/<sha256>`` and one manifest
Parquet per run and source at ``<lake>/raw/manifest/run_id=<run>/<source_id>.parquet``; reads
them back for the parse stage. The lake root may be any fsspec URL (a local path by default).
"""

from __future__ import annotations

import hashlib
import io

import polars as pl

from fazhi.config import Settings
from fazhi.lake import Lake, lake_fs
from fazhi.schemas import RAW_MANIFEST, conform, empty


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of ``data``: the raw object's address."""
    return hashlib.sha256(data).hexdigest()


def object_path(settings: Settings, sha256: str) -> str:
    """Where the raw object with this hash lives in the lake."""
    return Lake.of(settings).raw_object(sha256)


def manifest_path(settings: Settings, run_id: str, source_id: str) -> str:
    """Where one run's manifest for one source lives in the lake."""
    return Lake.of(settings).manifest(run_id, source_id)


def write_raw(settings: Settings, data: bytes) -> str:
    """Store ``data`` content-addressed (once) and return its SHA-256."""
    sha = sha256_of(data)
    lake = Lake.of(settings)
    path = lake.raw_object(sha)
    if not lake.holds(path):
        # an interrupted crawl never leaves a half object under its hash
        lake.put(path, data)
    return sha


def read_raw(settings: Settings, sha256: str) -> bytes:
    """The stored bytes with this SHA-256; raises FileNotFoundError when absent."""
    data = lake_fs(settings).cat_file(object_path(settings, sha256))
    return bytes(data)


def has_raw(settings: Settings, sha256: str) -> bool:
    """True when the object with this hash is stored."""
    lake = Lake.of(settings)
    return lake.holds(lake.raw_object(sha256))


def write_manifest(settings: Settings, run_id: str, source_id: str, rows: pl.DataFrame) -> str:
    """Persist one run's manifest rows for one source (replacing a partial earlier write)."""
    path = manifest_path(settings, run_id, source_id)
    buffer = io.BytesIO()
    conform(rows, RAW_MANIFEST).write_parquet(buffer)
    Lake.of(settings).put(path, buffer.getvalue())
    return path


def manifest_exists(settings: Settings, run_id: str, source_id: str) -> bool:
    """True when this run's manifest for this source has been persisted."""
    return bool(lake_fs(settings).exists(manifest_path(settings, run_id, source_id)))


def read_run_manifest(settings: Settings, run_id: str, source_id: str) -> pl.DataFrame:
    """This run's persisted manifest rows for one source."""
    with lake_fs(settings).open(manifest_path(settings, run_id, source_id), "rb") as handle:
        return conform(pl.read_parquet(handle), RAW_MANIFEST)


def read_manifest(settings: Settings) -> pl.DataFrame:
    """Every persisted manifest row of every run, in the RAW_MANIFEST schema."""
    fs = lake_fs(settings)
    paths = sorted(fs.glob(Lake.of(settings).manifests()))
    frames = []
    for path in paths:
        with fs.open(path, "rb") as handle:
            frames.append(conform(pl.read_parquet(handle), RAW_MANIFEST))
    return pl.concat(frames) if frames else empty(RAW_MANIFEST)


def combine_manifests(manifests: list[pl.DataFrame]) -> pl.DataFrame:
    """The manifest rows of several sources as one frame (empty, in schema, when none)."""
    if not manifests:
        return empty(RAW_MANIFEST)
    return pl.concat(manifests, how="vertical_relaxed")


def read_manifest_of_run(settings: Settings, run_id: str) -> pl.DataFrame:
    """Every persisted manifest row of ``run_id`` (all its sources, from every shard)."""
    manifest = read_manifest(settings)
    return manifest.filter(pl.col("run_id") == run_id)
