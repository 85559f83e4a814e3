"""Parse-and-extract stage: raw manifest rows → staged documents, mentions and facts.

Reads the crawl manifest (``lake/raw/manifest``) and the raw objects it points to; writes Parquet
under ``lake/staging/{documents,mentions,facts}/run_id=<run>/`` with the schemas of
``fazhi.schemas``. A document that cannot be parsed is kept as a ``documents`` row with
``parse_status = "failed"`` and its reason, so nothing is lost and the run goes on.

Which fetched bodies are documents: an article page whose report sits in attachments (PDF, DOC,
DOCX, WPS, OFD) is represented by those attachments; an article page without one is the document
itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date, datetime

import polars as pl

from fazhi.config import PACKAGE_DATA, Settings
from fazhi.crawl.store import read_raw
from fazhi.errors import TerminalError
from fazhi.extract.document import EXTRACTOR_VERSION, ExtractedDocument, extract_document
from fazhi.extract.facts import PHRASINGS_PATH
from fazhi.lake import lake_fs, lake_path
from fazhi.parse.decode import charset_of
from fazhi.parse.text import ParsedText, extract_text
from fazhi.schemas import DOCUMENTS, FACTS, MENTIONS, conform, empty

FRESH_OUTCOMES = ("new", "changed")
DOCUMENT_KINDS = ("article", "attachment")
REPORT_FORMATS = ("pdf", "doc", "docx", "wps", "ofd")
STAGED_TABLES = {"documents": DOCUMENTS, "mentions": MENTIONS, "facts": FACTS}


@dataclass(frozen=True)
class StagedBatch:
    """The three staged frames of one run."""

    documents: pl.DataFrame
    mentions: pl.DataFrame
    facts: pl.DataFrame

    def for_run(self, run_id: str) -> StagedBatch:
        """The same rows stamped with ``run_id`` (a batch reused from an earlier run)."""
        stamp = pl.lit(run_id, pl.String()).alias("run_id")
        return StagedBatch(
            *(f.with_columns(stamp) for f in (self.documents, self.mentions, self.facts))
        )


# what a manifest row contributes to its staged document; the cache key hashes exactly these
STAGING_INPUTS = (
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


def staging_key(rows: pl.DataFrame) -> str:
    """A key equal for equal inputs to :func:`stage_documents` and equal extraction code/rules.

    Raw bytes enter through their sha256; the extractor through its version and the catalogue
    and phrasing files. The run id is not part of it: re-extracting an unchanged lake with an
    unchanged extractor reuses the earlier result.
    """
    digest = hashlib.sha256(extractor_fingerprint().encode())
    inputs = rows.select(STAGING_INPUTS).sort("sha256", "url")
    digest.update(inputs.write_csv().encode())
    return digest.hexdigest()


def extractor_fingerprint() -> str:
    """The extractor version and a hash of the data files that steer it."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for path in (PACKAGE_DATA / "catalog.csv", PHRASINGS_PATH):
        digest.update(path.read_bytes())
    return f"{EXTRACTOR_VERSION}:{digest.hexdigest()[:16]}"


def doc_key(source_id: str, url: str) -> str:
    """Stable identity of a document across versions."""
    return hashlib.sha256(f"{source_id}\n{url}".encode()).hexdigest()[:16]


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


def stage_documents(manifest_rows: pl.DataFrame, settings: Settings, run_id: str) -> StagedBatch:
    """Parse and extract every row of ``manifest_rows`` (see :func:`select_document_rows`)."""
    titles = _article_titles(manifest_rows)
    documents, mentions, facts = [], [], []
    for row in manifest_rows.iter_rows(named=True):
        document, extracted = _stage_one(row, settings, run_id, titles)
        documents.append(document)
        if extracted is not None:
            doc_id = str(document["doc_id"])
            mentions.extend(_mention_rows(extracted, doc_id, run_id))
            facts.extend(_fact_rows(extracted, doc_id, run_id))
    return StagedBatch(
        documents=_frame(documents, DOCUMENTS),
        mentions=_frame(mentions, MENTIONS),
        facts=_frame(facts, FACTS),
    )


