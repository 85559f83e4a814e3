"""DOCX bytes → text of the body: paragraphs and tables in document order (python-docx).

Reads a WordprocessingML package; writes nothing. Headers, footers and comments are not body
text. A table row becomes one line with its cells separated by a space; a merged cell counts once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from fazhi.errors import ParseError
from fazhi.parse.formats.lines import tidy_lines

# python-docx reports a malformed package through whatever fails first inside it.
CORRUPT_DOCX_ERRORS = (
    PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, AttributeError,
    TypeError, IndexError,
)  # fmt: skip


def docx_text(data: bytes) -> str:
    """Body text of a DOCX, one line per paragraph or table row; ParseError when unreadable."""
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document.iter_inner_content()))
    except CORRUPT_DOCX_ERRORS as exc:
        raise ParseError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from exc
    text = tidy_lines("\n".join(lines))
    if not text:
        raise ParseError("DOCX has no body text")
    return text


def _body_lines(blocks: Iterator[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from table_lines(block)


def table_lines(table: Table) -> Iterator[str]:
    """One line per row, cells separated by a space; nested tables follow their row."""
    for row in table.rows:
        seen: set[int] = set()
        cells: list[_Cell] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats in row.cells
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        yield " ".join(_cell_text(cell) for cell in cells if _cell_text(cell))
        for cell in cells:
            for nested in cell.tables:
                yield from table_lines(nested)


def _cell_text(cell: _Cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
