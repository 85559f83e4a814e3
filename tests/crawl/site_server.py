"""A real HTTP server on 127.0.0.1 serving a scripted fixture site, for the crawler tests.

Each path maps to a :class:`Reply` (or a function of the request returning one). The server
answers ETag / If-None-Match with 304 when a reply allows it, can delay, truncate or redirect,
and logs every request so tests can assert what was fetched.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from benchmarks.corpus import RequestLog


@dataclass
class Reply:
    """One scripted answer."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    truncate: bool = False  # announce the full length, send half, close
    etag: bool = True  # send an ETag and answer If-None-Match with 304


@dataclass(frozen=True)
class Hit:
    """One request the server answered."""

    method: str
    path: str
    status: int
    body: bytes


Route = Reply | Callable[["Hit"], Reply]


class FixtureSite:
    """The routes of a fixture site and the log of requests made to it."""

    def __init__(self, in_flight: RequestLog | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.base_url = ""
        self.in_flight = in_flight
        self._lock = threading.Lock()

    def add(self, path: str, reply: Route) -> None:
        """Serve ``reply`` at ``path`` (query string included when it matters)."""
        self.routes[path] = reply

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base_url + path

    def fetched(self, path: str, status: int = 200) -> int:
        """How many requests for ``path`` were answered with ``status``."""
        return sum(1 for hit in self.hits if hit.path == path and hit.status == status)

    def requests_for(self, path: str) -> int:
        """How many requests for ``path`` arrived, whatever the answer."""
        return sum(1 for hit in self.hits if hit.path == path)

    def reply_for(self, method: str, path: str, body: bytes) -> Reply:
        route = self.routes.get(path) or self.routes.get(urlsplit(path).path)
        if route is None:
            return Reply(b"<html><body>not found</body></html>", status=404)
        return route(Hit(method, path, 0, body)) if callable(route) else route

    def log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)


def _handler(site: FixtureSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes

        def do_GET(self) -> None:
            self._answer(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._answer(self.rfile.read(length))

        def _answer(self, request_body: bytes) -> None:
            if site.in_flight is None:
                self._reply(request_body)
                return
            # what the servers saw, read by tests of concurrency instead of timing the crawl:
            # how many hosts wait side by side is a fact of the run, seconds depend on the machine
            began = time.monotonic()
            site.in_flight.started(site.base_url, self.path)
            try:
                self._reply(request_body)
            finally:
                site.in_flight.finished(site.base_url, self.path, began)

        def _reply(self, request_body: bytes) -> None:
            reply = site.reply_for(self.command, self.path, request_body)
            time.sleep(reply.delay_s)
            etag = '"' + hashlib.sha256(reply.body).hexdigest()[:16] + '"'
            if reply.etag and reply.status == 200 and self.headers.get("If-None-Match") == etag:
                site.log(Hit(self.command, self.path, 304, request_body))
                self._send(304, {"ETag": etag}, b"", 0)
                return
            headers = {"Content-Type": reply.content_type, **reply.headers}
            if reply.etag and reply.status == 200:
                headers["ETag"] = etag
            site.log(Hit(self.command, self.path, reply.status, request_body))
            sent = reply.body[: len(reply.body) // 2] if reply.truncate else reply.body
            self._send(reply.status, headers, sent, len(reply.body))

        def _send(self, status: int, headers: dict[str, str], body: bytes, length: int) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(length))
                if length != len(body):
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def serve(site: FixtureSite) -> Iterator[FixtureSite]:
    """Serve ``site`` on 127.0.0.1 at an ephemeral port while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
