"""``fazhi search``: Chinese cut into character pairs, ranked by BM25 in SQL over postings that
each load extends, as DuckDB's fts index ranks the same terms."""

from __future__ import annotations

import re

import duckdb
import pytest
from typer.testing import CliRunner

from fazhi.cli import app
from fazhi.config import Settings
from fazhi.warehouse.db import connect_reader, writer
from fazhi.warehouse.extensions import load_extension
from fazhi.warehouse.load import load_batch
from fazhi.warehouse.search import search, segment, snippet
from tests.warehouse.conftest import SQL_DIR, document, staged_run

runner = CliRunner()

TEXTS = {
    "A": "一、基本情况\n2023年，全市共办理行政复议案件120件，行政复议纠错率为8.5%，较上年下降。",
    "B": "本年度受理行政复议申请45件，依法审结40件。",
    "C": "全年办理法律援助案件1215宗，人民调解成功率99%。",
    "D": "五、推进 行 政 执 法 规范化，开展执法 人员 培训。",  # PDF text: spaces between characters
}


@pytest.fixture
def searchable(settings: Settings) -> Settings:
    docs = [
        document("A", text=TEXTS["A"], title="甲市2023年法治政府建设年度报告"),
        document("B", text=TEXTS["B"], title="乙县司法局2023年工作总结", report_year=2023),
        document("C", text=TEXTS["C"], title="丙区2022年法治政府建设情况", report_year=2022),
        document("D", text=TEXTS["D"], title="丁县2021年工作总结", report_year=2021),
    ]
    with writer(settings) as con:
        load_batch(con, staged_run(documents=docs), SQL_DIR)
    return settings


@pytest.mark.parametrize(
    ("query", "expected", "reason"),
    [
        ("行政复议 纠错率", {"A"}, "every word must be in the report"),
        ("行政复议", {"A", "B"}, "a word in two reports"),
        ("复议", {"A", "B"}, "a part of a longer word is indexed too"),
        ("纠错", {"A"}, "the first part of 纠错率"),
        ("法律援助", {"C"}, "another report"),
        ("法治政府", {"A", "C"}, "words of the title count"),
        ("行政复议纠错率", {"A"}, "a phrase is cut into pairs like the text"),
        ("政复议", {"A", "B"}, "any piece of a word, whatever a dictionary would cut"),
        ("援", {"C"}, "one character, found inside the pairs it belongs to"),
        ("复议案", {"A"}, "pairs from two words, held as written by one report only"),
        ("仲裁", set(), "a word no report holds"),
        ("行政执法", {"D"}, "a word spaced out character by character, as PDF text has it"),
        ("执法人员", {"D"}, "a word cut by a space"),
        ("，。", set(), "punctuation only"),
    ],
    ids=[
        "two words",
        "one word",
        "part of a word",
        "prefix",
        "other report",
        "title",
        "phrase",
        "any piece",
        "one character",
        "across words",
        "absent",
        "spaced characters",
        "spaced word",
        "punctuation",
    ],
)
def test_search_finds_reports_by_chinese_words(
    searchable: Settings,
    query: str,
    expected: set[str],
    reason: str,
) -> None:
    con = connect_reader(searchable)
    try:
        found = {hit.doc_id for hit in search(con, query, SQL_DIR)}
    finally:
        con.close()
    assert found == expected, reason


def test_search_command_prints_title_place_year_url_and_snippet(searchable: Settings) -> None:
    result = runner.invoke(
        app, ["search", "行政复议", "纠错率", "--data-dir", str(searchable.data_dir)]
    )
    output = result.output
    assert result.exit_code == 0, output
    assert "1. 甲市2023年法治政府建设年度报告" in output
    assert "广东省 廉江市 · 2023 · http://127.0.0.1/A.html" in output
    assert re.search(r"全市共办理行政复议案件120件", output)
    assert "1 report(s) found" in output


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("短文本行政复议。", ["行政复议"], "短文本行政复议。"),
        ("前" * 50 + "复议" + "后" * 50, ["复议"], "…" + "前" * 40 + "复议" + "后" * 38 + "…"),
        ("一\n二\n  三 复议", ["复议"], "一 二 三 复议"),
        ("开头。推进行 政 执 法规范化", ["行政执法"], "开头。推进行 政 执 法规范化"),
        ("前" * 50 + "执 法" + "后" * 50, ["执法"], "…" + "前" * 40 + "执 法" + "后" * 37 + "…"),
    ],
    ids=[
        "short text whole",
        "cut on both sides",
        "line breaks become spaces",
        "spaced word found",
        "window starts at the spaced word",
    ],
)
def test_snippet(text: str, words: list[str], expected: str) -> None:
    assert snippet(text, words) == expected


