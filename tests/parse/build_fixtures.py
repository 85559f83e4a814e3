"""Build the parse-stage fixtures in tests/parse/fixtures/ from the real sample reports.

Run on purpose, not by the tests: `.venv/bin/python -m tests.parse.build_fixtures`. Needs fpdf2
(a [dev] dependency), the WenQuanYi Zen Hei font (`apt-get install -y fonts-wqy-zenhei`) and,
for the DOC/WPS fixtures only, LibreOffice (`apt-get install -y libreoffice-writer-nogui`).
The outputs are committed, so the tests need none of these tools.

Every body paragraph comes from eval/docs/*.txt (real reports); the HTML pages copy the page
chrome of the TRS, Hanweb and Guangdong site families.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "eval" / "docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def report_lines(stem: str, first: int, count: int) -> list[str]:
    """Non-empty lines ``first .. first+count`` of a sample report, markdown marks removed."""
    path = next(DOCS.glob(f"{stem}_*.txt"))
    lines = [line.strip().lstrip("#").strip() for line in path.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line and line != "---"]
    return lines[first : first + count]


def paragraphs_html(lines: list[str]) -> str:
    return "\n".join(f'<p style="text-indent:2em;">　　{line}</p>' for line in lines)


TRS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>{title}_法治政府建设年度报告_三门峡市湖滨区人民政府</title>
<meta name="SiteName" content="三门峡市湖滨区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2024-01-26 16:12">
<meta name="ContentSource" content="湖滨区司法局">
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.TRS_Editor p {{ line-height: 2; }}</style>
</head><body>
<div class="header"><div class="logo">三门峡市湖滨区人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="./">法治政府建设年度报告</a></div>
<div class="main">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：2024-01-26 来源：湖滨区司法局 浏览次数：<span>1024</span>
<span class="font">【字体：<a>大</a> <a>中</a> <a>小</a>】</span></div>
<div class="view TRS_UEDITOR trs_paper_default trs_web"><div class="TRS_Editor">
{body}
<table border="1" cellspacing="0">
<tr><td>项目</td><td>2023年</td></tr>
<tr><td>调解矛盾纠纷</td><td>2075起</td></tr>
<tr><td>受理指派援助案件</td><td>405件</td></tr>
</table>
<p style="display:none">内部备注：勿公开</p>
</div></div>
<div class="share"><span>分享到：</span><a>微信</a><a>微博</a><a>QQ空间</a></div>
<div class="ewm">扫一扫在手机打开当前页</div>
<div class="print-close">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="xglj"><h3>相关链接</h3><ul><li><a href="/a.html">湖滨区2022年法治政府建设情况的报告</a>
<span>2023-01-20</span></li><li><a href="/b.html">关于开展2023年度述法工作的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办：三门峡市湖滨区人民政府办公室 网站标识码：4112020001</p>
<p>豫ICP备05008888号 豫公网安备 41120202000000号</p></div>
</body></html>
"""

HANWEB_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}-麻章区人民政府门户网站</title>
</head><body>
<div id="top"><a href="/">麻章区人民政府门户网站</a> | <a href="/wza">无障碍</a> |
<a>长者模式</a></div>
<div class="menu"><a href="/">首页</a> <a href="/zwgk">政务公开</a>
<a href="/zmhd">政民互动</a></div>
<div class="bread-crumb">您当前的位置：<a href="/">首页</a> &gt; <a>法治政府建设</a></div>
<table width="100%" class="article"><tr><td>
<div class="bt_title">{title}</div>
<div class="bt_info">信息来源：麻章区司法局&nbsp;&nbsp;发布日期：2021-01-05&nbsp;&nbsp;
【字号：大 中 小】</div>
<div id="zoom">
{body}
<p>附件：<a href="/attach/2021/fzbg.docx">麻章区司法局2020年度法治政府建设工作报告.docx</a></p>
</div>
<div class="bt_link">【<a href="#">打印本页</a>】 【<a href="#">关闭窗口</a>】</div>
</td></tr></table>
<div class="foot">麻章区人民政府办公室主办 版权所有 粤ICP备12345678号</div>
</body></html>
"""

GUANGDONG_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<title>{title} - 广州市司法局网站</title>
<meta name="keywords" content="司法行政,工作总结">
</head><body>
<header class="gd-header"><div class="gd-nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a>
<a href="/zwfw/">政务服务</a></div></header>
<div class="breadcrumb">首页 &gt; 信息公开 &gt; 计划总结</div>
<div class="article">
<div class="article-title"><h3>{title}</h3></div>
<ul class="article-attr">
<li>听全文</li>
<li>2023-06-16</li>
<li>来源:广州市司法局</li>
<li class="share">分享到</li>
<li>-</li>
</ul>
<div class="article-content">
<p>{title}</p>
{body}
</div>
<div class="article-tool">【<span>打印</span>】【<span>关闭</span>】 扫一扫在手机打开当前页</div>
</div>
<footer class="gd-footer">广州市司法局 版权所有 网站标识码：4401000081</footer>
</body></html>
"""

