"""Bytes that yield no usable text fail with ParseError and a reason, never anything else."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.errors import ParseError, TerminalError
from fazhi.parse.text import parse_document

FIXTURES = Path(__file__).parent / "fixtures"
WORD_DOCUMENT_UTF16 = "WordDocument".encode("utf-16-le")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def doc_with_flags(set_bits: int) -> bytes:
    data = bytearray(fixture("lianjiang_2023.doc"))
    at = data.index(b"\xec\xa5")  # FIB wIdent at the start of the WordDocument stream
    flags = struct.unpack_from("<H", data, at + 0x0A)[0]
    struct.pack_into("<H", data, at + 0x0A, flags | set_bits)
    return bytes(data)


def doc_with_nfib(nfib: int) -> bytes:
    data = bytearray(fixture("lianjiang_2023.doc"))
    struct.pack_into("<H", data, data.index(b"\xec\xa5") + 2, nfib)
    return bytes(data)


def doc_without_word_stream() -> bytes:
    # Renaming the directory entry leaves a valid OLE file that is not a Word document.
    return fixture("lianjiang_2023.doc").replace(
        WORD_DOCUMENT_UTF16, "WordDocumenX".encode("utf-16-le")
    )


def zip_of(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in members.items():
            package.writestr(name, text)
    return out.getvalue()


ERRORS = [
    pytest.param(fixture("scanned.pdf"), "x.pdf", None, "scanned PDF: no text layer",
                 id="image-only-pdf"),
    pytest.param(fixture("password.pdf"), "x.pdf", None, "encrypted PDF", id="user-password-pdf"),
    pytest.param(fixture("lianjiang_2024.pdf")[:20000], "x.pdf", None, "corrupt PDF",
                 id="truncated-pdf"),
    pytest.param(fixture("lianjiang_2024.pdf").replace(b"/ToUnicode", b"/ToUnicodX"), "x.pdf",
                 None, "undecodable PDF text layer", id="pdf-font-without-tounicode-map"),
    pytest.param(b"%PDF-1.7\n" + b"\x00garbage" * 50, "x.pdf", None, "corrupt PDF",
                 id="pdf-header-then-garbage"),
    pytest.param(fixture("lianjiang_2023.docx")[:5000], "x.docx", None, "corrupt DOCX",
                 id="truncated-docx"),
    pytest.param(zip_of({"[Content_Types].xml": "<Types/>"}), "x.docx", None, "corrupt DOCX",
                 id="docx-package-without-document"),
    pytest.param(doc_with_flags(0x0100), "x.doc", None, "encrypted DOC", id="password-doc"),
    pytest.param(doc_with_flags(0x8000), "x.wps", None, "encrypted WPS", id="obfuscated-wps"),
    pytest.param(doc_with_nfib(0x0065), "x.doc", None, "unsupported DOC: Word 6/95",
                 id="word95-doc"),
    pytest.param(doc_without_word_stream(), "x.doc", None, "not a Word document",
                 id="ole-without-word-stream"),
    pytest.param(fixture("lianjiang_2023.doc")[:8000], "x.doc", None, "corrupt DOC",
                 id="truncated-doc"),
    pytest.param(fixture("image_only.ofd"), "x.ofd", None, "OFD has no text layer",
                 id="image-only-ofd"),
    pytest.param(zip_of({"OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>"}),
                 "x.ofd", None, "OFD.xml names no DocRoot", id="ofd-without-docroot"),
    pytest.param(zip_of({"OFD.xml": "<OFD><DocRoot>Doc_0/Document.xml</DocRoot>"}), "x.ofd",
                 None, "corrupt OFD", id="ofd-broken-xml"),
    pytest.param(fixture("mazhang_2020.ofd")[:600], "x.ofd", None, "corrupt OFD",
                 id="truncated-ofd"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(100), "x.png", "image/png", "unknown format",
                 id="image-is-unknown-format"),
    pytest.param(b"", "x.html", "text/html", "empty body", id="empty-body"),
    pytest.param(b" \r\n\t ", "x.txt", "text/plain", "empty body", id="whitespace-body"),
    pytest.param(b"\xff\xfe\xff\x80" * 20, "x.txt", "text/plain", "no charset decodes",
                 id="undecodable-text"),
    pytest.param(fixture("no_content.html"), "x.html", None, "no main content",
                 id="html-without-article"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "url", "content_type", "reason"), ERRORS)
def test_unusable_bytes_raise_parse_error_with_reason(
    data: bytes, url: str, content_type: str | None, reason: str
) -> None:
    with pytest.raises(ParseError, match=reason) as raised:
        parse_document(data, url=f"http://x/{url}", content_type=content_type)
    assert isinstance(raised.value, TerminalError)  # flows record it and do not retry


FIXTURE_NAMES = sorted(path.name for path in FIXTURES.iterdir())


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_any_truncation_of_a_fixture_fails_cleanly(name: str) -> None:
    data = fixture(name)
    for fraction in (0.05, 0.25, 0.5, 0.75, 0.95):
        try:
            parsed = parse_document(data[: int(len(data) * fraction)], url=f"http://x/{name}")
        except ParseError as exc:
            assert str(exc)
        else:
            assert parsed.text.strip()


CONTENT_TYPES = st.sampled_from(
    [None, "text/html", "text/plain", "application/pdf", "application/msword", "application/ofd",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
)  # fmt: skip
MAGIC = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body>"]
)


@settings(max_examples=150, deadline=None)
@given(magic=MAGIC, tail=st.binary(max_size=2000), content_type=CONTENT_TYPES)
def test_arbitrary_bytes_give_text_or_parse_error(
    magic: bytes, tail: bytes, content_type: str | None
) -> None:
    try:
        parsed = parse_document(magic + tail, content_type=content_type)
    except ParseError:
        return
    assert parsed.text.strip()


@settings(max_examples=100, deadline=None)
@given(body=st.text(max_size=400))
def test_arbitrary_html_gives_text_or_parse_error(body: str) -> None:
    try:
        parsed = parse_document(f"<html><body><div id=zoom>{body}</div></body></html>".encode())
    except ParseError:
        return
    assert parsed.text == parsed.text.strip()
    assert "\n\n" not in parsed.text
