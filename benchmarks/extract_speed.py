"""Extraction speed: documents per second per core on 10 KB reports.

Builds 10 KB texts from the five sample reports (each cut or repeated to 10 KB at a sentence
boundary), runs normalisation, number finding, fact selection, metadata and mentions
(``extract_document``) on one core, and prints the best of several rounds, since other work on
the machine only ever slows a round down.

The machine's speed swings from run to run, so the figure to compare across commits is the ratio
to a bare keyword scan measured in the same run: one regular expression of every literal keyword
of the catalogue's phrasings (``catalog.csv``), run over the same texts. That scan is the floor
any extractor that reads the words must pay.

A second reference, printed in the same run: the Aho–Corasick scan of every rule's keywords
(``fazhi.extract.scan``) that fact selection itself runs once per report before it reads any
number's window: the part of extraction that is already a scan.

When the extraction modules are compiled (``make compile``: mypyc builds of the same files, see
``fazhi.extract``), the Python files and the compiled modules are measured side by side: each
variant runs in its own process (``FAZHI_PURE_PYTHON=1`` for the Python files), the two taking
turns, and each round is timed in the process's CPU seconds, which other work on the machine
disturbs less than the wall clock.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from fazhi.config import PACKAGE_DATA
from fazhi.extract import COMPILED, PURE_PYTHON_VARIABLE
from fazhi.extract.document import extract_document
from fazhi.extract.facts import load_rulebook
from fazhi.extract.normalize import normalise

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "eval" / "docs"
TARGET_BYTES = 10 * 1024
ROUNDS = 7
TURNS = 3  # with both variants: each runs this many times, in turn, ROUNDS rounds each time


def ten_kb_texts() -> list[str]:
    """The sample reports, each cut (or repeated) to about 10 KB of UTF-8."""
    texts = []
    for path in sorted(DOCS.glob("*.txt")):
        text = path.read_text("utf-8")
        while len(text.encode()) < TARGET_BYTES:
            text += "\n" + text
        cut = text.encode()[:TARGET_BYTES].decode("utf-8", "ignore")
        texts.append(cut[: cut.rfind("。") + 1])
    return texts


def keyword_scanner() -> re.Pattern[str]:
    """Every literal keyword of the catalogue's phrasings ("行政复议申请N件" → 行政复议申请)."""
    words: set[str] = set()
    with (PACKAGE_DATA / "catalog.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for phrasing in row["phrasings"].split("|"):
                words.update(w for w in re.split(r"[NＮ（）()“”]+", phrasing) if len(w) >= 2)
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def best_seconds_per_scan(texts: list[str]) -> float:
    """Best of ``ROUNDS`` rounds: seconds for a bare keyword scan of one document."""
    scanner = keyword_scanner()
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for text in texts * 20:
            _ = sum(1 for _ in scanner.finditer(text))
        best = min(best, (time.process_time() - started) / (len(texts) * 20))
    return best


def best_seconds_per_automaton_scan(texts: list[str]) -> float:
    """Best of ``ROUNDS`` rounds: seconds for the automaton scan of one (normalised) document."""
    scanner = load_rulebook().scanner
    normalised = [normalise(text).text for text in texts]
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for text in normalised * 20:
            _ = scanner.scan(text)
        best = min(best, (time.process_time() - started) / (len(texts) * 20))
    return best


def best_seconds_per_document(texts: list[str], with_mentions: bool) -> float:
    """Best of ``ROUNDS`` rounds: seconds to extract one document."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for text in texts * 20:
            document = extract_document(text)
            if with_mentions:
                _ = document.mentions
        best = min(best, (time.process_time() - started) / (len(texts) * 20))
    return best


def measure() -> dict[str, float]:
    """Seconds per report of this process's variant: both references and both extractions."""
    texts = ten_kb_texts()
    for text in texts:
        _ = extract_document(text).mentions  # warm caches: rules, division names, tables
    return {
        "size_kb": sum(len(t.encode()) for t in texts) / len(texts) / 1024,
        "scan": best_seconds_per_scan(texts),
        "automaton": best_seconds_per_automaton_scan(texts),
        "extract": best_seconds_per_document(texts, False),
        "pipeline": best_seconds_per_document(texts, True),
    }


def measure_in_turn() -> dict[str, dict[str, float]]:
    """Each variant's best figures over ``TURNS`` processes of each, the variants in turn."""
    best: dict[str, dict[str, float]] = {}
    for _ in range(TURNS):
        for variant in ("Python files", "compiled"):
            pure = "1" if variant == "Python files" else ""
            figures = json.loads(
                subprocess.run(
                    [sys.executable, "-m", "benchmarks.extract_speed", "--figures"],
                    env={**os.environ, PURE_PYTHON_VARIABLE: pure},
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            mine = best.setdefault(variant, figures)
            for key, value in figures.items():
                mine[key] = min(mine[key], value)
    return best


def report(variant: str, figures: dict[str, float], rounds: int) -> None:
    scan, automaton, size = figures["scan"], figures["automaton"], figures["size_kb"]
    print(f"[{variant}]")
    print(
        f"bare keyword scan (reference): {scan * 1000:.3f} ms per {size:.1f} KB report "
        f"(best of {rounds} rounds)"
    )
    print(
        f"automaton scan of every rule's keywords (second reference): {automaton * 1000:.3f} ms "
        f"per report ({automaton / scan:.1f}× the bare keyword scan)"
    )
    for label, key in (
        ("metadata + facts (fazhi extract)", "extract"),
        ("metadata + facts + every mention (pipeline)", "pipeline"),
    ):
        best = figures[key]
        print(
            f"{label}: {1 / best:,.0f} documents/s per core on {size:.1f} KB reports "
            f"({best * 1000:.2f} ms each; {best / scan:.1f}× the bare keyword scan, "
            f"{best / automaton:.0f}× the automaton scan; "
            f"best of {rounds} rounds; target 1,000/s)"
        )


def main() -> None:
    if sys.argv[1:] == ["--figures"]:  # one variant's figures, for measure_in_turn
        print(json.dumps(measure()))
        return
    print(f"compiled: {'yes' if COMPILED else 'no (make compile builds it)'}")
    if not COMPILED:
        report("Python files", measure(), ROUNDS)
        return
    best = measure_in_turn()
    for variant, figures in best.items():
        report(variant, figures, ROUNDS * TURNS)
    pure, compiled = best["Python files"], best["compiled"]
    print(
        f"compiled against the Python files: {pure['extract'] / compiled['extract']:.2f}× "
        f"(fazhi extract), {pure['pipeline'] / compiled['pipeline']:.2f}× (pipeline)"
    )


if __name__ == "__main__":
    main()
