"""Every site-family selector, in one place: article bodies and page chrome for the HTML parser,
family markers, listing links, pagers and attachments for the crawler (fazhi.crawl.families).

Chinese government sites are built on a handful of content-management systems (TRS WCM, Hanweb
/ 大汉, Kaipu UCAP, the Guangdong provincial 集约化 platform …). Each wraps the article body in a
recognisable element; those are tried in order before the generic densest-text fallback, and each
announces its listing pages in its own way (the PAGER_FORMS table). Adding a site family or a
pager is a data change here, with a fixture page and a test row in tests/crawl or tests/parse.
Everything is checked when the module loads (``validate``): a bad selector or pattern fails the
import, not a crawl.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser

# (family, CSS selector) for the article body, most specific first. The first match whose text
# is long enough wins; a too-short match (an empty template slot) falls through to the next.
CONTENT_SELECTORS: Final[tuple[tuple[str, str], ...]] = (
    ("trs", ".TRS_Editor"),
    ("trs", ".TRS_UEDITOR"),
    ("trs", ".trs_editor_view"),
    ("trs", ".Custom_UnionStyle"),
    ("kaipu", "#UCAP-CONTENT"),
    ("shanghai", "#ivs_content"),
    ("beijing", "#mainText"),
    ("wechat", "#js_content"),
    ("guangdong", ".article-content"),
    ("guangdong", ".article_content"),
    ("hanweb", ".bt_content"),
    ("hanweb", ".bt-content"),
    ("hanweb", "#zoom"),
    ("hanweb", "#Zoom"),
    ("generic", "#zoomcon"),
    ("generic", ".pages_content"),
    ("generic", ".zwnr"),
    ("generic", ".zw"),
    ("generic", ".xl_con"),
    ("generic", ".news_content"),
    ("generic", ".con_txt"),
    ("generic", "#fontzoom"),
    ("generic", "article"),
)

# Elements never rendered anywhere: code, forms and media carry no report text.
INVISIBLE_TAGS: Final[frozenset[str]] = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
        "canvas", "select", "option", "button", "input", "textarea", "head", "title", "meta",
        "link", "map", "audio", "video",
    }
)  # fmt: skip

# Chrome that sometimes sits inside the article body element: share bars, print/close buttons,
# QR codes, related links. Removed before the body is rendered.
CHROME_IN_BODY_SELECTORS: Final[tuple[str, ...]] = (
    ".share", ".bdsharebuttonbox", ".bshare-custom", "#share", ".fenxiang", ".print",
    ".close", ".ewm", ".qrcode", ".xgxx", ".related", ".relevant", ".xglj",
)  # fmt: skip

# Page regions that are never the article: the generic fallback does not score text inside them.
CHROME_REGION_TAGS: Final[frozenset[str]] = frozenset({"nav", "header", "footer", "aside", "form"})
CHROME_REGION_NAME = re.compile(
    r"nav|menu|header|footer|foot|breadcrumb|crumb|position|location|share|sidebar|side|"
    r"related|xglj|links|copyright|banner|toolbar",
    re.IGNORECASE,
)

# Lines that are nothing but chrome words once brackets and separators are removed.
CHROME_PHRASES: Final[tuple[str, ...]] = (
    "扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面", "在手机打开当前页", "分享到",
    "打印本页", "打印此页", "关闭窗口", "关闭本页", "返回顶部", "听全文", "加入收藏",
    "微信", "微博", "QQ空间", "QQ", "打印", "关闭", "收藏", "字体", "字号", "大", "中", "小",
    "默认", "分享",
)  # fmt: skip
# At least one of these must be present, so a table cell reading just "中" survives.
CHROME_STRONG_PHRASES: Final[frozenset[str]] = frozenset(
    {
        "扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面", "在手机打开当前页", "分享到",
        "打印本页", "打印此页", "关闭窗口", "关闭本页", "返回顶部", "听全文", "加入收藏",
    }
)  # fmt: skip
# Lines that start with a navigation label are chrome whatever follows (the linked title).
CHROME_LINE_START = re.compile(r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]")
CHROME_SEPARATORS = re.compile(r"[\s【】\[\]()（）:：|｜/·•\-—_,，、]+")

# <meta name=…> carrying article metadata (TRS / Kaipu publishing standard, lower-cased).
TITLE_META_NAMES: Final[tuple[str, ...]] = ("articletitle", "og:title", "dc.title")
DATE_META_NAMES: Final[tuple[str, ...]] = (
    "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date",
)  # fmt: skip
SOURCE_META_NAMES: Final[tuple[str, ...]] = ("contentsource", "source")

# Title elements on the article page, most specific first.
TITLE_SELECTORS: Final[tuple[str, ...]] = (
    ".article-title", ".article_title", ".bt_title", ".title_cen", ".xxgk_title", ".zw_title",
    ".content_title", ".news_title", "#title", "h1",
)  # fmt: skip
# <title> text is often "标题_栏目_站点"; the first segment is the article title.
PAGE_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|--|—|-(?=[^0-9]))\s*")

DATE_LABELS = r"发布时间|发布日期|发文日期|成文日期|生成日期|公开日期|更新时间|日期|时间"
_DATE_VALUE = (
    r"\s*[:：]\s*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
# When the page went out. A bare 日期/时间 is a label only when no word runs into it (开始时间,
# 结束时间 are not).
LABELLED_DATE = re.compile(
    r"(?:发布时间|发布日期|公开日期|更新时间|(?<![\u3400-\u9fff])(?:日期|时间))" + _DATE_VALUE
)
# When the document was made (信息公开 index boxes): second to the publication date.
DOCUMENT_DATE = re.compile(r"(?:发文日期|成文日期|生成日期)" + _DATE_VALUE)
BARE_DATE_LINE = re.compile(
    r"^[^\w]*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"(?:\s+\d{1,2}[:时]\d{2}(?:[:分]\d{2})?分?)?[^\w]*$"
)
# The info bar above a body: a short line holding a date beside one of these labels.
INFO_BAR_LABEL = re.compile(r"来源|作者|浏览|点击|阅读|字号|字体|发布机构|编辑")
MAX_INFO_BAR_LINE: Final = 100
INFO_BAR_LINES: Final = 15  # how far above the body the info bar and a bare date are looked for
ANY_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)

# 来源 as printed in the article's info bar; the value stops at whitespace or the next label.
SOURCE_LABEL = re.compile(r"(?:信息来源|文章来源|稿件来源|来源)\s*[:：]\s*(?P<source>[^\s|｜]+)")
NEXT_LABEL = re.compile(
    rf"(?:{DATE_LABELS}|作者|发布机构|浏览次数|阅读次数|点击数|访问量|字号|字体|【).*$"
)


# ================================================================ crawler: families and listings
FAMILIES: Final[tuple[str, ...]] = ("trs", "pagination", "hanweb", "guangdong")

# Markers that decide a family by themselves (the page's own machinery, not a menu link).
HANWEB_PAGE_MARKERS = re.compile(r"<datastore>|dataproxy\.jsp", re.IGNORECASE)
HANWEB_URL = re.compile(r"/col/col\d+/|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html?$", re.I)
HANWEB_COLUMN_LINK = re.compile(r"/col/col\d+/", re.IGNORECASE)
# Links of a page's own host to Hanweb columns: this many make a Hanweb site when nothing else
# names the family (a TRS site's menu may link one or two columns of another platform).
HANWEB_MIN_COLUMN_LINKS: Final = 3
TRS_MARKERS = re.compile(
    r"createPageHTML\s*\(|createPage\s*\(\s*\d|var\s+countPage\s*=|"
    r"class=[\"'][^\"']*\bTRS_(?:Editor|UEDITOR)\b|/t20\d{6}_\d+\.s?html?",
    re.IGNORECASE,
)
# gd.gov.cn: .../content/post_3191139.html ; county gkmlpt: /gkmlpt/content/4/4321/post_4321.html
GUANGDONG_ARTICLE = re.compile(r"/content/(?:[\d/]+/)?post_\d+\.html?$", re.IGNORECASE)

PAGER_TEXTS: Final = frozenset(
    {"下一页", "尾页", "末页", "首页", "上一页", "下页", "后页", "next", ">", ">>", "»"}
)
LISTING_PATH = re.compile(
    r"(/|/(index|nav_list|list|default|common_list)(_\d+)?\.s?html?|/col/col\d+/(index\.html)?)$",
    re.IGNORECASE,
)
# Paged column names; ``5501-2.html`` pages are only taken from their pager (query_article
# below, or 下一页 / page-number links), since articles may be named ``abc-123.html`` too.
PAGED_LISTING_PATH = re.compile(r"/(index|nav_list|list|common_list)_\d+\.s?html?$", re.IGNORECASE)
NUMBERED_LISTING = re.compile(r"[_-]\d+\.s?html?$|/col/col\d+/index_\d+", re.IGNORECASE)
PAGE_PARAMETER = re.compile(r"(?:^|&)(?:page|pageno|pageindex|currpage|p|startrecord)=\d+", re.I)
LISTING_DATE_PATTERNS: Final = (
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日"),
)
DATE_SEARCH_ANCESTORS: Final = 2  # a listing row is usually <li>/<tr> around the <a>, or one up
# A URL written in an onclick handler of a link without href: isDownLoad(this,'…'),
# queryArticleByCondition(this,'…'), window.open('…').
ONCLICK_URL = re.compile(r"""['"]((?:https?://|/|\.{1,2}/)[^'"\s]+|[\w-]+\.s?html?)['"]""")

# Pager forms: (name, pattern). Each is read by the function of the same name in
# fazhi.crawl.families; numbering is 0-based (page 1 = name.ext, page 2 = name_1.ext) unless the
# form says otherwise. A pattern starts with its literal name, whose word boundary is checked
# just after it (``createPage(?<!\wcreatePage)`` is ``\bcreatePage``): Python's regex engine skips
# to a leading literal, while a leading ``\b`` made it try every position (~0.1 ms per form and
# listing page, every form on every page).
PAGER_FORMS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    # TRS: createPageHTML(count, current, "index", "html"): 0-based, current 0 = index.html.
    # TRS six-argument: createPageHTML('page_div', count, current, 'common_list', 'shtml', total):
    # 1-based, page 1 = common_list.shtml, page 2 = common_list_2.shtml (the site's page.js).
    ("create_page_html", re.compile(r"createPageHTML\s*\(([^()]*)\)")),
    # Chongqing TRS: createPage(count, current, "index", "html"), 0-based like the above.
    ("create_page", re.compile(r"createPage(?<!\wcreatePage)\s*\(\s*(\d+\s*,[^()]*)\)")),
    # TRS templates: var countPage = N; var currentPage = M; pages index_M.html, 0-based.
    ("count_page", re.compile(r"var(?<!\wvar)\s+countPage\s*=\s*(\d+)")),
    # jQuery pagination plugins: totalPage: N, callBack → 'index.html' / 'index_'+i+'.html'.
    ("total_page", re.compile(r"totalPage(?<!\wtotalPage)\s*:\s*(\d+)")),
    # huilan/aisite: onclick="queryArticleByCondition(this,'/col/1234-2.html')" on 下一页/尾页.
    ("query_article", re.compile(r"queryArticleByCondition\s*\(\s*this\s*,\s*['\"]([^'\"]+)['\"]")),
)
CURRENT_PAGE = re.compile(r"\bvar\s+currentPage\s*=\s*(\d+)")
PAGE_NAME_CONCAT = re.compile(
    r"""['"]([\w-]+)_['"]\s*\+\s*\w+\s*\+\s*['"]\.(s?html?)['"]""", re.IGNORECASE
)
NUMBERED_PAGE = re.compile(r"^(?P<stem>.*-)(?P<n>\d+)(?P<ext>\.s?html?)$", re.IGNORECASE)

