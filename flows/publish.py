"""Publishing a run's artifacts to Prefect; their content is built by ``fazhi.report``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from fazhi.report.artifacts import TableArtifact, run_artifacts
from fazhi.report.summary import RunSummary

if TYPE_CHECKING:  # annotations only
    from fazhi.schemas import Rows


def publish(summary: RunSummary, quarantine: Rows | None, new_facts: Rows | None) -> None:
    """Create every artifact of the run (tables and links) in the current flow run."""
    for artifact in run_artifacts(summary, quarantine, new_facts):
        if isinstance(artifact, TableArtifact):
            create_table_artifact(
                key=artifact.key, table=artifact.rows, description=artifact.description
            )
        else:
            create_markdown_artifact(
                key=artifact.key, markdown=artifact.markdown, description=artifact.description
            )
