"""Block-page signatures: recognised and recorded, never bypassed."""

from __future__ import annotations

import pytest

from fazhi.crawl.blocks import (
    block_reason,
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
        pytest.param(
            200,
            b"<SCRIPT>Document.Cookie='__JSL_Clearance=1'</SCRIPT>",
            "__jsl_clearance",
            id="jsl-cookie-name-in-capitals",
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
        pytest.param(
            "<html><body><p>" + "法治政府建设" * 60 + "</p><script>"
            "location.href=location.pathname+'?'+t</script></body></html>",
            False,
            id="article-with-a-computed-redirect-script",
        ),
        pytest.param(
            f"<html><body>{NAV}<script>location.href=location.pathname+'?'+t</script>"
            "</body></html>",
            False,
            id="short-page-of-links-with-a-computed-redirect-script",
        ),
        pytest.param(
            "<html><body><SCRIPT>Window.Location.Href='/a?'+Math.random()</SCRIPT></body></html>",
            True,
            id="stub-script-in-capitals",
        ),
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


def _spelled(text: str) -> str:
    """A cookie assignment built one quoted character at a time, as 加速乐 writes it."""
    return "+".join(f"('{c}')" for c in text)


JSL_521 = (
    "<script>document.cookie="
    + _spelled("__jsl_clearance_s=")
    + "+((+true)+'')+(3+'')+"
    + _spelled(".5|-1|abcDEF%3D;max-age=3600;path=/")
    + ";location.href=location.pathname+location.search</script>"
).encode()
RUISHU_HEAD = (
    b'<html><head><meta content="abcDEF0123456789" r="m">'
    b"<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
    b'$_ts.nsd=12345;$_ts.cd="qAbCdEf";if($_ts.lcd)$_ts.lcd();</script>'
    b'<script type="text/javascript" charset="utf-8" src="/Ab12Cd/Ef34.a1b2c3.js" r="m">'
    b"</script></head></html>"
)
RUISHU_WRAPPED_APP = (
    b"<html><head><title>\xe6\x95\xb0\xe6\x8d\xae\xe6\x9f\xa5\xe8\xaf\xa2</title>"
    b"<script r=\"m\">(function(){var _$a=window,_$b=_$a['$_ts'];})()</script></head>"
    b'<body><div id="app" v-cloak></div><script src="js/app.js"></script></body></html>'
)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        pytest.param(521, JSL_521, "加速乐", id="jsl-521-name-spelled-char-by-char"),
        pytest.param(200, JSL_521, "加速乐", id="jsl-cookie-script-served-with-200"),
        pytest.param(412, RUISHU_HEAD, "瑞数", id="ruishu-412"),
        pytest.param(202, RUISHU_HEAD, "瑞数", id="ruishu-202"),
        pytest.param(200, RUISHU_HEAD, "瑞数", id="ruishu-200"),
        pytest.param(200, RUISHU_WRAPPED_APP, "瑞数", id="ruishu-injected-into-an-app-shell"),
        pytest.param(521, b"<html><body>origin unreachable</body></html>", None,
                     id="521-without-a-challenge-is-a-server-fault-not-a-block"),
        pytest.param(200, b"<html><body><p>$_ts in prose</p></body></html>", None,
                     id="dollar-ts-in-text-without-r-m-scripts"),
        pytest.param(200, b"<html><script>document.cookie='theme=dark'</script></html>", None,
                     id="ordinary-cookie-script"),
        pytest.param(521, JSL_521.replace(b"document.cookie", b"Document.COOKIE  "), "加速乐",
                     id="jsl-spelled-with-the-cookie-assignment-in-capitals"),
        pytest.param(521, JSL_521.replace(b"document.cookie=", b"document.title="), None,
                     id="characters-spelled-without-a-cookie-assignment"),
    ],
)  # fmt: skip
def test_challenges_are_blocked_whatever_the_status(
    status: int, body: bytes, expected: str | None
) -> None:
    reason = block_reason(status, body)
    assert (reason is None) if expected is None else (expected in (reason or ""))
    if expected:
        assert "origin down" not in (reason or "")
