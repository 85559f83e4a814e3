"""Hostile documents of every format: parsed, or refused with a ParseError naming the format and
the reason; never another exception, never unbounded memory. A seeded subset of the campaign in
``benchmarks/fuzz_campaign.py`` (``make fuzz`` runs all of it)."""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks import fuzz_campaign as campaign
from fazhi.cli import app
from fazhi.errors import ParseError
from fazhi.parse.text import GARBLED_FLAG, parse_document

MB = 1024 * 1024
Generator = Callable[[random.Random], tuple[str, bytes]]


def _fixture_mutation(name: str) -> Generator:
    return lambda rng: campaign.mutate(rng, campaign.fixture(name))


def _zip_member(base: Callable[[random.Random], bytes]) -> Generator:
    return lambda rng: campaign.zip_member_mutation(rng, base(rng))


def _deflate_cut(base: Callable[[random.Random], bytes]) -> Generator:
    return lambda rng: campaign.truncated_deflate_member(rng, base(rng))


GENERATORS: list[tuple[str, str, Generator]] = [
    ("x.doc", "OLE signature then garbage (olefile ValueError, 4300 digits)", campaign.ole_garbage),
    ("x.doc", "mutated Word 97 file", _fixture_mutation("lianjiang_2023.doc")),
    ("x.wps", "mutated WPS file", _fixture_mutation("lianjiang_2023.wps")),
    (
        "x.doc",
        "forged CLX / FIB (looping Prc)",
        lambda r: campaign.doc_adversarial(r, "lianjiang_2023.doc"),
    ),
    ("x.docx", "mutated DOCX bytes", _fixture_mutation("lianjiang_2023.docx")),
    ("x.docx", "DOCX member mutated", _zip_member(campaign.good_docx)),
    ("x.docx", "DOCX deflate stream corrupted (zlib.error)", _deflate_cut(campaign.good_docx)),
    ("x.ofd", "mutated OFD bytes", _fixture_mutation("mazhang_2020.ofd")),
    ("x.ofd", "OFD member mutated", _zip_member(campaign.good_ofd)),
    ("x.ofd", "OFD deflate stream corrupted (EOFError)", _deflate_cut(campaign.good_ofd)),
    ("x.ofd", "OFD adversarial shapes", campaign.ofd_adversarial),
    ("x.pdf", "mutated PDF", _fixture_mutation("lianjiang_2024.pdf")),
    (
        "x.pdf",
        "PDF adversarial (small)",
        lambda r: (
            "lying length",
            campaign.minimal_pdf(b"BT (x) Tj ET", declared=r.choice((0, 10**9, -5))),
        ),
    ),
    ("x.html", "mutated HTML", lambda r: campaign.mutate(r, campaign.good_html(r))),
    ("x.txt", "mutated text", lambda r: campaign.mutate(r, campaign.good_txt(r))),
]


@pytest.mark.parametrize(
    ("name", "generator"),
    [pytest.param(n, g, id=why) for n, why, g in GENERATORS],
)
@pytest.mark.parametrize("seed", range(12))
def test_hostile_bytes_parse_or_fail_with_a_reason(
    name: str, generator: Generator, seed: int
) -> None:
    shape, data = generator(random.Random(seed))
    try:
        parsed = parse_document(data, url=name)
    except ParseError as exc:
        assert str(exc).strip(), f"{shape}: a ParseError without a reason"
        return
    assert parsed.text.strip(), shape


@pytest.mark.parametrize(
    ("name", "generator", "fragment"),
    [
        pytest.param(
            "x.docx",
            lambda r: campaign.docx_bomb(r, (64, 100)),
            "zip bomb",
            id="docx-bomb-lying-sizes",
        ),
        pytest.param(
            "x.ofd", lambda r: campaign.ofd_bomb(r, (64, 100)), "", id="ofd-bomb-lying-sizes"
        ),
        pytest.param(
            "x.pdf",
            lambda r: (
                "flate",
                campaign.minimal_pdf(b"", deflated=campaign.deflated_run(100 * MB, b" ", 15)),
            ),
            "",
            id="pdf-flate-bomb-100MB",
        ),
    ],
)
@pytest.mark.parametrize("seed", range(2))
def test_bombs_are_refused_while_inflating_with_bounded_memory(
    name: str, generator: Generator, fragment: str, seed: int
) -> None:
    shape, data = generator(random.Random(seed))
    tracemalloc.start()
    try:
        try:
            parse_document(data, url=name)
            refusal = None
        except ParseError as exc:
            refusal = str(exc)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 160 * MB, f"{shape}: peak {peak / MB:.0f} MB"
    # a bomb in a part the reader needs is refused; one in a part it never reads (media, an
    # unreferenced member) costs nothing and the document reads
    if ".xml" in shape or name.endswith(".pdf"):
        assert refusal is not None, shape
        assert fragment in refusal or "declared 0" in shape, refusal  # 0 declared: reads empty


def test_a_negative_property_modifier_is_refused_not_looped() -> None:
    rng = random.Random(0)
    shape, data = campaign.doc_adversarial(rng, "lianjiang_2023.doc")
    while shape != "looping prc":
        shape, data = campaign.doc_adversarial(rng, "lianjiang_2023.doc")
    with pytest.raises(ParseError, match="negative size"):
        parse_document(data, url="x.doc")


@pytest.mark.parametrize(
    ("name", "generator"),
    [
        pytest.param("broken.ofd", _deflate_cut(campaign.good_ofd), id="ofd-cut-deflate"),
        pytest.param("broken.doc", campaign.ole_garbage, id="ole-garbage"),
        pytest.param("broken.docx", _deflate_cut(campaign.good_docx), id="docx-cut-deflate"),
    ],
)
def test_fazhi_extract_prints_the_reason_not_aborted(
    tmp_path: Path, name: str, generator: Generator
) -> None:
    path = tmp_path / name
    path.write_bytes(generator(random.Random(5))[1])
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert "Aborted" not in result.output
    assert result.exit_code == 1, result.output
    assert f"{path}: corrupt" in result.output


@pytest.mark.parametrize(
    ("page", "header_charset", "expected", "flags"),
    [
        pytest.param(
            campaign.good_html(random.Random(1), "big5", declare=False),
            None,
            "法治政府建設",
            (),
            id="big5-without-charset-detected",
        ),
        pytest.param(
            campaign.good_html(random.Random(2), "gbk", declare=False),
            "ISO-8859-1",
            "法治政府建设",
            (),
            id="gbk-labelled-latin-1-detected",
        ),
        pytest.param(
            campaign.good_html(random.Random(3), "gbk", declare=False),
            "windows-1252",
            "法治政府建设",
            (),
            id="gbk-labelled-cp1252-detected",
        ),
        pytest.param(
            campaign.good_html(random.Random(4), "gbk"),
            "utf-8",
            "法治政府建设",
            (),
            id="gbk-meta-but-header-says-utf-8",
        ),
        pytest.param(
            campaign.good_html(random.Random(5), "big5", declare=False),
            "gb2312",
            "",
            (GARBLED_FLAG,),
            id="big5-labelled-gb2312-flagged-garbled",
        ),
    ],
)
def test_wrong_or_missing_charsets(
    page: bytes, header_charset: str | None, expected: str, flags: tuple[str, ...]
) -> None:
    parsed = parse_document(page, url="x.html", header_charset=header_charset)
    assert expected in parsed.text
    assert parsed.flags == flags
