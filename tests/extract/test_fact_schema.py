"""The fact and mention types leaving the extractor and the staged schemas cannot drift apart:
the field list is declared once in fazhi/schemas.py and every conversion to rows reads it."""

from __future__ import annotations

from dataclasses import fields

import pytest

from fazhi.extract.document import Fact, Mention
from fazhi.schemas import CONTRACT_FACT_FIELDS, FACT_FIELDS, MENTIONS, record_rows

ROW_ONLY = {"run_id", "doc_id", "ordinal"}  # columns a stage adds, not the extractor


@pytest.mark.parametrize(
    ("record_type", "declared"),
    [
        pytest.param(Fact, set(FACT_FIELDS), id="fact-fields-are-the-facts-schema"),
        pytest.param(
            Mention, set(MENTIONS) - ROW_ONLY, id="mention-fields-are-the-mentions-schema"
        ),
    ],
)
def test_extractor_types_hold_exactly_the_declared_fields(
    record_type: type, declared: set[str]
) -> None:
    names = getattr(record_type, "_fields", None)  # a named tuple's, or a dataclass's fields
    assert set(names or (f.name for f in fields(record_type))) == declared


def test_contract_fields_are_the_facts_fields_without_sentence_and_rule() -> None:
    assert set(FACT_FIELDS) - set(CONTRACT_FACT_FIELDS) == {"sentence", "rule"}


def test_record_rows_takes_fields_from_records_and_constants_from_arguments() -> None:
    fact = Fact("aid_cases", 1215.0, "件", "exact", "1215宗", 3, 8, "共1215宗。", "cue")
    [row] = record_rows([fact], ("run_id", *FACT_FIELDS), run_id="r1")
    assert row == {"run_id": "r1", **{name: getattr(fact, name) for name in FACT_FIELDS}}
