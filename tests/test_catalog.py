"""The catalogue's roles are data: the summary's headline indicators and the rates the gate
checks against their parts come from its ``headline`` and ``ratio_of`` columns, checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.catalog import headline_indicators, load_catalog
from fazhi.config import PACKAGE_DATA

HEADER = "code,category,name_zh,name_en,unit,kind,min,max,phrasings,headline,ratio_of\n"


def _catalog(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_headline_indicators_are_the_catalogues_in_their_order() -> None:
    catalog = load_catalog(PACKAGE_DATA / "catalog.csv")
    assert headline_indicators(catalog) == [
        "aid_cases",
        "med_disputes_handled",
        "med_success_rate",
        "rec_applications_received",
        "lit_head_appearance_rate",
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            ["a_rate,x,甲,A,%,rate,0,100,,,a_done/a_total"],
            "ratio of unknown codes",
            id="a-ratio-naming-codes-not-in-the-catalogue",
        ),
        pytest.param(
            ["a_rate,x,甲,A,%,rate,0,100,,,a_done"],
            "is not NUMERATOR/DENOMINATOR",
            id="a-ratio-without-a-denominator",
        ),
    ],
)
def test_a_bad_ratio_fails_when_the_catalogue_loads(
    tmp_path: Path, rows: list[str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_catalog(_catalog(tmp_path, *rows))


def test_a_ratio_of_known_codes_loads(tmp_path: Path) -> None:
    path = _catalog(
        tmp_path,
        "a_done,x,甲,A,件,count,0,10,,,",
        "a_total,x,乙,B,件,count,0,10,,2,",
        "a_rate,x,丙,C,%,rate,0,100,,1,a_done/a_total",
    )
    catalog = load_catalog(path)
    assert catalog["a_rate"].ratio_of == ("a_done", "a_total")
    assert headline_indicators(catalog) == ["a_rate", "a_total"]
