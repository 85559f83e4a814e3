"""Score the extractor against hand-labelled gold files (see eval/gold/README.md).

Reads ``documents.csv`` and ``facts.csv`` from a gold directory and the report files they name
from a documents directory; writes an :class:`EvalReport`: fact precision / recall / F1 overall
and per indicator, metadata accuracy per field, and every miss and false figure with its words.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fazhi.extract.document import ExtractedDocument

METADATA_FIELDS = (
    "locality_code", "locality_name", "province", "city",
    "report_year", "issuer", "doc_type", "published_on",
)  # fmt: skip
RELATIVE_TOLERANCE = 0.005
# Gold fields that are left unscored when blank: a text that does not name its issuer.
UNSCORED_WHEN_BLANK = frozenset({"issuer"})
# A township report whose text never names its county: its code and name cannot be known.
UNSCORED_WITHOUT_LOCALITY_IN_TEXT = frozenset({"locality_code", "locality_name"})
Z_95 = 1.959964


@dataclass(frozen=True, slots=True)
class GoldFact:
    doc: str
    indicator: str
    value: float
    qualifier: str
    required: bool
    evidence: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A miss (``fn``), a false figure (``fp``) or a wrong metadata field (``meta``)."""

    kind: str
    doc: str
    item: str
    expected: str
    got: str
    words: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    overall: Counts = field(default_factory=Counts)
    per_indicator: dict[str, Counts] = field(default_factory=dict)
    metadata_right: dict[str, int] = field(default_factory=dict)
    metadata_scored: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    findings: list[Finding] = field(default_factory=list)

    def metadata_accuracy(self) -> dict[str, float]:
        return {
            k: v / self.metadata_scored[k] if self.metadata_scored.get(k) else 1.0
            for k, v in self.metadata_right.items()
        }

    def scores(self) -> dict[str, object]:
        """The figures a baseline pins: overall fact scores and metadata accuracy."""
        return {
            "fact_precision": round(self.overall.precision, 4),
            "fact_recall": round(self.overall.recall, 4),
            "fact_f1": round(self.overall.f1, 4),
            "metadata_accuracy": {k: round(v, 4) for k, v in self.metadata_accuracy().items()},
        }


def read_gold(gold_dir: Path) -> tuple[dict[str, dict[str, str]], list[GoldFact]]:
    """Gold documents keyed by file name, and gold fact rows."""
    with (gold_dir / "documents.csv").open(encoding="utf-8", newline="") as handle:
        documents = {row["doc"]: row for row in csv.DictReader(handle)}
    with (gold_dir / "facts.csv").open(encoding="utf-8", newline="") as handle:
        facts = [
            GoldFact(
                doc=row["doc"],
                indicator=row["indicator"],
                value=float(row["value"]),
                qualifier=row["qualifier"],
                required=row["required"].strip().lower() == "yes",
                evidence=row["evidence"],
            )
            for row in csv.DictReader(handle)
        ]
    return documents, facts


def same_value(got: float, expected: float) -> bool:
    """Equal within the scoring tolerance (0.5 % relative)."""
    if expected == 0:
        return got == 0
    return abs(got - expected) <= RELATIVE_TOLERANCE * abs(expected)


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion (``(0, 1)`` when there are no trials)."""
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    z2 = Z_95 * Z_95
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = Z_95 * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def read_split(path: Path) -> dict[str, str]:
    """Document name → part (``dev`` or ``sealed``) from a split file (columns doc, part)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["doc"]: row["part"].strip() for row in csv.DictReader(handle)}


def evaluate(
    gold_dir: Path,
    docs_dir: Path,
    extract: Callable[[Path], ExtractedDocument],
    *,
    only: frozenset[str] | None = None,
) -> EvalReport:
    """Run ``extract`` on every gold document (or those named in ``only``) and score it."""
    documents, gold_facts = read_gold(gold_dir)
    if only is not None:
        documents = {doc: row for doc, row in documents.items() if doc in only}
    by_doc: dict[str, list[GoldFact]] = defaultdict(list)
    for gold in gold_facts:
        by_doc[gold.doc].append(gold)
    report = EvalReport(
        metadata_right=dict.fromkeys(METADATA_FIELDS, 0),
        metadata_scored=dict.fromkeys(METADATA_FIELDS, 0),
    )
    for doc, gold_meta in sorted(documents.items()):
        extracted = extract(docs_dir / doc)
        report.documents += 1
        _score_metadata(report, doc, gold_meta, extracted)
        _score_facts(report, doc, by_doc[doc], extracted)
    return report


