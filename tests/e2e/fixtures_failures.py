"""Faulty sources for the end-to-end failure tests, served from 127.0.0.1 by the crawler tests'
scripted server (tests/crawl/site_server.py).

- a good TRS column (遂溪县, 440823) with four reports: one whose text states headline figures,
  one whose report is a scanned (image-only) PDF attachment, one article page in bytes that no
  charset decodes, and one that states no indicator at all;
- one more report in Big5 whose charset only the HTTP header names;
- a column that answers its listing with a 412 JavaScript challenge;
- a source on a closed port.

Builders fill a :class:`FixtureSite`; :func:`write_sources` writes the TOML sources file.
"""

from __future__ import annotations

import html
import socket
from dataclasses import dataclass
from pathlib import Path

from tests.crawl.site_server import FixtureSite, Reply

REPO = Path(__file__).resolve().parents[2]
# An image-only PDF built by tests/parse/build_fixtures.py: no text layer at all.
SCANNED_PDF = REPO / "tests/parse/fixtures/scanned.pdf"

LOCALITY = "440823"  # 遂溪县: not a locality of the bundled sample site
COLUMN = "/zwgk/fzbg/"
GOOD = "/zwgk/fzbg/202401/t20240110_1.html"
SCANNED = "/zwgk/fzbg/202401/t20240112_2.html"
SCANNED_PDF_PATH = "/zwgk/fzbg/202401/P020240112.pdf"
GARBLED = "/zwgk/fzbg/202401/t20240115_3.html"
NO_INDICATOR = "/zwgk/fzbg/202401/t20240118_4.html"
BIG5 = "/zwgk/fzbg/201901/t20190110_5.html"

GOOD_TITLE = "遂溪县司法局2023年法治政府建设年度报告"
SCANNED_TITLE = "遂溪县2022年法治政府建设情况报告"
GARBLED_TITLE = "遂溪县司法局2021年法治政府建设工作报告"
NO_INDICATOR_TITLE = "遂溪县2020年法治政府建设情况报告"
BIG5_TITLE = "遂溪县2018年法治政府建设情况报告"
# Traditional characters in Big5, the charset named only in the Content-Type header.
BIG5_SENTENCE = "全年共受理法律援助案件980件"
BIG5_PAGE = f"""<!DOCTYPE html><html><head><title>遂溪縣2018年法治政府建設情況報告</title>
</head><body><div class="nav"><a href="/">首頁</a></div>
<h1>遂溪縣2018年法治政府建設情況報告</h1>
<div class="TRS_Editor"><p>{BIG5_SENTENCE}，依法行政工作取得積極成效，各項工作穩步推進，
法治政府建設邁上新台階。</p></div></body></html>"""

CHALLENGE = (
    b"<html><head><script>var _0x1=['\\x63\\x6f\\x6f\\x6b\\x69\\x65'];"
    b"document.cookie='__jsluid_s=1';location.reload();</script></head><body></body></html>"
)
# Declares GBK, but 0x80 and 0xFF are not lead bytes of GBK/GB18030 and not valid UTF-8 either.
GARBLED_BODY_BYTES = b"\x80\xff\x80\xff" * 40


@dataclass(frozen=True)
class GoodReport:
    """What the good report states, so the tests can find it in the warehouse."""

    aid_cases: float = 1215
    med_disputes_handled: float = 2000
    med_disputes_resolved: float = 1900
    med_success_rate: float = 95


def good_report_text(success_rate: str = "95") -> str:
    """Paragraphs of the good report; ``success_rate`` as printed (e.g. "180" for a typo)."""
    return (
        "<p>2023年，遂溪县司法局在县委、县政府的坚强领导下，深入推进法治政府建设，"
        "各项工作取得积极成效。现将有关情况报告如下。</p>"
        "<p>一、公共法律服务</p>"
        "<p>全年共受理法律援助案件1215件，为困难群众挽回经济损失。</p>"
        "<p>二、人民调解</p>"
        "<p>全县各级人民调解组织调解矛盾纠纷2000件，调解成功1900件，"
        f"调解成功率{success_rate}%。</p>"
    )


NO_INDICATOR_TEXT = (
    "<p>2020年，我县坚持以习近平法治思想为指导，持续深化法治宣传教育，推进严格规范公正文明执法，"
    "不断完善依法行政制度体系，法治政府建设取得积极成效。</p>"
    "<p>下一步，我们将继续坚持依法行政，加快建设职能科学、权责法定、执法严明、公开公正、"
    "智能高效、廉洁诚信、人民满意的法治政府。</p>"
)


