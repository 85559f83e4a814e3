"""Anti-bot and block page signatures: recognised and recorded, never bypassed.

Reads a response's status and body and returns a human reason when it is a block page, else
``None``. The crawler records such fetches with outcome ``blocked``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

_SCRIPT = re.compile(rb"<script", re.IGNORECASE)
_JSL_COOKIE = re.compile(rb"__jsl_clearance", re.IGNORECASE)
# Assignments that send a browser elsewhere from a script: the shape of a JS redirect stub.
_JS_REDIRECT = re.compile(
    r"(window\.|document\.|self\.|top\.)?location(\.href)?\s*=|location\.(replace|assign)\s*\(",
    re.IGNORECASE,
)
# A stub carries almost no visible text; real pages with a location script carry the article.
_STUB_MAX_VISIBLE_CHARS = 200
_STUB_MAX_LINKS = 3
_ATTACHMENT_FORMATS = {"pdf", "doc", "docx", "wps", "ofd"}


def block_reason_for_status(status: int, body: bytes) -> str | None:
    """Why an HTTP answer is a block page (412 JS challenge, 521 cookie script, 403), or None."""
    if status == 412:
        kind = "JavaScript challenge" if _SCRIPT.search(body) else "precondition failed"
        return f"HTTP 412 {kind} (anti-bot page)"
    if status == 521:
        kind = "__jsl_clearance cookie script" if _JSL_COOKIE.search(body) else "origin down"
        return f"HTTP 521 {kind} (anti-bot page)"
    if status == 403:
        return "HTTP 403 forbidden (access refused)"
    if 200 <= status < 300 and _JSL_COOKIE.search(body):
        return "__jsl_clearance cookie script (anti-bot page)"
    return None


def block_reason_for_page(html: str) -> str | None:
    """Why a decoded 200 HTML page is a block page (JavaScript redirect stub), or None."""
    tree = HTMLParser(html)
    scripts = " ".join(node.text() for node in tree.css("script"))
    for node in tree.css("script, style, noscript"):
        node.decompose()
    body = tree.body
    visible = "".join((body.text() if body else "").split())
    links = len(tree.css("a[href]"))
    # Hanweb listings keep their records inside <script>: their nav links tell them apart.
    if (
        _JS_REDIRECT.search(scripts)
        and len(visible) <= _STUB_MAX_VISIBLE_CHARS
        and links <= _STUB_MAX_LINKS
    ):
        return "JavaScript redirect stub instead of content"
    return None


def block_reason_for_attachment(expected_format: str | None, actual_format: str) -> str | None:
    """Why an attachment body is a block page: HTML served where a document was linked."""
    if expected_format in _ATTACHMENT_FORMATS and actual_format == "html":
        return f"HTML page served where a {expected_format} was linked"
    return None
