"""Full-text search over report texts: Chinese cut into overlapping character pairs (bigrams),
ranked by BM25 in SQL.

At load, reads the titles and texts of documents not indexed yet (the batch's, from the staged
documents) and adds their postings to ``search_terms`` and ``search_docs``
(``fazhi/sql/search/``): a load adds only its new documents. A search cuts the query the same
way, ranks candidates by the BM25 of DuckDB's fts extension written in SQL, and returns the
current documents holding every query word as
written, with title, locality, year, URL and a snippet around the first word found.

Bigrams, as Lucene's CJK analyzer indexes Chinese, Japanese and Korean, rather than a word
segmenter: every word of two or more characters is found whatever a dictionary knows (行政复议
is 行政 政复 复议, so 复议 and 政复议 find it too), and cutting is a slice, not a dictionary walk:
jieba's search mode took 50-125 ms per 10 KB report and was most of a load's time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa

from fazhi.sql import read_sql, split_statements

# Arrow as polars holds it (strings as views, not copies): what DuckDB is handed from polars
ARROW_SHARED = pl.CompatLevel.newest()

POSTINGS_CHUNK = 100  # documents cut into terms together
# documents whose postings are inserted together: a batch, ~750,000 rows, ~30 MB of Arrow
INSERT_DOCUMENTS = 500
SNIPPET_CHARS = 40  # on each side of the first matched word
TOKENIZER = "han-bigram-1"  # recorded with the postings; another value re-indexes every document
_WORD = re.compile(r"[\w]", re.UNICODE)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a run of Chinese characters, or a run of other letters and digits (fts's tokenizer splits at
# anything but letters and digits, so "_" separates too)
_RUN = re.compile(f"([{_HAN}]+)|([^\\W_{_HAN}]+)")
_SPACE = re.compile(r"\s+")
# PDF text often spaces out Chinese characters (执 法); a word must not be cut there
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_OTHER = re.compile(f"[^\\W_{_HAN}]+")  # the second kind of run of _RUN alone
# the code points of _HAN, every one of them in the Basic Multilingual Plane above U+07FF, so
# three bytes of UTF-8 each
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# the characters on both sides of a gap _HAN_GAP closes, as code points
_GAP_SIDE = (0x3400, 0x9FFF)
# whether each code point up to U+3000, the last of them, is one \s matches (str.isspace)
_SPACE_UPTO = 0x3000
_IS_SPACE = np.array([chr(c).isspace() for c in range(_SPACE_UPTO + 1)], dtype=bool)


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


def segment(text: str) -> list[str]:
    """The index terms of ``text``: each pair of neighbouring Chinese characters (a lone one as
    itself) and each run of other letters or digits in lower case."""
    terms: list[str] = []
    for han, other in _RUN.findall(_HAN_GAP.sub("", text)):
        if other:
            terms.append(other.lower())
        elif len(han) == 1:
            terms.append(han)
        else:
            terms.extend(han[i : i + 2] for i in range(len(han) - 1))
    return terms


def refresh_search_index(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """Index the documents new to the index; how many were added.

    A load's ``staged_documents`` are nearly always all of them, and their text is taken from
    there; the stored texts are read only when other documents are missing from the index."""
    _script(con, sql_dir, "search/create_index")
    if con.execute(read_sql("search/tokenizer", sql_dir)).fetchall()[0][0] != TOKENIZER:
        _script(con, sql_dir, "search/reset_index", [TOKENIZER])
    elsewhere = con.execute(read_sql("search/unindexed_elsewhere", sql_dir)).fetchall()[0][0]
    unindexed = "search/unindexed" if elsewhere else "search/unindexed_batch"
    rows = con.execute(read_sql(unindexed, sql_dir)).fetchall()
    for start in range(0, len(rows), INSERT_DOCUMENTS):
        documents = rows[start : start + INSERT_DOCUMENTS]
        # cut POSTINGS_CHUNK documents at a time, so that numpy's working arrays stay small,
        # and insert them together: one insert of a batch's ~750,000 postings took half the
        # CPU of five inserts of 100 documents' (DuckDB writes fewer, fuller row groups)
        new_postings = pa.concat_tables(
            postings(documents[at : at + POSTINGS_CHUNK]).to_arrow(compat_level=ARROW_SHARED)
            for at in range(0, len(documents), POSTINGS_CHUNK)
        )
        con.register("new_postings", new_postings)
        try:
            _script(con, sql_dir, "search/insert_postings")
        finally:
            con.unregister("new_postings")
    return len(rows)


def postings(documents: list[tuple[str, str, str]]) -> pl.DataFrame:
    """``doc_id``, ``term``, ``tf`` of each ``(doc_id, title, text)``, the terms ``segment``
    cuts from ``f"{title}\\n{text}"``; a document without any term has one row with a null term,
    so that its length (0) is recorded.

    The same rows as counting ``segment``'s terms document by document, but the Chinese pairs,
    nearly all of a report's terms, are counted as integers in numpy: making a Python string of
    each of a report's ~3,500 pairs and counting them in a dict cost ~2 ms a report, most of a
    load's time (``benchmarks/search_postings.py``)."""
    texts = [f"{title}\n{text}" for _, title, text in documents]
    han_doc, han_term, han_tf = _han_pairs(texts)
    other_doc: list[int] = []
    other_term: list[str] = []
    other_tf: list[int] = []
    # letters and digits, a few dozen runs a report; the gaps _HAN_GAP closes lie between two
    # characters that are in no such run, so they are found in the texts as they are
    for index, text in enumerate(texts):
        counted = Counter(run.lower() for run in _OTHER.findall(text))
        other_doc.extend([index] * len(counted))
        other_term.extend(counted)
        other_tf.extend(counted.values())
    found = np.union1d(han_doc, np.asarray(other_doc, dtype=np.int64))
    empty = np.setdiff1d(np.arange(len(texts), dtype=np.int64), found)
    doc = np.concatenate([han_doc, np.asarray(other_doc, dtype=np.int64), empty])
    term = pa.chunked_array(
        [han_term, pa.array(other_term, pa.string()), pa.nulls(len(empty), pa.string())]
    )
    tf = np.concatenate(
        [han_tf, np.asarray(other_tf, dtype=np.int32), np.zeros(len(empty), np.int32)]
    )
    doc_ids = pl.Series("doc_id", [doc_id for doc_id, _, _ in documents], dtype=pl.String())
    return pl.DataFrame(
        {"doc_id": doc_ids.gather(doc), "term": pl.from_arrow(term), "tf": tf},
        schema={"doc_id": pl.String(), "term": pl.String(), "tf": pl.Int32()},
    )


