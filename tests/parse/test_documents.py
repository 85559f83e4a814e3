"""PDF, DOCX, DOC, WPS, OFD and TXT files: text complete, in reading order, deterministic."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from fazhi.errors import ParseError
from fazhi.parse.formats.doc import Piece, piece_text, read_piece_table, render_word_chars
from fazhi.parse.text import parse_document

FIXTURES = Path(__file__).parent / "fixtures"

# The DOCX fixture and the DOC / WPS files LibreOffice made from it hold the same body.
WORD_LINES_IN_ORDER = [
    "廉江市司法局 2023 年法治政府 建设年度报告",
    "一、2023 年法治政府建设主要工作和成效",
    "指标 数量 单位",
    "书面述法 73 人次",
    "述法报告评议 64 份",
    "合计（合并单元格） 137",
    "详见廉江市人民政府网。",
    "修订前文字（修订插入的文字）",
    "二是加强党的领导",
]
CONTENT_CONTROL_LINE = "内容控件中的段落"  # only in the DOCX (see build_fixtures.build_docx)

DOCUMENTS = [
    pytest.param(
        "lianjiang_2023.docx", "docx",
        [*WORD_LINES_IN_ORDER[:-1], CONTENT_CONTROL_LINE, WORD_LINES_IN_ORDER[-1]],
        ["页眉", "HYPERLINK"],
        id="docx-paragraphs-and-tables-in-document-order",
    ),
    pytest.param(
        "lianjiang_2023.doc", "doc", WORD_LINES_IN_ORDER, ["页眉", "HYPERLINK", "\x07", "\x13"],
        id="doc-piece-table-fields-and-cells",
    ),
    pytest.param(
        "lianjiang_2023.wps", "wps", WORD_LINES_IN_ORDER, ["页眉", "HYPERLINK"],
        id="wps-is-word97-binary",
    ),
    pytest.param(
        "mazhang_2020.ofd", "ofd",
        ["麻章区司法局2020年度法治政府建设", "工作报告", "2020年，在区委区政府的正确领导下",
         "（一）以思想政治建设为统领，打造过硬干部队伍"],
        [],
        id="ofd-pages-in-document-order-split-objects-joined",
    ),
    pytest.param(
        "lianjiang_2024.pdf", "pdf",
        ["2024年以来,在市委市政府的坚强领导", "(一)强化党建引领,夯实司法行政基础",
         "1.推动习近平法治思想学习宣传。"],
        [],
        id="pdf-two-pages-in-order",
    ),
    pytest.param(
        "print_restricted.pdf", "pdf", ["(一)强化党建引领,夯实司法行政基础"], [],
        id="pdf-owner-password-only-opens",
    ),
    pytest.param(
        "hubin_gb18030.txt", "txt",
        ["湖滨区司法局", "关于2023年法治政府建设情况的报告", "先后召开党组会20场次"], ["\r"],
        id="txt-gb18030-crlf",
    ),
]  # fmt: skip


def _lines_in_order(text: str, expected: list[str]) -> bool:
    lines = text.split("\n")
    positions = [next((i for i, line in enumerate(lines) if want in line), -1) for want in expected]
    return -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize(("name", "format_name", "in_order", "absent"), DOCUMENTS)
def test_document_text(name: str, format_name: str, in_order: list[str], absent: list[str]) -> None:
    parsed = parse_document((FIXTURES / name).read_bytes(), url=f"http://x/{name}")
    assert parsed.format == format_name
    assert _lines_in_order(parsed.text, in_order), parsed.text[:500]
    for unwanted in absent:
        assert unwanted not in parsed.text
    assert (parsed.title, parsed.published_on, parsed.source) == (None, None, None)


@pytest.mark.parametrize(("name", "format_name", "in_order", "absent"), DOCUMENTS)
def test_document_text_is_deterministic(
    name: str, format_name: str, in_order: list[str], absent: list[str]
) -> None:
    data = (FIXTURES / name).read_bytes()
    assert parse_document(data, url=name) == parse_document(data, url=name)


def test_word_binary_and_docx_give_the_same_text() -> None:
    from_docx = parse_document((FIXTURES / "lianjiang_2023.docx").read_bytes()).text
    from_doc = parse_document((FIXTURES / "lianjiang_2023.doc").read_bytes()).text
    assert from_doc == from_docx.replace(f"\n{CONTENT_CONTROL_LINE}\n", "\n")


def test_pdf_pages_are_joined_by_one_newline() -> None:
    text = parse_document((FIXTURES / "lianjiang_2024.pdf").read_bytes()).text
    assert "\n\n" not in text
    assert "做好防范。\n(二)统筹法治建设" in text  # last line of page 1, first of page 2


def test_ofd_page_order_follows_document_not_file_names() -> None:
    text = parse_document((FIXTURES / "mazhang_2020.ofd").read_bytes()).text
    assert text.index("工作报告") < text.index("一、2020年工作开展情况")


def test_txt_is_kept_as_written() -> None:
    raw = (FIXTURES / "hubin_gb18030.txt").read_bytes().decode("gb18030")
    text = parse_document((FIXTURES / "hubin_gb18030.txt").read_bytes(), url="a.txt").text
    assert text == raw.replace("\r\n", "\n")


WORD_CHARACTERS = [
    pytest.param("甲\x07乙\x07\x07丙", "甲 乙\n丙", id="cells-then-row-end"),
    pytest.param(
        '\x13 HYPERLINK "http://a" \x14网站\x15。', "网站。", id="field-code-dropped-result-kept"
    ),
    pytest.param("\x13 PAGE \x15页", "页", id="field-without-result-vanishes"),
    pytest.param(
        "\x13 IF \x13 REF a \x14x\x15 \x14外\x13 REF b \x14内\x15\x15", "外内", id="nested-fields"
    ),
    pytest.param("一\r二\x0b三\x0c四", "一\n二\n三\n四", id="paragraph-line-and-page-breaks"),
    pytest.param("非\x1e断\x1f字\x01\x08", "非-断字", id="special-hyphens-and-objects"),
]


@pytest.mark.parametrize(("raw", "expected"), WORD_CHARACTERS)
def test_render_word_chars(raw: str, expected: str) -> None:
    assert render_word_chars(raw) == expected


def clx(prc_sizes: list[int], cps: list[int], fcs: list[int]) -> bytes:
    """A CLX as Word writes it: property modifiers (Prc), then the piece table (Pcdt)."""
    prcs = b"".join(b"\x01" + struct.pack("<h", n) + bytes(n) for n in prc_sizes)
    pcds = b"".join(struct.pack("<HIH", 0, fc, 0) for fc in fcs)
    plc = struct.pack(f"<{len(cps)}I", *cps) + pcds
    return prcs + b"\x02" + struct.pack("<I", len(plc)) + plc


PIECE_TABLES = [
    pytest.param(clx([], [0, 4], [512]), [Piece(0, 4, 512, False)], id="one-utf16-piece"),
    pytest.param(
        clx([3, 0], [0, 2, 5], [0x40000000 | 2048, 300]),
        [Piece(0, 2, 1024, True), Piece(2, 5, 300, False)],
        id="prc-skipped-compressed-offset-halved",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), PIECE_TABLES)
def test_read_piece_table(raw: bytes, expected: list[Piece]) -> None:
    assert read_piece_table(raw) == expected


def test_piece_text_mixes_cp1252_and_utf16_and_stops_at_ccp_text() -> None:
    word = bytearray(1200)
    word[1024:1026] = b"A\x93"  # compressed cp1252: A and a left double quote
    word[300:306] = "法治页".encode("utf-16-le")
    pieces = [Piece(0, 2, 1024, True), Piece(2, 5, 300, False)]
    assert piece_text(bytes(word), pieces, ccp_text=4) == "A\u201c法治"


def test_clx_without_piece_table_is_corrupt() -> None:
    with pytest.raises(ParseError, match="no piece table"):
        read_piece_table(b"\x01\x00\x00")
