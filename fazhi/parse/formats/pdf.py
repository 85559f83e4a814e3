"""PDF bytes → text of the text layer, page by page (pypdf).

Reads a PDF; writes nothing. Pages are joined with "\n". Many government PDFs are "encrypted"
only to restrict printing, with an empty user password; those open. A PDF with no extractable
text is a scan and fails with a reason, as does one that needs a password or is corrupt.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, apply_configuration

from fazhi.errors import ParseError
from fazhi.parse.failures import reading
from fazhi.parse.formats.lines import tidy_lines, undecodable_reason

MIN_TEXT_CHARS = 20  # fewer visible characters than this in the whole file is a scan
MAX_TEXT_CHARS = 20_000_000  # a hard stop while reading; the stage caps text lower (a setting)
STREAM_BYTES = 32 * 1024 * 1024
# pypdf counts inflated bytes while it decodes a stream; these are its limits, tightened so one
# document's streams cannot take the worker's memory (the defaults allow 75 MB per stream).
STREAM_LIMITS = {
    "zlib_maximum_output_length": STREAM_BYTES,
    "lzw_maximum_output_length": STREAM_BYTES,
    "run_length_maximum_output_length": STREAM_BYTES,
    "array_based_stream_maximum_output_length": STREAM_BYTES,
    "brotli_maximum_output_length": STREAM_BYTES,
    "jbig2_maximum_output_length": STREAM_BYTES,
    "image_maximum_buffer_size": STREAM_BYTES,
    "stream_decoding_work_maximum_length": 4 * STREAM_BYTES,
}


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages joined by newlines; ParseError for scans, locks, damage."""
    with reading("PDF"), apply_configuration(None, **STREAM_LIMITS):
        reader = PdfReader(io.BytesIO(data))
        _open_if_encrypted(reader)
        raw_pages = _page_texts(reader)
    reason = undecodable_reason("".join(raw_pages))
    if reason:
        raise ParseError(f"undecodable PDF text layer (a font without a ToUnicode map?): {reason}")
    pages = [tidy_lines(page) for page in raw_pages]
    text = "\n".join(page for page in pages if page)
    if sum(not ch.isspace() for ch in text) < MIN_TEXT_CHARS:
        raise ParseError(
            f"scanned PDF: no text layer ({len(pages)} page(s), "
            f"{len(text.strip())} characters of text; OCR is not attempted)"
        )
    return text


def _page_texts(reader: PdfReader) -> list[str]:
    # pypdf bounds each stream; the pages of one document are bounded together here
    pages: list[str] = []
    chars = 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        chars += len(pages[-1])
        if chars > MAX_TEXT_CHARS:
            raise ParseError(f"PDF text layer over {MAX_TEXT_CHARS:,} characters: too large")
    return pages


def _open_if_encrypted(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    if not reader.decrypt(""):
        raise ParseError("encrypted PDF: a password is needed to read the text")
