"""Reading listing and article pages of each site family: links, paging and attachments.

Reads decoded listing and article HTML (or Hanweb dataproxy XML) with the page URL and returns
candidate links with their titles and listing dates, the further listing requests to make, and
attachment links. Pure functions; nothing here fetches. The selectors and patterns themselves
live in :mod:`fazhi.parse.selectors`, the one home of every site-family selector.

Families:
- ``trs``: TRS static columns; pages announced by ``createPageHTML`` (four- and six-argument),
  ``createPage`` or ``var countPage``.
- ``pagination``: 下一页 / 尾页 / page-number links, jQuery pagination plugins
  (``totalPage: N``), ``queryArticleByCondition`` pagers, including ``.shtml`` columns.
- ``hanweb``: 大汉 ``/col/colN/`` pages whose records sit in ``<datastore>`` CDATA, further
  records from POSTs to ``/module/web/jpage/dataproxy.jsp``.
- ``guangdong``: ``content/post_NNN.html`` articles with plain pagination.
Every family also follows a JavaScript redirect stub to its literal target.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import parse_qs, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from fazhi.crawl.fetch import inert_url, join_url
from fazhi.parse import selectors as sel


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
    """The site family of a listing page: hanweb | trs | guangdong | pagination.

    The page's own machinery decides (Hanweb's datastore and dataproxy, TRS pager scripts and
    editor classes, the page's own URL); links only count when they stay on the page's host and
    are many, so a menu entry pointing at another platform's column decides nothing.
    """
    if sel.HANWEB_PAGE_MARKERS.search(html) or sel.HANWEB_URL.search(urlsplit(url).path):
        return "hanweb"
    if sel.TRS_MARKERS.search(html):
        return "trs"
    links = page_links(HTMLParser(html), url)
    if any(sel.GUANGDONG_ARTICLE.search(urlsplit(link.url).path) for link in links):
        return "guangdong"
    host = urlsplit(url).hostname
    own_columns = {
        column[0]
        for link in links
        if urlsplit(link.url).hostname == host
        and (column := sel.HANWEB_COLUMN_LINK.search(urlsplit(link.url).path))
    }
    if len(own_columns) >= sel.HANWEB_MIN_COLUMN_LINKS:
        return "hanweb"
    return "pagination"


def read_listing(family: str, html: str, page_url: str) -> ListingPage:
    """Candidate links and further listing requests of one listing page of ``family``.

    Every pager form is tried whatever the family (sites mix templates); the family adds its
    own machinery (Hanweb's dataproxy records). The page itself is never a further request.
    """
    tree = HTMLParser(html)
    links = list(page_links(tree, page_url))
    urls = pager_urls(tree, page_url) + script_page_urls(html, page_url)
    target = js_redirect_target(html, page_url)
    if target:
        urls.append(target)
    requests = [ListingRequest(url) for url in urls if not _same_page(url, page_url)]
    if family == "hanweb":
        links += hanweb_record_links(html, page_url)
        requests += hanweb_first_requests(html, page_url)
    unique_links = list({link.url: link for link in reversed(links)}.values())[::-1]
    return ListingPage(tuple(unique_links), tuple(dict.fromkeys(requests)))


def js_redirect_target(html: str, page_url: str) -> str | None:
    """The literal URL a JavaScript redirect stub sends readers to, when the page is one.

    A stub has almost no visible text and at most a few links; a computed target
    (``location.pathname+location.search``, a random query) is an anti-bot page, not a stub.
    """
    tree = HTMLParser(html)
    scripts = " ".join(node.text() for node in tree.css("script"))
    match = sel.JS_REDIRECT_TARGET.search(scripts)
    if match is None:
        return None
    for node in tree.css("script, style, noscript"):
        node.decompose()
    visible = "".join((tree.body.text() if tree.body else "").split())
    if len(visible) > 200 or len(tree.css("a[href]")) > 3:
        return None
    return _absolute(page_url, match[1] or match[2] or "")


def read_hanweb_data(xml: str, request: ListingRequest) -> ListingPage:
    """Links of a dataproxy.jsp answer and the POST for the next group of records, if any."""
    links = hanweb_record_links(xml, request.url)
    total = _first_int(sel.HANWEB_TOTAL, xml)
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
    for anchor in tree.css("a"):
        href = anchor.attributes.get("href") or ""
        url = link_target(anchor, page_url)
        if url:
            links.append(Link(url, link_title(anchor), date_near(anchor)))
        elif problem := join_url(page_url, html_lib.unescape(href.strip()))[1]:
            recorded = inert_url(href)  # splits without raising, wherever the link goes next
            links.append(Link(recorded, link_title(anchor), date_near(anchor), problem=problem))
    return links


def link_target(anchor: Node, page_url: str) -> str | None:
    """The URL a link opens: its href, else the URL its onclick handler names
    (``isDownLoad(this,'…')``, ``window.open('…')``): some CMSs write no href at all."""
    url = _absolute(page_url, anchor.attributes.get("href") or "")
    if url:
        return url
    match = sel.ONCLICK_URL.search(anchor.attributes.get("onclick") or "")
    return _absolute(page_url, match[1]) if match else None


def link_title(anchor: Node) -> str:
    """The fuller of the link text and its ``title`` attribute (listings truncate text)."""
    text = " ".join(anchor.text(separator=" ").split())
    for pattern in sel.LISTING_DATE_PATTERNS:  # a date printed inside the link is not the title
        text = pattern.sub("", text).strip(" []【】()（）")
    attribute = " ".join((anchor.attributes.get("title") or "").split())
    return attribute if len(attribute) > len(text) else text


def date_near(anchor: Node) -> date | None:
    """The date printed in the link's listing row (its parent or grandparent), if any."""
    node: Node | None = anchor
    for _ in range(sel.DATE_SEARCH_ANCESTORS):
        node = node.parent if node is not None else None
        if node is None or len(node.css("a")) > 1:
            return None  # past the row: the dates here belong to other links
        found = parse_date(node.text(separator=" "))
        if found:
            return found
    return None


def parse_date(text: str) -> date | None:
    """The first valid date written as 2023-06-16, 2023/06/16, 2023.06.16 or 2023年6月16日."""
    for pattern in sel.LISTING_DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def is_numbered_page(url: str) -> bool:
    """Whether a listing URL names a page number: ``index_3.html``, ``5501-2.html``, ``?page=2``."""
    parts = urlsplit(url)
    return bool(sel.NUMBERED_LISTING.search(parts.path) or sel.PAGE_PARAMETER.search(parts.query))


def is_listing_url(url: str) -> bool:
    """True for URLs shaped like column index pages, which are never reports themselves."""
    return bool(sel.LISTING_PATH.search(urlsplit(url).path or "/"))


# --- paging ----------------------------------------------------------------------------------
def pager_urls(tree: HTMLParser, page_url: str) -> list[str]:
    """Listing pages linked by 下一页 / 尾页 / page numbers or an ``index_N`` style path."""
    urls = []
    for anchor in tree.css("a"):
        url = link_target(anchor, page_url)
        text = "".join((anchor.text() or anchor.attributes.get("title") or "").split()).lower()
        if not url or url == page_url or not _same_directory(url, page_url):
            continue  # other columns' pagers are not this column's pages
        if (
            text in sel.PAGER_TEXTS
            or text.isdigit()
            or sel.PAGED_LISTING_PATH.search(urlsplit(url).path)
        ):
            urls.append(url)
    return urls


def script_page_urls(html: str, page_url: str) -> list[str]:
    """Listing pages announced by pager scripts, by every form of ``sel.PAGER_FORMS``."""
    urls: list[str] = []
    for name, pattern in sel.PAGER_FORMS:
        urls += _PAGER_READERS[name](pattern, html, page_url)
    return urls


def trs_page_urls(html: str, page_url: str) -> list[str]:
    """Every page of the column announced by TRS's ``createPageHTML``, including page 1."""
    pattern = dict(sel.PAGER_FORMS)["create_page_html"]
    return _create_page_html(pattern, html, page_url)


def _create_page_html(pattern: re.Pattern[str], html: str, page_url: str) -> list[str]:
    """``createPageHTML(count, current, "index", "html")`` numbers pages from 0 (index_1 is page
    2); the six-argument ``createPageHTML('page_div', count, current, 'name', 'ext', total)``
    numbers them from 1 (name_2 is page 2). The function's own definition, which has no literal
    arguments, is passed over."""
    for match in pattern.finditer(html):
        arguments = [a.strip() for a in match[1].split(",")]
        strings = [a.strip("'\"") for a in arguments if a[:1] in "'\""]
        numbers = [int(a) for a in arguments if a.isdigit()]
        if not numbers or len(strings) < 2:
            continue
        name, extension = strings[-2:]
        if arguments[0][:1] in "'\"":  # six-argument form: the first argument is the div id
            return _numbered(page_url, name, extension, numbers[0], first_suffix=2)
        return _numbered(page_url, name, extension, numbers[0], first_suffix=1)
    return []


def _create_page(pattern: re.Pattern[str], html: str, page_url: str) -> list[str]:
    for match in pattern.finditer(html):
        arguments = [a.strip() for a in match[1].split(",")]
        strings = [a.strip("'\"") for a in arguments if a[:1] in "'\""]
        if len(strings) >= 2 and arguments[0].isdigit():
            return _numbered(page_url, strings[-2], strings[-1], int(arguments[0]), 1)
    return []


def _count_page(pattern: re.Pattern[str], html: str, page_url: str) -> list[str]:
    """``var countPage = N`` (TRS templates): pages ``index.html``, ``index_1.html`` …, named
    like the script's own ``'index_'+n+'.html'`` when it writes one, else like the page."""
    match = pattern.search(html)
    if match is None:
        return []
    name, extension = _page_name(html, page_url)
    return _numbered(page_url, name, extension, int(match[1]), first_suffix=1)


def _total_page(pattern: re.Pattern[str], html: str, page_url: str) -> list[str]:
    """jQuery pagination ``totalPage: N`` whose callback opens ``index.html`` for page 1 and
    ``'index_'+i+'.html'`` for page i: numbered from 1 (index_2 is page 2)."""
    match = pattern.search(html)
    concat = sel.PAGE_NAME_CONCAT.search(html)
    if match is None or concat is None:
        return []
    return _numbered(page_url, concat[1], concat[2], int(match[1]), first_suffix=2)


def _query_article(pattern: re.Pattern[str], html: str, page_url: str) -> list[str]:
    """``queryArticleByCondition(this,'/col/1234-2.html')`` pagers: every page from 2 up to the
    highest number named (尾页 names the last)."""
    targets = [t for t in pattern.findall(html) if t.strip() and not t.startswith("[")]
    numbered = [m for m in (sel.NUMBERED_PAGE.match(t) for t in targets) if m]
    if not numbered:
        return [url for url in (_absolute(page_url, t) for t in targets) if url]
    last = max(numbered, key=lambda m: int(m["n"]))
    stem, extension = last["stem"], last["ext"]
    urls = [_absolute(page_url, f"{stem}{n}{extension}") for n in range(2, int(last["n"]) + 1)]
    return [url for url in urls if url]


_PAGER_READERS: dict[str, Callable[[re.Pattern[str], str, str], list[str]]] = {
    "create_page_html": _create_page_html,
    "create_page": _create_page,
    "count_page": _count_page,
    "total_page": _total_page,
    "query_article": _query_article,
}
if set(_PAGER_READERS) != {name for name, _ in sel.PAGER_FORMS}:
    raise ValueError("every pager form of selectors.PAGER_FORMS needs its reader here")


def _numbered(page_url: str, name: str, extension: str, count: int, first_suffix: int) -> list[str]:
    """``name.ext`` then ``name_<first_suffix>.ext`` … for ``count`` pages in all."""
    names = [f"{name}.{extension}"]
    names += [f"{name}_{n}.{extension}" for n in range(first_suffix, first_suffix + count - 1)]
    return [urljoin(page_url, page) for page in names]


def _page_name(html: str, page_url: str) -> tuple[str, str]:
    concat = sel.PAGE_NAME_CONCAT.search(html)
    if concat:
        return concat[1], concat[2]
    last = urlsplit(page_url).path.rsplit("/", 1)[-1] or "index.html"
    stem, _, extension = last.partition(".")
    return re.sub(r"_\d+$", "", stem) or "index", extension or "html"


def _same_page(url: str, page_url: str) -> bool:
    """Whether ``url`` is the page itself (a column's ``/`` and its ``index.*`` are one page)."""

    def norm(u: str) -> str:
        parts = urlsplit(u)
        path = re.sub(r"/index\.s?html?$", "/", parts.path, flags=re.IGNORECASE)
        return f"{parts.netloc}{path}?{parts.query}"

    return norm(url) == norm(page_url)


# --- Hanweb ----------------------------------------------------------------------------------
def hanweb_record_links(text: str, page_url: str) -> list[Link]:
    """Links inside the ``<record><![CDATA[...]]></record>`` entries of a Hanweb datastore."""
    links: list[Link] = []
    for record in sel.HANWEB_RECORD.findall(text):
        links += page_links(HTMLParser(f"<ul><li>{record}</li></ul>"), page_url)
    return links


def hanweb_first_requests(html: str, page_url: str) -> list[ListingRequest]:
    """The dataproxy POST for the records after those embedded in the column page."""
    nextgroup = sel.HANWEB_NEXTGROUP.search(html)
    embedded = len(sel.HANWEB_RECORD.findall(html))
    total = _first_int(sel.HANWEB_TOTAL, html)
    if nextgroup is None or embedded == 0 or (total is not None and embedded >= total):
        return []
    href = sel.HANWEB_NEXTGROUP_HREF.search(html_lib.unescape(nextgroup[1]))
    if href is None:
        return []
    params = tuple((k, v) for k, v in parse_qsl(urlsplit(href[1]).query) if k != "page")
    perpage = _first_int(sel.HANWEB_PERPAGE, html) or embedded
    proxy_url = urljoin(page_url, sel.HANWEB_PROXY_PATH)
    return [_hanweb_request(proxy_url, params, embedded, perpage)]


def _hanweb_request(
    proxy_url: str, form: tuple[tuple[str, str], ...], done: int, perpage: int
) -> ListingRequest:
    base = urlunsplit(urlsplit(proxy_url)._replace(query=""))
    end = done + perpage * sel.HANWEB_PAGES_PER_GROUP
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
    for target in sel.ONCLICK_ATTACHMENT.findall(anchor.attributes.get("onclick") or ""):
        url = _absolute(page_url, target)
        if url:
            targets.append((url, attachment_format(url) or "unknown"))
    return targets


def attachment_format(url: str) -> str | None:
    """The document format a URL promises by its path or a ``fileName=``-style parameter."""
    parts = urlsplit(url)
    match = sel.ATTACHMENT_PATH.search(parts.path)
    if match:
        return match[1].lower()
    for key, values in parse_qs(parts.query).items():
        if key.lower() in sel.FILENAME_PARAMS:
            for value in values:
                match = sel.ATTACHMENT_PATH.search(value)
                if match:
                    return match[1].lower()
    return None


def _absolute(page_url: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    if len(href) <= _REMEMBERED_HREF_CHARS:  # a hostile page's huge hrefs are not kept
        return _remembered_absolute(page_url, href)
    return _joined(page_url, href)


# A listing page resolves each link twice (its rows, then its pager links), and joining is most
# of reading a listing's links; remembering the last few thousand costs at most a few MB.
_REMEMBERED_HREF_CHARS = 2048


@lru_cache(maxsize=2048)
def _remembered_absolute(page_url: str, href: str) -> str | None:
    return _joined(page_url, href)


def _joined(page_url: str, href: str) -> str | None:
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
