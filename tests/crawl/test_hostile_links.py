"""Malformed hrefs and Location headers: recorded on their link with a reason, never raised."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from fazhi.crawl.families import attachment_links, page_links
from fazhi.crawl.fetch import join_url

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
    assert [link.url for link in bad] == ["http://[::1/x.html", "http://[127.0.0.1/y.html"]
    assert all("Invalid IPv6 URL" in (link.problem or "") for link in bad)


def test_attachment_links_skip_malformed_hrefs() -> None:
    html = "<a href='http://[::1/a.pdf'>附件</a><a href='/f/b.pdf'>附件</a>"
    assert [link.url for link in attachment_links(html, BASE)] == ["http://example.gov.cn/f/b.pdf"]
