"""Benchmark: CPU seconds of recording one batch's quarantine as a run's batches go by.

Takes a kept run's quarantine rows (``--data-dir``, e.g. ``benchmarks.scale --keep``'s ``bare``;
never written to), cuts them into ``--batches`` batches of documents (rows renamed by round to
reach that many batches) and records them as the gate of a run does, batch after batch, into a
fresh lake (``fazhi.quality.quarantine.record_gate_run``, with the batch's number where the
checkout takes one). Prints the mean CPU seconds a batch per tenth of the run: with the run's one
file read and rewritten at every batch they grow with the run.

Run: ``.venv/bin/python -m benchmarks.quarantine_batches --data-dir RUN/bare --batches 200``
(from each checkout, another's with ``PYTHONPATH=<its tree>``)
"""

from __future__ import annotations

import argparse
import inspect
import tempfile
import time
from pathlib import Path


def run(data_dir: Path, batches: int) -> list[float]:
    """CPU seconds of each batch's record."""
    import polars as pl

    from fazhi.config import Settings
    from fazhi.quality.gate import GateResult
    from fazhi.quality.quarantine import record_gate_run
    from fazhi.schemas import DOCUMENTS, FACTS, VALIDATIONS, empty

    (path,) = data_dir.glob("lake/quarantine/run_id=*/quarantine.parquet")
    rows = pl.read_parquet(path).with_columns(run_id=pl.lit("bench"))
    doc_ids = rows.get_column("doc_id").unique(maintain_order=True).to_list()
    per_batch = max(1, len(doc_ids) * 10 // batches)  # a 100,000-report run from a 10,000 one
    takes_batch = "batch" in inspect.signature(record_gate_run).parameters
    seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="fazhi-quarantine-") as tmp:
        settings = Settings(data_dir=Path(tmp))
        for number in range(batches):
            first = number * per_batch
            wanted = [doc_ids[(first + i) % len(doc_ids)] for i in range(per_batch)]
            prefix = f"r{(first // len(doc_ids))}-"
            batch = rows.filter(pl.col("doc_id").is_in(wanted)).with_columns(
                doc_id=pl.lit(prefix) + pl.col("doc_id")
            )
            result = GateResult(
                documents=empty(DOCUMENTS),
                facts=empty(FACTS),
                quarantine=batch,
                validations=empty(VALIDATIONS),
                data_docs_index=None,
            )
            started = time.process_time()
            if takes_batch:
                record_gate_run(settings, "bench", result, batch=number)
            else:
                record_gate_run(settings, "bench", result)
            seconds.append(time.process_time() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a kept run (read only)")
    parser.add_argument("--batches", type=int, default=200)
    args = parser.parse_args()
    seconds = run(args.data_dir, args.batches)
    tenth = max(1, len(seconds) // 10)
    means = [sum(seconds[i : i + tenth]) / tenth for i in range(0, len(seconds), tenth)]
    print("CPU s a batch, per tenth of the run: " + " ".join(f"{m:.3f}" for m in means))
    print(f"total {sum(seconds):.1f} s for {len(seconds)} batches")


if __name__ == "__main__":
    main()
