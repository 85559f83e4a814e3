"""A run's plan of batches: each batch's rows are read from the plan's row groups that may hold
them, not from the whole plan, and give the same rows as filtering the whole plan."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from fazhi.batches import BATCH_COLUMN, batch_rows, plan_batches
from fazhi.config import Settings, load_settings
from fazhi.lake import Lake

RUN = "20260101T000000Z-abcdef"


def document_rows(count: int) -> pl.DataFrame:
    """Manifest-like rows, given out of content order (the plan sorts them)."""
    return pl.DataFrame(
        {
            "sha256": [f"{(index * 7919) % 1000:064d}" for index in range(count)],
            "url": [f"http://127.0.0.1/doc/{index}.html" for index in range(count)],
            "title": [f"报告{index}" for index in range(count)],
        }
    )


def settings_of(tmp_path: Path, batch_size: int) -> Settings:
    return load_settings(data_dir=tmp_path, batch_size=batch_size)


def whole_plan(settings: Settings) -> pl.DataFrame:
    lake = Lake.of(settings)
    with lake.fs.open(lake.batch_plan(RUN), "rb") as handle:
        return pl.read_parquet(handle)


@pytest.mark.parametrize(
    ("documents", "batch_size", "reason"),
    [
        (10, 3, "batches of 3 and a last one of 1"),
        (12, 4, "batches that come out even"),
        (5, 500, "one batch, smaller than a batch"),
        (1, 1, "one document"),
    ],
)
def test_each_batch_reads_its_own_rows_from_its_part_file(
    tmp_path: Path, documents: int, batch_size: int, reason: str
) -> None:
    settings = settings_of(tmp_path, batch_size)
    planned = plan_batches(document_rows(documents), settings, RUN)
    assert planned == list(range(-(-documents // batch_size))), reason
    lake = Lake.of(settings)
    assert len(lake.fs.glob(lake.batch_plan_parts(RUN))) == len(planned), reason
    index = whole_plan(settings)  # the plan: which batch each document version is in
    sorted_rows = document_rows(documents).sort("sha256", "url")
    for batch in planned:
        rows = batch_rows(settings, RUN, batch)
        mine = index.filter(pl.col(BATCH_COLUMN) == batch)
        assert rows.select("sha256", "url").equals(mine.drop(BATCH_COLUMN)), reason
        assert rows.columns == sorted_rows.columns, reason
    assert pl.concat([batch_rows(settings, RUN, b) for b in planned]).equals(sorted_rows), reason


@pytest.mark.parametrize(
    ("row_group_size", "statistics", "reason"),
    [
        (None, True, "a plan written before: the whole plan in one row group"),
        (4, True, "row groups that do not follow batches"),
        (3, False, "a plan without statistics: every row group is read"),
    ],
)
def test_plans_written_otherwise_give_the_same_rows(
    tmp_path: Path, row_group_size: int | None, statistics: bool, reason: str
) -> None:
    """A resumed run keeps the plan it wrote, whatever wrote it."""
    settings = settings_of(tmp_path, 3)
    rows = document_rows(11).sort("sha256", "url").with_row_index(BATCH_COLUMN)
    plan = rows.with_columns((pl.col(BATCH_COLUMN) // 3).cast(pl.Int32()))
    lake = Lake.of(settings)
    path = lake.batch_plan(RUN)
    lake.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with lake.fs.open(path, "wb") as handle:
        plan.write_parquet(handle, row_group_size=row_group_size, statistics=statistics)
    assert plan_batches(document_rows(11), settings, RUN) == [0, 1, 2, 3], reason
    for batch in range(4):
        expected = plan.filter(pl.col(BATCH_COLUMN) == batch).drop(BATCH_COLUMN)
        assert batch_rows(settings, RUN, batch).equals(expected), reason
    assert batch_rows(settings, RUN, 4).height == 0, reason
