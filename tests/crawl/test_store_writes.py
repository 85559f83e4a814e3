"""What the crawl writes per document, on real files: raw objects through an opened lake, the
lake's whole-or-nothing put on a local folder, and URL states as the journal stores them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from fazhi.config import Settings
from fazhi.crawl import store
from fazhi.crawl.state import CrawlState, UrlState
from fazhi.lake import Lake


def _lake(tmp_path: Path, how: str) -> Lake:
    """A lake on a local folder: a plain path (the OS's own calls) or a file:// URL (fsspec's)."""
    root = tmp_path / "lake"
    url = str(root) if how == "path" else root.as_uri()
    return Lake.of(Settings(data_dir=tmp_path, lake_url=url))


@pytest.mark.parametrize("how", ["path", "file-url"])
@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(b"", b"x", id="empty-then-one-byte"),
        pytest.param("法治政府".encode() * 3000, b"shorter", id="long-then-shorter"),
    ],
)
def test_put_writes_whole_replaces_and_leaves_no_temporary_file(
    tmp_path: Path, how: str, first: bytes, second: bytes
) -> None:
    lake = _lake(tmp_path, how)
    path = lake.path("state", "crawl", "a-source", "urls.json")  # its folders do not exist yet
    lake.put(path, first)
    assert lake.read(path) == first
    lake.put(path, second)
    assert lake.read(path) == second
    assert [p.name for p in Path(path).parent.iterdir()] == ["urls.json"]


@pytest.mark.parametrize("how", ["path", "file-url"])
def test_raw_objects_through_an_opened_lake_are_the_settings_objects(
    tmp_path: Path, how: str
) -> None:
    lake = _lake(tmp_path, how)
    settings = Settings(data_dir=tmp_path)  # its lake is the same folder
    body = "<html><body>样例县2023年法治政府建设年度报告</body></html>".encode()
    sha = store.put_object(lake, body)
    assert sha == store.sha256_of(body)
    assert store.put_object(lake, body) == sha  # stored once, the same address
    assert store.read_object(lake, sha) == body
    assert store.holds_object(lake, sha)
    assert not store.holds_object(lake, store.sha256_of(b"other"))
    assert Path(lake.raw_object(sha)).read_bytes() == body
    assert store.has_raw(settings, sha)  # the calls that open the lake each time agree
    assert store.read_raw(settings, sha) == body
    assert store.write_raw(settings, body) == sha


@pytest.mark.parametrize(
    "state",
    [
        UrlState("/a/t1.html", "ab" * 32),
        UrlState("http://other.example/x.pdf", "cd" * 32, '"e1"', "Mon, 01 Jan 2024 00:00:00 GMT"),
        UrlState("/a/t2.html", "ef" * 32, None, None, "样例县报告", "2024-03-01", ()),
        UrlState("/a/t3.html", "01" * 32, title="报告", attachments=("/a/1.pdf", "/a/2.docx")),
    ],
)
def test_a_url_state_is_journalled_and_saved_as_asdict_would(
    tmp_path: Path, state: UrlState
) -> None:
    assert state.as_json() == dataclasses.asdict(state)
    assert UrlState.from_json(state.as_json()) == state
    crawl = CrawlState(tmp_path / "state", "a-source")
    crawl.record({"url": state.url, "outcome": "new"}, state)
    (journal,) = (tmp_path / "state" / "crawl" / "a-source").glob("journal-*.jsonl")
    line = json.loads(journal.read_text("utf-8"))
    assert line["url_state"] == json.loads(json.dumps(dataclasses.asdict(state)))
    crawl.commit()
    saved = json.loads((tmp_path / "state" / "crawl" / "a-source" / "urls.json").read_text())
    assert [UrlState.from_json(item) for item in saved] == [state]
