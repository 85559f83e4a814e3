"""Crawling real HTTP servers on 127.0.0.1: every family, every fault, incremental re-crawls."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
import pytest

from fazhi.config import Settings
from fazhi.crawl.crawler import _each, crawl_source, summarise_manifest
from fazhi.crawl.families import Link, detect_family
from fazhi.crawl.fetch import inert_url
from fazhi.crawl.sources import Source
from fazhi.crawl.store import read_manifest, read_raw
from fazhi.parse.decode import decode_html
from fazhi.schemas import RAW_MANIFEST
from tests.crawl import fixture_sites
from tests.crawl.fixture_sites import FAULTS, Expected
from tests.crawl.site_server import FixtureSite, Hit, Reply, serve

SiteBuilder = Callable[[FixtureSite], Expected]
FAMILY_SITES = [
    pytest.param(fixture_sites.trs_gbk_site, "trs", id="trs-gbk-three-pages-pdf-and-filename-docx"),
    pytest.param(
        fixture_sites.shtml_pagination_site,
        "pagination",
        id="shtml-next-page-links-and-onclick-wps",
    ),
    pytest.param(fixture_sites.hanweb_site, "hanweb", id="hanweb-datastore-and-dataproxy-posts"),
    pytest.param(fixture_sites.guangdong_site, "guangdong", id="guangdong-post-nnn-articles"),
]


def settings_for_tests(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "data",
        "delay_s": 0.0,
        "request_timeout_s": 0.4,
        "retry_backoff_s": 0.01,
        "max_retries": 3,
        "max_body_bytes": fixture_sites.FAULT_LIMIT_BYTES,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


def source_for(site: FixtureSite, start_path: str, **fields: object) -> Source:
    return Source(
        id="fixture",
        name="fixture",
        start_urls=(site.url(start_path),),
        allow_private_addresses=True,
        locality_code="440881",
        **fields,
    )  # type: ignore[arg-type]


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.mark.parametrize(("build", "family"), FAMILY_SITES)
def test_each_family_finds_every_report_once_then_fetches_no_article_again(
    tmp_path: Path, build: SiteBuilder, family: str
) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = build(site)
        source = source_for(site, expected.start_path)
        first = crawl_source(source, settings, "run-1")
        articles = [_path(u) for u in first.filter(pl.col("kind") == "article")["url"]]
        attachments = [_path(u) for u in first.filter(pl.col("kind") == "attachment")["url"]]
        assert sorted(articles) == sorted(expected.articles)  # each once, nothing else
        assert sorted(attachments) == sorted(expected.attachments)
        assert set(first["outcome"]) <= {"new", "skipped"}  # skipped: robots.txt is absent
        assert first["locality_hint"].unique().to_list() == ["440881"]
        requests_before = len(site.hits)
        second = crawl_source(source, settings, "run-2")
        fetched_again = [
            h
            for h in site.hits[requests_before:]
            if h.status == 200 and h.path in expected.articles | expected.attachments
        ]
    assert fetched_again == []
    assert set(second.filter(pl.col("kind") == "article")["outcome"]) <= {"not_modified", "skipped"}
    assert first.schema == pl.Schema(RAW_MANIFEST)
    start = site.routes[expected.start_path]
    assert not callable(start)
    assert detect_family(site.url(expected.start_path), decode_html(start.body)) == family


def test_family_is_detected_from_the_listing(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.trs_gbk_site(site)
        crawl_source(source_for(site, expected.start_path), settings, "run-1")
        listings = [h.path for h in site.hits if h.path.startswith("/zwgk/fzbg/index")]
    # The createPageHTML count (3) is what announced index_1 and index_2.
    assert sorted(listings) == [
        "/zwgk/fzbg/index.html",
        "/zwgk/fzbg/index_1.html",
        "/zwgk/fzbg/index_2.html",
    ]


def test_listing_titles_dates_and_parents_reach_the_manifest(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.trs_gbk_site(site)
        manifest = crawl_source(source_for(site, expected.start_path), settings, "run-1")
    by_path = {_path(row["url"]): row for row in manifest.iter_rows(named=True)}
    truncated = by_path["/zwgk/fzbg/202101/t20210110_14.html"]
    assert truncated["title"] == "样例县2020年司法行政工作总结"  # title attribute, not the cut text
    assert str(truncated["published_on"]) == "2021-01-10"
    pdf = by_path["/zwgk/fzbg/202301/P020230105123.pdf"]
    assert _path(pdf["parent_url"]) == "/zwgk/fzbg/202301/t20230105_12.html"
    assert read_raw(settings, pdf["sha256"]) == fixture_sites.PDF_BYTES
    assert read_manifest(settings).height == manifest.height


@pytest.mark.parametrize("fault", FAULTS, ids=[f.why for f in FAULTS])
def test_every_fault_is_recorded_with_its_outcome(
    faulty_crawl: pl.DataFrame, fault: fixture_sites.Fault
) -> None:
    # a malformed href is recorded in its inert form (fetch.inert_url), never as raw bytes
    recorded = inert_url(fault.path) if "://" in fault.path else fault.path
    rows = faulty_crawl.filter(pl.col("url").str.ends_with(recorded), pl.col("kind") == fault.kind)
    assert rows.height == 1, rows
    row = rows.row(0, named=True)
    assert row["outcome"] == fault.outcome
    assert fault.reason in (row["reason"] or ""), row["reason"]


def test_faults_summary_counts_them(faulty_crawl: pl.DataFrame) -> None:
    summary = summarise_manifest(faulty_crawl).row(0, named=True)
    failed = sum(f.outcome == "failed" for f in FAULTS)
    blocked = sum(f.outcome == "blocked" for f in FAULTS)
    assert (summary["failed"], summary["blocked"]) == (failed, blocked)
    assert summary["reports"] == sum(f.kind == "article" for f in FAULTS) + 1
    assert summary["unchanged"] == 0  # robots and off-domain skips are not "seen before"


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    settings = settings_for_tests(tmp_path_factory.mktemp("faults"))
    with serve(FixtureSite()) as site:
        expected = fixture_sites.faults_site(site)
        return crawl_source(source_for(site, expected.start_path), settings, "run-faults")


def test_private_addresses_are_refused_unless_allowed(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.guangdong_site(site)
        source = Source(id="strict", name="strict", start_urls=(site.url(expected.start_path),))
        manifest = crawl_source(source, settings, "run-1")
        hits = len(site.hits)
    listing = manifest.filter(pl.col("kind") == "listing").row(0, named=True)
    assert listing["outcome"] == "failed"
    assert "private address" in listing["reason"]
    assert hits == 0


def test_changed_article_is_fetched_again_and_kept_as_a_new_version(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.guangdong_site(site)
        source = source_for(site, expected.start_path)
        first = crawl_source(source, settings, "run-1")
        changed_path = "/gkmlpt/content/3/3900/post_3900003.html"
        revised = fixture_sites.article("2022年法治政府建设年度报告（修订）")
        site.add(changed_path, fixture_sites.utf8_reply(revised))
        second = crawl_source(source, settings, "run-2")
    old = first.filter(pl.col("url").str.ends_with(changed_path)).row(0, named=True)
    new = second.filter(pl.col("url").str.ends_with(changed_path)).row(0, named=True)
    assert new["outcome"] == "changed"
    assert new["sha256"] != old["sha256"]
    assert "修订".encode() in read_raw(settings, new["sha256"])
    assert "修订".encode() not in read_raw(settings, old["sha256"])  # the earlier version is kept


def test_without_validators_a_seen_article_is_not_requested_at_all(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.guangdong_site(site)
        for path in expected.articles:
            route = site.routes[path]
            assert not callable(route)
            route.etag = False
        source = source_for(site, expected.start_path)
        crawl_source(source, settings, "run-1")
        second = crawl_source(source, settings, "run-2")
        requests = {path: site.requests_for(path) for path in expected.articles}
    assert requests == dict.fromkeys(expected.articles, 1)
    articles = second.filter(pl.col("kind") == "article")
    assert articles["outcome"].to_list() == ["skipped"] * len(expected.articles)
    assert summarise_manifest(second)["unchanged"].to_list() == [len(expected.articles)]


class Interrupted(Exception):
    """Stands in for Ctrl-C or a killed worker in the middle of a crawl."""


def test_interrupted_crawl_resumes_without_losing_or_refetching(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path, max_concurrency_per_host=1)
    fetched: list[str] = []

    def stop_at_third_article(message: str) -> None:
        if message.startswith("article"):
            fetched.append(message)
            if len(fetched) == 3:
                raise Interrupted

    with serve(FixtureSite()) as site:
        expected = fixture_sites.hanweb_site(site)
        source = source_for(site, expected.start_path)
        with pytest.raises(Interrupted):
            crawl_source(source, settings, "run-1", progress=stop_at_third_article)
        assert read_manifest(settings).is_empty()  # nothing persisted by the broken run
        resumed = crawl_source(source, settings, "run-2")
        requests = {path: site.fetched(path) for path in expected.articles}
    assert requests == dict.fromkeys(expected.articles, 1)  # none fetched twice
    fresh = resumed.filter(pl.col("kind") == "article", pl.col("outcome") == "new")
    assert sorted(_path(u) for u in fresh["url"]) == sorted(expected.articles)
    assert set(resumed["run_id"]) == {"run-2"}


def test_a_wiped_lake_makes_seen_pages_fetch_again_instead_of_crashing(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.guangdong_site(site)
        source = source_for(site, expected.start_path)
        crawl_source(source, settings, "run-1")
        shutil.rmtree(settings.lake_dir / "raw" / "objects")
        second = crawl_source(source, settings, "run-2")
    fresh = second.filter(pl.col("kind") == "article")
    assert set(fresh["outcome"]) == {"new"}  # new to the lake again, so parsed again
    assert all(read_raw(settings, sha) for sha in fresh["sha256"])


class InFlight:
    """A route that counts how many of its requests are being served at once."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.now = 0
        self.most = 0
        self.lock = threading.Lock()

    def __call__(self, hit: Hit) -> Reply:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.05)  # hold the slot so overlapping requests would be seen
        with self.lock:
            self.now -= 1
        return self.reply


