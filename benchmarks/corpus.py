"""A generated national corpus for scale runs: N realistic ~10 KB reports on many loopback sites.

Each report is one of the five sample reports (``eval/docs``) rewritten for another county-level
division of China: the sample's own place names are replaced by the new division's (and its city's
and province's), the years are shifted together, and every Arabic number is perturbed by a few per
cent, so no two reports are the same text while each reads like a real report. The reports are
spread over ``sources`` TRS-style columns (``/site<k>/col/index.html`` with ``createPageHTML``
pagination, 20 rows a page) that one threaded HTTP server serves on 127.0.0.1 with delay 0.

Run: ``.venv/bin/python -m benchmarks.corpus --reports 1000 --sources 20 --out /tmp/corpus``
writes ``sources.toml`` and serves until Ctrl-C; other benchmarks import :func:`build_corpus`
and :func:`serve_corpus`.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


def sources_toml(base_url: str, sources: int) -> str:
    """A sources file naming every column of the served corpus."""
    return "".join(
        f'[[source]]\nid = "corpus-{k}"\nname = "generated column {k}"\n'
        f'start_urls = ["{base_url}/site{k}/col/index.html"]\n'
        "allow_private_addresses = true\ndelay_s = 0\n\n"
        for k in range(sources)
    )


@contextmanager
def serve_corpus(site: dict[str, bytes]) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (threaded, keep-alive); yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes

        def do_GET(self) -> None:
            body = site.get(self.path.split("?")[0])
            if self.path == "/robots.txt":
                body = b"User-agent: *\nAllow: /\n"
            self.send_response(200 if body is not None else 404)
            payload = body if body is not None else b"not found"
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--out", type=Path, default=None, help="write sources.toml and serve")
    args = parser.parse_args([] if __name__ != "__main__" else None)
    site = build_corpus(args.reports, args.sources)
    pages = sum(1 for p in site if "/t" in p)
    size = sum(len(v) for p, v in site.items() if "/t" in p) / max(pages, 1) / 1024
    print(f"{pages} report pages of {size:.1f} KB on average in {args.sources} columns")
    if args.out is None:
        return
    with serve_corpus(site) as base:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "sources.toml").write_text(sources_toml(base, args.sources), "utf-8")
        print(f"serving on {base}; sources in {args.out / 'sources.toml'}; Ctrl-C to stop")
        threading.Event().wait()


if __name__ == "__main__":
    main()