def _han_pairs(texts: list[str]) -> tuple[np.ndarray, pa.StringArray, np.ndarray]:
    """The Chinese terms of ``texts``, joined at spaced-out characters as ``segment`` joins them:
    the index of the text, the term (a pair of neighbouring Chinese characters, or a lone one)
    and its count."""
    codes = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32)
    doc = np.repeat(np.arange(len(texts), dtype=np.uint64), [len(t) + 1 for t in texts])
    doc = doc[: codes.size]  # no separator after the last text
    closed = ~_closed_gaps(codes)
    codes, doc = codes[closed], doc[closed]
    han = np.zeros(codes.size, dtype=bool)
    for low, high in _HAN_RANGES:
        han |= (codes >= low) & (codes <= high)
    before = np.zeros_like(han)
    before[1:] = han[:-1]
    after = np.zeros_like(han)
    after[:-1] = han[1:]
    wide = codes.astype(np.uint64)
    following = np.zeros_like(wide)  # the next character; 0 (no Chinese character) at a lone one
    following[:-1] = np.where(after[:-1], wide[1:], 0)
    # one integer per term and text: text << 32 | first character << 16 | second (or 0)
    start = han & (after | ~before)  # the first character of a pair, or a lone character
    keys = (doc[start] << np.uint64(32)) | (wide[start] << np.uint64(16)) | following[start]
    unique, counts = np.unique(keys, return_counts=True)
    pairs = np.stack([(unique >> np.uint64(16)) & np.uint64(0xFFFF), unique & np.uint64(0xFFFF)], 1)
    utf8 = (
        np.stack(  # each character as three bytes of UTF-8: 1110xxxx 10xxxxxx 10xxxxxx
            [
                0xE0 | (pairs >> np.uint64(12)),
                0x80 | ((pairs >> np.uint64(6)) & np.uint64(0x3F)),
                0x80 | (pairs & np.uint64(0x3F)),
            ],
            axis=2,
        )
        .astype(np.uint8)
        .reshape(-1, 6)
    )
    lone = pairs[:, 1] == 0
    keep = np.ones_like(utf8, dtype=bool)
    keep[lone, 3:] = False
    offsets = np.zeros(unique.size + 1, dtype=np.int32)
    np.cumsum(np.where(lone, 3, 6), out=offsets[1:])
    terms = pa.StringArray.from_buffers(
        unique.size, pa.py_buffer(offsets), pa.py_buffer(utf8[keep].tobytes())
    )
    return (unique >> np.uint64(32)).astype(np.int64), terms, counts.astype(np.int32)


def _closed_gaps(codes: np.ndarray) -> np.ndarray:
    """Where ``_HAN_GAP.sub("", …)`` would remove characters of the code points ``codes``: every
    whole run of spaces with a character of ``_GAP_SIDE`` on each side. The pattern, run on each
    report, took a fifth of the postings' time; the NUL joining two texts is no space, so no
    run spans two."""
    space = _IS_SPACE[np.minimum(codes, _SPACE_UPTO)] & (codes <= _SPACE_UPTO)
    if not space.any():
        return space
    side = (codes >= _GAP_SIDE[0]) & (codes <= _GAP_SIDE[1])
    first = space & ~np.concatenate(([False], space[:-1]))  # the first space of a run
    last = space & ~np.concatenate((space[1:], [False]))  # and its last
    starts, ends = np.flatnonzero(first), np.flatnonzero(last)
    before = np.zeros(starts.size, dtype=bool)
    has = starts > 0
    before[has] = side[starts[has] - 1]
    after = np.zeros(ends.size, dtype=bool)
    has = ends + 1 < codes.size
    after[has] = side[ends[has] + 1]
    run = np.cumsum(first) - 1  # at each space, the index of its run
    return space & (before & after)[np.maximum(run, 0)]


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


def _script(
    con: duckdb.DuckDBPyConnection, sql_dir: Path, name: str, parameters: list[object] | None = None
) -> None:
    for statement in split_statements(read_sql(name, sql_dir)):
        con.execute(statement, parameters if "$1" in statement else None)