def test_requests_to_one_host_never_exceed_the_concurrency_limit(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path, max_concurrency_per_host=2)
    with serve(FixtureSite()) as site:
        rows = "".join(
            fixture_sites.item(f"/a/{n}.html", f"第{n}号2023年法治政府建设年度报告")
            for n in range(8)
        )
        listing = fixture_sites.page(f"<ul>{rows}</ul>")
        site.add("/a/index.html", fixture_sites.utf8_reply(listing))
        page = fixture_sites.article("2023年法治政府建设年度报告")
        counter = InFlight(fixture_sites.utf8_reply(page))
        for n in range(8):
            site.add(f"/a/{n}.html", counter)
        manifest = crawl_source(source_for(site, "/a/index.html"), settings, "run-1")
    assert manifest.filter(pl.col("kind") == "article")["outcome"].to_list() == ["new"] * 8
    assert counter.most <= 2


def test_real_shapes_every_report_found_nothing_else_fetched_and_nothing_fetched_twice(
    tmp_path: Path,
) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.real_shapes_site(site)
        source = source_for(site, expected.start_path)
        first = crawl_source(source, settings, "run-1")
        first_hits = list(site.hits)
        second = crawl_source(source, settings, "run-2")
        second_hits = site.hits[len(first_hits) :]
    articles = first.filter(pl.col("kind") == "article")
    assert sorted(_path(u) for u in articles["url"]) == sorted(expected.articles)
    attachments = first.filter(pl.col("kind") == "attachment")
    assert sorted(_path(u) for u in attachments["url"]) == sorted(expected.attachments)
    # The cut-short row is kept under the article's own title.
    cut = articles.filter(pl.col("url").str.ends_with("t20220105_2.html")).row(0, named=True)
    assert cut["title"] == "样例县司法局2022年法治政府建设年度报告"
    # Fetched: listings, reports and the two "maybe" rows; never the notice, hiring or news.
    fetched = {hit.path for hit in first_hits if hit.method == "GET"}
    maybes = {"/rs/202201/t20220105_2.html", "/rs/202301/t20230110_3.html"}
    listings = {"/rs/index.html", "/rs/common_list.shtml", "/rs/common_list_2.shtml"}
    repeated = "/rs/common_list_3.shtml"
    everything = expected.articles | expected.attachments | maybes | listings | {repeated}
    assert fetched - {"/robots.txt"} == everything
    assert "/rs/common_list_1.shtml" not in fetched  # the six-argument pager numbers from 1
    summary = summarise_manifest(first).row(0, named=True)
    assert (summary["reports"], summary["maybe"], summary["blocked"]) == (4, 2, 0)
    noticed = first.filter(pl.col("reason").str.contains("ignores the page number"))
    assert [_path(u) for u in noticed["url"]] == [repeated]
    # Second crawl: listings and reports asked conditionally; no document body downloaded.
    documents = expected.articles | expected.attachments | maybes
    assert [h for h in second_hits if h.path in documents and h.status == 200] == []
    assert {h.status for h in second_hits if h.path in listings} == {304}
    assert set(second.filter(pl.col("kind") == "article")["outcome"]) == {"not_modified"}