# A JavaScript redirect to a literal URL: a stub page standing for the real column.
JS_REDIRECT_TARGET = re.compile(
    r"""(?:window\.|document\.|self\.|top\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)['"]"""
    r"""(?=\s*(?:;|<|\n|\}|$))|"""
    r"""location\.(?:replace|assign)\s*\(\s*['"]([^'"]+)['"]\s*\)""",
    re.IGNORECASE,
)  # a literal target only: '/x?'+Math.random() or location.pathname+… is computed

# Hanweb dataproxy paging.
HANWEB_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)
HANWEB_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.IGNORECASE)
HANWEB_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>", re.DOTALL | re.IGNORECASE)
HANWEB_NEXTGROUP_HREF = re.compile(r"""href=['"]([^'"]+)['"]""")
HANWEB_PERPAGE = re.compile(r"perpage\W{1,3}(\d+)", re.IGNORECASE)
HANWEB_PROXY_PATH: Final = "/module/web/jpage/dataproxy.jsp"
HANWEB_PAGES_PER_GROUP: Final = 3  # jpage.js asks for three pages of records per POST

# Attachments.
ATTACHMENT_EXTENSIONS: Final = ("pdf", "docx", "doc", "wps", "ofd")
ATTACHMENT_PATH = re.compile(r"\.(pdf|docx|doc|wps|ofd)$", re.IGNORECASE)
ONCLICK_ATTACHMENT = re.compile(r"""['"]([^'"]+\.(?:pdf|docx|doc|wps|ofd))['"]""", re.IGNORECASE)
FILENAME_PARAMS: Final = ("filename", "file", "name", "filepath", "path")


def validate() -> None:
    """Check the tables when the module loads: every CSS selector parses, families are known."""
    probe = LexborHTMLParser("<html><body><p>x</p></body></html>")
    css = [c for _, c in CONTENT_SELECTORS] + list(CHROME_IN_BODY_SELECTORS)
    css += list(TITLE_SELECTORS)
    for selector in css:
        try:
            probe.css(selector)
        except Exception as exc:  # selectolax raises its own errors for bad selectors
            raise ValueError(f"selectors: bad CSS selector {selector!r}: {exc}") from exc
    known = {"trs", "kaipu", "shanghai", "beijing", "wechat", "guangdong", "hanweb", "generic"}
    for family, selector in CONTENT_SELECTORS:
        if family not in known:
            raise ValueError(f"selectors: content selector {selector!r} of unknown family {family}")
    for name, pattern in PAGER_FORMS:
        if pattern.groups < 1:
            raise ValueError(f"selectors: pager form {name} captures nothing")
    if not set(ATTACHMENT_EXTENSIONS) <= {"pdf", "docx", "doc", "wps", "ofd"}:
        raise ValueError("selectors: attachment extension without a parser")


validate()
