"""The compiled extraction modules (``make compile``) are used only when current, and change
nothing: records pickle either way, and a compiled extraction equals the Python files' one."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from fazhi.extract import (
    COMPILED,
    COMPILED_DIR,
    COMPILED_MODULES,
    PURE_PYTHON_VARIABLE,
    SOURCES_STAMP,
    compiled_is_current,
    source_digest,
)
from fazhi.extract.document import extract_document
from fazhi.extract.facts import RulePaths
from fazhi.isolation import ExtractJob

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "eval" / "docs").glob("*.txt"))


def _tree(tmp_path: Path) -> Path:
    """A copy of the compiled modules' sources with a ``_compiled/`` stamped for them."""
    for name in COMPILED_MODULES:
        shutil.copy(COMPILED_DIR.parent / f"{name}.py", tmp_path / f"{name}.py")
    compiled = tmp_path / "_compiled"
    compiled.mkdir()
    (compiled / SOURCES_STAMP).write_text(source_digest(tmp_path) + "\n", "ascii")
    return compiled


@pytest.mark.parametrize(
    ("change", "environ", "expected", "reason"),
    [
        (None, {}, True, "built from the sources as they are"),
        (None, {PURE_PYTHON_VARIABLE: "1"}, False, "turned off by the variable"),
        (None, {PURE_PYTHON_VARIABLE: "0"}, True, "0 turns nothing off"),
        ("facts.py", {}, False, "a source edited after the build: the extension is stale"),
        (SOURCES_STAMP, {}, False, "no stamp: nothing (whole) was built"),
    ],
)
def test_compiled_modules_are_used_only_when_current(
    tmp_path: Path, change: str | None, environ: dict[str, str], expected: bool, reason: str
) -> None:
    compiled = _tree(tmp_path)
    if change == SOURCES_STAMP:
        (compiled / SOURCES_STAMP).unlink()
    elif change is not None:
        with (tmp_path / change).open("a", encoding="utf-8") as source:
            source.write("\n# edited\n")
    assert compiled_is_current(compiled, environ) is expected, reason


@pytest.mark.parametrize("path", REPORTS[:2], ids=[p.name for p in REPORTS[:2]])
def test_records_sent_between_processes_pickle_whether_compiled_or_not(path: Path) -> None:
    document = extract_document(path.read_text("utf-8"))
    extraction = ExtractJob(path.read_text("utf-8")).run(1_000_000)
    again = pickle.loads(pickle.dumps(document))
    assert (again.metadata, again.facts, again.mentions) == (
        document.metadata,
        document.facts,
        document.mentions,
    )
    assert pickle.loads(pickle.dumps(extraction)) == extraction
    assert pickle.loads(pickle.dumps(RulePaths())) == RulePaths()


_OUTPUTS = """
import json, sys
from dataclasses import asdict
import fazhi.extract
from fazhi.extract.document import extract_document
for path in sys.argv[1:]:
    d = extract_document(open(path, encoding="utf-8").read())
    print(json.dumps([fazhi.extract.COMPILED, asdict(d.metadata), [asdict(f) for f in d.facts],
                      [m._asdict() for m in d.mentions]], ensure_ascii=False, default=str))
"""


@pytest.mark.skipif(not COMPILED, reason="nothing compiled (make compile)")
def test_compiled_extraction_equals_the_python_files() -> None:
    paths = [str(p) for p in REPORTS]
    pure = subprocess.run(
        [sys.executable, "-c", _OUTPUTS, *paths],
        env={**os.environ, PURE_PYTHON_VARIABLE: "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert [json.loads(line)[0] for line in pure] == [False] * len(paths)
    for path, line in zip(REPORTS, pure, strict=True):
        document = extract_document(path.read_text("utf-8"))
        compiled = [
            asdict(document.metadata),
            [asdict(f) for f in document.facts],
            [m._asdict() for m in document.mentions],
        ]
        as_json = json.dumps(compiled, ensure_ascii=False, default=str)
        assert json.loads(as_json) == json.loads(line)[1:], path.name
