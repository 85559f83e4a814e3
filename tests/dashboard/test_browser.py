"""The built dashboard in real headless Chromium (Debian's ``chromium``, driven by Playwright) at
desktop (1400 px) and phone (390 px) width: no JavaScript errors, no network, a map of China
with shapes, filters that change what is shown, CSV exports, and no sideways scrolling."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from fazhi.config import Settings, load_settings
from fazhi.localities import load_divisions
from fazhi.report.dashboard import build_dashboard

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}

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
        return str(self.page.locator(selector).first.inner_text()).strip()

    def option(self, chart: str, path: str) -> Any:
        """A value of the ECharts option of the chart drawn in ``#chart``."""
        return self.page.evaluate(
            f"echarts.getInstanceByDom(document.getElementById('{chart}')).getOption().{path}"
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_dashboard(browser: Any, index: Path, viewport: dict[str, int] = DESKTOP) -> OpenedPage:
    page = browser.new_page(viewport=viewport, accept_downloads=True)
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
def small_index(small_settings: Settings) -> Path:
    return build_dashboard(small_settings)


@pytest.fixture
def small(browser: Any, small_index: Path) -> Iterator[OpenedPage]:
    """A fresh page per test, so one test's filters do not leak into the next."""
    opened = open_dashboard(browser, small_index)
    opened.page.wait_for_selector("#map svg path")
    yield opened
    opened.page.close()


def test_small_page_loads_cleanly_and_offline(small: OpenedPage, tmp_path: Path) -> None:
    small.page.wait_for_selector("#trend-charts .chart svg")
    small.page.screenshot(path=str(tmp_path / "small.png"), full_page=True)
    assert small.errors == []
    assert all(url.startswith("file://") for url in small.requests), small.requests
    assert any(url.endswith("/assets/echarts.min.js") for url in small.requests)
    assert any(url.endswith("/assets/map-china.js") for url in small.requests)
    assert any(url.endswith("/trend/440000.js") for url in small.requests), "trends' shard"


def test_map_of_china_draws_a_shape_per_province(small: OpenedPage) -> None:
    assert small.page.locator("#coverage[data-map='china']").count() == 1
    assert small.page.locator("#map svg path").count() >= 34
    data = {d["code"]: d for d in small.option("map", "series[0].data") if "code" in d}
    assert len(data) >= 31
    assert (data["440000"]["covered"], data["440000"]["total"]) == (
        2,
        division_count(province_code="440000"),
    )
    assert data["110000"]["covered"] == 0, "a province without reports is a visible gap"


def row_cells(page: OpenedPage, table: str, name: str) -> list[str]:
    row = page.page.locator(f"#{table} tbody tr", has_text=name).first
    return [str(t).strip() for t in row.locator("td").all_inner_texts()]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("[data-tile=documents] b", "5"),
        ("[data-tile=facts] b", "8"),
        ("[data-tile=years] b", "2021–2023"),
        ("#runs-table tbody tr:first-child td:first-child", "2025-01-11 08:00"),
        ("#quarantine-table tbody", "in_set:indicator"),
        ("#quarantine-table tbody", "exists_in_dim_locality:locality_code"),
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
        "quality: newest run first, by its start",
        "quarantine: the refused fact's reason",
        "quarantine: the refused document's reason",
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


def test_fill_rate_uses_chinese_names(small: OpenedPage) -> None:
    assert row_cells(small, "fill-rate-table", "法律援助案件数")[1:] == ["4", "5", "80.0 %"]
    names = small.option("fill-chart", "yAxis[0].data")
    assert "法律援助案件数" in names and "aid_cases" not in names


@pytest.mark.parametrize(
    ("filters", "province", "covered", "documents"),
    [
        ({}, "广东省", "2", "4"),
        ({"#f-year": "2022"}, "广东省", "1", "1"),
        ({"#f-kind": "work_summary"}, "广东省", "0", "0"),
        ({"#f-kind": "work_summary"}, "浙江省", "1", "1"),
        ({"#f-indicator": "lit_head_appearance_rate"}, "广东省", "1", "2"),
        ({"#f-indicator": "aid_cases", "#f-year": "2023"}, "广东省", "2", "2"),
    ],
    ids=[
        "no filter: 廉江 and the province's own report",
        "a year: only 廉江 reported in 2022",
        "a kind: Guangdong has no work summary",
        "a kind: Zhejiang's work summary",
        "an indicator: only 廉江 states 出庭应诉率",
        "an indicator and a year together",
    ],
)
def test_filters_change_the_coverage(
    small: OpenedPage, filters: dict[str, str], province: str, covered: str, documents: str
) -> None:
    for select, value in filters.items():
        small.page.select_option(select, value)
    cells = row_cells(small, "coverage-provinces", province)
    assert (cells[1], cells[4]) == (covered, documents)
    data = {d["label"]: d for d in small.option("map", "series[0].data") if "label" in d}
    assert str(data[province]["covered"]) == covered, "the map follows the filters"


def test_filters_narrow_the_tables_and_charts(small: OpenedPage) -> None:
    page = small.page
    page.wait_for_selector("#trend-charts .chart svg")
    assert page.locator("#quarantine-table tbody tr").count() == 2
    page.select_option("#f-indicator", "aid_cases")
    assert page.locator("#trend-charts .chart").count() == 1
    assert page.locator("#trend-charts .chart[data-indicator='aid_cases']").count() == 1
    assert page.locator("#quarantine-table tbody tr").count() == 0, "neither row is aid_cases"
    fill = small.option("fill-chart", "series[0].data")
    highlighted = [d for d in fill if d["itemStyle"]["color"] == "#2f6fad"]
    assert len(highlighted) == 1, "the chosen indicator stands out in the fill-rate chart"
    page.click("#f-reset")
    assert page.locator("#trend-charts .chart").count() == 3


def test_coverage_drills_down_to_prefectures_and_counties(small: OpenedPage) -> None:
    page = small.page
    page.click("#coverage-provinces a[data-province='440000']")
    page.wait_for_selector("#coverage[data-map='440000']")
    assert page.input_value("#f-province") == "440000", "the map's drill-down is the filter"
    assert page.locator("#map svg path").count() >= 21
    cells = row_cells(small, "coverage-prefectures", "湛江市")
    assert cells[1:3] == ["1", str(division_count(city_code="440800"))]
    page.click("#coverage-prefectures a[data-unit='440800']")
    row = page.locator("#coverage-county-grid tr:has-text('廉江市') td")
    assert row.all_inner_texts()[-3:] == ["✓", "✓", "✓"]
    assert "湛江市" in small.text("#coverage-crumbs")


def test_quality_chart_has_axes_and_runs_labelled_by_time(small: OpenedPage) -> None:
    labels = small.option("quality-chart", "xAxis[0].data")
    assert labels == ["2025-01-10\n08:00", "2025-01-11\n08:00"], "dates, not run ids"
    assert small.option("quality-chart", "yAxis[0].type") == "log"
    assert "rows" in small.option("quality-chart", "yAxis[0].name")
    warned = small.option("quality-chart", "series[1].data")
    assert [d["count"] for d in warned] == [1, 0]
    assert small.page.locator("#expectations-table tbody tr").count() == 2, "latest run"
    small.page.select_option("#quality-run", "run-1")
    assert small.page.locator("#expectations-table tbody tr").count() == 4
    assert small.page.locator("#data-docs a").get_attribute("href") == "../data_docs/index.html"


def test_trends_open_on_the_locality_with_most_years(small: OpenedPage) -> None:
    page = small.page
    page.wait_for_selector("#trend-charts[data-locality='440881']")
    assert page.input_value("#trend-locality") == "440881", "廉江市 has three years"
    chart = page.locator("#trend-charts [data-indicator='aid_cases'] .plot")
    values = page.evaluate(
        "(el) => echarts.getInstanceByDom(el).getOption().series[0].data.map(d => d && d.value)",
        chart.element_handle(),
    )
    assert values == [990, 1100, 1215]
    link = page.locator("#trend-table tr:has-text('2023'):has-text('法律援助案件数') a")
    assert link.get_attribute("href") == "http://127.0.0.1:8765/440881/2023.html"


@pytest.mark.parametrize(
    ("table", "filename", "header", "row"),
    [
        ("coverage-provinces", "coverage-china.csv", "省份 Province", "440000,广东省,2,"),
        (
            "quarantine-table",
            "quarantine.csv",
            "网址 URL",
            "http://127.0.0.1:8765/999999/2023.html",
        ),
        ("fill-rate-table", "fill-rate.csv", "指标 indicator", "法律援助案件数,aid_cases,4,5,80"),
    ],
    ids=["coverage with codes", "quarantine with URLs", "fill rate"],
)
def test_tables_export_csv_with_a_bom(
    small: OpenedPage, tmp_path: Path, table: str, filename: str, header: str, row: str
) -> None:
    with small.page.expect_download() as download:
        small.page.click(f"button[data-export='{table}']")
    assert download.value.suggested_filename == filename
    path = tmp_path / filename
    download.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads the Chinese"
    text = raw.decode("utf-8-sig")
    assert header in text.splitlines()[0]
    assert row in text


def test_phone_width_has_no_sideways_scroll(
    browser: Any, small_index: Path, tmp_path: Path
) -> None:
    opened = open_dashboard(browser, small_index, PHONE)
    page = opened.page
    page.wait_for_selector("#map svg path")
    page.select_option("#f-province", "440000")
    page.wait_for_selector("#coverage[data-map='440000']")
    page.click("#coverage-prefectures a[data-unit='440800']")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert opened.errors == []
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop 1400 px", "phone 390 px"])
def test_synthetic_warehouse_renders(
    browser: Any,
    nationwide_index: Path,
    nationwide_settings: Settings,
    tmp_path: Path,
    viewport: dict[str, int],
) -> None:
    opened = open_dashboard(browser, nationwide_index, viewport)
    page = opened.page
    page.wait_for_selector("#map svg path")
    page.wait_for_selector("#trend-charts .chart svg")
    page.screenshot(path=str(tmp_path / "synthetic.png"), full_page=True)
    assert opened.errors == []
    with duckdb.connect(str(nationwide_settings.duckdb_path), read_only=True) as con:
        (facts,) = con.execute("SELECT count(*) FROM fact_indicator").fetchone() or (0,)
        (runs,) = con.execute("SELECT count(*) FROM pipeline_run").fetchone() or (0,)
    assert opened.text("[data-tile=facts] b") == f"{facts:,}"
    assert page.locator("#map svg path").count() >= 34
    assert page.locator("#coverage-provinces tbody tr").count() == 34
    assert page.locator("#trend-charts .chart").count() > 10
    assert len(opened.option("quality-chart", "xAxis[0].data")) == runs
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.close()


def test_empty_warehouse_renders_placeholders(
    browser: Any, template_warehouse: Path, tmp_path: Path
) -> None:
    shutil.copy(template_warehouse, tmp_path / "fazhi.duckdb")
    opened = open_dashboard(browser, build_dashboard(load_settings(data_dir=tmp_path)))
    assert opened.errors == []
    assert "No reports loaded yet" in opened.text("#coverage-caption")
    assert "No runs recorded yet" in opened.text("#quality-chart")
    assert "No values loaded yet" in opened.text("#trend-charts")
    opened.page.close()
