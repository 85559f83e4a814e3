"""Malformed hrefs and Location headers: recorded on their link with a reason, never raised."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from selectolax.lexbor import LexborHTMLParser

from fazhi.config import Settings
from fazhi.crawl.crawler import crawl_source
from fazhi.crawl.families import attachment_links, page_links
from fazhi.crawl.fetch import inert_url, join_url
from fazhi.crawl.sources import Source
from tests.crawl.fixture_sites import article, utf8_reply
from tests.crawl.site_server import FixtureSite, serve

BASE = "http://example.gov.cn/col/index.html"


@pytest.mark.parametrize(
    ("href", "fragment"),
    [
        pytest.param("http://[::1/a.html", "Invalid IPv6 URL", id="unclosed-ipv6-bracket"),
        pytest.param("http://[127.0.0.1/a.html", "Invalid IPv6 URL", id="ipv4-in-brackets"),
        pytest.param("http://example.gov.cn:port/a", "Port could not be cast", id="port-letters"),
        pytest.param("//[fe80::1/x", "Invalid IPv6 URL", id="scheme-relative-bracket"),
        pytest.param("http://example.gov.cn:99999/a", "out of range", id="port-out-of-range"),
    ],
)
def test_join_url_names_the_problem_instead_of_raising(href: str, fragment: str) -> None:
    url, problem = join_url(BASE, href)
    assert url is None
    assert problem is not None and fragment in problem


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        pytest.param("../a/1.html", "http://example.gov.cn/a/1.html", id="relative"),
        pytest.param("http://[::1]/a", "http://[::1]/a", id="well-formed-ipv6"),
    ],
)
def test_join_url_joins_good_hrefs(href: str, expected: str) -> None:
    assert join_url(BASE, href) == (expected, None)


def test_a_listing_with_malformed_hrefs_keeps_its_good_links_and_names_the_bad_ones() -> None:
    html = (
        "<ul><li><a href='http://[::1/x.html'>2023年法治政府建设年度报告</a></li>"
        "<li><a href='/a/good.html'>2022年法治政府建设年度报告</a></li>"
        "<li><a href='http://[127.0.0.1/y.html'>2021年法治政府建设年度报告</a></li></ul>"
    )
    links = page_links(LexborHTMLParser(html), BASE)
    assert [link.url for link in links if not link.problem] == ["http://example.gov.cn/a/good.html"]
    bad = [link for link in links if link.problem]
    raw = ["http://[::1/x.html", "http://[127.0.0.1/y.html"]
    assert [link.url for link in bad] == [inert_url(href) for href in raw]
    assert all(join_url(BASE, link.url)[1] is None for link in bad)  # splits without raising
    assert all("Invalid IPv6 URL" in (link.problem or "") for link in bad)


def test_attachment_links_skip_malformed_hrefs() -> None:
    html = "<a href='http://[::1/a.pdf'>附件</a><a href='/f/b.pdf'>附件</a>"
    assert [link.url for link in attachment_links(html, BASE)] == ["http://example.gov.cn/f/b.pdf"]


def test_a_crawl_records_malformed_report_links_and_fetches_the_rest(tmp_path: Path) -> None:
    site = FixtureSite()
    listing = (
        "<html><body><ul>"
        "<li><a href='http://[::1/a/x.html'>2023年法治政府建设年度报告</a><span>2024-01-02</span></li>"
        "<li><a href='http://[127.0.0.1/a/y.html'>2022年法治政府建设年度报告</a></li>"
        "<li><a href='/a/good.html'>2021年法治政府建设年度报告</a><span>2022-01-02</span></li>"
        "<li><a href='http://[::1/nav'>首页</a></li>"
        "</ul></body></html>"
    )
    site.add("/list/index.html", utf8_reply(listing))
    site.add("/a/good.html", utf8_reply(article("2021年法治政府建设年度报告")))
    with serve(site):
        settings = Settings(data_dir=tmp_path, delay_s=0.0, request_timeout_s=2.0)  # type: ignore[call-arg]
        source = Source(
            id="s",
            name="s",
            start_urls=(site.url("/list/index.html"),),
            allow_private_addresses=True,
        )
        manifest = crawl_source(source, settings, "run-links")
    articles = {
        row["url"]: row
        for row in manifest.filter(pl.col("kind") == "article").iter_rows(named=True)
    }
    assert articles[site.url("/a/good.html")]["outcome"] == "new"
    for bad in map(inert_url, ("http://[::1/a/x.html", "http://[127.0.0.1/a/y.html")):
        assert articles[bad]["outcome"] == "failed"
        assert "Invalid IPv6 URL" in articles[bad]["reason"]
    assert inert_url("http://[::1/nav") not in articles  # not a report: not worth a row
