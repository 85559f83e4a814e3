"""Polite HTTP fetching: one request in, one :class:`FetchResult` out, never an exception.

Reads URLs from the crawler and returns bodies with their status, headers and, for a failure,
an outcome and reason. Enforces the project User-Agent, timeouts, a per-host delay and
concurrency limit, retries with backoff for transient faults only, a body size limit, a
redirect limit, the allowed domains, and refusal of loopback/private addresses unless allowed.
The transport can be swapped (``transport=``) to replay recorded responses in tests.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import ClassVar
from urllib.parse import quote, urljoin, urlsplit

import certifi
import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from fazhi.config import Settings
from fazhi.crawl.blocks import block_reason_for_status
from fazhi.errors import BlockedError, FazhiError, TerminalError, TransientError
from fazhi.parse.decode import charset_of

_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced; ``outcome`` is ok | not_modified | failed | blocked."""

    url: str
    final_url: str
    status: int | None
    content_type: str | None
    body: bytes
    etag: str | None
    last_modified: str | None
    outcome: str
    reason: str | None = None

    @property
    def charset(self) -> str | None:
        """The charset parameter of the Content-Type header, when given."""
        return charset_of(self.content_type)


@dataclass(frozen=True)
class FetchPolicy:
    """The limits one source's fetches run under."""

    allowed_domains: tuple[str, ...]
    allow_private_addresses: bool
    delay_s: float
    max_concurrency_per_host: int
    max_retries: int
    retry_backoff_s: float
    max_body_bytes: int
    max_redirects: int
    timeout_s: float
    user_agent: str
    deadline_s: float = 120.0  # one whole request, every byte of the body included
    max_crawl_delay_s: float = 30.0  # longest wait between requests a site may ask for

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        allowed_domains: tuple[str, ...],
        allow_private_addresses: bool,
        delay_s: float,
    ) -> FetchPolicy:
        """The policy for a source with these domains, address rule and delay."""
        return cls(
            allowed_domains=allowed_domains,
            allow_private_addresses=allow_private_addresses,
            delay_s=delay_s,
            max_concurrency_per_host=max(1, settings.max_concurrency_per_host),
            max_retries=max(1, settings.max_retries),
            retry_backoff_s=settings.retry_backoff_s,
            max_body_bytes=settings.max_body_bytes,
            max_redirects=settings.max_redirects,
            timeout_s=settings.request_timeout_s,
            user_agent=settings.user_agent,
            deadline_s=settings.request_deadline_s,
            max_crawl_delay_s=settings.max_crawl_delay_s,
        )


def authority(url: str) -> str:
    """The host and port a URL is asked on, the unit of politeness (as robots.txt's, RFC 9309):
    two sites on one address but different ports are two hosts, `A.gov.cn` and `a.gov.cn:80` one.
    """
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a malformed port: the fetch refuses it, its politeness is its netloc's
        return parts.netloc.lower().rsplit("@", 1)[-1]
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.hostname or ''}:{port or default}"


class HostLimiter:
    """At most ``concurrency`` requests in flight per host, started at least ``delay_s`` apart.

    The per-host slots and start times are shared by every limiter in the process, so two
    sources on one host crawled at the same time still take turns; the first limiter to use a
    host sets its number of slots.
    """

    _lock = threading.Lock()
    _slots: ClassVar[dict[str, threading.Semaphore]] = {}
    _next_start: ClassVar[dict[str, float]] = {}

    def __init__(self, concurrency: int, delay_s: float) -> None:
        self._concurrency = concurrency
        self.delay_s = delay_s

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold a request slot for ``host``, waiting for the delay since the previous start."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self._concurrency))
        with semaphore:
            time.sleep(self._reserve_start(host))
            yield

    def obey_crawl_delay(self, asked_s: float | None, cap_s: float) -> str | None:
        """Space requests by a robots.txt Crawl-delay, at most ``cap_s``; says what was done.

        A site asking for an hour between requests would stall every later source for hours:
        the wait is capped and the capped value is what the caller records.
        """
        if not asked_s or asked_s <= 0:
            return None
        applied = min(float(asked_s), cap_s)
        self.delay_s = max(self.delay_s, applied)
        if applied < asked_s:
            return f"Crawl-delay {asked_s:g} s capped at {applied:g} s"
        return f"Crawl-delay {asked_s:g} s obeyed"

    def _reserve_start(self, host: str) -> float:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.delay_s
            return start - now


