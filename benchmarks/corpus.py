"""A generated national corpus for scale runs: N realistic ~10 KB reports on many loopback sites.

Each report is one of the five sample reports (``eval/docs``) rewritten for another county-level
division of China: the sample's own place names are replaced by the new division's (and its city's
and province's), the years are shifted together, and every Arabic number is perturbed by a few per
cent, so no two reports are the same text while each reads like a real report. The reports are
spread over ``sources`` TRS-style columns (``/site<k>/col/index.html`` with ``createPageHTML``
pagination, 20 rows a page), served with delay 0 by ``hosts`` threaded HTTP servers on loopback,
column k on host k mod ``hosts``. A national crawl touches thousands of sites, a few columns
each, and crawls one host's columns one after another for politeness (``fazhi.crawl.hosts``):
every column on one host made the benchmark's crawl sequential, which a real crawl is not. Each
host is its own loopback address, 127.0.0.1, 127.0.0.2, … (Linux routes all of 127.0.0.0/8 to
loopback), or with ``distinct_addresses=False`` a port of 127.0.0.1: the crawler counts a host
as its name and port (``fazhi.crawl.fetch.authority``), for its groups and its request slots.

Run: ``.venv/bin/python -m benchmarks.corpus --reports 1000 --sources 20 --out /tmp/corpus``
writes ``sources.toml`` and serves until Ctrl-C; other benchmarks import :func:`build_corpus`,
:func:`serve_hosts` (or :func:`serve_corpus`, one host) and :func:`sources_toml`.
"""

from __future__ import annotations

import argparse
import csv
import ipaddress
import itertools
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from fazhi.localities import Division, load_divisions

EVAL = Path(__file__).resolve().parent.parent / "eval"
TARGET_BYTES = 10 * 1024
ROWS_PER_PAGE = 20
YEARS = range(2016, 2025)


@dataclass(frozen=True, slots=True)
class Seed:
    text: str
    year: int
    names: tuple[str, str, str]  # county-level (or city), city, province as the sample writes them


@dataclass(frozen=True, slots=True)
class Report:
    path: str
    title: str
    html: bytes
    locality_code: str
    year: int


def read_seeds() -> list[Seed]:
    """The sample reports with the place names and year their gold row gives."""
    with (EVAL / "gold" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Seed(
            text=_ten_kb((EVAL / "docs" / row["doc"]).read_text("utf-8")),
            year=int(row["report_year"]),
            names=(row["locality_name"], row["city"], row["province"]),
        )
        for row in rows
    ]


def _ten_kb(text: str) -> str:
    cut = text.encode()[:TARGET_BYTES].decode("utf-8", "ignore")
    return cut[: cut.rfind("。") + 1] or cut


def _counties() -> list[Division]:
    return [
        d
        for d in load_divisions()
        if d.level == "county" and not d.is_function_zone and d.city_name
    ]


_NUMBER = re.compile(r"(?<![\d.])(\d{2,7})(?![\d.])")
_YEAR = re.compile(r"(20[12]\d)(?=\s*年)")


def rewrite(seed: Seed, division: Division, year: int, rng: random.Random) -> str:
    """The seed report as if written by ``division`` about ``year``, with perturbed figures."""
    shift = year - seed.year
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), seed.text)
    text = _NUMBER.sub(lambda m: _perturb(m.group(1), rng), text)
    county, city, province = seed.names
    for old, new in ((county, division.name), (city, division.city_name or division.name)):
        if old:
            text = text.replace(old, new)
            text = text.replace(old[:-1], new[:-1]) if len(old) > 2 and len(new) > 2 else text
    return text.replace(province, division.province_name)


def _perturb(digits: str, rng: random.Random) -> str:
    if 1990 <= int(digits) <= 2035:  # a year written without 年
        return digits
    return str(max(1, round(int(digits) * rng.uniform(0.9, 1.1))))


