"""The parsing workers' fork server starts warm but without what only its warm-up needed: the
domains' spellings are built in a child, so the pinyin dictionary they come from is not in the
memory every worker starts with."""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from fazhi.extract import source_url
from fazhi.isolation import worker_context


def _report(connection: Connection) -> None:
    """In a worker forked from the server: its spellings, and whether pinyin was ever read."""
    jionlp = sys.modules.get("jionlp")
    read = jionlp is not None and jionlp.pinyin.trie_tree_obj is not None
    connection.send((read, dict(source_url._TABLE)))
    connection.close()


def test_a_worker_starts_with_the_spellings_and_without_the_pinyin_dictionary() -> None:
    context = worker_context()  # the real server, preloading fazhi.isolation_warmup
    received, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_report, args=(sending,))
    worker.start()
    sending.close()
    pinyin_read, spellings = received.recv()
    worker.join(30)
    assert worker.exitcode == 0
    assert not pinyin_read
    assert spellings == source_url.spell_divisions()  # the same table as one built here
    assert spellings["bjhr"] == ("110116",)  # 北京 怀柔
