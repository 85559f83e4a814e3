"""Benchmark: documents and pages per second of ``parse_document`` for each input format.

Parses each text-bearing fixture of tests/parse/fixtures repeatedly for a fixed time on one core,
plus a full-length TRS article page wrapping the longest sample report (eval/docs, ~26 KB of
text), which is the size of a real 法治政府建设年度报告 page. A "page" is a PDF or OFD page; an
HTML page, a Word file or a text file counts as one page.

Run: ``.venv/bin/python -m benchmarks.parse_speed [--seconds 1.0]``
"""

from __future__ import annotations

import argparse
import io
import time
import zipfile
from pathlib import Path

from pypdf import PdfReader

from fazhi.parse.text import parse_document

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "parse" / "fixtures"
CASES = (
    "trs_hubin.html",
    "hanweb_mazhang_gbk.html",
    "guangdong_guangzhou.html",
    "generic_lianjiang.html",
    "lianjiang_2024.pdf",
    "lianjiang_2023.docx",
    "lianjiang_2023.doc",
    "lianjiang_2023.wps",
    "mazhang_2020.ofd",
    "hubin_gb18030.txt",
)
FULL_PAGE = """<html><head><meta charset="utf-8"><title>{title}_法治政府建设_某区人民政府</title>
<meta name="PubDate" content="2021-01-05"></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
<div class="position">当前位置：首页 &gt; 政务公开</div>
<div class="TRS_Editor">{body}</div>
<div class="share">分享到：微信 微博</div><div class="footer">版权所有</div></body></html>"""


def full_report_page() -> bytes:
    """The longest sample report as a TRS article page, one <p> per line."""
    report = max((REPO / "eval" / "docs").glob("*.txt"), key=lambda path: path.stat().st_size)
    lines = [line.strip() for line in report.read_text("utf-8").splitlines() if line.strip()]
    body = "\n".join(f"<p>　　{line}</p>" for line in lines)
    return FULL_PAGE.format(title=lines[0], body=body).encode("utf-8")


def page_count(name: str, data: bytes) -> int:
    if name.endswith(".pdf"):
        return len(PdfReader(io.BytesIO(data)).pages)
    if name.endswith(".ofd"):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return sum(name.endswith("/Content.xml") for name in package.namelist())
    return 1


def measure(name: str, data: bytes, seconds: float) -> tuple[int, float]:
    """(documents parsed, elapsed seconds) parsing ``data`` for about ``seconds``."""
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        parse_document(data, url=f"http://bench/{name}")
        done += 1
    return done, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per case")
    args = parser.parse_args()
    cases = [(name, (FIXTURES / name).read_bytes()) for name in CASES]
    cases.append(("full_report_trs.html", full_report_page()))
    print(f"{'case':<26}{'format':>7}{'KB':>8}{'pages':>7}{'docs/s':>10}{'pages/s':>10}")
    for name, data in cases:
        format_name = parse_document(data, url=f"http://bench/{name}").format
        pages = page_count(name, data)
        done, elapsed = measure(name, data, args.seconds)
        rate = done / elapsed
        print(
            f"{name:<26}{format_name:>7}{len(data) / 1024:>8.1f}{pages:>7}"
            f"{rate:>10.1f}{rate * pages:>10.1f}"
        )


if __name__ == "__main__":
    main()
