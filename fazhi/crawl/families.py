"""Every site-family selector in one place: listing links, paging and attachments.

Reads decoded listing and article HTML (or Hanweb dataproxy XML) with the page URL and returns
candidate links with their titles and listing dates, the further listing requests to make, and
attachment links. Pure functions; nothing here fetches.

Families:
- ``trs``: TRS static columns, ``index.html`` + ``index_N.html`` from ``createPageHTML(...)``.
- ``pagination``: 下一页 / 尾页 / page-number links, including ``.shtml`` columns.
- ``hanweb``: 大汉 ``/col/colN/`` pages whose records sit in ``<datastore>`` CDATA, further
  records from POSTs to ``/module/web/jpage/dataproxy.jsp``.
- ``guangdong``: ``content/post_NNN.html`` articles with plain pagination.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from fazhi.crawl.fetch import join_url

# --- detection -------------------------------------------------------------------------------
TRS_PAGER = re.compile(r"createPageHTML\s*\(([^)]*)\)")
HANWEB_MARKERS = re.compile(r"<datastore>|dataproxy\.jsp|/col/col\d+/", re.IGNORECASE)
# gd.gov.cn: .../content/post_3191139.html ; county gkmlpt: /gkmlpt/content/4/4321/post_4321.html
GUANGDONG_ARTICLE = re.compile(r"/content/(?:[\d/]+/)?post_\d+\.html?$", re.IGNORECASE)

# --- links -----------------------------------------------------------------------------------
PAGER_TEXTS = {"下一页", "尾页", "末页", "首页", "上一页", "下页", "后页", "next", ">", ">>", "»"}
LISTING_PATH = re.compile(
    r"(/|/(index|nav_list|list|default)(_\d+)?\.s?html?|/col/col\d+/(index\.html)?)$",
    re.IGNORECASE,
)
PAGED_LISTING_PATH = re.compile(r"/(index|nav_list|list)_\d+\.s?html?$", re.IGNORECASE)
DATE_PATTERNS = (
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日"),
)
DATE_SEARCH_ANCESTORS = 2  # a listing row is usually <li>/<tr> around the <a>, or one level up

# --- Hanweb ----------------------------------------------------------------------------------
HANWEB_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)
HANWEB_TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.IGNORECASE)
HANWEB_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>", re.DOTALL | re.IGNORECASE)
HANWEB_PERPAGE = re.compile(r"perpage\W{1,3}(\d+)", re.IGNORECASE)
HANWEB_PROXY_PATH = "/module/web/jpage/dataproxy.jsp"
HANWEB_PAGES_PER_GROUP = 3  # jpage.js asks for three pages of records per POST

# --- attachments -----------------------------------------------------------------------------
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "doc", "wps", "ofd")
ATTACHMENT_PATH = re.compile(r"\.(pdf|docx|doc|wps|ofd)$", re.IGNORECASE)
ONCLICK_TARGET = re.compile(r"""['"]([^'"]+\.(?:pdf|docx|doc|wps|ofd))['"]""", re.IGNORECASE)
FILENAME_PARAMS = ("filename", "file", "name", "filepath", "path")


@dataclass(frozen=True)
class Link:
    """A link found on a page: absolute URL, its title and the date shown beside it."""

    url: str
    title: str
    published_on: date | None = None
    expected_format: str | None = None  # for attachments: the format the link promises
    problem: str | None = None  # why ``url`` (the href as written) cannot be fetched


@dataclass(frozen=True)
class ListingRequest:
    """A listing page to fetch: a GET of ``url``, or a POST of ``form`` (Hanweb paging)."""

    url: str
    form: tuple[tuple[str, str], ...] | None = None

    @property
    def key(self) -> str:
        """Identity for de-duplication and state (POST bodies included)."""
        return self.url if self.form is None else f"{self.url} POST {urlencode(self.form)}"


@dataclass(frozen=True)
class ListingPage:
    """What one listing page yields: candidate links and further listing requests."""

    links: tuple[Link, ...]
    next_requests: tuple[ListingRequest, ...]


def detect_family(url: str, html: str) -> str:
    """The site family of a listing page: hanweb | trs | guangdong | pagination."""
    if HANWEB_MARKERS.search(html) or re.search(r"/col/col\d+/", url):
        return "hanweb"
    if TRS_PAGER.search(html):
        return "trs"
    links = page_links(HTMLParser(html), url)
    if any(GUANGDONG_ARTICLE.search(urlsplit(link.url).path) for link in links):
        return "guangdong"
    return "pagination"


def read_listing(family: str, html: str, page_url: str) -> ListingPage:
    """Candidate links and further listing requests of one listing page of ``family``."""
    tree = HTMLParser(html)
    links = list(page_links(tree, page_url))
    requests = [ListingRequest(url) for url in pager_urls(tree, page_url)]
    if family == "trs":
        requests += [ListingRequest(url) for url in trs_page_urls(html, page_url)]
    if family == "hanweb":
        links += hanweb_record_links(html, page_url)
        requests += hanweb_first_requests(html, page_url)
    return ListingPage(tuple(links), tuple(dict.fromkeys(requests)))


def read_hanweb_data(xml: str, request: ListingRequest) -> ListingPage:
    """Links of a dataproxy.jsp answer and the POST for the next group of records, if any."""
    links = hanweb_record_links(xml, request.url)
    total = _first_int(HANWEB_TOTAL, xml)
    query = dict(parse_qsl(urlsplit(request.url).query))
    end = int(query.get("endrecord", "0"))
    perpage = int(query.get("perpage", "0")) or len(links) or 1
    if not links or total is None or end >= total or request.form is None:
        return ListingPage(tuple(links), ())
    return ListingPage(tuple(links), (_hanweb_request(request.url, request.form, end, perpage),))


# --- generic link reading --------------------------------------------------------------------
def page_links(tree: HTMLParser, page_url: str) -> list[Link]:
    """Every http(s) link of a page with its title and the date shown beside it."""
    links = []
    for anchor in tree.css("a[href]"):
        href = anchor.attributes.get("href") or ""
        url = _absolute(page_url, href)
        if url:
            links.append(Link(url, link_title(anchor), date_near(anchor)))
        elif problem := join_url(page_url, html_lib.unescape(href.strip()))[1]:
            links.append(Link(href.strip(), link_title(anchor), date_near(anchor), problem=problem))
    return links


def link_title(anchor: Node) -> str:
    """The fuller of the link text and its ``title`` attribute (listings truncate text)."""
    text = " ".join(anchor.text(separator=" ").split())
    attribute = " ".join((anchor.attributes.get("title") or "").split())
    return attribute if len(attribute) > len(text) else text


def date_near(anchor: Node) -> date | None:
    """The date printed in the link's listing row (its parent or grandparent), if any."""
    node: Node | None = anchor
    for _ in range(DATE_SEARCH_ANCESTORS):
        node = node.parent if node is not None else None
        if node is None or len(node.css("a")) > 1:
            return None  # past the row: the dates here belong to other links
        found = parse_date(node.text(separator=" "))
        if found:
            return found
    return None


