"""Crawls into an s3:// lake on a real S3 server (moto on 127.0.0.1) from several "machines"
(separate data directories): the URL state lives in the lake, so the next night on another
machine asks conditionally, and a page that is not fetched again still gets the attachments the
lake lacks."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import polars as pl
import pytest

from fazhi.config import Settings
from fazhi.crawl.crawler import crawl_source, summarise_manifest
from fazhi.crawl.sources import Source
from fazhi.crawl.state import CrawlState, UrlState
from fazhi.crawl.store import object_path, read_raw
from fazhi.lake import Lake, lake_fs
from tests.crawl import fixture_sites
from tests.crawl.fixture_sites import article, docx_bytes, item, page
from tests.crawl.site_server import FixtureSite, Reply, serve
from tests.lake.s3_server import S3Server, s3_settings

FAST = {"delay_s": 0.0, "request_timeout_s": 2.0, "retry_backoff_s": 0.01}
LISTING_PREFIXES = ("/robots.txt", "/zwgk/fzbg/index", "/col/index")


def machine(server: S3Server, bucket: str, tmp_path: Path, name: str, **values: object) -> Settings:
    """One machine's settings: its own data directory, the shared lake."""
    return s3_settings(server, bucket, tmp_path / name, **{**FAST, **values})


def source_at(site: FixtureSite, start_path: str) -> Source:
    return Source(
        id="fixture",
        name="fixture",
        start_urls=(site.url(start_path),),
        allow_private_addresses=True,
    )


def test_night_two_on_another_machine_fetches_only_listings_and_asks_conditionally(
    s3_server: S3Server, tmp_path: Path
) -> None:
    bucket = s3_server.new_bucket()
    with serve(FixtureSite()) as site:
        expected = fixture_sites.trs_gbk_site(site)
        source = source_at(site, expected.start_path)
        first = crawl_source(source, machine(s3_server, bucket, tmp_path, "a"), "night-1")
        night_one = len(site.hits)
        second = crawl_source(source, machine(s3_server, bucket, tmp_path, "b"), "night-2")
        night_two = site.hits[night_one:]
    documents = expected.articles | expected.attachments
    assert summarise_manifest(first)["new"].to_list() == [len(documents)]
    full_answers = [hit.path for hit in night_two if hit.status == 200]
    assert all(path.startswith(LISTING_PREFIXES) for path in full_answers), full_answers
    asked = {hit.path: hit.status for hit in night_two if hit.path in expected.articles}
    assert asked == dict.fromkeys(expected.articles, 304)  # every article asked conditionally
    assert summarise_manifest(second)["new"].to_list() == [0]
    assert set(second.filter(pl.col("kind") == "article")["outcome"]) == {"not_modified"}
    # the state went to the lake, not to either machine's disk
    assert s3_server.filesystem().exists(f"{bucket}/lake/state/crawl/fixture/urls.json")
    assert not list(tmp_path.rglob("urls.json"))


KILLED = 9


def crawl_killed_at_first_attachment(source: Source, settings: Settings) -> int:
    """Crawl in a child process that dies (no cleanup, locks dropped by the kernel) just before
    its first attachment request, as a worker killed by ``kill -9``; its exit code."""

    def die_at_attachment(message: str) -> None:
        if message.startswith("attachment"):
            os._exit(KILLED)

    def crawl() -> None:
        crawl_source(source, settings, "run-1", progress=die_at_attachment)
        os._exit(0)

    child = multiprocessing.get_context("fork").Process(target=crawl)
    child.start()
    child.join(timeout=60)
    return child.exitcode if child.exitcode is not None else -1


def one_report_site(site: FixtureSite, validators: bool) -> None:
    """A listing, one report page, its DOCX attachment; ETags only when ``validators``."""
    listing = page(f"<ul>{item('/col/a1.html', '样例县2023年法治政府建设年度报告')}</ul>")
    link = '<p>附件：<a href="/files/report2023.docx">报告全文.docx</a></p>'
    report = article("样例县2023年法治政府建设年度报告", link)
    html = "text/html; charset=utf-8"
    site.add("/col/index.html", Reply(listing.encode(), content_type=html, etag=validators))
    site.add("/col/a1.html", Reply(report.encode(), content_type=html, etag=validators))
    body = docx_bytes("2023年法治政府建设年度报告")
    site.add("/files/report2023.docx", Reply(body, content_type="application/octet-stream"))


DOCX = "/files/report2023.docx"
PAGE = "/col/a1.html"


