"""Split the real labelled corpus into a development part and a sealed part.

Usage: python tools/split_real.py ../shared/real > eval/real/split.csv

The split is by locality, so a locality's reports (and any near-duplicate of them, such as one
report reposted on two sites) all fall on one side. A group's side is decided by a hash of its
smallest locality code, so a document added to the corpus later falls on the side its locality
already has, and a new locality falls where its hash says, without anyone choosing. Groups are
taken in hash order into the sealed part until it holds at least SEALED_SHARE of the documents.

Only the gold ``documents.csv`` (codes) and a character-shingle comparison of the texts are read:
the script prints no text, so running it reveals nothing of the sealed part.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

SEALED_SHARE = 0.32
NEAR_DUPLICATE = 0.5  # Jaccard similarity of character 8-gram sets
SALT = "fazhi-real-split-v1"


def shingles(text: str, size: int = 8) -> set[str]:
    body = "".join(text.split())
    return {body[i : i + size] for i in range(max(len(body) - size + 1, 0))}


def read_text(path: Path) -> str:
    lines = path.read_text("utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("# "))


def groups_of(real: Path) -> list[list[str]]:
    """Documents grouped by locality code, joined where texts are near-duplicates."""
    with (real / "gold" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    parent = {row["doc"]: row["doc"] for row in rows}

    def find(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    by_code: dict[str, str] = {}
    for row in rows:
        code = row["locality_code"].strip()
        if code in by_code:
            union(row["doc"], by_code[code])
        by_code.setdefault(code, row["doc"])
    sets = {row["doc"]: shingles(read_text(real / "docs" / row["doc"])) for row in rows}
    names = sorted(sets)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            inter = len(sets[a] & sets[b])
            smaller = min(len(sets[a]), len(sets[b])) or 1
            if inter / smaller >= NEAR_DUPLICATE:
                union(a, b)
    code_of = {row["doc"]: row["locality_code"].strip() for row in rows}
    grouped: dict[str, list[str]] = {}
    for doc in names:
        grouped.setdefault(find(doc), []).append(doc)
    return sorted(grouped.values(), key=lambda docs: _rank(min(code_of[d] for d in docs)))


def _rank(code: str) -> str:
    return hashlib.sha256(f"{SALT}:{code}".encode()).hexdigest()


def split(real: Path) -> dict[str, str]:
    groups = groups_of(real)
    total = sum(len(g) for g in groups)
    sides: dict[str, str] = {}
    sealed = 0
    for group in groups:
        side = "sealed" if sealed < SEALED_SHARE * total else "dev"
        sealed += len(group) if side == "sealed" else 0
        for doc in group:
            sides[doc] = side
    return sides


def main() -> None:
    real = Path(sys.argv[1])
    sides = split(real)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["doc", "part"])
    for doc in sorted(sides):
        writer.writerow([doc, sides[doc]])
    sealed = sum(1 for s in sides.values() if s == "sealed")
    print(f"{sealed} of {len(sides)} documents sealed", file=sys.stderr)


if __name__ == "__main__":
    main()
