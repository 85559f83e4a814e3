"""Suite files and the derived columns the expectations read."""

from __future__ import annotations

import json
import math
from pathlib import Path

import polars as pl
import pytest

from fazhi.catalog import load_catalog
from fazhi.config import Settings
from fazhi.quality.frames import (
    across_years_for_validation,
    compared_indicators,
    consistency_for_validation,
    documents_for_validation,
    facts_for_validation,
    prior_cells,
)
from fazhi.quality.suites import SUITE_NAMES, expectation_label, load_suite, load_suites
from fazhi.quality.validate import SuiteRunner


def test_every_suite_loads_with_a_severity_and_reason_per_expectation() -> None:
    suites = load_suites(Settings().expectations_dir)
    assert tuple(suites) == SUITE_NAMES
    for suite in suites.values():
        assert suite.expectations, suite.name
        assert all(e.severity in ("critical", "warning") and e.reason for e in suite.expectations)
    assert {e.severity for e in suites["across_years"].expectations} == {"warning"}


@pytest.mark.parametrize(
    ("type_", "kwargs", "label"),
    [
        ("expect_column_values_to_be_between", {"column": "value"}, "values_between:value"),
        ("expect_column_values_to_not_be_null", {"column": "unit"}, "values_not_null:unit"),
        (
            "expect_column_pair_values_to_be_equal",
            {"column_A": "a", "column_B": "b"},
            "pair_values_equal:a,b",
        ),
        (
            "expect_compound_columns_to_be_unique",
            {"column_list": ["d", "i"]},
            "compound_columns_unique:d,i",
        ),
    ],
    ids=["single-column", "negated", "column-pair", "column-list"],
)
def test_labels_name_the_type_and_columns(type_: str, kwargs: dict, label: str) -> None:
    assert expectation_label(type_, kwargs) == label


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"name": "n", "reason": "r"}, "lacks meta severity"),  # severity is mandatory
        ({"severity": "fatal", "name": "n", "reason": "r"}, "unknown severity"),  # not a level
        ({"severity": "critical", "name": "n"}, "lacks meta reason"),  # quarantine needs a reason
    ],
    ids=["no-severity", "bad-severity", "no-reason"],
)
def test_a_suite_with_bad_meta_is_refused(tmp_path: Path, meta: dict, message: str) -> None:
    _write_suite(
        tmp_path,
        "documents",
        [
            {
                "type": "expect_column_values_to_not_be_null",
                "kwargs": {"column": "doc_id"},
                "meta": meta,
            }
        ],
    )
    with pytest.raises(ValueError, match=message):
        load_suite(tmp_path, "documents")


def test_an_expectation_great_expectations_cannot_build_is_refused(tmp_path: Path) -> None:
    # GX logs and drops an unknown expectation type; the gate must not silently check less.
    _write_suite(
        tmp_path,
        "facts",
        [
            {
                "type": "expect_column_values_to_be_lovely",
                "kwargs": {"column": "value"},
                "meta": {"severity": "critical", "name": "n", "reason": "r"},
            }
        ],
    )
    frame = pl.DataFrame({"row_id": [0], "value": [1.0]})
    with pytest.raises(ValueError, match="rejected an expectation"):
        SuiteRunner(None).validate(load_suite(tmp_path, "facts"), frame, {}, "run")


def _write_suite(directory: Path, name: str, expectations: list[dict]) -> None:
    (directory / f"{name}.json").write_text(
        json.dumps({"name": name, "expectations": expectations}), encoding="utf-8"
    )


def _facts(*rows: tuple[str, str, float]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doc_id": [r[0] for r in rows],
            "indicator": [r[1] for r in rows],
            "value": [r[2] for r in rows],
        },
        schema={"doc_id": pl.String(), "indicator": pl.String(), "value": pl.Float64()},
    ).with_row_index("row_id")


def _docs(*rows: tuple[str, str, int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doc_id": [r[0] for r in rows],
            "locality_code": [r[1] for r in rows],
            "report_year": [r[2] for r in rows],
        },
        schema={"doc_id": pl.String(), "locality_code": pl.String(), "report_year": pl.Int32()},
    )


@pytest.mark.parametrize(
    ("current", "prior", "ratio"),
    [
        (50.0, 10.0, 5.0),  # ordinary growth
        (0.0, 10.0, 0.0),  # dropped to nothing: below a tenth
        (5.0, 0.0, math.inf),  # from nothing to something: more than tenfold
        (0.0, 0.0, None),  # nothing both years: no ratio, no warning
        (5.0, None, None),  # no prior value at all
    ],
    ids=["growth", "to-zero", "from-zero", "zero-both", "no-prior"],
)
def test_ratio_to_prior_year(current: float, prior: float | None, ratio: float | None) -> None:
    prior_values = pl.DataFrame(
        {
            "locality_code": ["440881"],
            "report_year": [2022],
            "indicator": ["aid_cases"],
            "value": [prior],
        },
        schema_overrides={"value": pl.Float64()},
    )
    frame = across_years_for_validation(
        _facts(("d", "aid_cases", current)), _docs(("d", "440881", 2023)), prior_values
    )
    assert frame["ratio_to_prior_year"].to_list() == [ratio]


