"""Benchmark: crawl throughput, re-crawl cost and politeness on a synthetic TRS site.

Serves a TRS column of ``--pages`` listing pages × ``--per-page`` report articles (each about
20 KB, the size of a real report page) on 127.0.0.1 and prints:
- the first crawl: wall time and fetches per second with no politeness delay;
- the re-crawl of the unchanged site: wall time, requests made and bodies re-downloaded;
- politeness: the smallest gap between request starts seen by the server with ``delay_s`` set.

Run: ``.venv/bin/python -m benchmarks.crawl_throughput [--pages 10 --per-page 20]``
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from fazhi.config import Settings
from fazhi.crawl.crawler import crawl_source, summarise_manifest
from fazhi.crawl.sources import Source

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def build_site(pages: int, per_page: int) -> dict[str, bytes]:
    """Path → body of a TRS column with ``pages`` × ``per_page`` report articles."""
    site: dict[str, bytes] = {}
    body = "<p>" + "本年度依法行政工作取得积极成效，行政复议案件办结率百分之百。" * 350 + "</p>"
    for page in range(pages):
        rows = []
        for n in range(per_page):
            number = page * per_page + n
            path = f"/col/2024{number % 12 + 1:02d}/t20240101_{number}.html"
            title = f"第{number}区2023年法治政府建设年度报告"
            rows.append(f'<li><a href="{path}">{title}</a><span>2024-01-01</span></li>')
            site[path] = (
                f"<html><body><h1>{title}</h1><div class='TRS_Editor'>{body}</div></body></html>"
            ).encode()
        name = "index.html" if page == 0 else f"index_{page}.html"
        script = f'<script>createPageHTML({pages}, {page}, "index", "html");</script>'
        listing = f"<html><body><ul>{''.join(rows)}</ul>{script}</body></html>"
        site[f"/col/{name}"] = listing.encode()
    return site


@contextmanager
def serve(site: dict[str, bytes]) -> Iterator[tuple[str, list[tuple[float, str, int]]]]:
    """Serve ``site`` with Last-Modified validators; yield (base URL, request log)."""
    log: list[tuple[float, str, int]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            body = site.get(self.path)
            status = 404 if body is None else 200
            if body is not None and self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                status, body = 304, b""
            log.append((time.monotonic(), self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()


def timed_crawl(source: Source, settings: Settings, run_id: str) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    manifest = crawl_source(source, settings, run_id)
    return time.perf_counter() - started, summarise_manifest(manifest).row(0, named=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    site = build_site(args.pages, args.per_page)
    with serve(site) as (base_url, log), tempfile.TemporaryDirectory() as tmp:
        source = Source(
            id="bench",
            name="bench",
            start_urls=(f"{base_url}/col/index.html",),
            allow_private_addresses=True,
            delay_s=0.0,
        )
        settings = Settings(data_dir=Path(tmp), max_pages=args.pages + 1)
        seconds, summary = timed_crawl(source, settings, "first")
        fetches = len(log)
        print(
            f"first crawl : {seconds:6.2f} s, {fetches} requests, {fetches / seconds:6.1f} "
            f"fetches/s, {summary['reports']} reports, {summary['new']} new"
        )
        log.clear()
        seconds, summary = timed_crawl(source, settings, "second")
        bodies = sum(1 for _, path, status in log if status == 200 and "/t2024" in path)
        print(
            f"re-crawl    : {seconds:6.2f} s, {len(log)} requests, {bodies} article bodies "
            f"re-downloaded, {summary['unchanged']} unchanged"
        )
        polite_gap(base_url, log, args.delay, Path(tmp))


def polite_gap(base_url: str, log: list[tuple[float, str, int]], delay: float, tmp: Path) -> None:
    """Smallest gap between request starts when crawling with ``delay`` seconds per host."""
    log.clear()
    source = Source(
        id="polite",
        name="polite",
        start_urls=(f"{base_url}/col/index.html",),
        allow_private_addresses=True,
        delay_s=delay,
        max_pages=2,
    )
    crawl_source(source, Settings(data_dir=tmp / "polite"), "polite")
    starts = sorted(t for t, _, _ in log)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    print(
        f"politeness  : delay_s={delay}: {len(starts)} requests, smallest gap "
        f"{min(gaps):.3f} s, mean gap {sum(gaps) / len(gaps):.3f} s"
    )


if __name__ == "__main__":
    main()
