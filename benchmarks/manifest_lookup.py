"""Benchmark: reading manifests from a lake with a long history, on a loopback S3 server.

Writes ``--runs`` × ``--sources`` historic manifest files (50 rows each) into an s3:// lake on
moto's S3 server (127.0.0.1; a local folder when moto is not installed), then times:
- one run's manifest (``read_manifest_of_run``: what the sharded load reads), which should cost
  O(this run), not O(history);
- every row of every run (``read_manifest``: recovery's "what does the lake hold"), cold and
  again after one more run was written.
Printed: milliseconds and S3 requests of each. Moto answers in tens of milliseconds, sharing
this process; issue 16 measured 13.9 ms per manifest file on S3 (3,000 sites × 30 nights read in
about 21 minutes), so the request counts are the figure that carries over.

Run: ``.venv/bin/python -m benchmarks.manifest_lookup [--runs 30] [--sources 10]``
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.schemas import RAW_MANIFEST, conform

ROWS_PER_FILE = 50


@contextlib.contextmanager
def lake_settings(data_dir: Path) -> Iterator[tuple[Settings, str]]:
    """Settings of a lake on moto's S3 server, or of a local lake when moto is absent."""
    try:
        from tests.lake.s3_server import running_s3_server, s3_settings
    except ImportError:
        yield Settings(data_dir=data_dir), "local folder (moto not installed)"
        return
    with running_s3_server() as server:
        yield s3_settings(server, server.new_bucket(), data_dir), f"S3 at {server.endpoint_url}"


def manifest_rows(run_id: str, source_id: str) -> pl.DataFrame:
    rows = [
        {
            "run_id": run_id,
            "source_id": source_id,
            "kind": "article",
            "url": f"http://{source_id}.gov.cn/{run_id}/{n}.html",
            "sha256": f"{hash((run_id, source_id, n)) & (2**64 - 1):064x}",
            "fetched_at": datetime.now(UTC),
            "outcome": "new",
        }
        for n in range(ROWS_PER_FILE)
    ]
    return conform(pl.DataFrame(rows), RAW_MANIFEST)


class RequestCount(logging.Handler):
    """Counts the requests moto's server answers (its werkzeug access log)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


REQUESTS = RequestCount()


def timed(what: str, action: Callable[[], pl.DataFrame]) -> float:
    before, started = REQUESTS.count, time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    requests = REQUESTS.count - before
    print(f"  {what:<46} {seconds * 1000:9.1f} ms {requests:5d} requests ({result.height} rows)")
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sources", type=int, default=10)
    args = parser.parse_args(argv or [])
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.addHandler(REQUESTS)
    werkzeug.setLevel(logging.INFO)
    werkzeug.propagate = False
    with tempfile.TemporaryDirectory() as tmp, lake_settings(Path(tmp)) as (settings, where):
        runs = [f"run-{n:04d}" for n in range(args.runs)]
        for run_id in runs:
            for s in range(args.sources):
                store.write_manifest(settings, run_id, f"src{s}", manifest_rows(run_id, f"src{s}"))
        files = args.runs * args.sources
        print(
            f"{files} historic manifest files ({args.runs} runs x {args.sources} sources), {where}"
        )
        timed(
            "one run's manifest (read_manifest_of_run)",
            lambda: store.read_manifest_of_run(settings, runs[-1]),
        )
        timed("every run's rows (read_manifest), first time", lambda: store.read_manifest(settings))
        timed("every run's rows again, nothing new", lambda: store.read_manifest(settings))
        for s in range(args.sources):
            store.write_manifest(
                settings, "run-new", f"src{s}", manifest_rows("run-new", f"src{s}")
            )
        timed("every run's rows after one more run", lambda: store.read_manifest(settings))
        timed("the new run's manifest", lambda: store.read_manifest_of_run(settings, "run-new"))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
