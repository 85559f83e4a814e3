"""The scale benchmark's memory timeline (benchmarks.scale): each process of the tree named by
its role, each sample by the stage the run's log had reached, each role's peak found."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.scale import (
    ProcessSample,
    Timeline,
    role_of,
    run_measured,
    sample_tree,
    stage_of,
)
from fazhi.memory import ARENA_ENV

FORKSERVER = "python -B -c from multiprocessing.forkserver import main; main(3, 5)"


@pytest.mark.parametrize(
    ("cmdline", "parent", "role"),
    [
        pytest.param("python -m benchmarks.scale --bare x", None, "run", id="the tree's root"),
        pytest.param(FORKSERVER, "run", "fork server", id="the parsers' fork server"),
        pytest.param(FORKSERVER, "fork server", "bounded worker", id="forked: same cmdline"),
        pytest.param(
            "python -c from multiprocessing.resource_tracker import main;main(7)",
            "run",
            "resource tracker",
            id="multiprocessing's resource tracker",
        ),
        pytest.param(
            "python -m uvicorn --app-dir x prefect.server.api.server:create_app --factory",
            "run",
            "prefect server",
            id="Prefect's temporary API server",
        ),
        pytest.param(
            "python -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, "
            "pipe_handle=9) --multiprocessing-fork",
            "run",
            "spawned child",
            id="a spawned child not named yet",
        ),
        pytest.param("/usr/bin/git status", "run", "other: git", id="anything else, by name"),
    ],
)
def test_processes_are_named_by_role(cmdline: str, parent: str | None, role: str) -> None:
    assert role_of(cmdline, parent) == role


@pytest.mark.parametrize(
    ("name", "role"),
    [
        pytest.param("fazhi-loader", "loader", id="the gate and load's process"),
        pytest.param("fazhi-crawl", "crawl", id="a crawl process"),
    ],
)
def test_the_projects_children_are_known_by_the_name_they_give_themselves(
    name: str, role: str
) -> None:
    spawned = "python -c from multiprocessing.spawn import spawn_main; spawn_main()"
    assert role_of(spawned, "run", name) == role


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        pytest.param("stage: batch 12 load", "batch 12 load", id="the bare run's own line"),
        pytest.param(
            "14:22:38.408 | INFO    | Task run 'parse-batch-88c' - batch 0: 500 documents parsed",
            "after parse-batch 0",
            id="a Prefect task's line with its batch",
        ),
        pytest.param(
            "14:25:33.453 | INFO    | Task run 'headline-403' - Finished in state Completed()",
            "after headline",
            id="a Prefect task with no batch",
        ),
        pytest.param("│ documents found │ 10000 │", None, id="the summary: no stage"),
    ],
)
def test_log_lines_mark_stages(line: str, stage: str | None) -> None:
    assert stage_of(line) == stage


def test_peaks_say_which_role_peaked_in_which_stage() -> None:
    timeline = Timeline()
    timeline.add(0.0, "crawl", [ProcessSample(1, "run", 200 * 1024)])
    timeline.add(
        1.0,
        "batch 0 parse",
        [
            ProcessSample(1, "run", 300 * 1024),
            ProcessSample(2, "bounded worker", 400 * 1024),
            ProcessSample(3, "bounded worker", 400 * 1024),
        ],
    )
    timeline.add(1.5, "batch 0 load", [ProcessSample(1, "run", 900 * 1024)])
    timeline.add(2.5, "batch 0 load", [ProcessSample(1, "run", 500 * 1024)])
    peaks = timeline.peaks()
    assert peaks[0].startswith("  tree peak 1,100 MB at 1.0 s, batch 0 parse +0.0 s")
    assert any("bounded worker" in p and "800 MB" in p and "batch 0 parse" in p for p in peaks)
    assert any(
        p.split()[0] == "run" and "900 MB" in p and "batch 0 load +0.0 s" in p for p in peaks
    )


def test_cpu_per_role_sums_each_process_last_sample() -> None:
    timeline = Timeline()
    timeline.add(
        0.0, "crawl", [ProcessSample(1, "run", 1, 1.0), ProcessSample(2, "loader", 1, 0.5)]
    )
    timeline.add(
        1.0,
        "batch 0 parse",
        [
            ProcessSample(1, "run", 1, 2.5),
            ProcessSample(3, "bounded worker", 1, 0.75),
            ProcessSample(4, "bounded worker", 1, 0.25),
        ],
    )  # the loader (2) ended after its first sample: it keeps what it had used by then
    assert timeline.cpu_by_role() == {"run": 2.5, "loader": 0.5, "bounded worker": 1.0}
    assert any(
        line.startswith("  CPU seconds by role") and "4.0 in all" in line
        for line in timeline.peaks()
    )


def test_a_real_tree_is_sampled_with_its_stages(tmp_path: Path) -> None:
    script = (
        "import subprocess, sys, time\n"
        "print('stage: one', flush=True); time.sleep(1.0)\n"
        "child = subprocess.Popen(['sleep', '2'])\n"
        "print('stage: two', flush=True); time.sleep(1.5); child.wait()\n"
    )
    seconds, timeline, code = run_measured([sys.executable, "-c", script], tmp_path / "x.log")
    assert code == 0 and seconds >= 2.5
    stages = [stage for _, stage, _ in timeline.samples]
    assert "one" in stages and "two" in stages
    roles = {p.role for _, stage, ps in timeline.samples if stage == "two" for p in ps}
    assert roles == {"run", "other: sleep"}
    timeline.write_csv(tmp_path / "x.csv")
    header, *rows = (tmp_path / "x.csv").read_text().splitlines()
    assert header == "seconds,stage,pid,role,rss_kb" and len(rows) >= len(timeline.samples)


ARENAS_SCRIPT = """
import ctypes, sys, tempfile, threading
if sys.argv[1] == "import":
    import fazhi  # noqa: F401  (what every fazhi process does first)
