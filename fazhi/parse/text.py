"""Parse stage entry point: raw bytes of a fetched body or local file → clean text.

Reads bytes (plus the Content-Type, URL and HTTP charset when known); writes nothing. The real
format is sniffed from the bytes (servers mislabel attachments), then one reader per format turns
the bytes into text. The text is deterministic for the same bytes: the extractor's character
offsets point into it. Anything that yields no usable text raises :class:`ParseError` with the
reason (scanned PDF, encrypted or corrupt file, undecodable text, unknown format, no main content);
whatever a library raises on damaged bytes leaves as a ParseError too (``parse.failures``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fazhi.errors import ParseError
from fazhi.parse.decode import DecodedText, decode_text, sniff_format
from fazhi.parse.failures import reading
from fazhi.parse.formats.doc import doc_text
from fazhi.parse.formats.docx import docx_text
from fazhi.parse.formats.html import parse_html_article
from fazhi.parse.formats.lines import NEWLINES
from fazhi.parse.formats.ofd import ofd_text
from fazhi.parse.formats.pdf import pdf_text


@dataclass(frozen=True)
class ParsedText:
    """Text of one document; title / date / 来源 only when an HTML article page prints them."""

    text: str
    format: str
    title: str | None
    published_on: date | None
    source: str | None
    flags: tuple[str, ...] = ()  # e.g. GARBLED_FLAG: loaded, but a reader should look


GARBLED_FLAG = "garbled_encoding"


def parse_document(
    data: bytes,
    *,
    content_type: str | None = None,
    url: str = "",
    header_charset: str | None = None,
) -> ParsedText:
    """Text of a document of any supported format; ParseError with the reason when none."""
    if not data.strip():
        raise ParseError("empty body: nothing to parse")
    format_name = sniff_format(data, content_type, url)
    reader = READERS.get(format_name)
    if reader is None:
        raise ParseError(
            f"unknown format: content type {content_type!r}, url {url!r}, first bytes {data[:8]!r}"
        )
    with reading(format_name.upper()):
        return reader(data, header_charset)


def _html(data: bytes, header_charset: str | None) -> ParsedText:
    decoded = decode_text(data, header_charset)
    article = parse_html_article(decoded.text)
    return ParsedText(
        article.text,
        "html",
        article.title,
        article.published_on,
        article.source,
        _flags(decoded),
    )


def _plain_text(data: bytes, header_charset: str | None) -> ParsedText:
    # Text files are kept as written (only newlines unified) so offsets match the file.
    decoded = decode_text(data, header_charset)
    text = NEWLINES.sub("\n", decoded.text)
    if not text.strip():
        raise ParseError("text file holds only whitespace")
    return ParsedText(text, "txt", None, None, None, _flags(decoded))


def _flags(decoded: DecodedText) -> tuple[str, ...]:
    return (GARBLED_FLAG,) if decoded.garbled else ()


def _document(text: str, format_name: str) -> ParsedText:
    return ParsedText(text, format_name, None, None, None)


READERS: dict[str, Callable[[bytes, str | None], ParsedText]] = {
    "html": _html,
    "txt": _plain_text,
    "pdf": lambda data, _charset: _document(pdf_text(data), "pdf"),
    "docx": lambda data, _charset: _document(docx_text(data), "docx"),
    "doc": lambda data, _charset: _document(doc_text(data, label="DOC"), "doc"),
    "wps": lambda data, _charset: _document(doc_text(data, label="WPS"), "wps"),
    "ofd": lambda data, _charset: _document(ofd_text(data), "ofd"),
}
