"""The fetcher against a hostile loopback server: every fault ends as one FetchResult with an
accurate reason, within the request deadline and the body limit, and nothing is retried that
will fail the same way again."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from fazhi.crawl.fetch import Fetcher, FetchPolicy, HostLimiter, retry_after_seconds

Script = Callable[[socket.socket, int], None]  # (connection, hit number for this path)


@dataclass
class RawSite:
    """A loopback HTTP/1.1 server whose answers are written byte by byte by scripts."""

    base_url: str
    scripts: dict[str, Script]
    hits: Counter[str]


def _answer(
    status: str, headers: dict[str, str], body: bytes, *, length: int | None = None
) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(body) if length is None else length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def send(status: str, headers: dict[str, str], body: bytes = b"") -> Script:
    return lambda conn, _hit: conn.sendall(_answer(status, headers, body))


def send_raw(data: bytes) -> Script:
    return lambda conn, _hit: conn.sendall(data)


def drip(body: bytes, seconds: float) -> Script:
    def script(conn: socket.socket, _hit: int) -> None:
        conn.sendall(_answer("200 OK", {"Content-Type": "text/html"}, b"", length=len(body)))
        step = max(1, len(body) // 50)
        for at in range(0, len(body), step):
            conn.sendall(body[at : at + step])
            time.sleep(seconds / 50)

    return script


@pytest.fixture
def site() -> Iterator[RawSite]:
    listener = socket.create_server(("127.0.0.1", 0))
    raw = RawSite(f"http://127.0.0.1:{listener.getsockname()[1]}", {}, Counter())

    def handle(conn: socket.socket) -> None:
        with conn:
            try:
                request = conn.recv(65536).decode("latin-1")
                path = request.split(" ")[1] if " " in request else "/"
                raw.hits[path] += 1
                script = raw.scripts.get(path, send("404 Not Found", {}))
                script(conn, raw.hits[path])
            except OSError:
                pass  # the client gave up first

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield raw
    listener.close()


def policy(**overrides: object) -> FetchPolicy:
    fields: dict[str, object] = {
        "allowed_domains": ("127.0.0.1",),
        "allow_private_addresses": True,
        "delay_s": 0.0,
        "max_concurrency_per_host": 2,
        "max_retries": 3,
        "retry_backoff_s": 0.01,
        "max_body_bytes": 1024 * 1024,
        "max_redirects": 3,
        "timeout_s": 2.0,
        "user_agent": "fazhi-test",
        "deadline_s": 1.5,
        "max_crawl_delay_s": 0.4,
    }
    fields.update(overrides)
    return FetchPolicy(**fields)  # type: ignore[arg-type]


PAGE = b"<html><body>" + "报告正文".encode() * 200 + b"</body></html>"
GZIP_BOMB = gzip.compress(gzip.compress(b"\0" * (64 * 1024 * 1024), 9), 9)


@pytest.mark.parametrize(
    ("script", "outcome", "reason", "requests"),
    [
        pytest.param(
            drip(PAGE, 6.0),
            "failed",
            "1.5 s request deadline",
            1,
            id="drip-cut-at-deadline-not-retried",
        ),
        pytest.param(
            send("200 OK", {"Content-Encoding": "gzip, gzip"}, GZIP_BOMB),
            "failed",
            "inflates past the 1048576-byte limit",
            1,
            id="gzip-gzip-bomb",
        ),
        pytest.param(
            send("200 OK", {"Content-Encoding": "gzip, gzip, gzip"}, b"x"),
            "failed",
            "3 nested content codings",
            1,
            id="three-codings",
        ),
        pytest.param(
            send("200 OK", {"Content-Encoding": "br"}, b"x"),
            "failed",
            "unsupported Content-Encoding 'br'",
            1,
            id="unasked-brotli",
        ),
        pytest.param(
            send("200 OK", {"Content-Encoding": "gzip"}, b"not gzip at all"),
            "failed",
            "corrupt gzip body",
            1,
            id="corrupt-gzip",
        ),
        pytest.param(
            send("302 Found", {"Location": "http://[::1/x"}),
            "failed",
            "bad Location",
            1,
            id="location-invalid-ipv6",
        ),
        pytest.param(
            send_raw(
                b"HTTP/1.1 302 Found\r\nLocation: http://a\x01b/\r\nContent-Length: 0\r\n\r\n"
            ),
            "failed",
            "bad Location header",
            1,
            id="location-control-char",
        ),
        pytest.param(
            send_raw(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 9\r\n\r\nabcde"),
            "failed",
            "malformed HTTP response",
            1,
            id="conflicting-lengths-not-retried",
        ),
        pytest.param(
            send_raw(b"HTTP/1.1 200 OK\r\nContent-Length: 900\r\n\r\nabc"),
            "failed",
            "truncated response",
            3,
            id="truncated-is-retried",
        ),
        pytest.param(
            send("503 Service Unavailable", {"Retry-After": "3600"}),
            "failed",
            "HTTP 503",
            3,
            id="retry-after-beyond-cap",
        ),
    ],
)
def test_each_fault_is_one_result_with_an_accurate_reason(
    site: RawSite, script: Script, outcome: str, reason: str, requests: int
) -> None:
    site.scripts["/p"] = script
    started = time.monotonic()
    with Fetcher(policy()) as fetcher:
        result = fetcher.fetch(site.base_url + "/p")
    assert (result.outcome, result.body) == (outcome, b"")
    assert reason in (result.reason or "")
    assert site.hits["/p"] == requests
    assert time.monotonic() - started < 4.0  # deadline, retry waits capped at 0.4 s


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        pytest.param({"Content-Encoding": "gzip"}, gzip.compress(PAGE), id="gzip"),
        pytest.param(
            {"Content-Encoding": "gzip, gzip"}, gzip.compress(gzip.compress(PAGE)), id="gzip-twice"
        ),
        pytest.param({"Content-Encoding": "deflate"}, zlib.compress(PAGE), id="zlib-deflate"),
        pytest.param({"Content-Encoding": "deflate"}, zlib.compress(PAGE)[2:-4], id="raw-deflate"),
        pytest.param({"Content-Encoding": "identity"}, PAGE, id="identity"),
    ],
)
def test_encoded_bodies_are_decoded(site: RawSite, headers: dict[str, str], body: bytes) -> None:
    site.scripts["/p"] = send("200 OK", {"Content-Type": "text/html", **headers}, body)
    with Fetcher(policy()) as fetcher:
        result = fetcher.fetch(site.base_url + "/p")
    assert (result.outcome, result.body) == ("ok", PAGE)


def test_retry_after_is_honoured_within_the_cap(site: RawSite) -> None:
    def busy_then_ok(conn: socket.socket, hit: int) -> None:
        if hit == 1:
            conn.sendall(_answer("503 Service Unavailable", {"Retry-After": "1"}, b""))
        else:
            conn.sendall(_answer("200 OK", {"Content-Type": "text/html"}, PAGE))

    site.scripts["/p"] = busy_then_ok
    started = time.monotonic()
    with Fetcher(policy(max_crawl_delay_s=5.0, deadline_s=5.0)) as fetcher:
        result = fetcher.fetch(site.base_url + "/p")
    waited = time.monotonic() - started
    assert result.outcome == "ok"
    assert 1.0 <= waited < 3.0  # the asked second, not the 0.01 s backoff


@pytest.mark.parametrize(
    ("asked", "cap", "delay", "note"),
    [
        pytest.param(3600, 30.0, 30.0, "Crawl-delay 3600 s capped at 30 s", id="hour-capped"),
        pytest.param(2, 30.0, 2.0, "Crawl-delay 2 s obeyed", id="small-obeyed"),
        pytest.param(None, 30.0, 0.5, None, id="none-asked"),
    ],
)
def test_crawl_delay_is_capped_and_the_cap_is_said(
    asked: float | None, cap: float, delay: float, note: str | None
) -> None:
    limiter = HostLimiter(1, 0.5)
    assert limiter.obey_crawl_delay(asked, cap) == note
    assert limiter.delay_s == delay


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("120", 120.0, id="seconds"),
        pytest.param("Wed, 21 Oct 2015 07:28:00 GMT", 0.0, id="date-in-the-past"),
        pytest.param("soon", None, id="garbage"),
        pytest.param("", None, id="empty"),
    ],
)
def test_retry_after_values(value: str, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected
