"""Benchmark: a synthetic 1,000,000-fact warehouse and the median time of each mart query.

3,000 county-level localities × 7 report years × 50 indicators, one annual report per
locality-year (plus a work summary for one locality-year in ten, so precedence has work to do),
loaded through the real ``load_batch`` in one transaction. Prints the load time and, for each
mart, the median of several runs of a typical analyst query. Target: every query under 100 ms.

Run: ``.venv/bin/python -m benchmarks.warehouse_marts [--data-dir DIR]``
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from fazhi import schemas
from fazhi.config import load_settings
from fazhi.localities import divisions_by_code
from fazhi.sql import read_sql, split_statements
from fazhi.warehouse.db import writer
from fazhi.warehouse.load import StagedRun, load_batch

LOCALITIES = 3_000
YEARS = tuple(range(2018, 2025))
INDICATORS = 50
REPEATS = 7
T0 = datetime(2025, 1, 1, tzinfo=UTC)
PARAMETER = re.compile(r"\$\d")


def benchmark_queries(sql_dir: Path) -> list[tuple[str, str]]:
    """(label, statement) of each timed query, from sql/queries/_benchmark_marts.sql."""
    found = []
    for statement in split_statements(read_sql("queries/_benchmark_marts", sql_dir)):
        lines = statement.splitlines()
        label = [line for line in lines if line.startswith("--")][-1].removeprefix("--").strip()
        found.append((label, "\n".join(line for line in lines if not line.startswith("--"))))
    return found


def synthetic_run(codes: list[str], indicators: list[str]) -> StagedRun:
    """Staged frames for every locality × year × indicator."""
    docs = (
        pl.DataFrame({"locality_code": codes})
        .join(
            pl.DataFrame({"report_year": list(YEARS)}, schema={"report_year": pl.Int32()}),
            how="cross",
        )
        .with_row_index("n")
        .with_columns(
            doc_id=pl.format("d{}", pl.col("n")),
            doc_key=pl.format("k{}", pl.col("n")),
            doc_type=pl.lit("annual_report"),
            url=pl.format("http://127.0.0.1/{}.html", pl.col("n")),
            title=pl.format("{}年法治政府建设年度报告", pl.col("report_year")),
            run_id=pl.lit("bench"),
            parse_status=pl.lit("ok"),
            fetched_at=pl.lit(T0),
        )
    )
    summaries = docs.filter(pl.col("n") % 10 == 0).with_columns(
        doc_id=pl.format("s{}", pl.col("n")),
        doc_key=pl.format("ks{}", pl.col("n")),
        doc_type=pl.lit("work_summary"),
        fetched_at=pl.lit(T0 + timedelta(days=1)),
    )
    all_docs = pl.concat([docs, summaries])
    facts = (
        all_docs.select("doc_id", "n")
        .join(pl.DataFrame({"indicator": indicators}), how="cross")
        .with_row_index("i")
        .with_columns(
            value=((pl.col("i") * 7919) % 10_000).cast(pl.Float64),
            unit=pl.lit("件"),
            qualifier=pl.lit("exact"),
            text=pl.lit("1,234件"),
            start=pl.lit(100, pl.Int32),
            end=pl.lit(106, pl.Int32),
            sentence=pl.lit("共办理案件1,234件。"),
            rule=pl.lit("first"),
            extractor_version=pl.lit("bench"),
            run_id=pl.lit("bench"),
        )
    )
    return StagedRun(
        "bench",
        T0,
        "succeeded",
        {"documents": all_docs.height},
        {
            "staged_documents": schemas.conform(all_docs, schemas.DOCUMENTS),
            "staged_facts": schemas.conform(facts, schemas.FACTS),
        },
    )


def median_ms(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]
) -> tuple[float, int]:
    """Median wall time of fetching the whole result, and its row count."""
    times, rows = [], 0
    used = [params[n] for n in sorted(set(PARAMETER.findall(sql)))]
    for _ in range(REPEATS):
        start = time.perf_counter()
        rows = len(con.execute(_renumber(sql), used).fetchall())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), rows


def _renumber(sql: str) -> str:
    # each statement binds only the parameters it uses, renumbered $1.. in sorted order
    names = sorted(set(PARAMETER.findall(sql)))
    for n, name in enumerate(names, start=1):
        sql = sql.replace(name, f"${n}")
    return sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    settings = load_settings(data_dir=data_dir)
    with writer(settings) as con:
        codes = (
            con.table("dim_locality")
            .filter("level = 'county'")
            .order("admin_code")
            .limit(LOCALITIES)
            .select("admin_code")
            .pl()["admin_code"]
            .to_list()
        )
        indicators = (
            con.table("dim_indicator")
            .order("ordinal")
            .limit(INDICATORS)
            .select("code")
            .pl()["code"]
            .to_list()
        )
        run = synthetic_run(codes, indicators)
        start = time.perf_counter()
        summary = load_batch(con, run, settings.sql_dir)
        load_s = time.perf_counter() - start
        province = divisions_by_code()[codes[0]].province_name
        print(f"warehouse: {data_dir / 'fazhi.duckdb'}")
        print(
            f"loaded {summary.documents_loaded:,} documents and {summary.facts_loaded:,} facts "
            f"in {load_s:.1f} s (one transaction)"
        )
        params = {"$1": codes[0], "$2": "aid_cases", "$3": YEARS[-2], "$4": province}
        print(f"{'query':55} {'median ms':>10} {'rows':>8}")
        for label, sql in benchmark_queries(settings.sql_dir):
            ms, rows = median_ms(con, sql, params)
            verdict = "ok" if ms < 100 else "SLOW"
            print(f"{label:55} {ms:10.1f} {rows:8,} {verdict}")


if __name__ == "__main__":
    main()
