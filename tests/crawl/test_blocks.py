"""Block-page signatures: recognised and recorded, never bypassed."""

from __future__ import annotations

import pytest

from fazhi.crawl.blocks import (
    block_reason_for_attachment,
    block_reason_for_page,
    block_reason_for_status,
)

NAV = "".join(f'<a href="/c{n}/">栏目{n}</a>' for n in range(8))


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        pytest.param(412, b"<script>eval(x)</script>", "JavaScript challenge", id="412-challenge"),
        pytest.param(
            521,
            b"<script>document.cookie='__jsl_clearance=1'</script>",
            "__jsl_clearance",
            id="521-jsl-cookie",
        ),
        pytest.param(
            200,
            b"<script>document.cookie='__jsl_clearance=1'</script>",
            "__jsl_clearance",
            id="200-jsl-cookie-script",
        ),
        pytest.param(403, b"forbidden", "403", id="403-refused"),
        pytest.param(200, b"<html><body>ok</body></html>", None, id="ordinary-page"),
        pytest.param(404, b"not found", None, id="404-is-a-failure-not-a-block"),
    ],
)
def test_block_reason_for_status(status: int, body: bytes, expected: str | None) -> None:
    reason = block_reason_for_status(status, body)
    assert (reason is None) if expected is None else (expected in (reason or ""))


@pytest.mark.parametrize(
    ("html", "blocked"),
    [
        pytest.param(
            "<html><script>window.location.href='/a?'+Math.random()</script></html>",
            True,
            id="bare-js-redirect-stub",
        ),
        pytest.param(
            "<html><script>location.replace(location.pathname+'?'+t)</script>"
            "<body>请稍候</body></html>",
            True,
            id="computed-replace-stub-with-a-word",
        ),
        pytest.param(
            "<html><script>location.replace('/x')</script><body>请稍候</body></html>",
            False,
            id="literal-target-is-a-moved-page-followed-not-a-block",
        ),
        pytest.param(
            '<html><head><script>location.href="/col/col91477/index.html";</script></head>'
            "<body></body></html>",
            False,
            id="hanweb-column-stub-to-its-real-column",
        ),
        pytest.param(
            f"<html><body>{NAV}<script>if(m)location.href='/m/'</script>"
            "<script type='text/xml'><datastore></datastore></script></body></html>",
            False,
            id="hanweb-listing-with-mobile-redirect-script",
        ),
        pytest.param(
            "<html><body><p>" + "法治政府建设" * 60 + "</p><script>"
            "window.location.href='#top'</script></body></html>",
            False,
            id="article-with-a-location-script",
        ),
        pytest.param("<html><body>short page</body></html>", False, id="short-page-no-script"),
    ],
)
def test_block_reason_for_page(html: str, blocked: bool) -> None:
    assert (block_reason_for_page(html) is not None) is blocked


@pytest.mark.parametrize(
    ("expected", "actual", "blocked"),
    [
        pytest.param("pdf", "html", True, id="html-where-pdf-linked"),
        pytest.param("docx", "html", True, id="html-where-docx-linked"),
        pytest.param("pdf", "pdf", False, id="pdf-as-promised"),
        pytest.param("doc", "docx", False, id="other-office-format-is-fine"),
        pytest.param("unknown", "html", False, id="onclick-target-of-unknown-format"),
    ],
)
def test_block_reason_for_attachment(expected: str, actual: str, blocked: bool) -> None:
    assert (block_reason_for_attachment(expected, actual) is not None) is blocked
