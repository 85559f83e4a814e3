"""Great Expectations builds each expectation's configuration once per validation
(fazhi.quality.validate.configurations_built_once): the same verdicts as GX's own property, and
every read still gets a configuration of its own."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from fazhi.config import Settings
from fazhi.quality import validate
from fazhi.quality.gate import GateResult, run_gate
from tests.quality.planted import RUN_ID, planted_batch


def _gate(tmp_path: Path) -> GateResult:
    batch = planted_batch()
    return run_gate(
        batch.documents,
        batch.facts,
        settings=Settings(data_dir=tmp_path),
        run_id=RUN_ID,
        prior_values=batch.prior_values,
        build_docs=False,
    )


def test_the_planted_batch_gets_the_verdicts_of_gx_s_own_property(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    once = _gate(tmp_path / "once")
    monkeypatch.setattr(validate, "configurations_built_once", contextlib.nullcontext)
    every_read = _gate(tmp_path / "every")
    assert not once.quarantine.is_empty()  # the planted faults are there to be found
    assert once.quarantine.drop("quarantined_at").equals(
        every_read.quarantine.drop("quarantined_at")
    )
    assert once.documents.equals(every_read.documents)
    assert once.facts.equals(every_read.facts)
    assert once.validations.drop("validated_at").equals(every_read.validations.drop("validated_at"))


def _expectation() -> object:
    import great_expectations as gx

    return gx.expectations.ExpectColumnValuesToBeInSet(
        column="locality_code", value_set=["440881", "440882"], meta={"name": "known"}
    )


@pytest.mark.parametrize(
    ("reads", "assign_between", "builds"),
    [
        pytest.param(1, False, 1, id="one read builds once"),
        pytest.param(140, False, 1, id="140 reads build once"),
        pytest.param(2, True, 2, id="a field assigned between reads builds again"),
    ],
)
def test_reads_inside_build_once_unless_a_field_changes(
    monkeypatch: pytest.MonkeyPatch, reads: int, assign_between: bool, builds: int
) -> None:
    from great_expectations.expectations.expectation import Expectation

    gx_property = Expectation.__dict__["configuration"]
    calls: list[object] = []

    def counted(expectation: object) -> object:
        calls.append(expectation)
        return gx_property.fget(expectation)

    monkeypatch.setattr(Expectation, "configuration", property(counted))
    expectation = _expectation()
    with validate.configurations_built_once():
        first = expectation.configuration  # type: ignore[attr-defined]
        if assign_between:
            expectation.value_set = ["440881"]  # type: ignore[attr-defined]
        for _ in range(reads - 1):
            last = expectation.configuration  # type: ignore[attr-defined]
    assert len(calls) == builds
    if assign_between:
        assert last.kwargs["value_set"] == ["440881"]
    assert first.kwargs["value_set"] == ["440881", "440882"]
    assert Expectation.__dict__["configuration"].fget is counted  # put back on the way out


def test_each_read_gets_a_configuration_of_its_own() -> None:
    expectation = _expectation()
    with validate.configurations_built_once():
        first = expectation.configuration  # type: ignore[attr-defined]
        first.kwargs["value_set"].append("999999")
        first.meta["name"] = "changed"
        second = expectation.configuration  # type: ignore[attr-defined]
    assert second.kwargs["value_set"] == ["440881", "440882"]
    assert second.meta == {"name": "known"}
    assert second.to_json_dict() == expectation.configuration.to_json_dict()  # type: ignore[attr-defined]


def test_nested_and_finished_callers_leave_gx_s_property_in_place() -> None:
    from great_expectations.expectations.expectation import Expectation

    gx_property = Expectation.__dict__["configuration"]
    with validate.configurations_built_once():
        inside = Expectation.__dict__["configuration"]
        assert inside is not gx_property
        with validate.configurations_built_once():
            assert Expectation.__dict__["configuration"] is inside
        assert Expectation.__dict__["configuration"] is inside  # the outer caller is inside
    assert Expectation.__dict__["configuration"] is gx_property
