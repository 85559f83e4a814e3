"""Publishing a run's artifacts to Prefect; their content is built by ``fazhi.report``."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from fazhi.quality.gate import GateResult
from fazhi.report.artifacts import TableArtifact, run_artifacts
from fazhi.report.summary import RunSummary


def publish(summary: RunSummary, gate: GateResult | None) -> None:
    """Create every artifact of the run (tables and links) in the current flow run."""
    for artifact in run_artifacts(summary, gate):
        if isinstance(artifact, TableArtifact):
            create_table_artifact(
                key=artifact.key, table=artifact.rows, description=artifact.description
            )
        else:
            create_markdown_artifact(
                key=artifact.key, markdown=artifact.markdown, description=artifact.description
            )
