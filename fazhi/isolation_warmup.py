"""Imported once by the parsing workers' fork server, never by other code.

Importing it loads what parsing and extraction load lazily (place-name tables, the rulebook and
its automaton, date and issuer patterns) by running the warm-up document, so every worker forked
from that server starts with them in memory (copy-on-write) instead of loading them again: a
worker used to take seconds to start (9 s on a busy 2-core machine), and the parse and extract
stages start one per batch. The domains' spellings are built in a child first
(``source_url.spell_apart``): the pinyin dictionary they are read from then never lives in the
server, whose memory every worker starts with.
"""

from __future__ import annotations

import contextlib

from fazhi.config import Settings
from fazhi.extract.source_url import spell_apart
from fazhi.isolation import WARM_UP_JOB

# Only a head start: a failure here must not take the fork server down with it. Each worker
# runs the warm-up document again (then in milliseconds) and reports whatever fails per document.
with contextlib.suppress(Exception):
    spell_apart()  # the server is single-threaded while it preloads
with contextlib.suppress(Exception):
    WARM_UP_JOB.run(Settings.model_fields["max_text_chars"].default)
