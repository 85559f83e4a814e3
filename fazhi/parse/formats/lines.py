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


UNREADABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
CJK_CHARACTER = re.compile(r"[\u3400-\u9fff]")
ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
MIN_VISIBLE_TO_JUDGE = 50


def undecodable_reason(text: str) -> str | None:
    """Why ``text`` is glyph codes rather than words, or None when it reads as text.

    A PDF font without a ToUnicode map yields its glyph ids: control, private-use and C1
    characters, or (for subset fonts numbered from 1) a run of ASCII punctuation with no Chinese
    at all. Bytes decoded with the wrong code page give replacement characters. Such text must
    fail here rather than reach the extractor.
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return None
    unreadable = len(UNREADABLE.findall(text)) / len(visible)
    if unreadable > 0.3:
        return f"{unreadable:.0%} of characters are control, private-use or replacement codes"
    if len(visible) < MIN_VISIBLE_TO_JUDGE or len(CJK_CHARACTER.findall(text)) > len(visible) / 20:
        return None
    punctuation = len(ASCII_PUNCTUATION.findall(text)) / len(visible)
    if punctuation > 0.2 or unreadable > 0.05:
        return f"no Chinese and {punctuation:.0%} ASCII punctuation: glyph ids, not characters"
    return None
