"""The lake: where every stage persists its hand-off, a local folder or any fsspec URL.

``settings.lake_root`` is the one place the lake's location comes from, and :class:`Lake` the one
place its layout is written down: raw objects and manifests (crawl), staged tables (parse,
extract) and the quarantine (gate), each keyed by run id. Moving the lake to object storage is a
setting (``FAZHI_LAKE_URL``), not a code change; :func:`storage_options` is the one place the
settings of its filesystem (S3 endpoint, region, keys) reach fsspec, and the ``lake-id`` file at
its root (:func:`ensure_lake_id`, :func:`require_lake_id`) lets every worker of a run prove it
sees the same lake.

Ids that become path parts (run ids, source ids) come from the command line and the sources
file: ``--run-id ../../../ESCAPED`` must not write outside the data directory. Every id a path is
made of matches :data:`SAFE_ID`, every part is one path component, and a local path is checked
to stay under the lake's root after resolution.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import re
import stat
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import fsspec
import fsspec.asyn
from fsspec import AbstractFileSystem
from fsspec.implementations.local import LocalFileSystem

from fazhi.config import Settings
from fazhi.errors import TerminalError

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128"


class UnsafePathError(TerminalError):
    """An id or path part would lead outside the data directory or the lake."""


class LakeUnreachableError(TerminalError):
    """The lake's URL names a filesystem this installation cannot open (a missing extra)."""


class LakeMismatchError(TerminalError):
    """This process's lake is not the lake of the run it was asked to work for."""


S3_PROTOCOLS = ("s3", "s3a")
READ_CONCURRENCY = 32  # objects in flight when one reader fetches many (object stores only)
LAKE_ID_FILE = "lake-id"  # at the lake root, written once: which lake every worker must see


def checked_id(value: str, what: str = "id") -> str:
    """``value`` when it is safe as one path part; UnsafePathError naming ``what`` otherwise."""
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value):
        raise UnsafePathError(f"invalid {what} {value!r}: use {ID_RULE} characters")
    return value


def check_under(root: Path, path: Path) -> Path:
    """``path`` resolved, when it lies under ``root``; UnsafePathError otherwise."""
    resolved = path.resolve()
    if not resolved.is_relative_to(_resolved(str(root))):
        raise UnsafePathError(f"path {path} leaves {root}")
    return resolved


def _check_names_under(root: str, names: tuple[str, ...], path: str) -> None:
    """``check_under(root, path)`` for ``path``, the root and single names below it (never ``.``
    or ``..``): resolving it walked every component of the root again for each path (~70 µs, once
    per document the crawl stores), though the root's resolution is kept (``_resolved``). Only the
    names are looked at: when none is a symlink the path resolves to the resolved root and these
    names, under it; one that is has the whole path resolved and checked."""
    current = root
    for name in names:
        current = f"{current}/{name}"
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return  # absent (or unreadable), and so is what is below it: it stays as written
        if stat.S_ISLNK(mode):
            check_under(Path(root), Path(path))
            return


@lru_cache(maxsize=256)
def _resolved(root: str) -> Path:
    # a lake's root is resolved once per process, not again for every path in it (the crawl
    # checks each raw object's path: realpath walks every component of both)
    return Path(root).resolve()


