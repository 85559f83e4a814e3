"""decode_html's charset chain and sniff_format's magic-bytes-first format detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.errors import ParseError
from fazhi.parse.decode import decode_html, decode_text, sniff_format

TEXT = "法治政府建设年度报告：行政复议案件109宗"


@pytest.mark.parametrize(
    ("data", "header", "expected"),
    [
        pytest.param(TEXT.encode("gbk"), "gbk", TEXT, id="header-gbk"),
        pytest.param(TEXT.encode("gbk"), "GB2312", TEXT, id="header-gb2312-read-as-gb18030"),
        pytest.param(
            f'<meta charset="gbk">{TEXT}'.encode("gbk"),
            None,
            f'<meta charset="gbk">{TEXT}',
            id="meta-charset-only",
        ),
        pytest.param(
            f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">{TEXT}'.encode(
                "gbk"
            ),
            None,
            f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">{TEXT}',
            id="meta-http-equiv-gb2312",
        ),
        pytest.param(TEXT.encode("utf-8"), None, TEXT, id="undeclared-utf8"),
        pytest.param(TEXT.encode("gb18030"), None, TEXT, id="undeclared-gb-falls-to-gb18030"),
        pytest.param(
            f'<meta charset="gbk">{TEXT}'.encode(),
            None,
            f'<meta charset="gbk">{TEXT}',
            id="meta-lies-utf8-bytes-still-clean-via-fallback",
        ),
        pytest.param(TEXT.encode("utf-8"), "no-such-charset", TEXT, id="unknown-header-ignored"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode(), None, TEXT, id="utf8-bom-stripped"),
    ],
)
def test_decode_html_chain(data: bytes, header: str | None, expected: str) -> None:
    assert decode_html(data, header) == expected


def test_wrong_header_falls_through_instead_of_garbling() -> None:
    # GBK bytes declared as UTF-8 fail strict UTF-8, so the chain moves on to GB18030.
    assert decode_html(TEXT.encode("gbk"), "utf-8") == TEXT


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"<html>\xff\xfe\x80\x80\xff</html>", id="bytes-invalid-everywhere"),
        pytest.param(b"\x80", id="lone-high-byte"),
    ],
)
def test_undecodable_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        decode_html(data)


@pytest.mark.parametrize(
    ("data", "content_type", "url", "expected"),
    [
        pytest.param(
            b"%PDF-1.7\n...", "text/html", "http://x/a.html", "pdf", id="pdf-magic-beats-wrong-type"
        ),
        pytest.param(
            b"PK\x03\x04....word/document.xml",
            None,
            "http://x/download.jsp",
            "docx",
            id="docx-zip-members",
        ),
        pytest.param(b"PK\x03\x04....OFD.xml", None, "http://x/f", "ofd", id="ofd-zip-members"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8,
            None,
            "http://x/a.doc",
            "doc",
            id="ole-doc",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8,
            None,
            "http://x/a.wps",
            "wps",
            id="ole-wps-by-extension",
        ),
        pytest.param(
            b"  <!DOCTYPE html><html>",
            "application/pdf",
            "http://x/a.pdf",
            "html",
            id="html-served-where-pdf-linked",
        ),
        pytest.param(
            b"plain words",
            "text/plain; charset=utf-8",
            "http://x/a",
            "txt",
            id="text-by-content-type",
        ),
        pytest.param(b"plain words", None, "http://x/a.txt?x=1", "txt", id="text-by-extension"),
        pytest.param(
            b"\x00\x01", "application/octet-stream", "http://x/blob", "unknown", id="nothing-known"
        ),
    ],
)
def test_sniff_format(data: bytes, content_type: str | None, url: str, expected: str) -> None:
    assert sniff_format(data, content_type, url) == expected


# Text of pages as they are: CJK, Latin, digits, full-width punctuation, but no markup.
PAGE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>\ufeff"),
    max_size=200,
)


@given(PAGE_TEXT)
def test_declared_gb18030_round_trips(text: str) -> None:
    assert decode_html(text.encode("gb18030"), "gb2312") == text


@given(PAGE_TEXT)
def test_undeclared_utf8_round_trips(text: str) -> None:
    assert decode_html(text.encode("utf-8")) == text


ENCODINGS = st.sampled_from(["utf-8", "gb18030", "big5", "latin-1", "cp1252", "utf-16"])


@given(
    st.one_of(
        st.binary(max_size=300),
        st.tuples(PAGE_TEXT, ENCODINGS).map(lambda te: te[0].encode(te[1], errors="replace")),
    ),
    st.sampled_from([None, "utf-8", "gbk", "iso-8859-1", "big5", "shift_jis", "bogus"]),
)
def test_the_crawler_s_unjudged_decoding_picks_the_text_the_parser_picks(
    data: bytes, header: str | None
) -> None:
    # decode_html skips the garbled measure for trusted codecs; the text must not change
    try:
        judged = decode_text(data, header).text
    except ParseError:
        with pytest.raises(ParseError):
            decode_html(data, header)
        return
    assert decode_html(data, header) == judged
