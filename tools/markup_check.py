"""Run the crawler's listing, article and block functions over saved real pages and print what
each page gave, against what a reader of that page expects.

    make markup-check                      # MARKUP ?= ../shared/markup
    python tools/markup_check.py DIR [--expected tools/markup_expected.toml]

The pages are outside material and stay outside the repository; this tool only reads them. Each
page's URL comes from the folder's SOURCE.txt (``page=``) when recorded, so URL-based rules see
what they would see on the site. What a reader expects of each page (family, links and next
pages of listings, title / printed date / text of articles, ``blocked`` for challenge pages) is
in ``tools/markup_expected.toml``; a page with no entry is printed but not judged.

Exit status: 0 when every judged page gave what was expected, 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fazhi.crawl import blocks, families

try:  # report discovery exists from the commit that added it on; the tool runs on older code too
    from fazhi.crawl import reports
except ImportError:  # pragma: no cover
    reports = None  # type: ignore[assignment]
from fazhi.errors import ParseError
from fazhi.parse.decode import decode_html
from fazhi.parse.formats.html import parse_html_article

DEFAULT_URL = "http://www.example.gov.cn/page/index.html"
SKIPPED_NAMES = {"SOURCE.txt", "README.md"}
# Statuses a challenge page is checked under: its own, and the 200/202 that 瑞数 also serves.
CHALLENGE_STATUSES = (200, 202, 412, 521)
# Page chrome no article text may hold (a page may name more under ``chrome``).
DEFAULT_CHROME = ("当前位置", "打印本页", "关闭窗口", "扫一扫在手机", "网站标识码", "上一篇")


@dataclass
class Verdict:
    """What one page (or one pager call of a snippet file) gave, and what was wrong with it."""

    name: str
    gave: str
    problems: list[str] = field(default_factory=list)
    judged: bool = True


def source_urls(folder: Path) -> dict[str, str]:
    """file name → page URL, from the folder's SOURCE.txt lines (``name<TAB>…page=URL…``)."""
    urls: dict[str, str] = {}
    source = folder / "SOURCE.txt"
    if not source.exists():
        return urls
    for line in source.read_text(encoding="utf-8").splitlines():
        name, _, rest = line.partition("\t")
        match = re.search(r"page=(https?://\S+)", rest)
        if match:
            urls[name.strip()] = match[1]
    return urls


def kind_of(relative: Path) -> str:
    """challenge | listing | snippet | article, from the folder and the file name."""
    if relative.parts[0] == "antibot":
        return "challenge"
    if relative.suffix == ".txt":
        return "snippet"
    if ".listing." in relative.name or relative.parts[0] == "pager_snippets":
        return "listing"
    return "article"


def block_reason(status: int, body: bytes) -> str | None:
    """The crawler's verdict on a fetched body (one function in blocks.py once it exists)."""
    combined = getattr(blocks, "block_reason", None)
    if combined is not None:
        return combined(status, body)
    reason = blocks.block_reason_for_status(status, body)
    if reason is None and 200 <= status < 300:
        try:
            reason = blocks.block_reason_for_page(decode_html(body))
        except ParseError:
            return None
    return reason


def check_challenge(name: str, body: bytes, expected: dict[str, Any]) -> Verdict:
    reasons = {status: block_reason(status, body) for status in CHALLENGE_STATUSES}
    gave = "; ".join(f"{status}: {reason or 'not blocked'}" for status, reason in reasons.items())
    verdict = Verdict(name, gave, judged=bool(expected))
    if expected.get("blocked"):
        for status, reason in reasons.items():
            if reason is None:
                verdict.problems.append(f"status {status} not recorded blocked")
            elif "origin down" in reason:
                verdict.problems.append(f"status {status} taken for origin down")
    return verdict


def check_listing(name: str, text: str, url: str, expected: dict[str, Any]) -> Verdict:
    family = families.detect_family(url, text)
    page = families.read_listing(family, text, url)
    links = list(dict.fromkeys(link.url for link in page.links))
    dated = {link.url for link in page.links if link.published_on is not None}
    nexts = [request.key for request in page.next_requests]
    judged = [_verdict(link.title) for link in page.links]
    gave = (
        f"family {family}, {len(links)} links ({len(dated)} dated; titles judged "
        f"{judged.count('report')} report, {judged.count('maybe')} maybe), "
        f"{len(nexts)} next pages" + (f": {_ends(nexts)}" if nexts else "")
    )
    verdict = Verdict(name, gave, judged=bool(expected))
    _expect_equal(verdict, "family", family, expected.get("family"))
    _expect_equal(verdict, "report titles", judged.count("report"), expected.get("reports"))
    if "links_min" in expected and len(links) < expected["links_min"]:
        verdict.problems.append(f"{len(links)} links, expected at least {expected['links_min']}")
    if "dated_min" in expected and len(dated) < expected["dated_min"]:
        verdict.problems.append(f"{len(dated)} dated links, expected {expected['dated_min']}")
    if "next" in expected and len(nexts) != expected["next"]:
        verdict.problems.append(f"{len(nexts)} next pages, expected {expected['next']}")
    for wanted in expected.get("next_has", []):
        if not any(key.endswith(wanted) or wanted in key for key in nexts):
            verdict.problems.append(f"no next page {wanted}")
    for unwanted in expected.get("next_lacks", []):
        if any(key.endswith(unwanted) for key in nexts):
            verdict.problems.append(f"asks for {unwanted}, which does not exist")
    for wanted in expected.get("links_have", []):
        if not any(wanted in link for link in links):
            verdict.problems.append(f"no link {wanted}")
    return verdict


