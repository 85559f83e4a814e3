"""The bundled sample site: the crawler finds exactly the five reports and their attachments."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import polars as pl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import REPO_ROOT, Settings
from fazhi.crawl.crawler import crawl_source
from fazhi.crawl.sample_site import SAMPLE_SITE_DIR, sample_sources, serve_sample_site
from fazhi.crawl.store import read_manifest, read_raw
from fazhi.parse.decode import decode_html, sniff_format

SEEDS = REPO_ROOT / "eval" / "docs"
TITLES = {
    "廉江市司法局2023年法治政府建设年度报告": ("000_0dfa771130875868.txt", "html", None),
    "廉江市司法局2024年法治政府建设情况报告": ("001_6069f40ac1dfa632.txt", "pdf", "2025-01-03"),
    "麻章区司法局2020年度法治政府建设工作报告": ("002_81b063af5341ee99.txt", "docx", "2021-01-05"),
    "2022年全市司法行政工作总结": ("003_3b8261d00e9e6bab.txt", "html", "2023-06-16"),
    "湖滨区司法局关于2023年法治政府建设情况的报告": ("004_537287280db083c9.txt", "html", None),
}


@pytest.fixture(scope="module")
def sample_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, pl.DataFrame]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("sample"), delay_s=0)
    with serve_sample_site() as base_url:
        (source,) = sample_sources(base_url)
        return settings, crawl_source(source, settings, "run-1")


def test_finds_exactly_the_five_reports(sample_crawl: tuple[Settings, pl.DataFrame]) -> None:
    _, manifest = sample_crawl
    articles = manifest.filter(pl.col("kind") == "article")
    assert sorted(articles["title"]) == sorted(TITLES)
    assert set(articles["outcome"]) == {"new"}
    shown = {row["title"]: row["published_on"] for row in articles.iter_rows(named=True)}
    assert {t: str(d) if d else None for t, d in shown.items()} == {
        t: expected[2] for t, expected in TITLES.items()
    }
    attachments = manifest.filter(pl.col("kind") == "attachment")
    assert attachments.height == 2
    assert set(manifest["outcome"]) == {"new"}


def _compact(text: str) -> str:
    return re.sub(r"[\s#\-•]", "", text)


@pytest.mark.parametrize("title", sorted(TITLES), ids=[v[0][:3] for _, v in sorted(TITLES.items())])
def test_each_report_keeps_the_seed_text(
    sample_crawl: tuple[Settings, pl.DataFrame], title: str
) -> None:
    settings, manifest = sample_crawl
    seed, fmt, _ = TITLES[title]
    article = manifest.filter(pl.col("title") == title, pl.col("kind") == "article").row(
        0, named=True
    )
    holder = article
    if fmt != "html":
        holder = manifest.filter(pl.col("parent_url") == article["url"]).row(0, named=True)
    data = read_raw(settings, holder["sha256"])
    assert sniff_format(data, holder["content_type"], holder["url"]) == fmt
    text = _text_of(data, fmt)
    seed_text = (SEEDS / seed).read_text(encoding="utf-8")
    body_paragraph = max(seed_text.splitlines(), key=len)  # the longest paragraph, verbatim
    assert _compact(body_paragraph) in _compact(text)


def _text_of(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    return re.sub(r"<[^>]+>", "", decode_html(data))


def test_gbk_page_declares_its_charset_only_in_meta() -> None:
    page = SAMPLE_SITE_DIR / "zwgk/fzzfjsbg/202401/t20240110_1027.html"
    data = page.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"charset=gb2312" in data[:400]


def test_site_chrome_names_no_real_locality() -> None:
    listing = (SAMPLE_SITE_DIR / "zwgk/fzzfjsbg/index.html").read_text(encoding="utf-8")
    chrome = re.sub(r"<li>.*?</li>", "", listing)
    for place in ("廉江", "麻章", "广州", "湖滨", "湛江", "广东", "河南"):
        assert place not in chrome


def test_site_is_small() -> None:
    size = sum(f.stat().st_size for f in SAMPLE_SITE_DIR.rglob("*") if f.is_file())
    assert size < 2 * 1024 * 1024


def test_cli_crawls_the_sample_site_then_finds_nothing_new(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["crawl", "--data-dir", str(tmp_path)])
    second = runner.invoke(app, ["crawl", "--data-dir", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    summary = (
        read_manifest(Settings(data_dir=tmp_path))
        .group_by("run_id")
        .agg(
            new=pl.col("outcome").is_in(["new", "changed"]).sum(),
            unchanged=pl.col("outcome").is_in(["not_modified", "skipped", "unchanged"]).sum(),
        )
        .sort("new")
    )
    assert summary["new"].to_list() == [0, 10]  # robots + 2 listings + 5 articles + 2 attachments
    assert "sample-fzbg" in first.output and "reports" in first.output


def test_cli_rejects_a_bad_sources_file(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text("[[source]]\nid = 'a'\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["crawl", "--sources", str(bad), "--data-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "start_urls" in result.output
