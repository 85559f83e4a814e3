"""The gate's Great Expectations project: a Checkpoint per staged table, results kept between
runs, Data Docs that load nothing from the internet."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from fazhi.config import load_settings
from fazhi.quality.docs_assets import localise
from fazhi.quality.gate import run_gate
from fazhi.quality.stage import render_data_docs
from fazhi.quality.suites import SUITE_NAMES
from tests.quality.planted import planted_batch

REMOTE = re.compile(r'<(?:script|link|img)[^>]*(?:href|src)="https?://', re.IGNORECASE)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("gx")
    settings = load_settings(data_dir=data_dir)
    batch = planted_batch()
    for run_id in ("run-one", "run-two"):
        run_gate(
            batch.documents,
            batch.facts,
            settings=settings,
            run_id=run_id,
            prior_values=batch.prior_values,
        )
    return data_dir


def test_a_checkpoint_and_a_suite_per_staged_table(two_runs: Path) -> None:
    project = two_runs / "gx"
    assert (project / "great_expectations.yml").is_file()
    checkpoints = {p.stem for p in (project / "checkpoints").glob("*.json")}
    suites = {p.stem for p in (project / "expectations").glob("*.json")}
    assert checkpoints == set(SUITE_NAMES)
    assert suites == set(SUITE_NAMES)
    facts = json.loads((project / "checkpoints" / "facts.json").read_text(encoding="utf-8"))
    assert facts["result_format"]["result_format"] == "COMPLETE"


def test_validation_results_are_kept_between_runs(two_runs: Path) -> None:
    kept = list((two_runs / "gx" / "uncommitted" / "validations").rglob("*.json"))
    runs = {part for path in kept for part in path.parts if part.startswith("run-")}
    assert runs == {"run-one", "run-two"}
    assert len(kept) == 2 * len(SUITE_NAMES)
    pages = list((two_runs / "data_docs" / "validations").rglob("*.html"))
    assert len(pages) == 2 * len(SUITE_NAMES)


def _result_pages(docs: Path, run: str) -> list[Path]:
    return sorted((docs / "validations").rglob(f"{run}/**/*.html"))


@pytest.mark.parametrize(
    ("run_id", "expected_rebuilt", "why"),
    [
        ("run-three", False, "a run renders its own results: earlier pages are not rendered again"),
        (None, True, "a full build (fazhi's own rebuild, or a site never built) renders them all"),
    ],
)
def test_a_run_renders_only_its_own_data_docs(
    two_runs: Path, tmp_path: Path, run_id: str | None, expected_rebuilt: bool, why: str
) -> None:
    data_dir = tmp_path / "project"
    shutil.copytree(two_runs, data_dir)
    settings = load_settings(data_dir=data_dir)
    docs = settings.data_docs_dir
    removed = _result_pages(docs, "run-one")[0]
    removed.unlink()  # stands for a page rendered long ago: is it rendered again?
    batch = planted_batch()
    run_gate(
        batch.documents,
        batch.facts,
        settings=settings,
        run_id="run-three",
        prior_values=batch.prior_values,
        render_docs=False,
    )
    index = render_data_docs(settings, run_id)
    assert len(_result_pages(docs, "run-three")) == len(SUITE_NAMES), why
    assert removed.is_file() is expected_rebuilt, why
    listed = index.read_text(encoding="utf-8") if index else ""
    assert listed.count("run-three") == len(SUITE_NAMES), "the offline listing holds the new run"
    assert "run-two" in listed, "and the runs before it"


def test_data_docs_load_nothing_remote_and_are_styled(two_runs: Path) -> None:
    docs = two_runs / "data_docs"
    pages = list(docs.rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not REMOTE.search(text), page
    one = next((docs / "validations").rglob("*.html"))
    text = one.read_text(encoding="utf-8")
    href = re.search(r'href="([^"]*bootstrap\.min\.css)"', text)
    assert href, "a result page links the vendored Bootstrap"
    assert (one.parent / href.group(1)).resolve().is_file()
    icons = re.search(r'href="([^"]*fontawesome/css/all\.min\.css)"', text)
    assert icons and (one.parent / icons.group(1)).resolve().is_file()
    fonts = (one.parent / icons.group(1)).resolve().parent.parent / "webfonts"
    assert list(fonts.glob("fa-solid-900.woff2")), "the stylesheet's fonts sit at ../webfonts/"


@pytest.mark.parametrize(
    ("tag", "expected", "reason"),
    [
        (
            '<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>',
            '<link rel="stylesheet" href="v/bootstrap.min.css"/>',
            "Bootstrap CSS is vendored",
        ),
        (
            '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>',
            '<script src="v/jquery.min.js"></script>',
            "jQuery is vendored",
        ),
        (
            '<script src="https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js"></script>',
            '<script src="v/bootstrap.bundle.min.js"></script>',
            "Bootstrap JS becomes the bundle, which carries Popper",
        ),
        (
            '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>',
            "",
            "a remote script without a vendored copy is dropped",
        ),
        (
            '<link href="https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css" rel="stylesheet">',
            '<link href="v/fontawesome/css/all.min.css" rel="stylesheet">',
            "the icon font is vendored",
        ),
        (
            '<link href="https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css" rel="stylesheet">',
            "",
            "a remote style without a vendored copy is dropped",
        ),
        (
            '<img src="https://assets.example/logo.png?dataContextId=1" alt="logo"/>',
            "",
            "a remote image (a tracking pixel in effect) is dropped",
        ),
        (
            '<link rel="stylesheet" href="local.css">',
            '<link rel="stylesheet" href="local.css">',
            "local links stay",
        ),
        (
            '<a href="https://greatexpectations.io">GX</a>',
            '<a href="https://greatexpectations.io">GX</a>',
            "links are not loads",
        ),
    ],
    ids=[
        "bootstrap css",
        "jquery",
        "bootstrap js",
        "vega",
        "font awesome",
        "bootstrap table",
        "image",
        "local",
        "anchor",
    ],
)
def test_localise(tag: str, expected: str, reason: str) -> None:
    assert localise(tag, "v") == expected, reason


@pytest.mark.parametrize(
    "run_id",
    [
        "20261203T181555Z-8716ad",  # dateutil reads "8716ad" as an offset of days (CI, 3 Dec)
        "20261203T181555Z-abc123",  # an ordinary run id
    ],
)
def test_a_run_id_that_reads_as_a_date_is_gated(tmp_path: Path, run_id: str) -> None:
    settings = load_settings(data_dir=tmp_path)
    batch = planted_batch()
    result = run_gate(
        batch.documents,
        batch.facts,
        settings=settings,
        run_id=run_id,
        prior_values=batch.prior_values,
        render_docs=False,
    )
    assert result.quarantine.height > 0
    kept = list((tmp_path / "gx" / "uncommitted" / "validations").rglob("*.json"))
    assert {part for path in kept for part in path.parts if part == run_id} == {run_id}
