"""Full-text search over report texts: Chinese segmented by jieba, ranked by BM25 in SQL.

At load, reads ``dim_document`` and ``document_text`` for documents not segmented yet, writes
their words to ``document_words`` and their postings to ``search_terms`` and ``search_docs``
(``fazhi/sql/search/``): a load adds only its new documents. DuckDB's fts index gave the same
ranking but can only be rebuilt over every document, which cost about 80 s per 1,000 reports at
each load; ``search.sql`` computes fts's BM25 over the postings instead.
A search segments the query the same way and returns current documents holding every word,
with title, locality, year, URL and a snippet around the first word found.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from fazhi.sql import read_sql, split_statements

SNIPPET_CHARS = 40  # on each side of the first matched word
_WORD = re.compile(r"[\w]", re.UNICODE)
_SPACE = re.compile(r"\s+")
# PDF text often spaces out Chinese characters (执 法); a word must not be cut there
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document found, and the words around the first query word in it."""

    doc_id: str
    title: str | None
    locality_name: str | None
    province: str | None
    report_year: int | None
    url: str | None
    score: float
    snippet: str


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary on stderr
    jieba.initialize()
    return jieba


def segment(text: str) -> list[str]:
    """The words of ``text``: jieba's search segmentation (long words and their parts)."""
    # HMM off: its guesses at unknown words cost a quarter of the time and only merge characters
    # into longer tokens, which recall does not need (the word check is literal)
    words = _jieba().cut_for_search(_HAN_GAP.sub("", text), HMM=False)
    return [w for w in words if _WORD.search(w)]


def refresh_search_index(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """Segment and index the documents new to the index; how many were added."""
    _script(con, sql_dir, "search/create_words")
    rows = con.execute(read_sql("search/unsegmented", sql_dir)).fetchall()
    if rows:
        words = [" ".join(segment(f"{title}\n{text}")) for _doc, title, text in rows]
        frame = pl.DataFrame({"doc_id": [r[0] for r in rows], "words": words})
        con.register("segmented_words", frame.to_arrow())
        try:
            _script(con, sql_dir, "search/insert_words")
        finally:
            con.unregister("segmented_words")
    # also indexes words segmented before the postings existed (a warehouse of the fts days)
    _script(con, sql_dir, "search/index_words")
    return len(rows)


def search(
    con: duckdb.DuckDBPyConnection, query: str, sql_dir: Path, limit: int = 20
) -> list[SearchHit]:
    """Current documents holding every word of ``query`` (split at spaces), best match first."""
    wanted = [w for w in query.split() if _WORD.search(w)]
    tokens = segment(" ".join(wanted))
    if not tokens or not con.execute(read_sql("search/index_exists", sql_dir)).fetchall()[0][0]:
        return []
    rows = con.execute(
        read_sql("search/search", sql_dir), [" ".join(tokens), wanted, limit]
    ).fetchall()
    return [_hit(row, wanted) for row in rows]


def _hit(row: tuple[Any, ...], wanted: list[str]) -> SearchHit:
    doc_id, title, locality_name, province, report_year, url, score, text = row
    return SearchHit(
        doc_id,
        title,
        locality_name,
        province,
        report_year,
        url,
        float(score),
        snippet(text or "", wanted),
    )


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """The text around the earliest of ``words`` it contains, on one line, with … at cuts."""
    match = _spaced(words).search(text) if any(words) else None
    at = match.start() if match else 0
    start, end = max(0, at - width), min(len(text), at + width)
    piece = _SPACE.sub(" ", text[start:end]).strip()
    return f"{'…' if start else ''}{piece}{'…' if end < len(text) else ''}"


def _spaced(words: list[str]) -> re.Pattern[str]:
    """Any of ``words``, allowing whitespace between their characters (as PDF text has)."""
    return re.compile("|".join(r"\s*".join(map(re.escape, w)) for w in words if w))


def _script(con: duckdb.DuckDBPyConnection, sql_dir: Path, name: str) -> None:
    for statement in split_statements(read_sql(name, sql_dir)):
        con.execute(statement)
