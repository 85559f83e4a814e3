"""The lake: where every stage persists its hand-off, a local folder or any fsspec URL.

``settings.lake_root`` is the one place the lake's location comes from; every stage reaches its
files through :func:`lake_fs` and :func:`lake_path`, so moving the lake to object storage is a
setting (``FAZHI_LAKE_URL``), not a code change.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import fsspec
from fsspec import AbstractFileSystem

from fazhi.config import Settings


def lake_fs(settings: Settings) -> AbstractFileSystem:
    """The filesystem holding the lake."""
    fs, _ = fsspec.core.url_to_fs(settings.lake_root)
    return fs


def lake_path(settings: Settings, *parts: str) -> str:
    """A path inside the lake, in ``lake_fs``'s terms (no protocol prefix)."""
    _, root = fsspec.core.url_to_fs(settings.lake_root)
    return "/".join([str(root).rstrip("/"), *parts])


def new_run_id() -> str:
    """A sortable, unique run id keying every stage's output: UTC time plus a random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
