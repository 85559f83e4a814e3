"""HTML article pages: main content kept, page chrome dropped, printed metadata read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fazhi.errors import ParseError
from fazhi.parse import selectors
from fazhi.parse.formats.html import is_chrome_line, parse_html_article
from fazhi.parse.text import parse_document

FIXTURES = Path(__file__).parent / "fixtures"

# Chrome on the fixture pages that must never reach the body text.
PAGE_CHROME = [
    "分享到", "扫一扫在手机打开当前页", "打印本页", "关闭窗口", "当前位置", "首页", "版权所有",
    "网站标识码", "相关链接", "浏览次数", "字体", "字号", "听全文", "统计代码", "内部备注",
]  # fmt: skip

FIXTURE_PAGES = [
    pytest.param(
        "trs_hubin.html", None,
        ["2023年，湖滨区司法局在区委、区政府的正确领导下", "共受理指派援助案件405件",
         "调解矛盾纠纷 2075起", "受理指派援助案件 405件"],
        "关于2023年法治政府建设情况的报告", date(2024, 1, 26), "湖滨区司法局",
        id="trs-editor-with-meta-and-table",
    ),
    pytest.param(
        "hanweb_mazhang_gbk.html", None,
        ["2020年，在区委区政府的正确领导下，麻章区司法局", "出庭应诉行政案件25宗",
         "附件：麻章区司法局2020年度法治政府建设工作报告.docx"],
        "麻章区司法局2020年度法治政府建设工作报告", date(2021, 1, 5), "麻章区司法局",
        id="hanweb-zoom-gbk-declared-in-meta-only",
    ),
    pytest.param(
        "hanweb_mazhang_gbk.html", "gbk",
        ["2020年，在区委区政府的正确领导下，麻章区司法局"],
        "麻章区司法局2020年度法治政府建设工作报告", date(2021, 1, 5), "麻章区司法局",
        id="hanweb-gbk-declared-in-http-header",
    ),
    pytest.param(
        "guangdong_guangzhou.html", None,
        ["2022年,广州市司法行政系统坚持以习近平新时代中国特色社会主义思想为指导",
         "组织18批402名抗疫突击队员支援抗疫"],
        "2022年全市司法行政工作总结", date(2023, 6, 16), "广州市司法局",
        id="guangdong-article-content-bare-date-in-info-list",
    ),
    pytest.param(
        "generic_lianjiang.html", None,
        ["党政主要负责人书面述法 73 人次", "涉及标的金额约 11 亿"],
        "一、2023 年法治政府建设主要工作和成效", None, None,
        id="unknown-family-densest-block-fallback",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "charset", "body_phrases", "title", "published_on", "source"), FIXTURE_PAGES
)
def test_fixture_page_keeps_body_and_reads_metadata(
    name: str,
    charset: str | None,
    body_phrases: list[str],
    title: str,
    published_on: date | None,
    source: str | None,
) -> None:
    parsed = parse_document(
        (FIXTURES / name).read_bytes(), url=f"http://x/{name}", header_charset=charset
    )
    assert parsed.format == "html"
    for phrase in body_phrases:
        assert phrase in parsed.text
    for chrome in PAGE_CHROME:
        assert chrome not in parsed.text, chrome
    assert (parsed.title, parsed.published_on, parsed.source) == (title, published_on, source)


@pytest.mark.parametrize("name", [p.values[0] for p in FIXTURE_PAGES[:1] + FIXTURE_PAGES[3:]])
def test_fixture_page_lines_are_trimmed_and_never_blank(name: str) -> None:
    text = parse_document((FIXTURES / name).read_bytes()).text
    lines = text.split("\n")
    assert all(line and line == line.strip(" \u3000\xa0\t") for line in lines)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


LONG = "2023年共受理法律援助案件1215宗，办理公证事项3000件，调解矛盾纠纷2000起。"

RENDERING = [
    pytest.param(
        f"<div id=zoom><p>{LONG}</p><table><tr><td>项目</td><th>数量</th></tr>"
        "<tr><td>法律援助</td><td> 1215 宗 </td></tr></table></div>",
        f"{LONG}\n项目 数量\n法律援助 1215 宗",
        id="table-rows-are-lines-cells-separated-by-one-space",
    ),
    pytest.param(
        f"<div id=zoom>第一行{LONG}<br>第二行<br/><br>第三行</div>",
        f"第一行{LONG}\n第二行\n第三行",
        id="br-breaks-lines-and-empty-lines-drop",
    ),
    pytest.param(
        f"<div id=zoom><p>{LONG[:10]}\n   {LONG[10:]}</p><p>Legal aid\n cases</p></div>",
        f"{LONG}\nLegal aid cases",
        id="source-newline-vanishes-between-cjk-but-is-a-space-between-latin",
    ),
    pytest.param(
        f"<div id=zoom><p>{LONG}</p><pre>一、总体情况\n  受理 1215 宗\n\n结案 1200 宗</pre></div>",
        f"{LONG}\n一、总体情况\n受理 1215 宗\n结案 1200 宗",
        id="pre-newlines-are-lines",
    ),
    pytest.param(
        f"<div id=zoom><p>&nbsp;&nbsp;　　{LONG}&nbsp;</p>"
        "<p>共<b>1215</b><span>宗</span></p></div>",
        f"{LONG}\n共1215宗",
        id="indentation-trimmed-and-inline-tags-joined",
    ),
    pytest.param(
        f"<div id=zoom><p>{LONG}</p><p style='display: none'>隐藏</p><p hidden>也隐藏</p>"
        "<script>var a='脚本';</script><style>p{}</style><!-- 注释 --></div>",
        LONG,
        id="hidden-script-style-comment-are-not-text",
    ),
    pytest.param(
        f"<div id=zoom><p>{LONG}</p><p>【打印本页】 【关闭窗口】</p><p>分享到：微信 微博</p>"
        "<div class=share>分享 QQ空间</div><p>扫一扫在手机打开当前页</p></div>",
        LONG,
        id="chrome-lines-inside-the-body-element-are-dropped",
    ),
    pytest.param(
        f"<div id=zoom><p>{LONG}</p><p>中</p><p>关闭交易市场3个</p></div>",
        f"{LONG}\n中\n关闭交易市场3个",
        id="lines-that-merely-contain-chrome-words-stay",
    ),
    pytest.param(
        f"<div class=TRS_Editor><p>{LONG}</p></div><div id=zoom><p>{LONG}{LONG}</p></div>",
        LONG,
        id="more-specific-family-selector-wins",
    ),
    pytest.param(
        f"<div id=zoom><p>短</p></div><div class=article-content><p>{LONG}</p></div>",
        LONG,
        id="too-short-selector-match-falls-through",
    ),
    pytest.param(
        f"<div class=side-box><div id=zoom>放大</div></div>"
        f"<div class=box><p>{LONG}</p><p>{LONG}</p></div>",
        f"{LONG}\n{LONG}",
        id="short-selector-match-outside-the-densest-block-is-a-stray-slot",
    ),
    pytest.param(
        f"<ul class=nav><li>{LONG}{LONG}</li></ul><div class=box><p>{LONG}</p><p>{LONG}</p></div>"
        f"<div class=footer>{LONG}{LONG}{LONG}</div>",
        f"{LONG}\n{LONG}",
        id="fallback-ignores-nav-and-footer-text",
    ),
    pytest.param(
        f"<div class=links>{''.join(f'<a>{LONG}</a>' for _ in range(5))}</div>"
        f"<div class=main><div class=text><p>{LONG}</p><p>{LONG}</p></div></div>",
        f"{LONG}\n{LONG}",
        id="fallback-ignores-link-text",
    ),
]


@pytest.mark.parametrize(("markup", "expected"), RENDERING)
def test_body_rendering(markup: str, expected: str) -> None:
    assert parse_html_article(page(markup)).text == expected


def _element_for(css: str, text: str) -> str:
    if css.startswith("."):
        return f'<div class="wrap {css[1:]}"><p>{text}</p></div>'
    if css.startswith("#"):
        return f'<div id="{css[1:]}"><p>{text}</p></div>'
    return f"<{css}><p>{text}</p></{css}>"


@pytest.mark.parametrize(
    "css", [css for _family, css in selectors.CONTENT_SELECTORS], ids=lambda css: css
)
def test_every_family_selector_beats_a_denser_block(css: str) -> None:
    decoy = f"<div class=intro><p>{LONG * 3}</p><p>{LONG * 3}</p></div>"
    markup = page(decoy + _element_for(css, "正文：" + LONG))
    assert parse_html_article(markup).text == "正文：" + LONG


METADATA = [
    pytest.param(
        '<meta name="pubdate" content="2022/3/7">', "", date(2022, 3, 7),
        id="meta-pubdate-lowercase-slashes",
    ),
    pytest.param(
        '<meta property="article:published_time" content="2021-12-31T08:00:00+08:00">', "",
        date(2021, 12, 31), id="open-graph-published-time",
    ),
    pytest.param("", "<p>发布日期：2020年1月5日</p>", date(2020, 1, 5), id="label-chinese-date"),
    pytest.param("", "<p>时间: 2020.11.05 09:30</p>", date(2020, 11, 5), id="label-dotted-date"),
    pytest.param("", "<span>2019-07-08</span>", date(2019, 7, 8), id="bare-date-above-body"),
    pytest.param("", "<p>发布时间：2023-02-30</p>", None, id="impossible-date-is-none"),
    pytest.param("", "<p>阅读次数：2023</p>", None, id="no-date-printed"),
]  # fmt: skip


@pytest.mark.parametrize(("head", "info", "expected"), METADATA)
def test_published_on(head: str, info: str, expected: date | None) -> None:
    markup = page(f"<div class=info>{info}</div><div id=zoom><p>{LONG}</p></div>", head)
    assert parse_html_article(markup).published_on == expected


def test_date_written_inside_the_body_is_not_the_publication_date() -> None:
    body = f"<div id=zoom><p>{LONG}</p><p>2024-01-05</p></div>"
    assert parse_html_article(page(body)).published_on is None


SOURCES = [
    pytest.param('<meta name="ContentSource" content="廉江市司法局">', "", "廉江市司法局",
                 id="meta-content-source"),
    pytest.param("", "来源：湖滨区司法局发布时间：2024-01-26", "湖滨区司法局",
                 id="label-run-into-next-label"),
    pytest.param("", "信息来源: 麻章区司法局 | 作者：办公室", "麻章区司法局", id="info-bar"),
    pytest.param("", "来源： 发布时间：2024-01-26", None, id="empty-source"),
    pytest.param("", "", None, id="no-source"),
]  # fmt: skip


@pytest.mark.parametrize(("head", "info", "expected"), SOURCES)
def test_source(head: str, info: str, expected: str | None) -> None:
    markup = page(f"<div class=info>{info}</div><div id=zoom><p>{LONG}</p></div>", head)
    assert parse_html_article(markup).source == expected


TITLES = [
    pytest.param('<meta name="ArticleTitle" content="A报告">', "<h1>B</h1>", "A报告",
                 id="meta-article-title-first"),
    pytest.param("<title>C报告_栏目_站点</title>", "<div class=article-title>B报告</div>", "B报告",
                 id="title-element-before-head-title"),
    pytest.param("<title>C报告_栏目_站点</title>", "<div class=header><h1>站点名</h1></div>",
                 "C报告", id="h1-in-header-is-the-site-name-not-the-title"),
    pytest.param("<title>2023-2024年工作报告 - 站点</title>", "", "2023-2024年工作报告",
                 id="hyphen-between-years-is-not-a-separator"),
    pytest.param("", "", None, id="no-title"),
]  # fmt: skip


@pytest.mark.parametrize(("head", "top", "expected"), TITLES)
def test_title(head: str, top: str, expected: str | None) -> None:
    markup = page(f"{top}<div id=zoom><p>{LONG}</p></div>", head)
    assert parse_html_article(markup).title == expected


NO_CONTENT = [
    pytest.param("<html></html>", id="empty-document"),
    pytest.param(page(f"<nav>{LONG * 3}</nav><footer>{LONG}</footer>"), id="only-chrome"),
    pytest.param(page("<div id=zoom><p>请稍候……</p></div><script>location='/x'</script>"),
                 id="javascript-redirect-stub"),
    pytest.param(page(f"<div>{''.join(f'<a>{LONG}</a>' for _ in range(4))}</div>"),
                 id="only-links"),
]  # fmt: skip


ATTACHMENT_ONLY = page(
    "<div class=article><h1>麻章区司法局2020年度法治政府建设工作报告</h1>"
    "<div class=info>发布日期：2021-01-05 来源：麻章区司法局 作者：办公室 浏览次数：1024</div>"
    "<div class=TRS_Editor><p>附件：<a href='./P0.docx'>麻章区2020年度报告.docx</a></p></div>"
    "</div>"
)
NO_CONTENT.append(pytest.param(ATTACHMENT_ONLY, id="attachment-only-article-page"))


@pytest.mark.parametrize("markup", NO_CONTENT)
def test_page_without_main_content_is_a_parse_error(markup: str) -> None:
    with pytest.raises(ParseError, match="no main content"):
        parse_html_article(markup)


CHROME_LINES = [
    pytest.param("分享到：", True, id="share-label"),
    pytest.param("【打印本页】【关闭窗口】", True, id="print-close"),
    pytest.param("【字体：大 中 小】 打印本页", True, id="font-size-and-print"),
    pytest.param("上一篇：关于开展2023年度述法工作的通知", True, id="previous-article-link"),
    pytest.param("下一篇: 无", True, id="next-article-link"),
    pytest.param("上一篇文章提到的1215宗案件", False, id="no-label-colon-no-chrome"),
    pytest.param("大 中 小", False, id="only-weak-words-could-be-a-table-row"),
    pytest.param("分享到微信的法治宣传视频45条", False, id="sentence-starting-with-chrome-word"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "expected"), CHROME_LINES)
def test_is_chrome_line(line: str, expected: bool) -> None:
    assert is_chrome_line(line) is expected


def test_attachment_only_page_names_its_body_in_the_reason() -> None:
    with pytest.raises(ParseError, match="attachment-only page") as raised:
        parse_html_article(ATTACHMENT_ONLY)
    assert "附件：麻章区2020年度报告.docx" in str(raised.value)


PRINTED_DATES = [
    pytest.param(
        '<meta name="PubDate" content="2023-05-12 23:20">',
        "<div class=info>发布时间：2009-09-30 10:53 来源：样例局</div>", date(2009, 9, 30),
        id="printed-label-beats-a-migration-meta",
    ),
    pytest.param(
        '<meta name="PubDate" content="2022-10-14 10:16:14">',
        "<div class=info><span>2020年09月15日 09时32分</span><span>来源: 样例网</span></div>",
        date(2020, 9, 15), id="info-bar-date-with-chinese-hours",
    ),
    pytest.param(
        '<meta name="PubDate" content="2023-08-16 10:33:59">',
        "<table><tr><td>生成日期：</td><td>2023-05-11</td></tr></table>", date(2023, 5, 11),
        id="label-and-value-in-separate-cells",
    ),
    pytest.param(
        '<meta name="PubDate" content="2024-03-01 16:39">',
        "<ul><li>开始时间：</li><li>2024-05-08</li><li>结束时间：</li><li>2024-05-10</li></ul>",
        date(2024, 3, 1), id="event-start-and-end-are-not-publication",
    ),
    pytest.param(
        "", "<p>发文日期：2023-03-31</p><p>发布日期：2023-04-02</p>", date(2023, 4, 2),
        id="publication-beats-document-date",
    ),
    pytest.param(
        '<meta name="PubDate" content="2024-01-01">', "<span>2020-06-01</span>",
        date(2020, 6, 1), id="bare-printed-date-beats-meta",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("head", "info", "expected"), PRINTED_DATES)
def test_the_printed_date_wins(head: str, info: str, expected: date) -> None:
    markup = page(f"{info}<div id=zoom><p>{LONG}</p></div>", head)
    assert parse_html_article(markup).published_on == expected


def test_printed_date_beats_the_date_in_the_url_and_meta_at_the_top_of_the_body() -> None:
    body = f"<div class=TRS_Editor><p>发布时间：2009-09-30 来源：样例局</p><p>{LONG}</p></div>"
    markup = page(body, '<meta name="PubDate" content="2023-05-12">')
    assert parse_html_article(markup).published_on == date(2009, 9, 30)


IMAGE_ONLY = [
    pytest.param(
        "<div class=crumb>当前位置：首页 > 要闻</div><h1>样例标题</h1><div>日期：2023-06-08 "
        "来源：样例中心 字号：大 中 小 打印 关闭</div>"
        '<div class="view TRS_UEDITOR trs_paper_default"><p><img src="./W0.jpg"></p></div>'
        f"<div class=footer>{LONG}</div>",
        id="trs-ueditor-with-one-picture",
    ),
    pytest.param(
        '<div id=zoom><p style="text-align:center"><img src="a.png"><img src="b.png"></p></div>'
        "<div>【字体：大 中 小】【打印本页】【关闭窗口】 当前位置：首页</div>",
        id="hanweb-zoom-with-scanned-pages",
    ),
]


@pytest.mark.parametrize("markup", IMAGE_ONLY)
def test_image_only_article_has_no_text_not_the_page_chrome(markup: str) -> None:
    with pytest.raises(ParseError, match="no text: the article body holds only images"):
        parse_html_article(page(markup))


def test_a_picture_slot_beside_a_body_with_text_is_not_an_image_only_article() -> None:
    markup = page(
        f'<div class=TRS_Editor><img src="banner.jpg"></div><div id=zoom><p>{LONG}</p></div>'
    )
    assert parse_html_article(markup).text == LONG


def test_a_wrapper_with_title_and_info_bar_around_a_picture_body_is_image_only() -> None:
    markup = page(
        "<div class=xl_con><h1>样例标题</h1><p>日期：2023-06-08 来源：样例中心 字号：大 中 小</p>"
        '<div class="view TRS_UEDITOR"><p><img src="./W0.jpg"></p></div></div>'
    )
    with pytest.raises(ParseError, match="only images"):
        parse_html_article(markup)


def test_an_info_bar_at_the_top_of_the_body_is_read_and_left_out_of_the_text() -> None:
    body = f"<div id=zoom><p>样例标题</p><p>发布时间：2009-09-30 10:53 来源：样例局</p><p>{LONG}</p></div>"
    parsed = parse_html_article(page(body))
    assert parsed.text == f"样例标题\n{LONG}"
    assert (parsed.published_on, parsed.source) == (date(2009, 9, 30), "样例局")
