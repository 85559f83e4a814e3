"""Crawl-host tags and the warehouse-writer slot outside a server (ephemeral mode)."""

from __future__ import annotations

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.limits import (
    configured_api_url,
    crawl_host_tag,
    crawl_host_tags,
    warehouse_slot,
)


@pytest.mark.parametrize(
    ("url", "tag"),
    [
        pytest.param("http://www.lianjiang.gov.cn/zwgk/fzbg/", "crawl-host:www.lianjiang.gov.cn",
                     id="plain-host"),
        pytest.param("http://127.0.0.1:8123/index.html", "crawl-host:127.0.0.1:8123",
                     id="port-separates-hosts-on-one-address"),
        pytest.param("https://WWW.GZ.GOV.CN/a", "crawl-host:www.gz.gov.cn", id="case-folded"),
        pytest.param("http://user:pw@example.org/", "crawl-host:example.org",
                     id="credentials-never-in-tag"),
    ],
)  # fmt: skip
def test_crawl_host_tag(url: str, tag: str) -> None:
    assert crawl_host_tag(url) == tag


def test_relative_url_has_no_host() -> None:
    with pytest.raises(ValueError, match="not an absolute URL"):
        crawl_host_tag("/zwgk/fzbg/")


def test_host_tags_are_distinct_and_sorted() -> None:
    urls = ["http://b.gov.cn/1", "http://a.gov.cn/x", "http://b.gov.cn/2"]
    assert crawl_host_tags(urls) == ["crawl-host:a.gov.cn", "crawl-host:b.gov.cn"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        pytest.param("", None, id="unset-means-ephemeral"),
        pytest.param("http://127.0.0.1:4200/api", "http://127.0.0.1:4200/api", id="server-set"),
    ],
)
def test_configured_api_url(setting: str, expected: str | None) -> None:
    with temporary_settings({PREFECT_API_URL: setting}):
        assert configured_api_url() == expected


def test_warehouse_slot_without_server_runs_body_without_contacting_anything() -> None:
    # an unreachable API URL would make Prefect's concurrency() fail; without one the slot is a
    # no-op, so the body runs and its exceptions pass through unchanged
    ran = []
    with temporary_settings({PREFECT_API_URL: ""}):
        with warehouse_slot():
            ran.append(True)
        with pytest.raises(KeyError), warehouse_slot():
            raise KeyError("load failed")
    assert ran == [True]
