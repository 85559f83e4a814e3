"""Guard for ZIP-based formats (DOCX, OFD): refuse packages that unpack to absurd sizes.

Reads the ZIP central directory only; writes nothing. A fetched body is capped in bytes, but a
few compressed kilobytes can unpack to gigabytes (a zip bomb), and both python-docx and the OFD
reader inflate whole parts in memory.
"""

from __future__ import annotations

import io
import zipfile

from fazhi.errors import ParseError
from fazhi.parse.failures import reading

MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # far above any real report package


def check_unpacked_size(data: bytes, label: str, limit: int = MAX_UNPACKED_BYTES) -> None:
    """ParseError when the ZIP in ``data`` declares more than ``limit`` unpacked bytes."""
    with reading(label), zipfile.ZipFile(io.BytesIO(data)) as package:
        unpacked = sum(member.file_size for member in package.infolist())
    if unpacked > limit:
        raise ParseError(
            f"{label} unpacks to {unpacked:,} bytes (limit {limit:,}): refused as a zip bomb"
        )
