"""Turning whatever a parsing library raises into a :class:`ParseError` with a reason.

Reads nothing and writes nothing. The libraries behind the readers (olefile, python-docx, lxml,
pypdf, zipfile, zlib, expat) report damaged input through any exception type they happen to hit
(``ValueError: Exceeds the limit (4300 digits)``, ``zlib.error``, ``NotImplementedError``,
``EOFError``, ``UnicodeDecodeError`` …). One bad document must never stop a run, so every reader
runs inside :func:`reading`, which keeps the format and the library's words as the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fazhi.errors import ParseError

REASON_CHARS = 300  # a library message can quote megabytes of the input


@contextmanager
def reading(label: str) -> Iterator[None]:
    """Run a reader of ``label`` (PDF, DOCX …): any exception leaves as a ParseError."""
    try:
        yield
    except ParseError:
        raise
    except MemoryError as exc:
        raise ParseError(f"{label} too large: memory exhausted while parsing") from exc
    except RecursionError as exc:
        raise ParseError(f"corrupt {label}: nested too deeply to read") from exc
    except Exception as exc:  # any library failure on hostile bytes is this document's fault
        raise ParseError(f"corrupt {label}: {describe(exc)}") from exc


def describe(exc: BaseException) -> str:
    """``Type: message``, the message cut to a readable length."""
    message = " ".join(str(exc).split())
    if len(message) > REASON_CHARS:
        message = message[:REASON_CHARS] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
