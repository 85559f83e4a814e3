"""extract stage.

The modules a report's extraction runs through (``COMPILED_MODULES``) may also be built as C
extensions by mypyc (``make compile``, ``tools/compile_extract.py``) into ``_compiled/``. The
Python files stay the source: the extensions are imported in their place only when they were
built from these very files by this Python (the digest in ``_compiled/SOURCES`` matches) and
``FAZHI_PURE_PYTHON`` is unset; otherwise the Python files are imported, as when nothing is built.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

COMPILED_MODULES = ("normalize", "numbers", "scan", "facts", "metadata", "source_url", "document")
COMPILED_DIR = Path(__file__).resolve().parent / "_compiled"
SOURCES_STAMP = "SOURCES"
PURE_PYTHON_VARIABLE = "FAZHI_PURE_PYTHON"
GROUP = "native"  # mypyc's one shared library of them all: native__mypyc


def source_digest(source_dir: Path = COMPILED_DIR.parent) -> str:
    """What the compiled modules are built from: this Python and each module's source bytes."""
    digest = hashlib.sha256(sys.version.encode())
    for name in COMPILED_MODULES:
        digest.update(name.encode() + b"\0")
        digest.update((source_dir / f"{name}.py").read_bytes())
    return digest.hexdigest()


def compiled_is_current(compiled_dir: Path, environ: Mapping[str, str]) -> bool:
    """Whether the extensions in ``compiled_dir`` are to be imported: built from the sources
    beside it as they are now, and not turned off by ``FAZHI_PURE_PYTHON``."""
    if environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0"):
        return False
    try:
        stamp = (compiled_dir / SOURCES_STAMP).read_text("ascii").strip()
        return stamp == source_digest(compiled_dir.parent)
    except OSError:  # nothing built (or a module missing): the Python files
        return False


def _load_compiled() -> bool:
    """Put the extensions ahead of the Python files when current and loadable here."""
    if not compiled_is_current(COMPILED_DIR, os.environ):
        return False
    __path__.insert(0, str(COMPILED_DIR))  # the extensions shadow the Python files' names
    try:  # the library every extension opens with: one built for another system fails here
        importlib.import_module(f"{__name__}.{GROUP}__mypyc")
    except ImportError:
        __path__.remove(str(COMPILED_DIR))
        return False
    return True


COMPILED = _load_compiled()
