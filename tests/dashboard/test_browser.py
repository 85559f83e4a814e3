"""The built dashboard in real headless Chromium (Debian's ``chromium``, driven by Playwright):
no JavaScript errors, no network, and every section shows the numbers the warehouse holds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from fazhi.catalog import load_catalog
from fazhi.config import Settings, load_settings
from fazhi.dashboard import build_dashboard
from fazhi.localities import load_divisions

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make browser)"
    ),
]


@dataclass
class OpenedPage:
    """A dashboard page and what it did while loading."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).inner_text()).strip()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_dashboard(browser: Any, index: Path) -> OpenedPage:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    opened = OpenedPage(page)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.goto(index.resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']")
    return opened


def division_count(**match: str) -> int:
    """Divisions outside function zones whose attributes equal ``match``, from the dictionary."""
    return len(
        {
            d.code
            for d in load_divisions()
            if not d.is_function_zone and all(getattr(d, k) == v for k, v in match.items())
        }
    )


@pytest.fixture(scope="module")
def small(browser: Any, small_settings: Settings) -> Iterator[OpenedPage]:
    opened = open_dashboard(browser, build_dashboard(small_settings))
    yield opened
    opened.page.close()


def test_small_page_loads_cleanly_and_offline(small: OpenedPage, tmp_path: Path) -> None:
    small.page.screenshot(path=str(tmp_path / "small.png"), full_page=True)
    assert small.errors == []
    assert all(url.startswith("file://") for url in small.requests), small.requests
    assert any(url.endswith("/trend/330000.js") for url in small.requests), "shard loaded"


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("[data-tile=documents] b", "5"),
        ("[data-tile=facts] b", "8"),
        ("[data-tile=years] b", "2021–2023"),
        (
            "#coverage-provinces td[data-province='440000'][data-year='2023']",
            f"2 / {division_count(province_code='440000')}",
        ),
        (
            "#coverage-provinces td[data-province='110000'][data-year='2021']",
            f"0 / {division_count(province_code='110000')}",
        ),
        ("#runs-table tbody tr:first-child td:first-child", "run-2"),
        ("#quarantine-table tbody", "aid_amount"),
        ("#quarantine-table tbody", "exists_in_dim_locality:locality_code"),
        ("#fill-rate-table tbody tr:has-text('法律援助案件数') td:last-child", "4 / 5"),
        ("#caliber-counts tbody tr:has-text('rate_above_100') td:last-child", "1"),
        ("#caliber-table tbody tr:has-text('行政机关负责人出庭应诉率') td:nth-child(2)", "105 %"),
        ("#unmapped-table tbody tr:first-child td:first-child", "办结信访事项N件"),
        ("#unmapped-table tbody tr:first-child td:nth-child(3)", "3"),
        ("#freshness-sources tr:has-text('src-blocked') .badge", "blocked"),
        ("#freshness-sources tr:has-text('src-flaky') .badge", "failing"),
        ("#freshness-sources tr:has-text('src-440881') .badge", "ok"),
    ],
    ids=[
        "summary: documents",
        "summary: facts",
        "summary: report years",
        "coverage: Guangdong 2023 has its own and 廉江's report",
        "coverage: Beijing is a visible gap",
        "quality: newest run first",
        "quarantine: the refused fact",
        "quarantine: the refused document's reason",
        "fill rate of aid cases",
        "caliber: one rate above 100",
        "caliber: 出庭应诉率 105 %",
        "unmapped: most frequent pattern",
        "unmapped: its count",
        "freshness: blocked source",
        "freshness: failing source",
        "freshness: healthy source",
    ],
)
def test_small_sections_show_the_warehouse_numbers(
    small: OpenedPage, selector: str, expected: str
) -> None:
    assert expected in small.text(selector)


def test_small_quality_chart_and_expectations(small: OpenedPage) -> None:
    page = small.page
    bars = page.locator("#quality-svg rect")
    assert bars.count() == 6, "three bars for each of two runs"
    warned = page.locator("#quality-svg rect[data-run='run-1'][data-kind='warned']")
    assert warned.get_attribute("data-count") == "1"
    assert page.locator("#expectations-table tbody tr").count() == 2, "latest run selected"
    page.select_option("#quality-run", "run-1")
    assert page.locator("#expectations-table tbody tr").count() == 4
    assert page.locator("#data-docs a").get_attribute("href") == "../data_docs/index.html"
    link = page.locator("#quarantine-table a", has_text="某县2023年报告")
    assert link.get_attribute("href") == "http://127.0.0.1:8765/999999/2023.html"


def test_small_coverage_drills_down_to_counties(small: OpenedPage, tmp_path: Path) -> None:
    page = small.page
    page.click("#coverage-provinces tr[data-province='440000'] th")
    cell = page.locator("#coverage-prefectures td[data-prefecture='440800'][data-year='2022']")
    assert cell.inner_text() == f"1 / {division_count(city_code='440800')}"
    page.click("#coverage-prefectures tr[data-prefecture='440800'] th")
    row = page.locator("#coverage-county-grid tr[data-locality='440881'] td")
    assert row.all_inner_texts() == ["✓", "✓", "✓"]
    page.locator("#coverage").screenshot(path=str(tmp_path / "coverage.png"))


def test_small_trend_points_link_to_their_documents(small: OpenedPage, tmp_path: Path) -> None:
    page = small.page
    page.select_option("#trend-province", "440000")
    page.wait_for_selector("#trend-locality option[value='440881']", state="attached")
    page.select_option("#trend-locality", "440881")
    points = page.locator("#trend-charts [data-indicator='aid_cases'] circle")
    assert [points.nth(i).get_attribute("data-value") for i in range(3)] == ["990", "1100", "1215"]
    links = page.locator("#trend-charts [data-indicator='aid_cases'] a")
    assert links.nth(2).get_attribute("href") == "http://127.0.0.1:8765/440881/2023.html"
    page.locator("#trends").screenshot(path=str(tmp_path / "trends.png"))


def test_million_fact_dashboard_renders(browser: Any, million_index: Path, tmp_path: Path) -> None:
    opened = open_dashboard(browser, million_index)
    page = opened.page
    page.screenshot(path=str(tmp_path / "million.png"))
    assert opened.errors == []
    assert page.locator("#coverage-provinces tbody tr").count() >= 31
    facts = min(3000, division_count(level="county")) * 7 * len(load_catalog())
    assert opened.text("[data-tile=facts] b") == f"{facts:,}"
    assert page.locator("#trend-charts .chart").count() == 51, "every indicator of a county"
    assert page.locator("#quality-svg rect").count() == 7 * 3
    assert page.locator("#quarantine-table tbody tr").count() > 0
    page.close()


def test_empty_warehouse_renders_placeholders(
    browser: Any, template_warehouse: Path, tmp_path: Path
) -> None:
    shutil.copy(template_warehouse, tmp_path / "fazhi.duckdb")
    opened = open_dashboard(browser, build_dashboard(load_settings(data_dir=tmp_path)))
    assert opened.errors == []
    assert "No reports loaded yet" in opened.text("#coverage-grid")
    assert "No runs recorded yet" in opened.text("#quality-chart")
    assert "No values loaded yet" in opened.text("#trend-charts")
    opened.page.close()
