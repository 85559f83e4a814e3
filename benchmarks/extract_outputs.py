"""Every output of extraction on a set of reports, written as JSON lines to compare two trees.

A speed change to the extractor must leave its outputs as they were. This writes, for each
report in several forms, its metadata, its facts (with their rule, words, offsets and sentence)
and every mention, one JSON object a line in a fixed order; running it on two trees and comparing
the files (``cmp``) shows whether anything changed and where.

The reports: the samples and the challenge sets (``eval/``), a generated benchmark corpus
(``benchmarks/corpus.py``, extracted with the hints the pipeline passes), and any further
folders given with ``--docs`` (with ``--split FILE --part dev`` only the documents of that part
are read: a sealed part is never opened). Each text is extracted as the file reads (parsed,
with its ``# source:`` address), as bare text, with CRLF line ends, cut to its second half, and
cut or repeated to 10 KB as the speed benchmark reads it.

Run: ``python -m benchmarks.extract_outputs --out /tmp/after.jsonl [--docs DIR --split S.csv
--part dev] [--corpus 300]``, then ``cmp /tmp/before.jsonl /tmp/after.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fazhi.extract.document import ExtractedDocument, extract_document

EVAL = Path(__file__).resolve().parent.parent / "eval"
LABELLED = ("docs", "challenge/docs", "challenge2/docs", "challenge3/docs")
TEN_KB = 10 * 1024


def labelled_paths(extra: list[Path], split: Path | None, part: str) -> list[Path]:
    """The labelled sets' files, and those of ``extra`` folders (of ``part`` when split)."""
    paths = [p for folder in LABELLED for p in sorted((EVAL / folder).iterdir()) if p.is_file()]
    chosen: set[str] | None = None
    if split is not None:
        with split.open(encoding="utf-8", newline="") as handle:
            chosen = {row["doc"] for row in csv.DictReader(handle) if row["part"] == part}
    for folder in extra:
        for path in sorted(folder.iterdir()):
            if path.is_file() and (chosen is None or path.name in chosen):
                paths.append(path)
    return paths


def forms(text: str) -> Iterator[tuple[str, str]]:
    """The text as written and in four other forms that move offsets, lines and openings."""
    yield "bare", text
    yield "crlf", text.replace("\n", "\r\n")
    yield "second-half", text[len(text) // 2 :]
    grown = text
    while grown and len(grown.encode()) < TEN_KB:
        grown += "\n" + grown
    cut = grown.encode()[:TEN_KB].decode("utf-8", "ignore")
    yield "ten-kb", cut[: cut.rfind("。") + 1] or cut


def record(label: str, document: ExtractedDocument) -> str:
    """One report's outputs as one JSON line (dates as ISO text, floats as ``repr``)."""
    return json.dumps(
        {
            "report": label,
            "metadata": asdict(document.metadata),
            "facts": [_as_dict(f) for f in document.facts],
            "mentions": [_as_dict(m) for m in document.mentions],
        },
        ensure_ascii=False,
        default=str,
        sort_keys=True,
    )


def _as_dict(record: Any) -> dict[str, object]:
    """A record's fields by name, whether a dataclass or a named tuple."""
    return dict(record._asdict()) if hasattr(record, "_asdict") else asdict(record)


def file_records(paths: list[Path]) -> Iterator[str]:
    from fazhi.extract.files import extract_file, read_local_report

    for path in paths:
        label = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"  # same in any tree
        yield record(f"{label}:file", extract_file(path))
        text = read_local_report(path).data.decode("utf-8", "replace")
        for name, form in forms(text):
            yield record(f"{label}:{name}", extract_document(form))


def corpus_records(reports: int) -> Iterator[str]:
    """The benchmark corpus's report pages, parsed and extracted as the pipeline does."""
    from benchmarks.corpus import build_corpus
    from fazhi.parse.text import parse_document

    site = build_corpus(reports, sources=3)
    for path, body in sorted(site.items()):
        if not path.rsplit("/", 1)[-1].startswith("t"):
            continue  # a listing page
        url = f"http://127.0.0.1{path}"
        parsed = parse_document(body, url=url)
        document = extract_document(
            parsed.text,
            title=parsed.title,
            published_hint=parsed.published_on,
            source_url=url,
        )
        yield record(url, document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--docs", type=Path, action="append", default=[])
    parser.add_argument("--split", type=Path)
    parser.add_argument("--part", default="dev")
    parser.add_argument("--corpus", type=int, default=300, help="generated reports")
    args = parser.parse_args()
    lines = 0
    with args.out.open("w", encoding="utf-8") as out:
        paths = labelled_paths(args.docs, args.split, args.part)
        for line in file_records(paths):
            out.write(line + "\n")
            lines += 1
        for line in corpus_records(args.corpus):
            out.write(line + "\n")
            lines += 1
    print(f"{lines} extractions written to {args.out}")


if __name__ == "__main__":
    main()
