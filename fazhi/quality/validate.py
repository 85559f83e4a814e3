"""Running a suite through Great Expectations on a Polars frame, and building Data Docs.

Great Expectations has no Polars support: each frame goes to pandas through Arrow, reduced to
the columns its suite reads. It is imported inside functions because importing it takes seconds
and most commands never validate. The context is ephemeral (nothing written but Data Docs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from fazhi.quality.suites import ExpectationSpec, Suite
from fazhi.report.data_docs import write_offline_index

ROW_ID = "row_id"
_COLUMN_KEYS = ("column", "column_A", "column_B")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one expectation found: counts and the ``row_id`` of every failing row."""

    spec: ExpectationSpec
    success: bool
    element_count: int
    unexpected_count: int
    failing_row_ids: tuple[int, ...]


class SuiteRunner:
    """An ephemeral Great Expectations context that validates frames and renders Data Docs."""

    def __init__(self, data_docs_dir: Path | None) -> None:
        self.data_docs_dir = data_docs_dir
        self._context = _ephemeral_context(data_docs_dir)
        self._source = self._context.data_sources.add_pandas("fazhi_gate")

    def validate(
        self, suite: Suite, frame: pl.DataFrame, parameters: dict[str, Any], run_name: str
    ) -> list[Outcome]:
        """Validate ``frame`` (which must hold ``row_id``) with ``suite``; one outcome each."""
        from great_expectations.core.run_identifier import RunIdentifier

        definition = self._definition(suite)
        result = definition.run(
            batch_parameters={"dataframe": _to_pandas(frame, suite)},
            expectation_parameters=parameters,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID]},
            run_id=RunIdentifier(run_name=run_name),
        )
        return [_outcome(suite, r) for r in result.results]

    def build_docs(self) -> Path | None:
        """Render Data Docs for every validation so far; the path of the offline listing."""
        if self.data_docs_dir is None:
            return None
        self._context.build_data_docs()
        return write_offline_index(self.data_docs_dir)

    def _definition(self, suite: Suite) -> Any:
        import great_expectations as gx

        asset = self._source.add_dataframe_asset(suite.name)
        batch = asset.add_batch_definition_whole_dataframe(f"{suite.name}_batch")
        gx_suite = gx.ExpectationSuite(**_ge_document(suite))
        # An expectation GX cannot build is logged and dropped, not raised: refuse that.
        if len(gx_suite.expectations) != len(suite.expectations):
            raise ValueError(f"suite {suite.name}: Great Expectations rejected an expectation")
        gx_suite = self._context.suites.add(gx_suite)
        definition = gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        return self._context.validation_definitions.add(definition)


def _ephemeral_context(data_docs_dir: Path | None) -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites = {} if data_docs_dir is None else {"fazhi": _docs_site(data_docs_dir)}
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        data_docs_sites=sites,
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _docs_site(directory: Path) -> dict[str, Any]:
    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(directory.resolve()),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }


def _ge_document(suite: Suite) -> dict[str, Any]:
    document = suite.document
    return {
        "name": suite.name,
        "meta": document.get("meta", {}),
        "expectations": document["expectations"],
    }


def _to_pandas(frame: pl.DataFrame, suite: Suite) -> Any:
    columns = [ROW_ID]
    for spec in suite.expectations:
        for key in _COLUMN_KEYS:
            if key in spec.kwargs and spec.kwargs[key] not in columns:
                columns.append(spec.kwargs[key])
    return frame.select(columns).to_pandas()


def _outcome(suite: Suite, result: Any) -> Outcome:
    spec = suite.by_name(result.expectation_config.meta["name"])
    info = result.exception_info or {}
    if info.get("raised_exception"):
        raise RuntimeError(f"{suite.name}.{spec.name} raised: {info.get('exception_message')}")
    details = result.result or {}
    rows = tuple(int(row[ROW_ID]) for row in details.get("unexpected_index_list") or ())
    return Outcome(
        spec=spec,
        success=bool(result.success),
        element_count=int(details.get("element_count") or 0),
        unexpected_count=int(details.get("unexpected_count") or 0),
        failing_row_ids=rows,
    )
