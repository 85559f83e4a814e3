"""A plain run of the pipeline's stages without Prefect, which can SIGKILL itself inside a stage.

``plain_run`` calls the stage functions in the order and with the recovery ``run_pipeline`` uses
(crawl, the lake's unloaded documents added, parse, extract, gate, load), so a test can run it
in-process. Run as ``python -m tests.e2e.kill_run DATA_DIR BASE_URL STAGE``, it first arranges
for the process to kill itself with SIGKILL in the middle of STAGE (crawl: after the second
document is stored; parse and extract: at the second document; gate: after validation, before
the quarantine is recorded; load: inside the load's transaction, after the documents are
written), then runs.

Run as ``python -m tests.e2e.kill_run DATA_DIR BASE_URL`` (no stage), it imports what a run
imports once (Great Expectations alone takes seconds), then reads stage names from stdin and
for each forks a child that arranges its kill and runs, and prints how the child ended (its
exit code, ``-9`` when SIGKILL ended it): each killed run is still a process of its own dying
by SIGKILL, without paying the imports again.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STAGES = ("crawl", "parse", "extract", "gate", "load")


def plain_run(data_dir: Path, base_url: str) -> None:
    """One ``fazhi run`` of the sample site at ``base_url``, as ``flows/pipeline.py`` wires it."""
    from fazhi.config import load_settings
    from fazhi.crawl import store
    from fazhi.crawl.crawler import crawl_source
    from fazhi.crawl.sample_site import sample_sources
    from fazhi.extract.stage import extract_documents, write_staged
    from fazhi.isolation import DocumentLimits
    from fazhi.lake import new_run_id
    from fazhi.parse import stage as parse_stage
    from fazhi.quality.stage import gate_staged
    from fazhi.recovery import with_unloaded
    from fazhi.report.summary import crawl_outcome, summarise_run
    from fazhi.warehouse.load import load_gated_run

    settings = load_settings(data_dir=data_dir)
    run_id, started_at = new_run_id(), datetime.now(UTC)
    manifests = [crawl_source(source, settings, run_id) for source in sample_sources(base_url)]
    manifest = store.combine_manifests(manifests)
    rows = with_unloaded(parse_stage.select_document_rows(manifest), settings)
    parsed = parse_stage.for_run(parse_stage.parse_documents(rows, settings, run_id), run_id)
    parse_stage.write_parsed(parsed, settings, run_id)
    limits = DocumentLimits.from_settings(settings)
    batch = extract_documents(parsed, run_id, limits).for_run(run_id)
    write_staged(batch, settings, run_id)
    gate = gate_staged(batch, settings, run_id)
    before = summarise_run(run_id, crawl_outcome(manifest), batch, gate)
    load_gated_run(
        settings,
        run_id=run_id,
        started_at=started_at,
        status=before.status,
        counts=before.counts(),
        batch=batch,
        gate=gate,
    )


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _kill_at_call(
    owner: Any, name: str, call: int, when: Callable[..., bool] | None = None
) -> None:
    """Make ``owner.name`` kill the process at its ``call``-th matching call (after it ran)."""
    original = getattr(owner, name)
    calls = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        result = original(*args, **kwargs)
        if when is None or when(*args, **kwargs):
            calls += 1
            if calls == call:
                _die()
        return result

    setattr(owner, name, wrapped)


def kill_inside(stage: str) -> None:
    """Arrange for this process to die by SIGKILL in the middle of ``stage``."""
    if stage == "crawl":
        from fazhi.crawl import store

        _kill_at_call(store, "put_object", 2)
    elif stage in ("parse", "extract"):
        from fazhi.isolation import BoundedParser, ExtractJob, ParseJob

        kind = ParseJob if stage == "parse" else ExtractJob
        _kill_at_call(BoundedParser, "run", 2, lambda _self, job: isinstance(job, kind))
    elif stage == "gate":
        from fazhi.quality import stage as gate_stage

        _kill_at_call(gate_stage, "record_gate_run", 1)
    elif stage == "load":
        from fazhi.warehouse import load

        _kill_at_call(load, "refresh_search_index", 1)
    else:
        raise SystemExit(f"no stage {stage!r}; choose from {', '.join(STAGES)}")


def _warm_up() -> None:
    """Import what a run imports before any child is forked.

    Nothing here starts a thread or a process (Polars' pool starts at its first use, the parse
    workers' forkserver at the first document), so a forked child starts from a clean copy.
    """
    import great_expectations  # noqa: F401  (imported inside the gate, on its first use)

    import fazhi.quality.stage
    import fazhi.warehouse.load  # noqa: F401


def serve_killed_runs(data_dir: Path, base_url: str) -> None:
    """For each stage named on stdin, fork a run killed inside it; print its exit code."""
    _warm_up()
    for line in sys.stdin:
        stage = line.strip()
        child = os.fork()
        if child == 0:
            os.dup2(2, 1)  # the child's prints stay out of the exit codes on stdout
            try:
                kill_inside(stage)
                plain_run(data_dir, base_url)
                print(f"the run ended without being killed in {stage}", file=sys.stderr)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(1)
        _, status = os.waitpid(child, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        serve_killed_runs(Path(sys.argv[1]), sys.argv[2])
        raise SystemExit(0)
    data_dir, base_url, stage = sys.argv[1:4]
    kill_inside(stage)
    plain_run(Path(data_dir), base_url)
    raise SystemExit(f"the run ended without being killed in {stage}")
