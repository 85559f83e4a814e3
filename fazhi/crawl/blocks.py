"""Anti-bot and block page signatures: recognised and recorded, never bypassed.

Reads a response's status and body and returns a human reason when it is a block page, else
``None``. The crawler records such fetches with outcome ``blocked``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from fazhi.parse import selectors as sel

_SCRIPT = re.compile(rb"<script", re.IGNORECASE)
# Searched in the body with its ASCII letters lowered (bytes.lower(), as a bytes pattern's
# IGNORECASE folds only ASCII): a case-blind regex scanned each 10 KB page at ~160 µs, once per
# response, the slowest check of a fetch; a literal search of the lowered body takes ~5 µs.
_JSL_COOKIE = b"__jsl_clearance"
# 加速乐 (jiasule) first stage: the cookie name is assembled one quoted character at a time,
# ('_')+('_')+('j')+('s')+('l')…, so it never appears literally; joined, the pieces spell it.
_QUOTED_CHARACTER = re.compile(rb"""\(\s*['"]([^'"])['"]\s*\)""")
_COOKIE_SCRIPT = re.compile(rb"document\.cookie\s*=")  # in the lowered body
# 瑞数 (Riversecurity): a $_ts bootstrap object and scripts / metas marked r="m", served with 412
# on the first visit and with 200 or 202 on pages it wraps.
_RUISHU_TS = re.compile(rb"\$_ts\b")  # window['$_ts'], $_ts.nsd=…, _$x['$_ts']
_RUISHU_MARK = re.compile(rb"""<(?:script|meta)\b[^>]*\sr\s*=\s*['"]?m['"]?[\s/>]""", re.I)
# Assignments that send a browser elsewhere from a script: the shape of a JS redirect stub.
_JS_REDIRECT = re.compile(
    r"(window\.|document\.|self\.|top\.)?location(\.href)?\s*=|location\.(replace|assign)\s*\(",
    re.IGNORECASE,
)
# A redirect to a literal URL is a moved page, followed by the crawler, not a block.
_LITERAL_REDIRECT = sel.JS_REDIRECT_TARGET
# A stub carries almost no visible text; real pages with a location script carry the article.
_STUB_MAX_VISIBLE_CHARS = 200
_STUB_MAX_LINKS = 3
_ATTACHMENT_FORMATS = {"pdf", "doc", "docx", "wps", "ofd"}


def block_reason_for_status(status: int, body: bytes) -> str | None:
    """Why an HTTP answer is a block page, or None: a challenge recognised by its body whatever
    the status (瑞数 with 200/202/412, 加速乐 with 521 or 200), else 412 and 403. A 521 with no
    challenge is Cloudflare's "origin down": a server fault (retried, then failed), not a block."""
    challenge = challenge_kind(body)
    if challenge is not None:
        return f"HTTP {status} JavaScript challenge: {challenge} (anti-bot page)"
    if status == 412:
        kind = "JavaScript challenge" if _SCRIPT.search(body) else "precondition failed"
        return f"HTTP 412 {kind} (anti-bot page)"
    if status == 403:
        return "HTTP 403 forbidden (access refused)"
    return None


def challenge_kind(body: bytes) -> str | None:
    """The anti-bot product whose challenge ``body`` is, by its script's signature, or None."""
    if _RUISHU_TS.search(body) and _RUISHU_MARK.search(body):
        return "瑞数 ($_ts, r=m scripts)"
    lowered = body.lower()
    if _JSL_COOKIE in lowered or _jsl_cookie_spelled(body, lowered):
        return "加速乐 __jsl_clearance cookie script"
    return None


def _jsl_cookie_spelled(body: bytes, lowered: bytes) -> bool:
    if not _COOKIE_SCRIPT.search(lowered):
        return False
    spelled = b"".join(_QUOTED_CHARACTER.findall(body))
    return b"__jsl_clearance" in spelled.lower() or b"jsl_clearance" in spelled.lower()


def block_reason(status: int, body: bytes, html: str | None = None) -> str | None:
    """Why a fetched answer is a block page: by status and body, then (for 2xx HTML, given
    decoded as ``html``) a JavaScript stub with a computed redirect."""
    reason = block_reason_for_status(status, body)
    if reason is None and 200 <= status < 300:
        text = html if html is not None else body.decode("utf-8", errors="replace")
        reason = block_reason_for_page(text)
    return reason


def block_reason_for_page(html: str) -> str | None:
    """Why a decoded 200 HTML page is a block page (JavaScript redirect stub), or None."""
    tree = HTMLParser(html)
    scripts = " ".join(node.text() for node in tree.css("script"))
    # A page is a stub only with a computed redirect: the page's text (most of its cost, ~0.1 ms
    # for a 10 KB report) is read only for one that has such a script.
    if not _JS_REDIRECT.search(scripts) or _LITERAL_REDIRECT.search(scripts):
        return None
    for node in tree.css("script, style, noscript"):
        node.decompose()
    body = tree.body
    visible = "".join((body.text() if body else "").split())
    links = len(tree.css("a[href]"))
    # Hanweb listings keep their records inside <script>: their nav links tell them apart.
    if len(visible) <= _STUB_MAX_VISIBLE_CHARS and links <= _STUB_MAX_LINKS:
        return "JavaScript redirect stub instead of content"
    return None


def block_reason_for_attachment(expected_format: str | None, actual_format: str) -> str | None:
    """Why an attachment body is a block page: HTML served where a document was linked."""
    if expected_format in _ATTACHMENT_FORMATS and actual_format == "html":
        return f"HTML page served where a {expected_format} was linked"
    return None
