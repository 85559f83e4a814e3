"""Build the bundled sample government site (fazhi/data/sample_site/) from eval/docs/.

Reads the five sample reports in eval/docs/*.txt and writes a small static TRS-style
法治政府建设年度报告 column: two listing pages, one article page per report with real-looking
chrome, a GBK page declared only in <meta>, a PDF attachment with a real text layer (fpdf2 and
the WenQuanYi Zen Hei font: ``apt-get install fonts-wqy-zenhei``), a DOCX attachment, and links
that are not reports. The output is committed; run this only to change the site:

    .venv/bin/python tools/build_sample_site.py
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "eval" / "docs"
SITE = REPO / "fazhi" / "data" / "sample_site"
COLUMN = "zwgk/fzzfjsbg"
SITE_NAME = "法治政府建设报告样例库"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
# Fixed file times so rebuilding leaves Last-Modified (and so conditional requests) stable.
FILE_TIME = datetime(2025, 1, 6, 8, 0, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class Report:
    """One sample report as the site publishes it."""

    seed: str
    title: str
    issuer: str
    page: str  # path of the article page under the column, e.g. 202501/t20250103_1042.html
    shown_on: str | None  # date printed on the listing and the page; None when the seed has none
    publish_as: str  # html-utf8 | html-gbk | pdf | docx
    attachment: str | None = None  # path under the column
    drop_lines: tuple[str, ...] = ()  # page chrome captured in the seed text


REPORTS = (
    Report(
        "001_6069f40ac1dfa632.txt",
        "廉江市司法局2024年法治政府建设情况报告",
        "廉江市司法局",
        "202501/t20250103_1042.html",
        "2025-01-03",
        "pdf",
        attachment="202501/P020250103391582730416.pdf",
    ),
    Report(
        "004_537287280db083c9.txt",
        "湖滨区司法局关于2023年法治政府建设情况的报告",
        "湖滨区司法局",
        "202401/t20240119_1031.html",
        None,
        "html-utf8",
    ),
    Report(
        "000_0dfa771130875868.txt",
        "廉江市司法局2023年法治政府建设年度报告",
        "廉江市司法局",
        "202401/t20240110_1027.html",
        None,
        "html-gbk",
    ),
    Report(
        "003_3b8261d00e9e6bab.txt",
        "2022年全市司法行政工作总结",
        "广州市司法局",
        "202306/t20230616_1013.html",
        "2023-06-16",
        "html-utf8",
        drop_lines=(
            "• 听全文",
            "• 2023-06-16",
            "• 来源:广州市司法局",
            "• 分享到",
            "• -",
            "相关附件",
            "相关新闻",
            "扫一扫在手机打开当前页",
            "-",
            "关注 · 广州政府网",
        ),
    ),
    Report(
        "002_81b063af5341ee99.txt",
        "麻章区司法局2020年度法治政府建设工作报告",
        "麻章区司法局",
        "202101/t20210105_1004.html",
        "2021-01-05",
        "docx",
        attachment="202101/P020210105586214097733.docx",
    ),
)

# Links on the listing pages the crawler must not take: (path from site root, title, date).
DISTRACTORS = (
    (
        "zwgk/tzgg/202403/t20240301_2051.html",
        "关于开展2024年度法治政府建设示范创建活动的通知",
        "2024-03-01",
    ),
    (
        "zwgk/zcjd/202312/t20231201_3012.html",
        "图解：《法治政府建设实施纲要》政策解读",
        "2023-12-01",
    ),
    (
        "zwgk/tzgg/202206/t20220610_2017.html",
        "关于公布2022年度行政执法人员培训名单的公告",
        "2022-06-10",
    ),
)
PAGES = ((0, 0, 3), (1, 3, 5))  # (page number, first report, end) on index.html / index_1.html


def main() -> None:
    """Rebuild the whole site from the seeds."""
    if SITE.exists():
        shutil.rmtree(SITE)
    (SITE / "js").mkdir(parents=True)
    _write(SITE / "robots.txt", b"User-agent: *\nDisallow: /search/\n")
    _write(SITE / "js" / "trs_page.js", PAGER_JS.encode())
    _write(SITE / "index.html", _home().encode())
    for number, first, end in PAGES:
        name = "index.html" if number == 0 else f"index_{number}.html"
        _write(SITE / COLUMN / name, _listing(number, REPORTS[first:end]).encode())
    for report in REPORTS:
        _build_report(report)
    for path, title, shown_on in DISTRACTORS:
        _write(SITE / path, _notice(title, shown_on).encode())
    size = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file())
    print(f"sample site written to {SITE} ({size / 1024:.0f} KiB)")


def _build_report(report: Report) -> None:
    lines = _report_lines(report)
    page = SITE / COLUMN / report.page
    if report.publish_as == "html-gbk":
        text = _article(report, _paragraphs(lines), charset="gb2312")
        _write(page, text.encode("gbk"))
    elif report.publish_as == "html-utf8":
        _write(page, _article(report, _paragraphs(lines), charset="utf-8").encode())
    else:
        assert report.attachment is not None
        _write(page, _article(report, _attachment_body(report), charset="utf-8").encode())
        target = SITE / COLUMN / report.attachment
        data = _pdf(report.title, lines) if report.publish_as == "pdf" else _docx(lines)
        _write(target, data)


def _report_lines(report: Report) -> list[str]:
    """The seed's paragraphs, without Markdown marks and without chrome the seed captured."""
    lines = []
    for raw in (DOCS / report.seed).read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^#+\s*", "", raw.strip())
        if not line or line == "---" or line in report.drop_lines:
            continue
        lines.append(line)
    if report.drop_lines and lines and lines[0] == report.title:
        lines = lines[1:]  # the seed repeats the page title above the body; <h1> carries it
    return lines


