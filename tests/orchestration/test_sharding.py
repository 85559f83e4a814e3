"""Shard plans: every source exactly once, hosts kept together, shards balanced."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.sharding import shard_sources, source_host

CASES = [
    pytest.param([("a", "h1"), ("b", "h2")], 2, [["a"], ["b"]], id="one-source-per-shard"),
    pytest.param([("a", "h1"), ("b", "h1"), ("c", "h2")], 2, [["a", "b"], ["c"]],
                 id="same-host-sources-stay-together"),
    pytest.param([("a", "h1")], 3, [["a"]], id="more-shards-than-hosts-drops-empty-shards"),
    pytest.param([("a", "h1"), ("b", "h2"), ("c", "h3")], 1, [["a", "b", "c"]],
                 id="one-shard-takes-everything"),
    pytest.param([], 2, [], id="no-sources-no-shards"),
    pytest.param([("x", "h1"), ("y", "h1"), ("z", "h1"), ("p", "h2"), ("q", "h3")], 2,
                 [["x", "y", "z"], ["p", "q"]], id="largest-host-first-then-least-loaded"),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "shards", "expected"), CASES)
def test_shard_plan(sources: list[tuple[str, str]], shards: int, expected: list[list[str]]) -> None:
    assert shard_sources(sources, shards) == expected


def test_zero_shards_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        shard_sources([("a", "h")], 0)


@pytest.mark.parametrize(
    ("urls", "host"),
    [
        pytest.param(["http://127.0.0.1:8001/a/"], "127.0.0.1:8001", id="port-is-part-of-host"),
        pytest.param(["HTTP://WWW.GZ.GOV.CN/x", "http://other/"], "www.gz.gov.cn",
                     id="first-start-url-lowercased"),
        pytest.param([], "", id="no-start-urls"),
    ],
)  # fmt: skip
def test_source_host(urls: list[str], host: str) -> None:
    assert source_host(urls) == host


sources_strategy = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=4), st.sampled_from(["h1", "h2", "h3", "h4", "h5"])
)


@given(sources_strategy, st.integers(min_value=1, max_value=6))
def test_every_source_in_exactly_one_shard_with_its_host(
    sources: dict[str, str], shards: int
) -> None:
    plan = shard_sources(sources.items(), shards)
    placed = [source_id for shard in plan for source_id in shard]
    assert sorted(placed) == sorted(sources)
    assert len(plan) <= shards and all(plan)
    shard_of = {source_id: i for i, shard in enumerate(plan) for source_id in shard}
    for a, host_a in sources.items():
        for b, host_b in sources.items():
            if host_a == host_b:
                assert shard_of[a] == shard_of[b]
