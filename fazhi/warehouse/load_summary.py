"""What one load changed in the warehouse: the record a load hands back to the run.

A module of its own, free of the warehouse's libraries: the loader's process sends these to the
run's process, and unpickling one there imports the module that defines it (from
``fazhi.warehouse.load`` that was DuckDB and pyarrow, ~80 MB resident for the whole run).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What one load changed in the warehouse."""

    run_id: str
    documents_staged: int = 0
    documents_loaded: int = 0
    documents_unchanged: int = 0
    documents_superseded: int = 0
    facts_loaded: int = 0
    mentions_loaded: int = 0
    validations_loaded: int = 0
    quarantined_rows: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.documents_loaded
            or self.documents_superseded
            or self.facts_loaded
            or self.mentions_loaded
        )
