"""Benchmark: the quality gate on 10,000 synthetic documents (~20 facts each) and its share.

Synthetic texts are built from sentences of the five sample reports (``eval/docs``), shuffled per
document, so each text reads like a report. Each document gets 20 facts with catalogue units,
values inside the catalogue's ranges and offsets inside its text; one fact in a hundred carries a
planted fault so the quarantine path does real work, and every fact has a prior-year value in
``prior_values`` so the across-years check does too.

Printed: the gate's time (Great Expectations import separately), the extract stage's time on the
same synthetic texts (``fazhi.extract.document.extract_document``, measured on a sample and
scaled to the whole batch), and the gate's share of extract + gate. Crawl, parse and load are
not in the estimate, so the printed share is an upper bound of the share in a whole pipeline run.
Target: under 10 %.

Run: ``.venv/bin/python -m benchmarks.gate_share [--documents 10000] [--extract-sample 300]``
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from fazhi.catalog import load_catalog
from fazhi.config import REPO_ROOT, Settings
from fazhi.localities import divisions_by_code
from fazhi.schemas import DOCUMENTS, FACTS, conform

FACTS_PER_DOCUMENT = 20
FAULT_EVERY = 100
SAMPLE_DOCS = REPO_ROOT / "eval" / "docs"
SENTENCE = re.compile(r"[^。！？\n]+[。！？\n]")


def sample_sentences() -> list[str]:
    """Every sentence of the sample reports."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DOCS.glob("*.txt"))]
    return [s for text in texts for s in SENTENCE.findall(text) if len(s) > 8]


def synthetic_texts(count: int, rng: random.Random) -> list[str]:
    """``count`` report-like texts of 3,000-8,000 characters."""
    sentences = sample_sentences()
    texts = []
    for _ in range(count):
        target, parts, size = rng.randint(3_000, 8_000), [], 0
        while size < target:
            sentence = rng.choice(sentences)
            parts.append(sentence)
            size += len(sentence)
        texts.append("".join(parts))
    return texts


def synthetic_batch(
    texts: list[str], rng: random.Random
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Documents, facts and prior-year values for ``texts``."""
    counties = [d.code for d in divisions_by_code().values() if d.level == "county"]
    catalog = list(load_catalog().values())
    fetched = datetime(2025, 3, 1, tzinfo=UTC)
    docs, facts, prior = [], [], []
    for n, text in enumerate(texts):
        doc_id, locality, year = f"{n:016x}", rng.choice(counties), rng.randint(2015, 2024)
        docs.append(
            {
                "run_id": "bench",
                "doc_id": doc_id,
                "doc_key": doc_id,
                "source_id": "bench",
                "url": f"http://127.0.0.1/{n}.html",
                "format": "html",
                "text": text,
                "fetched_at": fetched,
                "locality_code": locality,
                "report_year": year,
                "doc_type": "annual_report",
                "published_on": date(year + 1, 2, 1),
                "parse_status": "ok",
            }
        )
        for k, indicator in enumerate(rng.sample(catalog, FACTS_PER_DOCUMENT)):
            value = float(rng.randint(0, int(min(indicator.max, 5_000))))
            start = rng.randrange(0, len(text) - 20)
            fact = {
                "run_id": "bench",
                "doc_id": doc_id,
                "indicator": indicator.code,
                "value": value,
                "unit": indicator.unit,
                "qualifier": "exact",
                "text": text[start : start + 12],
                "start": start,
                "end": start + 12,
                "sentence": text[start : start + 40],
                "rule": "bench",
            }
            if (n * FACTS_PER_DOCUMENT + k) % FAULT_EVERY == 0:
                fact["value"] = -1.0
            facts.append(fact)
            prior.append(
                {
                    "locality_code": locality,
                    "report_year": year - 1,
                    "indicator": indicator.code,
                    "value": value * rng.uniform(0.5, 1.5),
                }
            )
    return (
        conform(pl.DataFrame(docs, infer_schema_length=None), DOCUMENTS),
        conform(pl.DataFrame(facts, infer_schema_length=None), FACTS),
        pl.DataFrame(prior),
    )


def time_extract(texts: list[str]) -> float:
    """Seconds the extractor takes on ``texts``."""
    from fazhi.extract.document import extract_document

    extract_document(texts[0])  # warm caches (rulebook, catalogue, divisions)
    started = time.perf_counter()
    for text in texts:
        extract_document(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--extract-sample", type=int, default=300)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(20250101)

    texts = synthetic_texts(args.documents, rng)
    documents, facts, prior = synthetic_batch(texts, rng)
    print(
        f"batch: {documents.height:,} documents, {facts.height:,} facts, "
        f"{prior.height:,} prior values, {sum(map(len, texts)):,} characters of text"
    )

    started = time.perf_counter()
    import great_expectations  # noqa: F401  (timed apart: paid once per process)

    ge_import = time.perf_counter() - started
    from fazhi.quality.gate import run_gate

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=args.data_dir or Path(tmp))
        started = time.perf_counter()
        result = run_gate(
            documents, facts, settings=settings, run_id="bench", prior_values=prior, build_docs=True
        )
        gate = time.perf_counter() - started
    print(f"gate counts: {result.counts()}")
    print(f"great_expectations import: {ge_import:8.2f} s (once per process)")
    print(
        f"gate (4 suites, Data Docs): {gate:8.2f} s  "
        f"= {1000 * gate / documents.height:.2f} ms per document"
    )

    sample = texts[: args.extract_sample]
    extract_sample = time_extract(sample)
    extract = extract_sample * len(texts) / len(sample)
    print(
        f"extract: {extract_sample:.2f} s on {len(sample)} texts "
        f"= {1000 * extract_sample / len(sample):.2f} ms per document, "
        f"{extract:.1f} s scaled to {len(texts):,}"
    )
    total = extract + gate + ge_import
    print(
        f"gate share of extract + gate: {100 * (gate + ge_import) / total:.1f} % "
        f"(with GE import), {100 * gate / (extract + gate):.1f} % (without); target < 10 %"
    )


if __name__ == "__main__":
    main()
