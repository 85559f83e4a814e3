"""The quarantine store: runs written to the lake, stable ids, resolution by a later run, CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import polars as pl
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings
from fazhi.quality.gate import GateResult
from fazhi.quality.quarantine import (
    find_quarantined,
    quarantined_documents,
    read_quarantine,
    record_gate_run,
    write_quarantine,
)
from fazhi.schemas import DOCUMENTS, FACTS, QUARANTINE, VALIDATIONS, empty

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _rows(run_id: str, *entries: tuple[str, str | None, list[str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "run_id": run_id,
                "table_name": "facts" if indicator else "documents",
                "doc_id": doc,
                "indicator": indicator,
                "row_json": json.dumps({"doc_id": doc, "value": 1.5}),
                "reasons": reasons,
                "quarantined_at": T0,
            }
            for doc, indicator, reasons in entries
        ],
        schema=QUARANTINE,
    )


def _result(passed_doc_ids: list[str], quarantine: pl.DataFrame) -> GateResult:
    docs = pl.DataFrame({"doc_id": passed_doc_ids}).with_columns(
        pl.lit([], dtype=pl.List(pl.String())).alias("flags")
    )
    return GateResult(
        documents=pl.concat([empty(DOCUMENTS), docs], how="diagonal_relaxed"),
        facts=empty(FACTS),
        quarantine=quarantine,
        validations=empty(VALIDATIONS),
        data_docs_index=None,
    )


def _now_quarantine(run_id: str, *entries: tuple[str, str | None, list[str]]) -> pl.DataFrame:
    return _rows(run_id, *entries).with_columns(quarantined_at=pl.lit(datetime.now(UTC)))


@pytest.fixture
def settings(tmp_path: object) -> Settings:
    return Settings(data_dir=tmp_path)


def test_written_runs_read_back_with_stable_unique_ids(settings: Settings) -> None:
    path = write_quarantine(
        settings,
        "r1",
        _rows(
            "r1",
            ("d1", "aid_cases", ["value is negative"]),
            ("d1", "aid_cases", ["value is negative"]),
        ),
    )
    write_quarantine(settings, "r2", _rows("r2", ("d2", None, ["locality_code is missing"])))
    assert path == settings.lake_dir / "quarantine" / "run_id=r1" / "quarantine.parquet"
    first, second = read_quarantine(settings), read_quarantine(settings)
    assert first["id"].to_list() == second["id"].to_list()
    assert first["id"].n_unique() == 3, "identical rows of one run still get distinct ids"
    assert first["status"].to_list() == ["open"] * 3
    assert quarantined_documents(settings) == ["d1", "d2"]


def test_rewriting_a_run_replaces_it(settings: Settings) -> None:
    write_quarantine(settings, "r1", _rows("r1", ("d1", None, ["x"]), ("d2", None, ["y"])))
    write_quarantine(settings, "r1", _rows("r1", ("d2", None, ["y"])))
    assert read_quarantine(settings)["doc_id"].to_list() == ["d2"]


@pytest.mark.parametrize(
    ("excluding", "expected_runs", "why"),
    [
        (None, ["r1", "r2", "r3"], "every run's rows"),
        ("r2", ["r1", "r3"], "a run resolving earlier rows skips its own growing file"),
        ("r9", ["r1", "r2", "r3"], "a run with no file yet skips nothing"),
    ],
)
def test_reading_every_run_but_one(
    settings: Settings, excluding: str | None, expected_runs: list[str], why: str
) -> None:
    for run in ("r1", "r2", "r3"):
        write_quarantine(settings, run, _rows(run, (f"d-{run}", None, ["x"])))
    rows = read_quarantine(settings, excluding_run=excluding)
    assert sorted(set(rows["run_id"])) == expected_runs, why
    every = read_quarantine(settings).filter(pl.col("run_id").is_in(expected_runs))
    assert rows["id"].to_list() == every["id"].to_list(), "ids do not depend on what is skipped"


def test_nothing_quarantined_reads_empty(settings: Settings) -> None:
    assert read_quarantine(settings).height == 0
    assert quarantined_documents(settings) == []


@pytest.mark.parametrize(
    ("retry_passes", "retry_quarantine", "expected_open"),
    [
        (["d1"], [], ["d2"]),  # d1 retried and passed: only d2 is left to retry
        ([], [("d1", "aid_cases", ["value is negative"])], ["d1", "d2"]),  # d1 failed again
        (["d1", "d2"], [], []),  # both fixed
        (["d9"], [], ["d1", "d2"]),  # a run gating other documents resolves nothing
    ],
    ids=["retry-passes", "retry-fails-again", "all-fixed", "unrelated-run"],
)
def test_a_later_run_gating_a_document_resolves_its_old_rows(
    settings: Settings, retry_passes: list[str], retry_quarantine: list, expected_open: list[str]
) -> None:
    first = _now_quarantine(
        "r1", ("d1", "aid_cases", ["value is negative"]), ("d2", None, ["locality_code is missing"])
    )
    record_gate_run(settings, "r1", _result([], first))
    retry = _now_quarantine("r2", *retry_quarantine) if retry_quarantine else empty(QUARANTINE)
    record_gate_run(settings, "r2", _result(retry_passes, retry))
    assert quarantined_documents(settings) == expected_open
    rows = read_quarantine(settings)
    resolved = rows.filter(pl.col("status") == "resolved")
    assert set(resolved["resolved_by_run"]) <= {"r2"}
    assert set(resolved["run_id"]) <= {"r1"}


def test_rerunning_the_same_run_does_not_resolve_its_own_rows(settings: Settings) -> None:
    rows = _now_quarantine("r1", ("d1", None, ["locality_code is missing"]))
    record_gate_run(settings, "r1", _result([], rows))
    record_gate_run(settings, "r1", _result([], rows))
    assert quarantined_documents(settings) == ["d1"]


def test_rows_quarantined_after_a_resolution_stay_open(settings: Settings) -> None:
    # A resolution marker only settles rows quarantined before it.
    record_gate_run(settings, "r1", _result([], _now_quarantine("r1", ("d1", None, ["x"]))))
    record_gate_run(settings, "r2", _result(["d1"], empty(QUARANTINE)))
    later = _rows("r3", ("d1", None, ["x"])).with_columns(
        quarantined_at=pl.lit(datetime.now(UTC) + timedelta(days=1))
    )
    write_quarantine(settings, "r3", later)
    assert read_quarantine(settings).select("run_id", "status").rows() == [
        ("r1", "resolved"),
        ("r3", "open"),
    ]


def test_cli_lists_open_rows_and_shows_one(settings: Settings) -> None:
    write_quarantine(
        settings,
        "r1",
        _rows(
            "r1",
            (
                "d1",
                "med_success_rate",
                ["value is above the catalogue's maximum for its indicator"],
            ),
        ),
    )
    runner = CliRunner()
    listed = runner.invoke(app, ["quarantine", "list", "--data-dir", str(settings.data_dir)])
    assert listed.exit_code == 0, listed.output
    row_id = read_quarantine(settings)["id"].item()
    assert row_id in listed.output and "1 quarantined row(s) open" in listed.output
    shown = runner.invoke(
        app, ["quarantine", "show", row_id[:6], "--data-dir", str(settings.data_dir)]
    )
    assert shown.exit_code == 0, shown.output
    assert "value is above the catalogue's maximum" in shown.output
    assert '"value": 1.5' in shown.output


def test_cli_show_refuses_an_unknown_id(settings: Settings) -> None:
    result = CliRunner().invoke(
        app, ["quarantine", "show", "ffffff", "--data-dir", str(settings.data_dir)]
    )
    assert result.exit_code == 1
    assert find_quarantined(settings, "ffffff").height == 0


def _stage_documents(settings: Settings, run_id: str, keys: dict[str, str]) -> None:
    """The run's staged documents (doc_id, doc_key), as its extraction wrote them."""
    from fazhi.lake import Lake

    lake = Lake.of(settings)
    path = lake.staged_batch("documents", run_id, 0)
    lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with lake.fs.open(path, "wb") as handle:
        pl.DataFrame({"doc_id": list(keys), "doc_key": list(keys.values())}).write_parquet(handle)


