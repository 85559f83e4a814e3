"""One document's parse + extract runs in a reused worker under a budget: a document over it is
refused with its reason and the next document is parsed by a fresh worker."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

import pytest

from benchmarks import fuzz_campaign as campaign
from fazhi.config import load_settings
from fazhi.errors import ParseError
from fazhi.isolation import BoundedParser, DocumentJob, DocumentLimits, parse_and_extract


@pytest.fixture(scope="module")
def parser() -> Iterator[BoundedParser]:
    with BoundedParser(DocumentLimits(budget_s=2.0, max_text_chars=300_000)) as bounded:
        yield bounded


def good_job(seed: int) -> DocumentJob:
    return DocumentJob(campaign.good_txt(random.Random(seed)), url="report.txt")


def test_a_good_document_gives_what_the_in_process_call_gives(parser: BoundedParser) -> None:
    isolated = parser.run(good_job(1))
    direct = parse_and_extract(good_job(1), max_text_chars=300_000)
    assert isolated.parsed == direct.parsed
    assert isolated.extracted.metadata == direct.extracted.metadata
    assert isolated.extracted.facts == direct.extracted.facts
    assert isolated.extracted.facts


@pytest.mark.parametrize(
    ("job", "reason"),
    [
        pytest.param(
            DocumentJob(
                campaign.numeric_clause_text(random.Random(3), 250_000).encode(), url="x.txt"
            ),
            "too slow: parsing and extraction took over 2 s",
            id="numeric-clause-without-punctuation",
        ),
        pytest.param(
            DocumentJob(
                ("".join(campaign.report_lines(random.Random(4))) * 4000).encode(), url="x.txt"
            ),
            "too large: ",
            id="text-over-the-cap",
        ),
        pytest.param(
            DocumentJob(b"%PDF-1.4 garbage", url="x.pdf"),
            "corrupt PDF",
            id="parse-error-passes-through",
        ),
    ],
)
def test_a_document_over_a_limit_is_refused_and_the_next_one_is_parsed(
    parser: BoundedParser, job: DocumentJob, reason: str
) -> None:
    started = time.monotonic()
    with pytest.raises(ParseError, match=reason.replace("(", r"\(")):
        parser.run(job)
    assert time.monotonic() - started < 2.0 + 3.0  # the budget, and the kill
    assert parser.run(good_job(2)).extracted.facts


def test_limits_come_from_the_settings(tmp_path: object) -> None:
    settings = load_settings(document_budget_s=1.5, max_text_chars=10, document_memory_bytes=2**29)
    assert DocumentLimits.from_settings(settings) == DocumentLimits(1.5, 2**29, 10)
