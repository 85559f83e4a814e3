"""A raw manifest for parse-stage tests: each body written to the raw store as one fetched article."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.schemas import RAW_MANIFEST, conform


def raw_manifest(settings: Settings, bodies: dict[str, bytes]) -> pl.DataFrame:
    """One ``new`` article row per body, in the bodies' order, its bytes in the raw store."""
    rows = [
        {
            "run_id": "r",
            "source_id": "src",
            "kind": "article",
            "url": f"http://a.gov.cn/{name}",
            "final_url": None,
            "parent_url": None,
            "status": 200,
            "content_type": None,
            "sha256": store.write_raw(settings, data),
            "bytes": len(data),
            "fetched_at": datetime(2026, 1, 1, tzinfo=UTC),
            "outcome": "new",
            "title": None,
            "published_on": None,
            "locality_hint": None,
        }
        for name, data in bodies.items()
    ]
    return conform(pl.DataFrame(rows, schema_overrides=RAW_MANIFEST, strict=False), RAW_MANIFEST)
