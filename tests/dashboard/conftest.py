"""Warehouses for the dashboard tests: a small one loaded through the warehouse API with
realistic rows (and a raw manifest), and a synthetic nationwide one."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from fazhi import schemas
from fazhi.config import Settings, load_settings
from fazhi.report.dashboard import build_dashboard
from fazhi.report.dashboard.synthetic import build_synthetic_warehouse
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import load_run

T0 = datetime(2025, 1, 10, 8, 0, tzinfo=UTC)
T1 = datetime(2025, 1, 11, 8, 0, tzinfo=UTC)
SITE = "http://127.0.0.1:8765"


@pytest.fixture(scope="session")
def template_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated warehouse, made once (the division dimension takes seconds)."""
    settings = load_settings(data_dir=tmp_path_factory.mktemp("dashboard-template"))
    with writer(settings):
        pass
    return settings.duckdb_path


def _copy(template: Path, data_dir: Path) -> Settings:
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, data_dir / "fazhi.duckdb")
    return load_settings(data_dir=data_dir)


def document(doc_id: str, code: str, name: str, year: int, **overrides: Any) -> dict[str, Any]:
    """A staged document of ``name`` (``code``) for ``year``."""
    row: dict[str, Any] = {
        "doc_id": doc_id,
        "doc_key": f"key-{doc_id}",
        "source_id": f"src-{code}",
        "url": f"{SITE}/{code}/{year}.html",
        "title": f"{name}{year}年法治政府建设年度报告",
        "format": "html",
        "raw_sha256": doc_id * 4,
        "fetched_at": T0,
        "text": "全文",
        "locality_code": code,
        "locality_name": name,
        "report_year": year,
        "issuer": f"{name}人民政府",
        "doc_type": "annual_report",
        "published_on": date(year + 1, 3, 1),
        "flags": [],
        "parse_status": "ok",
        "extractor_version": "1",
    }
    row.update(overrides)
    return row


def fact(doc_id: str, indicator: str, value: float, unit: str, **overrides: Any) -> dict[str, Any]:
    """A staged headline fact."""
    row: dict[str, Any] = {
        "doc_id": doc_id,
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "text": f"{value:g}{unit}",
        "start": 10,
        "end": 16,
        "sentence": f"全年共{value:g}{unit}。",
        "rule": "first",
        "extractor_version": "1",
        "flags": [],
    }
    row.update(overrides)
    return row


def mention(
    doc_id: str, ordinal: int, sentence: str, text: str, unit: str, indicator: str | None = None
) -> dict[str, Any]:
    """A staged number mention; ``indicator`` None means no indicator claimed it."""
    return {
        "doc_id": doc_id,
        "ordinal": ordinal,
        "value": float(ordinal),
        "unit": unit,
        "qualifier": "exact",
        "text": text,
        "start": ordinal * 10,
        "end": ordinal * 10 + 4,
        "sentence": sentence,
        "outline": "一、",
        "indicator": indicator,
    }


def validation(
    expectation: str, suite: str, severity: str, elements: int, unexpected: int, at: datetime
) -> dict[str, Any]:
    """One gate result row."""
    return {
        "suite": suite,
        "expectation": expectation,
        "severity": severity,
        "success": unexpected == 0,
        "element_count": elements,
        "unexpected_count": unexpected,
        "validated_at": at,
    }


