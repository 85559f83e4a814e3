"""Extract stage: parsed documents → staged documents, mentions and facts.

Reads the parse stage's hand-off (``lake/staging/parsed``); writes Parquet under
``lake/staging/{documents,mentions,facts}/run_id=<run>/`` with the schemas of ``fazhi.schemas``.
A document the parse stage could not read stays a ``documents`` row with
``parse_status = "failed"`` and its reason, with no metadata, mentions or facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from fazhi.config import Settings
from fazhi.errors import ParseError
from fazhi.extract.document import EXTRACTOR_VERSION
from fazhi.extract.facts import RulePaths
from fazhi.extract.metadata_rules import METADATA_RULES_PATH
from fazhi.isolation import BoundedParser, Columns, DocumentLimits, Extraction, ExtractJob
from fazhi.lake import Lake, lake_fs
from fazhi.localities import DATED_CODES_PATH
from fazhi.parse.pool import BoundedPool
from fazhi.schemas import DOCUMENTS, FACTS, MENTIONS, conform, empty

STAGED_TABLES = {"documents": DOCUMENTS, "mentions": MENTIONS, "facts": FACTS}
# what a documents row takes from its parsed row as it is (the hints only steer extraction)
CARRIED = tuple(name for name in DOCUMENTS if name != "extractor_version")


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


def only_years(batch: StagedBatch, years: list[int]) -> StagedBatch:
    """The documents of ``batch`` whose report year is one of ``years``, with their rows."""
    documents = batch.documents.filter(pl.col("report_year").is_in(years))
    keep = documents.get_column("doc_id").implode()
    return StagedBatch(
        documents,
        batch.mentions.filter(pl.col("doc_id").is_in(keep)),
        batch.facts.filter(pl.col("doc_id").is_in(keep)),
    )


def extraction_key(parsed: pl.DataFrame, rules: RulePaths | None = None) -> str:
    """A key equal for equal parsed documents and equal extraction code and rules.

    The extractor enters through its version and the catalogue and phrasing files. The run id is
    not part of it: re-extracting unchanged documents with an unchanged extractor reuses the
    earlier result.
    """
    digest = hashlib.sha256(extractor_fingerprint(rules).encode())
    inputs = parsed.drop("run_id").sort("raw_sha256", "url")
    digest.update(inputs.write_ndjson().encode())  # ndjson: the flags column is a list
    return digest.hexdigest()


# what extracts besides the rules files a run's settings name: the extractor's code (the compiled
# modules are built from it), the places it resolves names with and the metadata rules
EXTRACTOR_FILES = (
    *sorted(Path(__file__).parent.glob("*.py")),
    Path(__file__).parent.parent / "localities.py",
    DATED_CODES_PATH,
    METADATA_RULES_PATH,
)


def extractor_fingerprint(rules: RulePaths | None = None) -> str:
    """The extractor version and a hash of its code and of the data files that steer it, so that
    an extraction is reused only by the extractor that made it (EXTRACTOR_VERSION alone never
    changed while the code did)."""
    rules = rules or RulePaths()
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    digest.update(_extractor_files_digest(EXTRACTOR_FILES))
    for path in (rules.catalog, rules.phrasings):
        digest.update(path.read_bytes())
    return f"{EXTRACTOR_VERSION}:{digest.hexdigest()[:16]}"


@cache
def _extractor_files_digest(paths: tuple[Path, ...]) -> bytes:
    """The files' hash, read once a process (the package's files do not change under it)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.digest()


def extract_documents(
    parsed: pl.DataFrame,
    run_id: str,
    limits: DocumentLimits | None = None,
    rules: RulePaths | None = None,
    workers: int = 1,
) -> StagedBatch:
    """Metadata, mentions and facts of every parsed document (failed ones carried as they are);
    each extraction runs in a worker stopped after ``limits.budget_s`` (fazhi.isolation),
    ``workers`` of them at once."""
    with BoundedPool(limits or DocumentLimits(), workers) as pool:
        extractions = pool.map(
            lambda row, bounded: _extract_one(row, run_id, bounded, rules),
            parsed.iter_rows(named=True),
        )
    return staged_batch(extractions, run_id)


def staged_batch(
    extractions: Sequence[tuple[dict[str, object], Extraction | None]], run_id: str
) -> StagedBatch:
    """The staged frames of the workers' answers: a documents row each, with its mentions and
    facts when it was extracted."""
    documents: list[dict[str, object]] = []
    mentions = _Columns(MENTIONS, run_id=run_id)
    facts = _Columns(FACTS, run_id=run_id, extractor_version=EXTRACTOR_VERSION, flags=[])
    for document, extracted in extractions:
        documents.append(document)
        if extracted is not None:
            doc_id = str(document["doc_id"])
            mentions.add(extracted.mentions, extracted.mention_count, doc_id=doc_id, ordinal=None)
            facts.add(extracted.facts, extracted.fact_count, doc_id=doc_id)
    return StagedBatch(
        documents=_frame(documents, DOCUMENTS),
        mentions=mentions.frame(),
        facts=facts.frame(),
    )