def _as_text(value: object) -> str:
    return "" if value is None else str(value)


def _score_metadata(
    report: EvalReport, doc: str, gold: dict[str, str], extracted: ExtractedDocument
) -> None:
    for name in METADATA_FIELDS:
        if not _scored(name, gold):
            continue
        report.metadata_scored[name] += 1
        got = _as_text(getattr(extracted.metadata, name))
        if got == gold[name].strip():
            report.metadata_right[name] += 1
        else:
            report.findings.append(Finding("meta", doc, name, gold[name], got, ""))


def _scored(name: str, gold: dict[str, str]) -> bool:
    if name in UNSCORED_WHEN_BLANK and not gold[name].strip():
        return False
    in_text = (gold.get("locality_in_text") or "yes").strip().lower()
    return not (name in UNSCORED_WITHOUT_LOCALITY_IN_TEXT and in_text == "no")


def _score_facts(
    report: EvalReport, doc: str, gold: list[GoldFact], extracted: ExtractedDocument
) -> None:
    predicted = {f.indicator: f for f in extracted.facts}
    indicators = {g.indicator for g in gold} | set(predicted)
    for indicator in sorted(indicators):
        counts = report.per_indicator.setdefault(indicator, Counts())
        rows = [g for g in gold if g.indicator == indicator]
        required = [g for g in rows if g.required]
        fact = predicted.get(indicator)
        tp = fp = fn = 0
        if fact is None:
            fn = len(required)
        elif any(same_value(fact.value, g.value) for g in required):
            tp = 1
        elif not required and any(same_value(fact.value, g.value) for g in rows):
            pass  # a defensible optional reading scores nothing either way
        else:
            fp, fn = 1, len(required)
        for name, n in (("tp", tp), ("fp", fp), ("fn", fn)):
            setattr(counts, name, getattr(counts, name) + n)
            setattr(report.overall, name, getattr(report.overall, name) + n)
        _record(report, doc, indicator, rows, fact, fp, fn)


def _record(
    report: EvalReport,
    doc: str,
    indicator: str,
    rows: list[GoldFact],
    fact: object,
    fp: int,
    fn: int,
) -> None:
    expected = " | ".join(f"{g.value:g}" for g in rows) or "(none)"
    if fp:
        report.findings.append(
            Finding("fp", doc, indicator, expected, f"{fact.value:g}", fact.text)  # type: ignore[attr-defined]
        )
    if fn:
        got = f"{fact.value:g}" if fact is not None else "(nothing)"  # type: ignore[attr-defined]
        words = " | ".join(g.evidence for g in rows if g.required)
        report.findings.append(Finding("fn", doc, indicator, expected, got, words))


def write_baseline(report: EvalReport, path: Path) -> None:
    """Pin the current scores so a change that lowers them fails the tests."""
    path.write_text(json.dumps(report.scores(), ensure_ascii=False, indent=2) + "\n", "utf-8")


def regressions(report: EvalReport, baseline_path: Path) -> list[str]:
    """Scores below the committed baseline, as readable lines (empty when none dropped)."""
    baseline = json.loads(baseline_path.read_text("utf-8"))
    current = report.scores()
    problems = []
    for key in ("fact_precision", "fact_recall", "fact_f1"):
        if current[key] < baseline[key]:
            problems.append(f"{key} fell from {baseline[key]} to {current[key]}")
    for name, value in baseline["metadata_accuracy"].items():
        now = current["metadata_accuracy"].get(name, 0.0)  # type: ignore[attr-defined]
        if now < value:
            problems.append(f"metadata {name} accuracy fell from {value} to {now}")
    return problems


