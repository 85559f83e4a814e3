"""The frames each suite validates: staged rows plus the derived columns the expectations read.

Great Expectations checks one column or a pair of columns per row; per-indicator ranges,
duplicates, checks between the facts of a document and across years are therefore computed here
in Polars as columns, and the suites in ``expectations/`` declare what those columns must hold.
Every frame carries ``row_id``, the position of the row in the gated documents or facts, so a
failing row found by Great Expectations maps back to the staged row.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from fazhi.catalog import Indicator
from fazhi.quality.suites import Suite

GAP_SUFFIX = "_gap"  # the column holding |stated rate − 100 × numerator / denominator|


def documents_for_validation(
    documents: pl.DataFrame, facts: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The documents suite's frame: identifying fields, text length, publication year, repeats,
    and how many facts the extractor found in each (none: it understood nothing of it)."""
    frame = documents.select(
        "row_id",
        "doc_id",
        "source_id",
        "url",
        "locality_code",
        "report_year",
        "doc_type",
        pl.col("text").str.len_chars().alias("text_length"),
        pl.col("published_on").dt.year().alias("published_year"),
        _occurrence("doc_id").alias("doc_id_occurrence"),
    )
    counts = facts if facts is not None else pl.DataFrame(schema={"doc_id": pl.String()})
    per_doc = counts.group_by("doc_id").len("fact_count")
    return (
        frame.join(per_doc, on="doc_id", how="left")
        .with_columns(pl.col("fact_count").fill_null(0).cast(pl.Int64))
        .sort("row_id")
    )


def facts_for_validation(
    facts: pl.DataFrame, documents: pl.DataFrame, catalog: Mapping[str, Indicator]
) -> pl.DataFrame:
    """The facts suite's frame: each fact with its catalogue entry and its document's length."""
    text_lengths = documents.unique("doc_id", keep="first", maintain_order=True).select(
        "doc_id", pl.col("text").str.len_chars().alias("text_length")
    )
    return (
        facts.select(
            "row_id",
            "doc_id",
            "indicator",
            "value",
            "unit",
            "start",
            "end",
            _occurrence("doc_id", "indicator").alias("doc_indicator_occurrence"),
        )
        .join(catalog_frame(catalog), on="indicator", how="left")
        .join(text_lengths, on="doc_id", how="left")
        .sort("row_id")
    )


def catalog_frame(catalog: Mapping[str, Indicator]) -> pl.DataFrame:
    """The catalogue as columns ``indicator, catalog_unit, catalog_min, catalog_max``."""
    return pl.DataFrame(
        {
            "indicator": [i.code for i in catalog.values()],
            "catalog_unit": [i.unit for i in catalog.values()],
            "catalog_min": [i.min for i in catalog.values()],
            "catalog_max": [i.max for i in catalog.values()],
        },
        schema={
            "indicator": pl.String(),
            "catalog_unit": pl.String(),
            "catalog_min": pl.Float64(),
            "catalog_max": pl.Float64(),
        },
    )


def compared_indicators(suite: Suite, catalog: Mapping[str, Indicator]) -> list[str]:
    """The indicators the consistency checks read, in catalogue order: those the suite's
    expectations name and quarantine, and every rate of the catalogue with its two parts."""
    named = {v for spec in suite.expectations for v in spec.kwargs.values() if isinstance(v, str)}
    named |= {code for spec in suite.expectations for code in spec.quarantines}
    for code, indicator in catalog.items():
        if indicator.ratio_of:
            named |= {code, *indicator.ratio_of}
    return [code for code in catalog if code in named]


def consistency_for_validation(
    facts: pl.DataFrame, suite: Suite, catalog: Mapping[str, Indicator]
) -> pl.DataFrame:
    """One row per document with the compared figures side by side (see compared_indicators).

    For each rate of the catalogue, ``<rate>_gap`` is |stated rate − 100 × numerator /
    denominator|, null unless all three are present and the denominator is positive.
    """
    codes = compared_indicators(suite, catalog)
    relevant = facts.filter(pl.col("indicator").is_in(codes))
    wide = relevant.group_by("doc_id", maintain_order=True).agg(
        pl.col("value").filter(pl.col("indicator") == code).first().alias(code) for code in codes
    )
    gaps = [
        _gap(code, *indicator.ratio_of).alias(code + GAP_SUFFIX)
        for code, indicator in catalog.items()
        if indicator.ratio_of
    ]
    return wide.with_row_index("row_id").with_columns(gaps)


def _gap(rate: str, numerator: str, denominator: str) -> pl.Expr:
    computed = pl.when(pl.col(denominator) > 0).then(
        100.0 * pl.col(numerator) / pl.col(denominator)
    )
    return (pl.col(rate) - computed).abs()


def across_years_for_validation(
    facts: pl.DataFrame, documents: pl.DataFrame, prior_values: pl.DataFrame | None
) -> pl.DataFrame:
    """Each fact with the ratio of its value to the same locality's value the year before.

    The year before comes from ``prior_values`` (the warehouse) and the batch itself, taking
    the median where several documents give one. The ratio is null when there is no prior
    value or both are zero, and infinite when only the prior value is zero.
    """
    located = _located_facts(facts, documents)
    pool = located.select("locality_code", "report_year", "indicator", "value")
    if prior_values is not None:
        pool = pl.concat([pool, _prior(prior_values)], how="vertical")
    prior = (
        pool.group_by("locality_code", "report_year", "indicator")
        .agg(pl.col("value").median().alias("prior_value"))
        .with_columns((pl.col("report_year") + 1).alias("report_year"))
    )
    joined = located.join(prior, on=["locality_code", "report_year", "indicator"], how="left")
    return joined.select(
        "row_id",
        "doc_id",
        "indicator",
        "value",
        "prior_value",
        _ratio(pl.col("value"), pl.col("prior_value")).alias("ratio_to_prior_year"),
    ).sort("row_id")


def prior_cells(documents: pl.DataFrame) -> list[tuple[str, int]]:
    """The (locality_code, report_year) cells whose loaded values
    :func:`across_years_for_validation` may compare the facts of ``documents`` with: each
    document's locality in the year before its report's. Values of other cells never meet a
    fact of the batch there, so the warehouse is read for these only."""
    cells = documents.select(
        pl.col("locality_code").cast(pl.String()),
        (pl.col("report_year").cast(pl.Int32()) - 1).alias("report_year"),
    )
    return sorted(cells.drop_nulls().unique().iter_rows())


def _located_facts(facts: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    places = documents.unique("doc_id", keep="first", maintain_order=True).select(
        "doc_id", "locality_code", pl.col("report_year").cast(pl.Int32())
    )
    return facts.select("row_id", "doc_id", "indicator", "value").join(
        places, on="doc_id", how="inner"
    )


def _prior(prior_values: pl.DataFrame) -> pl.DataFrame:
    return prior_values.select(
        pl.col("locality_code").cast(pl.String()),
        pl.col("report_year").cast(pl.Int32()),
        pl.col("indicator").cast(pl.String()),
        pl.col("value").cast(pl.Float64()),
    )


def _ratio(value: pl.Expr, prior: pl.Expr) -> pl.Expr:
    return (
        pl.when(prior > 0)
        .then(value / prior)
        .when((prior == 0) & (value > 0))
        .then(float("inf"))
        .otherwise(None)
    )


def _occurrence(*keys: str) -> pl.Expr:
    """0 for the first row of each key, 1 for its first repeat, and so on."""
    return pl.int_range(pl.len(), dtype=pl.Int32()).over(list(keys))
