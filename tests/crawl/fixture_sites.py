"""Fixture sites of each family, and one full of faults, for the crawler tests.

Each builder fills a :class:`FixtureSite` and returns what a correct crawl must find: the
report article paths and the attachment paths.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import docx

from tests.crawl.site_server import FixtureSite, Hit, Reply

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WPS_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def docx_bytes(text: str) -> bytes:
    """A real DOCX package holding ``text``."""
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Expected:
    """What a correct crawl of a fixture site finds."""

    start_path: str
    articles: frozenset[str]
    attachments: frozenset[str]


def page(body: str, charset: str = "utf-8", script: str = "") -> str:
    """A page with site chrome (nav links to columns that must not be taken) around ``body``."""
    return f"""<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>样例站点</title>{script}</head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a>
<a href="/zwgk/fzbg/">法治政府建设年度报告</a></div>
{body}
<div class="footer">样例站点 版权所有</div></body></html>"""


def item(href: str, title: str, shown_on: str | None = None, text: str | None = None) -> str:
    """One listing row; ``text`` is the (possibly truncated) visible text."""
    date_span = f"<span>{shown_on}</span>" if shown_on else ""
    visible = html.escape(text or title)
    return f'<li><a href="{href}" title="{html.escape(title)}">{visible}</a>{date_span}</li>'


def article(title: str, extra: str = "", charset: str = "utf-8") -> str:
    """An article page with a body long enough not to look like a stub."""
    paragraph = f"<p>{html.escape(title)}。" + "本年度依法行政工作取得积极成效，" * 20 + "</p>"
    body = f'<h1>{html.escape(title)}</h1><div class="TRS_Editor">{paragraph}{extra}</div>'
    return page(body, charset)


def _gbk(text: str) -> Reply:
    return Reply(text.encode("gbk"), content_type="text/html")


def utf8_reply(text: str) -> Reply:
    return Reply(text.encode("utf-8"), content_type="text/html; charset=utf-8")


# --- TRS, GBK ---------------------------------------------------------------------------------
def trs_gbk_site(site: FixtureSite) -> Expected:
    """TRS column in GBK over three pages: HTML, PDF-attachment and fileName= DOCX reports."""
    pager = '<script>createPageHTML(3, {n}, "index", "html");</script>'
    pages = [
        [
            item("./202401/t20240110_11.html", "样例县2023年法治政府建设年度报告", "2024-01-10"),
            item(
                "./202301/t20230105_12.html", "样例县司法局2022年法治政府建设情况报告", "2023-01-05"
            ),
            item("/zwgk/tzgg/t20240301_1.html", "关于印发法治政府建设实施方案的通知", "2024-03-01"),
        ],
        [
            item("./202201/t20220110_13.html", "样例县2021年法治政府建设工作报告", "2022-01-10"),
            item("/zwgk/zcjd/t20211201_2.html", "法治政府建设政策解读", "2021-12-01"),
        ],
        [
            item(
                "./202101/t20210110_14.html",
                "样例县2020年司法行政工作总结",
                "2021-01-10",
                text="样例县2020年司法行...",
            ),
            item("./202401/t20240110_11.html", "样例县2023年法治政府建设年度报告", "2024-01-10"),
        ],
    ]
    for number, rows in enumerate(pages):
        name = "index.html" if number == 0 else f"index_{number}.html"
        body = f"<ul>{''.join(rows)}</ul>" + pager.format(n=number)
        site.add(f"/zwgk/fzbg/{name}", _gbk(page(body, "gbk")))
    site.add(
        "/zwgk/fzbg/202401/t20240110_11.html",
        _gbk(article("样例县2023年法治政府建设年度报告", charset="gbk")),
    )
    pdf_link = '<p>附件：<a href="./P020230105123.pdf">报告全文.pdf</a></p>'
    site.add(
        "/zwgk/fzbg/202301/t20230105_12.html",
        _gbk(article("样例县司法局2022年法治政府建设情况报告", pdf_link, "gbk")),
    )
    site.add(
        "/zwgk/fzbg/202301/P020230105123.pdf", Reply(PDF_BYTES, content_type="application/pdf")
    )
    docx_link = '<p><a href="/attach/download.jsp?fileName=report2021.docx">下载附件</a></p>'
    site.add(
        "/zwgk/fzbg/202201/t20220110_13.html",
        _gbk(article("样例县2021年法治政府建设工作报告", docx_link, "gbk")),
    )
    site.add(
        "/attach/download.jsp?fileName=report2021.docx",
        Reply(docx_bytes("2021年法治政府建设工作报告"), content_type="application/octet-stream"),
    )
    site.add(
        "/zwgk/fzbg/202101/t20210110_14.html",
        _gbk(article("样例县2020年司法行政工作总结", charset="gbk")),
    )
    site.add("/zwgk/tzgg/t20240301_1.html", _gbk(article("通知", charset="gbk")))
    site.add("/zwgk/zcjd/t20211201_2.html", _gbk(article("解读", charset="gbk")))
    return Expected(
        "/zwgk/fzbg/index.html",
        frozenset(
            {
                "/zwgk/fzbg/202401/t20240110_11.html",
                "/zwgk/fzbg/202301/t20230105_12.html",
                "/zwgk/fzbg/202201/t20220110_13.html",
                "/zwgk/fzbg/202101/t20210110_14.html",
            }
        ),
        frozenset(
            {"/zwgk/fzbg/202301/P020230105123.pdf", "/attach/download.jsp?fileName=report2021.docx"}
        ),
    )


# --- plain pagination, .shtml, UTF-8 ----------------------------------------------------------
def shtml_pagination_site(site: FixtureSite) -> Expected:
    """下一页 / 尾页 paging over nav_list*.shtml, a WPS attachment behind an onclick."""
    base = "/xxgk/fzzfjsndbg"
    pager = {
        1: '<a href="nav_list_2.shtml">下一页</a> <a href="nav_list_3.shtml">尾页</a>',
        2: '<a href="nav_list.shtml">上一页</a> <a href="nav_list_3.shtml">下一页</a>',
        3: '<a href="nav_list_2.shtml">上一页</a> <a href="nav_list.shtml">首页</a>',
    }
    rows = {
        1: [
            item(
                f"{base}/content/2024-01/15/content_101.shtml",
                "2023年度法治政府建设情况报告",
                "2024-01-15",
            ),
            item("/xxgk/tzgg/content_9.shtml", "关于开展普法宣传月活动的通知", "2024-01-02"),
        ],
        2: [
            item(
                f"{base}/content/2023-01/12/content_102.shtml",
                "市司法局2022年法治政府建设年度报告",
                "2023-01-12",
            )
        ],
        3: [
            item(
                f"{base}/content/2022-01/20/content_103.shtml",
                "2021年法治政府建设情况的报告",
                "2022/01/20",
            )
        ],
    }
    for number in (1, 2, 3):
        name = "nav_list.shtml" if number == 1 else f"nav_list_{number}.shtml"
        body = f"<ul>{''.join(rows[number])}</ul><div class='page'>{pager[number]}</div>"
        site.add(f"{base}/{name}", utf8_reply(page(body)))
    onclick = (
        '<p><a href="javascript:void(0)" '
        "onclick=\"window.open('/attach/2023report.wps')\">附件下载</a></p>"
    )
    site.add(
        f"{base}/content/2024-01/15/content_101.shtml",
        utf8_reply(article("2023年度法治政府建设情况报告", onclick)),
    )
    site.add("/attach/2023report.wps", Reply(WPS_BYTES, content_type="application/octet-stream"))
    site.add(
        f"{base}/content/2023-01/12/content_102.shtml",
        utf8_reply(article("市司法局2022年法治政府建设年度报告")),
    )
    site.add(
        f"{base}/content/2022-01/20/content_103.shtml",
        utf8_reply(article("2021年法治政府建设情况的报告")),
    )
    return Expected(
        f"{base}/nav_list.shtml",
        frozenset(
            {
                f"{base}/content/2024-01/15/content_101.shtml",
                f"{base}/content/2023-01/12/content_102.shtml",
                f"{base}/content/2022-01/20/content_103.shtml",
            }
        ),
        frozenset({"/attach/2023report.wps"}),
    )


# --- Hanweb 大汉 --------------------------------------------------------------------------------
HANWEB_RECORDS = [
    ("/art/2024/1/8/art_123_451.html", "2023年法治政府建设年度报告", "2024-01-08"),
    ("/art/2023/12/1/art_123_450.html", "关于征集立法建议项目的公告", "2023-12-01"),
    ("/art/2023/1/9/art_123_449.html", "2022年法治政府建设情况报告", "2023-01-09"),
    ("/art/2022/1/7/art_123_448.html", "区司法局2021年法治政府建设工作情况", "2022-01-07"),
    ("/art/2021/6/1/art_123_447.html", "行政复议工作简报", "2021-06-01"),
    ("/art/2021/1/6/art_123_446.html", "2020年法治政府建设年度报告", "2021-01-06"),
    ("/art/2020/1/6/art_123_445.html", "2019年司法行政工作总结", "2020-01-06"),
]
HANWEB_PERPAGE = 2


def _hanweb_record(path: str, title: str, shown_on: str) -> str:
    return (
        f'<record><![CDATA[<li><a href="{path}" title="{title}" target="_blank">{title}</a>'
        f"<span>{shown_on}</span></li>]]></record>"
    )


def _hanweb_proxy(hit: Hit) -> Reply:
    query = parse_qs(urlsplit(hit.path).query)
    form = parse_qs(hit.body.decode())
    if hit.method != "POST" or form.get("columnid") != ["123"]:
        return Reply(b"bad request", status=400)
    start, end = int(query["startrecord"][0]), int(query["endrecord"][0])
    records = "".join(_hanweb_record(*r) for r in HANWEB_RECORDS[start - 1 : end])
    xml = (
        f"<?xml version='1.0' encoding='UTF-8'?><datastore><totalrecord>{len(HANWEB_RECORDS)}"
        f"</totalrecord><recordset>{records}</recordset></datastore>"
    )
    return Reply(xml.encode(), content_type="text/xml; charset=UTF-8", etag=False)


def hanweb_site(site: FixtureSite) -> Expected:
    """Hanweb column: first records in the page's datastore, the rest from dataproxy.jsp POSTs."""
    embedded = "".join(_hanweb_record(*r) for r in HANWEB_RECORDS[:HANWEB_PERPAGE])
    nextgroup = (
        '<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/'
        '&columnid=123&unitid=789&webname=样例&permissiontype=0"></a>'
    )
    body = (
        f'<div id="789"><script type="text/xml"><datastore><nextgroup><![CDATA[{nextgroup}]]>'
        f"</nextgroup><recordset>{embedded}</recordset></datastore></script>"
        f"<script>var pageConfig = {{perpage:{HANWEB_PERPAGE}, col:1}};</script></div>"
    )
    site.add("/col/col123/index.html", utf8_reply(page(body)))
    site.add("/module/web/jpage/dataproxy.jsp", _hanweb_proxy)
    for path, title, _ in HANWEB_RECORDS:
        site.add(path, utf8_reply(article(title)))
    reports = {p for p, t, _ in HANWEB_RECORDS if "公告" not in t and "简报" not in t}
    return Expected("/col/col123/index.html", frozenset(reports), frozenset())