def test_each_batch_of_a_run_resolves_earlier_rows_read_once_per_run(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run gates in batches: every batch resolves the earlier runs' rows of its documents, by
    doc_id or by a new version's doc_key, while the earlier rows are read at its first batch
    only (read again per batch, one earlier run of 100,000 reports cost 1-2 s a batch)."""
    from fazhi.quality import quarantine

    first = _now_quarantine(
        "r1",
        ("d1", None, ["x"]),
        ("d2", "aid_cases", ["y"]),
        ("d3", None, ["z"]),
        ("d4", None, ["w"]),
    )
    record_gate_run(settings, "r1", _result([], first))
    _stage_documents(settings, "r1", {"d1": "k1", "d2": "k2", "d3": "k3", "d4": "k4"})
    reads: list[str | None] = []
    real = quarantine.read_quarantine

    def counted(settings: Settings, *, excluding_run: str | None = None) -> pl.DataFrame:
        reads.append(excluding_run)
        return real(settings, excluding_run=excluding_run)

    monkeypatch.setattr(quarantine, "read_quarantine", counted)
    batches = [
        (["d1"], {"d1": "k1"}, "by doc_id"),
        (["d3-v2"], {"d3-v2": "k3"}, "a new version of d3, by doc_key"),
        (["d9"], {"d9": "k9"}, "a document no earlier run quarantined"),
    ]
    for passed, keys, _ in batches:
        gated = pl.DataFrame({"doc_id": list(keys), "doc_key": list(keys.values())})
        record_gate_run(settings, "r2", _result(passed, empty(QUARANTINE)), gated_documents=gated)
    assert reads == ["r2"]
    monkeypatch.undo()
    assert quarantined_documents(settings) == ["d2", "d4"]
    # a later run in the same process reads the rows afresh: r2's resolutions count
    record_gate_run(settings, "r3", _result(["d2"], empty(QUARANTINE)))
    assert quarantined_documents(settings) == ["d4"]


def test_a_run_gated_in_batches_reads_as_its_one_file_with_the_same_ids(
    tmp_path: object,
) -> None:
    """A file per batch (nothing read back when a batch is added) lists the same rows, ids and
    statuses as the run's one file did; a batch gated again replaces its own rows only."""
    batches = [
        (["d1"], _now_quarantine("r2", ("d2", None, ["x"]), ("d3", "aid_cases", ["y"]))),
        (["d4"], empty(QUARANTINE)),
        ([], _now_quarantine("r2", ("d5", None, ["z"]))),
    ]
    listed, settings = {}, {}
    for how in ("whole", "batches"):
        settings[how] = Settings(data_dir=tmp_path / how)  # type: ignore[operator]
        earlier = _now_quarantine("r1", ("d1", None, ["x"]), ("d4", None, ["w"]), ("d6", None, []))
        record_gate_run(settings[how], "r1", _result([], earlier))
        for number, (passed, rows) in enumerate(batches):
            batch = None if how == "whole" else number
            record_gate_run(settings[how], "r2", _result(passed, rows), batch=batch)
        listed[how] = read_quarantine(settings[how]).select("id", "run_id", "doc_id", "status")
    assert listed["batches"].rows() == listed["whole"].rows()
    assert listed["batches"]["status"].to_list() == ["resolved", "resolved", "open"] + ["open"] * 3
    by_batch = settings["batches"]
    assert read_quarantine(by_batch, excluding_run="r2")["doc_id"].to_list() == ["d1", "d4", "d6"]
    # batch 0 gated again, its document d3 passing now: its file alone is replaced
    again = _now_quarantine("r2", ("d2", None, ["x"]))
    record_gate_run(by_batch, "r2", _result(["d1", "d3"], again), batch=0)
    folder = by_batch.lake_dir / "quarantine" / "run_id=r2" / "quarantine"
    assert sorted(p.name for p in folder.iterdir()) == [
        "batch-00000.parquet",
        "batch-00001.parquet",
        "batch-00002.parquet",
    ]
    assert quarantined_documents(by_batch) == ["d2", "d5", "d6"]
