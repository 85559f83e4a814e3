"""Line tidying and the undecodable-text check shared by the document formats."""

from __future__ import annotations

import pytest

from fazhi.parse.formats.lines import tidy_lines, undecodable_reason

TIDY = [
    pytest.param("甲\r\n乙\r丙", "甲\n乙\n丙", id="windows-and-old-mac-newlines"),
    pytest.param("　　甲 \t\n\n \n乙\xa0", "甲\n乙", id="indents-trailing-blanks-and-blank-lines"),
    pytest.param("甲\x0c乙\x0b丙", "甲\n乙\n丙", id="page-and-vertical-tab-break-lines"),
    pytest.param("共\x00 1215\x07 宗", "共 1215 宗", id="control-characters-removed"),
    pytest.param("a  b　c", "a  b　c", id="inner-spacing-kept-as-written"),
]


@pytest.mark.parametrize(("raw", "expected"), TIDY)
def test_tidy_lines(raw: str, expected: str) -> None:
    assert tidy_lines(raw) == expected


REPORT = "2023年共受理法律援助案件1215宗，办理公证事项3000件。" * 3
UNDECODABLE = [
    pytest.param(REPORT, False, id="chinese-report"),
    pytest.param(
        "In 2023 the bureau handled 1,215 legal-aid cases and 3,000 notarial acts in total.",
        False, id="english-prose",
    ),
    pytest.param("\ue001\ue002\ue003\ufffd\ufffd法", True, id="private-use-and-replacement"),
    pytest.param("\x81\x82\x83\x84 abc", True, id="c1-controls"),
    pytest.param('!"#$%&\'()*+,-./0122 3456-78\'(9:;<=>?@A BCDEFGH IB JKLMNOP QRNSTUVB', True,
                 id="subset-glyph-ids-read-as-ascii"),
    pytest.param("!?", False, id="too-short-to-judge"),
    pytest.param("", False, id="empty"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "undecodable"), UNDECODABLE)
def test_undecodable_reason(text: str, undecodable: bool) -> None:
    assert (undecodable_reason(text) is not None) is undecodable
