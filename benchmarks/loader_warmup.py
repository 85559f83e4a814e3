"""Benchmark: the loader child's first gates, and its collector's pauses, by warm-up.

Starts a fresh loader child (``fazhi.children.child_pool``, spawned as the run's loader is) per
trial and variant, runs its warm-up and waits for it (a run parses its first batch meanwhile),
then gates ``--gates`` batches of a kept run's lake one after another (``fazhi.batches``
``gate_batch``; the across-years values read from that run's warehouse, e.g. one made ten times
bigger by ``benchmarks.inflate_warehouse``). Variants:
- **before**: the warm-up that imported ``fazhi.batches`` only (GX was then imported by the
  first gate);
- **after**: ``fazhi.loader._warm_up`` (GX imported too, and the import-time objects frozen).
Printed per variant: the warm-up's CPU seconds, the first gate's, the later gates' mean and
maximum, and the full (generation 2) collections during the gates with their CPU seconds; all
CPU seconds of the child (``time.process_time``), so a busy machine sways them little.
Variants alternate within each trial.

Run: ``.venv/bin/python -m benchmarks.loader_warmup --data-dir /tmp/wh100k --gates 12``
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

VARIANTS = ("before", "after")


def _old_warm_up() -> None:
    import fazhi.batches  # noqa: F401


def run_variant(variant: str, data_dir: Path, gates: int) -> dict[str, object]:
    """In the child: warm up as ``variant`` does, then gate ``gates`` batches; CPU seconds."""
    import gc

    from fazhi import loader

    started = time.process_time()
    (_old_warm_up if variant == "before" else loader._warm_up)()
    warm_up = time.process_time() - started
    full: list[float] = []
    mark: dict[str, float] = {}

    def watch(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            mark["at"] = time.process_time()
        else:
            full.append(time.process_time() - mark["at"])

    from fazhi import batches
    from fazhi.config import load_settings

    settings = loader.bounded(load_settings(data_dir=data_dir))
    (run_dir,) = (data_dir / "lake" / "staging" / "documents").glob("run_id=*")
    run_id = run_dir.name.removeprefix("run_id=")
    numbers = sorted(int(p.stem.removeprefix("batch-")) for p in run_dir.glob("batch-*.parquet"))
    gc.callbacks.append(watch)
    seconds = []
    for n in range(gates):
        started = time.process_time()
        batches.gate_batch(settings, run_id, numbers[n % len(numbers)])
        seconds.append(time.process_time() - started)
    gc.callbacks.remove(watch)
    return {"warm_up": warm_up, "gates": seconds, "full_collections": full}


def trial(variant: str, source: Path, gates: int) -> dict[str, object]:
    """One fresh child on a copy of ``source``'s lake and GX project (its warehouse linked)."""
    from fazhi.children import child_pool

    with tempfile.TemporaryDirectory(prefix="fazhi-warmup-") as tmp:
        data_dir = Path(tmp)
        for name in ("lake", "gx"):
            shutil.copytree(source / name, data_dir / name)
        (data_dir / "fazhi.duckdb").symlink_to((source / "fazhi.duckdb").resolve())
        with child_pool(1, "loader") as pool:
            return pool.submit(run_variant, variant, data_dir, gates).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a kept run (read only)")
    parser.add_argument("--gates", type=int, default=12)
    parser.add_argument("--trials", type=int, default=2)
    args = parser.parse_args()
    print("variant: warm-up s | first gate s | later gates mean / max s | full collections (s)")
    for n in range(args.trials):
        for variant in VARIANTS:
            r = trial(variant, args.data_dir, args.gates)
            gates, full = r["gates"], r["full_collections"]
            assert isinstance(gates, list) and isinstance(full, list)
            later = gates[1:]
            print(
                f"trial {n} {variant:6s}: {r['warm_up']:5.2f} | {gates[0]:5.2f} | "
                f"{sum(later) / len(later):5.2f} / {max(later):5.2f} | "
                f"{len(full)} ({sum(full):.2f}, max {max(full, default=0):.2f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
