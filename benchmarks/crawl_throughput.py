"""Benchmark: crawl throughput, re-crawl cost and politeness on a synthetic TRS site.

Serves a TRS column of ``--pages`` listing pages × ``--per-page`` report articles (each about
20 KB, the size of a real report page) on 127.0.0.1 and prints:
- the first crawl: wall time and fetches per second with no politeness delay;
- the re-crawl of the unchanged site: wall time, requests made and bodies re-downloaded;
- politeness: the smallest gap between request starts seen by the server with ``delay_s`` set.

Run: ``.venv/bin/python -m benchmarks.crawl_throughput [--pages 10 --per-page 20]``

``--reports N [--sources K]`` measures the crawler's CPU instead: the generated corpus of
``benchmarks.scale`` (``benchmarks/corpus.py``: N reports in K columns on K loopback hosts) is
served from this process, and each crawl runs alone in a child process that reports its own CPU
seconds (user + system, ``getrusage``), so the servers' CPU is not counted. ``--against DIR``
crawls with another checkout's ``fazhi`` (e.g. ``git worktree add /tmp/before main``) in
alternate rounds (``--rounds``, default 2), prints the two side by side per 1,000 documents,
and checks that both stored the same result: manifest rows (fetch times aside), raw objects,
and URL states. Profile a crawl with ``py-spy record --gil`` on the child (cProfile sees only
one thread, and the crawl runs in several).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import subprocess
import sys
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
    parser.add_argument("--reports", type=int, default=None, help="the crawler's CPU instead")
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--against", type=Path, default=None, help="a checkout to compare with")
    args = parser.parse_args()
    if args.reports is not None:
        compare_cpu(args.reports, args.sources, args.rounds, args.against)
        return
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


# --- the crawler's CPU per document, side by side with another checkout ----------------------
REPO = Path(__file__).resolve().parent.parent
# Run with -c in the checkout's folder, so that checkout's fazhi is the one imported (the
# current folder comes first on sys.path); it needs nothing from benchmarks/.
CRAWL_CHILD = """
import json, resource, sys, time
from pathlib import Path

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

started = cpu()
import fazhi
from fazhi.config import load_settings
from fazhi.crawl import store
from fazhi.crawl.hosts import crawl_hosts
from fazhi.crawl.sources import load_sources
from fazhi.parse.stage import select_document_rows

sources_file, data_dir = sys.argv[1], Path(sys.argv[2])
settings = load_settings(data_dir=data_dir)
sources = load_sources(Path(sources_file))
imported, wall = cpu(), time.perf_counter()
manifest = store.combine_manifests(crawl_hosts(sources, settings, "bench"))
print(json.dumps({
    "cpu": cpu() - imported, "imports": imported - started, "wall": time.perf_counter() - wall,
    "documents": select_document_rows(manifest).height, "rows": manifest.height,
    "fazhi": fazhi.__file__,
}))
"""


def crawl_in_child(checkout: Path, sources_file: Path, data_dir: Path) -> dict[str, Any]:
    """One crawl of the sources in a fresh process importing ``checkout``'s fazhi."""
    command = [sys.executable, "-c", CRAWL_CHILD, str(sources_file), str(data_dir)]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"crawl in {checkout} failed:\n{done.stderr[-3000:]}")
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not measured["fazhi"].startswith(str(checkout)):
        raise RuntimeError(f"the crawl imported {measured['fazhi']}, not {checkout}'s fazhi")
    measured["result"] = crawl_result(data_dir)
    return measured


def crawl_result(data_dir: Path) -> str:
    """A digest of what a crawl stored: its manifest rows without their fetch times, its raw
    objects (content-addressed, so their names) and every URL state."""
    import polars as pl

    lake = data_dir / "lake"
    manifests = sorted((lake / "raw" / "manifest").glob("run_id=*/*.parquet"))
    rows = pl.concat([pl.read_parquet(path) for path in manifests]).drop("fetched_at")
    rows = rows.sort(rows.columns, nulls_last=True)
    digest = hashlib.sha256(rows.write_csv().encode())
    for path in sorted((lake / "raw" / "objects").rglob("*")):
        if path.is_file():
            digest.update(f"{path.name} {path.stat().st_size}\n".encode())
    for path in sorted((lake / "state" / "crawl").glob("*/urls.json")):
        states = sorted(json.loads(path.read_text("utf-8")), key=lambda item: item["url"])
        digest.update(path.parent.name.encode() + json.dumps(states, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def compare_cpu(reports: int, sources: int, rounds: int, against: Path | None) -> None:
    """Crawl the generated corpus ``rounds`` times with this checkout (and, alternately, with
    ``against``) and print the crawler's CPU per 1,000 documents side by side."""
    from benchmarks.corpus import build_corpus, default_hosts, serve_hosts, sources_toml

    sides = [("this", REPO)] + ([("against", against.resolve())] if against else [])
    site = build_corpus(reports, sources)
    results: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in sides}
    with serve_hosts(site, default_hosts(sources)) as bases, tempfile.TemporaryDirectory() as tmp:
        sources_file = Path(tmp) / "sources.toml"
        sources_file.write_text(sources_toml(bases, sources), "utf-8")
        for round_ in range(rounds):
            order = sides if round_ % 2 == 0 else sides[::-1]
            for name, checkout in order:
                data_dir = Path(tmp) / f"{name}-{round_}"
                measured = crawl_in_child(checkout, sources_file, data_dir)
                results[name].append(measured)
                print(
                    f"round {round_ + 1} {name:<8} {measured['cpu']:7.2f} s CPU "
                    f"({1000 * measured['cpu'] / max(1, measured['documents']):.2f} per 1,000 "
                    f"documents), {measured['wall']:6.2f} s, {measured['documents']} documents, "
                    f"{measured['rows']} rows, result {measured['result']}",
                    flush=True,
                )
    print(f"{reports} reports in {sources} columns on {default_hosts(sources)} loopback hosts")
    print(f"{'':<10}{'CPU s / 1,000 documents':>26}{'imports s':>11}{'documents':>11}")
    for name, _ in sides:
        per_1000 = [1000 * m["cpu"] / max(1, m["documents"]) for m in results[name]]
        imports = [m["imports"] for m in results[name]]
        print(
            f"{name:<10}{', '.join(f'{v:.2f}' for v in per_1000):>26}"
            f"{max(imports):>11.2f}{results[name][0]['documents']:>11}"
        )
    distinct = {m["result"] for runs in results.values() for m in runs}
    print("same result in every crawl" if len(distinct) == 1 else f"RESULTS DIFFER: {distinct}")


if __name__ == "__main__":
    main()
