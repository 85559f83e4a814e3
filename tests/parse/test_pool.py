"""The parse and extract stages run a batch's documents in several bounded workers at once: the
rows, their order and every document's failure are those of one worker."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from benchmarks import fuzz_campaign as campaign
from fazhi.config import load_settings
from fazhi.extract.stage import extract_documents
from fazhi.isolation import DocumentLimits, ParseJob
from fazhi.parse.pool import BoundedPool, start_worker_server
from fazhi.parse.stage import parse_documents
from tests.parse.manifests import raw_manifest


def _bodies() -> dict[str, bytes]:
    bodies = {f"good{i}.txt": campaign.good_txt(random.Random(i)) for i in range(8)}
    # failures between good documents: each must stay on its own row, in its place
    bodies["good3.txt"] = b"%PDF-1.4 garbage"
    bodies["good5.txt"] = ("".join(campaign.report_lines(random.Random(5))) * 4000).encode()
    return bodies


@pytest.mark.parametrize(
    "workers",
    [
        pytest.param(2, id="two-workers: the cores of this machine"),
        pytest.param(3, id="three-workers: more workers than cores still keeps the order"),
    ],
)
def test_several_workers_stage_the_rows_one_worker_stages(tmp_path: Path, workers: int) -> None:
    settings = load_settings(data_dir=tmp_path, max_text_chars=300_000, document_workers=1)
    manifest = raw_manifest(settings, _bodies())
    limits = DocumentLimits.from_settings(settings)
    one_parsed = parse_documents(manifest, settings, "r")
    one = extract_documents(one_parsed, "r", limits, workers=1)

    several = settings.model_copy(update={"document_workers": workers})
    many_parsed = parse_documents(manifest, several, "r")
    many = extract_documents(many_parsed, "r", limits, workers=workers)

    assert_frame_equal(one_parsed, many_parsed)
    for table in ("documents", "mentions", "facts"):
        assert_frame_equal(getattr(one, table), getattr(many, table))
    status = dict(many.documents.select("url", "parse_status").iter_rows())
    assert status["http://a.gov.cn/good3.txt"] == "failed"  # corrupt PDF
    assert status["http://a.gov.cn/good5.txt"] == "failed"  # over the text cap
    assert many.facts.height > 0


def test_the_pool_runs_its_workers_at_once_and_stops_them() -> None:
    texts = [campaign.good_txt(random.Random(i)) for i in range(6)]
    with BoundedPool(DocumentLimits(), workers=2) as pool:
        parsed = pool.map(lambda data, bounded: bounded.run(ParseJob(data, url="a.txt")), texts)
        processes = [p._process for p in pool._parsers]
        assert all(p is not None and p.is_alive() for p in processes)
        assert len({p.pid for p in processes if p is not None}) == 2
    assert [p.text[:20] for p in parsed] == [
        ParseJob(data, url="a.txt").run(300_000).text[:20] for data in texts
    ]
    assert all(p is not None and not p.is_alive() for p in processes)


def test_the_worker_server_started_early_serves_the_pool_workers() -> None:
    start_worker_server()
    start_worker_server()  # a second call finds it running
    with BoundedPool(DocumentLimits(), workers=2) as pool:
        texts = [campaign.good_txt(random.Random(i)) for i in range(2)]
        parsed = pool.map(lambda data, bounded: bounded.run(ParseJob(data, url="a.txt")), texts)
    assert all(p.text for p in parsed)
