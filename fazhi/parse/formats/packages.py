"""ZIP-based formats (DOCX, OFD): members inflated under a byte budget counted as they stream.

Reads ZIP bytes; writes nothing. A fetched body is capped in bytes, but a few compressed kilobytes
can unpack to gigabytes (a zip bomb), and the sizes a ZIP declares are the attacker's to choose:
``zipfile`` trusts them and may inflate a whole member in one call. So a member is read in small
chunks and every inflated byte is counted against one budget for the document; only stored and
deflated members are accepted (bzip2 and LZMA members inflate without a bound in ``zipfile``).
"""

from __future__ import annotations

import io
import zipfile

from fazhi.errors import ParseError
from fazhi.parse.failures import reading

MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # declared total: far above any real report package
MAX_INFLATED_XML_BYTES = 48 * 1024 * 1024  # inflated XML of one document, really counted
READ_CHUNK_BYTES = 64 * 1024
ACCEPTED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


def check_unpacked_size(data: bytes, label: str, limit: int = MAX_UNPACKED_BYTES) -> None:
    """ParseError when the ZIP in ``data`` declares more than ``limit`` unpacked bytes."""
    with reading(label), zipfile.ZipFile(io.BytesIO(data)) as package:
        unpacked = sum(member.file_size for member in package.infolist())
    if unpacked > limit:
        raise ParseError(
            f"{label} unpacks to {unpacked:,} bytes (limit {limit:,}): refused as a zip bomb"
        )


class InflateBudget:
    """The inflated bytes one document may still read from its package."""

    def __init__(self, label: str, limit: int = MAX_INFLATED_XML_BYTES) -> None:
        self.label = label
        self.limit = limit
        self.spent = 0

    def read(self, package: zipfile.ZipFile, name: str) -> bytes:
        """Member ``name`` inflated chunk by chunk; ParseError once the budget is exceeded."""
        info = package.getinfo(name)
        if info.compress_type not in ACCEPTED_METHODS:
            raise ParseError(
                f"corrupt {self.label}: member {name} uses compression method "
                f"{info.compress_type}, not stored or deflated"
            )
        chunks = []
        with package.open(info) as member:
            while chunk := member.read(READ_CHUNK_BYTES):
                self.spent += len(chunk)
                if self.spent > self.limit:
                    raise ParseError(
                        f"{self.label} inflates past {self.limit:,} bytes of XML "
                        f"(at member {name}): refused as a zip bomb"
                    )
                chunks.append(chunk)
        return b"".join(chunks)


def is_markup_member(name: str) -> bool:
    """True for the XML parts a text reader needs (media and fonts are not read)."""
    return name.lower().endswith((".xml", ".rels"))


def bounded_markup_package(data: bytes, label: str) -> bytes:
    """The package re-packed with its XML parts inflated under budget and stored uncompressed,
    and every other part emptied: a library that reads members whole can then read no more
    than was counted."""
    budget = InflateBudget(label)
    out = io.BytesIO()
    with (
        reading(label),
        zipfile.ZipFile(io.BytesIO(data)) as package,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked,
    ):
        for info in package.infolist():
            if info.is_dir():
                continue
            body = budget.read(package, info.filename) if is_markup_member(info.filename) else b""
            repacked.writestr(info.filename, body)
    return out.getvalue()
