"""The warehouse opens in the DuckDB CLI from PyPI, and is rebuilt from the lake when it cannot."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi import schemas
from fazhi.cli import app
from fazhi.config import Settings, load_settings
from fazhi.extract.stage import StagedBatch, write_staged
from fazhi.warehouse.rebuild import staged_run_ids
from tests.warehouse.conftest import document, fact, frame, mention
from tests.warehouse.test_marts import marts_settings  # noqa: F401  (shared fixture)

runner = CliRunner()


def duckdb_cli() -> str:
    """The ``duckdb`` executable of the duckdb-cli package installed beside this Python."""
    beside = Path(sys.executable).with_name("duckdb")
    found = str(beside) if beside.is_file() else shutil.which("duckdb")
    assert found, "the duckdb-cli package (a dev dependency) is not installed"
    return found


def test_the_duckdb_cli_from_pypi_reads_the_marts(marts_settings: Settings) -> None:  # noqa: F811
    query = "select count(*) from mart_best_value; select version();"
    done = subprocess.run(
        [duckdb_cli(), "-readonly", "-csv", str(marts_settings.duckdb_path), "-c", query],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    assert lines[1] == "9", done.stdout  # the nine cells test_marts counts
    assert lines[3].startswith("v1.5."), done.stdout


def _stage(settings: Settings, run_id: str, doc_id: str, year: int, value: float) -> None:
    row = {"run_id": run_id}
    docs = [document(doc_id, report_year=year, text="法治政府建设年度报告 " * 20, **row)]
    facts = [fact(doc_id, "aid_cases", value, **row)]
    mentions = [{**mention(doc_id, 1, value, "aid_cases"), **row}]
    batch = StagedBatch(
        frame(docs, schemas.DOCUMENTS),
        frame(mentions, schemas.MENTIONS),
        frame(facts, schemas.FACTS),
    )
    write_staged(batch, settings, run_id)


@pytest.mark.parametrize(
    ("existing", "reason"),
    [
        (None, "no warehouse at all: the lake alone makes one"),
        (b"not a database of this DuckDB version" * 100, "a file this DuckDB cannot open"),
    ],
    ids=["missing file", "unreadable file"],
)
def test_rebuild_makes_the_warehouse_from_the_lake(
    tmp_path: Path, existing: bytes | None, reason: str
) -> None:
    settings = load_settings(data_dir=tmp_path, lock_timeout_s=2.0)
    _stage(settings, "20250101T000000Z-aaaaaa", "A1", 2023, 120)
    _stage(settings, "20250201T000000Z-bbbbbb", "B2", 2024, 150)
    assert staged_run_ids(settings) == ["20250101T000000Z-aaaaaa", "20250201T000000Z-bbbbbb"]
    if existing is not None:
        settings.duckdb_path.write_bytes(existing)
        with pytest.raises(duckdb.Error):
            duckdb.connect(str(settings.duckdb_path), read_only=True)

    result = runner.invoke(app, ["rebuild", "--data-dir", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "rebuilt from 2 run(s)" in result.output, reason
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        best = con.sql(
            "select report_year, value from mart_best_value where indicator = 'aid_cases' "
            "order by 1"
        ).fetchall()
        runs = con.sql("select run_id, status from pipeline_run order by 1").fetchall()
    assert best == [(2023, 120.0), (2024, 150.0)]
    assert [status for _run, status in runs] == ["rebuilt", "rebuilt"]
    kept = tmp_path / "fazhi.duckdb.before-rebuild"
    assert kept.exists() == (existing is not None)
    if existing is not None:
        assert kept.read_bytes() == existing
