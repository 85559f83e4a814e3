"""Bytes → text for HTML pages, and the real format of a fetched body.

Reads raw bytes (plus the HTTP charset and Content-Type when known) and returns text or a format
name. Decoding never garbles silently: a body that no candidate charset decodes cleanly raises
:class:`fazhi.errors.ParseError`, and the caller records the failure.

Declared charsets are often wrong (a GBK page served as ISO-8859-1) or missing (a Big5 page), and
both single-byte codecs and GB18030 decode almost any bytes without an error. So a decoding is
accepted only when its text also reads as text (charset-normalizer's mess ratio); otherwise
charset-normalizer picks among the encodings Chinese sites use, and text that still looks
garbled is returned with a reason so the document is flagged.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
from charset_normalizer.md import mess_ratio

from fazhi.errors import ParseError

# Chinese government sites declare the legacy GB charsets loosely; GB18030 is their superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_META_SCAN_BYTES = 4096


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, when given."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


@dataclass(frozen=True)
class DecodedText:
    """A body's text, the charset that produced it and, when it still looks garbled, why."""

    text: str
    charset: str
    garbled: str | None = None


MESS_LIMIT = 0.2  # charset-normalizer's own default threshold for "this is not text"
MESS_SAMPLE_CHARS = 20_000
# A single-byte codec (ISO-8859-1, cp1252 …) decodes any bytes, so a declared one is trusted
# only when its text reads as text; these multi-byte ones reject most wrong input by themselves.
TRUSTED_WHEN_CLEAN = frozenset({"utf-8", "gb18030", "big5", "big5hkscs", "utf-16", "euc_jp"})
DETECTED_ENCODINGS = ["utf_8", "gb18030", "big5"]  # what Chinese sites are written in


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Text of an HTML body (see :func:`decode_text`); ParseError when nothing decodes it."""
    return decode_text(data, header_charset, flag_garbled=False).text


def decode_text(
    data: bytes, header_charset: str | None = None, *, flag_garbled: bool = True
) -> DecodedText:
    """Text of a page or text file: the header charset, then ``<meta>``, then strict UTF-8,
    each only when its text reads as text; then charset-normalizer's pick among UTF-8, GB18030
    and Big5; then GB18030 with the text marked garbled. ParseError when none decodes.

    ``flag_garbled=False`` is for callers that want the text only (the crawler): a trusted
    codec that decodes cleanly is then taken without measuring how garbled its text reads,
    which picks the same text and was the crawler's largest single cost per page
    (charset-normalizer's mess ratio over 20,000 characters)."""
    fallback: DecodedText | None = None
    for charset in _candidate_charsets(data, header_charset):
        trusted = charset in TRUSTED_WHEN_CLEAN
        decoded = _strict(data, charset, judge=flag_garbled or not trusted)
        if decoded is None:
            continue
        if decoded.garbled is None or trusted:
            return decoded  # strict UTF-8 / a CJK codec that decodes cleanly is no accident
        fallback = fallback or decoded
    detected = _detected(data)
    if detected is not None and detected.garbled is None:
        return detected
    # a detection that reads as noise is a guess about garbage, not a decoding
    fallback = _strict(data, "gb18030") or fallback
    if fallback is None:
        raise ParseError(
            "no charset decodes the page cleanly (header, meta, utf-8, detection, gb18030 tried)"
        )
    return fallback


def _strict(data: bytes, charset: str, *, judge: bool = True) -> DecodedText | None:
    """``data`` decoded strictly as ``charset`` (None when it fails), and with ``judge`` how
    garbled the text reads."""
    try:
        text = _strip_bom(data.decode(charset, errors="strict"))
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None  # a declared codec that fails, or is no text codec, is just a wrong guess
    return DecodedText(text, charset, garbled_reason(text, charset) if judge else None)


def _detected(data: bytes) -> DecodedText | None:
    best = charset_normalizer.from_bytes(data, cp_isolation=DETECTED_ENCODINGS).best()
    if best is None or best.encoding is None:
        return None
    return _strict(data, codecs.lookup(best.encoding).name)


def garbled_reason(text: str, charset: str) -> str | None:
    """Why ``text`` decoded as ``charset`` reads as mojibake, or None when it reads as text."""
    mess = mess_ratio(text[:MESS_SAMPLE_CHARS], maximum_threshold=1.0)
    if mess <= MESS_LIMIT:
        return None
    return f"text decoded as {charset} looks garbled ({mess:.0%} of it reads as noise)"


def _candidate_charsets(data: bytes, header_charset: str | None) -> list[str]:
    declared = [header_charset, _meta_charset(data)]
    candidates = [_normalise_charset(c) for c in declared if c] + ["utf-8"]
    if _utf16_with_bom(data):
        candidates.insert(0, "utf-16")  # a byte-order mark outranks any declaration (HTML spec)
    return list(dict.fromkeys(c for c in candidates if c))


def _utf16_with_bom(data: bytes) -> bool:
    """A UTF-16 byte-order mark followed by UTF-16 markup: ASCII tags leave every other byte 0
    (bytes that merely start like a BOM decode as UTF-16 too, into garbage)."""
    if data.startswith(codecs.BOM_UTF16_LE):
        high = data[3:400:2]
    elif data.startswith(codecs.BOM_UTF16_BE):
        high = data[2:400:2]
    else:
        return False
    return len(high) > 0 and high.count(0) > len(high) * 3 // 4


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _normalise_charset(name: str) -> str | None:
    cleaned = name.strip().strip("\"'").lower()
    if cleaned in _GB_FAMILY:
        return "gb18030"
    try:
        codec = codecs.lookup(cleaned)
    except (LookupError, ValueError):
        return None  # an unknown declared charset is ignored, not fatal
    # base64, rot13, zlib … are codecs too, but not text encodings a page can be written in
    return codec.name if getattr(codec, "_is_text_encoding", True) else None


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


# Magic numbers first: servers often send application/octet-stream or the wrong type.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSION_FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "wps",
    ".ofd": "ofd",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
}
_CONTENT_TYPE_FORMATS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/ofd": "ofd",
    "text/plain": "txt",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
_HTML_START = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<script|<div|<p\b|<!--)", re.IGNORECASE
)


def sniff_format(data: bytes, content_type: str | None, url: str) -> str:
    """html | pdf | docx | doc | wps | ofd | txt | unknown: magic bytes, then type, then URL."""
    magic = _format_from_magic(data)
    if magic == "doc" and _format_from_url(url) == "wps":
        return "wps"
    return magic or _format_from_content_type(content_type) or _format_from_url(url) or "unknown"


def _format_from_magic(data: bytes) -> str | None:
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        # WPS files are OLE containers like .doc; only the URL tells them apart.
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if _HTML_START.match(head):
        return "html"
    return None


def _zip_format(data: bytes) -> str | None:
    # OOXML and OFD are both ZIP packages; their first member names tell them apart.
    head = data[:65536]
    if b"word/" in head or b"[Content_Types].xml" in head:
        return "docx"
    if b"OFD.xml" in head or b"Doc_0/" in head:
        return "ofd"
    return None


def _format_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    mime = content_type.split(";")[0].strip().lower()
    return _CONTENT_TYPE_FORMATS.get(mime)


def _format_from_url(url: str) -> str | None:
    path = url.split("?")[0].split("#")[0].lower()
    for extension, name in _EXTENSION_FORMATS.items():
        if path.endswith(extension):
            return name
    return None