def test_prior_year_from_the_batch_takes_the_median_of_its_documents() -> None:
    facts = _facts(
        ("a", "aid_cases", 10.0),
        ("b", "aid_cases", 30.0),
        ("c", "aid_cases", 100.0),
        ("c", "law_firms", 4.0),
    )
    docs = _docs(("a", "440881", 2022), ("b", "440881", 2022), ("c", "440881", 2023))
    frame = across_years_for_validation(facts, docs, None).filter(pl.col("doc_id") == "c")
    assert frame.select("indicator", "prior_value").rows() == [
        ("aid_cases", 20.0),
        ("law_firms", None),
    ]


def test_prior_cells_are_all_the_across_years_check_reads() -> None:
    """Only the year before each document's, in its locality: the same frame as with every
    loaded value of the localities (the batch's own values, years apart, count as before)."""
    facts = _facts(("a", "aid_cases", 10.0), ("b", "aid_cases", 30.0), ("c", "aid_cases", 100.0))
    docs = _docs(("a", "440881", 2022), ("b", "440881", 2023), ("c", "440882", 2023))
    years = [2019, 2020, 2021, 2022, 2023]
    loaded = pl.DataFrame(
        {
            "locality_code": ["440881"] * 5 + ["440882"] * 5 + ["440883"],
            "report_year": years * 2 + [2022],
            "indicator": ["aid_cases"] * 11,
            "value": [float(v) for v in range(11)],
        }
    )
    cells = prior_cells(docs)
    assert cells == [("440881", 2021), ("440881", 2022), ("440882", 2022)]
    narrowed = loaded.filter(
        pl.struct("locality_code", "report_year").is_in(
            pl.DataFrame(cells, schema=["locality_code", "report_year"], orient="row")
            .to_struct()
            .implode()
        )
    )
    assert narrowed.height == 3
    assert across_years_for_validation(facts, docs, narrowed).equals(
        across_years_for_validation(facts, docs, loaded)
    )


@pytest.mark.parametrize(
    ("rows", "gap"),
    [
        (
            [
                ("med_disputes_handled", 300.0),
                ("med_disputes_resolved", 290.0),
                ("med_success_rate", 96.7),
            ],
            pytest.approx(0.0333, abs=1e-3),
        ),  # consistent
        (
            [
                ("med_disputes_handled", 0.0),
                ("med_disputes_resolved", 0.0),
                ("med_success_rate", 100.0),
            ],
            None,
        ),  # no disputes: no computed rate
        ([("med_success_rate", 180.0)], None),  # a rate without counts is not compared
    ],
    ids=["within-a-point", "zero-handled", "rate-alone"],
)
def test_success_rate_gap(rows: list[tuple[str, float]], gap: object) -> None:
    suite = load_suite(Settings().expectations_dir, "consistency")
    catalog = load_catalog(Settings().catalog_path)
    frame = consistency_for_validation(_facts(*[("d", i, v) for i, v in rows]), suite, catalog)
    assert frame["med_success_rate_gap"].to_list() == [gap]


@pytest.mark.parametrize(
    ("catalog_rows", "expected"),
    [
        pytest.param(
            {},
            {
                "med_disputes_handled",
                "med_disputes_resolved",
                "med_success_rate",
                "rec_applications_received",
                "rec_cases_accepted",
            },
            id="the-suite-and-the-catalogue-rates-name-five-indicators",
        ),
        pytest.param(
            {"aid_cases": "aid_cases_won/aid_consultations"},
            {"aid_cases", "aid_cases_won", "aid_consultations"},
            id="a-new-rate-in-the-catalogue-is-compared-with-its-parts",
        ),
    ],
)
def test_compared_indicators_come_from_the_suite_and_the_catalogue(
    catalog_rows: dict[str, str], expected: set[str]
) -> None:
    from dataclasses import replace

    suite = load_suite(Settings().expectations_dir, "consistency")
    catalog = dict(load_catalog(Settings().catalog_path))
    for code, ratio in catalog_rows.items():
        numerator, denominator = ratio.split("/")
        catalog[numerator] = replace(catalog[code], code=numerator)
        catalog[denominator] = replace(catalog[code], code=denominator)
        catalog[code] = replace(catalog[code], ratio_of=(numerator, denominator))
    assert expected <= set(compared_indicators(suite, catalog))
    if not catalog_rows:
        assert set(compared_indicators(suite, catalog)) == expected


def test_repeats_are_numbered_after_the_first() -> None:
    docs = pl.DataFrame(
        {
            "row_id": [0, 1, 2],
            "doc_id": ["a", "b", "a"],
            "source_id": "s",
            "url": "u",
            "locality_code": "440881",
            "report_year": 2023,
            "doc_type": "other",
            "text": ["xy", "xyz", "xy"],
            "published_on": [None, None, None],
        },
        schema_overrides={"published_on": pl.Date()},
    )
    frame = documents_for_validation(docs)
    assert frame["doc_id_occurrence"].to_list() == [0, 0, 1]
    assert frame["text_length"].to_list() == [2, 3, 2]
    facts = pl.DataFrame(
        {
            "row_id": [0, 1],
            "doc_id": ["a", "a"],
            "indicator": ["x", "x"],
            "value": [1.0, 2.0],
            "unit": "件",
            "start": 0,
            "end": 1,
        }
    )
    checked = facts_for_validation(facts, docs, load_catalog())
    assert checked["doc_indicator_occurrence"].to_list() == [0, 1]
    assert checked["catalog_unit"].to_list() == [None, None], "x is not in the catalogue"