def article_page(title: str, body: str, charset: str = "utf-8") -> str:
    """A TRS article page: site chrome around a TRS_Editor block holding ``body``."""
    return f"""<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="{COLUMN}">法治政府建设年度报告</a></div>
<h1>{html.escape(title)}</h1>
<div class="TRS_Editor">{body}</div>
<div class="footer">遂溪县人民政府 版权所有</div></body></html>"""


def listing_page(rows: list[tuple[str, str, str]]) -> str:
    """A one-page TRS listing of (href, title, date) rows."""
    items = "".join(
        f'<li><a href="{href}" title="{html.escape(title)}">{html.escape(title)}</a>'
        f"<span>{shown_on}</span></li>"
        for href, title, shown_on in rows
    )
    return article_page(
        "法治政府建设年度报告",
        f'<ul>{items}</ul><script>createPageHTML(1, 0, "index", "html");</script>',
    )


def html_reply(text: str) -> Reply:
    return Reply(text.encode("utf-8"), content_type="text/html; charset=utf-8")


def good_site(site: FixtureSite, *, success_rate: str = "95", faults: bool = True) -> None:
    """The good TRS column; with ``faults`` also the scanned, garbled and empty reports."""
    rows = [(GOOD, GOOD_TITLE, "2024-01-10")]
    if faults:
        rows += [
            (SCANNED, SCANNED_TITLE, "2024-01-12"),
            (GARBLED, GARBLED_TITLE, "2024-01-15"),
            (NO_INDICATOR, NO_INDICATOR_TITLE, "2024-01-18"),
            (BIG5, BIG5_TITLE, "2019-01-10"),
        ]
    site.add(COLUMN + "index.html", html_reply(listing_page(rows)))
    site.add(COLUMN, html_reply(listing_page(rows)))
    publish_good_report(site, success_rate)
    if not faults:
        return
    attachment = f'<p>附件：<a href="{SCANNED_PDF_PATH}">{SCANNED_TITLE}.pdf</a></p>'
    site.add(SCANNED, html_reply(article_page(SCANNED_TITLE, attachment)))
    site.add(SCANNED_PDF_PATH, Reply(SCANNED_PDF.read_bytes(), content_type="application/pdf"))
    garbled = article_page(GARBLED_TITLE, "<p>GARBLED</p>", "gbk").encode("ascii", "replace")
    site.add(
        GARBLED,
        Reply(
            garbled.replace(b"GARBLED", GARBLED_BODY_BYTES), content_type="text/html; charset=gbk"
        ),
    )
    site.add(NO_INDICATOR, html_reply(article_page(NO_INDICATOR_TITLE, NO_INDICATOR_TEXT)))
    site.add(BIG5, Reply(BIG5_PAGE.encode("big5"), content_type="text/html; charset=big5"))


def publish_good_report(site: FixtureSite, success_rate: str) -> None:
    """(Re)publish the good report stating ``success_rate`` as its mediation success rate."""
    site.add(GOOD, html_reply(article_page(GOOD_TITLE, good_report_text(success_rate))))


def blocked_site(site: FixtureSite) -> None:
    """A column whose listing answers with a 412 anti-bot JavaScript challenge."""
    site.add(COLUMN + "index.html", Reply(CHALLENGE, status=412, etag=False))
    site.add(COLUMN, Reply(CHALLENGE, status=412, etag=False))


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class SourceEntry:
    """One ``[[source]]`` table of a sources file."""

    id: str
    start_url: str
    locality_code: str | None = LOCALITY


def write_sources(path: Path, entries: list[SourceEntry]) -> Path:
    """Write a sources file (ARCHITECTURE.md contract) for sites on 127.0.0.1."""
    tables = []
    for entry in entries:
        lines = [
            "[[source]]",
            f'id = "{entry.id}"',
            f'name = "{entry.id} 法治政府建设年度报告"',
            f'start_urls = ["{entry.start_url}"]',
            "allow_private_addresses = true",
            "delay_s = 0",
            "max_pages = 3",
        ]
        if entry.locality_code:
            lines.append(f'locality_code = "{entry.locality_code}"')
        tables.append("\n".join(lines))
    path.write_text("\n\n".join(tables) + "\n", encoding="utf-8")
    return path