def _frame(run_id: str, rows: list[dict[str, Any]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if not rows:
        return schemas.empty(schema)
    return schemas.conform(pl.DataFrame([{"run_id": run_id, **r} for r in rows]), schema)


def _load(settings: Settings, run_id: str, at: datetime, **rows: list[dict[str, Any]]) -> None:
    load_run(
        settings,
        run_id=run_id,
        started_at=at,
        status="succeeded",
        counts={"fetched": 4},
        documents=_frame(run_id, rows.get("documents", []), schemas.DOCUMENTS),
        facts=_frame(run_id, rows.get("facts", []), schemas.FACTS),
        mentions=_frame(run_id, rows.get("mentions", []), schemas.MENTIONS),
        validations=_frame(run_id, rows.get("validations", []), schemas.VALIDATIONS),
        quarantine=_frame(run_id, rows.get("quarantine", []), schemas.QUARANTINE),
    )


RUN_1 = {
    "documents": [
        document("d-lj-2023", "440881", "廉江市", 2023),
        document("d-lj-2022", "440881", "廉江市", 2022),
        document("d-gd-2023", "440000", "广东省", 2023),
        document("d-sc-2023", "330102", "上城区", 2023, doc_type="work_summary"),
    ],
    "facts": [
        fact("d-lj-2023", "aid_cases", 1215, "件"),
        fact("d-lj-2022", "aid_cases", 1100, "件"),
        fact("d-gd-2023", "aid_cases", 98000, "件"),
        fact("d-lj-2023", "lit_head_appearance_rate", 105, "%"),
        fact("d-lj-2022", "lit_head_appearance_rate", 92.5, "%"),
        fact("d-sc-2023", "rec_cases_accepted", 310, "件", flags=["across_years:tenfold"]),
    ],
    "mentions": [
        mention("d-lj-2023", 1, "全年办结信访事项23件，化解矛盾。", "23件", "件"),
        mention("d-lj-2022", 1, "全年办结信访事项17件。", "17件", "件"),
        mention("d-gd-2023", 1, "全省办结信访事项4512件。", "4512件", "件"),
        mention("d-gd-2023", 2, "举办讲座36场。", "36场", "场"),
        mention("d-lj-2023", 2, "共受理法律援助案件1215宗。", "1215宗", "宗", "aid_cases"),
    ],
    "validations": [
        validation("in_set:indicator", "facts", "critical", 7, 1, T0),
        validation("values_between:value", "facts", "critical", 7, 0, T0),
        validation("ratio_to_previous_year:value", "across_years", "warning", 6, 1, T0),
        validation("exists_in_dim_locality:locality_code", "documents", "critical", 5, 1, T0),
    ],
    "quarantine": [
        {
            "table_name": "facts",
            "doc_id": "d-lj-2023",
            "indicator": "aid_amount",
            "row_json": '{"value": 3.5, "unit": "万元"}',
            "reasons": ["in_set:indicator"],
            "quarantined_at": T0,
        },
        {
            "table_name": "documents",
            "doc_id": "d-bad",
            "indicator": None,
            "row_json": f'{{"url": "{SITE}/999999/2023.html", "title": "某县2023年报告"}}',
            "reasons": ["exists_in_dim_locality:locality_code"],
            "quarantined_at": T0,
        },
        {
            "table_name": "facts",
            "doc_id": "d-lj-2022",
            "indicator": "enf_penalties",
            "row_json": '{"value": -3}',
            "reasons": ["values_between:value"],
            "quarantined_at": T0,
        },
    ],
}

# The second run loads a new year for 廉江市 and, after a fix, the fact run 1 refused for
# 2022, which must then leave the current quarantine.
RUN_2 = {
    "documents": [document("d-lj-2021", "440881", "廉江市", 2021, fetched_at=T1)],
    "facts": [
        fact("d-lj-2021", "aid_cases", 990, "件"),
        fact("d-lj-2022", "enf_penalties", 3, "件"),
    ],
    "validations": [
        validation("in_set:indicator", "facts", "critical", 2, 0, T1),
        validation("values_between:value", "facts", "critical", 2, 0, T1),
    ],
}


def _manifest_row(
    source_id: str, outcome: str, at: datetime, reason: str | None = None, run_id: str = "run-1"
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "source_id": source_id,
        "kind": "article",
        "url": f"{SITE}/{source_id}/",
        "final_url": f"{SITE}/{source_id}/",
        "status": 200,
        "content_type": "text/html",
        "bytes": 1000,
        "fetched_at": at,
        "outcome": outcome,
        "reason": reason,
    }


MANIFEST = [
    _manifest_row("src-440881", "new", T0),
    _manifest_row("src-440881", "unchanged", T1, run_id="run-2"),
    _manifest_row("src-blocked", "blocked", T0, "anti-bot page (验证码)"),
    _manifest_row("src-blocked", "blocked", T0, "anti-bot page (验证码)"),
    _manifest_row("src-flaky", "new", T0),
    _manifest_row("src-flaky", "failed", T1, "HTTP 503 after 3 retries", run_id="run-2"),
]


def _write_manifest(settings: Settings) -> None:
    for run_id in ("run-1", "run-2"):
        folder = settings.lake_dir / "raw" / "manifest" / f"run_id={run_id}"
        folder.mkdir(parents=True)
        rows = [r for r in MANIFEST if r["run_id"] == run_id]
        schemas.conform(pl.DataFrame(rows), schemas.RAW_MANIFEST).write_parquet(
            folder / "part-0.parquet"
        )


@pytest.fixture(scope="session")
def small_settings(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a small warehouse: two runs loaded through load_run, and a raw manifest."""
    settings = _copy(template_warehouse, tmp_path_factory.mktemp("dashboard-small"))
    _load(settings, "run-1", T0, **RUN_1)
    _load(settings, "run-2", T1, **RUN_2)
    _write_manifest(settings)
    return settings


@pytest.fixture(scope="session")
def nationwide_settings(
    template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings of a synthetic nationwide warehouse: 600 counties taken from every province in
    turn, about 0.2 million facts (the benchmark ``dashboard_build`` measures the full 3,000)."""
    settings = _copy(template_warehouse, tmp_path_factory.mktemp("dashboard-nationwide"))
    build_synthetic_warehouse(settings, localities=600)
    return settings


@pytest.fixture(scope="session")
def nationwide_index(nationwide_settings: Settings) -> Path:
    """The dashboard of the nationwide warehouse, built once for the site and browser tests."""
    return build_dashboard(nationwide_settings)