def parse_date(text: str) -> date | None:
    """The first valid date written as 2023-06-16, 2023/06/16, 2023.06.16 or 2023年6月16日."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def is_listing_url(url: str) -> bool:
    """True for URLs shaped like column index pages, which are never reports themselves."""
    return bool(LISTING_PATH.search(urlsplit(url).path or "/"))


def matches_title(title: str, keywords: tuple[str, ...]) -> bool:
    """True when every ``+``-joined word of any keyword appears in ``title`` (spaces ignored)."""
    compact = "".join(title.split())
    return any(all(word in compact for word in keyword.split("+") if word) for keyword in keywords)


# --- paging ----------------------------------------------------------------------------------
def pager_urls(tree: HTMLParser, page_url: str) -> list[str]:
    """Listing pages linked by 下一页 / 尾页 / page numbers or an ``index_N`` style path."""
    urls = []
    for anchor in tree.css("a[href]"):
        url = _absolute(page_url, anchor.attributes.get("href") or "")
        text = "".join(anchor.text().split()).lower()
        if not url or url == page_url or not _same_directory(url, page_url):
            continue  # other columns' pagers are not this column's pages
        if text in PAGER_TEXTS or text.isdigit() or PAGED_LISTING_PATH.search(urlsplit(url).path):
            urls.append(url)
    return urls


def trs_page_urls(html: str, page_url: str) -> list[str]:
    """The ``index_N`` pages announced by TRS's ``createPageHTML(count, current, "index", ...)``.

    Accepts both call shapes seen in the wild, ``(count, current, "index", "html")`` and
    ``("page_div", count, current, "index", "html", total)``; the function's own definition,
    which has no literal arguments, is passed over.
    """
    for match in TRS_PAGER.finditer(html):
        numbers = [int(n) for n in re.findall(r"(?<![\w.])(\d+)(?![\w.])", match[1])]
        strings = re.findall(r"""['"]([^'"]*)['"]""", match[1])
        if numbers and len(strings) >= 2:
            count, (prefix, extension) = numbers[0], strings[-2:]
            names = [f"{prefix}.{extension}"]
            names += [f"{prefix}_{n}.{extension}" for n in range(1, count)]
            return [urljoin(page_url, name) for name in names]
    return []


# --- Hanweb ----------------------------------------------------------------------------------
def hanweb_record_links(text: str, page_url: str) -> list[Link]:
    """Links inside the ``<record><![CDATA[...]]></record>`` entries of a Hanweb datastore."""
    links: list[Link] = []
    for record in HANWEB_RECORD.findall(text):
        links += page_links(HTMLParser(f"<ul><li>{record}</li></ul>"), page_url)
    return links


def hanweb_first_requests(html: str, page_url: str) -> list[ListingRequest]:
    """The dataproxy POST for the records after those embedded in the column page."""
    nextgroup = HANWEB_NEXTGROUP.search(html)
    embedded = len(HANWEB_RECORD.findall(html))
    total = _first_int(HANWEB_TOTAL, html)
    if nextgroup is None or embedded == 0 or (total is not None and embedded >= total):
        return []
    href = re.search(r"""href=['"]([^'"]+)['"]""", html_lib.unescape(nextgroup[1]))
    if href is None:
        return []
    params = tuple((k, v) for k, v in parse_qsl(urlsplit(href[1]).query) if k != "page")
    perpage = _first_int(HANWEB_PERPAGE, html) or embedded
    proxy_url = urljoin(page_url, HANWEB_PROXY_PATH)
    return [_hanweb_request(proxy_url, params, embedded, perpage)]


def _hanweb_request(
    proxy_url: str, form: tuple[tuple[str, str], ...], done: int, perpage: int
) -> ListingRequest:
    base = urlunsplit(urlsplit(proxy_url)._replace(query=""))
    end = done + perpage * HANWEB_PAGES_PER_GROUP
    query = urlencode({"startrecord": done + 1, "endrecord": end, "perpage": perpage})
    return ListingRequest(f"{base}?{query}", form)


# --- attachments -----------------------------------------------------------------------------
def attachment_links(html: str, page_url: str) -> list[Link]:
    """Attachment links of an article page: by extension, ``fileName=`` or ``onclick``."""
    found: dict[str, Link] = {}
    for anchor in HTMLParser(html).css("a"):
        for url, expected in _attachment_targets(anchor, page_url):
            found.setdefault(url, Link(url, link_title(anchor), None, expected))
    return list(found.values())


def _attachment_targets(anchor: Node, page_url: str) -> list[tuple[str, str]]:
    targets = []
    href = _absolute(page_url, anchor.attributes.get("href") or "")
    if href:
        expected = attachment_format(href)
        if expected:
            targets.append((href, expected))
    for target in ONCLICK_TARGET.findall(anchor.attributes.get("onclick") or ""):
        url = _absolute(page_url, target)
        if url:
            targets.append((url, attachment_format(url) or "unknown"))
    return targets


def attachment_format(url: str) -> str | None:
    """The document format a URL promises by its path or a ``fileName=``-style parameter."""
    parts = urlsplit(url)
    match = ATTACHMENT_PATH.search(parts.path)
    if match:
        return match[1].lower()
    for key, values in parse_qs(parts.query).items():
        if key.lower() in FILENAME_PARAMS:
            for value in values:
                match = ATTACHMENT_PATH.search(value)
                if match:
                    return match[1].lower()
    return None


def _absolute(page_url: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = join_url(page_url, html_lib.unescape(href))[0]
    if url is None:
        return None
    url = url.split("#")[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _same_directory(url: str, page_url: str) -> bool:
    def directory(u: str) -> tuple[str, str]:
        parts = urlsplit(u)
        return parts.netloc, parts.path.rsplit("/", 1)[0]

    return directory(url) == directory(page_url)


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match[1]) if match else None