def test_a_column_stub_leads_to_a_hanweb_column_read_as_hanweb(tmp_path: Path) -> None:
    settings = settings_for_tests(tmp_path)
    with serve(FixtureSite()) as site:
        expected = fixture_sites.hanweb_site(site)
        stub = '<html><head><script>location.href="/col/col123/index.html";</script></head></html>'
        site.add("/fzzfjs/index.html", fixture_sites.utf8_reply(stub))
        manifest = crawl_source(source_for(site, "/fzzfjs/index.html"), settings, "run-1")
    articles = manifest.filter(pl.col("kind") == "article")
    assert sorted(_path(u) for u in articles["url"]) == sorted(expected.articles)


def test_page_one_under_a_second_name_does_not_stop_the_pager(tmp_path: Path) -> None:
    """The column's / serves page 1, and the six-argument pager names page 1 list.shtml: the
    same links twice, yet pages 2 and 3 are real and must be read."""
    settings = settings_for_tests(tmp_path)
    pager = "<script>createPageHTML('page_div',3, {n},'list','shtml',30)</script>"
    rows = {
        1: fixture_sites.item("./t20240110_1.html", "样例区2023年法治政府建设年度报告"),
        2: fixture_sites.item("./t20230110_2.html", "样例区2022年法治政府建设年度报告"),
        3: fixture_sites.item("./t20220110_3.html", "样例区2021年法治政府建设年度报告"),
    }
    with serve(FixtureSite()) as site:
        for n, row in rows.items():
            listing = fixture_sites.page(f"<ul>{row}</ul>{pager.format(n=n)}")
            name = "list.shtml" if n == 1 else f"list_{n}.shtml"
            site.add(f"/c9/{name}", fixture_sites.utf8_reply(listing))
            if n == 1:
                site.add("/c9/", fixture_sites.utf8_reply(listing))
        for path in ("t20240110_1", "t20230110_2", "t20220110_3"):
            site.add(f"/c9/{path}.html", fixture_sites.utf8_reply(fixture_sites.article("报告")))
        manifest = crawl_source(source_for(site, "/c9/"), settings, "run-1")
    articles = manifest.filter(pl.col("kind") == "article")
    assert len(articles) == 3
    same = manifest.filter(pl.col("reason").str.starts_with("the same page as"))
    assert [_path(u) for u in same["url"]] == ["/c9/list.shtml"]
    assert manifest.filter(pl.col("reason").str.contains("ignores the page number")).is_empty()


@pytest.mark.parametrize("failing", [None, 0, 3])
def test_pages_are_worked_on_in_order_and_an_error_stops_the_rest(failing: int | None) -> None:
    """As ``list(pool.map(...))`` did: every page, or up to the first error, which is raised,
    and the pages not started by then are never started (an interrupted crawl stops)."""
    links = [Link(f"http://example.gov.cn/t{n}.html", str(n)) for n in range(8)]
    done: list[int] = []

    def work(link: Link) -> None:
        done.append(int(link.title))
        if int(link.title) == failing:
            raise ValueError(link.title)
        time.sleep(0.2)  # time enough for the waiting thread to cancel what has not started

    with ThreadPoolExecutor(max_workers=1) as pool:
        if failing is None:
            _each(pool, work, links)
        else:
            with pytest.raises(ValueError, match=f"^{failing}$"):
                _each(pool, work, links)
    if failing is None:
        assert done == list(range(8))
    else:  # the page after the failing one may have started before the cancel, no other
        assert done[: failing + 1] == list(range(failing + 1))
        assert len(done) <= failing + 2
