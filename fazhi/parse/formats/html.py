"""HTML article page (already decoded to str) → main-content text, title, date and 来源.

Reads markup; writes nothing. The body is found by the site-family selectors of
:mod:`fazhi.parse.selectors`, else by the densest block of non-link text outside page chrome.
Rendering follows what a reader sees: block elements and <br> start lines, table cells are
separated by one space, whitespace collapses as in CSS (a line break between two CJK characters
disappears), and lines that are only chrome words (分享到, 打印本页 …) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from fazhi.errors import ParseError
from fazhi.parse import selectors as sel

MIN_CONTENT_CHARS = 30  # letters, digits and CJK characters a real article body has at least

BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "section", "article", "header", "footer", "aside", "nav", "table",
        "tr", "hr", "address", "figure", "figcaption", "form", "center", "main", "caption",
        "fieldset", "legend", "details", "summary", "body", "html",
    }
)  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})

# Private markers inside the rendered stream; control characters are removed from page text
# first, so they cannot collide with it.
LINE_BREAK = "\x1e"
CELL_END = "\x1f"
CONTENT_MARK = "\x1d"
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
CJK_SEGMENT_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{CJK}])")
HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
NOT_SUBSTANCE = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]+")
MAX_CHROME_LINE = 60  # chrome lines are a few words; longer lines are never tested
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlArticle:
    """The main content and the printed metadata of one article page."""

    text: str
    title: str | None
    published_on: date | None
    source: str | None


def parse_html_article(markup: str) -> HtmlArticle:
    """Main-content text and title / date / 来源 of a decoded HTML page; ParseError if none."""
    tree = LexborHTMLParser(markup)
    body = tree.body
    if body is None:
        raise ParseError("HTML page has no main content: no <body>")
    image_only = image_only_body(body)
    if image_only is not None:
        raise ParseError(
            "HTML page has no text: the article body holds only images "
            f"({image_only} <img>; a scanned or picture-only article)"
        )
    content = find_main_content(body)
    if content is None:
        raise ParseError("HTML page has no main content: no text block outside page chrome")
    for chrome in [n for css in sel.CHROME_IN_BODY_SELECTORS for n in content.css(css)]:
        chrome.decompose()
    text = "\n".join(drop_chrome_lines(render_lines(content)))
    if count_substance(text) < MIN_CONTENT_CHARS:
        raise ParseError(
            f"HTML page has no main content: the body holds only {text[:60]!r} "
            "(an attachment-only page or an empty article)"
        )
    before, after = _page_lines_around(body, content)
    lines = text.split("\n")
    head, rest = lines[: sel.INFO_BAR_LINES], lines[sel.INFO_BAR_LINES :]
    info_bar = [line for line in head if is_info_bar_line(line)]
    return HtmlArticle(
        # the info bar some sites put at the top of the body is page chrome, not report text
        text="\n".join([line for line in head if line not in info_bar] + rest),
        title=find_title(tree),
        published_on=find_published_on(tree, before, after, lines),
        source=find_source(tree, [*before, *info_bar], after),
    )


def is_info_bar_line(line: str) -> bool:
    """A short line holding a publication-date label and another info-bar label
    (``发布时间：2009-09-30 10:53 来源：样例局``)."""
    return (
        len(line) <= sel.MAX_INFO_BAR_LINE
        and sel.LABELLED_DATE.search(line) is not None
        and sel.INFO_BAR_LABEL.search(line) is not None
    )


def count_substance(text: str) -> int:
    """How many letters, digits and CJK characters ``text`` holds."""
    return len(NOT_SUBSTANCE.sub("", text))


# ---------------------------------------------------------------- main content


def find_main_content(body: LexborNode) -> LexborNode | None:
    """The article body: the first site-family match with enough text, else the densest block.

    A short family match inside the densest block is still the body: the page only points to an
    attachment ("附件：….pdf"), and the title and info bar around it are not the report.
    """
    short_match = None
    for _family, css in sel.CONTENT_SELECTORS:
        for node in body.css(css):
            size = count_substance(node.text(separator=" "))
            if size >= MIN_CONTENT_CHARS:
                return node
            short_match = short_match or (node if size else None)
    densest = densest_text_block(body)
    if short_match is not None and (densest is None or _is_inside(short_match, densest)):
        return short_match
    return densest


def image_only_body(body: LexborNode) -> int | None:
    """How many images a site-family body element holds when it holds nothing else, else None.

    Such an article (a scanned report posted as pictures) has no text; without this check the
    densest-text fallback would return the page chrome around it (当前位置…/字号/打印/关闭).
    """
    with_text, with_images = [], []
    for _family, css in sel.CONTENT_SELECTORS:
        for node in body.css(css):
            if count_substance(node.text(separator=" ")):
                with_text.append(node)
            elif node.css("img"):
                with_images.append(node)
    if not with_images:
        return None
    # A wrapper around the picture body (.xl_con holding the title, the info bar and the
    # TRS_UEDITOR picture) is not a body of its own; any other body with text is.
    if any(not any(_is_inside(p, t) for p in with_images) for t in with_text):
        return None
    return sum(len(node.css("img")) for node in with_images)


def _is_inside(node: LexborNode, container: LexborNode) -> bool:
    ancestor = node.parent
    while ancestor is not None:
        if ancestor.mem_id == container.mem_id:
            return True
        ancestor = ancestor.parent
    return False


def densest_text_block(body: LexborNode) -> LexborNode | None:
    """The element gathering the most non-link text outside chrome regions (readability-style).

    Each block's own text counts for the block, fully for its parent and half for its
    grandparent, so a container of many paragraphs beats any single paragraph or the page.
    """
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for block, length in _own_text_of_blocks(body):
        chain = (block, block.parent, block.parent.parent if block.parent else None)
        for node, weight in zip(chain, (1.0, 1.0, 0.5), strict=True):
            if node is None or node.tag in ("html", "-document"):
                break
            nodes[node.mem_id] = node
            scores[node.mem_id] = scores.get(node.mem_id, 0.0) + length * weight
    if not scores:
        return None
    best_id = max(scores, key=lambda key: scores[key])
    if scores[best_id] < MIN_CONTENT_CHARS:
        return None
    return nodes[best_id]


def _own_text_of_blocks(body: LexborNode) -> list[tuple[LexborNode, int]]:
    """(nearest block ancestor, substance of a text node) for text outside links and chrome."""
    found: list[tuple[LexborNode, int]] = []
    stack: list[tuple[LexborNode, LexborNode]] = [(body, body)]
    while stack:
        node, block = stack.pop()
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                length = count_substance(child.text_content or "")
                if length:
                    found.append((block, length))
            elif not tag.startswith("-") and not _skip_for_scoring(child):
                stack.append((child, child if tag in BLOCK_TAGS or tag in CELL_TAGS else block))
    return found


def _skip_for_scoring(node: LexborNode) -> bool:
    tag = node.tag or ""
    return (
        tag == "a"
        or tag in sel.INVISIBLE_TAGS
        or tag in sel.CHROME_REGION_TAGS
        or is_hidden(node)
        or _has_chrome_name(node)
    )


def _has_chrome_name(node: LexborNode) -> bool:
    attrs = node.attributes
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    return bool(names.strip()) and sel.CHROME_REGION_NAME.search(names) is not None


def is_hidden(node: LexborNode) -> bool:
    """Whether the element is hidden from readers by an attribute or inline style."""
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style) and HIDDEN_STYLE.search(style or "") is not None


def in_chrome_region(node: LexborNode) -> bool:
    """Whether the element sits inside a nav / header / footer / breadcrumb-like region."""
    ancestor = node.parent
    while ancestor is not None and ancestor.tag not in ("body", "html", "-document"):
        if (ancestor.tag or "") in sel.CHROME_REGION_TAGS or _has_chrome_name(ancestor):
            return True
        ancestor = ancestor.parent
    return False


# ---------------------------------------------------------------- rendering


def render_lines(root: LexborNode, mark: LexborNode | None = None) -> list[str]:
    """Visible text of ``root`` as non-empty lines; ``mark`` renders as a CONTENT_MARK line."""
    stream = "".join(_render_stream(root, mark.mem_id if mark is not None else None))
    lines = (_render_line(raw) for raw in stream.split(LINE_BREAK))
    return [line for line in lines if line]


def _render_stream(root: LexborNode, mark_id: int | None) -> list[str]:
    out: list[str] = []
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = item.tag or ""
        if tag == "-text":
            out.append(CONTROL_CHARS.sub("", item.text_content or ""))
        elif item.mem_id == mark_id:
            out.append(f"{LINE_BREAK}{CONTENT_MARK}{LINE_BREAK}")
        elif tag == "br":
            out.append(LINE_BREAK)
        elif tag == "pre" and not is_hidden(item):  # preformatted: its newlines are lines
            text = CONTROL_CHARS.sub("", item.text(deep=True)).replace("\n", LINE_BREAK)
            out.append(f"{LINE_BREAK}{text}{LINE_BREAK}")
        elif not tag.startswith("-") and tag not in sel.INVISIBLE_TAGS and not is_hidden(item):
            _open_element(item, tag, out, stack)
    return out


def _open_element(
    node: LexborNode, tag: str, out: list[str], stack: list[LexborNode | str]
) -> None:
    closing = LINE_BREAK if tag in BLOCK_TAGS else CELL_END if tag in CELL_TAGS else ""
    if tag in BLOCK_TAGS:
        out.append(LINE_BREAK)
    if closing:
        stack.append(closing)
    stack.extend(reversed(list(node.iter(include_text=True))))


def _render_line(raw: str) -> str:
    if raw == CONTENT_MARK:  # str.isspace() holds for \x1d: the mark must be let through first
        return raw
    if raw.isspace() or not raw:  # most breaks between blocks hold nothing
        return ""
    cells = (collapse_whitespace(cell) for cell in raw.split(CELL_END))
    return " ".join(cell for cell in cells if cell)


def collapse_whitespace(text: str) -> str:
    """Whitespace as a browser shows it: runs become one space, none between CJK lines."""
    if "\n" in text:
        text = CJK_SEGMENT_BREAK.sub("", text)
    text = text.replace("\xa0", " ")
    return HTML_WHITESPACE.sub(" ", text).strip(" \u3000")


def drop_chrome_lines(lines: list[str]) -> list[str]:
    """Lines without the ones made only of chrome words (分享到 / 打印本页 / 关闭窗口 …)."""
    return [line for line in lines if not is_chrome_line(line)]


def is_chrome_line(line: str) -> bool:
    """Whether a line holds nothing but chrome words, at least one of them unambiguous."""
    if len(line) > MAX_CHROME_LINE:
        return False
    if sel.CHROME_LINE_START.match(line):
        return True
    rest = sel.CHROME_SEPARATORS.sub("", line)
    strong = any(phrase in rest for phrase in sel.CHROME_STRONG_PHRASES)
    for phrase in sel.CHROME_PHRASES:
        rest = rest.replace(phrase, "")
    return strong and not rest


# ---------------------------------------------------------------- metadata


def _page_lines_around(body: LexborNode, content: LexborNode) -> tuple[list[str], list[str]]:
    """Page lines before the main content (the info bar) and after it."""
    lines = _join_labels(render_lines(body, mark=content))
    if CONTENT_MARK not in lines:
        return lines, []
    at = lines.index(CONTENT_MARK)
    return lines[:at], lines[at + 1 :]


def _join_labels(lines: list[str]) -> list[str]:
    """A label line ending in a colon joined to the value line after it (``生成日期：`` in one
    table cell, ``2023-05-11`` in the next), so labels and values are read together."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if previous.endswith((":", "：")) and line != CONTENT_MARK and len(previous) <= 12:
            joined[-1] = previous + line
        else:
            joined.append(line)
    return joined