def _paragraphs(lines: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)


def _attachment_body(report: Report) -> str:
    assert report.attachment is not None
    name = f"{report.title}.{report.attachment.rsplit('.', 1)[1]}"
    href = "./" + report.attachment.split("/", 1)[1]
    if report.attachment.endswith(".docx"):
        # Some TRS templates wire downloads through a script; the crawler reads the onclick.
        link = (
            f'<a href="javascript:void(0)" onclick="downloadFile(\'{href}\')">'
            f"{html.escape(name)}</a>"
        )
    else:
        link = f'<a href="{href}" target="_blank">{html.escape(name)}</a>'
    return f"<p>附件：{link}</p>"


# --- templates -------------------------------------------------------------------------------
def _chrome_top(title: str, charset: str, depth: int) -> str:
    root = "../" * depth
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}</title>
<script src="{root}js/trs_page.js"></script>
</head>
<body>
<div class="header"><span class="site-name">{SITE_NAME}</span>
<span class="tools">无障碍 | 长者模式 | 繁体 | 登录</span></div>
<div class="nav"><a href="{root}index.html">首页</a>
<a href="{root}zwgk/fzzfjsbg/">法治政府建设年度报告</a>
<a href="{root}zwgk/tzgg/">通知公告</a> <a href="{root}zwgk/zcjd/">政策解读</a>
<a href="{root}search/">站内搜索</a></div>
"""


def _chrome_bottom(depth: int) -> str:
    root = "../" * depth
    return f"""<div class="footer">
<p><a href="{root}index.html">网站首页</a> | <a href="{root}zwgk/">关于我们</a> |
<a href="{root}search/">网站地图</a></p>
<p>主办单位：{SITE_NAME}编辑部 网站标识码：0000000000 本站为测试用样例站点</p>
</div>
</body>
</html>
"""


def _listing(number: int, reports: tuple[Report, ...]) -> str:
    rows = [_listing_row(f"./{r.page}", r.title, r.shown_on) for r in reports]
    extra = DISTRACTORS[:2] if number == 0 else DISTRACTORS[2:]
    rows += [_listing_row(f"../../{path}", title, shown_on) for path, title, shown_on in extra]
    return (
        _chrome_top(f"法治政府建设年度报告_{SITE_NAME}", "utf-8", 2)
        + f"""<div class="crumbs">当前位置：<a href="../../index.html">首页</a> &gt;