# --- Guangdong content/post_NNN ---------------------------------------------------------------
def guangdong_site(site: FixtureSite) -> Expected:
    """Guangdong-style column: content/post_NNN.html articles, index_2.html via 下一页."""
    base = "/gkmlpt/fzzfjsbg"
    site.add(
        f"{base}/index.html",
        utf8_reply(
            page(
                "<ul>"
                + item(
                    "/gkmlpt/content/4/4321/post_4321001.html",
                    "2023年法治政府建设年度报告",
                    "2024-01-31",
                )
                + item(
                    "/gkmlpt/content/4/4300/post_4300002.html",
                    "关于公开征求意见的公告",
                    "2024-01-05",
                )
                + '</ul><a href="index_2.html">下一页</a>'
            )
        ),
    )
    site.add(
        f"{base}/index_2.html",
        utf8_reply(
            page(
                "<ul>"
                + item(
                    "/gkmlpt/content/3/3900/post_3900003.html",
                    "2022年法治政府建设年度报告",
                    "2023-01-20",
                )
                + '</ul><a href="index.html">上一页</a>'
            )
        ),
    )
    for path, title in (
        ("/gkmlpt/content/4/4321/post_4321001.html", "2023年法治政府建设年度报告"),
        ("/gkmlpt/content/4/4300/post_4300002.html", "公告"),
        ("/gkmlpt/content/3/3900/post_3900003.html", "2022年法治政府建设年度报告"),
    ):
        site.add(path, utf8_reply(article(title)))
    return Expected(
        f"{base}/index.html",
        frozenset(
            {"/gkmlpt/content/4/4321/post_4321001.html", "/gkmlpt/content/3/3900/post_3900003.html"}
        ),
        frozenset(),
    )