@pytest.mark.parametrize(
    ("text", "terms", "reason"),
    [
        ("行政复议", ["行政", "政复", "复议"], "overlapping pairs of characters"),
        ("援", ["援"], "a lone character is its own term"),
        ("纠错率为8.5%。", ["纠错", "错率", "率为", "8", "5"], "digits apart, punctuation dropped"),
        ("C++ abc_DEF", ["c", "abc", "def"], "other letters in lower case, split at _ as fts"),
        ("执 法 人员", ["执法", "法人", "人员"], "spaces between characters (PDF text) joined"),
        ("，。", [], "nothing to index"),
    ],
    ids=["pairs", "lone", "digits", "latin", "spaced", "punctuation"],
)
def test_segment_cuts_text_into_index_terms(text: str, terms: list[str], reason: str) -> None:
    assert segment(text) == terms, reason


FTS_INDEX = (  # DuckDB's own BM25 over the same terms: the oracle the SQL BM25 must match
    "PRAGMA create_fts_index('document_words', 'doc_id', 'words', stemmer = 'none', "
    r"stopwords = 'none', ignore = '[^\p{L}\p{N}]+', strip_accents = 0, lower = 1, overwrite = 1)"
)
FTS_MATCH = (
    "SELECT doc_id, fts_main_document_words.match_bm25(doc_id, $1) AS score "
    "FROM document_words WHERE score IS NOT NULL"
)


def _ranked(con: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, float]]:
    return [(hit.doc_id, hit.score) for hit in search(con, query, SQL_DIR)]


def _words_table(con: duckdb.DuckDBPyConnection, name: str = "document_words") -> None:
    """Each loaded document's terms, space-separated, as the fts oracle indexes them."""
    rows = con.sql(
        "SELECT doc_id, coalesce(title, ''), text FROM dim_document JOIN document_text USING (doc_id)"
    ).fetchall()
    con.execute(f"CREATE OR REPLACE TABLE {name} (doc_id VARCHAR, words VARCHAR)")
    con.executemany(
        f"INSERT INTO {name} VALUES (?, ?)",
        [(doc, " ".join(segment(f"{title}\n{text}"))) for doc, title, text in rows],
    )


def test_loads_add_only_their_documents_and_rank_as_one_fts_index_over_all(
    settings: Settings,
) -> None:
    first = [
        document("A", text=TEXTS["A"], title="甲市2023年法治政府建设年度报告"),
        document("B", text=TEXTS["B"], title="乙县司法局2023年工作总结"),
        document("C", text=TEXTS["C"], title="丙区2022年法治政府建设情况", report_year=2022),
    ]
    later = [
        document("D", text=TEXTS["D"], title="丁县2021年工作总结", report_year=2021),
        document("E", text=TEXTS["A"] + TEXTS["C"], title="戊市行政复议 C++ 工作总结"),
    ]
    with writer(settings) as con:
        load_batch(con, staged_run(documents=first), SQL_DIR)
        before = con.sql("SELECT * FROM search_terms WHERE doc_id = 'A' ORDER BY term").fetchall()
        load_batch(con, staged_run("run-2", documents=later), SQL_DIR)
        # nothing new: nothing indexed, the postings unchanged
        load_batch(con, staged_run("run-3", documents=later), SQL_DIR)
        counted = con.sql("SELECT count(*), count(DISTINCT doc_id) FROM search_terms").fetchone()
        assert con.sql("SELECT count(*) FROM search_docs").fetchone() == (5,)
        after = con.sql("SELECT * FROM search_terms WHERE doc_id = 'A' ORDER BY term").fetchall()
        assert after == before and counted is not None and counted[1] == 5
        _words_table(con)
        load_extension(con, "fts")
        con.execute(FTS_INDEX)
        for query in ("行政复议 纠错率", "行政复议", "法治政府", "工作总结", "c", "复议 调解 执法"):
            tokens = " ".join(segment(query))
            oracle = dict(con.execute(FTS_MATCH, [tokens]).fetchall())
            ranked = _ranked(con, query)
            assert {doc for doc, _ in ranked} <= set(oracle), query
            for doc, score in ranked:
                assert score == pytest.approx(oracle[doc], rel=1e-12), (query, doc)
            scores = [score for _, score in ranked]
            assert scores == sorted(scores, reverse=True), query


def test_postings_of_another_tokenizer_are_rebuilt_at_the_next_load(settings: Settings) -> None:
    """A warehouse indexed by jieba's words (document_words, no recorded tokenizer) answers
    queries cut into pairs only after its postings are rebuilt: the next load does that."""
    first = [document("A", text=TEXTS["A"], title="甲市2023年法治政府建设年度报告")]
    with writer(settings) as con:
        load_batch(con, staged_run(documents=first), SQL_DIR)
        con.execute("DELETE FROM search_meta")  # as before the tokenizer was recorded
        con.execute("UPDATE search_terms SET term = '行政复议' WHERE term = '行政'")
        con.execute("CREATE TABLE document_words (doc_id VARCHAR, words VARCHAR)")
        assert {hit.doc_id for hit in search(con, "行政", SQL_DIR)} == set()
        load_batch(con, staged_run("run-2", documents=[document("B", text=TEXTS["B"])]), SQL_DIR)
        assert {hit.doc_id for hit in search(con, "行政", SQL_DIR)} == {"A", "B"}
        assert con.sql("SELECT count(*) FROM search_docs").fetchone() == (2,)
        tables = {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "document_words" not in tables
