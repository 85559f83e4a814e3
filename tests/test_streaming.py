"""fazhi.streaming: rows planned into batches as hosts finish their crawl, every row once, in
whole batches but the last; a resumed run keeps the batches it planned; rows an earlier run left
(recovered) are planned once even when the crawl brings them again. The crawl's outcome merged
host by host is the outcome of the whole manifest."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from fazhi.batches import batch_rows, pipelined, plan_batches
from fazhi.crawl.hosts import in_completion_order
from fazhi.schemas import RAW_MANIFEST, conform
from fazhi.streaming import BatchFeed, BatchPlanner
from tests.test_batches import RUN, document_rows, settings_of


def manifest_of(rows: pl.DataFrame, source_id: str) -> pl.DataFrame:
    """Manifest rows of one source's new article pages, one per document row."""
    articles = rows.with_columns(
        source_id=pl.lit(source_id), kind=pl.lit("article"), status=200, outcome=pl.lit("new")
    )
    return conform(articles, RAW_MANIFEST)


def chunks(rows: pl.DataFrame, sizes: list[int]) -> Iterator[pl.DataFrame]:
    start = 0
    for size in sizes:
        yield rows.slice(start, size)
        start += size


def planned_urls(tmp_path: Path, batch_size: int, numbers: list[int]) -> list[str]:
    settings = settings_of(tmp_path, batch_size)
    return sorted(u for n in numbers for u in batch_rows(settings, RUN, n).get_column("url"))


@pytest.mark.parametrize(
    ("sizes", "batch_size", "reason"),
    [
        ([3, 0, 5, 1], 2, "hosts of every size, an empty one among them"),
        ([7], 3, "one host: two whole batches and the rest"),
        ([1, 1, 1, 1], 4, "small hosts filling one batch exactly"),
        ([2], 5, "less than a batch: planned when the crawl ends"),
    ],
)
def test_rows_are_planned_as_hosts_finish_each_once_in_whole_batches(
    tmp_path: Path, sizes: list[int], batch_size: int, reason: str
) -> None:
    rows = document_rows(sum(sizes))
    planner = BatchPlanner(settings_of(tmp_path, batch_size), RUN)
    numbers, planned_by_then = [], []
    for chunk in chunks(rows, sizes):
        numbers += planner.add(chunk)
        planned_by_then.append(len(numbers))
    numbers += planner.finish()
    assert numbers == list(range(-(-rows.height // batch_size))), reason
    # a batch is planned as soon as the rows arrived fill it, not at the crawl's end
    arrived = [sum(sizes[: i + 1]) for i in range(len(sizes))]
    assert planned_by_then == [a // batch_size for a in arrived], reason
    heights = [batch_rows(settings_of(tmp_path, batch_size), RUN, n).height for n in numbers]
    assert all(h == batch_size for h in heights[:-1]) and 0 < heights[-1] <= batch_size, reason
    assert planned_urls(tmp_path, batch_size, numbers) == sorted(rows["url"]), reason
    assert planner.add(rows) == [] and planner.finish() == [], "nothing is planned after finish"


def test_a_resumed_run_keeps_its_batches_and_plans_only_the_rest(tmp_path: Path) -> None:
    rows = document_rows(9)
    first = BatchPlanner(settings_of(tmp_path, 2), RUN)
    before = first.add(rows.head(5))  # killed here: two batches planned, one row pending
    assert before == [0, 1]
    again = BatchPlanner(settings_of(tmp_path, 2), RUN)
    assert again.resumed == before
    after = again.add(rows.head(5)) + again.add(rows.slice(5)) + again.finish()
    assert after == [2, 3, 4]
    assert planned_urls(tmp_path, 2, before + after) == sorted(rows["url"])


def test_a_run_planned_at_once_keeps_that_plan(tmp_path: Path) -> None:
    numbers = plan_batches(document_rows(5), settings_of(tmp_path, 2), RUN)
    planner = BatchPlanner(settings_of(tmp_path, 2), RUN)
    assert planner.resumed == numbers == [0, 1, 2]
    assert planner.add(document_rows(8)) == [] and planner.finish() == []


def test_recovered_rows_the_crawl_brings_again_are_planned_once(tmp_path: Path) -> None:
    rows = document_rows(6)
    planner = BatchPlanner(settings_of(tmp_path, 4), RUN)
    numbers = (
        planner.add(rows.head(3), recovered=True) + planner.add(rows.slice(1)) + planner.finish()
    )
    assert planned_urls(tmp_path, 4, numbers) == sorted(rows["url"])


class Failing(RuntimeError):
    pass


def test_the_feed_hands_batches_on_while_hosts_are_crawled_and_raises_what_failed(
    tmp_path: Path,
) -> None:
    """Batches of the first host are finished while the second host is still held."""
    rows = document_rows(4)
    second_host = threading.Event()
    finished: list[int] = []

    def hosts() -> Iterator[list[pl.DataFrame]]:
        yield [manifest_of(rows.head(2), "first")]
        assert second_host.wait(10.0), "the first host's batch was not finished meanwhile"
        yield [manifest_of(rows.slice(2), "second")]
        raise Failing("a host's task failed")

    def finish(batch: int, before: object) -> int:
        finished.append(batch)
        second_host.set()
        return batch

    feed = BatchFeed()
    thread = threading.Thread(
        target=feed.consume, args=(BatchPlanner(settings_of(tmp_path, 2), RUN), hosts())
    )
    thread.start()
    with pytest.raises(Failing):
        pipelined(feed, lambda n: Done(), finish, ahead=0, ready=feed.ready)
    thread.join()
    assert finished == [0, 1]
    crawl = feed.outcome()  # both hosts, merged as they finished
    assert (crawl.documents_found, crawl.documents_new) == (4, 4)
    assert crawl.sources.get_column("source_id").to_list() == ["first", "second"]


class Done:
    def result(self) -> None:
        return None


def test_results_come_in_the_order_their_futures_finish() -> None:
    from concurrent.futures import ThreadPoolExecutor

    gates = [threading.Event() for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(lambda n=n: gates[n].wait(10.0) and n) for n in range(3)]
        results = in_completion_order(futures)
        futures.clear()
        order = []
        for n in (2, 0, 1):
            gates[n].set()
            order.append(next(results))
    assert order == [2, 0, 1]


def test_without_streaming_batches_are_handed_on_only_once_the_crawl_is_over(
    tmp_path: Path,
) -> None:
    """Planned once every host finished (all their rows in content-hash order), and no number
    is ready while a host is still crawled."""
    rows = document_rows(4)
    second_host = threading.Event()
    seen_while_crawling: list[bool] = []
    feed = BatchFeed()

    def hosts() -> Iterator[list[pl.DataFrame]]:
        yield [manifest_of(rows.head(2), "first")]
        seen_while_crawling.append(feed.ready())
        second_host.set()
        yield [manifest_of(rows.slice(2), "second")]

    planner = BatchPlanner(settings_of(tmp_path, 2), RUN)
    thread = threading.Thread(
        target=feed.consume, args=(planner, hosts()), kwargs={"during_crawl": False}
    )
    thread.start()
    assert second_host.wait(10.0)
    assert list(feed) == [0, 1]
    thread.join()
    assert seen_while_crawling == [False]
    planned = [pl.read_parquet(path) for path in sorted(tmp_path.rglob("*.parquet"))]
    hashes = [h for part in planned if "sha256" in part.columns for h in part["sha256"]]
    assert hashes == sorted(rows["sha256"]), "both hosts' rows mixed in hash order"