# --- faults -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fault:
    """A report link whose fetch goes wrong in one way, and how the manifest must record it."""

    path: str
    kind: str
    outcome: str
    reason: str  # a word the recorded reason must contain
    why: str


FAULTS = (
    Fault("/f/timeout.html", "article", "failed", "timed out", "server slower than the timeout"),
    Fault("/f/flaky.html", "article", "new", "", "two 500s, then a page: retried and kept"),
    Fault("/f/gone.html", "article", "failed", "HTTP 404", "a 404 is terminal"),
    Fault("/f/broken.html", "article", "failed", "HTTP 500", "500s that never recover"),
    Fault("/f/challenge.html", "article", "blocked", "412", "412 JavaScript challenge"),
    Fault("/f/jsl.html", "article", "blocked", "__jsl_clearance", "521 cookie challenge"),
    Fault("/f/loop.html", "article", "failed", "redirect loop", "A → B → A"),
    Fault("/f/away.html", "article", "failed", "off-domain", "redirect to another host"),
    Fault("/f/huge.html", "article", "failed", "limit", "body over the size limit"),
    Fault("/f/cut.html", "article", "failed", "truncated", "connection closed mid-body"),
    Fault("/f/stub.html", "article", "blocked", "redirect stub", "JS redirect stub page"),
    Fault("/f/rs200.html", "article", "blocked", "瑞数", "瑞数 challenge served with 200"),
    Fault("/f/rs202.html", "article", "blocked", "瑞数", "瑞数 challenge served with 202"),
    Fault("/f/jsl2.html", "article", "blocked", "加速乐", "521 cookie name spelled char by char"),
    Fault("/f/moved.html", "article", "skipped", "redirect stub to", "JS stub to a literal URL"),
    # kept, not refused: its bytes stay in the lake and the parse stage records why it fails
    Fault("/f/garbled.html", "article", "new", "", "undecodable article kept for the parse stage"),
    Fault("/private/secret.html", "article", "skipped", "robots.txt", "robots.txt disallows"),
    Fault(
        "http://127.0.0.1:port/f/badport.html",
        "article",
        "failed",
        "malformed URL",
        "a link with an unparsable port",
    ),
    Fault(
        "http://localhost:9/elsewhere/report.html",
        "article",
        "skipped",
        "outside the allowed",
        "report link on another host is listed, not fetched",
    ),
    Fault(
        "/f/fake.pdf", "attachment", "blocked", "HTML page served", "HTML where a PDF was linked"
    ),
)
FAULT_LIMIT_BYTES = 64 * 1024