class _Columns:
    """A table built column by column from the workers' columns, per-document constants and
    constants of the whole batch: one list per column instead of a dict per row."""

    def __init__(self, schema: dict[str, pl.DataType], **batch_constant: object) -> None:
        self.schema = schema
        # set on the whole frame at once: a Python list per row of a list column (the facts'
        # empty flags) cost polars a Series each, most of the frames' time
        self.batch_constant = batch_constant
        self.columns: dict[str, list[object]] = {
            name: [] for name in schema if name not in batch_constant
        }

    def add(self, columns: Columns, rows: int, **constant: object) -> None:
        """Append ``rows`` rows of ``columns``; ``constant`` gives the columns they do not hold
        (``None`` for ``ordinal``: the row's position in the document)."""
        for name, column in self.columns.items():
            if name == "ordinal" and "ordinal" in constant:
                column.extend(range(rows))
            elif name in constant:
                column.extend([constant[name]] * rows)
            else:
                column.extend(columns[name])

    def frame(self) -> pl.DataFrame:
        if not self.columns or not next(iter(self.columns.values())):
            return empty(self.schema)
        frame = pl.DataFrame(self.columns, schema_overrides=self.schema, strict=False)
        constants = [
            pl.lit(value, self.schema[name]).alias(name)
            for name, value in self.batch_constant.items()
        ]
        return conform(frame.with_columns(constants), self.schema)


def _frame(rows: list[dict[str, object]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if not rows:
        return empty(schema)
    return conform(pl.DataFrame(rows, schema_overrides=schema, strict=False), schema)


def _extract_one(
    row: dict[str, object], run_id: str, bounded: BoundedParser, rules: RulePaths | None = None
) -> tuple[dict[str, object], Extraction | None]:
    base: dict[str, object] = {name: row.get(name) for name in CARRIED}
    flags = list(row.get("flags") or [])  # type: ignore[call-overload]
    base.update(run_id=run_id, flags=flags, extractor_version=EXTRACTOR_VERSION)
    if row["parse_status"] != "ok":
        return base, None
    title = row["title"]
    job = ExtractJob(
        str(row["text"]),
        title=str(title) if title else None,
        locality_hint=_text_or_none(row["locality_hint"]),
        published_hint=row["published_hint"],  # type: ignore[arg-type]
        source_url=_text_or_none(row["url"]),  # its date and the place its domain spells
        rules=rules,
    )
    try:
        extracted = bounded.run(job)
    except ParseError as exc:  # over budget: recorded on the document, the run goes on
        return {**base, "parse_status": "failed", "parse_error": f"extraction {exc}"}, None
    return {**base, **extracted.metadata, "title": title}, extracted


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


def staged_path(settings: Settings, table: str, run_id: str) -> str:
    """Where a run's staged ``table`` (documents, mentions, facts) lives in the lake."""
    return Lake.of(settings).staged(table, run_id)


def write_staged(batch: StagedBatch, settings: Settings, run_id: str) -> None:
    """Persist the batch under the lake's staging area, keyed by run id."""
    fs = lake_fs(settings)
    for table in STAGED_TABLES:
        path = staged_path(settings, table, run_id)
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        with fs.open(path, "wb") as handle:
            getattr(batch, table).write_parquet(handle)


def read_staged(settings: Settings, run_id: str) -> StagedBatch | None:
    """Every batch staged for ``run_id``, or ``None`` when the stage has not finished for it."""
    frames = {}
    for table, schema in STAGED_TABLES.items():
        frame = read_staged_table(settings, table, run_id)
        if frame is None:
            return None
        frames[table] = conform(frame, schema)
    return StagedBatch(**frames)


def read_staged_table(
    settings: Settings, table: str, run_id: str, columns: list[str] | None = None
) -> pl.DataFrame | None:
    """A run's staged ``table`` (its batches in order), or ``None`` when it has none."""
    lake = Lake.of(settings)
    paths = sorted(lake.fs.glob(lake.staged_files(table, run_id)))
    if not paths:
        return None
    frames = []
    for path in paths:
        with lake.fs.open(path, "rb") as handle:
            frames.append(pl.read_parquet(handle, columns=columns))
    return pl.concat(frames, how="vertical_relaxed")