GENERIC_PAGE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="top-links"><a href="/">首页</a> <a href="/gk">政府信息公开</a>
<a href="/bs">网上办事</a></div>
<div class="layout">
<div class="left-column"><ul class="column-list"><li><a>工作动态</a></li><li><a>通知公告</a></li>
<li><a>法治政府建设年度报告</a></li><li><a>政策解读</a></li></ul></div>
<div class="right-column"><h2>{title}</h2>
<div class="text-block">
{body}
</div></div></div>
<div class="site-foot">廉江市司法局 地址：廉江市城南大道 电话：0759-6666666</div>
</body></html>
"""

NO_CONTENT_PAGE = """<html><head><meta charset="utf-8"><title>页面已删除</title></head><body>
<nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开</div>
<div class="main"><p>该页面不存在</p></div>
<footer>主办：某某市人民政府办公室 版权所有 网站标识码：1234567890
ICP备案号：粤ICP备00000000号</footer>
</body></html>
"""


def build_html() -> None:
    hubin = report_lines("004", 0, 12)
    page = TRS_PAGE.format(title=hubin[1], body=paragraphs_html(hubin[2:]))
    (FIXTURES / "trs_hubin.html").write_text(page, encoding="utf-8")

    mazhang = report_lines("002", 0, 14)
    title = mazhang[0] + mazhang[1]
    # Hanweb pages wrap long paragraphs across source lines; the parser must join them.
    body = paragraphs_html(mazhang[2:]).replace("，", "，\n", 2)
    page = HANWEB_PAGE.format(title=title, body=body)
    (FIXTURES / "hanweb_mazhang_gbk.html").write_bytes(page.encode("gb18030"))

    guangzhou = report_lines("003", 0, 12)
    page = GUANGDONG_PAGE.format(title=guangzhou[0], body=paragraphs_html(guangzhou[7:]))
    (FIXTURES / "guangdong_guangzhou.html").write_text(page, encoding="utf-8")

    lianjiang = report_lines("000", 2, 10)
    body = "<br>\n".join(lianjiang[1:])
    (FIXTURES / "generic_lianjiang.html").write_text(
        GENERIC_PAGE.format(title=lianjiang[0], body=body), encoding="utf-8"
    )
    (FIXTURES / "no_content.html").write_text(NO_CONTENT_PAGE, encoding="utf-8")


def build_txt() -> None:
    text = "\r\n".join(report_lines("004", 0, 6)) + "\r\n"
    (FIXTURES / "hubin_gb18030.txt").write_bytes(text.encode("gb18030"))


def _cjk_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("zenhei", fname=str(CJK_FONT))
    pdf.set_font("zenhei", size=11)
    return pdf


def build_pdf() -> None:
    lines = report_lines("001", 0, 30)
    pdf = _cjk_pdf()
    for page_lines in (lines[:4], lines[4:8]):
        pdf.add_page()
        for line in page_lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(FIXTURES / "lianjiang_2024.pdf"))

    locked = _cjk_pdf()
    locked.set_encryption(owner_password="owner-secret", user_password="user-secret")
    locked.add_page()
    locked.multi_cell(0, 7, lines[1], new_x="LMARGIN", new_y="NEXT")
    locked.output(str(FIXTURES / "password.pdf"))

    # Owner password only: readers open it without a password, as most government PDFs.
    print_locked = _cjk_pdf()
    print_locked.set_encryption(owner_password="owner-secret")
    print_locked.add_page()
    for line in lines[2:5]:
        print_locked.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    print_locked.output(str(FIXTURES / "print_restricted.pdf"))

    scanned = FPDF(format="A4")
    scanned.add_page()
    scanned.image(_page_image(), x=10, y=10, w=190)
    scanned.output(str(FIXTURES / "scanned.pdf"))


def _page_image() -> io.BytesIO:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (800, 300), color=255)
    font = ImageFont.truetype(str(CJK_FONT), 28)
    ImageDraw.Draw(image).text((20, 40), "廉江市司法局 2024年法治政府建设年度报告", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    out.seek(0)
    return out


def build_docx(*, content_control: bool = True) -> Path:
    lines = report_lines("000", 0, 14)
    document = docx.Document()
    document.add_heading(lines[1], level=1)
    for line in lines[2:6]:
        document.add_paragraph("　　" + line)
    document.add_paragraph("")  # an empty paragraph is no line
    table = document.add_table(rows=3, cols=3)
    rows = [("指标", "数量", "单位"), ("书面述法", "73", "人次"), ("述法报告评议", "64", "份")]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.add_row()
    merged.cells[0].merge(merged.cells[1]).text = "合计（合并单元格）"
    merged.cells[2].text = "137"
    paragraph = document.add_paragraph("详见")
    _add_hyperlink(paragraph, "http://www.lianjiang.gov.cn/", "廉江市人民政府网")
    paragraph.add_run("。")
    inserted = document.add_paragraph("修订前文字")
    _add_tracked_insertion(inserted, "（修订插入的文字）")
    if content_control:
        _wrap_in_content_control(document.add_paragraph("内容控件中的段落"))
    document.add_paragraph(lines[6]).runs[0].add_break(WD_BREAK.LINE)
    for line in lines[7:10]:
        document.add_paragraph(line)
    document.sections[0].header.paragraphs[0].text = "页眉：廉江市司法局"
    path = FIXTURES / "lianjiang_2023.docx"
    if not content_control:  # the DOC source: LibreOffice turns a block sdt into FORMTEXT copies
        path = Path(tempfile.mkdtemp()) / "lianjiang_2023.docx"
    document.save(str(path))
    return path


def _add_hyperlink(paragraph: object, url: str, text: str) -> None:
    part = paragraph.part  # type: ignore[attr-defined]
    rel_id = part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    run_text = OxmlElement("w:t")
    run_text.text = text
    run.append(run_text)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def _add_tracked_insertion(paragraph: object, text: str) -> None:
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "fixture")
    insertion.set(qn("w:date"), "2024-01-01T00:00:00Z")
    run = OxmlElement("w:r")
    run_text = OxmlElement("w:t")
    run_text.text = text
    run.append(run_text)
    insertion.append(run)
    paragraph._p.append(insertion)  # type: ignore[attr-defined]


def _wrap_in_content_control(paragraph: object) -> None:
    element = paragraph._p  # type: ignore[attr-defined]
    control = OxmlElement("w:sdt")
    control.append(OxmlElement("w:sdtPr"))
    content = OxmlElement("w:sdtContent")
    control.append(content)
    element.addprevious(control)
    content.append(element)


def build_doc(docx_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: DOC/WPS fixtures left as they are")
        return
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", out,
             str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        made = Path(out) / f"{docx_path.stem}.doc"
        shutil.copyfile(made, FIXTURES / "lianjiang_2023.doc")
        # WPS Office saves .wps in the Word 97 binary format; the name is what differs.
        shutil.copyfile(made, FIXTURES / "lianjiang_2023.wps")


OFD_NS = "http://www.ofdspec.org/2016"


def build_ofd() -> None:
    lines = report_lines("002", 0, 10)
    # The first page is stored as Page_1: page order is the order of <Page> in Document.xml.
    pages = {"Pages/Page_1/Content.xml": lines[:3], "Pages/Page_0/Content.xml": lines[3:6]}
    with zipfile.ZipFile(FIXTURES / "mazhang_2020.ofd", "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", _ofd_root())
        package.writestr("Doc_0/Document.xml", _ofd_document(list(pages)))
        for location, page_lines in pages.items():
            package.writestr(f"Doc_0/{location}", _ofd_page(page_lines))
    image_only = FIXTURES / "image_only.ofd"
    with zipfile.ZipFile(image_only, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", _ofd_root())
        package.writestr("Doc_0/Document.xml", _ofd_document(["Pages/Page_0/Content.xml"]))
        package.writestr("Doc_0/Pages/Page_0/Content.xml", _ofd_page([]))


def _ofd_root() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" '
        'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>fixture</ofd:DocID></ofd:DocInfo>'
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )


def _ofd_document(locations: list[str]) -> str:
    page_xml = "".join(
        f'<ofd:Page ID="{10 + n}" BaseLoc="{location}"/>' for n, location in enumerate(locations)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
        "<ofd:CommonData><ofd:MaxUnitID>100</ofd:MaxUnitID><ofd:PageArea>"
        "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
        f"<ofd:Pages>{page_xml}</ofd:Pages></ofd:Document>"
    )


def _ofd_page(lines: list[str]) -> str:
    objects: list[str] = []
    for number, line in enumerate(lines):
        top = 20 + number * 8
        # Each line is drawn as two text objects on one baseline, as OFD writers often do.
        half = len(line) // 2
        for part, x in ((line[:half], 20), (line[half:], 20 + half * 4)):
            objects.append(
                f'<ofd:TextObject ID="{len(objects) + 1}" Boundary="{x} {top} 180 6" '
                f'Font="3" Size="4"><ofd:TextCode X="0" Y="4">{_xml_text(part)}</ofd:TextCode>'
                "</ofd:TextObject>"
            )
    if not lines:
        objects.append('<ofd:ImageObject ID="1" Boundary="0 0 210 297" ResourceID="9"/>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        f'<ofd:Layer ID="0">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    build_html()
    build_txt()
    build_pdf()
    build_docx()
    build_doc(build_docx(content_control=False))
    build_ofd()
    for path in sorted(FIXTURES.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.name}")


if __name__ == "__main__":
    main()
