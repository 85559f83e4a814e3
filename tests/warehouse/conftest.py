"""Shared fixtures: a migrated template warehouse copied per test, and staged-row builders."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from fazhi import schemas
from fazhi.config import Settings, load_settings
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import StagedRun

T0 = datetime(2025, 1, 10, 8, 0, tzinfo=UTC)
SQL_DIR = Settings().sql_dir  # the repository's sql/, as the default settings name it


@pytest.fixture(scope="session")
def template_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse migrated from empty once per session (dimension refresh takes seconds)."""
    settings = load_settings(data_dir=tmp_path_factory.mktemp("template"))
    with writer(settings):
        pass
    return settings.duckdb_path


@pytest.fixture
def settings(tmp_path: Path, template_warehouse: Path) -> Settings:
    """Settings for a fresh copy of the migrated template warehouse."""
    shutil.copy(template_warehouse, tmp_path / "fazhi.duckdb")
    return load_settings(data_dir=tmp_path, lock_timeout_s=2.0)


@pytest.fixture
def con(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The writer connection of a fresh warehouse."""
    with writer(settings) as connection:
        yield connection


def document(doc_id: str, **overrides: Any) -> dict[str, Any]:
    """A staged document row; doc_key defaults to one key per doc_id."""
    row: dict[str, Any] = {
        "run_id": "run-1",
        "doc_id": doc_id,
        "doc_key": f"key-{doc_id}",
        "source_id": "src",
        "url": f"http://127.0.0.1/{doc_id}.html",
        "title": f"报告 {doc_id}",
        "format": "html",
        "raw_sha256": doc_id * 4,
        "fetched_at": T0,
        "text": "全文",
        "locality_code": "440881",
        "locality_name": "廉江市",
        "province": "广东省",
        "city": "湛江市",
        "report_year": 2023,
        "issuer": "廉江市司法局",
        "doc_type": "annual_report",
        "published_on": None,
        "flags": [],
        "parse_status": "ok",
        "parse_error": None,
        "extractor_version": "1",
    }
    row.update(overrides)
    return row


def fact(doc_id: str, indicator: str, value: float, **overrides: Any) -> dict[str, Any]:
    """A staged fact row."""
    row: dict[str, Any] = {
        "run_id": "run-1",
        "doc_id": doc_id,
        "indicator": indicator,
        "value": value,
        "unit": "件",
        "qualifier": "exact",
        "text": f"{value:g}件",
        "start": 10,
        "end": 14,
        "sentence": f"共办理{value:g}件。",
        "rule": "first",
        "extractor_version": "1",
        "flags": [],
    }
    row.update(overrides)
    return row


def mention(doc_id: str, ordinal: int, value: float, indicator: str | None) -> dict[str, Any]:
    """A staged mention row."""
    return {
        "run_id": "run-1",
        "doc_id": doc_id,
        "ordinal": ordinal,
        "value": value,
        "unit": "件",
        "qualifier": "exact",
        "text": f"{value:g}件",
        "start": ordinal * 10,
        "end": ordinal * 10 + 4,
        "sentence": "…",
        "outline": "一、",
        "indicator": indicator,
    }


def frame(rows: list[dict[str, Any]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Rows as a frame of a staged schema."""
    return pl.DataFrame(rows, schema=schema) if rows else schemas.empty(schema)


def staged_run(
    run_id: str = "run-1",
    documents: list[dict[str, Any]] | None = None,
    facts: list[dict[str, Any]] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    validations: list[dict[str, Any]] | None = None,
    quarantine: list[dict[str, Any]] | None = None,
) -> StagedRun:
    """A StagedRun of the given rows."""
    return StagedRun(
        run_id,
        T0,
        "succeeded",
        {"fetched": len(documents or [])},
        {
            "staged_documents": frame(documents or [], schemas.DOCUMENTS),
            "staged_facts": frame(facts or [], schemas.FACTS),
            "staged_mentions": frame(mentions or [], schemas.MENTIONS),
            "staged_validations": frame(validations or [], schemas.VALIDATIONS),
            "staged_quarantine": frame(quarantine or [], schemas.QUARANTINE),
        },
    )


DATA_TABLES = (
    "dim_document",
    "document_text",
    "fact_indicator",
    "fact_mention",
    "best_value",
    "locality_year_wide",
    "gate_validation",
    "gate_validation_batch",
    "quarantine_row",
    "pipeline_run",
)


def snapshot(connection: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a load writes, in a stable order."""
    return {name: connection.table(name).order("ALL").fetchall() for name in DATA_TABLES}