<a href="../">政务公开</a> &gt; <a href="./">法治政府建设年度报告</a></div>
<div class="list"><ul>
{chr(10).join(rows)}
</ul></div>
<div class="page"><script>createPageHTML(2, {number}, "index", "html");</script></div>
"""
        + _chrome_bottom(2)
    )


def _listing_row(href: str, title: str, shown_on: str | None) -> str:
    date_span = f'<span class="date">{shown_on}</span>' if shown_on else ""
    return (
        f'<li><a href="{href}" title="{html.escape(title)}" target="_blank">'
        f"{html.escape(title)}</a>{date_span}</li>"
    )


def _article(report: Report, body: str, charset: str) -> str:
    shown = f"<span>发布日期：{report.shown_on}</span>" if report.shown_on else ""
    return (
        _chrome_top(f"{report.title}_{SITE_NAME}", charset, 3)
        + f"""<div class="crumbs">当前位置：<a href="../../../index.html">首页</a> &gt;
<a href="../../">政务公开</a> &gt; <a href="../">法治政府建设年度报告</a></div>
<div class="article">
<h1 class="title">{html.escape(report.title)}</h1>
<div class="info">{shown}<span>来源：{html.escape(report.issuer)}</span>
<span>字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a>
<a href="javascript:void(0)">小</a></span>
<span class="share">分享到：<a href="javascript:void(0)">微信</a>
<a href="javascript:void(0)">微博</a></span></div>
<div class="TRS_Editor">
{body}
</div>
<div class="qr">扫一扫在手机打开当前页</div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></div>
</div>
"""
        + _chrome_bottom(3)
    )


def _notice(title: str, shown_on: str) -> str:
    body = (
        f"<p>各有关单位：</p><p>现将{html.escape(title)}有关事项公布如下，请认真抓好落实。</p>"
        "<p>特此通知。</p>"
    )
    return (
        _chrome_top(f"{title}_{SITE_NAME}", "utf-8", 3)
        + f"""<div class="article"><h1 class="title">{html.escape(title)}</h1>
<div class="info"><span>发布日期：{shown_on}</span><span class="share">分享到</span></div>
<div class="TRS_Editor">{body}</div>
<div class="qr">扫一扫在手机打开当前页</div></div>
"""
        + _chrome_bottom(3)
    )


def _home() -> str:
    return (
        _chrome_top(SITE_NAME, "utf-8", 0)
        + """<div class="columns"><h2>栏目导航</h2><ul>
<li><a href="zwgk/fzzfjsbg/">法治政府建设年度报告</a></li>
<li><a href="zwgk/tzgg/">通知公告</a></li>
<li><a href="zwgk/zcjd/">政策解读</a></li></ul></div>
"""
        + _chrome_bottom(0)
    )


PAGER_JS = """// TRS pager: writes the page links of a static column (index.html, index_1.html...).
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  var html = "";
  for (var i = 0; i < _nPageCount; i++) {
    var name = (i == 0) ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt;
    html += (i == _nCurrIndex) ? "<span>" + (i + 1) + "</span> " :
      "<a href=\\"" + name + "\\">" + (i + 1) + "</a> ";
  }
  document.write(html);
}
function downloadFile(url) { window.location.href = url; }
"""


# --- documents -------------------------------------------------------------------------------
def _pdf(title: str, lines: list[str]) -> bytes:
    from fpdf import FPDF  # dev dependency, needed only to rebuild the site

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creation_date(datetime(2025, 1, 3, tzinfo=UTC))
    pdf.add_font("zenhei", fname=str(FONT))
    pdf.set_font("zenhei", size=11)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def _docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.created = datetime(2021, 1, 5, tzinfo=UTC)
    document.core_properties.modified = datetime(2021, 1, 5, tzinfo=UTC)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), (2021, 1, 5, 0, 0, 0))


def _fixed_zip_times(package: bytes, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """The ZIP ``package`` with every member dated ``stamp``, so rebuilds are byte-identical."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (FILE_TIME, FILE_TIME))


if __name__ == "__main__":
    main()
