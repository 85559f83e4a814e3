"""``fazhi extract`` runs each file through the pipeline's isolation (a worker under a time
budget, a memory limit and a text cap, the cap tested in test_isolation.py): a file over a limit
gets its reason and the next file is extracted, where an unbounded call hung or took the
machine's memory."""

from __future__ import annotations

import io
import json
import random
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks import fuzz_campaign as campaign
from fazhi.cli import app

MB = 1024 * 1024
BUDGET_S = 0.5
MEMORY_MB = 512  # a warmed-up worker maps about 350 MB


def text_past_the_budget() -> bytes:
    """One numeric clause repeated with no punctuation: no extraction of 600,000 characters of it
    finishes in half a second (it stood for a parser that loops)."""
    return campaign.numeric_clause_text(random.Random(3), 600_000).encode()


def docx_past_the_memory_limit() -> bytes:
    """A well-formed DOCX of 150 KB whose document.xml inflates to 40 MB of paragraphs: under the
    48 MB XML limit, but its element tree needs more than the worker's memory limit."""
    members = campaign.docx_members(random.Random(1))
    head = members["word/document.xml"].split(b"<w:body>")[0] + b"<w:body>"
    paragraph = "<w:p><w:r><w:t>法治政府建设年度报告</w:t></w:r></w:p>".encode()
    members["word/document.xml"] = (
        head + paragraph * (40 * MB // len(paragraph)) + b"</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


LIMITS = {  # the defaults are 5 s, 1 GiB and 1,000,000 characters
    "FAZHI_DOCUMENT_BUDGET_S": str(BUDGET_S),
    "FAZHI_DOCUMENT_MEMORY_BYTES": str(MEMORY_MB * MB),
}


@pytest.mark.parametrize(
    ("name", "make", "environment", "reason"),
    [
        pytest.param(
            "slow.txt",
            text_past_the_budget,
            LIMITS,
            f"too slow: parsing and extraction took over {BUDGET_S} s",
            id="over-the-time-budget-stands-for-a-looping-parser",
        ),
        pytest.param(
            "bomb.docx",
            docx_past_the_memory_limit,
            {**LIMITS, "FAZHI_DOCUMENT_BUDGET_S": "60"},  # the memory limit, not time, stops it
            f"too large: parsing and extraction reached the memory limit ({MEMORY_MB} MB)",
            id="inflates-past-the-memory-limit",
        ),
    ],
)
def test_a_file_over_a_limit_gets_the_limit_as_its_reason_and_the_next_is_extracted(
    tmp_path: Path, name: str, make: Callable[[], bytes], environment: dict[str, str], reason: str
) -> None:
    hostile, good = tmp_path / name, tmp_path / "good.txt"
    hostile.write_bytes(make())
    good.write_bytes(campaign.good_txt(random.Random(7)))
    started = time.monotonic()
    result = CliRunner().invoke(
        app, ["extract", str(hostile), str(good), "--format", "jsonl"], env=environment
    )
    # a worker start-up, the limit, and a second start-up after the kill; unbounded, the slow
    # text alone ran for minutes
    assert time.monotonic() - started < 90
    records = [json.loads(line) for line in result.stdout.splitlines() if line[:1] == "{"]
    assert [r["path"] for r in records] == [str(hostile), str(good)]
    assert records[0]["facts"] == []
    assert records[0]["error"].startswith(reason), records[0]["error"]
    assert f"{hostile}: {reason}" in result.output  # on stderr too, never a bare "Aborted."
    assert "error" not in records[1] and records[1]["facts"], records[1]
    assert result.exit_code == 0  # one file of two was read
