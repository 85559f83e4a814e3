"""DOCX bytes → text of the body: paragraphs and tables in document order (python-docx).

Reads a WordprocessingML package; writes nothing. Headers, footers and comments are not body
text. A table row becomes one line with its cells separated by a space; a merged cell counts once.
Blocks inside content controls (w:sdt) and custom XML are body text too, and a paragraph's text
includes runs python-docx's Paragraph.text skips (tracked insertions, inline content controls,
simple fields, smart tags); deleted text (w:delText) and text boxes (drawn, often twice, as
DrawingML and a VML fallback) are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from fazhi.errors import ParseError
from fazhi.parse.failures import reading
from fazhi.parse.formats.lines import tidy_lines
from fazhi.parse.formats.packages import bounded_markup_package, check_unpacked_size

# Elements that wrap body blocks without being blocks themselves.
BLOCK_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})
PARAGRAPH_TEXT = (
    ".//w:t[not(ancestor::w:txbxContent)] | .//w:tab[not(ancestor::w:txbxContent)]"
    " | .//w:br[not(ancestor::w:txbxContent)] | .//w:cr[not(ancestor::w:txbxContent)]"
)
BREAKS = frozenset({qn("w:br"), qn("w:cr")})


def docx_text(data: bytes) -> str:
    """Body text of a DOCX, one line per paragraph or table row; ParseError when unreadable."""
    check_unpacked_size(data, "DOCX")
    package = bounded_markup_package(data, "DOCX")
    with reading("DOCX"):
        document = docx.Document(io.BytesIO(package))
        lines = list(_block_lines(document.element.body, document))
    text = tidy_lines("\n".join(lines))
    if not text:
        raise ParseError("DOCX has no body text")
    return text


def body_blocks(container: BaseOxmlElement, parent: object) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables of a body or cell in document order, unwrapping content controls."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)  # type: ignore[arg-type]
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)  # type: ignore[arg-type]
        elif child.tag in BLOCK_WRAPPERS:
            yield from body_blocks(child, parent)


def paragraph_text(paragraph: Paragraph) -> str:
    """Every visible character of a paragraph's runs, wherever they are nested."""
    pieces = []
    for node in paragraph._p.xpath(PARAGRAPH_TEXT):
        if node.tag == qn("w:t"):
            pieces.append(node.text or "")
        else:
            pieces.append("\n" if node.tag in BREAKS else "\t")
    return "".join(pieces)


def _block_lines(container: BaseOxmlElement, parent: object) -> Iterator[str]:
    for block in body_blocks(container, parent):
        if isinstance(block, Paragraph):
            yield paragraph_text(block)
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
        texts = (_cell_text(cell) for cell in cells)
        yield " ".join(text for text in texts if text)
        for cell in cells:
            for nested in cell.tables:
                yield from table_lines(nested)


def _cell_text(cell: _Cell) -> str:
    paragraphs = (b for b in body_blocks(cell._tc, cell) if isinstance(b, Paragraph))
    texts = (" ".join(paragraph_text(p).split()) for p in paragraphs)
    return " ".join(text for text in texts if text)
