"""load_sources: the sources file contract, with clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.config import REPO_ROOT
from fazhi.crawl.sources import DEFAULT_TITLE_KEYWORDS, SourcesFileError, load_sources

GOOD = """
[[source]]
id = "lianjiang-fzbg"
name = "廉江市人民政府 法治政府建设报告"
start_urls = ["http://www.lianjiang.gov.cn/zwgk/fzbg/"]
locality_code = "440881"

[[source]]
id = "demo"
name = "demo"
start_urls = ["http://127.0.0.1:8000/col/"]
allow_private_addresses = true
allow_domains = ["127.0.0.1"]
title_keywords = ["工作总结"]
max_pages = 3
delay_s = 0
family = "trs"
"""


def test_good_file_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(GOOD, encoding="utf-8")
    first, second = load_sources(path)
    assert (first.id, first.locality_code, first.family) == ("lianjiang-fzbg", "440881", "auto")
    assert first.title_keywords == DEFAULT_TITLE_KEYWORDS
    assert first.allow_private_addresses is False
    assert first.domains == ("lianjiang.gov.cn",)  # www. dropped: subdomains are the site's
    assert (second.max_pages, second.delay_s, second.family) == (3, 0.0, "trs")
    assert second.title_keywords == ("工作总结",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\n',
            "missing required field(s): start_urls",
            id="missing-start-urls",
        ),
        pytest.param('[[source]]\nname = "a"\nstart_urls = ["http://a/"]\n', "id", id="missing-id"),
        pytest.param(
            GOOD + '[[source]]\nid = "demo"\nname = "b"\nstart_urls = ["http://b/"]\n',
            "duplicate source id 'demo'",
            id="duplicate-id",
        ),
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\nstart_urls = ["ftp://a/"]\n',
            "not an http(s) URL",
            id="non-http-url",
        ),
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\nstart_urls = []\n',
            "at least one URL",
            id="empty-start-urls",
        ),
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\nstart_urls = ["http://a/"]\nfamily = "joomla"\n',
            "family must be one of",
            id="unknown-family",
        ),
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\nstart_urls = ["http://a/"]\nmax_pages = 0\n',
            "max_pages must be a positive integer",
            id="bad-max-pages",
        ),
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\nstart_urls = ["http://a/"]\ndelay = 1\n',
            "unknown field(s): delay",
            id="misspelt-field",
        ),
        pytest.param(
            '[[source]]\nid = "a"\nname = "a"\nstart_urls = ["http://a/"]\n'
            'allow_private_addresses = "yes"\n',
            "must be true or false",
            id="string-for-bool",
        ),
        pytest.param("source = 1\n", "no [[source]] tables", id="no-tables"),
        pytest.param("[[source]\n", "cannot read sources file", id="broken-toml"),
    ],
)
def test_bad_files_fail_clearly(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesFileError, match=None) as error:
        load_sources(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_deploy_sources_file_lists_the_real_columns() -> None:
    sources = load_sources(REPO_ROOT / "deploy" / "sources.toml")
    starts = {url for source in sources for url in source.start_urls}
    assert {
        "http://www.lianjiang.gov.cn/zwgk/fzbg/",
        "http://www.sz.gov.cn/cn/xxgk/fzzfjsndbg/",
        "https://www.lg.gov.cn/xxgk/zwgk/fzzfjsndbg/",
        "http://www.bjchy.gov.cn/affair/fzzfjsbg/",
        "https://jw.cq.gov.cn/zwgk_209/fzzfjsndbg/",
        "http://www.zc.gov.cn/gk/zfxxgk/fzzfjs/bmfzzfjsbg/",
    } <= starts
    assert all(source.family != "auto" and not source.allow_private_addresses for source in sources)
