"""Benchmark: building the dashboard for a synthetic warehouse of about a million facts.

3,000 county-level localities (as many as the division dictionary has outside function zones)
× 7 report years × every catalogue indicator, with runs, validations, quarantine rows and
mentions, written by ``fazhi.dashboard.synthetic``. Prints the time to build the synthetic
warehouse, the median build time of the dashboard over a few builds, and the size of what the
page loads. Target: build under 10 s.

Run: ``.venv/bin/python -m benchmarks.dashboard_build [--data-dir DIR] [--repeats N]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from fazhi.config import load_settings
from fazhi.dashboard import build_dashboard
from fazhi.dashboard.synthetic import build_synthetic_warehouse

TARGET_S = 10.0
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where to build the synthetic warehouse (default: a temp dir)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    return parser.parse_args()


def _size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def run(data_dir: Path, repeats: int) -> None:
    settings = load_settings(data_dir=data_dir)
    started = time.perf_counter()
    build_synthetic_warehouse(settings)
    print(f"synthetic warehouse built in {time.perf_counter() - started:.1f} s")
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        (facts,) = con.execute("SELECT count(*) FROM fact_indicator").fetchone() or (0,)
    print(f"facts: {facts:,}")
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        index = build_dashboard(settings)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    shards = sorted((index.parent / "trend").glob("*.js"))
    print(
        f"dashboard build: median {median:.2f} s over {repeats} (min {min(timings):.2f} s, "
        f"target < {TARGET_S:.0f} s: {'met' if median < TARGET_S else 'MISSED'})"
    )
    print(
        f"page load: data.js {_size_mb([index.parent / 'data.js']):.2f} MB; "
        f"{len(shards)} trend shards, {_size_mb(shards):.1f} MB in all, "
        f"largest {max(p.stat().st_size for p in shards) / 1e6:.2f} MB (loaded on demand)"
    )
    print_render_time(index)


def print_render_time(index: Path) -> None:
    """Time from navigation until the page has rendered every section, in headless Chromium."""
    if not CHROMIUM.exists():
        print("render time: skipped (no /usr/bin/chromium; make browser installs it)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        started = time.perf_counter()
        page.goto(index.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']")
        page.wait_for_selector("#trend-charts .chart")
        print(
            f"render time in headless Chromium: {time.perf_counter() - started:.2f} s "
            "(to every section drawn, first province's trends included)"
        )
        browser.close()


def main() -> None:
    args = _parse_args()
    if args.data_dir is not None:
        run(args.data_dir, args.repeats)
        return
    with tempfile.TemporaryDirectory(prefix="fazhi-dashboard-bench-") as tmp:
        run(Path(tmp), args.repeats)


if __name__ == "__main__":
    main()
