"""Prefect flows of fazhi-lake: crawl → parse & extract → gate → load → report.

This module only wires package functions into Prefect (tasks, retries, caching, logging,
artifacts); the work itself lives in ``fazhi``. Every stage persists its output under the lake
keyed by the run id, so re-running a run id resumes after its last finished stage.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from fazhi.config import Settings, load_settings
from fazhi.crawl import store
from fazhi.crawl.crawler import crawl_source
from fazhi.crawl.sample_site import sample_sources, serve_sample_site
from fazhi.crawl.sources import Source, load_sources
from fazhi.errors import TransientError
from fazhi.extract.stage import (
    StagedBatch,
    extract_documents,
    extraction_key,
    read_staged,
    write_staged,
)
from fazhi.isolation import DocumentLimits
from fazhi.parse.stage import (
    parse_documents,
    parsing_key,
    read_parsed,
    select_document_rows,
    write_parsed,
)
from fazhi.quality.gate import GateResult, run_gate
from fazhi.quality.quarantine import quarantined_documents, record_gate_run
from fazhi.recovery import with_unloaded
from fazhi.report.artifacts import TableArtifact, run_artifacts
from fazhi.report.summary import (
    RunSummary,
    count_found,
    fetch_problems,
    parse_problems,
    per_source_table,
    render,
)
from fazhi.warehouse.db import connect
from fazhi.warehouse.load import LoadSummary, load_run
from fazhi.warehouse.read import headline_table, prior_values
from flows.limits import crawl_host_tag, warehouse_slot

HEADLINE_INDICATORS = [
    "aid_cases",
    "med_disputes_handled",
    "med_success_rate",
    "rec_applications_received",
    "lit_head_appearance_rate",
]


def _transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a task only when it failed with a transient error."""
    try:
        state.result()
    except TransientError:
        return True
    except Exception:
        return False
    return False


def new_run_id() -> str:
    """A sortable, unique run id: UTC timestamp plus a short random suffix."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


@task(
    name="crawl-source",
    retries=2,
    retry_delay_seconds=[5, 30],
    retry_condition_fn=_transient_only,
    tags=["crawl"],
)
def crawl_task(source: Source, settings: Settings, run_id: str) -> pl.DataFrame:
    logger = get_run_logger()
    logger.info("crawling source %s (%s)", source.id, source.start_urls[0])
    manifest = crawl_source(
        source, settings, run_id, progress=lambda m: logger.debug("%s: %s", source.id, m)
    )
    logger.info("source %s: %d fetches", source.id, manifest.height)
    return manifest


def _crawl(source: Source, settings: Settings, run_id: str) -> pl.DataFrame:
    """Crawl one source as a task tagged with its host, so a per-host limit can hold it.

    A source this run id already crawled is not crawled again: resuming a run reuses its
    manifest, which a second crawl would overwrite with "unchanged" rows.
    """
    if store.manifest_exists(settings, run_id, source.id):
        get_run_logger().info("source %s: crawled already in run %s, resuming", source.id, run_id)
        return store.read_run_manifest(settings, run_id, source.id)
    tags = ["crawl", crawl_host_tag(source.start_urls[0])]
    return crawl_task.with_options(tags=tags)(source, settings, run_id)


def _parse_cache_key(_: Any, parameters: dict[str, Any]) -> str:
    return parsing_key(parameters["rows"])


def _extract_cache_key(_: Any, parameters: dict[str, Any]) -> str:
    return extraction_key(parameters["parsed"])


@task(name="parse", cache_key_fn=_parse_cache_key, cache_expiration=timedelta(days=60))
def parse_task(rows: pl.DataFrame, settings: Settings, run_id: str) -> pl.DataFrame:
    """Parse the raw bodies; cached on their content hashes and the parser's version."""
    return parse_documents(rows, settings, run_id)


@task(name="extract", cache_key_fn=_extract_cache_key, cache_expiration=timedelta(days=60))
def extract_task(
    parsed: pl.DataFrame, run_id: str, limits: DocumentLimits | None = None
) -> StagedBatch:
    """Extract from the parsed texts; cached on them and the extractor's fingerprint."""
    return extract_documents(parsed, run_id, limits)


def parse(rows: pl.DataFrame, settings: Settings, run_id: str) -> pl.DataFrame:
    """The run's parsed documents: resumed from the lake, reused from the cache, or made now."""
    logger = get_run_logger()
    parsed = read_parsed(settings, run_id)
    if parsed is not None:
        logger.info("run %s: parsed documents already persisted, resuming after parse", run_id)
        return parsed
    parsed = parse_task(rows, settings, run_id).with_columns(pl.lit(run_id).alias("run_id"))
    write_parsed(parsed, settings, run_id)
    for failed in parsed.filter(pl.col("parse_status") == "failed").iter_rows(named=True):
        logger.warning(
            "document %s (%s) not parsed: %s",
            failed["doc_id"],
            failed["url"],
            failed["parse_error"],
        )
    return parsed