def pooled(reports: list[EvalReport]) -> EvalReport:
    """One report of several sets' documents, as if they were one set: counts summed (facts,
    per indicator, metadata), findings kept. Pooled sealed parts give the narrowest interval
    the held-out data allows."""
    total = EvalReport(
        metadata_right=dict.fromkeys(METADATA_FIELDS, 0),
        metadata_scored=dict.fromkeys(METADATA_FIELDS, 0),
    )
    for report in reports:
        total.documents += report.documents
        total.findings.extend(report.findings)
        _add(total.overall, report.overall)
        for indicator, counts in report.per_indicator.items():
            _add(total.per_indicator.setdefault(indicator, Counts()), counts)
        for name in METADATA_FIELDS:
            total.metadata_right[name] += report.metadata_right.get(name, 0)
            total.metadata_scored[name] += report.metadata_scored.get(name, 0)
    return total


def _add(into: Counts, counts: Counts) -> None:
    into.tp, into.fp, into.fn = into.tp + counts.tp, into.fp + counts.fp, into.fn + counts.fn


def sealed_totals(report: EvalReport) -> dict[str, object]:
    """Totals with 95 % intervals and no words of any document: what a sealed part may show."""
    o = report.overall
    facts = {
        "precision": (o.precision, *wilson_interval(o.tp, o.tp + o.fp)),
        "recall": (o.recall, *wilson_interval(o.tp, o.tp + o.fn)),
        "f1": (o.f1, None, None),
    }
    metadata = {
        name: (
            report.metadata_right[name] / scored if scored else 1.0,
            *wilson_interval(report.metadata_right[name], scored),
        )
        for name, scored in report.metadata_scored.items()
    }
    return {
        "documents": report.documents,
        "tp": o.tp,
        "fp": o.fp,
        "fn": o.fn,
        "facts": facts,
        "metadata": metadata,
        "metadata_scored": dict(report.metadata_scored),
    }


def _interval(value: tuple[float, float | None, float | None]) -> str:
    point, low, high = value
    return f"{point:.3f}" if low is None else f"{point:.3f} [{low:.2f}–{high:.2f}]"


def format_sealed_totals(totals: dict[str, object], label: str) -> str:
    """The sealed totals as plain lines: P, R, F1 and each metadata field, with 95 % intervals."""
    facts: dict[str, tuple[float, float | None, float | None]] = totals["facts"]  # type: ignore[assignment]
    metadata: dict[str, tuple[float, float, float]] = totals["metadata"]  # type: ignore[assignment]
    scored: dict[str, int] = totals["metadata_scored"]  # type: ignore[assignment]
    lines = [
        f"{label}: {totals['documents']} documents  "
        f"(TP {totals['tp']}, FP {totals['fp']}, FN {totals['fn']}; 95 % Wilson intervals)",
        "facts     " + "  ".join(f"{k} {_interval(v)}" for k, v in facts.items()),
    ]
    lines += [
        f"metadata  {name:<14} {_interval(value)}  of {scored[name]}"
        for name, value in metadata.items()
    ]
    return "\n".join(lines)


def current_commit(repo: Path) -> str:
    """The short commit id of ``repo`` (``unknown`` outside a git checkout)."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def append_history(path: Path, totals: dict[str, object], label: str) -> None:
    """Append one table row (date, commit, part, P, R, F1, locality, year, issuer) to ``path``."""
    from datetime import UTC, datetime

    facts: dict[str, tuple[float, float | None, float | None]] = totals["facts"]  # type: ignore[assignment]
    metadata: dict[str, tuple[float, float, float]] = totals["metadata"]  # type: ignore[assignment]
    cells = [
        datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        current_commit(path.resolve().parent),
        label,
        str(totals["documents"]),
        _interval(facts["precision"]),
        _interval(facts["recall"]),
        _interval(facts["f1"]),
        *(_interval(metadata[k]) for k in ("locality_code", "report_year", "issuer", "doc_type")),
    ]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("| " + " | ".join(cells) + " |\n")


def report_as_dict(report: EvalReport) -> dict[str, object]:
    """The whole report as plain data (for ``--format json``)."""
    return {
        **report.scores(),
        "per_indicator": {
            k: {"precision": c.precision, "recall": c.recall, "f1": c.f1, **asdict(c)}
            for k, c in sorted(report.per_indicator.items())
        },
        "findings": [asdict(f) for f in report.findings],
    }
