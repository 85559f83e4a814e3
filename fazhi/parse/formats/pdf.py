"""PDF bytes → text of the text layer, page by page (pypdf).

Reads a PDF; writes nothing. Pages are joined with "\n". Many government PDFs are "encrypted"
only to restrict printing, with an empty user password; those open. A PDF with no extractable
text is a scan and fails with a reason, as does one that needs a password or is corrupt.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from fazhi.errors import ParseError
from fazhi.parse.failures import reading
from fazhi.parse.formats.lines import tidy_lines, undecodable_reason

MIN_TEXT_CHARS = 20  # fewer visible characters than this in the whole file is a scan


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages joined by newlines; ParseError for scans, locks, damage."""
    with reading("PDF"):
        reader = PdfReader(io.BytesIO(data))
        _open_if_encrypted(reader)
        raw_pages = [page.extract_text() or "" for page in reader.pages]
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


def _open_if_encrypted(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    if not reader.decrypt(""):
        raise ParseError("encrypted PDF: a password is needed to read the text")
