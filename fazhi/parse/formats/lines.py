"""Line tidying shared by the document formats (PDF, DOCX, DOC/WPS, OFD, TXT).

Reads text; writes nothing. Leading and trailing blanks (including the full-width 　 used to
indent Chinese paragraphs) carry no content, and blank lines none either, so both are dropped;
everything else is kept as written so that extractor offsets point at the author's words.
"""

from __future__ import annotations

import re

LINE_BLANKS = " \t\u3000\xa0\r\f\v"
NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def tidy_lines(text: str) -> str:
    """``text`` with unified newlines, control characters removed, lines trimmed, blanks dropped."""
    text = CONTROL_CHARS.sub("", NEWLINES.sub("\n", text))
    lines = (line.strip(LINE_BLANKS) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
