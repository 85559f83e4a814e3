"""Declared schemas of every persisted hand-off between stages.

Each stage writes Parquet with exactly these columns and types, and each reader checks them with
:func:`conform`. The warehouse loads and the Great Expectations suites rely on these names.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

UTC_TS = pl.Datetime("us", "UTC")

# What the stages hand each other in memory: rows of one of the schemas below. flows/ names it in
# annotations only; it passes rows on and never computes with them (nor imports Polars).
Rows = pl.DataFrame

# lake/raw/manifest/run_id=<run>/*.parquet : one row per fetch attempt.
RAW_MANIFEST: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "source_id": pl.String(),
    "kind": pl.String(),  # listing | article | attachment | robots | maybe (cut-short title)
    "url": pl.String(),
    "final_url": pl.String(),
    "parent_url": pl.String(),  # the page that linked it
    "status": pl.Int32(),
    "content_type": pl.String(),
    "sha256": pl.String(),  # of the body; raw bytes stored at lake/raw/objects/<sha[:2]>/<sha>
    "bytes": pl.Int64(),
    "fetched_at": UTC_TS,
    "title": pl.String(),  # link text or page title
    "published_on": pl.Date(),  # date shown beside the link on the listing, when any
    "etag": pl.String(),
    "last_modified": pl.String(),
    "outcome": pl.String(),  # new | changed | unchanged | not_modified | blocked | failed | skipped
    "reason": pl.String(),  # why blocked / failed / skipped
    "locality_hint": pl.String(),  # the source's locality_code, when it gives one
}

# lake/staging/parsed/run_id=<run>/batch-NNNNN.parquet : the parse stage's hand-off to extraction.
PARSED: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "doc_id": pl.String(),  # version id: sha256 of the raw bytes, first 16 hex digits
    "doc_key": pl.String(),  # stable identity across versions: sha256 of source_id + url
    "source_id": pl.String(),
    "url": pl.String(),
    "title": pl.String(),  # the listing's (an attachment's article's), else the page's own
    "format": pl.String(),  # html | pdf | docx | doc | wps | ofd | txt
    "raw_sha256": pl.String(),
    "fetched_at": UTC_TS,
    "text": pl.String(),
    "locality_hint": pl.String(),  # the source's locality_code, when it gives one
    "published_hint": pl.Date(),  # the date the page prints, else the one beside the link
    "parse_status": pl.String(),  # ok | failed
    "parse_error": pl.String(),
    "flags": pl.List(pl.String()),  # e.g. garbled_encoding: loaded, but a reader should look
}

# lake/staging/documents/run_id=<run>/batch-NNNNN.parquet : one row per document version.
DOCUMENTS: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "doc_id": pl.String(),  # version id: sha256 of the raw bytes, first 16 hex digits
    "doc_key": pl.String(),  # stable identity across versions: sha256 of source_id + url
    "source_id": pl.String(),
    "url": pl.String(),
    "title": pl.String(),
    "format": pl.String(),  # html | pdf | docx | doc | txt
    "raw_sha256": pl.String(),
    "fetched_at": UTC_TS,
    "text": pl.String(),
    "locality_code": pl.String(),
    "locality_name": pl.String(),
    "province": pl.String(),
    "city": pl.String(),
    "report_year": pl.Int32(),
    "issuer": pl.String(),
    "doc_type": pl.String(),  # annual_report | work_summary | other
    "published_on": pl.Date(),
    "township": pl.String(),  # 乡/镇/街道 of a township report; locality_code is its county's
    "flags": pl.List(pl.String()),  # warnings the gate attached (rows still load)
    "parse_status": pl.String(),  # ok | failed
    "parse_error": pl.String(),
    "extractor_version": pl.String(),
}

# lake/staging/mentions/run_id=<run>/batch-NNNNN.parquet : every number in the text.
MENTIONS: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "doc_id": pl.String(),
    "ordinal": pl.Int32(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "qualifier": pl.String(),  # exact | approx | at_least
    "text": pl.String(),  # the number and unit as written
    "start": pl.Int32(),
    "end": pl.Int32(),
    "sentence": pl.String(),
    "outline": pl.String(),  # heading path, e.g. "一、 > （三）"
    "indicator": pl.String(),  # the indicator it was matched to, if any
}

# lake/staging/facts/run_id=<run>/batch-NNNNN.parquet : headline value per document × indicator.
FACTS: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "doc_id": pl.String(),
    "indicator": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "qualifier": pl.String(),
    "text": pl.String(),  # the exact words of the report that state it
    "start": pl.Int32(),
    "end": pl.Int32(),
    "sentence": pl.String(),
    "rule": pl.String(),  # which selection rule chose it
    "extractor_version": pl.String(),
    "flags": pl.List(pl.String()),  # warnings the gate attached (rows still load)
}

# One headline fact as the extractor states it (``fazhi.extract.document.Fact``, with
# offsets into the original text): FACTS above less the run, document and gate columns. The
# staged rows, the gate, the load and ``fazhi extract --format jsonl`` all take it from here.
FACT_FIELDS = tuple(c for c in FACTS if c not in ("run_id", "doc_id", "extractor_version", "flags"))
# what the ``fazhi extract --format jsonl`` contract shows of a fact
CONTRACT_FACT_FIELDS = tuple(c for c in FACT_FIELDS if c not in ("sentence", "rule"))


def record_rows(
    records: Iterable[object], columns: Iterable[str], **constant: object
) -> list[dict[str, object]]:
    """Rows of ``columns`` (a schema or a field list) taken from the attributes of ``records``;
    ``constant`` gives the columns the records do not hold, the same on every row."""
    read = [name for name in columns if name not in constant]
    return [{**constant, **{name: getattr(r, name) for name in read}} for r in records]


# lake/quarantine/run_id=<run>/<table>.parquet : rows the gate refused, with reasons.
QUARANTINE: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "table_name": pl.String(),  # documents | facts
    "doc_id": pl.String(),
    "indicator": pl.String(),
    "row_json": pl.String(),
    "reasons": pl.List(pl.String()),
    "quarantined_at": UTC_TS,
}


# One row per expectation evaluated by the gate in a run; loaded into the warehouse.
VALIDATIONS: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "suite": pl.String(),  # documents | facts | consistency | across_years
    "expectation": pl.String(),  # expectation type plus its column(s), e.g. "values_between:value"
    "severity": pl.String(),  # critical | warning
    "success": pl.Boolean(),
    "element_count": pl.Int64(),
    "unexpected_count": pl.Int64(),
    "validated_at": UTC_TS,
    "batch": pl.Int64(),  # which of the run's batches was gated (null or 0: the run gated whole)
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame of ``schema``."""
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with exactly the columns of ``schema``, in order, cast; missing ones null.

    Raises ``ValueError`` naming any column whose values cannot be cast.
    """
    columns = []
    for name, dtype in schema.items():
        if name in frame.columns:
            columns.append(pl.col(name).cast(dtype, strict=True))
        else:
            columns.append(pl.lit(None, dtype=dtype).alias(name))
    try:
        return frame.select(columns)
    except pl.exceptions.PolarsError as exc:  # pragma: no cover - message is the contract
        raise ValueError(f"frame does not conform to schema: {exc}") from exc
