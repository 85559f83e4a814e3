"""Score the extractor on the passages of a round by forms (eval/forms/*.tsv).

Usage: python tools/score_forms.py eval/forms/round10.tsv [--batch 2]

Each row is a short passage written by the team in one form of statement, with every headline
figure it states labelled before the extractor was run on it (`expected`: `indicator=value`
pairs joined by `;`, a `?` before the value for a defensible reading that scores nothing either
way, empty when the passage states none). Scored as `eval/gold/README.md` scores documents; every
miss and false figure is printed with its form and passage.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from fazhi.extract.document import extract_document

RELATIVE_TOLERANCE = 0.005


def expected_of(cell: str) -> dict[str, tuple[float, bool]]:
    """``aid_cases=12;pub_events=?3`` → {indicator: (value, required)}."""
    found = {}
    for pair in filter(None, cell.split(";")):
        indicator, value = pair.split("=")
        found[indicator] = (float(value.lstrip("?")), not value.startswith("?"))
    return found


def same(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(b), 1e-9)


def score(path: Path, batch: str | None) -> tuple[int, int, int, list[str]]:
    """True positives, false positives, false negatives and one line per finding."""
    tp = fp = fn = 0
    lines: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if batch is not None and row["batch"] != batch:
                continue
            text = row["text"].replace("\\n", "\n").replace("\\t", "\t")
            got = {f.indicator: f.value for f in extract_document(text).facts}
            for indicator, (value, required) in expected_of(row["expected"]).items():
                if indicator in got and same(got[indicator], value):
                    tp += required
                    continue
                if indicator in got:
                    fp += 1
                    lines.append(f"{n} {row['form']} FP {indicator} {got[indicator]} | {text}")
                if required:
                    fn += 1
                    lines.append(f"{n} {row['form']} FN {indicator} {value} | {text}")
            for indicator in got.keys() - expected_of(row["expected"]).keys():
                fp += 1
                lines.append(f"{n} {row['form']} FP {indicator} {got[indicator]} | {text}")
    return tp, fp, fn, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", type=Path)
    parser.add_argument("--batch", default=None)
    args = parser.parse_args()
    tp, fp, fn, lines = score(args.table, args.batch)
    print("\n".join(lines))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"P {precision:.3f}  R {recall:.3f}  (TP {tp}, FP {fp}, FN {fn})")


if __name__ == "__main__":
    main()
