"""The offline listing of the Great Expectations Data Docs.

Reads the HTML pages Great Expectations rendered under ``settings.data_docs_dir``; writes one
plain page, ``offline_index.html``, beside them.
"""

from __future__ import annotations

import html
from pathlib import Path

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
