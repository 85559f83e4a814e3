"""Running a suite through Great Expectations on a Polars frame, and building Data Docs.

Great Expectations has no Polars support: each frame goes to pandas through Arrow, reduced to
the columns its suite reads. It is imported inside functions because importing it takes seconds
and most commands never validate. The context is ephemeral (nothing written but Data Docs).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from fazhi.quality.suites import ExpectationSpec, Suite

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


OFFLINE_INDEX = "offline_index.html"


def write_offline_index(data_docs_dir: Path) -> Path:
    """A plain page linking every validation result and suite page.

    GX's own ``index.html`` fills its tables with JavaScript from CDNs, so it is empty where there
    is no internet; the result pages themselves render (unstyled) from disk, and this page reaches
    them without any script.
    """
    pages = sorted(data_docs_dir.glob("validations/**/*.html"), reverse=True)
    suites = sorted(data_docs_dir.glob("expectations/*.html"))
    items = [_page_link(data_docs_dir, page, page.parent.parent.parent.name) for page in pages]
    suite_items = [_page_link(data_docs_dir, page, "") for page in suites]
    body = (
        "<h1>fazhi-lake · Great Expectations Data Docs</h1>"
        '<p>The full, styled <a href="index.html">Data Docs index</a> needs an internet '
        "connection for its scripts; the links below work offline.</p>"
        f"<h2>Validation results ({len(items)})</h2><ul>{''.join(items)}</ul>"
        f"<h2>Expectation suites</h2><ul>{''.join(suite_items)}</ul>"
    )
    index = data_docs_dir / OFFLINE_INDEX
    index.write_text(
        f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>Data Docs</title>'
        f'<body style="font-family:sans-serif;max-width:60em;margin:2em auto">{body}</body></html>',
        encoding="utf-8",
    )
    return index


def _page_link(root: Path, page: Path, run: str) -> str:
    label = " · ".join(p for p in (page.stem, run) if p)
    href = page.relative_to(root).as_posix()
    return f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>'
