"""Imported once by the parsing workers' fork server, never by other code.

Importing it loads what parsing and extraction load lazily (place-name tables, the rulebook and
its automaton, date and issuer patterns) by running the warm-up document, so every worker forked
from that server starts with them in memory (copy-on-write) instead of loading them again: a
worker used to take seconds to start (9 s on a busy 2-core machine), and the parse and extract
stages start one per batch. The domains' spellings are built in a child first
(``source_url.spell_apart``): the pinyin dictionary they are read from then never lives in the
server, whose memory every worker starts with. The townships' names are read here, though the
warm-up document names none: every batch has reports that do, and each fresh worker read the
whole dictionary file again on the first (0.15-0.25 s of CPU per worker and batch, 8 MB that
the workers now share with the server).

A worker also leaves the parent's main module alone. multiprocessing prepares every forkserver
child by importing the parent's ``__main__`` again (as ``__mp_main__``, for targets defined there);
a bounded worker's target and jobs live in ``fazhi.isolation``, which the server has imported, so
that import was all cost: in a deployment's flow-run process (``python -m prefect.engine``) it
imported Prefect in every worker, 0.9 s of CPU and 46 MB per start, four starts a batch
(``python -m fazhi`` is spared by multiprocessing's rule for a package's ``__main__``). The
children of this server skip it when they are bounded workers (their process name says so).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from multiprocessing import spawn
from typing import Any

from fazhi.config import Settings
from fazhi.extract.source_url import spell_apart
from fazhi.isolation import WARM_UP_JOB, WORKER_NAME
from fazhi.localities import townships_by_name
from fazhi.parse import text as _parsers  # noqa: F401  every worker forked from here has them

MAIN_MODULE_KEYS = ("init_main_from_name", "init_main_from_path")
_prepare = spawn.prepare


def _prepare_without_main(data: Mapping[str, Any]) -> None:
    """``spawn.prepare`` in a child of this server, without the parent's main module for a
    bounded worker (its path, arguments, directory and authentication key stay)."""
    if data.get("name") == WORKER_NAME:
        data = {key: value for key, value in data.items() if key not in MAIN_MODULE_KEYS}
    _prepare(data)


spawn.prepare = _prepare_without_main  # this server's children run spawn._main, which calls it

# Only a head start: a failure here must not take the fork server down with it. Each worker
# runs the warm-up document again (then in milliseconds) and reports whatever fails per document.
with contextlib.suppress(Exception):
    spell_apart()  # the server is single-threaded while it preloads
with contextlib.suppress(Exception):
    WARM_UP_JOB.run(Settings.model_fields["max_text_chars"].default)
with contextlib.suppress(Exception):
    townships_by_name()