def _meta_content(tree: LexborHTMLParser, names: tuple[str, ...]) -> str | None:
    for meta in tree.css("meta[content]"):
        attrs = meta.attributes
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        if name in names:
            value = collapse_whitespace(attrs.get("content") or "")
            if value:
                return value
    return None


def find_title(tree: LexborHTMLParser) -> str | None:
    """The article title: publishing meta, a title element, else the first part of <title>."""
    meta = _meta_content(tree, sel.TITLE_META_NAMES)
    if meta:
        return meta
    for css in sel.TITLE_SELECTORS:
        for node in tree.css(css):
            text = collapse_whitespace(node.text(separator=" "))
            if text and len(text) <= 200 and not in_chrome_region(node):
                return text
    head_title = tree.css_first("title")
    if head_title is None:
        return None
    first = sel.PAGE_TITLE_SEPARATOR.split(collapse_whitespace(head_title.text()))[0]
    return first or None


def find_published_on(
    tree: LexborHTMLParser, before: list[str], after: list[str], body: list[str] | None = None
) -> date | None:
    """Publication date as the page prints it: a 发布时间/日期 label (above the body nearest
    first, in the info bar some sites put at the top of the body, then below it), a date in the
    info bar (beside 来源/作者/浏览/字号), a bare date line above the body, a 生成日期/发文日期
    label; only then the PubDate meta (often the date of a later site migration).
    """
    near = before[::-1][: sel.INFO_BAR_LINES]
    head = [
        line for line in (body or [])[: sel.INFO_BAR_LINES] if len(line) <= sel.MAX_INFO_BAR_LINE
    ]
    candidates = [sel.LABELLED_DATE.search(line) for line in [*before[::-1], *head]]
    candidates += [sel.LABELLED_DATE.search(line) for line in after]
    candidates += [
        sel.ANY_DATE.search(line)
        for line in [*near, *head]
        if len(line) <= sel.MAX_INFO_BAR_LINE and sel.INFO_BAR_LABEL.search(line)
    ]
    candidates += [sel.BARE_DATE_LINE.search(line) for line in near]
    candidates += [sel.DOCUMENT_DATE.search(line) for line in [*before[::-1], *head]]
    meta = _meta_content(tree, sel.DATE_META_NAMES)
    candidates += [sel.ANY_DATE.search(meta)] if meta else []
    return next((day for day in map(_date_from, candidates) if day is not None), None)


def _date_from(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:  # 2023-02-30 printed on a page is no date
        return None


def find_source(tree: LexborHTMLParser, before: list[str], after: list[str]) -> str | None:
    """来源 as printed: meta ContentSource, else a 来源： label above, then below, the body."""
    meta = _meta_content(tree, sel.SOURCE_META_NAMES)
    if meta:
        return meta
    for line in [*before, *after]:
        match = sel.SOURCE_LABEL.search(line)
        value = sel.NEXT_LABEL.sub("", match["source"]).strip() if match else ""
        if value:
            return value
    return None
