"""Running a suite through Great Expectations on a Polars frame, and building Data Docs.

Great Expectations has no Polars support: each frame goes to pandas through Arrow, reduced to
the columns its suite reads. It is imported inside functions because importing it takes seconds
and most commands never validate. The gate's context is the file context DATA_DIR/gx (see
``SuiteRunner``); Data Docs are made to render offline by ``fazhi.quality.docs_assets``.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from fazhi.quality.docs_assets import vendor_assets
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
    """A Great Expectations context that validates frames through one Checkpoint per suite.

    With ``project_root`` it is the file context ``project_root/gx`` (made from the versioned
    template ``fazhi/quality/gx/great_expectations.yml`` the first time): suites, validation
    definitions and Checkpoints are written there and validation results are kept between runs.
    Without it, an ephemeral context keeps nothing (a rebuild or a test replaying runs).

    A runner keeps its context and each suite's Checkpoint (rebuilt when the suite changes), so
    a process gating many batches builds them once: :func:`suite_runner` hands out one runner
    per project. Runs on one runner take turns (a GX context is not made for threads).
    """

    def __init__(self, data_docs_dir: Path | None, project_root: Path | None = None) -> None:
        self.data_docs_dir = data_docs_dir
        self._lock = threading.RLock()
        self._checkpoints: dict[str, tuple[str, Any]] = {}
        self._context = (
            _ephemeral_context(data_docs_dir)
            if project_root is None
            else _file_context(project_root)
        )
        self._source = _get_or_add(
            lambda: self._context.data_sources.get(SOURCE),
            lambda: self._context.data_sources.add_pandas(SOURCE),
        )

    def validate(
        self, suite: Suite, frame: pl.DataFrame, parameters: dict[str, Any], run_name: str
    ) -> list[Outcome]:
        """Validate ``frame`` (which must hold ``row_id``) with ``suite``; one outcome each."""
        from great_expectations.core.run_identifier import RunIdentifier

        with self._lock, configurations_built_once():
            checkpoint = self._checkpoint(suite)
            result = checkpoint.run(
                batch_parameters={"dataframe": _to_pandas(frame, suite)},
                expectation_parameters=narrowed_parameters(suite, frame, parameters),
                # with no run_time GX parses the run name as a date: a run id such as
                # 20261203T181555Z-8716ad reads as one with an offset of days, and GX then fails
                run_id=RunIdentifier(run_name=run_name, run_time=datetime.now(UTC)),
            )
        (validation,) = result.run_results.values()
        return [_outcome(suite, r) for r in validation.results]

    def build_docs(self, run_name: str | None = None) -> Path | None:
        """Render Data Docs; the path of the offline listing.

        With ``run_name``, on a site already built, only that run's validation results are
        rendered, with the suites and the indexes: the earlier runs' pages are on disk already,
        and rendering them all again after every run grew with the history kept (800 results
        of one 100,000-report run took 37 s of CPU; its index alone 2 s). Otherwise, every
        validation kept.
        """
        if self.data_docs_dir is None:
            return None
        with self._lock:
            built = (self.data_docs_dir / "index.html").is_file()
            only = self._identifiers_of(run_name) if run_name and built else None
            self._context.build_data_docs(site_names=[DOCS_SITE], resource_identifiers=only)
        vendor_assets(self.data_docs_dir)
        return write_offline_index(self.data_docs_dir)

    def _identifiers_of(self, run_name: str) -> list[Any]:
        """The validation results of one run and every suite, as GX names them."""
        results = [
            key
            for key in self._context.validation_results_store.list_keys()
            if key.run_id.run_name == run_name
        ]
        return results + list(self._context.expectations_store.list_keys())

    def _checkpoint(self, suite: Suite) -> Any:
        document = json.dumps(_ge_document(suite), sort_keys=True)
        kept = self._checkpoints.get(suite.name)
        if kept is not None and kept[0] == document:
            return kept[1]
        checkpoint = self._add_checkpoint(suite)
        self._checkpoints[suite.name] = (document, checkpoint)
        return checkpoint

    def _add_checkpoint(self, suite: Suite) -> Any:
        import great_expectations as gx

        asset = _get_or_add(
            lambda: self._source.get_asset(suite.name),
            lambda: self._source.add_dataframe_asset(suite.name),
        )
        batch = _get_or_add(
            lambda: asset.get_batch_definition(f"{suite.name}_batch"),
            lambda: asset.add_batch_definition_whole_dataframe(f"{suite.name}_batch"),
        )
        gx_suite = gx.ExpectationSuite(**_ge_document(suite))
        # An expectation GX cannot build is logged and dropped, not raised: refuse that.
        if len(gx_suite.expectations) != len(suite.expectations):
            raise ValueError(f"suite {suite.name}: Great Expectations rejected an expectation")
        gx_suite = self._context.suites.add_or_update(gx_suite)
        definition = self._context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        )
        return self._context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=suite.name,
                validation_definitions=[definition],
                actions=[],
                result_format={
                    "result_format": "COMPLETE",
                    "unexpected_index_column_names": [ROW_ID],
                },
            )
        )


_RUNNERS: dict[tuple[Path | None, Path | None], SuiteRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def suite_runner(data_docs_dir: Path | None, project_root: Path | None = None) -> SuiteRunner:
    """The process's runner for a project (made the first time): creating a GX context and
    adding four Checkpoints to it cost seconds per batch when every batch made its own."""
    if project_root is None:  # an ephemeral context keeps nothing: nothing to share
        return SuiteRunner(data_docs_dir)
    key = (data_docs_dir, project_root.resolve())
    with _RUNNERS_LOCK:
        runner = _RUNNERS.get(key)
        if runner is None or not (project_root / "gx" / "great_expectations.yml").is_file():
            runner = _RUNNERS[key] = SuiteRunner(data_docs_dir, project_root)
        return runner


@contextmanager
def configurations_built_once() -> Iterator[None]:
    """While inside, each Great Expectations expectation builds its configuration once.

    GX's ``Expectation.configuration`` is a property that serialises the expectation (a pydantic
    model) into a new ``ExpectationConfiguration`` on every read, and the validator reads it once
    per keyword of every metric an expectation asks for: ~140 times per expectation and batch,
    most of the pydantic work of a gate. Inside, the first read of an object is kept and every
    read returns its own copy of it (a caller may change what it is handed, as before); an
    object whose fields were assigned since (``__dict__`` holds other values) is read again.
    Nothing else changes: the same expectations run on the same rows.
    """
    from great_expectations.expectations.expectation import Expectation

    with _ONCE_LOCK:  # runners of other threads may be inside too: the first in installs it
        if not _GX_PROPERTY:
            _GX_PROPERTY.append(Expectation.__dict__["configuration"])
            Expectation.configuration = property(_configuration_once)  # type: ignore[method-assign,assignment]
        _INSIDE.append(None)
    try:
        yield
    finally:
        with _ONCE_LOCK:  # the last out puts GX's property back
            _INSIDE.pop()
            if not _INSIDE:
                Expectation.configuration = _GX_PROPERTY.pop()  # type: ignore[method-assign,assignment]
                _BUILT.clear()


_ONCE_LOCK = threading.Lock()
_GX_PROPERTY: list[property] = []  # GX's own, while it is replaced
_INSIDE: list[None] = []  # one per caller inside
# id of an expectation → (the expectation, its fields when read, the configuration read then)
_BUILT: dict[int, tuple[Any, tuple[Any, ...], Any]] = {}


def _configuration_once(expectation: Any) -> Any:
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    fields = tuple(expectation.__dict__.values())
    kept = _BUILT.get(id(expectation))
    if (
        kept is None
        or kept[0] is not expectation
        or len(kept[1]) != len(fields)
        or any(a is not b for a, b in zip(kept[1], fields, strict=True))
    ):
        built = _GX_PROPERTY[0].fget(expectation)  # type: ignore[misc]
        kept = _BUILT[id(expectation)] = (expectation, fields, built)
    config = kept[2]
    return ExpectationConfiguration(
        type=config.type,
        kwargs=_copied(config.kwargs),
        meta=_copied(config.meta),
        notes=_copied(config.notes),
        description=config.description,
        severity=config.severity,
        id=config.id,
        rendered_content=_copied(config.rendered_content),
    )


_IMMUTABLE = (str, int, float, bool, type(None))


def _copied(value: Any) -> Any:
    """A deep copy of ``value``: dicts, lists and scalars (what configurations hold) by hand,
    anything else by ``copy.deepcopy``, whose bookkeeping cost half of what the reads saved."""
    if isinstance(value, _IMMUTABLE):
        return value
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return deepcopy(value)


SOURCE = "fazhi_gate"
DOCS_SITE = "fazhi"
PROJECT_TEMPLATE = Path(__file__).resolve().parent / "gx" / "great_expectations.yml"


def _get_or_add(get: Callable[[], Any], add: Callable[[], Any]) -> Any:
    try:
        return get()
    except Exception:  # GX raises a different class per store for a name it does not hold
        return add()


def _file_context(project_root: Path) -> Any:
    import great_expectations as gx

    config = project_root / "gx" / "great_expectations.yml"
    if not config.is_file():
        config.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECT_TEMPLATE, config)
    return gx.get_context(mode="file", project_root_dir=str(project_root.resolve()))


def _ephemeral_context(data_docs_dir: Path | None) -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites = {} if data_docs_dir is None else {DOCS_SITE: _docs_site(data_docs_dir)}
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


_MEMBERSHIP = frozenset(
    {"expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set"}
)


def narrowed_parameters(
    suite: Suite, frame: pl.DataFrame, parameters: dict[str, Any]
) -> dict[str, Any]:
    """``parameters`` with each set that only (not-)in-set checks of text columns use cut down to
    the values the frame holds.

    A row's value is in a set exactly when it is in the part of the set the frame's values
    reach, so every row passes or fails as before. It matters for speed: GX serialises an
    expectation's arguments again each time it reads its configuration, about 140 times per
    expectation and batch, so the 3,385 division codes cost the gate more than all its other
    expectations together (a 500-report batch holds a few hundred codes at most).
    """
    columns: dict[str, set[str]] = {}
    elsewhere: set[str] = set()
    for spec in suite.expectations:
        for key, value in spec.kwargs.items():
            name = value.get("$PARAMETER") if isinstance(value, dict) else None
            column = spec.kwargs.get("column")
            if (
                isinstance(name, str)
                and key == "value_set"
                and spec.type in _MEMBERSHIP
                and isinstance(column, str)
                and column in frame.columns
                and frame.schema[column] == pl.String
            ):
                columns.setdefault(name, set()).add(column)
            else:
                elsewhere.update(_parameter_names(value))
    narrowed = dict(parameters)
    for name, names in columns.items():
        values = parameters.get(name)
        if name in elsewhere or not isinstance(values, list | tuple):
            continue
        if not all(isinstance(v, str) for v in values):
            continue
        present = {v for c in names for v in frame.get_column(c).drop_nulls().unique()}
        narrowed[name] = [v for v in values if v in present]
    return narrowed


def _parameter_names(value: Any) -> set[str]:
    if isinstance(value, dict):
        if isinstance(value.get("$PARAMETER"), str):
            return {value["$PARAMETER"]}
        return {n for item in value.values() for n in _parameter_names(item)}
    if isinstance(value, list):
        return {n for item in value for n in _parameter_names(item)}
    return set()


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