def _frame(rows: list[dict[str, object]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if not rows:
        return empty(schema)
    return conform(pl.DataFrame(rows, schema_overrides=schema, strict=False), schema)


def _article_titles(manifest_rows: pl.DataFrame) -> dict[str, str]:
    articles = manifest_rows.filter(pl.col("kind") == "article")
    return {r["url"]: r["title"] for r in articles.iter_rows(named=True) if r["title"]}


def _stage_one(
    row: dict[str, object], settings: Settings, run_id: str, titles: dict[str, str]
) -> tuple[dict[str, object], ExtractedDocument | None]:
    sha = str(row["sha256"])
    # an attachment's link text is often just its file name; the article title names the report
    title = titles.get(str(row.get("parent_url") or "")) or row.get("title")
    base: dict[str, object] = {
        "run_id": run_id,
        "doc_id": sha[:16],
        "doc_key": doc_key(str(row["source_id"]), str(row["url"])),
        "source_id": row["source_id"],
        "url": row.get("final_url") or row["url"],
        "title": title,
        "raw_sha256": sha,
        "fetched_at": row["fetched_at"],
        "flags": [],
        "extractor_version": EXTRACTOR_VERSION,
    }
    try:
        content_type = _text_or_none(row.get("content_type"))
        parsed = extract_text(
            read_raw(settings, sha),
            content_type=content_type,
            url=str(row["url"]),
            header_charset=charset_of(content_type),
        )
    except (TerminalError, OSError) as exc:
        return {**base, "parse_status": "failed", "parse_error": str(exc)}, None
    extracted = extract_document(
        parsed.text,
        title=str(title) if title else parsed.title,
        locality_hint=_text_or_none(row.get("locality_hint")),
        published_hint=_date_or_none(row.get("published_on")) or parsed.published_on,
    )
    return {**base, **_document_fields(parsed, extracted, title)}, extracted


def _document_fields(
    parsed: ParsedText, extracted: ExtractedDocument, title: object
) -> dict[str, object]:
    return {
        **asdict(extracted.metadata),
        "title": title or parsed.title,
        "format": parsed.format,
        "text": parsed.text,
        "parse_status": "ok",
        "parse_error": None,
    }


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


def _date_or_none(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _mention_rows(
    extracted: ExtractedDocument, doc_id: str, run_id: str
) -> list[dict[str, object]]:
    return [
        {
            "run_id": run_id,
            "doc_id": doc_id,
            "ordinal": i,
            "value": m.value,
            "unit": m.unit,
            "qualifier": m.qualifier,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "sentence": m.sentence,
            "outline": m.outline,
            "indicator": m.indicator,
        }
        for i, m in enumerate(extracted.mentions)
    ]


def _fact_rows(extracted: ExtractedDocument, doc_id: str, run_id: str) -> list[dict[str, object]]:
    return [
        {
            "run_id": run_id,
            "doc_id": doc_id,
            "indicator": f.indicator,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "text": f.text,
            "start": f.start,
            "end": f.end,
            "sentence": f.sentence,
            "rule": f.rule,
            "extractor_version": EXTRACTOR_VERSION,
            "flags": [],
        }
        for f in extracted.facts
    ]


def staged_path(settings: Settings, table: str, run_id: str) -> str:
    """Where a run's staged ``table`` (documents, mentions, facts) lives in the lake."""
    return lake_path(settings, "staging", table, f"run_id={run_id}", f"{table}.parquet")


def write_staged(batch: StagedBatch, settings: Settings, run_id: str) -> None:
    """Persist the batch under the lake's staging area, keyed by run id."""
    fs = lake_fs(settings)
    for table in STAGED_TABLES:
        path = staged_path(settings, table, run_id)
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        with fs.open(path, "wb") as handle:
            getattr(batch, table).write_parquet(handle)


def read_staged(settings: Settings, run_id: str) -> StagedBatch | None:
    """The batch staged for ``run_id``, or ``None`` when the stage has not finished for it."""
    fs = lake_fs(settings)
    frames = {}
    for table, schema in STAGED_TABLES.items():
        path = staged_path(settings, table, run_id)
        if not fs.exists(path):
            return None
        with fs.open(path, "rb") as handle:
            frames[table] = conform(pl.read_parquet(handle), schema)
    return StagedBatch(**frames)
