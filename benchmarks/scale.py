"""Benchmark: the whole pipeline end to end on a generated corpus, with and without Prefect.

Serves ``--reports`` generated ~10 KB reports in ``--sources`` TRS columns on ``--hosts`` loopback
hosts (``benchmarks/corpus.py``, delay 0; by default one host per column, as real columns are; the
old single host with ``--hosts 1``) and runs crawl → parse → extract → gate → load twice, each in a
fresh data directory and its own process:
- **prefect**: ``python -m fazhi run --sources FILE --data-dir DIR``, exactly what users run (the
  flow of ``flows/pipeline.py`` against Prefect's temporary local API);
- **bare**: the same package functions in the same order (crawl by host, then parse, extract,
  gate and load batch by batch with ``fazhi.batches``), with no Prefect at all.
It prints, side by side: seconds, documents/s, the peak RSS of the whole process tree (the
process and every descendant, e.g. Prefect's API server, sampled from /proc every 0.2 s), facts
loaded, and Prefect's overhead as a ratio of the two times; for the bare run the crawl's own
seconds; for each run what the servers saw of the crawler's politeness (requests in flight per
host, columns of one host crawled at the same time: there must be none). ``--only crawl`` runs
the bare run's crawl and nothing else.

The sampler keeps a timeline: per sample, each process's RSS and its role (``role_of``: the run
process, the parsers' fork server, the bounded workers it forked, Prefect's server, the
resource tracker) and the stage the run was in (the bare run prints a ``stage:`` line as each
starts: crawl, batch N parse / extract / gate / load, run record, headline, dashboard, Data Docs;
under Prefect a task run's last line marks the next stage). It prints each role's peak and the
whole tree's with the stage and the seconds into it; with ``--keep`` it writes the timeline as
``<mode>-memory.csv`` beside the run's log (seconds, stage, pid, role, rss_kb).
Issue 16's aim for 100,000 reports: under 15 minutes, under 1.5 GB, Prefect adding at most 15 %.

Figures (1,000 and 10,000 reports, before and after the work of issue 16): README, *Scale*.

Run: ``.venv/bin/python -m benchmarks.scale --reports 1000 --sources 20 [--hosts 1] [--only bare]``
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.proc import cpu_s, self_cpu_s

if TYPE_CHECKING:  # annotations only (see below)
    from fazhi.config import Settings
    from fazhi.streaming import BatchFeed

# Imports that load polars or DuckDB stay inside functions: the parsing workers of the bare run
# import this module again (multiprocessing does so with a main module that is not a package's
# __main__), and with polars, pyarrow and DuckDB mapped a worker's address space reached
# 1,008 MB of its 1,024 MB limit before its first document, so pages failed "memory exhausted"
# or "Can't parse HTML" at random (365 MB with the imports inside functions).
REPO = Path(__file__).resolve().parent.parent
SAMPLE_S = 0.2
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True, slots=True)
class Measured:
    mode: str
    seconds: float
    peak_rss_mb: float
    documents: int
    facts: int
    exit_code: int
    crawl_seconds: float | None = None
    politeness: str = ""
    server_cpu_seconds: float = 0.0
    peaks: tuple[str, ...] = ()


# --- the process tree's memory, from /proc ----------------------------------------------------
def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            found.extend(int(c) for c in text.split())
    return found


def _rss_kb(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:  # the process ended between listing and reading
        return 0
    return int(fields[1]) * PAGE_KB


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline")
            .read_bytes()
            .replace(b"\0", b" ")
            .decode("utf-8", "replace")
        )
    except OSError:
        return ""


SPAWNED = "spawned child"
FORKED = "forked child"  # a child sampled between its fork and its exec: named at a later sample


def role_of(cmdline: str, parent_role: str | None, name: str = "") -> str:
    """What a process of the tree is, from its command line, its parent's role and its name
    (``/proc/PID/comm``: the project's spawned children name themselves ``fazhi-<role>``)."""
    if parent_role is None:
        return "run"
    if name.startswith("fazhi-"):
        return name.removeprefix("fazhi-")
    if "multiprocessing.forkserver" in cmdline:
        # the server and every worker it forks share its command line
        return "fork server" if parent_role != "fork server" else "bounded worker"
    if parent_role == "fork server":
        return "bounded worker"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    if "multiprocessing.spawn" in cmdline:
        return SPAWNED  # not named yet: named once its initializer ran
    if "prefect" in cmdline and ("server" in cmdline or "uvicorn" in cmdline):
        return "prefect server"
    words = cmdline.split()
    return f"other: {Path(words[0]).name if words else '?'}"


@dataclass(frozen=True, slots=True)
class ProcessSample:
    pid: int
    role: str
    rss_kb: int
    cpu_s: float = 0.0


def sample_tree(root: int, roles: dict[int, str] | None = None) -> list[ProcessSample]:
    """RSS of ``root`` and all its descendants, each with its role (cached per pid in ``roles``:
    a pid's command line is read once)."""
    known = {} if roles is None else roles
    found: list[ProcessSample] = []
    queue: list[tuple[int, str | None, str | None]] = [(root, None, None)]
    while queue:
        pid, parent_role, parent_cmdline = queue.pop()
        cmdline = _cmdline(pid)
        role = known.get(pid)
        if role is None:
            role = role_of(cmdline, parent_role, _name(pid))
            if cmdline == parent_cmdline and "multiprocessing.forkserver" not in cmdline:
                role = FORKED  # forked, not yet exec'd: its own command line comes next
            if role not in (SPAWNED, FORKED):
                known[pid] = role
        found.append(ProcessSample(pid, role, _rss_kb(pid), cpu_s(pid)))
        queue.extend((child, role, cmdline) for child in _children(pid))
    return found


def tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KB."""
    return sum(p.rss_kb for p in sample_tree(root))


# Lines of a run's log that start a stage: the bare run's own ("stage: batch 3 load"), and
# Prefect's task runs finishing (the next stage starts then).
STAGE_LINE = re.compile(
    r"^(?:stage: (?P<bare>.+)|.*Task run '(?P<task>[a-z-]+)-[0-9a-f]+' - (?P<what>.{0,40}))$"
)


def stage_of(line: str) -> str | None:
    """The stage a log line starts, or None when it starts none."""
    found = STAGE_LINE.match(line.rstrip())
    if found is None:
        return None
    if found.group("bare"):
        return found.group("bare")
    batch = re.match(r"batch (\d+)", found.group("what") or "")
    return f"after {found.group('task')}" + (f" {batch.group(1)}" if batch else "")


@dataclass(slots=True)
class Timeline:
    """Every sample of a run: seconds since its start, the stage it was in, each process's RSS."""

    samples: list[tuple[float, str, list[ProcessSample]]] = field(default_factory=list)
    stage_starts: dict[str, float] = field(default_factory=dict)

    def add(self, seconds: float, stage: str, processes: list[ProcessSample]) -> None:
        self.stage_starts.setdefault(stage, seconds)
        self.samples.append((seconds, stage, processes))

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds per role: each process's last sample (what it used until then), summed."""
        last: dict[int, tuple[str, float]] = {}
        for _, _, processes in self.samples:
            for p in processes:
                last[p.pid] = (p.role, max(p.cpu_s, last.get(p.pid, ("", 0.0))[1]))
        roles: dict[str, float] = {}
        for role, cpu in last.values():
            roles[role] = roles.get(role, 0.0) + cpu
        return roles

    def totals_kb(self) -> list[int]:
        return [sum(p.rss_kb for p in processes) for _, _, processes in self.samples]

    def peak_kb(self) -> int:
        return max(self.totals_kb(), default=0)

    def by_role(self) -> list[tuple[float, str, dict[str, int]]]:
        """Per sample, the RSS summed over the processes of each role."""
        rows = []
        for seconds, stage, processes in self.samples:
            roles: dict[str, int] = {}
            for p in processes:
                roles[p.role] = roles.get(p.role, 0) + p.rss_kb
            rows.append((seconds, stage, roles))
        return rows

    def write_csv(self, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["seconds", "stage", "pid", "role", "rss_kb"])
            for seconds, stage, processes in self.samples:
                for p in processes:
                    writer.writerow([f"{seconds:.2f}", stage, p.pid, p.role, p.rss_kb])

    def peaks(self) -> list[str]:
        """Each role's peak (and the whole tree's) with when it happened: the stage and the
        seconds since that stage started."""
        lines: list[str] = []
        rows = self.by_role()
        if not rows:
            return lines
        totals = self.totals_kb()
        at = max(range(len(rows)), key=totals.__getitem__)
        seconds, stage, roles = rows[at]
        parts = ", ".join(f"{r} {kb / 1024:.0f}" for r, kb in sorted(roles.items()))
        lines.append(
            f"  tree peak {totals[at] / 1024:,.0f} MB at {seconds:.1f} s, "
            f"{self._when(seconds, stage)} ({parts})"
        )
        cpu = sorted(self.cpu_by_role().items(), key=lambda item: -item[1])
        lines.append(
            f"  CPU seconds by role (to each process's last sample), {sum(c for _, c in cpu):.1f} "
            "in all: " + ", ".join(f"{role} {seconds:.1f}" for role, seconds in cpu)
        )
        for role in sorted({r for _, _, roles in rows for r in roles}):
            at = max(range(len(rows)), key=lambda i: rows[i][2].get(role, 0))
            seconds, stage, roles = rows[at]
            lines.append(
                f"  {role:<17} peak {roles[role] / 1024:>7,.0f} MB at {seconds:7.1f} s, "
                f"{self._when(seconds, stage)}"
            )
        return lines

    def _when(self, seconds: float, stage: str) -> str:
        return f"{stage} +{seconds - self.stage_starts.get(stage, seconds):.1f} s"


def run_measured(command: list[str], log: Path) -> tuple[float, Timeline, int]:
    """(seconds, the tree's memory timeline, exit code) of ``command``."""
    timeline, roles, stage, unread = Timeline(), {}, "start", b""
    started = time.perf_counter()
    with log.open("wb") as out, log.open("rb") as reading:
        process = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            unread += reading.read()
            *lines, unread = unread.split(b"\n")
            for line in lines:
                stage = stage_of(line.decode("utf-8", "replace")) or stage
            timeline.add(time.perf_counter() - started, stage, sample_tree(process.pid, roles))
            time.sleep(SAMPLE_S)
    return time.perf_counter() - started, timeline, process.returncode


# --- the bare run: the stages of flows/pipeline.py without Prefect -----------------------------
def run_bare(sources_file: Path, data_dir: Path, crawl_only: bool = False) -> None:
    """Crawl, then parse, extract, gate and load batch by batch and report, as ``run_pipeline``
    does, with no Prefect; prints the crawl's seconds (``CRAWL_LINE``)."""
    from fazhi import batches
    from fazhi.config import load_settings
    from fazhi.lake import new_run_id
    from fazhi.loader import LoaderProcess, build_dashboard_bounded
    from fazhi.memory import release_memory
    from fazhi.parse.pool import start_worker_server
    from fazhi.report.summary import read_headline, render, summarise_batches
    from fazhi.warehouse.load import record_run

    settings = load_settings(data_dir=data_dir)
    run_id, started_at = new_run_id(), datetime.now(UTC)
    start_worker_server()  # as run_pipeline does: the parsers' fork server warms up meanwhile
    if crawl_only:
        _crawl_only(sources_file, settings, run_id)
        return
    feed = _crawling(sources_file, settings, run_id)
    release_memory()  # as process_batches does
    stage_seconds: dict[str, list[float]] = {"parse": [], "extract": [], "gate": [], "load": []}

    preparing = batches.preparing_settings(settings)

    def prepare(batch: int) -> None:  # in the prepare thread, while the batch before it loads
        with _timed(stage_seconds["parse"], f"batch {batch} parse"):
            batches.parse_batch(preparing, run_id, batch)
        with _timed(stage_seconds["extract"], f"batch {batch} extract"):
            batches.extract_batch(preparing, run_id, batch)

    def finish(batch: int, before: Sequence[batches.BatchOutcome]) -> batches.BatchOutcome:
        with _timed(stage_seconds["gate"], f"batch {batch} gate"):
            loader.gate(settings, run_id, batch)
        so_far = summarise_batches(run_id, feed.outcome(), before)
        with _timed(stage_seconds["load"], f"batch {batch} load"):
            return loader.load(
                settings,
                run_id,
                batch,
                started_at=started_at,
                status=so_far.status,
                counts=so_far.counts(),
            )

    def start(batch: int) -> Future[None]:
        loader.start()  # as process_batches does, at the first batch
        return ahead.submit(prepare, batch)

    loader = LoaderProcess(settings.loader_recycle_batches)
    with ThreadPoolExecutor(1, thread_name_prefix="prepare") as ahead:
        outcomes = batches.pipelined(
            feed, start, finish, ahead=batches.batches_ahead(settings), ready=feed.ready
        )
    crawl = feed.outcome()
    print(
        "per batch, seconds (first, then the others' range): "
        + "; ".join(f"{stage} {_spread(times)}" for stage, times in stage_seconds.items()),
        flush=True,
    )
    before = summarise_batches(run_id, crawl, outcomes)
    _stage("run record")
    loader.release_warehouse()
    record_run(
        settings,
        run_id=run_id,
        started_at=started_at,
        status=before.status,
        counts=before.counts(),
    )
    _stage("headline")
    headline = read_headline(settings)
    _stage("Data Docs")
    docs = loader.call(batches.data_docs, settings, run_id, outcomes)
    loader.close()
    _stage("dashboard")
    dashboard = build_dashboard_bounded(settings)
    _stage("summary")
    render(
        summarise_batches(
            run_id, crawl, outcomes, headline=headline, dashboard=dashboard, data_docs=docs
        )
    )
    _stage("end")


def _crawling(sources_file: Path, settings: Settings, run_id: str) -> BatchFeed:
    """The run's batches as the crawl plans them, host by host, in a thread of their own (as
    ``flows.crawling.crawling`` plans them); prints the crawl's seconds (``CRAWL_LINE``) and
    this process's CPU seconds until then (the batches' share of it included)."""
    from fazhi.crawl.hosts import crawl_hosts_as_done
    from fazhi.crawl.sources import load_sources
    from fazhi.memory import release_memory
    from fazhi.streaming import BatchFeed, BatchPlanner, consume_in_thread, recovered_rows

    recovered = recovered_rows(settings)  # as run_pipeline reads it, before anything loads
    planner = BatchPlanner(settings, run_id)
    _stage("crawl")
    crawl_started, cpu_started = time.perf_counter(), self_cpu_s()
    feed = BatchFeed()

    def crawl_ended() -> None:
        crawl = feed.outcome()
        print(
            f"crawl: {time.perf_counter() - crawl_started:.2f} s, {crawl.documents_new} "
            f"documents, {self_cpu_s() - cpu_started:.2f} s of CPU in this process",
            flush=True,
        )
        release_memory()

    hosts = crawl_hosts_as_done(load_sources(sources_file), settings, run_id)
    during = settings.stream_batches
    consume_in_thread(feed, planner, hosts, recovered, after=crawl_ended, during_crawl=during)
    return feed


def _crawl_only(sources_file: Path, settings: Settings, run_id: str) -> None:
    """The crawl alone, host by host as above, its rows counted and dropped."""
    from fazhi.crawl import store
    from fazhi.crawl.hosts import crawl_hosts_as_done
    from fazhi.crawl.sources import load_sources
    from fazhi.parse import stage as parse_stage

    _stage("crawl")
    crawl_started, cpu_started = time.perf_counter(), self_cpu_s()
    documents = sum(
        parse_stage.select_document_rows(store.combine_manifests(manifests)).height
        for manifests in crawl_hosts_as_done(load_sources(sources_file), settings, run_id)
    )
    print(
        f"crawl: {time.perf_counter() - crawl_started:.2f} s, {documents} documents, "
        f"{self_cpu_s() - cpu_started:.2f} s of CPU in this process",
        flush=True,
    )


def _stage(name: str) -> None:
    """A stage line for the sampler (``STAGE_LINE``): the samples after it belong to ``name``."""
    print(f"stage: {name}", flush=True)


@contextlib.contextmanager
def _timed(into: list[float], stage: str) -> Iterator[None]:
    _stage(stage)
    started = time.perf_counter()
    yield
    into.append(time.perf_counter() - started)


def _spread(times: list[float]) -> str:
    if len(times) < 2:
        return " ".join(f"{t:.2f}" for t in times)
    return f"{times[0]:.2f}, {min(times[1:]):.2f}–{max(times[1:]):.2f}"


CRAWL_LINE = re.compile(r"^crawl: ([\d.]+) s", re.MULTILINE)


# --- the comparison ---------------------------------------------------------------------------
def loaded_counts(data_dir: Path) -> tuple[int, int]:
    """(documents, facts) in the warehouse of ``data_dir``."""
    import duckdb

    path = data_dir / "fazhi.duckdb"
    if not path.is_file():
        return 0, 0
    with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
        documents = con.sql("select count(*) from dim_document").fetchone()
        facts = con.sql("select count(*) from fact_indicator").fetchone()
    return (documents[0] if documents else 0), (facts[0] if facts else 0)


def measure(
    mode: str, site: dict[str, bytes], served: Served, root: Path, keep: bool = False
) -> Measured:
    """One run of ``mode`` against the corpus served afresh, so its request log is its own;
    with ``keep``, its memory timeline beside its log (``<mode>-memory.csv``)."""
    from benchmarks.corpus import RequestLog, serve_hosts, sources_toml

    data_dir, log, cpu_started = root / mode, RequestLog(), self_cpu_s()
    with serve_hosts(site, served.hosts, served.distinct_addresses, log) as bases:
        sources_file = root / f"sources-{mode}.toml"
        sources_file.write_text(sources_toml(bases, served.sources), "utf-8")
        if mode == "prefect":
            command = [sys.executable, "-m", "fazhi", "run", "--sources", str(sources_file)]
        else:
            command = [sys.executable, "-m", "benchmarks.scale", "--bare", str(sources_file)]
            command += ["--crawl-only"] if mode == "crawl" else []
        command += ["--data-dir", str(data_dir)]
        seconds, timeline, code = run_measured(command, root / f"{mode}.log")
    if keep:
        timeline.write_csv(root / f"{mode}-memory.csv")
    documents, facts = loaded_counts(data_dir)
    crawled = CRAWL_LINE.search((root / f"{mode}.log").read_text("utf-8", "replace"))
    crawl_seconds = float(crawled.group(1)) if crawled else None
    server_cpu = self_cpu_s() - cpu_started  # the corpus's servers, and sampling the RSS
    politeness = log.politeness()
    return Measured(
        mode,
        seconds,
        timeline.peak_kb() / 1024,
        documents,
        facts,
        code,
        crawl_seconds,
        politeness,
        server_cpu,
        tuple(timeline.peaks()),
    )


@dataclass(frozen=True, slots=True)
class Served:
    """How the corpus is served: its columns, on how many hosts, on addresses or on ports."""

    sources: int
    hosts: int
    distinct_addresses: bool

    def describe(self) -> str:
        where = "127.0.0.x addresses" if self.distinct_addresses else "ports of 127.0.0.1"
        return f"{self.sources} sources on {self.hosts} loopback hosts ({where})"


def report(results: list[Measured], reports: int, served: Served) -> None:
    print(f"{reports} generated reports in {served.describe()}, delay 0")
    print(
        f"{'':<10}{'seconds':>10}{'docs/s':>10}{'peak RSS MB':>14}{'documents':>11}{'facts':>9}"
        f"{'crawl s':>9}"
    )
    for r in results:
        rate = r.documents / r.seconds if r.seconds else 0.0
        crawl = f"{r.crawl_seconds:>9.1f}" if r.crawl_seconds is not None else f"{'':>9}"
        print(
            f"{r.mode:<10}{r.seconds:>10.1f}{rate:>10.1f}{r.peak_rss_mb:>14.0f}"
            f"{r.documents:>11}{r.facts:>9}{crawl}"
            + (f"  (exit {r.exit_code})" if r.exit_code else "")
        )
    for r in results:
        print(f"{r.mode}: {r.politeness}; {r.server_cpu_seconds:.1f} s of CPU serving")
    for r in results:
        print(f"{r.mode}: peak RSS per role (MB), when (stage + seconds into it):")
        print("\n".join(r.peaks))
    timed = {r.mode: r.seconds for r in results}
    if timed.get("bare") and timed.get("prefect"):
        overhead = timed["prefect"] / timed["bare"] - 1
        ratio = timed["prefect"] / timed["bare"]
        print(f"Prefect overhead: {ratio:.2f}× ({overhead:+.0%}; at most +15 %, aim +10 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=None, help="default: one per source")
    parser.add_argument(
        "--ports", action="store_true", help="hosts on ports of 127.0.0.1, not 127.0.0.x"
    )
    parser.add_argument("--only", choices=["prefect", "bare", "crawl"], default=None)
    parser.add_argument("--keep", type=Path, default=None, help="data directories here, kept")
    parser.add_argument("--bare", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--crawl-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args([] if __name__ != "__main__" else None)
    if args.bare is not None:  # the child process of the bare measurement
        run_bare(args.bare, args.data_dir, crawl_only=args.crawl_only)
        return
    from benchmarks.corpus import build_corpus, default_hosts

    modes = [args.only] if args.only else ["bare", "prefect"]
    served = Served(args.sources, args.hosts or default_hosts(args.sources), not args.ports)
    site = build_corpus(args.reports, args.sources)
    with _root(args.keep) as root:
        results = [measure(mode, site, served, root, args.keep is not None) for mode in modes]
    report(results, args.reports, served)


@contextlib.contextmanager
def _root(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="fazhi-scale-") as tmp:
        yield Path(tmp)


if __name__ == "__main__":
    main()
