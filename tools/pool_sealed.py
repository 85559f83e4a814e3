"""Score the sealed parts of several labelled sets as one pool: totals and 95 % intervals only.

Usage: python tools/pool_sealed.py SET [SET ...] [--part sealed] [--history FILE --label NAME]

A SET is ``GOLD:DOCS:SPLIT`` (the gold folder, the documents folder and the split CSV) or a folder
laid out as ``DIR/gold``, ``DIR/docs`` and ``DIR/split.csv``. Each set's part is scored as
``fazhi eval --split --part --sealed`` scores it, then the counts are summed
(``fazhi.extract.evaluate.pooled``): one figure for every held-out document, with an interval a
single small set cannot give. Prints no words of any document.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from fazhi.config import load_settings
from fazhi.extract import evaluate as ev
from fazhi.extract.facts import RulePaths
from fazhi.extract.files import extract_file


def set_paths(spec: str) -> tuple[Path, Path, Path]:
    """(gold, docs, split) of ``GOLD:DOCS:SPLIT`` or of a folder holding the three."""
    if ":" in spec:
        gold, docs, split = spec.split(":")
        return Path(gold), Path(docs), Path(split)
    root = Path(spec)
    return root / "gold", root / "docs", root / "split.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="GOLD:DOCS:SPLIT or a folder with the three")
    parser.add_argument("--part", default="sealed")
    parser.add_argument("--history", type=Path, default=None)
    parser.add_argument("--label", default=None, help="default: pooled-PART")
    args = parser.parse_args()
    label = args.label or f"pooled-{args.part}"
    extract = partial(extract_file, rules=RulePaths.of(load_settings()))
    reports = []
    for spec in args.sets:
        gold, docs, split = set_paths(spec)
        only = frozenset(d for d, p in ev.read_split(split).items() if p == args.part)
        reports.append(ev.evaluate(gold, docs, extract, only=only))
    totals = ev.sealed_totals(ev.pooled(reports))
    print(ev.format_sealed_totals(totals, f"{label} ({len(reports)} sets)"))
    if args.history is not None:
        ev.append_history(args.history, totals, label)


if __name__ == "__main__":
    main()