class Fetcher:
    """A polite HTTP client for one source; use as a context manager."""

    def __init__(self, policy: FetchPolicy, transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        self.limiter = HostLimiter(policy.max_concurrency_per_host, policy.delay_s)
        self._client = httpx.Client(
            verify=_tls_context(),
            timeout=policy.timeout_s,
            # only codings decoded_body can undo under its limit
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def fetch(
        self,
        url: str,
        *,
        form: dict[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url`` (POST when ``form`` is given), conditionally when validators are given."""
        headers = _conditional_headers(etag, last_modified)
        try:
            return self._with_retries(url, form, headers)
        except BlockedError as exc:
            return _problem(url, "blocked", str(exc))
        except (TransientError, TerminalError) as exc:
            return _problem(url, "failed", str(exc))

    def _with_retries(
        self, url: str, form: dict[str, str] | None, headers: dict[str, str]
    ) -> FetchResult:
        retrying = Retrying(
            stop=stop_after_attempt(self.policy.max_retries),
            wait=self._retry_wait,
            retry=retry_if_exception_type(TransientError),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                return self._follow_redirects(url, form, headers)
        raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover

    def _retry_wait(self, retry_state: RetryCallState) -> float:
        # Backoff doubles; a Retry-After the server sent is honoured, up to the crawl-delay cap.
        backoff = wait_exponential(multiplier=self.policy.retry_backoff_s, max=30)(retry_state)
        error = retry_state.outcome.exception() if retry_state.outcome else None
        asked = error.retry_after_s if isinstance(error, RetryLaterError) else None
        if asked is None:
            return backoff
        return min(max(backoff, asked), self.policy.max_crawl_delay_s)

    def _follow_redirects(
        self, url: str, form: dict[str, str] | None, headers: dict[str, str]
    ) -> FetchResult:
        visited: list[str] = []
        current = url
        for _ in range(self.policy.max_redirects + 1):
            if current in visited:
                raise TerminalError(f"redirect loop back to {current}")
            visited.append(current)
            self._check_target(current)
            response, body = self._request(current, form, headers)
            location = response.headers.get("location")
            if response.status_code not in _REDIRECTS or not location:
                return _result(url, current, response, body)
            target, problem = join_url(current, location)
            if target is None:  # the server's fault, and it will say the same again
                raise TerminalError(f"HTTP {response.status_code} with a bad Location: {problem}")
            current = target
            if response.status_code in (301, 302, 303):
                form = None  # browsers turn these into a GET of the new location
        raise TerminalError(f"more than {self.policy.max_redirects} redirects")

    def _check_target(self, url: str) -> None:
        parts = urlsplit(url)
        try:
            host = parts.hostname or ""
            parts.port  # noqa: B018 - raises ValueError for a malformed port
        except ValueError as exc:
            raise TerminalError(f"malformed URL {url}: {exc}") from exc
        if parts.scheme not in ("http", "https"):
            raise TerminalError(f"refused non-http URL {url}")
        if not host_allowed(host, self.policy.allowed_domains):
            allowed = ", ".join(self.policy.allowed_domains)
            raise TerminalError(f"refused off-domain URL {url} (allowed: {allowed})")
        if not self.policy.allow_private_addresses and resolves_to_private_address(host):
            raise TerminalError(f"refused loopback/private address for host {host}")

    def _request(
        self, url: str, form: dict[str, str] | None, headers: dict[str, str]
    ) -> tuple[httpx.Response, bytes]:
        method = "POST" if form is not None else "GET"
        with self.limiter.slot(authority(url)):
            deadline = time.monotonic() + self.policy.deadline_s
            timeout = min(self.policy.timeout_s, self.policy.deadline_s)
            try:
                with self._client.stream(
                    method, url, data=form, headers=headers, timeout=timeout
                ) as response:
                    redirect = response.status_code in _REDIRECTS
                    body = b"" if redirect else self._read(response, deadline)
            except httpx.TimeoutException as exc:
                raise TransientError(f"timed out: {type(exc).__name__}") from exc
            except httpx.RemoteProtocolError as exc:
                raise protocol_error(exc) from exc
            except httpx.UnsupportedProtocol as exc:
                raise TerminalError(f"unsupported URL: {exc}") from exc
            except httpx.TransportError as exc:
                raise TransientError(f"connection failed: {type(exc).__name__}: {exc}") from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise TerminalError(f"request failed: {type(exc).__name__}: {exc}") from exc
        _raise_for_status(response, body)
        return response, body

    def _read(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.policy.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TerminalError(f"body of {declared} bytes over the {limit}-byte limit")
        encodings = content_encodings(response.headers.get("content-encoding", ""))
        chunks: list[bytes] = []
        size = 0
        for chunk in decoded_body(
            _before(response.iter_raw(), deadline, self.policy), encodings, limit
        ):
            size += len(chunk)
            if size > limit:
                raise TerminalError(f"body over the {limit}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)


def join_url(base: str, href: str) -> tuple[str | None, str | None]:
    """``(absolute URL, None)`` for ``href`` on page ``base``, or ``(None, reason)``; never raises.

    ``urljoin`` and ``urlsplit`` raise ValueError on hostile hrefs (``http://[::1/…`` is an
    "Invalid IPv6 URL", a port of letters is invalid): one such link must be recorded with its
    reason, not end the crawl. Every place that joins or redirects goes through here.
    """
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - raises ValueError for a malformed host
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        return None, f"malformed URL {href[:200]!r}: {exc}"
    return url, None


def _before(chunks: Iterator[bytes], deadline: float, policy: FetchPolicy) -> Iterator[bytes]:
    # The timeout is per read: a server dripping a byte every few seconds never trips it.
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise TerminalError(
                f"response not complete within the {policy.deadline_s:g} s request deadline"
            )
        yield chunk


class RetryLaterError(TransientError):
    """A 429 or 503 whose Retry-After says how long to wait (seconds), when it says."""

    def __init__(self, message: str, retry_after_s: float | None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a Retry-After header value asks for (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def protocol_error(exc: httpx.RemoteProtocolError) -> FazhiError:
    """A cut-off body is transient; a response that breaks HTTP itself will break again."""
    message = str(exc)
    if "location header" in message.lower():
        return TerminalError(f"bad Location header: {message}")
    if any(words in message for words in _CUT_OFF):
        return TransientError(f"truncated response: {message}")
    return TerminalError(f"malformed HTTP response: {message}")


_CUT_OFF = ("peer closed connection", "Server disconnected", "incomplete", "without sending")
INFLATE_STEP_BYTES = 64 * 1024
SUPPORTED_ENCODINGS = {"gzip": 47, "x-gzip": 47, "deflate": 15}  # zlib wbits (47: gzip or zlib)


def content_encodings(header: str) -> list[str]:
    """The codings of a Content-Encoding header in the order they were applied."""
    codings = [c.strip().lower() for c in header.split(",")]
    return [c for c in codings if c and c != "identity"]


def decoded_body(raw: Iterator[bytes], encodings: list[str], limit: int) -> Iterator[bytes]:
    """The body with every content coding undone, never inflating more than ``limit`` bytes.

    httpx inflates each network chunk whole, so 1,827 bytes of ``gzip, gzip`` reach gigabytes
    before any size check; here each layer inflates in small steps and counts as it goes.
    """
    if len(encodings) > 2:
        raise TerminalError(f"refused {len(encodings)} nested content codings: {encodings}")
    chunks = raw
    for coding in reversed(encodings):  # the last coding applied is undone first
        if coding not in SUPPORTED_ENCODINGS:
            raise TerminalError(f"unsupported Content-Encoding {coding!r}")
        chunks = _inflate(chunks, coding, limit)
    return chunks


def _inflate(chunks: Iterator[bytes], coding: str, limit: int) -> Iterator[bytes]:
    inflater: zlib._Decompress | None = None
    produced = 0
    try:
        for chunk in chunks:
            if inflater is None:
                inflater = zlib.decompressobj(_wbits(coding, chunk))
            data = chunk
            while data and not inflater.eof:
                piece = inflater.decompress(data, INFLATE_STEP_BYTES)
                produced += len(piece)
                if produced > limit:
                    raise TerminalError(f"{coding} body inflates past the {limit}-byte limit")
                yield piece
                data = inflater.unconsumed_tail
        if inflater is not None:
            yield inflater.flush()
    except zlib.error as exc:
        raise TerminalError(f"corrupt {coding} body: {exc}") from exc


def _wbits(coding: str, first: bytes) -> int:
    # "deflate" is meant to be zlib-wrapped, but many servers send a raw deflate stream
    if coding == "deflate" and first and first[0] & 0x0F != 8:
        return -15
    return SUPPORTED_ENCODINGS[coding]


def inert_url(href: str) -> str:
    """A form of a malformed ``href`` that URL parsers read without raising, for the record.

    The link is recorded, never fetched; but code that looks at every link of a page (family
    detection, host checks) splits its URL, and must not meet the ValueError the href raises.
    """
    candidate = href.strip().replace("[", "%5B").replace("]", "%5D")
    try:
        parts = urlsplit(candidate)
        parts.hostname  # noqa: B018 - raises ValueError for a malformed host
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return "invalid:" + quote(href.strip(), safe="")
    return candidate


@cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~0.2 s; one context serves every source's client.
    return ssl.create_default_context(cafile=certifi.where())


def host_allowed(host: str, allowed_domains: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed_domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in allowed_domains)


def resolves_to_private_address(host: str) -> bool:
    """True when ``host`` is, or resolves to, a loopback, private, link-local or reserved address.

    A name that does not resolve is not private; the request then fails as a connection error.
    """
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False
    return any(_is_private(address) for address in addresses)


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _raise_for_status(response: httpx.Response, body: bytes) -> None:
    status = response.status_code
    blocked = block_reason_for_status(status, body)
    if blocked:
        raise BlockedError(blocked)
    if status in (429, 503):
        retry_after = retry_after_seconds(response.headers.get("retry-after"))
        raise RetryLaterError(f"HTTP {status}", retry_after)
    if status >= 500:
        raise TransientError(f"HTTP {status}")
    if status >= 400:
        raise TerminalError(f"HTTP {status}")


def _result(url: str, final_url: str, response: httpx.Response, body: bytes) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=final_url,
        status=response.status_code,
        content_type=response.headers.get("content-type"),
        body=body,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        outcome="not_modified" if response.status_code == 304 else "ok",
    )


def _problem(url: str, outcome: str, reason: str) -> FetchResult:
    return FetchResult(url, url, _status_in(reason), None, b"", None, None, outcome, reason)


def _status_in(reason: str) -> int | None:
    # Reasons raised for HTTP answers start "HTTP <status>"; keep the status in the manifest.
    words = reason.split()
    if len(words) >= 2 and words[0] == "HTTP" and words[1].isdigit():
        return int(words[1])
    return None