@dataclass(frozen=True)
class Lake:
    """The lake of one settings object: its filesystem and the path of every stage's files."""

    fs: AbstractFileSystem
    root: str  # in ``fs``'s terms: no protocol prefix, no trailing slash
    local: bool = True  # a folder on this machine: paths are checked after resolution too

    @classmethod
    def of(cls, settings: Settings) -> Lake:
        try:
            fs, root = fsspec.core.url_to_fs(settings.lake_root, **storage_options(settings))
        except ImportError as exc:  # fsspec names the package; the extra is how to get it
            raise LakeUnreachableError(
                f"cannot open the lake {settings.lake_root}: {exc} "
                "(for s3:// install the extra: pip install 'fazhi-lake[s3]')"
            ) from exc
        return cls(fs, str(root).rstrip("/"), "://" not in settings.lake_root)

    def put(self, path: str, data: bytes) -> None:
        """Write ``path`` whole or not at all: readers never see half of it.

        A local or mounted folder writes a temporary file and renames it; an object store's PUT
        is already all-or-nothing, and its "rename" is a copy and a delete, so one PUT it is.
        """
        if not self.local and not _renames_in_place(self.fs):
            self.fs.pipe_file(path, data)
            return
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        if isinstance(self.fs, LocalFileSystem) and self.local:
            # the same steps in the OS's own calls: fsspec's opener and move cost 40-90 µs of
            # CPU more a file, and the crawl writes one per document
            os.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
            return
        self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        self.fs.pipe_file(tmp, data)
        self.fs.mv(tmp, path)

    def read_many(self, paths: list[str]) -> list[bytes]:
        """The bytes of each path, in order; an object store's are fetched a batch at a time.

        fsspec's own ``cat`` of a list first looks up every path, and s3fs asks each object's
        size before reading it in parallel parts (one more request each, for small files).
        """
        if not getattr(self.fs, "async_impl", False):
            return [bytes(self.fs.cat_file(path)) for path in paths]
        fs = self.fs
        whole = {"max_concurrency": 1} if "max_concurrency" in _parameters(fs._cat_file) else {}

        async def fetch_all() -> list[bytes]:
            gate = asyncio.Semaphore(READ_CONCURRENCY)

            async def fetch(path: str) -> bytes:
                async with gate:
                    return bytes(await fs._cat_file(path, **whole))

            return list(await asyncio.gather(*(fetch(path) for path in paths)))

        result: list[bytes] = fsspec.asyn.sync(fs.loop, fetch_all)
        return result

    def read(self, path: str) -> bytes:
        """The bytes of one file (one GET on an object store); FileNotFoundError when absent."""
        return self.read_many([path])[0]

    def holds(self, path: str) -> bool:
        """True when the file ``path`` exists.

        One HEAD on S3: fsspec's ``exists`` follows a missing key with a listing (looking for a
        folder of that name), which doubles the cost of every "is this object stored yet?".
        """
        head = getattr(self.fs, "call_s3", None)
        if head is None:
            return bool(self.fs.exists(path))
        bucket, key, _version = self.fs.split_path(path)
        try:
            head("head_object", Bucket=bucket, Key=key)
        except FileNotFoundError:
            return False
        return True

    def path(self, *parts: str) -> str:
        """A path inside the lake; UnsafePathError when a part is not one path component."""
        for part in parts:
            if part in ("", ".", "..") or any(c in part for c in "/\\\0"):
                raise UnsafePathError(f"invalid lake path part {part!r}")
        path = "/".join([self.root, *parts])
        if self.local:
            _check_names_under(self.root, parts, path)
        return path

    def raw_object(self, sha256: str) -> str:
        """The raw bytes whose SHA-256 is ``sha256`` (content-addressed, fetched once)."""
        checked_id(sha256, "sha256")
        return self.path("raw", "objects", sha256[:2], sha256)

    def manifest(self, run_id: str, source_id: str) -> str:
        """One run's manifest rows for one source."""
        run_part, source = (
            f"run_id={checked_id(run_id, 'run id')}",
            checked_id(source_id, "source id"),
        )
        return self.path("raw", "manifest", run_part, f"{source}.parquet")

    def manifests(self) -> str:
        """A glob of every manifest file of every run."""
        return self.path("raw", "manifest", "run_id=*", "*.parquet")

    def manifest_root(self) -> str:
        """The folder holding one ``run_id=<run>`` folder of manifests per run."""
        return self.path("raw", "manifest")

    def run_manifests(self, run_id: str) -> str:
        """The folder of one run's manifests: reading a run lists only this."""
        return self.path("raw", "manifest", f"run_id={checked_id(run_id, 'run id')}")

    def manifest_index(self) -> str:
        """The pointer to the current compacted index of every run's manifest rows."""
        return self.path("raw", "manifest-index", "current.json")

    def manifest_index_rows(self, name: str) -> str:
        """One compacted index generation (the pointer names the current one)."""
        return self.path("raw", "manifest-index", checked_id(name, "index file"))

    def crawl_state(self, source_id: str) -> str:
        """A source's URL states (validators and hashes): shared by every machine that crawls it."""
        return self.path("state", "crawl", checked_id(source_id, "source id"), "urls.json")

    def lake_id(self) -> str:
        """The marker naming this lake; every worker of a run must read the same id here."""
        return self.path(LAKE_ID_FILE)

    def staged(self, table: str, run_id: str) -> str:
        """A run's staged table: ``parsed`` (parse), ``documents``/``mentions``/``facts``."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", checked_id(table, "table"), run_part, f"{table}.parquet")

    def staged_batch(self, table: str, run_id: str, batch: int) -> str:
        """One batch of a run's staged ``table``: runs stream through the stages in batches."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", checked_id(table, "table"), run_part, batch_name(batch))

    def staged_files(self, table: str, run_id: str) -> str:
        """A glob of every file of a run's staged ``table`` (its batches, or one older file)."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", checked_id(table, "table"), run_part, "*.parquet")

    def batch_plan(self, run_id: str) -> str:
        """A run's plan: its document rows, each with the number of the batch it belongs to."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", "batches", run_part, "plan.parquet")

    def batch_plan_part(self, run_id: str, batch: int) -> str:
        """One batch of a run planned as its crawl went on (``fazhi.streaming``): its rows."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", "batches", run_part, batch_name(batch))

    def batch_plan_parts(self, run_id: str) -> str:
        """A glob of every batch of a run planned as its crawl went on."""
        run_part = f"run_id={checked_id(run_id, 'run id')}"
        return self.path("staging", "batches", run_part, "batch-*.parquet")

    def reusable(self, stage: str, key: str) -> str:
        """Where the batch that ``stage`` made from inputs with content key ``key`` is recorded."""
        return self.path("staging", "reuse", checked_id(stage, "stage"), checked_id(key, "key"))

    def quarantine(self, run_id: str, *names: str) -> str:
        """A file of a run's quarantine (rows the gate refused, or their resolutions)."""
        return self.path("quarantine", f"run_id={checked_id(run_id, 'run id')}", *names)

    def quarantines(self, name: str) -> str:
        """A glob of the file ``name`` of every run's quarantine."""
        return self.path("quarantine", "run_id=*", name)


