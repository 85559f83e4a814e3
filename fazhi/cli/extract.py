"""``fazhi extract`` and ``fazhi eval``: extraction on local files, and its score on gold files."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from fazhi.cli.app import app
from fazhi.errors import TerminalError


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files: .txt .html .pdf .docx .doc")],
    output_format: Annotated[ExtractFormat, typer.Option("--format")] = ExtractFormat.table,
    locality_hint: Annotated[
        str | None,
        typer.Option("--locality-hint", help="GB/T 2260 code to use when the text names none"),
    ] = None,
) -> None:
    """Parse and extract local report files; touches no warehouse.

    Each file is parsed and extracted in a worker process under the pipeline's limits (5 s,
    1 GiB of memory, 1,000,000 characters of text by default; FAZHI_DOCUMENT_BUDGET_S,
    FAZHI_DOCUMENT_MEMORY_BYTES, FAZHI_MAX_TEXT_CHARS): a file over one is reported with the
    limit it crossed, like a file that cannot be parsed. Prints one JSON object per file with
    --format jsonl; a file that cannot be parsed gets an object with null fields, no facts and
    an "error". Exits 1 only when no file could be read.

    Example: [bold]fazhi extract eval/docs/000_0dfa771130875868.txt --format jsonl[/bold]
    """
    from fazhi.config import load_settings
    from fazhi.extract.facts import RulePaths
    from fazhi.extract.files import as_contract_json, failed_contract_json, read_local_report
    from fazhi.isolation import BoundedParser, DocumentJob, DocumentLimits

    console = Console()
    failed = 0
    settings = load_settings()
    # the same isolation as the pipeline's parse stage: a looping parser or a bomb costs this
    # command one document's budget and a worker, never a hang or the machine's memory
    with BoundedParser(DocumentLimits.from_settings(settings)) as bounded:
        for path in paths:
            try:
                local = read_local_report(path)
                job = DocumentJob(
                    local.data,
                    url=path.name,
                    locality_hint=locality_hint,
                    source_url=local.source_url,
                    rules=RulePaths.of(settings),
                )
                record = as_contract_json(path, bounded.run(job).extracted)
            except (TerminalError, OSError) as exc:
                failed += 1
                typer.echo(f"{path}: {exc}", err=True)
                record = failed_contract_json(path, str(exc))
            if output_format is ExtractFormat.jsonl:
                typer.echo(json.dumps(record, ensure_ascii=False))
            elif "error" not in record:
                console.print(_facts_table(record))
    if paths and failed == len(paths):
        raise typer.Exit(1)


def _facts_table(record: dict[str, object]) -> Table:
    meta = " · ".join(
        str(record[k])
        for k in (
            "locality_name",
            "locality_code",
            "report_year",
            "issuer",
            "doc_type",
            "published_on",
        )
    )
    table = Table(title=f"{record['path']}\n{meta}", title_justify="left")
    for column in ("indicator", "value", "unit", "qualifier", "words"):
        table.add_column(column)
    for fact in record["facts"]:  # type: ignore[attr-defined]
        table.add_row(
            fact["indicator"], f"{fact['value']:g}", fact["unit"], fact["qualifier"], fact["text"]
        )
    return table


@app.command("eval")
def evaluate_command(
    gold: Annotated[
        Path, typer.Option("--gold", help="Folder with documents.csv and facts.csv")
    ] = Path("eval/gold"),
    docs: Annotated[Path, typer.Option("--docs", help="Folder with the report files")] = Path(
        "eval/docs"
    ),
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Scores a change must not lower (default: baseline.json beside the gold folder)",
        ),
    ] = None,
    write_baseline: Annotated[
        bool, typer.Option("--write-baseline", help="Pin the current scores")
    ] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    split: Annotated[
        Path | None,
        typer.Option("--split", help="CSV of doc,part naming each document's part"),
    ] = None,
    part: Annotated[
        str | None, typer.Option("--part", help="Score only the documents of this part of --split")
    ] = None,
    sealed: Annotated[
        bool,
        typer.Option(
            "--sealed", help="Print totals with 95 % intervals only: no words, no per-document line"
        ),
    ] = False,
    history: Annotated[
        Path | None,
        typer.Option("--history", help="Append the totals with the current commit to this file"),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option("--label", help="Name of the scored set in the totals (default: the part)"),
    ] = None,
) -> None:
    """Score extraction against gold labels: fact P/R/F1, metadata accuracy, every miss.

    With --split and --part only that part is scored; --sealed shows totals and intervals
    without any words of the documents (for a part that must never be read).

    Example: [bold]fazhi eval --gold eval/gold --docs eval/docs[/bold]
    """
    from fazhi.config import load_settings
    from fazhi.extract import evaluate as ev
    from fazhi.extract.facts import RulePaths
    from fazhi.extract.files import extract_file

    rules = RulePaths.of(load_settings())  # FAZHI_PHRASINGS_PATH / FAZHI_CATALOG_PATH count
    only = None
    if split is not None and part is not None:
        only = frozenset(d for d, p in ev.read_split(split).items() if p == part)
    report = ev.evaluate(gold, docs, partial(extract_file, rules=rules), only=only)
    if sealed or history is not None:
        totals = ev.sealed_totals(report)
        label = label or part or gold.name
        if output_format == "json":
            typer.echo(json.dumps(totals, ensure_ascii=False, indent=2))
        else:
            typer.echo(ev.format_sealed_totals(totals, label))
        if history is not None:
            ev.append_history(history, totals, label)
            typer.echo(f"appended to {history}")
        if sealed:
            return
    if output_format == "json":
        typer.echo(json.dumps(ev.report_as_dict(report), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    baseline = baseline or gold.parent / "baseline.json"
    if write_baseline:
        ev.write_baseline(report, baseline)
        typer.echo(f"baseline written to {baseline}")
    elif baseline.is_file():
        problems = ev.regressions(report, baseline)
        for line in problems:
            typer.echo(f"REGRESSION: {line}", err=True)
        if problems:
            raise typer.Exit(1)


def _print_report(report: object) -> None:
    from fazhi.extract.evaluate import EvalReport

    assert isinstance(report, EvalReport)
    console = Console()
    o = report.overall
    console.print(
        f"[bold]facts[/bold]  precision {o.precision:.3f}  recall {o.recall:.3f}  "
        f"F1 {o.f1:.3f}   (TP {o.tp}, FP {o.fp}, FN {o.fn}; {report.documents} documents)"
    )
    table = Table("indicator", "P", "R", "F1", "TP", "FP", "FN", title="per indicator")
    for code, c in sorted(report.per_indicator.items()):
        table.add_row(
            code,
            f"{c.precision:.2f}",
            f"{c.recall:.2f}",
            f"{c.f1:.2f}",
            str(c.tp),
            str(c.fp),
            str(c.fn),
        )
    console.print(table)
    meta = Table("field", "accuracy", title="metadata")
    for name, value in report.metadata_accuracy().items():
        meta.add_row(name, f"{value:.2f}")
    console.print(meta)
    if report.findings:
        findings = Table(
            "kind", "doc", "item", "expected", "got", "words", title="misses and false figures"
        )
        for f in report.findings:
            findings.add_row(f.kind, f.doc[:12], f.item, f.expected, f.got, f.words)
        console.print(findings)
