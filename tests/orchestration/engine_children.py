"""What children of a flow-run process import; ``test_engine_main.py`` runs these flows with
``python -m prefect.engine``, as a Prefect worker runs a deployment's flow.

This module does not import ``flows``: its flow shows what children do without the project's
flows package (the control); ``engine_children_flows.py`` imports it, as every flow of the
project does by living there.
"""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from prefect import flow

# evaluated in each child: whether it imported Prefect before its first task
PREFECT_LOADED = "'prefect' in __import__('sys').modules"


def report_children(out: str) -> None:
    """Write, per start method the project uses, whether a fresh child imported Prefect."""
    seen = {}
    for method in ("spawn", "forkserver"):
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            seen[method] = pool.submit(eval, PREFECT_LOADED).result()
    Path(out).write_text(json.dumps(seen), encoding="utf-8")


@flow(name="children-without-flows")
def without_flows(out: str) -> None:
    report_children(out)
