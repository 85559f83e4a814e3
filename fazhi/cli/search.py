"""``fazhi search WORDS...``: find reports by Chinese words in their text."""

from __future__ import annotations

from typing import Annotated

import duckdb
import typer

from fazhi.cli.app import DataDirOption, app, settings_for
from fazhi.cli.warehouse import open_reader
from fazhi.warehouse.search import search


@app.command("search")
def search_command(
    words: Annotated[list[str], typer.Argument(help="Words every report found must contain.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many reports.")] = 20,
    data_dir: DataDirOption = None,
) -> None:
    """Find reports whose text holds every word, best match first.

    Prints each report's title, locality, year, URL and the words around the first match.

    Example: [bold]fazhi search 行政复议 纠错率[/bold]
    """
    sql_dir = settings_for(data_dir).sql_dir
    con = open_reader(data_dir)
    try:
        hits = search(con, " ".join(words), sql_dir, limit)
    except duckdb.Error as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        con.close()
    for n, hit in enumerate(hits, start=1):
        place = " ".join(p for p in (hit.province, hit.locality_name) if p) or "locality unknown"
        typer.echo(f"{n}. {hit.title or '(no title)'}")
        typer.echo(f"   {place} · {hit.report_year or 'year unknown'} · {hit.url or ''}")
        typer.echo(f"   {hit.snippet}")
    typer.echo(f"{len(hits)} report(s) found")
