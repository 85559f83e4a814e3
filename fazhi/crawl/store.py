"""The raw zone of the lake: fetched bytes and the fetch manifest.

Writes bodies content-addressed at ``<lake>/raw/objects/<sha[:2]>/<sha256>`` and one manifest
Parquet per run and source at ``<lake>/raw/manifest/run_id=<run>/<source_id>.parquet``; reads
them back for the parse stage. The lake root may be any fsspec URL (a local path by default).

Reads never scan history: one run's rows come from its own ``run_id=`` folder, and every run's
rows from a compacted index (``<lake>/raw/manifest-index/``) plus the files written since it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

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
    return put_object(Lake.of(settings), data)


def read_raw(settings: Settings, sha256: str) -> bytes:
    """The stored bytes with this SHA-256; raises FileNotFoundError when absent."""
    return read_object(Lake.of(settings), sha256)


def has_raw(settings: Settings, sha256: str) -> bool:
    """True when the object with this hash is stored."""
    return holds_object(Lake.of(settings), sha256)


# The same, in a lake already opened: a crawl opens its lake once, not for every body (finding
# the filesystem of the lake's URL took ~45 µs a call, several calls a document).
def put_object(lake: Lake, data: bytes) -> str:
    """Store ``data`` in ``lake`` content-addressed (once) and return its SHA-256."""
    sha = sha256_of(data)
    path = lake.raw_object(sha)
    if not lake.holds(path):
        # an interrupted crawl never leaves a half object under its hash
        lake.put(path, data)
    return sha


def read_object(lake: Lake, sha256: str) -> bytes:
    """The bytes in ``lake`` with this SHA-256; raises FileNotFoundError when absent."""
    return lake.read(lake.raw_object(sha256))


def holds_object(lake: Lake, sha256: str) -> bool:
    """True when ``lake`` holds the object with this hash."""
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
    lake = Lake.of(settings)
    return lake.holds(lake.manifest(run_id, source_id))


def read_run_manifest(settings: Settings, run_id: str, source_id: str) -> pl.DataFrame:
    """This run's persisted manifest rows for one source."""
    with lake_fs(settings).open(manifest_path(settings, run_id, source_id), "rb") as handle:
        return conform(pl.read_parquet(handle), RAW_MANIFEST)


def read_manifest(settings: Settings) -> pl.DataFrame:
    """Every persisted manifest row of every run, in the RAW_MANIFEST schema.

    Read from the compacted index plus the manifest files written (or rewritten) since it was
    made, which one listing of the manifest folder tells apart by size and ETag/mtime; the index
    is brought up to date when anything changed. Reading 300 files one by one on S3 costs one
    request each; this costs a listing, the index and the new files.
    """
    lake = Lake.of(settings)
    listed = _manifest_files(lake)
    index = _read_index(lake)
    stale = sorted(path for path, signature in listed.items() if index.files.get(path) != signature)
    if not stale and set(index.files) == set(listed):
        return index.rows.drop(_FILE)
    kept = index.rows.filter(pl.col(_FILE).is_in(sorted(set(listed) - set(stale))))
    frames = [kept, *_read_manifest_files(lake, stale)]
    rows = pl.concat(frames, how="vertical_relaxed").sort(_FILE, maintain_order=True)
    with contextlib.suppress(PermissionError):  # a reader with read-only keys: no index kept
        _write_index(lake, index, listed, rows)
    return rows.drop(_FILE)


def combine_manifests(manifests: list[pl.DataFrame]) -> pl.DataFrame:
    """The manifest rows of several sources as one frame (empty, in schema, when none)."""
    if not manifests:
        return empty(RAW_MANIFEST)
    return pl.concat(manifests, how="vertical_relaxed")


def read_manifest_of_run(settings: Settings, run_id: str) -> pl.DataFrame:
    """Every persisted manifest row of ``run_id`` (all its sources, from every shard).

    Lists and reads only that run's folder: the cost is this run's files, not the history's.
    """
    lake = Lake.of(settings)
    paths = sorted(_manifest_files(lake, lake.run_manifests(run_id)))
    frames = [frame.drop(_FILE) for frame in _read_manifest_files(lake, paths)]
    return pl.concat(frames, how="vertical_relaxed") if frames else empty(RAW_MANIFEST)


# --- the manifest index ------------------------------------------------------------------------
_FILE = "manifest_file"  # in the index: which manifest file (under the manifest folder) a row is of


@dataclass(frozen=True)
class _Index:
    """One generation of the index: its rows (with ``_FILE``) and the files they were read from."""

    files: dict[str, str]  # manifest file (relative) -> signature when it was read
    rows: pl.DataFrame
    name: str | None = None  # the rows object, None when there is no index yet


def _manifest_files(lake: Lake, under: str | None = None) -> dict[str, str]:
    """Every persisted manifest file (``under`` a run's folder, or all), relative to the manifest
    folder, with its signature: one listing (one request per 1,000 files on S3)."""
    root = lake.manifest_root()
    try:
        found = lake.fs.find(under or root, detail=True)
    except FileNotFoundError:
        return {}
    files = {}
    for path, info in found.items():
        relative = path[len(root) + 1 :] if path.startswith(root + "/") else None
        if relative and _MANIFEST_FILE.fullmatch(relative):
            files[relative] = _signature(info)
    return files


_ID = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_MANIFEST_FILE = re.compile(rf"run_id={_ID}/{_ID}\.parquet")  # not a write's temporary file


def _signature(info: dict[str, Any]) -> str:
    # a rewritten file differs in size or in its ETag (object stores) / modification time
    version = info.get("ETag") or info.get("mtime") or info.get("LastModified") or ""
    return f"{info.get('size')}:{version}"


def _read_manifest_files(lake: Lake, relatives: list[str]) -> list[pl.DataFrame]:
    """Manifest files, each with its name in ``_FILE``; fetched concurrently from object stores."""
    if not relatives:
        return []
    bodies = lake.read_many([f"{lake.manifest_root()}/{relative}" for relative in relatives])
    return [
        conform(pl.read_parquet(io.BytesIO(body)), RAW_MANIFEST).with_columns(
            pl.lit(relative).alias(_FILE)
        )
        for body, relative in zip(bodies, relatives, strict=True)
    ]


def _read_index(lake: Lake) -> _Index:
    empty_index = _Index({}, empty(RAW_MANIFEST).with_columns(pl.lit(None, pl.String).alias(_FILE)))
    try:
        pointer = json.loads(lake.read(lake.manifest_index()))
        rows = pl.read_parquet(io.BytesIO(lake.read(lake.manifest_index_rows(pointer["rows"]))))
    except FileNotFoundError:
        return empty_index  # none yet, or its rows replaced by another reader meanwhile
    return _Index(dict(pointer["files"]), rows, pointer["rows"])


def _write_index(lake: Lake, previous: _Index, files: dict[str, str], rows: pl.DataFrame) -> None:
    """Store a new generation: its rows first, then the pointer naming them (each whole)."""
    name = f"rows-{uuid.uuid4().hex}.parquet"
    buffer = io.BytesIO()
    rows.write_parquet(buffer)
    lake.put(lake.manifest_index_rows(name), buffer.getvalue())
    pointer = {"rows": name, "files": files}
    lake.put(lake.manifest_index(), json.dumps(pointer, ensure_ascii=False).encode("utf-8"))
    if previous.name is not None:
        with contextlib.suppress(FileNotFoundError):  # another reader may have replaced it too
            lake.fs.rm(lake.manifest_index_rows(previous.name))
