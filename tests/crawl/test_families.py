"""Site-family selectors: detection, report titles, listing dates, paging and attachments."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.crawl import families
from fazhi.crawl.families import ListingRequest
from fazhi.crawl.sources import DEFAULT_TITLE_KEYWORDS

BASE = "http://www.example.gov.cn/zwgk/fzbg/index.html"


@pytest.mark.parametrize(
    ("url", "html", "family"),
    [
        pytest.param(
            BASE,
            '<script>createPageHTML(4, 0, "index", "html");</script>',
            "trs",
            id="trs-pager-script",
        ),
        pytest.param(
            "http://x/col/col123/index.html", "<html></html>", "hanweb", id="hanweb-by-url"
        ),
        pytest.param(
            BASE,
            "<script type='text/xml'><datastore></datastore></script>",
            "hanweb",
            id="hanweb-by-datastore",
        ),
        pytest.param(
            BASE,
            '<a href="/gkmlpt/content/1/2/post_12.html">x</a>',
            "guangdong",
            id="guangdong-post-links",
        ),
        pytest.param(
            BASE, '<a href="index_2.html">下一页</a>', "pagination", id="plain-pagination-otherwise"
        ),
    ],
)
def test_detect_family(url: str, html: str, family: str) -> None:
    assert families.detect_family(url, html) == family


@pytest.mark.parametrize(
    ("title", "is_report"),
    [
        pytest.param("廉江市司法局2023年法治政府建设年度报告", True, id="annual-report"),
        pytest.param("关于2023年法治政府建设情况的报告", True, id="situation-report"),
        pytest.param("廉江市司法局 2023 年法治政府 建设年度报告", True, id="spaces-ignored"),
        pytest.param("2022年全市司法行政工作总结", True, id="work-summary"),
        pytest.param("关于开展法治政府建设示范创建活动的通知", False, id="notice-not-report"),
        pytest.param("《法治政府建设实施纲要》政策解读", False, id="policy-reading"),
        pytest.param("2023年政府工作报告", False, id="other-report"),
    ],
)
def test_matches_title(title: str, is_report: bool) -> None:
    assert families.matches_title(title, DEFAULT_TITLE_KEYWORDS) is is_report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[2023-06-16]", date(2023, 6, 16), id="iso"),
        pytest.param("2023/6/1", date(2023, 6, 1), id="slashes"),
        pytest.param("发布：2021年1月5日", date(2021, 1, 5), id="chinese"),
        pytest.param("2023-13-45 2024-02-03", date(2024, 2, 3), id="invalid-then-valid"),
        pytest.param("第2023号", None, id="no-date"),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert families.parse_date(text) == expected


def test_dates_of_other_rows_are_not_borrowed() -> None:
    html = (
        '<ul><li><a href="a.html">甲</a></li>'
        '<li><a href="b.html">乙</a><span>2024-01-02</span></li></ul>'
    )
    page = families.read_listing("pagination", html, BASE)
    dates = {link.title: link.published_on for link in page.links}
    assert dates == {"甲": None, "乙": date(2024, 1, 2)}


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param(
            'createPageHTML(3, 0, "index", "html")',
            ["index.html", "index_1.html", "index_2.html"],
            id="four-argument-form",
        ),
        pytest.param(
            "createPageHTML('page_div',2, 1,'index','shtml',30)",
            ["index.shtml", "index_2.shtml"],
            id="six-argument-form-numbers-pages-from-one",
        ),
        pytest.param(
            "function createPageHTML(_nPageCount, _nCurrIndex, _sName, _sExt){}",
            [],
            id="definition-is-not-a-call",
        ),
    ],
)
def test_trs_page_urls(call: str, expected: list[str]) -> None:
    urls = families.trs_page_urls(f"<script>{call}</script>", BASE)
    assert urls == [f"http://www.example.gov.cn/zwgk/fzbg/{name}" for name in expected]


def test_pager_links_stay_in_the_column_directory() -> None:
    html = (
        '<a href="nav_list_2.shtml">下一页</a><a href="/other/index_3.html">3</a>'
        '<a href="nav_list_9.shtml">尾页</a>'
    )
    page = families.read_listing("pagination", html, "http://x/col/nav_list.shtml")
    assert [r.url for r in page.next_requests] == [
        "http://x/col/nav_list_2.shtml",
        "http://x/col/nav_list_9.shtml",
    ]


@pytest.mark.parametrize(
    ("url", "is_listing"),
    [
        pytest.param("http://x/zwgk/fzbg/", True, id="column-directory"),
        pytest.param("http://x/zwgk/fzbg/index_3.html", True, id="paged-index"),
        pytest.param("http://x/col/col123/index.html", True, id="hanweb-column"),
        pytest.param("http://x/zwgk/fzbg/202401/t20240110_1.html", False, id="trs-article"),
        pytest.param("http://x/art/2024/1/8/art_123_4.html", False, id="hanweb-article"),
    ],
)
def test_is_listing_url(url: str, is_listing: bool) -> None:
    assert families.is_listing_url(url) is is_listing


def test_hanweb_paging_requests_follow_totalrecord() -> None:
    html = (
        '<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/'
        'dataproxy.jsp?page=1&columnid=9&unitid=8"></a>]]></nextgroup><recordset>'
        '<record><![CDATA[<li><a href="/art/2024/1/1/art_9_1.html">甲</a></li>]]></record>'
        "</recordset></datastore></script><script>perpage:1</script>"
    )
    page = families.read_listing("hanweb", html, "http://x/col/col9/index.html")
    assert [link.url for link in page.links] == ["http://x/art/2024/1/1/art_9_1.html"]
    (first,) = page.next_requests
    assert first.url == (
        "http://x/module/web/jpage/dataproxy.jsp?startrecord=2&endrecord=4&perpage=1"
    )
    assert dict(first.form or ()) == {"columnid": "9", "unitid": "8"}
    answer = (
        "<datastore><totalrecord>6</totalrecord><recordset>"
        + "".join(f'<record><![CDATA[<a href="/art/a{n}.html">乙</a>]]></record>' for n in range(3))
        + "</recordset></datastore>"
    )
    (second,) = families.read_hanweb_data(answer, first).next_requests
    assert second.url.endswith("startrecord=5&endrecord=7&perpage=1")
    last = ListingRequest(second.url, second.form)
    assert families.read_hanweb_data(answer.replace(">6<", ">5<"), last).next_requests == ()


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        pytest.param(
            '<a href="./P0202401.pdf">报告</a>',
            ("http://x/a/P0202401.pdf", "pdf"),
            id="by-extension",
        ),
        pytest.param(
            '<a href="/down.jsp?fileName=r.DOCX&id=1">下载</a>',
            ("http://x/down.jsp?fileName=r.DOCX&id=1", "docx"),
            id="by-filename-param",
        ),
        pytest.param(
            '<a href="#" onclick="downloadFile(\'/files/r.ofd\')">下载</a>',
            ("http://x/files/r.ofd", "ofd"),
            id="by-onclick",
        ),
        pytest.param('<a href="./t2024_1.html">相关文章</a>', None, id="page-link-is-not-one"),
    ],
)
def test_attachment_links(anchor: str, expected: tuple[str, str] | None) -> None:
    links = families.attachment_links(anchor, "http://x/a/t1.html")
    found = [(link.url, link.expected_format) for link in links]
    assert found == ([expected] if expected else [])
