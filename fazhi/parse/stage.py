"""Parse stage: raw manifest rows → the text of every document, or why it has none.

Reads the crawl manifest (``lake/raw/manifest``) and the raw objects it points to; writes Parquet
under ``lake/staging/parsed/run_id=<run>/`` with the schema ``fazhi.schemas.PARSED``. A document
that cannot be parsed is kept as a row with ``parse_status = "failed"`` and its reason, so nothing
is lost and the run goes on.

Which fetched bodies are documents: an article page whose report sits in attachments (PDF, DOC,
DOCX, WPS, OFD) is represented by those attachments; an article page without one is the document
itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime

import polars as pl

from fazhi.config import Settings
from fazhi.crawl.store import read_raw
from fazhi.errors import TerminalError
from fazhi.isolation import BoundedParser, DocumentLimits, ParseJob
from fazhi.lake import Lake, lake_fs
from fazhi.parse.decode import charset_of
from fazhi.parse.pool import BoundedPool
from fazhi.schemas import PARSED, conform, empty

# bump when the same bytes would parse to a different text: cached parse results then expire
PARSER_VERSION = "1"
FRESH_OUTCOMES = ("new", "changed")
DOCUMENT_KINDS = ("article", "attachment")
REPORT_FORMATS = ("pdf", "doc", "docx", "wps", "ofd")

# what a manifest row contributes to its parsed document; the cache key hashes exactly these
PARSE_INPUTS = (
    "source_id",
    "kind",
    "url",
    "final_url",
    "parent_url",
    "sha256",
    "content_type",
    "fetched_at",
    "title",
    "published_on",
    "locality_hint",
)


def select_document_rows(manifest: pl.DataFrame, *, fresh_only: bool = True) -> pl.DataFrame:
    """Manifest rows whose bodies are reports: attachments stand in for their article page.

    With ``fresh_only`` only new or changed bodies are taken; otherwise the latest fetched
    version of every document (for re-extraction).
    """
    rows = manifest.filter(
        pl.col("kind").is_in(DOCUMENT_KINDS)
        & pl.col("sha256").is_not_null()
        & pl.col("status").is_between(200, 299)
    )
    if fresh_only:
        rows = rows.filter(pl.col("outcome").is_in(FRESH_OUTCOMES))
    else:
        rows = rows.sort("fetched_at").group_by("source_id", "url").last().select(rows.columns)
    with_reports = (
        manifest.filter(
            (pl.col("kind") == "attachment")
            & pl.col("sha256").is_not_null()
            & pl.col("url").str.to_lowercase().str.contains(r"\.(pdf|docx?|wps|ofd)\b|filename=")
        )
        .select(pl.col("parent_url").alias("url"))
        .unique()
    )
    articles = rows.filter(pl.col("kind") == "article").join(with_reports, on="url", how="anti")
    attachments = rows.filter(pl.col("kind") == "attachment")
    return pl.concat([articles, attachments], how="vertical_relaxed").sort("fetched_at", "url")


def doc_id_of(sha256: str) -> str:
    """A document version's id: the first 16 hex digits of its raw bytes' sha256."""
    return sha256[:16]


def with_quarantined(
    rows: pl.DataFrame, manifest: pl.DataFrame, doc_ids: list[str]
) -> pl.DataFrame:
    """``rows`` plus the latest manifest rows of the documents ``doc_ids`` (to parse again)."""
    every = select_document_rows(manifest, fresh_only=False)
    retried = every.filter(pl.col("sha256").str.slice(0, 16).is_in(doc_ids))
    combined = pl.concat([rows, retried], how="vertical_relaxed")
    return combined.unique(subset=["sha256"], keep="first")


def parsing_key(rows: pl.DataFrame) -> str:
    """A key equal for equal inputs to :func:`parse_documents` under the same parser version.

    Raw bytes enter through their sha256. The run id is not part of it: re-parsing an unchanged
    lake reuses the earlier result.
    """
    digest = hashlib.sha256(PARSER_VERSION.encode())
    digest.update(rows.select(PARSE_INPUTS).sort("sha256", "url").write_csv().encode())
    return digest.hexdigest()


def doc_key(source_id: str, url: str) -> str:
    """Stable identity of a document across versions."""
    return hashlib.sha256(f"{source_id}\n{url}".encode()).hexdigest()[:16]


def parse_documents(manifest_rows: pl.DataFrame, settings: Settings, run_id: str) -> pl.DataFrame:
    """The parsed text of every row of ``manifest_rows`` (see :func:`select_document_rows`)."""
    titles = _article_titles(manifest_rows)
    # each document is parsed in a worker that is stopped when over budget (fazhi.isolation),
    # settings.document_workers of them at once
    limits = DocumentLimits.from_settings(settings)
    with BoundedPool(limits, settings.document_workers) as pool:
        rows = pool.map(
            lambda row, bounded: _parse_one(row, settings, run_id, titles, bounded),
            manifest_rows.iter_rows(named=True),
        )
    if not rows:
        return empty(PARSED)
    return conform(pl.DataFrame(rows, schema_overrides=PARSED, strict=False), PARSED)


def _article_titles(manifest_rows: pl.DataFrame) -> dict[str, str]:
    articles = manifest_rows.filter(pl.col("kind") == "article")
    return {r["url"]: r["title"] for r in articles.iter_rows(named=True) if r["title"]}


def _parse_one(
    row: dict[str, object],
    settings: Settings,
    run_id: str,
    titles: dict[str, str],
    bounded: BoundedParser,
) -> dict[str, object]:
    sha = str(row["sha256"])
    # an attachment's link text is often just its file name; the article title names the report
    title = titles.get(str(row.get("parent_url") or "")) or row.get("title")
    published = _date_or_none(row.get("published_on"))
    base: dict[str, object] = {
        "run_id": run_id,
        "doc_id": doc_id_of(sha),
        "doc_key": doc_key(str(row["source_id"]), str(row["url"])),
        "source_id": row["source_id"],
        "url": row.get("final_url") or row["url"],
        "title": title,
        "raw_sha256": sha,
        "fetched_at": row["fetched_at"],
        "locality_hint": _text_or_none(row.get("locality_hint")),
        "published_hint": published,
    }
    try:
        content_type = _text_or_none(row.get("content_type"))
        job = ParseJob(read_raw(settings, sha), content_type, str(row["url"]))
        parsed = bounded.run(replace(job, header_charset=charset_of(content_type)))
    except (TerminalError, OSError) as exc:
        return {**base, "parse_status": "failed", "parse_error": str(exc)}
    return {
        **base,
        "title": title or parsed.title,
        "format": parsed.format,
        "text": parsed.text,
        "published_hint": parsed.published_on
        or published,  # the printed date wins over the listing
        "parse_status": "ok",
        "parse_error": None,
        "flags": list(parsed.flags),
    }


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


def _date_or_none(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def for_run(parsed: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """The same rows stamped with ``run_id`` (parsed documents reused from an earlier run)."""
    return parsed.with_columns(pl.lit(run_id, pl.String()).alias("run_id"))


def parse_failures(parsed: pl.DataFrame) -> list[tuple[str, str, str]]:
    """(doc_id, url, reason) of every document that could not be parsed."""
    failed = parsed.filter(pl.col("parse_status") == "failed")
    return list(failed.select("doc_id", "url", "parse_error").iter_rows())


def parsed_path(settings: Settings, run_id: str) -> str:
    """Where a run's parsed documents live in the lake."""
    return Lake.of(settings).staged("parsed", run_id)


def write_parsed(parsed: pl.DataFrame, settings: Settings, run_id: str) -> None:
    """Persist the parsed documents under the lake's staging area, keyed by run id."""
    fs = lake_fs(settings)
    path = parsed_path(settings, run_id)
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(path, "wb") as handle:
        parsed.write_parquet(handle)


def read_parsed(settings: Settings, run_id: str) -> pl.DataFrame | None:
    """The documents parsed for ``run_id`` (every batch), or ``None`` when there are none."""
    from fazhi.extract.stage import read_staged_table  # extraction imports this module

    parsed = read_staged_table(settings, "parsed", run_id)
    return None if parsed is None else conform(parsed, PARSED)