def stage(rows: pl.DataFrame, settings: Settings, run_id: str) -> StagedBatch:
    """The run's staged batch: resumed from the lake, reused from the cache, or made now."""
    logger = get_run_logger()
    staged = read_staged(settings, run_id)
    if staged is not None:
        logger.info("run %s: staged rows already persisted, resuming after extract", run_id)
        return staged
    parsed = parse(rows, settings, run_id)
    limits = DocumentLimits.from_settings(settings)
    batch = extract_task(parsed, run_id, limits).for_run(run_id)
    write_staged(batch, settings, run_id)
    logger.info(
        "staged %d documents, %d facts, %d mentions",
        batch.documents.height,
        batch.facts.height,
        batch.mentions.height,
    )
    return batch


@task(name="gate")
def gate_task(batch: StagedBatch, settings: Settings, run_id: str) -> GateResult:
    parsed = batch.documents.filter(pl.col("parse_status") == "ok")
    codes = parsed.get_column("locality_code").drop_nulls().unique().to_list()
    prior = None
    if settings.duckdb_path.exists() and codes:
        with contextlib.closing(connect(settings.duckdb_path, read_only=True)) as con:
            prior = prior_values(con, codes)
    result = run_gate(parsed, batch.facts, settings=settings, run_id=run_id, prior_values=prior)
    record_gate_run(settings, run_id, result, gated_documents=parsed)  # writes the quarantine
    get_run_logger().info("gate: %s", result.counts())
    return result


@task(
    name="load-warehouse",
    retries=3,
    retry_delay_seconds=[5, 15, 30],
    retry_condition_fn=_transient_only,
    tags=["warehouse-writer"],
)
def load_task(
    batch: StagedBatch,
    gate: GateResult | None,
    settings: Settings,
    run_id: str,
    started_at: datetime,
    counts: dict[str, int],
) -> LoadSummary:
    documents = gate.documents if gate else batch.documents.head(0)
    kept = documents.get_column("doc_id").implode()
    with warehouse_slot():  # one DuckDB writer across every worker and machine
        summary = load_run(
            settings,
            run_id=run_id,
            started_at=started_at,
            status="succeeded",
            counts=counts,
            documents=documents,
            facts=gate.facts if gate else batch.facts.head(0),
            mentions=batch.mentions.filter(pl.col("doc_id").is_in(kept)),
            validations=gate.validations if gate else _empty_validations(),
            quarantine=gate.quarantine if gate else _empty_quarantine(),
        )
    get_run_logger().info("loaded: %s", summary)
    return summary


def _empty_validations() -> pl.DataFrame:
    from fazhi.schemas import VALIDATIONS, empty

    return empty(VALIDATIONS)


def _empty_quarantine() -> pl.DataFrame:
    from fazhi.schemas import QUARANTINE, empty

    return empty(QUARANTINE)


@task(name="dashboard")
def dashboard_task(settings: Settings) -> str | None:
    try:
        from fazhi.dashboard import build_dashboard
    except ImportError:  # the dashboard is optional for the pipeline's correctness
        return None
    return str(build_dashboard(settings))


@contextlib.contextmanager
def _sources(sources_file: str | None) -> Iterator[list[Source]]:
    """The sources of a file, or the bundled sample site served on 127.0.0.1."""
    if sources_file:
        yield load_sources(Path(sources_file))
        return
    with serve_sample_site() as base_url:
        yield sample_sources(base_url)


def _publish(summary: RunSummary, gate: GateResult | None) -> None:
    for artifact in run_artifacts(summary, gate):
        if isinstance(artifact, TableArtifact):
            create_table_artifact(
                key=artifact.key, table=artifact.rows, description=artifact.description
            )
        else:
            create_markdown_artifact(
                key=artifact.key, markdown=artifact.markdown, description=artifact.description
            )


