"""Extraction on local files (``fazhi extract``, ``fazhi eval``): bytes → text → extraction."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from fazhi.extract.document import ExtractedDocument, extract_document
from fazhi.extract.facts import RulePaths
from fazhi.parse.text import parse_document
from fazhi.schemas import CONTRACT_FACT_FIELDS, record_rows

SOURCE_HEADER = b"# source:"


@dataclass(frozen=True)
class LocalReport:
    """A local report file's bytes, without a leading provenance header, and the URL it names."""

    data: bytes
    source_url: str | None


def read_local_report(path: Path) -> LocalReport:
    """Bytes of a local report; a text file saved from a page may open with ``# source: URL``
    and further ``# key: value`` lines, then a blank line: that header is provenance, not text."""
    data = path.read_bytes()
    if not data.startswith(SOURCE_HEADER):
        return LocalReport(data, None)
    lines = data.split(b"\n")
    url = lines[0][len(SOURCE_HEADER) :].strip().decode("utf-8", "replace") or None
    body = 0
    while body < len(lines) and lines[body].startswith(b"# "):
        body += 1
    if body < len(lines) and not lines[body].strip():
        body += 1
    return LocalReport(b"\n".join(lines[body:]), url)


def extract_file(
    path: Path, *, locality_hint: str | None = None, rules: RulePaths | None = None
) -> ExtractedDocument:
    """Parse and extract one local report (.txt, .html, .pdf, .docx, .doc …) with the rules
    file and catalogue of ``rules`` (the packaged ones by default)."""
    local = read_local_report(path)
    parsed = parse_document(local.data, url=path.name)
    return extract_document(
        parsed.text,
        title=parsed.title,
        locality_hint=locality_hint,
        published_hint=parsed.published_on,
        source_url=local.source_url,
        rules=rules,
    )


def as_contract_json(path: Path, document: ExtractedDocument) -> dict[str, object]:
    """The JSON object of the ``fazhi extract --format jsonl`` contract."""
    meta = document.metadata
    return {
        "path": str(path),
        **asdict(meta),
        "published_on": meta.published_on.isoformat() if meta.published_on else None,
        "facts": [
            {**fact, "value": _json_number(fact["value"])}
            for fact in record_rows(document.facts, CONTRACT_FACT_FIELDS)
        ],
    }


def _json_number(value: object) -> object:
    """A whole number as an integer (``1215``, not ``1215.0``), as the contract shows it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def failed_contract_json(path: Path, reason: str) -> dict[str, object]:
    """The contract object for a file that could not be parsed: every field null, no facts."""
    return {
        "path": str(path),
        **dict.fromkeys(
            (
                "locality_code",
                "locality_name",
                "province",
                "city",
                "report_year",
                "issuer",
                "doc_type",
                "published_on",
                "township",
            ),
        ),
        "facts": [],
        "error": reason,
    }