def check_article(name: str, body: bytes, url: str, expected: dict[str, Any]) -> Verdict:
    try:
        text = decode_html(body)
    except ParseError as exc:
        verdict = Verdict(name, f"undecodable: {exc}", judged=bool(expected))
        verdict.problems.append("undecodable")
        return verdict
    family = families.detect_family(url, text)
    blocked = block_reason(200, body)
    try:
        article = parse_html_article(text)
        gave = (
            f"family {family}, title {article.title!r}, printed date {article.published_on}, "
            f"{len(article.text)} chars: {article.text[:40]!r}"
        )
        title, published, has_text = article.title or "", article.published_on, True
    except ParseError as exc:
        gave = f"family {family}, no text ({exc})"
        title, published, has_text = "", None, False
    if blocked:
        gave += f", BLOCKED: {blocked}"
    verdict = Verdict(name, gave, judged=bool(expected))
    if blocked:
        verdict.problems.append("an article taken for a block page")
    _expect_equal(verdict, "family", family, expected.get("family"))
    if "not_family" in expected and family == expected["not_family"]:
        verdict.problems.append(f"family {family}, which it is not")
    if expected.get("text", True) != has_text:
        verdict.problems.append("text expected" if has_text is False else "no text expected")
    if "title" in expected and not title.startswith(expected["title"]):
        verdict.problems.append(f"title {title[:20]!r}, expected {expected['title']!r}…")
    if "date" in expected:
        _expect_equal(verdict, "printed date", published, _as_date(expected["date"]))
    if expected and has_text:
        for word in (*DEFAULT_CHROME, *expected.get("chrome", [])):
            if word in article.text:
                verdict.problems.append(f"page chrome {word!r} in the text")
    return verdict


def check_snippets(name: str, text: str, expected: dict[str, Any]) -> list[Verdict]:
    """One verdict per line of a file of pager calls, each read as the script of its page."""
    verdicts = []
    for number, line in enumerate(text.splitlines(), 1):
        wanted = expected.get(f"line{number}", {})
        url = wanted.get("url", DEFAULT_URL)
        html = f"<html><body><ul></ul><script>{line}</script></body></html>"
        verdicts.append(check_listing(f"{name}:{number}", html, url, wanted))
    return verdicts


def _verdict(title: str) -> str:
    judge = getattr(reports, "judge_title", None) if reports is not None else None
    return judge(title).verdict if judge is not None else "?"


def _expect_equal(verdict: Verdict, what: str, got: object, wanted: object) -> None:
    if wanted is not None and got != wanted:
        verdict.problems.append(f"{what} {got}, expected {wanted}")


def _as_date(value: object) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    return date.fromisoformat(str(value))


def _ends(keys: list[str]) -> str:
    short = [key.rsplit("/", 1)[-1] for key in keys]
    return ", ".join(short) if len(short) <= 4 else f"{short[0]}, {short[1]} … {short[-1]}"


def run(root: Path, expected_path: Path) -> list[Verdict]:
    expected = tomllib.loads(expected_path.read_text(encoding="utf-8"))
    verdicts: list[Verdict] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name in SKIPPED_NAMES:
            continue
        relative = path.relative_to(root)
        wanted = expected.get(str(relative), {})
        url = source_urls(path.parent).get(path.name, DEFAULT_URL)
        url = wanted.get("url", url)
        body = path.read_bytes()
        kind = kind_of(relative)
        if kind == "challenge":
            verdicts.append(check_challenge(str(relative), body, wanted))
        elif kind == "snippet":
            verdicts += check_snippets(str(relative), body.decode("utf-8"), wanted)
        elif kind == "listing":
            verdicts.append(check_listing(str(relative), decode_html(body), url, wanted))
        else:
            verdicts.append(check_article(str(relative), body, url, wanted))
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("markup", type=Path, help="folder of saved real pages")
    parser.add_argument(
        "--expected", type=Path, default=Path(__file__).with_name("markup_expected.toml")
    )
    args = parser.parse_args(argv)
    if not args.markup.is_dir():
        print(f"no folder {args.markup}: set MARKUP=DIR", file=sys.stderr)
        return 2
    verdicts = run(args.markup, args.expected)
    for verdict in verdicts:
        mark = "ok " if not verdict.problems else "BAD"
        mark = mark if verdict.judged else " - "
        print(f"{mark} {verdict.name}\n      {verdict.gave}")
        for problem in verdict.problems:
            print(f"      ✗ {problem}")
    judged = [v for v in verdicts if v.judged]
    good = sum(1 for v in judged if not v.problems)
    print(
        f"\n{good} of {len(judged)} judged pages gave what a reader expects "
        f"({len(verdicts) - len(judged)} not judged)"
    )
    return 0 if good == len(judged) else 1


if __name__ == "__main__":
    sys.exit(main())
