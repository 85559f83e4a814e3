"""Site-family selectors: detection, report titles, listing dates, paging and attachments."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from fazhi.crawl import families
from fazhi.crawl.families import ListingRequest

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


COLUMN = "http://www.example.gov.cn/zwgk/fzbg/"
PAGER_CASES = [
    pytest.param(
        COLUMN + "index.html",
        '<script>createPageHTML(4, 0, "index", "html");</script>',
        ["index_1.html", "index_2.html", "index_3.html"],
        id="trs-four-argument-0-based-from-page-1",
    ),
    pytest.param(
        COLUMN + "index_2.html",
        '<script>createPageHTML(4, 2, "index", "html");</script>',
        ["index.html", "index_1.html", "index_3.html"],
        id="trs-four-argument-from-a-later-page",
    ),
    pytest.param(
        COLUMN + "common_list_2.shtml",
        "<script>createPageHTML('page_div',5, 2,'common_list','shtml',61)</script>",
        ["common_list.shtml", "common_list_3.shtml", "common_list_4.shtml", "common_list_5.shtml"],
        id="trs-six-argument-1-based-reaches-the-last-page",
    ),
    pytest.param(
        COLUMN + "list.shtml",
        "<div id=page_div></div><script>{createPageHTML('page_div',3, 1,'list','shtml',41);}</script>",
        ["list_2.shtml", "list_3.shtml"],
        id="trs-six-argument-in-braces-first-page",
    ),
    pytest.param(
        COLUMN + "index.html",
        '<script>//wcm分页\ncreatePage(3, 0, "index", "html");\n'
        "function createPage(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {}</script>",
        ["index_1.html", "index_2.html"],
        id="chongqing-createPage-call-not-its-definition",
    ),
    pytest.param(
        COLUMN + "index.html",
        "<script>var currentPage = 0;//所在页从0开始\nvar countPage = 3//共多少页\n"
        'document.write("<a href=\\"index_" + (currentPage+1) + ".html\\">下一页</a>");</script>',
        ["index_1.html", "index_2.html"],
        id="trs-var-countPage",
    ),
    pytest.param(
        COLUMN + "index.html",
        '<ul class="pagination"><script>$(".pagination").pagination({totalPage: 3,'
        " showPageNum: 5, callBack: function (currPage) { var i=currPage; if(i==1)"
        " location.href='index.html'; else location.href='index_'+i+'.html'; }});"
        '$(".pagination").pagination("setPage",1,3);</script></ul>',
        ["index_2.html", "index_3.html"],
        id="jquery-pagination-totalPage-1-based",
    ),
    pytest.param(
        COLUMN + "index.html",
        'createPage(2, 0, "index", "html");<script>;var countPage = 3</script>',
        ["index_1.html", "index_2.html"],
        id="pager-names-at-the-page-start-and-after-punctuation",
    ),
    pytest.param(
        COLUMN + "index.html",
        '<script>xcreatePage(3, 0, "index", "html");_var countPage = 4;'
        "$('.p').p({mytotalPage: 5}); 分var countPage = 6</script>",
        [],
        id="pager-names-inside-longer-words-are-not-pagers",
    ),
    pytest.param(
        COLUMN + "index.html",
        '<div class="list_page"><a tagname="[HOMEPAGE]">首页</a>'
        '<a style="cursor:pointer" onclick="queryArticleByCondition(this,\'/zwgk/fzbg/5501-2.html\')"'
        ' tagname="/zwgk/fzbg/5501-2.html" class="pagingNormal">下一页</a>'
        "<a onclick=\"queryArticleByCondition(this,'/zwgk/fzbg/5501-4.html')\" "
        'tagname="/zwgk/fzbg/5501-4.html">尾页</a></div>',
        ["5501-2.html", "5501-3.html", "5501-4.html"],
        id="queryArticleByCondition-up-to-the-last-page",
    ),
    pytest.param(
        COLUMN + "index.html",
        '<html><head><script>location.href="/zwgk/fzbg/col/index.html";</script></head>'
        "<body></body></html>",
        ["col/index.html"],
        id="javascript-redirect-stub-to-the-real-column",
    ),
    pytest.param(
        COLUMN + "index.html",
        '<a href="index_1.html">下一页</a><a href="index_4.html">尾页</a><a href="index.html">首页</a>',
        ["index_1.html", "index_4.html"],
        id="plain-links-without-the-page-itself",
    ),
]


@pytest.mark.parametrize(("url", "html", "expected"), PAGER_CASES)
def test_every_pager_form_announces_the_other_pages(
    url: str, html: str, expected: list[str]
) -> None:
    page = families.read_listing(families.detect_family(url, html), html, url)
    assert sorted(r.url for r in page.next_requests) == sorted(COLUMN + n for n in expected)


@pytest.mark.parametrize(
    ("url", "html", "family"),
    [
        pytest.param(
            "http://www.example.gov.cn/zwgk/t20240101_1.shtml",
            '<div class="nav"><a href="https://zwfw.example.gov.cn/col/col30244/index.html">办事</a>'
            '<a href="https://zwfw.example.gov.cn/col/col7357/index.html">服务</a></div>'
            '<div class="view TRS_UEDITOR trs_paper_default">正文</div>',
            "trs",
            id="trs-page-whose-menu-links-another-hosts-hanweb-columns",
        ),
        pytest.param(
            "http://www.example.gov.cn/news/index.html",
            '<a href="/col/col1/index.html">甲</a><a href="/col/col2/index.html">乙</a>'
            '<a href="/col/col3/index.html">丙</a><a href="/art/2024/1/2/art_1_2.html">文</a>',
            "hanweb",
            id="hanweb-site-by-many-columns-of-its-own-host",
        ),
        pytest.param(
            "http://www.example.gov.cn/news/index.html",
            '<a href="/col/col1/index.html">甲</a><a href="/n1/index.html">乙</a>',
            "pagination",
            id="one-column-link-decides-nothing",
        ),
        pytest.param(
            "http://www.example.gov.cn/c1/list.shtml",
            "<script>createPageHTML('page_div',3, 1,'list','shtml',30)</script>",
            "trs",
            id="six-argument-pager-is-trs",
        ),
    ],
)
def test_family_is_decided_by_the_pages_own_machinery(url: str, html: str, family: str) -> None:
    assert families.detect_family(url, html) == family


def test_links_with_only_an_onclick_handler_are_read() -> None:
    html = (
        "<ul><li><a onclick=\"isDownLoad(this,'http://www.example.gov.cn/zwgk/fzbg/202401/"
        "t20240105_9.html')\" title='样例县2023年法治政府建设年度报告' target='_blank'>"
        "<span class='list-main-title'>样例县2023年法治政府建设年度报告</span>"
        "<span class='list-main-date'>2024-01-05</span></a></li>"
        "<li><a href='javascript:void(0)' onclick=\"window.open('./202301/t20230110_3.html')\">"
        "样例县2022年法治政府建设年度报告</a><span>2023-01-10</span></li></ul>"
    )
    page = families.read_listing("pagination", html, COLUMN + "index.html")
    assert [(link.url, link.title, link.published_on) for link in page.links] == [
        (COLUMN + "202401/t20240105_9.html", "样例县2023年法治政府建设年度报告", date(2024, 1, 5)),
        (COLUMN + "202301/t20230110_3.html", "样例县2022年法治政府建设年度报告", date(2023, 1, 10)),
    ]


@pytest.mark.parametrize(
    ("html", "target"),
    [
        pytest.param(
            '<script>location.href="/col/col91477/index.html";</script>',
            "http://www.example.gov.cn/col/col91477/index.html",
            id="literal-target",
        ),
        pytest.param(
            "<script>window.location.replace('./list.html')</script><body>跳转中</body>",
            COLUMN + "list.html",
            id="replace-relative",
        ),
        pytest.param(
            "<script>location.href=location.pathname+location.search</script>",
            None,
            id="computed-target-is-no-stub",
        ),
        pytest.param(
            "<script>if(mobile)location.href='/m/';</script><body><p>"
            + "正文" * 200
            + "</p></body>",
            None,
            id="page-with-text-is-no-stub",
        ),
    ],
)
def test_js_redirect_target(html: str, target: str | None) -> None:
    assert families.js_redirect_target(html, COLUMN + "index.html") == target


def test_a_computed_redirect_names_no_target() -> None:
    html = "<script>window.location.href='/f/x?'+Math.random();</script>"
    assert families.js_redirect_target(html, COLUMN) is None


@pytest.mark.parametrize("length", [10, 2048, 2049, 20_000])
def test_links_are_joined_alike_whatever_their_length(length: int) -> None:
    """Short hrefs are remembered from page to page and long ones are not: both join alike."""
    name = "a" * length + ".html"
    html = f'<a href="{name}">第一页</a><a href="../{name}#top">上一级</a><a href="#x">锚</a>'
    for page_url in (COLUMN + "index.html", COLUMN + "sub/index_1.html"):
        links = families.page_links(HTMLParser(html), page_url)
        assert [link.url for link in links] == [
            urljoin(page_url, name),
            urljoin(page_url, "../" + name),
        ]
