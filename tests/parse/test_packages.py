"""ZIP-based formats refuse packages that would unpack to absurd sizes."""

from __future__ import annotations

import io
import zipfile

import pytest

from fazhi.errors import ParseError
from fazhi.parse.formats.packages import check_unpacked_size


def zip_with(member_bytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("Doc_0/Pages/Page_0/Content.xml", b"\0" * member_bytes)
    return out.getvalue()


SIZES = [
    pytest.param(1_000, 10_000, False, id="small-package-passes"),
    pytest.param(10_000, 10_000, False, id="exactly-at-the-limit-passes"),
    pytest.param(50_000, 10_000, True, id="compresses-well-but-unpacks-past-the-limit"),
]


@pytest.mark.parametrize(("member_bytes", "limit", "refused"), SIZES)
def test_check_unpacked_size(member_bytes: int, limit: int, refused: bool) -> None:
    data = zip_with(member_bytes)
    assert len(data) < limit  # what arrives over the wire is always small here
    if refused:
        with pytest.raises(ParseError, match="zip bomb"):
            check_unpacked_size(data, "OFD", limit=limit)
    else:
        check_unpacked_size(data, "OFD", limit=limit)


def test_not_a_zip_is_corrupt() -> None:
    with pytest.raises(ParseError, match="corrupt DOCX"):
        check_unpacked_size(b"PK\x03\x04 not really", "DOCX")
