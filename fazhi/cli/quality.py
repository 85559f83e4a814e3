"""``fazhi quarantine list`` and ``fazhi quarantine show ID``: the rows the quality gate refused."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Annotated, Any

import typer

from fazhi.cli.app import DataDirOption, app, settings_for

quarantine_app = typer.Typer(
    help="Rows the quality gate refused, with the expectations they failed.",
    no_args_is_help=True,
)
app.add_typer(quarantine_app, name="quarantine")
WIDTH = 80


@quarantine_app.command("list")
def list_quarantine(
    data_dir: DataDirOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include rows resolved or accepted since.")
    ] = False,
) -> None:
    """List open quarantined rows: id, what was refused, the document's title and URL, reasons.

    Each row takes a few lines that fit 80 columns; fazhi quarantine show ID prints one whole.

    Example: [bold]fazhi quarantine list --data-dir warehouse[/bold]
    """
    from fazhi.quality.quarantine import document_titles, read_quarantine

    settings = settings_for(data_dir)
    rows = read_quarantine(settings)
    if not show_all:
        rows = rows.filter(rows["status"] == "open")
    titles = document_titles(settings, rows.get_column("run_id").unique().to_list())
    rows = rows.join(titles, on="doc_id", how="left")
    for row in rows.iter_rows(named=True):
        for line in quarantine_lines(row):
            typer.echo(line)
    typer.echo(f"{rows.height} quarantined row(s){'' if show_all else ' open'}")


def quarantine_lines(row: dict[str, Any], width: int = WIDTH) -> list[str]:
    """The lines of one quarantined row, none wider than ``width`` display columns."""
    what = "document" if row["table_name"] == "documents" else f"fact {row['indicator'] or ''}"
    lines = [
        _fit(f"{row['id']}  {what} · {row['status']} · run {row['run_id']}", width),
        _fit(f"  {row.get('title') or '(title unknown)'}", width),
        _fit(f"  {row.get('url') or '(url unknown)'}", width),
    ]
    for reason in row["reasons"] or []:
        lines.extend(_wrap(f"  - {reason}", width))
    if row.get("decided_by"):
        day = f"{row['decided_at']:%Y-%m-%d}"
        lines.extend(_wrap(f"  {row['status']} by {row['decided_by']} {day}: {row['why']}", width))
    return lines


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns (a Chinese character takes two), ending in …."""
    if sum(map(_columns, text)) <= width:
        return text
    kept, used = [], 0
    for char in text:
        if used + _columns(char) > width - 1:
            break
        kept.append(char)
        used += _columns(char)
    return "".join(kept) + "…"


def _wrap(text: str, width: int, indent: str = "    ") -> list[str]:
    """``text`` in lines of at most ``width`` display columns, later lines indented."""
    lines: list[str] = []
    line, used = "", 0
    for char in text:
        if used + _columns(char) > width:
            lines.append(line.rstrip())
            line, used = indent, len(indent)
            if char == " ":
                continue
        line += char
        used += _columns(char)
    return [*lines, line.rstrip()]


@quarantine_app.command("show")
def show_quarantine(
    row_id: Annotated[str, typer.Argument(metavar="ID", help="Id (or unique prefix) from list.")],
    data_dir: DataDirOption = None,
) -> None:
    """Show one quarantined row: its reasons and the row as staged.

    Example: [bold]fazhi quarantine show 3f2a9c01de[/bold]
    """
    from fazhi.quality.quarantine import find_quarantined

    rows = find_quarantined(settings_for(data_dir), row_id)
    if rows.height != 1:
        problem = "no quarantined row" if rows.height == 0 else f"{rows.height} rows"
        typer.echo(f"{problem} with id {row_id!r}", err=True)
        raise typer.Exit(1)
    row = rows.row(0, named=True)
    for key in (
        "id",
        "run_id",
        "table_name",
        "doc_id",
        "indicator",
        "quarantined_at",
        "status",
        "resolved_by_run",
    ):
        typer.echo(f"{key}: {row[key] if row[key] is not None else ''}")
    typer.echo("reasons:")
    for reason in row["reasons"] or []:
        typer.echo(f"  - {reason}")
    typer.echo("row:")
    typer.echo(json.dumps(json.loads(row["row_json"]), ensure_ascii=False, indent=2))


WhyOption = Annotated[str, typer.Option("--why", help="Why you decide so (recorded).")]


@quarantine_app.command("accept")
def accept_quarantined(
    row_id: Annotated[str, typer.Argument(metavar="ID", help="Id (or unique prefix) from list.")],
    why: WhyOption,
    data_dir: DataDirOption = None,
) -> None:
    """Load a quarantined row anyway, flagged accepted_by_hand; records who, when and why.

    Accepting a document also loads the facts refused only because of it.

    Example: [bold]fazhi quarantine accept 3f2a9c01de --why "checked against the PDF"[/bold]
    """
    from fazhi.warehouse.review import accept

    decision = _decide(accept, data_dir, row_id, why)
    typer.echo(
        f"accepted {len(decision.row_ids)} row(s): loaded {decision.documents_loaded} "
        f"document(s) and {decision.facts_loaded} fact(s), flagged accepted_by_hand"
    )


@quarantine_app.command("resolve")
def resolve_quarantined(
    row_id: Annotated[str, typer.Argument(metavar="ID", help="Id (or unique prefix) from list.")],
    why: WhyOption,
    data_dir: DataDirOption = None,
) -> None:
    """Close a quarantined row without loading it; records who, when and why.

    Example: [bold]fazhi quarantine resolve 3f2a9c01de --why "a draft, not the report"[/bold]
    """
    from fazhi.warehouse.review import resolve

    decision = _decide(resolve, data_dir, row_id, why)
    typer.echo(f"resolved {decision.row_ids[0]} without loading it")


def _decide(action: Any, data_dir: Path | None, row_id: str, why: str) -> Any:
    from fazhi.errors import FazhiError

    try:
        return action(settings_for(data_dir), row_id, why)
    except (FazhiError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
