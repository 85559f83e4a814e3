"""Replay a set's first score on its development part: every emitted fact with its rule, TP or FP.

Usage, in two steps:

    # 1. with an old tree's code (PYTHONPATH=/tmp/first-N puts its ``fazhi`` first on the path)
    cd /tmp/first-N && PYTHONPATH=/tmp/first-N python TOOLS/replay_first_scores.py dump \
        --gold G --docs D --split S.csv --part dev --label xN --out /tmp/replay/xN.jsonl
    # 2. with today's code: score every dumped fact against the gold, tabulate by indicator/rule
    python tools/replay_first_scores.py table /tmp/replay/*.jsonl --out /tmp/replay-scored.jsonl

The folders are those ``fazhi eval`` takes (``--gold``, ``--docs``, ``--split``). Step 1 writes
one JSON line per document of the part (its facts, each with the rule that chose it); step 2
scores each fact as ``fazhi eval`` does (TP: a required value; FP: neither a required nor an
optional one; an optional reading scores nothing) and counts the required values no fact gave
(FN). Only a part that may be read (``dev``) is replayed.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

FACT_KEYS = ("indicator", "value", "unit", "qualifier", "text", "start", "end", "sentence", "rule")


def dump(gold: Path, docs: Path, split: Path, part: str, label: str, out: Path) -> None:
    """Extract every document of ``part`` with the ``fazhi`` on the path; one line per document."""
    import fazhi
    from fazhi.extract import evaluate as ev
    from fazhi.extract.files import extract_file

    if part != "dev":
        raise SystemExit("only a development part may be replayed with its words")
    names = sorted(d for d, p in ev.read_split(split).items() if p == part)
    with out.open("w", encoding="utf-8") as handle:
        for name in names:
            facts = [{k: getattr(f, k) for k in FACT_KEYS} for f in extract_file(docs / name).facts]
            row = {"set": label, "gold": str(gold), "doc": name, "facts": facts}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{label}: {len(names)} documents with {fazhi.__file__}")


def score(lines: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each fact with its outcome (tp, fp, optional) and each missed required value (fn)."""
    from fazhi.extract import evaluate as ev

    gold_of: dict[str, dict[tuple[str, str], list[ev.GoldFact]]] = {}
    rows: list[dict[str, object]] = []
    for line in lines:
        gold_dir = str(line["gold"])
        if gold_dir not in gold_of:
            by_key: dict[tuple[str, str], list[ev.GoldFact]] = defaultdict(list)
            for g in ev.read_gold(Path(gold_dir))[1]:
                by_key[(g.doc, g.indicator)].append(g)
            gold_of[gold_dir] = by_key
        rows.extend(_document_outcomes(line, gold_of[gold_dir]))
    return rows


def _document_outcomes(line: dict[str, object], gold: dict) -> list[dict[str, object]]:
    from fazhi.extract.evaluate import same_value

    doc = str(line["doc"])
    facts = {f["indicator"]: f for f in line["facts"]}  # type: ignore[attr-defined]
    indicators = {i for d, i in gold if d == doc} | set(facts)
    out: list[dict[str, object]] = []
    for indicator in sorted(indicators):
        rows = gold.get((doc, indicator), [])
        required = [g for g in rows if g.required]
        fact = facts.get(indicator)
        base = {"set": line["set"], "doc": doc, "indicator": indicator}
        if fact is not None:
            if any(same_value(fact["value"], g.value) for g in required):
                outcome = "tp"
            elif not required and any(same_value(fact["value"], g.value) for g in rows):
                outcome = "optional"
            else:
                outcome = "fp"
            expected = " | ".join(f"{g.value:g}" for g in rows) or "(none)"
            out.append({**base, **fact, "outcome": outcome, "expected": expected})
        if required and (fact is None or out[-1]["outcome"] == "fp"):
            evidence = " | ".join(g.evidence for g in required)
            out.append({**base, "outcome": "fn", "rule": "", "evidence": evidence})
    return out


def table(paths: list[Path], out: Path | None) -> None:
    """Print precision per indicator and per rule kind of every dumped fact."""
    lines = [json.loads(t) for p in paths for t in p.read_text("utf-8").splitlines() if t]
    rows = score(lines)
    if out is not None:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    _print_counts("rule kind", rows, lambda r: str(r["rule"]).split(":", 1)[-1])
    _print_counts("indicator", rows, lambda r: str(r["indicator"]))


def _print_counts(title: str, rows: list[dict[str, object]], key) -> None:  # type: ignore[no-untyped-def]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        counts[key(r) if r["outcome"] != "fn" else f"({r['indicator']})"][str(r["outcome"])] += 1
    print(f"| {title} | emitted | TP | FP | optional | P |")
    print("|---|---|---|---|---|---|")
    for name, c in sorted(counts.items(), key=lambda kv: -(kv[1]["tp"] + kv[1]["fp"])):
        if name.startswith("("):
            continue
        scored = c["tp"] + c["fp"]
        p = f"{c['tp'] / scored:.2f}" if scored else "-"
        cells = (name, scored + c["optional"], c["tp"], c["fp"], c["optional"], p)
        print("| " + " | ".join(str(x) for x in cells) + " |")
    total = Counter(str(r["outcome"]) for r in rows)
    print(f"total: TP {total['tp']}, FP {total['fp']}, FN {total['fn']}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--gold", type=Path, required=True, help="folder with documents.csv, facts.csv")
    d.add_argument("--docs", type=Path, required=True)
    d.add_argument("--split", type=Path, required=True, help="CSV of doc,part")
    d.add_argument("--part", default="dev")
    d.add_argument("--label", required=True)
    d.add_argument("--out", type=Path, required=True)
    t = sub.add_parser("table")
    t.add_argument("dumps", nargs="+", type=Path)
    t.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.gold, args.docs, args.split, args.part, args.label, args.out)
    else:
        table(args.dumps, args.out)


if __name__ == "__main__":
    main()