libc = ctypes.CDLL(None)
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, (ctypes.c_char_p, ctypes.c_char_p)
libc.fclose.argtypes = (ctypes.c_void_p,)
libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
together = threading.Barrier(12)
def allocate():
    together.wait()  # every thread allocating at once: glibc gives each its own arena
    for _ in range(2000):
        libc.free(libc.malloc(4096))
threads = [threading.Thread(target=allocate) for _ in range(12)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with tempfile.NamedTemporaryFile() as out:
    stream = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(open(out.name).read().count("<heap nr="))
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc arenas are glibc's",
)
@pytest.mark.parametrize(
    ("how", "arena_env", "expected"),
    [
        pytest.param("import", None, lambda n: n == 1, id="importing fazhi: one arena"),
        pytest.param(
            "plain", None, lambda n: n > 1, id="without fazhi: one per thread (the test can fail)"
        ),
        pytest.param("import", "3", lambda n: n == 3, id="MALLOC_ARENA_MAX set: it decides"),
    ],
)
def test_a_fazhi_process_keeps_to_one_malloc_arena(
    how: str, arena_env: str | None, expected: Callable[[int], bool]
) -> None:
    """Threads that each get an arena keep what they free (each batch's DuckDB threads grew the
    run process ~4.6 MB per load); one arena shrinks (fazhi.memory)."""
    env = {k: v for k, v in os.environ.items() if k != ARENA_ENV}
    env |= {ARENA_ENV: arena_env} if arena_env else {}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", ARENAS_SCRIPT, how],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    arenas = int(done.stdout.strip())
    assert expected(arenas), arenas


FORKS_A_SLEEPER = """
import os, time
if os.fork() == 0:
    time.sleep(30)
    os._exit(0)
time.sleep(30)
"""


def test_a_child_sampled_before_its_exec_is_named_once_it_has_one() -> None:
    """A forked child still running its parent's command line is not taken for anything its
    command line says, nor remembered: the temporary Prefect server, sampled between its fork
    and its exec, was once named "other: python" for a whole run."""
    parent = subprocess.Popen([sys.executable, "-c", FORKS_A_SLEEPER])
    samples: list[ProcessSample] = []
    try:
        roles: dict[int, str] = {}
        deadline = time.monotonic() + 10
        while len(samples) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            samples = sample_tree(parent.pid, roles)
        assert [sample.role for sample in samples] == ["run", "forked child"]
        assert list(roles.values()) == ["run"], "the child's role is read again next time"
    finally:
        for sample in samples[1:]:
            os.kill(sample.pid, 9)
        parent.kill()
        parent.wait()
