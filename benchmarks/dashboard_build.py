"""Benchmark: building the dashboard for a synthetic warehouse of about 0.9 million facts.

Every county-level locality of the division dictionary (2,888 outside function zones), each
reporting from a start year between 2011 and 2019 up to 2023 and stating a share of the
catalogue that differs per indicator, with runs, validations, quarantine rows and mentions,
written by ``fazhi.report.dashboard.synthetic``. Prints the time to build the synthetic
warehouse, the median build time of the dashboard over a few builds, the size of what the page
loads and the time headless Chromium takes to draw it. Target: build under 10 s.

``--screenshots DIR`` also saves the page at desktop and phone width (``dashboard-desktop.png``,
``dashboard-phone.png``; the README's pictures are made this way).

Run: ``.venv/bin/python -m benchmarks.dashboard_build [--data-dir DIR] [--repeats N]
[--screenshots docs/img]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from fazhi.config import load_settings
from fazhi.report.dashboard import build_dashboard
from fazhi.report.dashboard.synthetic import build_synthetic_warehouse

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
    parser.add_argument(
        "--screenshots", type=Path, default=None, help="save desktop and phone screenshots here"
    )
    return parser.parse_args()


def _size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def run(data_dir: Path, repeats: int, screenshots: Path | None = None) -> None:
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
    print_render_time(index, screenshots)


# Width, height of the picture (the top of the page: summary, filters, map and its table) and
# file name of each screenshot.
VIEWS = ((1400, 1250, "dashboard-desktop.png"), (390, 1700, "dashboard-phone.png"))


def print_render_time(index: Path, screenshots: Path | None = None) -> None:
    """Time from navigation until the page has rendered every section, in headless Chromium."""
    if not CHROMIUM.exists():
        print("render time: skipped (no /usr/bin/chromium; make browser installs it)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width, height, name in VIEWS:
            page = browser.new_page(viewport={"width": width, "height": height})
            started = time.perf_counter()
            page.goto(index.resolve().as_uri())
            page.wait_for_selector("body[data-ready='1']")
            page.wait_for_selector("#map svg path")
            page.wait_for_selector("#trend-charts .chart svg")
            wide = page.evaluate("document.documentElement.scrollWidth")
            print(
                f"render time in headless Chromium at {width} px: "
                f"{time.perf_counter() - started:.2f} s (to every section drawn, the map and the "
                f"first province's trends included); page width {wide} px"
            )
            if screenshots is not None:
                _pick_a_year(page)
                screenshots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshots / name))
            page.close()
        browser.close()


def _pick_a_year(page: Any) -> None:
    """Show one early year: over all years nearly every synthetic county has reported, and a
    map of one colour would show neither the scale nor the filters."""
    years = sorted(
        v for v in page.eval_on_selector_all("#f-year option", "os => os.map(o => o.value)") if v
    )
    if years:
        page.select_option("#f-year", years[len(years) // 3])
        page.wait_for_timeout(500)


def main() -> None:
    args = _parse_args()
    if args.data_dir is not None:
        run(args.data_dir, args.repeats, args.screenshots)
        return
    with tempfile.TemporaryDirectory(prefix="fazhi-dashboard-bench-") as tmp:
        run(Path(tmp), args.repeats, args.screenshots)


if __name__ == "__main__":
    main()
