"""Pickling of the stage's frozen records, the same whether their modules run compiled or not.

Records cross process boundaries by pickle (a job's ``RulePaths`` to a worker, its metadata,
facts and document back). Python rebuilds a slotted frozen dataclass through the ``__setstate__``
``dataclass`` writes; a class compiled by mypyc (``fazhi.extract.COMPILED``) is rebuilt by
setting each field, which a frozen class refuses. Rebuilding by the constructor works for both.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def by_constructor(record: Any) -> tuple[type, tuple[object, ...]]:
    """``__reduce__`` of a dataclass: its class called with its fields' values, in order."""
    return type(record), tuple(getattr(record, field.name) for field in fields(record))
