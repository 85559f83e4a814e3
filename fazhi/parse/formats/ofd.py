"""OFD bytes → text (GB/T 33190 电子文件存储与交换格式, a ZIP of XML parts).

Reads OFD.xml → the DocRoot Document.xml → its Pages in order → each page's Content.xml, and
takes the TextCode of every TextObject in drawing order. Codes whose baseline (TextObject
Boundary y + TextCode Y) stays within half a font size of the previous one continue the same line;
otherwise a new line starts. Pages are joined with "\n". Writes nothing.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from fazhi.errors import ParseError
from fazhi.parse.failures import reading
from fazhi.parse.formats.lines import tidy_lines
from fazhi.parse.formats.packages import InflateBudget, check_unpacked_size

DEFAULT_FONT_SIZE_MM = 3.5


def ofd_text(data: bytes) -> str:
    """Text of an OFD document in page order; ParseError when corrupt or image-only."""
    check_unpacked_size(data, "OFD")
    with reading("OFD"), zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = _Package(archive, InflateBudget("OFD"))
        doc_root = _doc_root(package)
        pages = [_page_text(package, path) for path in _page_paths(package, doc_root)]
    text = "\n".join(page for page in (tidy_lines(p) for p in pages) if page)
    if not text:
        raise ParseError(f"OFD has no text layer ({len(pages)} page(s) of images only)")
    return text


@dataclass(frozen=True)
class _Package:
    """The OFD's ZIP and the inflate budget every part read from it is counted against."""

    archive: zipfile.ZipFile
    budget: InflateBudget


def _xml(package: _Package, path: str) -> ElementTree.Element:
    return ElementTree.fromstring(package.budget.read(package.archive, path.lstrip("/")))


def _resolve(base_file: str, location: str) -> str:
    # OFD locations are relative to the referring file's folder, or absolute from the root.
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_file), location))


def _doc_root(package: _Package) -> str:
    root = _xml(package, "OFD.xml").find(".//{*}DocRoot")
    if root is None or not (root.text or "").strip():
        raise ParseError("corrupt OFD: OFD.xml names no DocRoot")
    return _resolve("OFD.xml", (root.text or "").strip())


def _page_paths(package: _Package, doc_root: str) -> list[str]:
    pages = _xml(package, doc_root).findall(".//{*}Pages/{*}Page")
    return [_resolve(doc_root, page.attrib["BaseLoc"]) for page in pages]


def _page_text(package: _Package, path: str) -> str:
    lines: list[str] = []
    last_baseline: float | None = None
    for text_object in _xml(package, path).iterfind(".//{*}TextObject"):
        top = float((text_object.get("Boundary") or "0 0").split()[1])
        tolerance = float(text_object.get("Size") or DEFAULT_FONT_SIZE_MM) / 2
        for code in text_object.iterfind("{*}TextCode"):
            baseline = top + float(code.get("Y") or 0)
            same_line = last_baseline is not None and abs(baseline - last_baseline) <= tolerance
            if same_line and lines:
                lines[-1] += code.text or ""
            else:
                lines.append(code.text or "")
            last_baseline = baseline
    return "\n".join(lines)
