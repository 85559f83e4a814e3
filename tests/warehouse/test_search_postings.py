"""``postings`` counts terms as integers in numpy; it must give exactly the rows of counting
``segment``'s terms one document at a time, the way they were counted before (the oracle here),
so that postings already in a warehouse and new ones agree without re-indexing."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import polars as pl
import pytest

from benchmarks.search_postings import counter_postings as reference_postings
from fazhi.warehouse import search as search_module
from fazhi.warehouse.search import postings, refresh_search_index, segment
from tests.warehouse.conftest import SQL_DIR

SCHEMA = {"doc_id": pl.String(), "term": pl.String(), "tf": pl.Int32()}


def _rows(frame: pl.DataFrame) -> list[tuple[object, ...]]:
    return sorted(frame.rows(), key=lambda row: (row[0], row[1] or "", row[2]))


def assert_same_postings(documents: list[tuple[str, str, str]]) -> None:
    built = postings(documents)
    assert built.schema == pl.Schema(SCHEMA)
    assert _rows(built) == _rows(reference_postings(documents))


@pytest.mark.parametrize(
    ("title", "text", "reason"),
    [
        ("", "行政复议纠错率", "a run of Chinese characters: overlapping pairs"),
        ("", "复议复议复议", "a pair repeated: counted"),
        ("", "援", "a lone character is its own term"),
        ("援", "", "a lone character in the title, empty text"),
        ("", "", "no term at all: one row with a null term and tf 0"),
        ("", "，。、；：  \n\t", "punctuation and spaces only: no term"),
        ("", "援，助。援", "lone characters between punctuation, one of them twice"),
        ("", "五、推进 行 政 执 法 规范化", "spaced-out PDF characters joined into one run"),
        ("", "执\u3000法\u00a0人\r\n员", "ideographic, no-break and line-break spaces joined too"),
        ("", "执\x1c法\x1f人", "separators Python counts as spaces"),
        ("", "执\u200b法", "a zero-width space is not a space: two lone characters"),
        ("", "纠错率为8.5%，同比下降3个百分点", "digits apart from the Chinese pairs"),
        ("", "C++ abc_DEF ＡＢＣ", "other letters lower-cased, split at _; full-width too"),
        ("", "x_y__z _ 执_法", "underscores separate letters and Chinese characters alike"),
        ("", "ΑΣ ὈΔΥΣΣΕΎΣ İstanbul ǅ", "Greek final sigma, dotted capital I, title case"),
        ("", "x² ½ ① Ⅻ", "other numbers are letters or digits to Python"),
        ("", "é e\u0301 a\u0300b", "a combining mark splits a run, as Python's \\w has it"),
        ("", "㐀㐁 䶿丂 a㐀", "CJK extension A in runs with unified ideographs"),
        (
            "",
            "\uf900\uf901 \uf900 \ufa0e \ufad9",
            "compatibility ideographs: pairs; gaps among them stay",
        ),
        ("", "执 \uf900 法", "a gap next to a compatibility ideograph stays"),
        ("", "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000", "edges of the ranges"),
        ("", "\uf8ff\uf900\ufaff\ufb00 \ufaff", "edges of the compatibility block"),
        ("", "执 ䷀ 法 ䷁", "hexagram symbols: gaps around them go, yet they are no term"),
        ("", "中\U00020000文 𠀀𠀁", "ideographs beyond the first plane are no term"),
        ("", "中\x00文\x00", "NUL characters in the text"),
        ("", " 执 法 ", "spaces at both ends of a text: no neighbour on one side"),
        ("", "执 \n a法 \u3000\t\u00a0法", "a run before a letter stays whole; a mixed one goes"),
        ("执", " 法", "the title's last and the text's first character across the line break"),
        ("标题 一", "正文\n第二行 行政 执法", "title and text joined by a line break"),
        ("甲市2023年报告", "\n\n  一、基本情况  \n2023年，全市 共办理 案件120件。\n", "mixed"),
    ],
)
def test_postings_match_counting_segment_terms(title: str, text: str, reason: str) -> None:
    assert_same_postings([("d", title, text)]), reason


def test_documents_of_one_call_do_not_run_into_each_other() -> None:
    """Each document's last and next one's first character make no pair, whatever joins them."""
    assert_same_postings(
        [
            ("a", "", "行政"),
            ("b", "", "复议"),
            ("c", "", ""),
            ("d", "援", ""),
            ("e", "", "执 "),
            ("f", "", " 法"),
            ("g", "", "abc"),
            ("h", "", "DEF"),
        ]
    )


ALPHABET = (
    "行政复议执法人员援助年度报告"  # unified ideographs
    "\u3400\u4db5\u4dbf\uf900\uf901\ufad9\ufaff"  # extension A, compatibility
    "䷀"  # a hexagram symbol within the range where gaps close
    "abcXYZ0123456789_"
    "ΣσİÉé\u0301²½"
    "  \u3000\u00a0\n\t\x1c"
    "，。、%.-()"
)


@pytest.mark.parametrize("seed", range(5))
def test_postings_of_random_texts_match_counting_segment_terms(seed: int) -> None:
    """Texts drawn from every kind of character above, many documents at once, as a load does."""
    rng = random.Random(seed)
    documents = [
        (
            f"doc{index:03d}",
            "".join(rng.choices(ALPHABET, k=rng.randint(0, 8))),
            "".join(rng.choices(ALPHABET, k=rng.randint(0, 400))),
        )
        for index in range(150)
    ]
    assert_same_postings(documents)


def test_postings_of_no_document() -> None:
    built = postings([])
    assert built.height == 0
    assert built.schema == pl.Schema(SCHEMA)


@pytest.mark.parametrize(
    ("insert_documents", "postings_chunk", "staged", "reason"),
    [
        (500, 100, "abcde", "as a load runs: every document in one insert"),
        (3, 2, "abcde", "inserts and chunks that do not divide the documents"),
        (1, 1, "abcde", "a document at a time"),
        (500, 100, "", "nothing staged: every stored text is read (a new or reset index)"),
        (2, 1, "bd", "some stored documents outside the batch: those too"),
    ],
)
def test_refresh_indexes_every_new_document_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    insert_documents: int,
    postings_chunk: int,
    staged: str,
    reason: str,
) -> None:
    """The index step in a real DuckDB file: every unindexed document's postings and length,
    the empty one's too, however the documents are cut into chunks and inserts, whether the
    unindexed documents are the staged batch's (their text read from it) or stored before."""
    monkeypatch.setattr(search_module, "INSERT_DOCUMENTS", insert_documents)
    monkeypatch.setattr(search_module, "POSTINGS_CHUNK", postings_chunk)
    documents = [
        ("a", "甲市报告", "行政复议纠错率8.5%"),
        ("b", "", ""),
        ("c", "援", "执 法 人员 ABC_def"),
        ("d", "乙县", "行政复议 行政复议"),
        ("e", "", "，。"),
    ]
    with duckdb.connect(str(tmp_path / "index.duckdb")) as con:
        con.execute("CREATE TABLE dim_document (doc_id VARCHAR, title VARCHAR)")
        con.execute("CREATE TABLE document_text (doc_id VARCHAR, text VARCHAR)")
        con.executemany("INSERT INTO dim_document VALUES (?, ?)", [(d, t) for d, t, _ in documents])
        con.executemany(
            "INSERT INTO document_text VALUES (?, ?)", [(d, x) for d, _, x in documents]
        )
        con.execute("CREATE TABLE staged_documents (doc_id VARCHAR, text VARCHAR)")
        for doc_id, _, text in documents:
            if doc_id in staged:
                con.execute("INSERT INTO staged_documents VALUES (?, ?)", [doc_id, text])
        assert refresh_search_index(con, SQL_DIR) == len(documents), reason
        assert refresh_search_index(con, SQL_DIR) == 0, reason  # nothing new the second time
        terms = con.sql("SELECT doc_id, term, tf FROM search_terms").fetchall()
        lengths = dict(con.sql("SELECT doc_id, len FROM search_docs").fetchall())
    expected = reference_postings(documents)
    assert sorted(terms) == sorted(expected.filter(pl.col("term").is_not_null()).rows()), reason
    assert lengths == {d: len(segment(f"{t}\n{x}")) for d, t, x in documents}, reason
