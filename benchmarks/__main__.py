"""Run every benchmark in turn (``make bench``), or the ones named: ``python -m benchmarks NAME…``.

Benchmarks print figures; they never pass or fail. Targets are written beside each figure.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

# Long campaigns with make targets of their own (make fuzz, make kill-trials, make
# scaleout-kill): run when named.
OWN_TARGETS = {"fuzz_campaign", "kill_trials", "scaleout_kill"}


def main(names: list[str]) -> None:
    here = [str(Path(__file__).parent)]
    available = sorted(m.name for m in pkgutil.iter_modules(here) if not m.name.startswith("_"))
    chosen = names or [name for name in available if name not in OWN_TARGETS]
    for name in chosen:
        if name not in available:
            raise SystemExit(f"no benchmark {name!r}; choose from {', '.join(available)}")
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}").main()
        print(f"({name}: {time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
