"""Every site-family selector and page-chrome pattern the HTML parser uses, in one place.

Chinese government sites are built on a handful of content-management systems (TRS WCM, Hanweb
/ 大汉, Kaipu UCAP, the Guangdong provincial 集约化 platform …). Each wraps the article body in a
recognisable element; those are tried in order before the generic densest-text fallback. Adding
a site family is a data change here, with a fixture page and a test row in tests/parse/.
"""

from __future__ import annotations

import re
from typing import Final

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

DATE_LABELS = r"发布时间|发布日期|发文日期|公开日期|更新时间|日期|时间"
LABELLED_DATE = re.compile(
    rf"(?:{DATE_LABELS})\s*[:：]\s*"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
BARE_DATE_LINE = re.compile(
    r"^[^\w]*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
ANY_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)

# 来源 as printed in the article's info bar; the value stops at whitespace or the next label.
SOURCE_LABEL = re.compile(r"(?:信息来源|文章来源|稿件来源|来源)\s*[:：]\s*(?P<source>[^\s|｜]+)")
NEXT_LABEL = re.compile(
    rf"(?:{DATE_LABELS}|作者|发布机构|浏览次数|阅读次数|点击数|访问量|字号|字体|【).*$"
)