class _Flaky:
    """500 twice, then the page."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, hit: Hit) -> Reply:
        self.calls += 1
        if self.calls <= 2:
            return Reply(b"<html><body>busy</body></html>", status=500)
        return utf8_reply(article("2019年法治政府建设年度报告"))


def faults_site(site: FixtureSite) -> Expected:
    """A listing whose report links each fail in one way (see FAULTS), plus one good report."""
    rows = [
        item(f.path, f"故障{n}：2023年法治政府建设年度报告")
        for n, f in enumerate(FAULTS)
        if f.kind == "article"
    ]
    rows.append(item("/f/good.html", "2022年法治政府建设年度报告"))
    robots = b"User-agent: *\nDisallow: /private/\n"
    site.add("/robots.txt", Reply(robots, content_type="text/plain"))
    site.add("/f/index.html", utf8_reply(page(f"<ul>{''.join(rows)}</ul>")))
    site.add(
        "/f/good.html",
        utf8_reply(article("2022年法治政府建设年度报告", '<a href="/f/fake.pdf">报告.pdf</a>')),
    )
    site.add("/f/fake.pdf", utf8_reply(page("<p>请先登录后下载附件。</p>" * 30)))
    site.add("/f/timeout.html", Reply(b"<html>late</html>", delay_s=2.0))
    site.add("/f/flaky.html", _Flaky())
    site.add("/f/broken.html", Reply(b"<html>down</html>", status=500))
    site.add(
        "/f/challenge.html",
        Reply(b"<html><script>var _0x1=['cookie'];eval(1)</script>", status=412),
    )
    site.add(
        "/f/jsl.html", Reply(b"<script>document.cookie=('__jsl_clearance=1')</script>", status=521)
    )
    site.add("/f/loop.html", Reply(status=302, headers={"Location": "/f/loop2.html"}))
    site.add("/f/loop2.html", Reply(status=302, headers={"Location": "/f/loop.html"}))
    site.add("/f/away.html", Reply(status=302, headers={"Location": "http://localhost:9/x.html"}))
    site.add("/f/huge.html", utf8_reply(page("<p>" + "很长" * FAULT_LIMIT_BYTES + "</p>")))
    site.add("/f/cut.html", Reply(article("2023年").encode(), truncate=True))
    stub = (
        "<html><head><script>window.location.href='/f/x?'+Math.random();"
        "</script></head><body></body></html>"
    )
    site.add("/f/stub.html", utf8_reply(stub))
    ruishu = (
        b'<html><head><meta content="q1w2e3" r="m"><script type="text/javascript" r="m">'
        b"$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=4321;$_ts.cd=\"aBc\";</script>"
        b'<script src="/Qw/Er.a1.js" r="m"></script></head></html>'
    )
    site.add("/f/rs200.html", Reply(ruishu))
    site.add("/f/rs202.html", Reply(ruishu, status=202))
    spelled = "+".join(f"('{c}')" for c in "__jsl_clearance_s=1.5|-1|x;path=/")
    jsl = f"<script>document.cookie={spelled};location.href=location.pathname</script>"
    site.add("/f/jsl2.html", Reply(jsl.encode(), status=521))
    moved = '<html><head><script>location.href="/f/good.html";</script></head></html>'
    site.add("/f/moved.html", utf8_reply(moved))
    site.add("/f/garbled.html", Reply(b"<html><body>\xff\xfe\x80\x80\xff</body></html>"))
    site.add("/private/secret.html", utf8_reply(article("秘密")))
    return Expected("/f/index.html", frozenset({"/f/good.html", "/f/flaky.html"}), frozenset())


# --- real shapes: TRS six-argument pager, cut-short titles, onclick links, a lazy pager ---------
REAL_PAGE_COUNT = 50  # the pager announces 50 pages; from page 3 on the site serves page 1 again


def _bare_item(href: str, text: str, shown_on: str) -> str:
    """A listing row without a title attribute: only the (possibly cut) visible text."""
    return (
        f'<li><a href="{href}" target="_blank">{html.escape(text)}</a><span>{shown_on}</span></li>'
    )


def real_shapes_site(site: FixtureSite) -> Expected:
    """A TRS column as real sites build it: the column URL is a JavaScript redirect stub, the
    pager is the six-argument ``createPageHTML`` (pages common_list.shtml, common_list_2.shtml …),
    titles are cut short without a title attribute, one link has only an ``isDownLoad`` onclick,
    and every page number past 2 serves page 1 again."""
    pager = "<div id='page_div'></div><script>createPageHTML('page_div',{count}, {n},'common_list','shtml',480)</script>"
    first = [
        item(
            "./202401/t20240110_1.html", "样例县司法局2023年工作总结和2024年工作思路", "2024-01-10"
        ),
        _bare_item("./202201/t20220105_2.html", "样例县司法局2022年法治政府建...", "2022-01-05"),
        _bare_item("./202301/t20230110_3.html", "样例县司法局2023年度依法行政...", "2023-01-10"),
        item("./202402/t20240220_6.html", "关于印发2024年法治政府建设工作要点的通知", "2024-02-20"),
        _bare_item("./202403/t20240301_7.html", "样例县司法局2024年公开招聘...", "2024-03-01"),
        "<li><a onclick=\"isDownLoad(this,'/rs/202301/t20230105_4.html')\" "
        "title='样例县司法局2022年度重点工作任务完成情况报告'>"
        "<span>样例县司法局2022年度重点工作任务完成情况报告</span><span>2023-01-05</span></a></li>",
    ]
    second = [
        item("./202101/t20210110_5.html", "2020年全县司法行政工作总结", "2021-01-10"),
        item("./202105/t20210520_8.html", "全县法治政府建设推进会召开", "2021-05-20"),
    ]
    page_one = page(f"<ul>{''.join(first)}</ul>" + pager.format(count=REAL_PAGE_COUNT, n=1))
    site.add("/rs/common_list.shtml", utf8_reply(page_one))
    page_two = page(f"<ul>{''.join(second)}</ul>" + pager.format(count=REAL_PAGE_COUNT, n=2))
    site.add("/rs/common_list_2.shtml", utf8_reply(page_two))
    for number in range(3, REAL_PAGE_COUNT + 1):
        site.add(f"/rs/common_list_{number}.shtml", utf8_reply(page_one))
    stub = '<html><head><script>location.href="/rs/common_list.shtml";</script></head></html>'
    site.add("/rs/index.html", utf8_reply(stub))
    pdf = '<p>附件：<a href="./P020220105.pdf">报告全文.pdf</a></p>'
    pages = {
        "/rs/202401/t20240110_1.html": article("样例县司法局2023年工作总结和2024年工作思路"),
        "/rs/202201/t20220105_2.html": article("样例县司法局2022年法治政府建设年度报告", pdf),
        "/rs/202301/t20230110_3.html": article("样例县司法局2023年度依法行政工作培训班开班"),
        "/rs/202301/t20230105_4.html": article("样例县司法局2022年度重点工作任务完成情况报告"),
        "/rs/202101/t20210110_5.html": article("2020年全县司法行政工作总结"),
        "/rs/202402/t20240220_6.html": article("通知"),
        "/rs/202403/t20240301_7.html": article("招聘"),
        "/rs/202105/t20210520_8.html": article("推进会"),
    }
    for path, text in pages.items():
        site.add(path, utf8_reply(text))
    site.add("/rs/202201/P020220105.pdf", Reply(PDF_BYTES, content_type="application/pdf"))
    return Expected(
        "/rs/index.html",
        frozenset(
            {
                "/rs/202401/t20240110_1.html",
                "/rs/202201/t20220105_2.html",
                "/rs/202301/t20230105_4.html",
                "/rs/202101/t20210110_5.html",
            }
        ),
        frozenset({"/rs/202201/P020220105.pdf"}),
    )