def process_manifest_rows(
    rows: pl.DataFrame,
    settings: Settings,
    run_id: str,
    summary: RunSummary,
    started_at: datetime,
    years: list[int] | None = None,
) -> None:
    """Parse, gate, load and report a set of manifest rows (shared by every flow)."""
    batch = stage(rows, settings, run_id)
    if years:
        batch = _only_years(batch, years)
    summary.documents_failed_parse = batch.documents.filter(
        pl.col("parse_status") == "failed"
    ).height
    found = parse_problems(batch.documents)
    summary.problems = (
        found
        if summary.problems is None
        else pl.concat([summary.problems, found], how="vertical_relaxed")
    )
    gate = gate_task(batch, settings, run_id) if batch.documents.height else None
    if gate is not None:
        counts = gate.counts()
        summary.documents_quarantined = counts["documents_quarantined"]
        summary.facts_warned = counts["facts_warned"]
        summary.facts_quarantined = counts["facts_quarantined"]
        summary.quarantine_reasons = gate.reasons()
        summary.data_docs = str(gate.data_docs_index) if gate.data_docs_index else None
    loaded = load_task(batch, gate, settings, run_id, started_at, summary.counts())
    summary.documents_loaded = loaded.documents_loaded
    summary.facts_loaded = loaded.facts_loaded
    summary.status = "succeeded"
    with contextlib.closing(connect(settings.duckdb_path, read_only=True)) as con:
        summary.headline = headline_table(con, HEADLINE_INDICATORS)
    summary.dashboard = dashboard_task(settings)
    _publish(summary, gate)


def _only_years(batch: StagedBatch, years: list[int]) -> StagedBatch:
    documents = batch.documents.filter(pl.col("report_year").is_in(years))
    keep = documents.get_column("doc_id").implode()
    return StagedBatch(
        documents,
        batch.mentions.filter(pl.col("doc_id").is_in(keep)),
        batch.facts.filter(pl.col("doc_id").is_in(keep)),
    )


@flow(name="fazhi-run")
def run_pipeline(
    sources_file: str | None = None,
    data_dir: str | None = None,
    run_id: str | None = None,
    source_ids: list[str] | None = None,
    years: list[int] | None = None,
    reprocess_quarantine: bool = False,
) -> RunSummary:
    """Crawl the sources (default: the bundled sample site), parse, gate and load what is new."""
    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    run_id = run_id or new_run_id()
    started_at = datetime.now(UTC)
    summary = RunSummary(run_id=run_id)
    with _sources(sources_file) as sources:
        chosen = [s for s in sources if not source_ids or s.id in source_ids]
        manifests = [_crawl(source, settings, run_id) for source in chosen]
    manifest = (
        pl.concat(manifests, how="vertical_relaxed")
        if manifests
        else store.read_manifest(settings).head(0)
    )
    summary.documents_found, summary.documents_new = count_found(manifest)
    summary.per_source = per_source_table(manifest)
    summary.problems = fetch_problems(manifest)
    # a run killed after its crawl left documents only in the lake: they are loaded now
    rows = with_unloaded(select_document_rows(manifest), settings)
    if reprocess_quarantine:
        rows = pl.concat([rows, _quarantined_rows(settings)], how="vertical_relaxed").unique(
            subset=["sha256"], keep="first"
        )
    process_manifest_rows(rows, settings, run_id, summary, started_at, years)
    render(summary)
    return summary


def _quarantined_rows(settings: Settings) -> pl.DataFrame:
    doc_ids = quarantined_documents(settings)
    every = select_document_rows(store.read_manifest(settings), fresh_only=False)
    return every.filter(pl.col("sha256").str.slice(0, 16).is_in(doc_ids))


@flow(name="daily-crawl")
def daily_crawl(
    sources_file: str = "deploy/sources.toml", data_dir: str | None = None
) -> RunSummary:
    """Crawl every source of ``sources_file``, then parse, gate and load new reports."""
    return run_pipeline(sources_file=sources_file, data_dir=data_dir)


@flow(name="backfill")
def backfill(
    sources_file: str,
    source_ids: list[str] | None = None,
    years: list[int] | None = None,
    data_dir: str | None = None,
) -> RunSummary:
    """Crawl the chosen sources and load only reports of the chosen years."""
    return run_pipeline(
        sources_file=sources_file, data_dir=data_dir, source_ids=source_ids, years=years
    )


@flow(name="reextract")
def reextract(data_dir: str | None = None) -> RunSummary:
    """Re-parse, re-extract, gate and load every document in the lake, without crawling."""
    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id)
    rows = select_document_rows(store.read_manifest(settings), fresh_only=False)
    summary.documents_found = summary.documents_new = rows.height
    process_manifest_rows(rows, settings, run_id, summary, datetime.now(UTC))
    render(summary)
    return summary


@flow(name="crawl-shard")
def crawl_shard(
    sources_file: str, source_ids: list[str], run_id: str, data_dir: str | None = None
) -> int:
    """Crawl only ``source_ids`` into the lake (fan-out unit across workers); returns fetches."""
    settings = load_settings(data_dir=Path(data_dir) if data_dir else None)
    chosen = [s for s in load_sources(Path(sources_file)) if s.id in source_ids]
    return sum(_crawl(source, settings, run_id).height for source in chosen)
