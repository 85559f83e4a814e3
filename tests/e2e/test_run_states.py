"""End to end: a run tells the truth in Prefect and in ``fazhi run``'s exit code.

Real flows under a Prefect test server, against fixture sites on 127.0.0.1: every source
unreachable ends Failed (exit 1); some unreachable ends Completed under the name "Partial"
(exit 3) with an artifact table naming each source, its outcome and the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from tests.crawl.site_server import FixtureSite, serve
from tests.e2e import fixtures_failures as ff

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def harness(prefect_harness: None) -> Iterator[None]:
    """The e2e package's Prefect test server; fetch retries back off in milliseconds."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FAZHI_RETRY_BACKOFF_S", "0.01")  # the closed port is retried, not waited on
        yield


def _cli_run(sources: Path, data_dir: Path) -> int:
    result = CliRunner().invoke(
        app, ["run", "--sources", str(sources), "--data-dir", str(data_dir)]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code


def _sources_artifact(flow_run_id: object) -> list[dict[str, str]]:
    import json

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    [table] = [a for a in found if a.key == "fazhi-sources"]
    data = json.loads(table.data) if isinstance(table.data, str) else table.data
    return list(data)


def test_every_source_unreachable_fails_the_run_and_exits_1(harness: None, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    blocked = FixtureSite()
    ff.blocked_site(blocked)
    with serve(blocked):
        entries = [
            ff.SourceEntry("blocked", blocked.url(ff.COLUMN)),
            ff.SourceEntry("down", f"http://127.0.0.1:{ff.closed_port()}{ff.COLUMN}"),
        ]
        sources = ff.write_sources(tmp_path / "sources.toml", entries)
        state = run_pipeline(
            sources_file=str(sources), data_dir=str(tmp_path / "a"), return_state=True
        )
        exit_code = _cli_run(sources, tmp_path / "b")
    assert state.is_failed(), state
    assert "2 of 2 source(s) failed" in (state.message or "")
    assert "HTTP 412" in (state.message or "") and "Connection refused" in (state.message or "")
    assert exit_code == 1


def test_some_sources_unreachable_is_partial_with_reasons_and_exits_3(
    harness: None, tmp_path: Path
) -> None:
    from flows.pipeline import run_pipeline

    good = FixtureSite()
    ff.good_site(good, faults=False)
    with serve(good):
        entries = [
            ff.SourceEntry("good", good.url(ff.COLUMN)),
            ff.SourceEntry("down", f"http://127.0.0.1:{ff.closed_port()}{ff.COLUMN}"),
        ]
        sources = ff.write_sources(tmp_path / "sources.toml", entries)
        state = run_pipeline(
            sources_file=str(sources), data_dir=str(tmp_path / "a"), return_state=True
        )
        exit_code = _cli_run(sources, tmp_path / "b")
    assert state.is_completed() and state.name == "Partial", state
    summary = state.result()
    assert summary.status == "partial" and summary.facts_loaded > 0  # the good source loaded
    rows = {row["source_id"]: row for row in _sources_artifact(state.state_details.flow_run_id)}
    assert rows["good"]["status"] == "ok"
    assert rows["down"]["status"] == "failed"
    assert "Connection refused" in rows["down"]["reasons"]
    assert exit_code == 3


def test_a_disk_short_of_space_stops_the_run_with_the_reason_and_the_next_loads_it_all(
    harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crawled (``fazhi crawl``), then a run on a disk under ``min_free_disk_mb`` (a petabyte):
    it stops with the reason before its crawl writes anything; once the limit is met again, the
    next run loads the report crawled before."""
    from flows.pipeline import run_pipeline

    good = FixtureSite()
    ff.good_site(good, faults=False)
    data_dir = tmp_path / "data"
    with serve(good):
        sources = ff.write_sources(
            tmp_path / "sources.toml", [ff.SourceEntry("good", good.url(ff.COLUMN))]
        )
        crawled = CliRunner().invoke(
            app, ["crawl", "--sources", str(sources), "--data-dir", str(data_dir)]
        )
        assert crawled.exit_code == 0, crawled.output
        monkeypatch.setenv("FAZHI_MIN_FREE_DISK_MB", str(10**9))
        short = run_pipeline(sources_file=str(sources), data_dir=str(data_dir), return_state=True)
        monkeypatch.delenv("FAZHI_MIN_FREE_DISK_MB")
        again = run_pipeline(sources_file=str(sources), data_dir=str(data_dir), return_state=True)
    assert short.is_failed(), short
    assert "DiskNearlyFullError: not crawling source good: " in (short.message or "")
    assert "FAZHI_MIN_FREE_DISK_MB" in (short.message or "")
    assert again.is_completed(), again
    assert again.result().facts_loaded > 0  # the report crawled before the short run
