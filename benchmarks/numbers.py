"""Benchmark: text normalisation and quantity finding on 10 KB reports.

Builds ``--reports`` texts of ``--kb`` KB of UTF-8 each from the sample reports in eval/docs
(their text cut and rotated so no two are alike), then prints, per report and per second, the
CPU time of :func:`fazhi.extract.normalize.normalise`, of
:func:`fazhi.extract.numbers.find_quantities` on its output, and of both together. CPU time
(``time.process_time``), best of ``--repeat`` rounds, because the machine is shared.

Run: ``.venv/bin/python -m benchmarks.numbers [--reports 200 --kb 10 --repeat 5]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from fazhi.extract.normalize import normalise
from fazhi.extract.numbers import find_quantities

SAMPLE_DOCS = Path(__file__).resolve().parents[1] / "eval" / "docs"


def build_reports(count: int, kilobytes: int) -> list[str]:
    """``count`` texts of about ``kilobytes`` KB of UTF-8, cut from the rotated sample corpus."""
    paths = sorted(SAMPLE_DOCS.glob("*.txt"))
    corpus = "\n\n".join(path.read_text(encoding="utf-8") for path in paths)
    chars = kilobytes * 1024 * len(corpus) // len(corpus.encode("utf-8"))
    step = max(1, len(corpus) // max(count, 1))
    reports = []
    for index in range(count):
        rotated = corpus[(index * step) % len(corpus) :] + "\n\n" + corpus
        reports.append(rotated[:chars])
    return reports


def best_seconds(work: Callable[[], object], repeat: int) -> float:
    """The smallest CPU time of ``repeat`` runs of ``work``."""
    timings = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--kb", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    reports = build_reports(args.reports, args.kb)
    normalised = [normalise(report).text for report in reports]
    quantities = sum(len(find_quantities(text)) for text in normalised)
    size = sum(len(report.encode("utf-8")) for report in reports) / len(reports) / 1024
    timings = {
        "normalise": best_seconds(lambda: [normalise(r) for r in reports], args.repeat),
        "find_quantities": best_seconds(
            lambda: [find_quantities(t) for t in normalised], args.repeat
        ),
        "both": best_seconds(
            lambda: [find_quantities(normalise(r).text) for r in reports], args.repeat
        ),
    }
    per_report = quantities / len(reports)
    print(f"{len(reports)} reports of {size:.1f} KB, {per_report:.0f} quantities each")
    for name, seconds in timings.items():
        per_report_ms = seconds / len(reports) * 1000
        rate = len(reports) / seconds
        print(f"{name:>16}: {per_report_ms:.3f} ms per report, {rate:,.0f} reports/s")


if __name__ == "__main__":
    main()
