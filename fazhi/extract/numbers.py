"""Chinese and Arabic numbers in report text: every quantity with its unit, scale and qualifier.

Reads a (normalised, see :mod:`fazhi.extract.normalize`) text and returns :class:`Quantity`
records in text order. One compiled regular expression finds the candidates in a single pass;
values are converted only for candidates that survive the checks that tell a count ("六项",
"4万余份") from a word that merely contains a numeral ("一是", "统一", "十四五", “三项制度”).

Chinese numerals are parsed by a strict grammar of our own: cn2an reads "一一" as 11 and
"一万二" as 12000 and raises on "百", which is wrong for running text; the tests use cn2an as
the reference on well-formed numerals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

__all__ = ["PRODUCIBLE_UNITS", "SCALES", "Quantity", "find_quantities", "parse_number"]


class Quantity(NamedTuple):
    """A number in a text: fully scaled value, canonical unit, multiplier, qualifier and spans.

    A named tuple rather than a frozen dataclass: a report holds a hundred numbers or more, and
    a frozen dataclass sets each field through ``object.__setattr__`` (four times the cost of
    building the tuple). Immutable and hashable all the same.
    """

    value: float
    unit: str | None
    scale: str | None
    qualifier: str  # exact | approx | at_least
    start: int
    end: int
    number_start: int
    number_end: int


# ---------------------------------------------------------------- vocabulary

_SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_DECIMAL_SCALES = {word: Decimal(int(factor)) for word, factor in _SCALES.items()}

_UNIT_WORDS = (
    "个百分点 百分点 个工作日 工作日 周岁 个月 小时 分钟 平方公里 平方米 公里 千米 千克 周年 "
    "人次 件次 场次 批次 户次 车次 期次 份次 "
    "件 宗 起 人 名 位 场 次 份 册 个 家 所 项 条 卷 本 张 元 年 月 日 天 周 岁 "
    "户 处 批 期 篇 部 类 间 座 台 辆 套 亩 吨 米 倍 轮 届 组 队 块 幅 例 笔 单 支 % ‰ ％ 册份"
)
_UNITS = _UNIT_WORDS.split()  # longest first is arranged by _alternation
# unit characters that also begin ordinary words: "120单" counts cases (Guangdong's 宗/单), "12支
# 队伍" teams, but in "3单位" or "1支持" the character is the start of another word
_UNIT_NOT_BEFORE = {"单": "位元独项据列", "支": "持付出撑援"}
_CANONICAL_UNIT = {
    "周岁": "岁", "个百分点": "百分点", "个工作日": "工作日", "％": "%", "册份": "份",
}  # fmt: skip
_TIME_UNITS = frozenset({"年", "月", "日", "天", "周", "个月", "小时", "分钟", "工作日", "周年"})

# 不足 / 不到 / 少于 (at most) have no qualifier of their own in the contract; approx is the
# honest reading, never exact.
_APPROX_BEFORE: tuple[str, ...] = ("约为", "约有", "大约", "约", "将近", "接近", "近")
_APPROX_BEFORE += ("不足", "不到", "少于", "低于")
_AT_LEAST_BEFORE = ("超过", "超出", "超", "逾", "多于", "不少于", "不低于", "至少")
_APPROX_AFTER = ("左右", "上下", "以下", "以内")
_AT_LEAST_AFTER = ("以上", "余", "多")
_QUALIFIER = {word: "approx" for word in _APPROX_BEFORE + _APPROX_AFTER} | {
    word: "at_least" for word in _AT_LEAST_BEFORE + _AT_LEAST_AFTER
}

_CN_DIGIT_VALUES = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CN_MAGNITUDES = frozenset("十百千万亿")
_OPEN_QUOTES = frozenset("“\"「『‘'")
_RANGE_JOINERS = frozenset("-~至到—–－～")

# "统一", "唯一", "之一" … end in 一 but are words, not the start of a count; 无一 (无一人脱管)
# is "not a single one".
_WORDS_ENDING_IN_YI = frozenset("统唯之同单逐划合归专均万不无")
# 一起 is "together", 一部分 "a part"; a Chinese numeral + 项 + 制度 names a set of rules
# ("三项制度"), it does not count them.
_FALSE_COUNTS = {("一", "起"): "", ("一", "部"): "分"}
_NAMED_SETS = ("制度",)


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_UNIT_PATTERN = "|".join(
    re.escape(word) + (f"(?![{_UNIT_NOT_BEFORE[word]}])" if word in _UNIT_NOT_BEFORE else "")
    for word in sorted(_UNITS, key=len, reverse=True)
)
SCALES = dict(_SCALES)  # scale word → multiplier, longest first
# every unit a Quantity can carry (rules may only name these, or a scale before one: 万元)
PRODUCIBLE_UNITS = frozenset(_CANONICAL_UNIT.get(word, word) for word in _UNITS) | {"%", "‰"}
_SCALE_PATTERN = r"万亿|亿|万|千(?![米克瓦])|百(?!分)"
_CN_FRACTION = "点[〇零一二三四五六七八九]+"
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
# The pattern opens with one character class, the first character of every number, so the
# regex engine skips everything else in C; each branch then checks which kind of number that
# first character began. Words before the number (约, 超过, 第) are read in Python afterwards.
_NUMBER_RE = re.compile(
    rf"""
    [0-9{_CN_CHARS}]
    (?:
        (?<=[0-9])([0-9]{{3}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}})(?![0-9.])
      | (?<=[0-9])((?:[0-9]{{0,2}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?)
      | (?<=[百千])分之({_ARABIC}|[{_CN_CHARS}]++(?:{_CN_FRACTION})?)
      | (?<=[{_CN_CHARS}])([{_CN_CHARS}]*+(?:{_CN_FRACTION})?)
        (?=[余多]?(?:{_SCALE_PATTERN})?[余多]?[ ]?(?:{_UNIT_PATTERN})
          |(?<=[{_CN_CHARS}][{_CN_CHARS}])|(?<=点[〇零一二三四五六七八九])|(?<=[百千万])[余多])
    )
    ([余多])?
    ({_SCALE_PATTERN})?
    ([余多])?
    (?:[ ]?({_UNIT_PATTERN}))?
    (以上|左右|上下|以下|以内)?
    """,
    re.VERBOSE,
)
_DATE, _ARABIC_REST, _PERCENT, _CHINESE_REST, _MID, _SCALE, _MID_AFTER_SCALE, _UNIT, _AFTER = range(
    1, 10
)
_BEFORE_WORDS = tuple(sorted(_APPROX_BEFORE + _AT_LEAST_BEFORE, key=len, reverse=True))
# Words that end in a qualifier character without being a qualifier: 民约, 公约, 节约, 制约 …;
# 附近, 最近, 靠近 ….
_COMPOUNDS_ENDING_IN = {
    "约": frozenset("民公合契条节制预签履违邀协特租婚誓规盟相践赴失毁解续订守爽隐"),
    "近": frozenset("附最靠邻临就亲贴"),
    "超": frozenset("高赶"),
}
_BEFORE_LAST_CHARS = frozenset(word[-1] for word in _BEFORE_WORDS) | {"第", " "}


# ---------------------------------------------------------------- Chinese numerals

_SECTION_RE = re.compile(
    r"(?:(?P<thousands>[一二两三四五六七八九])千)?"
    r"(?:零?(?P<hundreds>[一二两三四五六七八九])百)?"
    r"(?:零?(?P<tens>[一二两三四五六七八九])?(?P<ten>十))?"
    r"(?:零?(?P<ones>[一二两三四五六七八九]))?"
)
_BARE_MAGNITUDE = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}


def _parse_section(section: str) -> float | None:
    """A numeral below 10,000 ("三千零五十", "十二"); None if malformed."""
    match = _SECTION_RE.fullmatch(section)
    if match is None or not section or section.startswith("零"):
        return None
    if match["ten"] and not match["tens"] and (match["thousands"] or match["hundreds"]):
        tens = 1  # "一百十二" is colloquial for 112
    elif match["ten"]:
        tens = _CN_DIGIT_VALUES[match["tens"]] if match["tens"] else 1
    else:
        tens = 0
    return float(
        1000 * _digit(match["thousands"]) + 100 * _digit(match["hundreds"]) + 10 * tens
        + _digit(match["ones"])
    )  # fmt: skip


def _digit(char: str | None) -> int:
    return _CN_DIGIT_VALUES[char] if char else 0


def _parse_below_yi(numeral: str) -> float | None:
    """A numeral below 10^8, with at most one 万."""
    if numeral.count("万") > 1:
        return None
    high, has_wan, low = numeral.partition("万")
    if not has_wan:
        return _parse_section(numeral)
    high_value = _parse_section(high)
    low_value = _parse_low_part(low, 1e3, _parse_section)
    if high_value is None or low_value is None:
        return None
    return high_value * 1e4 + low_value


def _parse_low_part(
    low: str, least_without_zero: float, parse: Callable[[str], float | None]
) -> float | None:
    """The part after 万 or 亿: 一万零三百 (零 marks a gap), 一万二千; "一万二" is refused."""
    if not low:
        return 0.0
    gap = low.startswith("零")
    value = parse(low[1:] if gap else low)
    if value is None or (value < least_without_zero) != gap:
        return None
    return value


def _parse_integer_numeral(numeral: str) -> float | None:
    if not numeral:
        return None
    if numeral in _BARE_MAGNITUDE:
        return _BARE_MAGNITUDE[numeral]
    if all(char in _CN_DIGIT_VALUES for char in numeral):
        return _digit_by_digit(numeral) if len(numeral) >= 3 or len(numeral) == 1 else None
    if numeral.count("亿") > 1:
        return None
    high, has_yi, low = numeral.partition("亿")
    if not has_yi:
        return _parse_below_yi(numeral)
    high_value = _parse_below_yi(high)
    low_value = _parse_low_part(low, 1e7, _parse_below_yi)
    if high_value is None or low_value is None:
        return None
    return high_value * 1e8 + low_value


def _digit_by_digit(numeral: str) -> float | None:
    """ "二〇二三" → 2023: years are written digit by digit; "两" never appears in them."""
    if "两" in numeral and len(numeral) > 1:
        return None
    return float("".join(str(_CN_DIGIT_VALUES[char]) for char in numeral))


def parse_chinese_numeral(numeral: str) -> float | None:
    """ "一百零五" → 105.0, "九十五点五" → 95.5, "二〇二三" → 2023.0; None if malformed."""
    integer, has_point, fraction = numeral.partition("点")
    value = _parse_integer_numeral(integer)
    if value is None or not has_point or not math.isfinite(value):
        return value
    if not fraction or any(char not in _CN_DIGIT_VALUES or char == "两" for char in fraction):
        return None
    return float(f"{int(value)}.{''.join(str(_CN_DIGIT_VALUES[char]) for char in fraction)}")


# ---------------------------------------------------------------- parse_number

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_ARABIC_RE = re.compile(
    r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<scale>万亿|亿|万|千|百)?[%‰]?"
)


def parse_number(s: str) -> float | None:
    """ "1,285" "2799.76" "两千" "十二" "一百零五" "3.5万" → value; None if not a number."""
    candidate = s.strip().translate(_FULL_WIDTH_DIGITS)
    for prefix in ("百分之", "千分之"):
        candidate = candidate.removeprefix(prefix)
    arabic = _ARABIC_RE.fullmatch(candidate)
    if arabic:
        value = float(arabic["number"].replace(",", ""))
        return _scaled(value, arabic["scale"]) if arabic["scale"] else value
    if candidate and all(char in _CN_CHARS or char == "点" for char in candidate):
        return parse_chinese_numeral(candidate)
    return None


# ---------------------------------------------------------------- find_quantities


def find_quantities(text: object) -> list[Quantity]:
    """Every quantity in ``text`` in order (none in what is not a string); never raises."""
    if not isinstance(text, str):
        return []
    found: list[Quantity] = []
    for match in _NUMBER_RE.finditer(text):
        start = match.start()
        before = _word_before(text, start) if text[start - 1 : start] in _BEFORE_LAST_CHARS else ""
        if before == "第":
            continue  # an ordinal, not a count
        if match.group(_DATE):
            found.extend(_date_parts(match))
            continue
        quantity = _quantity(match, before)
        if quantity is not None:
            found.append(quantity)
    return _spread_range_units(text, found)


def _word_before(text: str, start: int) -> str:
    """The qualifier word (约, 超过 …) or 第 that ends at ``start``, ignoring one space."""
    end = start - 1 if text[start - 1] == " " else start
    if text[end - 1 : end] == "第":
        return "第"
    for word in _BEFORE_WORDS:
        if text.endswith(word, 0, end):
            compound = _COMPOUNDS_ENDING_IN.get(word)
            if compound and text[end - len(word) - 1 : end - len(word)] in compound:
                return ""  # 村规民约68件 is "68 village rules", not "about 68"
            return word
    return ""


def _date_parts(match: re.Match[str]) -> list[Quantity]:
    """ "2025-01-03" → 2025 年, 1 月, 3 日 (each with its own span)."""
    base = match.start()
    date = match.string[base : match.end(_DATE)]
    parts = [piece.span() for piece in re.finditer(r"[0-9]+", date)]
    year, month, day = (float(date[start:end]) for start, end in parts)
    units: tuple[str | None, ...] = ("年", "月", "日")
    if not (1 <= month <= 12 and 1 <= day <= 31):
        units = (None, None, None)
    return [
        Quantity(value, unit, None, "exact", base + start, base + end, base + start, base + end)
        for value, unit, (start, end) in zip((year, month, day), units, parts, strict=True)
    ]


def _quantity(match: re.Match[str], before: str) -> Quantity | None:
    groups = match.groups()
    # in the order of the pattern's groups (_DATE … _AFTER); unpacked once, read as locals
    _, arabic_rest, percent, _, mid, scale_word, mid_after_scale, unit, after = groups
    text = match.string
    start = match.start()
    scale = scale_word
    if percent is not None:
        number_start = start + 3  # after 百分之 / 千分之
        number_end = match.end(_PERCENT)
        value = parse_number(percent)
        unit = "%" if text[start] == "百" else "‰"
    elif arabic_rest is not None:
        if text[start - 1 : start] == ".":
            return None  # the tail of a section number such as 1.2.3
        number_start = start
        number_end = match.end(_ARABIC_REST)
        value = float(text[start:number_end].replace(",", ""))
    else:
        number_start = start
        number_end = match.end(_CHINESE_REST)
        numeral = text[start:number_end]
        counts = _is_chinese_count(match, numeral, unit, before)
        value = parse_chinese_numeral(numeral) if counts else None
        if value is not None and scale is None and numeral[-1] in _SCALES:
            scale = numeral[-1]
    if value is None:
        return None
    if before:
        start -= len(before) + (text[start - 1] == " ")
    end = match.end()
    if text[start - 1 : start] in _OPEN_QUOTES and _is_quoted_name(text, start, end, unit):
        return None
    if scale_word is not None:
        value = _scaled(value, scale_word)
        number_end = match.end(_SCALE)
    if unit in _CANONICAL_UNIT:
        unit = _CANONICAL_UNIT[unit]
    qualified = before or mid or mid_after_scale or after
    qualifier = _qualifier(before, groups, unit) if qualified else "exact"
    # _make builds the tuple in C (the class's __new__ is a Python function of its own)
    return Quantity._make((value, unit, scale, qualifier, start, end, number_start, number_end))


def _scaled(value: float, scale: str) -> float:
    """2799.76 × 万 without binary rounding: 27997600.0, not 27997600.000000004."""
    if not math.isfinite(value):
        return value
    return float(Decimal(repr(value)) * _DECIMAL_SCALES[scale])


def _qualifier(before: str, groups: tuple[str | None, ...], unit: str | None) -> str:
    if before and not (before == "近" and unit in _TIME_UNITS):  # 近三年 = the last three years
        return _QUALIFIER[before]
    for word in (groups[_MID - 1], groups[_MID_AFTER_SCALE - 1], groups[_AFTER - 1]):
        if word:
            return _QUALIFIER[word]
    return "exact"


def _is_chinese_count(match: re.Match[str], numeral: str, unit: str | None, before: str) -> bool:
    """Tell "六项", "三十余" and "两千" from 一是, 统一人员, 千家万户, 一起, 三项制度."""
    text = match.string
    start = match.start()
    approximate = bool(match.group(_MID) or match.group(_MID_AFTER_SCALE))
    if numeral in _BARE_MAGNITUDE and numeral != "十":
        return approximate or bool(before)  # 百余条, 近万件, 逾千人; not 万人, 千家
    if numeral[0] == "一" and start > 0 and text[start - 1] in _WORDS_ENDING_IN_YI:
        return False
    if unit is not None:
        after_unit = _FALSE_COUNTS.get((numeral, unit))
        if after_unit is not None and text.startswith(after_unit, match.end(_UNIT)):
            return False
        if text.startswith(_NAMED_SETS, match.end(_UNIT)):
            return False
    integer = numeral.partition("点")[0]
    if len(integer) > 1 and all(char in _CN_DIGIT_VALUES for char in integer):
        return unit == "年"  # 二〇二三年; "三五" or "七八" are vague, "一一" is not a number
    if unit is None:
        if text.startswith("大", match.end()):
            return False  # 党的二十大: the 20th Party Congress, an ordinal
        return approximate or any(char in _CN_MAGNITUDES for char in numeral) or "点" in numeral
    return True


def _is_quoted_name(text: str, start: int, end: int, unit: str | None) -> bool:
    """“三项制度”, “1个全覆盖”: a number opening a quoted name is part of the name."""
    return (
        unit is not None
        and unit not in _TIME_UNITS  # “2023年工作要点” opens with a date, not a name
        and start > 0
        and text[start - 1] in _OPEN_QUOTES
        and end < len(text)
        and "\u4e00" <= text[end] <= "\u9fff"
    )


def _spread_range_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """In "3-5人" and "1至11月" the first number takes the unit and scale of the second."""
    for index in range(len(found) - 1):
        first = found[index]
        if first.unit is not None or first.scale is not None:
            continue
        second = found[index + 1]
        if (
            second.unit is not None
            and second.number_start - first.end == 1
            and second.start == second.number_start
            and text[first.end] in _RANGE_JOINERS
        ):
            value = _scaled(first.value, second.scale) if second.scale else first.value
            found[index] = Quantity(
                value, second.unit, second.scale, first.qualifier,
                first.start, first.end, first.number_start, first.number_end,
            )  # fmt: skip
    return found
