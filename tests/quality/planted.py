"""A staged batch with planted faults among good rows, and what the gate must make of it.

Each planted row says, next to it, why it is there. Keys: documents by doc_id; facts by
(doc_id, indicator, value), because a duplicate fact differs from its original only by value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from fazhi.schemas import DOCUMENTS, FACTS, conform

RUN_ID = "run-planted"
TEXT = "某市司法局2023年法治政府建设年度报告。" * 20  # 440 characters

FactKey = tuple[str, str, float]

NEGATIVE = {"value is negative", "value is below the catalogue's minimum for its indicator"}
ABOVE_MAX = {"value is above the catalogue's maximum for its indicator"}
RESOLVED_GT_HANDLED = {"disputes resolved exceed disputes handled"}
ACCEPTED_GT_RECEIVED = {"reconsideration cases accepted exceed applications received"}
RATE_OFF = {"stated mediation success rate is more than one point from resolved / handled"}


@dataclass
class Batch:
    documents: pl.DataFrame
    facts: pl.DataFrame
    prior_values: pl.DataFrame
    quarantined_documents: dict[str, set[str]] = field(default_factory=dict)
    quarantined_facts: dict[FactKey, set[str]] = field(default_factory=dict)
    passing_documents: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> flags
    passing_facts: dict[FactKey, list[str]] = field(default_factory=dict)  # key -> flags


def _doc(
    doc_id: str,
    locality: str | None,
    year: int,
    *,
    published: dt.date | None = None,
    status: str = "ok",
    doc_type: str = "annual_report",
) -> dict[str, object]:
    return {
        "run_id": RUN_ID,
        "doc_id": doc_id,
        "doc_key": f"key-{doc_id}",
        "source_id": "planted",
        "url": f"http://127.0.0.1/{doc_id}.html",
        "title": doc_id,
        "format": "html",
        "text": TEXT,
        "locality_code": locality,
        "report_year": year,
        "doc_type": doc_type,
        "published_on": published,
        "parse_status": status,
        "flags": [],
    }


def _fact(
    doc_id: str, indicator: str, value: float, unit: str, *, start: int = 10, end: int = 20
) -> dict[str, object]:
    return {
        "run_id": RUN_ID,
        "doc_id": doc_id,
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "text": f"{value:g}{unit}",
        "start": start,
        "end": end,
        "sentence": "…",
        "rule": "planted",
        "flags": [],
    }


def fact_key(row: dict[str, object]) -> FactKey:
    """The key of a fact row in the expectations of a batch."""
    value = row["value"]
    assert isinstance(value, int | float)
    return (str(row["doc_id"]), str(row["indicator"]), float(value))


def planted_batch() -> Batch:
    """Good documents and facts mixed with one row per planted fault."""
    b = Batch(documents=pl.DataFrame(), facts=pl.DataFrame(), prior_values=pl.DataFrame())
    docs: list[dict[str, object]] = []
    facts: list[dict[str, object]] = []

    def passes(doc: dict[str, object], flags: list[str] | None = None) -> None:
        docs.append(doc)
        b.passing_documents[str(doc["doc_id"])] = flags or []

    def refused(doc: dict[str, object], reasons: set[str]) -> None:
        docs.append(doc)
        b.quarantined_documents[str(doc["doc_id"])] = reasons

    def fact_passes(row: dict[str, object], flags: list[str] | None = None) -> None:
        facts.append(row)
        b.passing_facts[fact_key(row)] = flags or []

    def fact_refused(row: dict[str, object], reasons: set[str]) -> None:
        facts.append(row)
        b.quarantined_facts[fact_key(row)] = reasons

    # A clean report: consistent counts and rate; an appearance rate of 292 % the catalogue allows.
    passes(_doc("good-2023", "440881", 2023, published=dt.date(2024, 1, 5)))
    fact_passes(_fact("good-2023", "aid_cases", 1215, "件"))
    fact_passes(_fact("good-2023", "med_disputes_handled", 300, "件"))
    fact_passes(_fact("good-2023", "med_disputes_resolved", 290, "件"))
    fact_passes(_fact("good-2023", "med_success_rate", 96.7, "%"))
    fact_passes(_fact("good-2023", "rec_applications_received", 50, "件"))
    fact_passes(_fact("good-2023", "rec_cases_accepted", 50, "件"))
    fact_passes(_fact("good-2023", "lit_head_appearance_rate", 292, "%"))
    fact_passes(_fact("good-2023", "law_firms", 12, "家"))  # 10 in the warehouse for 2022
    fact_passes(
        _fact("good-2023", "enf_penalties", 100, "件"),  # 5000 in the warehouse for 2022
        ["value_jump_across_years"],
    )

    # Next year of the same county in the same batch: a twenty-fold jump in legal aid is flagged.
    passes(_doc("jump-2024", "440881", 2024, published=dt.date(2025, 1, 3)))
    fact_passes(_fact("jump-2024", "aid_cases", 24300, "件"), ["value_jump_across_years"])
    fact_passes(_fact("jump-2024", "law_firms", 13, "家"))

    # A date read as earlier than the year reported: the document loads, flagged.
    passes(
        _doc("early-date", "440100", 2022, published=dt.date(2021, 6, 1), doc_type="work_summary"),
        ["published_before_report_year"],
    )
    fact_passes(_fact("early-date", "law_lawyers", 20000, "人"))

    # A duplicated document: the first copy loads with its facts, the repeat is quarantined.
    passes(_doc("dup-doc", "440811", 2020))
    refused(
        _doc("dup-doc", "440811", 2020), {"duplicate document: an earlier row has the same doc_id"}
    )
    fact_passes(_fact("dup-doc", "aid_cases", 300, "件"))

    # Document-level faults quarantine the document and all its facts.
    refused(_doc("no-locality", None, 2023), {"locality_code is missing"})
    fact_refused(
        _fact("no-locality", "aid_cases", 77, "件"),
        {"document quarantined: locality_code is missing"},
    )
    refused(
        _doc("bad-locality", "999999", 2023), {"locality_code is not in the division dictionary"}
    )
    # A code of the year reported that has since ended (即墨市 before it became 即墨区) is known.
    passes(_doc("former-code", "370282", 2016, published=dt.date(2017, 2, 1)))
    fact_passes(_fact("former-code", "aid_cases", 120, "件"))
    refused(
        _doc("old-year", "440882", 1999), {"report_year is not between 2004 and the current year"}
    )
    refused(
        _doc("bad-kind", "440883", 2023, doc_type="press_release"),
        {"doc_type is not annual_report, work_summary or other"},
    )

    # Fact-level faults quarantine only the faulty fact; its neighbours load.
    passes(_doc("fact-faults", "440803", 2023))
    fact_passes(_fact("fact-faults", "pub_events", 40, "场次"))
    fact_refused(
        _fact("fact-faults", "bogus_indicator", 5, "件"), {"indicator is not in the catalogue"}
    )
    fact_refused(_fact("fact-faults", "enf_inspections", -5, "件"), NEGATIVE)
    fact_refused(_fact("fact-faults", "med_success_rate", 180, "%"), ABOVE_MAX)
    fact_refused(
        _fact("fact-faults", "law_lawyers", 30, "件"), {"unit differs from the catalogue's unit"}
    )
    fact_refused(
        _fact("fact-faults", "not_notarizations", 9, "件", start=400, end=900),
        {"end offset is past the end of the document's text"},
    )
    fact_refused(
        _fact("fact-faults", "law_firms", 3, "家", start=30, end=30),
        {"end offset is not after start offset"},
    )
    fact_refused(
        _fact("ghost-doc", "aid_cases", 8, "件"), {"the fact's document is not in the batch"}
    )
    fact_passes(_fact("fact-faults", "pub_materials", 1000, "份"))
    fact_refused(
        _fact("fact-faults", "pub_materials", 2000, "份"),
        {"duplicate fact: an earlier row has the same document and indicator"},
    )

    # Consistency faults quarantine the contradicting facts of the document only.
    passes(_doc("inconsistent", "110101", 2023))
    fact_refused(_fact("inconsistent", "med_disputes_handled", 100, "件"), RESOLVED_GT_HANDLED)
    fact_refused(_fact("inconsistent", "med_disputes_resolved", 120, "件"), RESOLVED_GT_HANDLED)
    fact_refused(_fact("inconsistent", "rec_applications_received", 10, "件"), ACCEPTED_GT_RECEIVED)
    fact_refused(_fact("inconsistent", "rec_cases_accepted", 12, "件"), ACCEPTED_GT_RECEIVED)
    fact_passes(_fact("inconsistent", "aid_cases", 55, "件"))
    passes(_doc("rate-off", "440882", 2023))
    fact_passes(_fact("rate-off", "med_disputes_handled", 200, "件"))
    fact_passes(_fact("rate-off", "med_disputes_resolved", 150, "件"))  # 75 %, not 95 %
    fact_refused(_fact("rate-off", "med_success_rate", 95, "%"), RATE_OFF)

    # A parse failure is recorded elsewhere: the gate neither passes nor quarantines it.
    docs.append(_doc("parse-failed", None, 2023, status="failed"))

    b.documents = conform(pl.DataFrame(docs, infer_schema_length=None), DOCUMENTS)
    b.facts = conform(pl.DataFrame(facts, infer_schema_length=None), FACTS)
    b.prior_values = pl.DataFrame(
        {
            "locality_code": ["440881", "440881"],
            "report_year": [2022, 2022],
            "indicator": ["law_firms", "enf_penalties"],
            "value": [10.0, 5000.0],
        }
    )
    return b
