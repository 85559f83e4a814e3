"""The bundled sample government site, served on 127.0.0.1 for the demo run and the tests.

Reads the static files under fazhi/data/sample_site/ (built by tools/build_sample_site.py) and
serves them from a thread; writes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from fazhi.config import PACKAGE_DATA
from fazhi.crawl.sources import Source, load_sources

SAMPLE_SITE_DIR = PACKAGE_DATA / "sample_site"
SAMPLE_COLUMN = "/zwgk/fzzfjsbg/"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files with Last-Modified / If-Modified-Since support, without request logging."""

    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_sample_site() -> Iterator[str]:
    """Serve the sample site on 127.0.0.1 at an ephemeral port; yield its base URL."""
    handler = partial(_QuietHandler, directory=str(SAMPLE_SITE_DIR))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def sample_sources(base_url: str) -> list[Source]:
    """The sources file equivalent for the sample site served at ``base_url``."""
    return [
        Source(
            id="sample-fzbg",
            name=f"样例站点 法治政府建设年度报告 ({base_url})",
            start_urls=(base_url.rstrip("/") + SAMPLE_COLUMN,),
            allow_private_addresses=True,
            delay_s=0.0,  # our own loopback server needs no politeness delay
        )
    ]


@contextmanager
def sources_or_sample(sources_file: Path | None) -> Iterator[list[Source]]:
    """The sources of ``sources_file``, or without one the bundled sample site's, served on
    127.0.0.1 while the block runs."""
    if sources_file:
        yield load_sources(sources_file)
        return
    with serve_sample_site() as base_url:
        yield sample_sources(base_url)
