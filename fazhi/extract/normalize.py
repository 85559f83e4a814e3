"""Text normalisation: the string every extractor matches against, with a way back.

Reads a document's extracted text (a ``str``) and returns a :class:`NormalisedText`: the
normalised ``text`` and a map from every span of it to the span of the original it came from.

Every change is either a one-to-one character replacement (full-width → half-width, traditional →
simplified, ``，`` between digits → ``,``) or a deletion (spaces inside numbers and between Chinese
characters, line breaks inside a sentence, markdown heading markers, runs of blank lines, page
numbers, lines of site chrome such as 打印本页, pronunciation notes a converter left after a
character such as 關(guān)). Because nothing is ever inserted, the map is monotone and is stored as
runs of kept characters, so building it costs one entry per deletion instead of one per character.

A line break is removed when the line before it does not end a sentence (。！？；：…), is not a
heading ("一、…", "（二）…", "3.…", a markdown heading, or a short line without punctuation,
which reads as a title) and the next line continues it (not a heading, not "二是…", and never
a number after a number, which is a table, nor the line after a row of cells ending in its bar
"|"). Breaks that stay become a single "\n".
Normalising twice changes nothing, except that a removed markdown marker no longer protects its
heading line on the second pass.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain
from operator import sub
from pathlib import Path

import opencc

from fazhi.extract.records import by_constructor

__all__ = ["NormalisedText", "normalise", "normalise_line"]


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A normalised text and the offsets of its runs in the original.

    ``run_text_starts[k]`` is where the k-th run of kept characters starts in ``text`` and
    ``run_original_starts[k]`` where the same run starts in ``original``; inside a run offsets
    advance together.
    """

    text: str
    original: str
    run_text_starts: array[int]
    run_original_starts: array[int]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_constructor(self)  # compiled or not (fazhi.extract.records)

    def original_offset(self, index: int) -> int:
        """Offset in ``original`` of the character at ``index`` of ``text``."""
        run = bisect_right(self.run_text_starts, index) - 1
        return self.run_original_starts[run] + index - self.run_text_starts[run]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from (deleted edges excluded)."""
        size = len(self.text)
        start = min(max(start, 0), size)
        end = min(max(end, start), size)
        if size == 0:
            return (0, 0) if not self.original else (len(self.original), len(self.original))
        if start == size:
            tail = self.original_offset(size - 1) + 1
            return tail, tail
        first = self.original_offset(start)
        if end == start:
            return first, first
        return first, self.original_offset(end - 1) + 1


# ---------------------------------------------------------------- one-to-one character table

_FULL_WIDTH_KEPT = "（）《》“”‘’，。、；：！？【】〔〕「」『』"
"""Full-width punctuation that carries meaning in Chinese text and therefore stays as it is."""

_EXTRA_ONE_TO_ONE = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space (HTML &nbsp;)
    "\t": " ",
    "\r": "\n",
    "\f": "\n",  # page break from PDF text
    "\v": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}


def _full_width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # ！ .. ～ map to ! .. ~
        char = chr(code)
        if char not in _FULL_WIDTH_KEPT:
            table[code] = chr(code - 0xFEE0)
    return table


def _traditional_table() -> dict[int, str]:
    """Traditional → simplified, single characters only, so that lengths never change."""
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            traditional, _, candidates = line.rstrip("\n").partition("\t")
            simplified = candidates.split(" ")[0]
            if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
                table[ord(traditional)] = simplified
    return table


@cache
def _one_to_one_table() -> dict[int, str]:
    table = _traditional_table()
    table.update(_full_width_table())
    table.update({ord(k): v for k, v in _EXTRA_ONE_TO_ONE.items()})
    return table


# ---------------------------------------------------------------- deletions

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—·"
_SENTENCE_FINAL = "。！？；：…!?;:"
_CLOSERS = "”’）)》」』】〕\"'"
_CN_DIGITS = "一二三四五六七八九十"

# Each pattern starts with a literal character, so the regex engine skips straight to the
# spaces, newlines or commas it is about and scans the rest of the text at memchr speed.
_LINE_BREAK = re.compile(r"\n[ \n]*(?P<marker>[#]{1,6}[ ]+)?")
_SPACE = re.compile(rf"[ ](?<=[{_CJK}][ ])[ ]*(?=[{_CJK}0-9%‰])|[ ](?<=[0-9][ ])[ ]*(?=[{_CJK}%‰])")
_DIGIT_SPACE = re.compile(r"[ ](?<=[0-9][ ])(?=[0-9])")
_WIDE_COMMA = re.compile(r"，(?<=[0-9]，)(?=[0-9])")
_FIRST_HEADING = re.compile(r"[ \n]*[#]{1,6}[ ]+")
_GROUPED_NUMBER = re.compile(r"[0-9]{1,3}(?:[ ][0-9]{3})+(?:\.[0-9]+)?(?![0-9.]|[ ][0-9])")

# A line that starts like this is a heading or a list item, not the tail of a sentence.
_HEADING_START = re.compile(
    rf"""[ ]*(?:
        [#|>*]
      | [-—–][ ]*\d+[ ]*[-—–][ ]*(?:\n|\Z)
      | [{_CN_DIGITS}百]+[、.]
      | [（(][{_CN_DIGITS}\d]+[）)]
      | \d{{1,2}}(?:、(?![ ]*\d)|\.(?!\d))
      | 第[{_CN_DIGITS}\d]+[章节部分篇条]
      | (?:来源|信息来源|发布时间|发布日期|发布机构|索引号|浏览次数|成文日期)[ ]*[:：]
    )""",
    re.VERBOSE,
)
# "一是…", "二是…" enumerate points inside a paragraph: a new point never continues a sentence.
_ITEM_START = re.compile(rf"[{_CN_DIGITS}]+是")
_ANY_PUNCTUATION = re.compile(r"[，。、；：！？,;:!?]")
_PAGE_NUMBER_LINE = re.compile(
    r"[ ]*(?:[-—–][ ]*\d{1,4}[ ]*[-—–]|第[ ]*\d{1,4}[ ]*页(?:[ ]*共[ ]*\d{1,4}[ ]*页)?)[ ]*"
    r"(?:\n[ \n]*|\Z)"
)
# Site chrome that a page's text keeps between its paragraphs: sharing and printing buttons,
# font-size switches, read-aloud players. A line of only these goes like a page number.
_CHROME_WORDS = (
    r"扫一扫在手机上查看当前页面|打印本页|关闭窗口|【?打印】?|【?关闭】?|分享到[:：]?"
    r"|【?字号[:：]?[ ]*[大中小 ]*】?|语音播报|进入播报模式|退出播报"
    r"|语音合成中[，,]?请耐心等待\.{0,6}"
)
_CHROME_LINE = re.compile(
    rf"[ ]*(?:{_CHROME_WORDS})(?:[ ]*(?:{_CHROME_WORDS}))*[ ]*(?:\n[ \n]*|\Z)"
)
_SPACES_BEFORE_CJK = re.compile(rf"[ ]+(?=[{_CJK}0-9%‰])")
_PAGE_NUMBER_OPENERS = frozenset(" -—–第")
_CHROME_OPENERS = frozenset("扫打关【分字语进退")
# A pronunciation note a converter left after a character: 關(guān), 結（jié）
_PRONUNCIATION_NOTE = re.compile(
    r"[(（](?<=[\u3400-\u9fff][(（])(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]"
)
_CONTINUES = re.compile(rf"[{_CJK}A-Za-z\d%‰]")
_TITLE_MAX_CHARS = 30
"""A line this short with no punctuation at all reads as a title, not as a broken sentence."""
_HEADING_MAX_CHARS = 50
"""A numbered line ("（二）…", "3.…") longer than this is a paragraph broken mid-sentence."""
_LONG_LINE_CHARS = 4 * _HEADING_MAX_CHARS


def _line_is_heading(line: str) -> bool:
    size = len(line.strip())
    if _HEADING_START.match(line):
        return size <= _HEADING_MAX_CHARS and not any(mark in line for mark in "。！？；")
    return size <= _TITLE_MAX_CHARS and not _ANY_PUNCTUATION.search(line)


def _ends_sentence(line: str, may_be_heading: bool) -> bool:
    stripped = line.rstrip(" ").rstrip(_CLOSERS)
    if not stripped or stripped[-1] in _SENTENCE_FINAL:
        return True
    return may_be_heading and _line_is_heading(line)


def _joins_lines(text: str, line_start: int, start: int, end: int) -> bool:
    """True when the line break text[start:end] sits inside a sentence.

    The line before it runs from ``line_start``, the end of the last break that was kept, so a
    sentence broken twice is judged as the one line it will become.
    """
    # A line this long is no heading: judge it by its tail and keep the work linear.
    short = start - line_start <= _LONG_LINE_CHARS
    line = text[line_start if short else start - 8 : start].replace("\n", "").replace(" ", "")
    following = text[end]
    if not _CONTINUES.match(following) or _HEADING_START.match(text, end):
        return False
    if _ITEM_START.match(text, end):
        return False
    if following.isdigit() and line[-1:].isdigit():
        return False  # table cells or a list of figures: never glue two numbers together
    if line[-1:] == "|":
        return False  # a table's row ends at its last cell's bar: the next line is the next row
    return not _ends_sentence(line, short)


def _skip_page_numbers(text: str, end: int, headers: frozenset[str] = frozenset()) -> int:
    """Extend a line-break run over page-number lines ("- 3 -", "第3页"), lines of site
    chrome ("打印本页", "【字号：大 中 小】") and running headers (see ``_running_headers``)
    that follow it."""
    while end < len(text):
        if text[end] in _PAGE_NUMBER_OPENERS:
            chrome = _PAGE_NUMBER_LINE.match(text, end)
        elif text[end] in _CHROME_OPENERS:
            chrome = _CHROME_LINE.match(text, end)
        else:
            chrome = None
        if chrome is None and headers:
            chrome = _running_header_at(text, end, headers)
        if chrome is None or chrome.end() == end:
            break
        end = chrome.end()
    return end


_HEADER_MIN_CHARS = 6
_HEADER_MAX_CHARS = 40
_HEADER_LINE = re.compile(r"[ ]*(?P<line>[^\n]+?)[ ]*(?:\n[ \n]*|\Z)")


def _running_headers(text: str) -> frozenset[str]:
    """Lines a page repeats at every page break, as a PDF's running header or a site's banner
    printed again inside the text: a short line with no sentence in it that stands as a whole
    line more than once, and either opens the text (its title run at the top of each page)
    or stands beside a page number. Only its later appearances go; the first is the title."""
    if text.count("\n") < 3:
        return frozenset()
    lines = [line.strip() for line in text.split("\n")]
    counts: dict[str, int] = {}
    for line in lines:
        if _HEADER_MIN_CHARS <= len(line) <= _HEADER_MAX_CHARS and not any(
            mark in line for mark in "。！？；"
        ):
            counts[line] = counts.get(line, 0) + 1
    repeated = {line for line, count in counts.items() if count > 1}
    if not repeated:
        return frozenset()
    first = next((line for line in lines if line), "")
    by_page_number = {
        line
        for index, line in enumerate(lines)
        if line in repeated
        and any(
            0 <= near < len(lines) and _PAGE_NUMBER_LINE.fullmatch(lines[near])
            for near in (index - 1, index + 1)
        )
    }
    # the opening line repeated is the title: its first appearance stays (marked by a
    # leading newline); a banner beside page numbers goes wherever it stands
    return frozenset((by_page_number - {first}) | {"\n" + line for line in {first} & repeated})


def _running_header_at(text: str, end: int, headers: frozenset[str]) -> re.Match[str] | None:
    """The running header line starting at ``end``; a title repeated as one goes only after
    its first appearance."""
    # the words of the line (what the match's `line` group holds), looked up before the lazy
    # pattern runs: almost every line after a break is no header
    line_end = text.find("\n", end)
    words = text[end : line_end if line_end >= 0 else len(text)].strip(" ")
    if words not in headers and "\n" + words not in headers:
        return None
    line = _HEADER_LINE.match(text, end)
    if line is None:
        return None
    if line["line"] in headers:
        return line
    return line if "\n" + line["line"] in headers and text.find(line["line"]) < end else None


def _line_break_deletions(
    match: re.Match[str], line_start: int, body_start: int, headers: frozenset[str] = frozenset()
) -> tuple[list[tuple[int, int]], int]:
    """Delete a line break inside a sentence; elsewhere reduce the run to a single newline.

    Returns the deletions and where the next line starts (unchanged when the break is joined).
    """
    text = match.string
    newline = start = match.start()
    while start > 0 and text[start - 1] == " ":
        start -= 1  # trailing spaces of the line go with its break
    end = _skip_page_numbers(text, match.end(), headers)
    if start <= body_start or end >= len(text):
        return [(start, end)], end  # breaks before the first or after the last line go
    ends_sentence = text[start - 1] in _SENTENCE_FINAL  # the usual case, decided cheaply
    if not ends_sentence and not match["marker"] and _joins_lines(text, line_start, start, end):
        return [(start, end)], line_start
    kept = [span for span in ((start, newline), (newline + 1, end)) if span[1] > span[0]]
    return kept, end


def _grouped_deletions(text: str, space: int) -> list[tuple[int, int]]:
    """Spaces of thousands grouping ("1 285 宗") in the number around ``space``."""
    start = space
    while start > 0 and "0" <= text[start - 1] <= "9":
        start -= 1
    if start > 0 and text[start - 1] in ".,":
        return []
    grouped = _GROUPED_NUMBER.match(text, start)
    if grouped is None:
        return []
    return [(start + i, start + i + 1) for i, char in enumerate(grouped.group()) if char == " "]


def _pronunciation_deletions(text: str) -> list[tuple[int, int]]:
    """Pronunciation notes, and the spaces after one that the character before it makes
    deletable (關(guān) 關 reads 关关, as its second normalisation would have it)."""
    spans = []
    for match in _PRONUNCIATION_NOTE.finditer(text):
        spans.append(match.span())
        after = _SPACES_BEFORE_CJK.match(text, match.end())
        if after:
            spans.append(after.span())
    return spans


def _deletions(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` to delete, in order and not overlapping."""
    candidates = [span for match in _SPACE.finditer(text) if (span := match.span())]
    if "(" in text or "（" in text:
        candidates += _pronunciation_deletions(text)
    first_heading = _FIRST_HEADING.match(text)
    body_start = line_start = covered = first_heading.end() if first_heading else 0
    if first_heading:
        candidates.append(first_heading.span())
    headers = _running_headers(text)
    for match in _LINE_BREAK.finditer(text):
        if match.start() < covered:
            continue  # inside page chrome swallowed by the previous break
        breaks, line_start = _line_break_deletions(match, line_start, body_start, headers)
        candidates.extend(breaks)
        covered = max(covered, breaks[-1][1] if breaks else match.end())
    grouped_until = 0
    for match in _DIGIT_SPACE.finditer(text):
        if match.start() >= grouped_until:
            grouped = _grouped_deletions(text, match.start())
            candidates.extend(grouped)
            grouped_until = grouped[-1][1] if grouped else 0
    candidates.sort()
    deleted: list[tuple[int, int]] = []
    covered = 0
    for start, end in candidates:
        if end > covered:  # page chrome or a grouped number may already cover part of it
            deleted.append((max(start, covered), end))
            covered = end
    return deleted


@cache
def _translatable() -> re.Pattern[str]:
    """Runs of characters that the one-to-one table changes.

    Only characters of the Basic Multilingual Plane: a class that also held the few rare
    traditional variants beyond it compiles to a linear scan of thousands of ranges, 80 times
    slower than the bitmap a BMP-only class compiles to, and reports converted from GBK or
    GB18030 sources (nearly all of them) cannot contain those variants anyway.
    """
    keys = "".join(chr(code) for code in sorted(_one_to_one_table()) if code <= 0xFFFF)
    return re.compile(f"[{re.escape(keys)}]+")


def _translate(original: str) -> str:
    table = _one_to_one_table()
    # Most reports need few or no replacements: scanning for them beats str.translate's
    # per-character dictionary lookups several times over.
    return _translatable().sub(lambda run: run.group().translate(table), original)


_SPACE_IN_WORDS = re.compile(rf"(?<=[{_CJK}0-9])[ ]+(?=[{_CJK}0-9%‰])")


def normalise_line(line: str) -> str:
    """One line as ``normalise`` would write it, without joining lines: characters mapped
    one to one, spaces between characters and figures gone. No offsets are kept; cheaper than
    ``normalise`` for reading a title block line by line. Pronunciation notes go too
    (會(huì)議 reads 会议), as ``normalise`` drops them."""
    translated = _translate(line)
    if "(" in translated or "（" in translated:
        translated = _PRONUNCIATION_NOTE.sub("", translated)
    return _SPACE_IN_WORDS.sub("", translated)


# ---------------------------------------------------------------- two columns on one line

# A page laid out in two columns and extracted line by line holds both columns on each line,
# apart by a wide gap ("左栏的一行文字      右栏的一行文字"): read in order, the columns interleave.
_COLUMN_GAP = re.compile(r"(?<=\S)(?:[ ]{4,}|\u3000{2,}|\t+)(?=\S)")
_COLUMN_MIN_LINES = 3
_COLUMN_MIN_CHARS = 8  # a column narrower than this is a table's cells, not a page's column
_COLUMN_WIDTH_SLACK = 3  # left parts of one column differ this much at most (most of them)
_LABEL_START = re.compile(r"[\u4e00-\u9fff ]{2,8}[:：]")  # 发布机构： … 主题分类： is a table


_INDENTED_RIGHT = re.compile(r"(?:[ ]{8,}|\u3000{4,})(?=\S)")


def _column_split(line: str, inside: bool = False) -> tuple[int, int] | None:
    """Where the gap between a line's two columns starts and ends, if the line is two
    columns of text: one wide gap, text of a column's width on both sides, no labels.
    ``inside`` a block already found, a column may end its paragraph short (``成效。``) or
    be blank on the line (the right column alone, indented)."""
    if inside and (indent := _INDENTED_RIGHT.match(line)):
        return (0, indent.end()) if not _LABEL_START.match(line, indent.end()) else None
    gaps = list(_COLUMN_GAP.finditer(line))
    if len(gaps) != 1:
        return None
    left, right = line[: gaps[0].start()].strip(), line[gaps[0].end() :].strip()
    least = 1 if inside else _COLUMN_MIN_CHARS
    if min(_cjk_count(left), _cjk_count(right)) < least:
        return None
    if _LABEL_START.match(left) or _LABEL_START.match(right):
        return None
    return gaps[0].span()


def _cjk_count(part: str) -> int:
    return sum(1 for char in part if "\u4e00" <= char <= "\u9fff")


def _column_blocks(original: str) -> list[list[tuple[int, int, int, int]]]:
    """Runs of consecutive two-column lines: per line (line start, gap start, gap end,
    line end) in ``original``, for runs long enough and even enough to be a page's columns."""
    blocks: list[list[tuple[int, int, int, int]]] = []
    run: list[tuple[int, int, int, int]] = []
    position = 0
    for line in original.split("\n"):
        split = _column_split(line, inside=bool(run))
        if split:
            run.append((position, position + split[0], position + split[1], position + len(line)))
        else:
            if _even_columns(run):
                blocks.append(run)
            run = []
        position += len(line) + 1
    if _even_columns(run):
        blocks.append(run)
    return blocks


def _even_columns(run: list[tuple[int, int, int, int]]) -> bool:
    if len(run) < _COLUMN_MIN_LINES:
        return False
    widths = sorted(gap - start for start, gap, _, _ in run if gap > start)
    median = widths[len(widths) // 2]
    even = sum(1 for width in widths if abs(width - median) <= _COLUMN_WIDTH_SLACK)
    return even * 3 >= len(run) * 2


def _column_order(original: str) -> tuple[str, array[int]] | None:
    """``original`` with each two-column block read column by column, and the offset in
    ``original`` of every character of it; ``None`` when no line holds two columns.

    The left column's lines come first, each ending in a newline that stands for its gap,
    then the right column's, each ending in its own line's newline (or the gap's last
    character on the text's last line): characters are only moved, never made up."""
    if "    " not in original and "\t" not in original and "\u3000\u3000" not in original:
        return None
    blocks = _column_blocks(original)
    if not blocks:
        return None
    pieces: list[str] = []
    origin = array("i")
    done = 0
    for block in blocks:
        pieces.append(original[done : block[0][0]])
        origin.extend(range(done, block[0][0]))
        lefts = [(start, gap, gap) for start, gap, _, _ in block if gap > start]
        rights = [
            (gap_end, end, end if end < len(original) else gap_end - 1)
            for _, _, gap_end, end in block
        ]
        for column in (lefts, rights):
            for index, (start, end, newline) in enumerate(column):
                pieces.append(original[start:end])
                origin.extend(range(start, end))
                # a column's lines are one paragraph broken at the column's width: they join,
                # unless a line ends a sentence or a heading, or the column ends
                if _ends_column_line(original[start:end]) or index == len(column) - 1:
                    pieces.append("\n")
                    origin.append(newline)
        done = min(block[-1][3] + 1, len(original))
    pieces.append(original[done:])
    origin.extend(range(done, len(original)))
    return "".join(pieces), origin


def _ends_column_line(line: str) -> bool:
    stripped = line.rstrip(" \u3000")
    return not stripped or stripped[-1] in _SENTENCE_FINAL or stripped[-1] in "】〕]"


def _split_runs(
    text_starts: array[int], source_starts: list[int], lengths: list[int], origin: array[int]
) -> tuple[array[int], array[int]]:
    """Runs of the reordered source cut wherever its characters stop being neighbours in the
    original, with each piece's offset in the original."""
    cut_text, cut_original = array("i"), array("i")
    for text_start, source_start, length in zip(text_starts, source_starts, lengths, strict=True):
        for step in range(length):
            source = source_start + step
            if step == 0 or origin[source] != origin[source - 1] + 1:
                cut_text.append(text_start + step)
                cut_original.append(origin[source])
    if not cut_text:
        cut_text.append(0)
        cut_original.append(0)
    return cut_text, cut_original


def normalise(original: str) -> NormalisedText:
    """Normalise ``original`` for matching; see the module docstring for what changes."""
    columns = _column_order(original)
    if columns is not None:
        return _normalise_reordered(original, *columns)
    translated = _translate(original)
    deleted = _deletions(translated)
    # Kept runs lie between deletions: (0, s0), (e0, s1), …, (e_last, len); built with C-level
    # maps because a report has hundreds of them.
    bounds = [0, *chain.from_iterable(deleted), len(translated)]
    run_starts = bounds[0::2]
    run_ends = bounds[1::2]
    text = "".join(map(translated.__getitem__, map(slice, run_starts, run_ends)))
    if "，" in text:  # after the deletions, which may bring a digit next to it ("0 ，0")
        text = _WIDE_COMMA.sub(",", text)
    run_lengths = list(map(sub, run_ends, run_starts))
    text_starts = array("i", accumulate(run_lengths[:-1], initial=0))
    return NormalisedText(text, original, text_starts, array("i", run_starts))


def _normalise_reordered(original: str, source: str, origin: array[int]) -> NormalisedText:
    """``normalise`` of a text whose two-column blocks were read column by column: the same
    deletions on the reordered ``source``, offsets taken back through ``origin``."""
    base = normalise(source)
    lengths = [
        *map(sub, base.run_text_starts[1:], base.run_text_starts[:-1]),
        len(base.text) - base.run_text_starts[-1],
    ]
    text_starts, original_starts = _split_runs(
        base.run_text_starts, list(base.run_original_starts), lengths, origin
    )
    return NormalisedText(base.text, original, text_starts, original_starts)