def build_corpus(reports: int, sources: int, seed: int = 2026) -> dict[str, bytes]:
    """Path → body of ``sources`` columns holding ``reports`` report pages in all."""
    rng = random.Random(seed)
    seeds, counties = read_seeds(), _counties()
    site: dict[str, bytes] = {}
    rows: dict[int, list[str]] = {k: [] for k in range(sources)}
    for n in range(reports):
        division, year = counties[rng.randrange(len(counties))], rng.choice(YEARS)
        body = rewrite(seeds[n % len(seeds)], division, year, rng)
        title = f"{division.name}{year}年法治政府建设年度报告"
        source = n % sources
        path = f"/site{source}/col/{year + 1}01/t{year + 1}0301_{n}.html"
        paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
        site[path] = (
            f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1>{title}</h1><div class='TRS_Editor'>{paragraphs}</div></body></html>"
        ).encode()
        rows[source].append(f'<li><a href="{path}" title="{title}">{title}</a></li>')
    for source, links in rows.items():
        site.update(_listing_pages(source, links))
    return site


def _listing_pages(source: int, links: list[str]) -> dict[str, bytes]:
    pages = max(1, -(-len(links) // ROWS_PER_PAGE))
    out = {}
    for page in range(pages):
        chunk = links[page * ROWS_PER_PAGE : (page + 1) * ROWS_PER_PAGE]
        name = "index.html" if page == 0 else f"index_{page}.html"
        script = f'<script>createPageHTML({pages}, {page}, "index", "html");</script>'
        html = f"<html><body><ul>{''.join(chunk)}</ul>{script}</body></html>"
        out[f"/site{source}/col/{name}"] = html.encode()
    return out


def sources_toml(base_urls: Sequence[str], sources: int) -> str:
    """A sources file naming every column of the served corpus, column k on host k mod hosts."""
    return "".join(
        f'[[source]]\nid = "corpus-{k}"\nname = "generated column {k}"\n'
        f'start_urls = ["{base_urls[k % len(base_urls)]}/site{k}/col/index.html"]\n'
        "allow_private_addresses = true\ndelay_s = 0\n\n"
        for k in range(sources)
    )


def default_hosts(sources: int) -> int:
    """One host per column, as the real columns of ``deploy/sources.toml`` are (six on six sites)
    and as a national crawl's are (thousands of sites, a few columns each)."""
    return max(1, sources)


@dataclass
class RequestLog:
    """What the servers saw, to check the crawler's politeness: the most requests one host had
    in flight (and all hosts together), the first and last moment each column of each host was
    requested, the most hosts requested at once, and how often each path was asked for."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: dict[str, int] = field(default_factory=dict)
    most_in_flight: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    columns: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    hosts_in_flight: int = 0
    most_hosts_in_flight: int = 0
    total_in_flight: int = 0
    most_total_in_flight: int = 0
    paths: Counter[str] = field(default_factory=Counter)

    def started(self, host: str, path: str) -> None:
        with self.lock:
            self.paths[path] += 1
            self.total_in_flight += 1
            self.most_total_in_flight = max(self.most_total_in_flight, self.total_in_flight)
            now = self.in_flight.get(host, 0) + 1
            self.in_flight[host] = now
            self.requests[host] = self.requests.get(host, 0) + 1
            self.most_in_flight[host] = max(self.most_in_flight.get(host, 0), now)
            if now == 1:
                self.hosts_in_flight += 1
                self.most_hosts_in_flight = max(self.most_hosts_in_flight, self.hosts_in_flight)

    def finished(self, host: str, path: str, began: float) -> None:
        column = path.split("/")[1] if path.startswith("/site") else ""
        with self.lock:
            self.total_in_flight -= 1
            self.in_flight[host] -= 1
            if self.in_flight[host] == 0:
                self.hosts_in_flight -= 1
            if column:
                first, last = self.columns.get((host, column), (began, began))
                self.columns[(host, column)] = (min(first, began), max(last, time.monotonic()))

    def overlapping_columns(self) -> list[tuple[str, str, str]]:
        """(host, column, column) for two columns of one host whose crawls overlapped in time."""
        spans: dict[str, list[tuple[float, float, str]]] = {}
        for (host, column), (first, last) in self.columns.items():
            spans.setdefault(host, []).append((first, last, column))
        overlaps = []
        for host, host_spans in spans.items():
            host_spans.sort()
            for (_, end, a), (begin, _, b) in itertools.pairwise(host_spans):
                if begin < end:
                    overlaps.append((host, a, b))
        return overlaps

    def politeness(self) -> str:
        """One line: what :meth:`overlapping_columns` and the in-flight counts found."""
        most = max(self.most_in_flight.values(), default=0)
        overlaps = self.overlapping_columns()
        return (
            f"{sum(self.requests.values())} requests on {len(self.requests)} hosts; at most "
            f"{most} in flight on one host; {len(overlaps)} overlapping crawls of two columns "
            f"of one host; at most {self.most_hosts_in_flight} hosts requested at once"
        )


def host_addresses(hosts: int, distinct_addresses: bool = True) -> list[str]:
    """The bind address of each host: 127.0.0.1, 127.0.0.2, … or 127.0.0.1 for every one."""
    first = ipaddress.IPv4Address("127.0.0.1")
    return [str(first + (h if distinct_addresses else 0)) for h in range(hosts)]


@contextmanager
def serve_hosts(
    site: dict[str, bytes],
    hosts: int,
    distinct_addresses: bool = True,
    log: RequestLog | None = None,
) -> Iterator[list[str]]:
    """Serve ``site`` on ``hosts`` loopback servers (threaded, keep-alive); yield their base URLs.

    Every host serves the whole site; a column's listing links are relative, so its crawl stays
    on the host its start URL names.
    """
    seen = log if log is not None else RequestLog()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes

        def do_GET(self) -> None:
            address, port = self.connection.getsockname()[:2]  # the host this server is
            host, began = f"{address}:{port}", time.monotonic()
            # In flight from the request's arrival until its answer leaves: a span inside the
            # client's hold on its request slot, so two spans that overlap on the server are
            # two slots held at once (once the answer is out, the client may ask again before
            # this thread would have counted the request done).
            seen.started(host, self.path)
            try:
                body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else None
                body = body or site.get(self.path.split("?")[0])
            finally:
                seen.finished(host, self.path, began)
            self.send_response(200 if body is not None else 404)
            payload = body if body is not None else b"not found"
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_: object) -> None:
            return

    with ExitStack() as stack:
        bases = []
        for address in host_addresses(hosts, distinct_addresses):
            server = ThreadingHTTPServer((address, 0), Handler)
            stack.callback(server.server_close)
            stack.callback(server.shutdown)  # unwinds first: last in, first out
            threading.Thread(target=server.serve_forever, daemon=True).start()
            bases.append(f"http://{address}:{server.server_address[1]}")
        yield bases


@contextmanager
def serve_corpus(site: dict[str, bytes]) -> Iterator[str]:
    """Serve ``site`` on one host, 127.0.0.1; yield its base URL."""
    with serve_hosts(site, 1) as bases:
        yield bases[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--hosts", type=int, default=None, help="default: one per source")
    parser.add_argument("--out", type=Path, default=None, help="write sources.toml and serve")
    args = parser.parse_args([] if __name__ != "__main__" else None)
    site = build_corpus(args.reports, args.sources)
    pages = sum(1 for p in site if "/t" in p)
    size = sum(len(v) for p, v in site.items() if "/t" in p) / max(pages, 1) / 1024
    print(f"{pages} report pages of {size:.1f} KB on average in {args.sources} columns")
    if args.out is None:
        return
    with serve_hosts(site, args.hosts or default_hosts(args.sources)) as bases:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "sources.toml").write_text(sources_toml(bases, args.sources), "utf-8")
        print(f"serving on {len(bases)} hosts from {bases[0]}; sources in {args.out}; Ctrl-C")
        threading.Event().wait()


if __name__ == "__main__":
    main()
