"""The parsing workers' fork server starts warm but without what only its warm-up needed: the
domains' spellings are built in a child, so the pinyin dictionary they come from is not in the
memory every worker starts with; the townships' names, which most batches need, are. A worker
does not import the parent's main module again."""

from __future__ import annotations

import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from fazhi.extract import source_url
from fazhi.isolation import worker_context
from fazhi.localities import townships_by_name


def _report(connection: Connection) -> None:
    """In a worker forked from the server: its spellings, and whether pinyin was ever read."""
    jionlp = sys.modules.get("jionlp")
    read = jionlp is not None and jionlp.pinyin.trie_tree_obj is not None
    townships_read = townships_by_name.cache_info().currsize == 1
    connection.send((read, dict(source_url._TABLE), townships_read))
    connection.close()


def test_a_worker_starts_with_the_spellings_and_townships_and_without_the_pinyin_dictionary() -> (
    None
):
    context = worker_context()  # the real server, preloading fazhi.isolation_warmup
    received, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_report, args=(sending,))
    worker.start()
    sending.close()
    pinyin_read, spellings, townships_read = received.recv()
    worker.join(30)
    assert worker.exitcode == 0
    assert not pinyin_read
    assert townships_read  # read by the server, not again by each worker
    assert spellings == source_url.spell_divisions()  # the same table as one built here
    assert spellings["bjhr"] == ("110116",)  # 北京 怀柔


def test_a_worker_leaves_the_parents_main_module_alone(tmp_path: Path) -> None:
    # a deployment's flow run is ``python -m prefect.engine``: a worker importing it again took
    # 0.9 s of CPU and 46 MB at every start
    marker = tmp_path / "main-imported"
    parent = subprocess.run(
        [sys.executable, "-m", "tests.parse.main_probe", str(marker)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert parent.returncode == 0, parent.stderr
    assert "法治政府建设年度报告" in parent.stdout  # the worker parsed the document
    assert not marker.exists()
