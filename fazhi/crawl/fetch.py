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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import certifi
import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from fazhi.config import Settings
from fazhi.crawl.blocks import block_reason_for_status
from fazhi.errors import BlockedError, TerminalError, TransientError
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
        )


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
            headers={"User-Agent": policy.user_agent},
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
            wait=wait_exponential(multiplier=self.policy.retry_backoff_s, max=30),
            retry=retry_if_exception_type(TransientError),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                return self._follow_redirects(url, form, headers)
        raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover

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
        host = urlsplit(url).hostname or ""
        method = "POST" if form is not None else "GET"
        with self.limiter.slot(host):
            try:
                with self._client.stream(method, url, data=form, headers=headers) as response:
                    body = b"" if response.status_code in _REDIRECTS else self._read(response)
            except httpx.TimeoutException as exc:
                raise TransientError(f"timed out: {type(exc).__name__}") from exc
            except httpx.RemoteProtocolError as exc:
                raise TransientError(f"truncated or broken response: {exc}") from exc
            except httpx.UnsupportedProtocol as exc:
                raise TerminalError(f"unsupported URL: {exc}") from exc
            except httpx.TransportError as exc:
                raise TransientError(f"connection failed: {type(exc).__name__}: {exc}") from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise TerminalError(f"request failed: {type(exc).__name__}: {exc}") from exc
        _raise_for_status(response, body)
        return response, body

    def _read(self, response: httpx.Response) -> bytes:
        limit = self.policy.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TerminalError(f"body of {declared} bytes over the {limit}-byte limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
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
    if status == 429 or status >= 500:
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
