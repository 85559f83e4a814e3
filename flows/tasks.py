"""Prefect tasks of fazhi-lake: each calls one package function and returns its result.

Tasks add what Prefect is for — retries of transient errors, caching on content hashes, tags
that concurrency limits hold, logging — and nothing else. Every stage persists its hand-off in
the lake keyed by the run id, so the helpers here resume a run after its last finished stage.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from prefect import get_run_logger, task
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.crawl.crawler import crawl_source
from fazhi.crawl.hosts import host_groups
from fazhi.crawl.sources import Source
from fazhi.errors import TransientError
from fazhi.extract.stage import (
    StagedBatch,
    extract_documents,
    extraction_key,
    read_staged,
    write_staged,
)
from fazhi.isolation import DocumentLimits
from fazhi.parse import stage as parse_stage
from fazhi.quality.gate import GateResult
from fazhi.quality.stage import gate_staged
from fazhi.report.summary import RunSummary, read_headline
from fazhi.warehouse.load import LoadSummary, load_gated_run
from flows.limits import crawl_host_tag, warehouse_slot

if TYPE_CHECKING:  # annotations only: flows/ passes frames on and never computes with them
    import polars as pl

CACHE_DAYS = timedelta(days=60)


def _transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a task only when it failed with a transient error."""
    try:
        state.result()
    except TransientError:
        return True
    except Exception:
        return False
    return False


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


def crawl(source: Source, settings: Settings, run_id: str) -> pl.DataFrame:
    """Crawl one source as a task tagged with its host, so a per-host limit can hold it.

    A source this run id already crawled is not crawled again: resuming a run reuses its
    manifest, which a second crawl would overwrite with "unchanged" rows.
    """
    if store.manifest_exists(settings, run_id, source.id):
        get_run_logger().info("source %s: crawled already in run %s, resuming", source.id, run_id)
        return store.read_run_manifest(settings, run_id, source.id)
    tags = ["crawl", crawl_host_tag(source.start_urls[0])]
    return crawl_task.with_options(tags=tags)(source, settings, run_id)


@task(name="crawl-host")
def crawl_host_task(sources: list[Source], settings: Settings, run_id: str) -> list[pl.DataFrame]:
    """Crawl the sources of one host one after another: the host sees one crawl at a time."""
    return [crawl(source, settings, run_id) for source in sources]


def crawl_all(sources: list[Source], settings: Settings, run_id: str) -> list[pl.DataFrame]:
    """Every source's manifest: a task per host, ``settings.max_concurrent_hosts`` at a time."""
    groups = host_groups(sources)
    runner: ThreadPoolTaskRunner[Any]
    with ThreadPoolTaskRunner(max_workers=max(1, settings.max_concurrent_hosts)) as runner:
        # Prefect's overloads of submit do not resolve a ParamSpec task under mypy
        futures: list[PrefectFuture[list[pl.DataFrame]]] = [
            runner.submit(crawl_host_task, {"sources": g, "settings": settings, "run_id": run_id})  # type: ignore[arg-type]
            for g in groups
        ]
        return [manifest for future in futures for manifest in future.result()]


def _parse_cache_key(_: Any, parameters: dict[str, Any]) -> str:
    return parse_stage.parsing_key(parameters["rows"])


def _extract_cache_key(_: Any, parameters: dict[str, Any]) -> str:
    return extraction_key(parameters["parsed"])


@task(name="parse", cache_key_fn=_parse_cache_key, cache_expiration=CACHE_DAYS)
def parse_task(rows: pl.DataFrame, settings: Settings, run_id: str) -> pl.DataFrame:
    """Parse the raw bodies; cached on their content hashes and the parser's version."""
    return parse_stage.parse_documents(rows, settings, run_id)


@task(name="extract", cache_key_fn=_extract_cache_key, cache_expiration=CACHE_DAYS)
def extract_task(
    parsed: pl.DataFrame, run_id: str, limits: DocumentLimits | None = None
) -> StagedBatch:
    """Extract from the parsed texts; cached on them and the extractor's fingerprint."""
    return extract_documents(parsed, run_id, limits)


def parse(rows: pl.DataFrame, settings: Settings, run_id: str) -> pl.DataFrame:
    """The run's parsed documents: resumed from the lake, reused from the cache, or made now."""
    logger = get_run_logger()
    parsed = parse_stage.read_parsed(settings, run_id)
    if parsed is not None:
        logger.info("run %s: parsed documents already persisted, resuming after parse", run_id)
        return parsed
    parsed = parse_stage.for_run(parse_task(rows, settings, run_id), run_id)
    parse_stage.write_parsed(parsed, settings, run_id)
    for doc_id, url, reason in parse_stage.parse_failures(parsed):
        logger.warning("document %s (%s) not parsed: %s", doc_id, url, reason)
    return parsed


def extract(parsed: pl.DataFrame, settings: Settings, run_id: str) -> StagedBatch:
    """The run's staged batch: resumed from the lake, reused from the cache, or made now."""
    staged = read_staged(settings, run_id)
    if staged is not None:
        get_run_logger().info("run %s: staged rows already persisted, resuming", run_id)
        return staged
    limits = DocumentLimits.from_settings(settings)
    batch = extract_task(parsed, run_id, limits).for_run(run_id)
    write_staged(batch, settings, run_id)
    get_run_logger().info(
        "staged %d documents, %d facts, %d mentions",
        batch.documents.height,
        batch.facts.height,
        batch.mentions.height,
    )
    return batch


@task(name="gate")
def gate_task(batch: StagedBatch, settings: Settings, run_id: str) -> GateResult | None:
    result = gate_staged(batch, settings, run_id)
    get_run_logger().info("gate: %s", result.counts() if result else "nothing to gate")
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
    started_at: datetime,
    before_load: RunSummary,
) -> LoadSummary:
    with warehouse_slot():  # one DuckDB writer across every worker and machine
        loaded = load_gated_run(
            settings,
            run_id=before_load.run_id,
            started_at=started_at,
            status=before_load.status,
            counts=before_load.counts(),
            batch=batch,
            gate=gate,
        )
    get_run_logger().info("loaded: %s", loaded)
    return loaded


@task(name="headline")
def headline_task(settings: Settings) -> pl.DataFrame:
    return read_headline(settings)


@task(name="dashboard")
def dashboard_task(settings: Settings) -> str | None:
    try:
        from fazhi.report.dashboard import build_dashboard
    except ImportError:  # the dashboard is optional for the pipeline's correctness
        return None
    return str(build_dashboard(settings))