@pytest.mark.parametrize(
    ("validators", "resume_on", "how"),
    [
        pytest.param(
            True, "a", "killed", id="killed-before-attachment-resumed-here: page answers 304"
        ),
        pytest.param(
            False, "a", "killed", id="killed-before-attachment-no-validators: page not asked"
        ),
        pytest.param(
            True, "b", "killed", id="killed-before-attachment-resumed-elsewhere: page new there"
        ),
        pytest.param(
            True, "b", "object-lost", id="attachment-object-gone-from-lake: page answers 304"
        ),
    ],
)
def test_a_page_not_fetched_again_still_gets_the_attachment_the_lake_lacks(
    s3_server: S3Server, tmp_path: Path, validators: bool, resume_on: str, how: str
) -> None:
    bucket = s3_server.new_bucket()
    first_machine = machine(s3_server, bucket, tmp_path, "a", max_concurrency_per_host=1)
    with serve(FixtureSite()) as site:
        one_report_site(site, validators)
        source = source_at(site, "/col/index.html")
        if how == "killed":
            assert crawl_killed_at_first_attachment(source, first_machine) == KILLED
            assert site.requests_for(DOCX) == 0
            assert site.fetched(PAGE) == 1
        else:
            first = crawl_source(source, first_machine, "run-1")
            lost = first.filter(pl.col("kind") == "attachment")["sha256"][0]
            lake_fs(first_machine).rm(object_path(first_machine, lost))
        resumed_machine = machine(s3_server, bucket, tmp_path, resume_on)
        resumed = crawl_source(source, resumed_machine, "run-2")
        page_answers = [hit.status for hit in site.hits if hit.path == PAGE]
    attachment = resumed.filter(pl.col("kind") == "attachment")
    assert attachment["url"].to_list() == [site.url(DOCX)]
    assert attachment["outcome"].to_list() == ["new"]
    assert read_raw(resumed_machine, attachment["sha256"][0]).startswith(b"PK")  # the DOCX
    assert attachment["parent_url"].to_list() == [site.url(PAGE)]
    assert site.fetched(DOCX) == (1 if how == "killed" else 2)
    if (validators and resume_on == "a") or how == "object-lost":
        assert page_answers[-1] == 304  # the page itself was not fetched again
    if not validators:
        assert page_answers == [200]  # held without validators: not asked again


def test_a_held_page_with_every_attachment_in_the_lake_costs_no_attachment_request(
    s3_server: S3Server, tmp_path: Path
) -> None:
    bucket = s3_server.new_bucket()
    with serve(FixtureSite()) as site:
        one_report_site(site, validators=True)
        source = source_at(site, "/col/index.html")
        crawl_source(source, machine(s3_server, bucket, tmp_path, "a"), "run-1")
        second = crawl_source(source, machine(s3_server, bucket, tmp_path, "b"), "run-2")
    assert site.requests_for(DOCX) == 1
    assert second.filter(pl.col("kind") == "attachment").is_empty()


def row(url: str, run_id: str) -> dict[str, object]:
    return {"url": url, "run_id": run_id, "kind": "article", "outcome": "new"}


def test_two_machines_committing_one_source_keep_both_their_urls(
    s3_server: S3Server, tmp_path: Path
) -> None:
    bucket = s3_server.new_bucket()
    a = machine(s3_server, bucket, tmp_path, "a")
    b = machine(s3_server, bucket, tmp_path, "b")
    on_a = CrawlState(a.state_dir, "src", (), Lake.of(a))
    on_b = CrawlState(b.state_dir, "src", (), Lake.of(b))  # started before a committed
    on_a.record(row("http://a.gov.cn/1.html", "r1"), UrlState("http://a.gov.cn/1.html", "11"))
    on_b.record(row("http://a.gov.cn/2.html", "r2"), UrlState("http://a.gov.cn/2.html", "22"))
    on_a.commit()
    on_b.commit()  # reads what a stored and lays its own URL over it
    later = CrawlState(tmp_path / "c", "src", (), Lake.of(a))
    assert later.get("http://a.gov.cn/1.html") == UrlState("http://a.gov.cn/1.html", "11")
    assert later.get("http://a.gov.cn/2.html") == UrlState("http://a.gov.cn/2.html", "22")


def test_a_machines_older_local_state_is_read_until_the_lake_has_one(
    s3_server: S3Server, tmp_path: Path
) -> None:
    settings = machine(s3_server, s3_server.new_bucket(), tmp_path, "a")
    local = settings.state_dir / "crawl" / "src" / "urls.json"
    local.parent.mkdir(parents=True)
    local.write_text(json.dumps([{"url": "http://a.gov.cn/1.html", "sha256": "11"}]))
    state = CrawlState(settings.state_dir, "src", (), Lake.of(settings))
    assert state.get("http://a.gov.cn/1.html") == UrlState("http://a.gov.cn/1.html", "11")
    state.commit()
    stored = json.loads(lake_fs(settings).cat_file(Lake.of(settings).crawl_state("src")))
    assert [item["url"] for item in stored] == ["http://a.gov.cn/1.html"]