def batch_number(path: str) -> int:
    """The batch number of a file that :func:`batch_name` named."""
    return int(path.rsplit("/", 1)[-1].removeprefix("batch-").removesuffix(".parquet"))


def batch_name(batch: int) -> str:
    """The file name of batch number ``batch`` (zero-padded: files sort in batch order)."""
    if batch < 0:
        raise UnsafePathError(f"invalid batch number {batch}")
    return f"batch-{batch:05d}.parquet"


def storage_options(settings: Settings) -> dict[str, Any]:
    """The fsspec options of the lake's filesystem: the one place settings reach fsspec.

    For ``s3://`` the endpoint, region and keys of the settings (each only when set: otherwise
    botocore's own chain applies, AWS_* variables, profiles, instance roles). Listings are not
    cached: other machines write the same prefixes while this process runs.
    """
    options: dict[str, Any] = {}
    protocol = settings.lake_root.split("://", 1)[0] if "://" in settings.lake_root else "file"
    if protocol in S3_PROTOCOLS:
        options["use_listings_cache"] = False
        if settings.s3_endpoint_url:
            options["endpoint_url"] = settings.s3_endpoint_url
        if settings.s3_region:
            options["client_kwargs"] = {"region_name": settings.s3_region}
        if settings.s3_access_key_id:
            options["key"] = settings.s3_access_key_id
        if settings.s3_secret_access_key:
            options["secret"] = settings.s3_secret_access_key.get_secret_value()
    return {**options, **settings.lake_storage_options}


def _parameters(function: Any) -> set[str]:
    return set(inspect.signature(function).parameters)


def _renames_in_place(fs: AbstractFileSystem) -> bool:
    # object stores (s3, gcs, az, memory) have no rename; filesystems with folders do
    protocols = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return bool({"file", "local", "sftp", "ssh", "smb", "webdav"} & set(protocols))


def lake_fs(settings: Settings) -> AbstractFileSystem:
    """The filesystem holding the lake."""
    return Lake.of(settings).fs


def read_lake_id(settings: Settings) -> str | None:
    """The id written at the lake's root, or None when this lake has none yet."""
    lake = Lake.of(settings)
    try:
        return lake.read(lake.lake_id()).decode("utf-8").strip() or None
    except FileNotFoundError:
        return None


def ensure_lake_id(settings: Settings) -> str:
    """The lake's id, written first when it has none (by the run that hands out the work).

    Two first writers race at most once in a lake's life; both read back what is stored, so
    they agree whichever write landed last.
    """
    existing = read_lake_id(settings)
    if existing:
        return existing
    lake = Lake.of(settings)
    lake.put(lake.lake_id(), f"{uuid.uuid4()}\n".encode())
    stored = read_lake_id(settings)
    assert stored is not None, "just written"
    return stored


def require_lake_id(settings: Settings, expected: str) -> None:
    """Return when this process's lake carries ``expected``; LakeMismatchError otherwise.

    A worker whose lake setting is missing or wrong would otherwise crawl into its own disk and
    the run would end without its documents.
    """
    found = read_lake_id(settings)
    if found == expected:
        return
    seen = f"has lake id {found}" if found else "has no lake id"
    raise LakeMismatchError(
        f"this worker's lake {settings.lake_root} {seen}, but the run's lake has id {expected}: "
        "set FAZHI_LAKE_URL (and the FAZHI_S3_* settings) to the run's lake on this machine"
    )


def new_run_id() -> str:
    """A sortable, unique run id keying every stage's output: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
