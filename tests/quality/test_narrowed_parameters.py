"""Reference sets cut down to a batch's values (fazhi.quality.validate.narrowed_parameters) gate
every row as the whole set would: real GX on batches whose localities and indicators are known,
unknown, missing, or all unknown (the set handed to GX is then empty)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from fazhi.config import Settings
from fazhi.quality.gate import DOCUMENT_QUARANTINED, run_gate
from fazhi.quality.suites import ExpectationSpec, Suite, load_suites
from fazhi.quality.validate import narrowed_parameters
from fazhi.schemas import DOCUMENTS, FACTS, conform
from tests.quality.planted import _doc, _fact

UNKNOWN_LOCALITY = "locality_code is not in the division dictionary"
MISSING_LOCALITY = "locality_code is missing"
QUARANTINED = DOCUMENT_QUARANTINED


UNKNOWN_INDICATOR = "indicator is not in the catalogue"


@pytest.mark.parametrize(
    ("localities", "indicators", "documents_refused", "facts_refused"),
    [
        pytest.param(
            ["440881", "440882"],
            ["aid_cases", "aid_cases"],
            {},
            {},
            id="known codes pass: the narrowed set holds them",
        ),
        pytest.param(
            ["999999", "000000"],
            ["aid_cases", "aid_cases"],
            {"d0": {UNKNOWN_LOCALITY}, "d1": {UNKNOWN_LOCALITY}},
            {"d0": {QUARANTINED + UNKNOWN_LOCALITY}, "d1": {QUARANTINED + UNKNOWN_LOCALITY}},
            id="only unknown codes: the narrowed set is empty and every row still fails",
        ),
        pytest.param(
            ["440881", "999999", None],
            ["aid_cases", "aid_cases", "aid_cases"],
            {"d1": {UNKNOWN_LOCALITY}, "d2": {MISSING_LOCALITY}},
            {"d1": {QUARANTINED + UNKNOWN_LOCALITY}, "d2": {QUARANTINED + MISSING_LOCALITY}},
            id="a missing code fails only as missing, as with the whole set",
        ),
        pytest.param(
            ["440881", "440881"],
            ["aid_cases", "no_such_indicator"],
            {},
            {"d1": {UNKNOWN_INDICATOR}},
            id="indicators are narrowed the same way",
        ),
    ],
)
def test_rows_fail_with_the_reasons_the_whole_set_gives(
    tmp_path: Path,
    localities: list[str | None],
    indicators: list[str],
    documents_refused: dict[str, set[str]],
    facts_refused: dict[str, set[str]],
) -> None:
    documents = pl.DataFrame(
        [_doc(f"d{n}", code, 2023) for n, code in enumerate(localities)],
        infer_schema_length=None,
    )
    facts = pl.DataFrame(
        [_fact(f"d{n}", code, 5, "件") for n, code in enumerate(indicators)],
        infer_schema_length=None,
    )
    gated = run_gate(
        conform(documents, DOCUMENTS),
        conform(facts, FACTS),
        settings=Settings(data_dir=tmp_path),
        run_id="r",
        build_docs=False,
    )
    assert _reasons(gated.quarantine, "documents") == documents_refused
    assert _reasons(gated.quarantine, "facts") == facts_refused


def _reasons(quarantine: pl.DataFrame, table: str) -> dict[str, set[str]]:
    rows = quarantine.filter(pl.col("table_name") == table).iter_rows(named=True)
    return {r["doc_id"]: set(r["reasons"]) for r in rows}


def _suite(*specs: tuple[str, dict[str, object]]) -> Suite:
    expectations = tuple(
        ExpectationSpec("s", type_, dict(kwargs), "critical", f"e{n}", "why")
        for n, (type_, kwargs) in enumerate(specs)
    )
    return Suite("s", {"expectations": []}, expectations)


IN_SET = "expect_column_values_to_be_in_set"
NOT_IN_SET = "expect_column_values_to_not_be_in_set"
FRAME = pl.DataFrame(
    {"code": ["a", "c", None, "c"], "other": ["b", "b", "b", "b"], "number": [1, 2, 3, 4]}
)
CODES = {"codes": ["a", "b", "c", "d"]}


@pytest.mark.parametrize(
    ("suite", "parameters", "expected"),
    [
        pytest.param(
            _suite((IN_SET, {"column": "code", "value_set": {"$PARAMETER": "codes"}})),
            CODES,
            {"codes": ["a", "c"]},
            id="in-set: the values the column holds, in the set's order, nulls ignored",
        ),
        pytest.param(
            _suite((NOT_IN_SET, {"column": "code", "value_set": {"$PARAMETER": "codes"}})),
            CODES,
            {"codes": ["a", "c"]},
            id="not-in-set: a value is outside the set exactly when outside its narrowed part",
        ),
        pytest.param(
            _suite(
                (IN_SET, {"column": "code", "value_set": {"$PARAMETER": "codes"}}),
                (IN_SET, {"column": "other", "value_set": {"$PARAMETER": "codes"}}),
            ),
            CODES,
            {"codes": ["a", "b", "c"]},
            id="one set checked on two columns: the values of both",
        ),
        pytest.param(
            _suite(
                (IN_SET, {"column": "code", "value_set": {"$PARAMETER": "codes"}}),
                (
                    "expect_column_values_to_be_between",
                    {"column": "code", "min_value": {"$PARAMETER": "codes"}},
                ),
            ),
            CODES,
            CODES,
            id="a set another kind of expectation reads is passed whole",
        ),
        pytest.param(
            _suite((IN_SET, {"column": "number", "value_set": {"$PARAMETER": "codes"}})),
            {"codes": [1, 2, 9]},
            {"codes": [1, 2, 9]},
            id="a column that is not text is passed whole: pandas and Python may compare it apart",
        ),
        pytest.param(
            _suite((IN_SET, {"column": "missing", "value_set": {"$PARAMETER": "codes"}})),
            CODES,
            CODES,
            id="a column the frame lacks: GX reports it, with the whole set",
        ),
    ],
)
def test_narrowed_parameters(
    suite: Suite, parameters: dict[str, object], expected: dict[str, object]
) -> None:
    assert narrowed_parameters(suite, FRAME, dict(parameters)) == expected


def test_the_gate_suites_narrow_the_division_and_indicator_sets() -> None:
    """The two large sets of the real suites are the ones narrowed; the current year is not."""
    suites = load_suites(Settings().expectations_dir)
    documents = pl.DataFrame({"locality_code": ["440881"], "report_year": [2023]})
    facts = pl.DataFrame({"indicator": ["aid_cases"]})
    parameters = {
        "division_codes": ["110000", "440881"],
        "indicator_codes": ["aid_cases", "rec_cases_accepted"],
        "current_year": 2026,
    }
    assert narrowed_parameters(suites["documents"], documents, parameters) == {
        **parameters,
        "division_codes": ["440881"],
    }
    assert narrowed_parameters(suites["facts"], facts, parameters) == {
        **parameters,
        "indicator_codes": ["aid_cases"],
    }
