"""DOC / WPS bytes → text of the main document (Word 97-2003 binary, pure Python).

Reads an OLE2 compound file (olefile) and the Word piece table: the FIB names the table stream
and the CLX, whose piece descriptors say where each run of characters lives in the WordDocument
stream and whether it is stored as cp1252 bytes or UTF-16. Only the main-document characters
(the first ccpText) are read, so headers, footnotes and text boxes are left out. WPS Office saves
.wps files in this same format. No system binary (antiword, LibreOffice) is needed.

Field codes are dropped and their results kept (a HYPERLINK field shows its text). Table cells end
with \\x07 and a row ends with one more \\x07, so "\\x07\\x07" ends a row line and a single one
separates cells with a space; an empty cell in the middle of a row therefore reads as a row end,
since telling them apart needs the paragraph properties (fTtp), which this reader does not parse.
For the same reason (no character properties) text deleted under tracked changes, which Word
keeps in the character stream, is read as if it were still there.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

import olefile

from fazhi.errors import ParseError
from fazhi.parse.failures import reading
from fazhi.parse.formats.lines import tidy_lines, undecodable_reason

WORD8_IDENT = 0xA5EC
WORD97_NFIB = 0x00C1
FLAG_ENCRYPTED = 0x0100
FLAG_TABLE_1 = 0x0200
FLAG_OBFUSCATED = 0x8000
FIB_BASE_BYTES = 32
CLX_PAIR_INDEX = 33  # fcClx / lcbClx in FibRgFcLcb97
CCP_TEXT_INDEX = 3  # ccpText in FibRgLw97
COMPRESSED_FC = 0x40000000

FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
CELL_MARK = "\x07"
# Special characters of the Word binary format and what a reader sees in their place.
SPECIAL_CHARACTERS = {
    "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": "",
    "\x01": "", "\x02": "", "\x03": "", "\x04": "", "\x05": "", "\x08": "", "\xa0": " ",
}  # fmt: skip


@dataclass(frozen=True)
class Fib:
    """The parts of the File Information Block this reader needs."""

    table_stream: str
    ccp_text: int
    fc_clx: int
    lcb_clx: int


def doc_text(data: bytes, *, label: str = "DOC") -> str:
    """Main-document text of a Word 97-2003 binary file (also .wps); ParseError when unreadable."""
    with reading(label):
        word, fib, table = _read_streams(data, label)
        pieces = read_piece_table(table[fib.fc_clx : fib.fc_clx + fib.lcb_clx], label)
        raw = piece_text(word, pieces, fib.ccp_text)
    shown = render_word_chars(raw)
    reason = undecodable_reason(shown)
    if reason:
        raise ParseError(f"undecodable {label} text: {reason}")
    text = tidy_lines(shown)
    if not text:
        raise ParseError(f"{label} has no main-document text")
    return text


def _read_streams(data: bytes, label: str) -> tuple[bytes, Fib, bytes]:
    if not olefile.isOleFile(io.BytesIO(data)):
        raise ParseError(f"corrupt {label}: not an OLE2 compound file")
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if ole.exists("EncryptedPackage"):
            raise ParseError("encrypted DOCX (password-protected OOXML in an OLE container)")
        if not ole.exists("WordDocument"):
            names = ", ".join("/".join(entry) for entry in ole.listdir())
            raise ParseError(f"OLE file is not a Word document (streams: {names})")
        word = ole.openstream("WordDocument").read()
        fib = read_fib(word, label)
        if not ole.exists(fib.table_stream):
            raise ParseError(f"corrupt {label}: table stream {fib.table_stream} missing")
        return word, fib, ole.openstream(fib.table_stream).read()


def read_fib(word: bytes, label: str = "DOC") -> Fib:
    """The FIB fields that locate the text: table stream, ccpText and the CLX."""
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident != WORD8_IDENT or nfib < WORD97_NFIB:
        raise ParseError(f"unsupported {label}: Word 6/95 or older binary format (nFib {nfib:#x})")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & (FLAG_ENCRYPTED | FLAG_OBFUSCATED):
        raise ParseError(f"encrypted {label}: the document is password-protected")
    csw = struct.unpack_from("<H", word, FIB_BASE_BYTES)[0]
    lw_at = FIB_BASE_BYTES + 2 + csw * 2
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    ccp_text = struct.unpack_from("<i", word, lw_at + 2 + CCP_TEXT_INDEX * 4)[0]
    fc_lcb_at = lw_at + 2 + cslw * 4 + 2
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fc_lcb_at + CLX_PAIR_INDEX * 8)
    table_stream = "1Table" if flags & FLAG_TABLE_1 else "0Table"
    return Fib(table_stream, ccp_text, fc_clx, lcb_clx)


@dataclass(frozen=True)
class Piece:
    """A run of characters: CPs [cp_start, cp_end) stored at ``offset``, 1 or 2 bytes each."""

    cp_start: int
    cp_end: int
    offset: int
    compressed: bool


def read_piece_table(clx: bytes, label: str = "DOC") -> list[Piece]:
    """The pieces of the CLX's PlcPcd, after skipping its property modifiers (Prc)."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: 0x01, cbGrpprl, grpprl
        size = struct.unpack_from("<h", clx, at + 1)[0]
        if size < 0:  # a negative size would step back onto itself for ever
            raise ParseError(f"corrupt {label}: property modifier of negative size {size}")
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        raise ParseError(f"corrupt {label}: no piece table in the CLX")
    lcb = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5 : at + 5 + lcb]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for index in range(count):
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        compressed = bool(fc & COMPRESSED_FC)
        offset = (fc & ~COMPRESSED_FC) // 2 if compressed else fc
        pieces.append(Piece(cps[index], cps[index + 1], offset, compressed))
    return pieces


def piece_text(word: bytes, pieces: list[Piece], ccp_text: int) -> str:
    """The first ``ccp_text`` characters (the main document) gathered from the pieces."""
    chunks = []
    for piece in pieces:
        count = min(piece.cp_end, ccp_text) - piece.cp_start
        if count <= 0:
            continue
        if piece.compressed:
            chunks.append(word[piece.offset : piece.offset + count].decode("cp1252", "replace"))
        else:
            raw = word[piece.offset : piece.offset + 2 * count]
            chunks.append(raw.decode("utf-16-le", "replace"))
    return "".join(chunks)


def render_word_chars(raw: str) -> str:
    """Visible text of Word main-document characters: field results, cells, line breaks."""
    shown = _drop_field_codes(raw)
    shown = shown.replace(CELL_MARK * 2, "\n").replace(CELL_MARK, " ")
    return "".join(SPECIAL_CHARACTERS.get(ch, ch) for ch in shown)


def _drop_field_codes(raw: str) -> str:
    # Each open field is True once its separator is passed (its result is showing).
    open_fields: list[bool] = []
    out = []
    for ch in raw:
        if ch == FIELD_BEGIN:
            open_fields.append(False)
        elif ch == FIELD_SEPARATOR and open_fields:
            open_fields[-1] = True
        elif ch == FIELD_END and open_fields:
            open_fields.pop()
        elif all(open_fields):
            out.append(ch)
    return "".join(out)
