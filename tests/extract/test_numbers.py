"""Chinese and Arabic number parsing: real phrasings from reports, edge cases, Hypothesis."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.extract.normalize import normalise
from fazhi.extract.numbers import Quantity, find_quantities, parse_number

REPO = Path(__file__).resolve().parents[2]
GOLD_FACTS = REPO / "eval" / "gold" / "facts.csv"
SAMPLE_DOCS = sorted((REPO / "eval" / "docs").glob("*.txt"))


def quantities(raw: str) -> list[tuple[float, str | None, str | None, str]]:
    """What find_quantities reads in ``raw`` once normalised, without the spans."""
    return [(q.value, q.unit, q.scale, q.qualifier) for q in find_quantities(normalise(raw).text)]


# (words as written in a report, the quantity they state, why this row is here)
PHRASINGS = [
    # --- evidence of the gold facts (eval/gold/facts.csv), as the reports write it
    ("重大行政决策事项目录》（六项）", (6, "项", None, "exact"), "chinese-numeral-in-brackets"),
    ("重大行政决策事项听证目录》（四项）", (4, "项", None, "exact"), "chinese-four-in-brackets"),
    ("重大行政决策事项目录》(七项)", (7, "项", None, "exact"), "half-width-brackets"),
    ("重大行政决策事项听证目录》(二项)", (2, "项", None, "exact"), "er-not-liang-before-unit"),
    ("交办的涉法事务共 647 件", (647, "件", None, "exact"), "spaces-around-number"),
    ("涉及标的金额约 11 亿", (1.1e9, None, "亿", "approx"), "yue-approx-yi-scale-no-unit"),
    ("涉及标的金额约15.2亿", (1.52e9, None, "亿", "approx"), "decimal-times-yi"),
    ("起草和审核各类文件 152 件", (152, "件", None, "exact"), "plain-count"),
    ("全市 48 个执法主体", (48, "个", None, "exact"), "ge-measure-word"),
    ("公示行政检查共 431 宗", (431, "宗", None, "exact"), "zong-measure-word"),
    ("行政强制 7 宗", (7, "宗", None, "exact"), "single-digit"),
    ("全市 2103 名持执法证人员", (2103, "名", None, "exact"), "ming-measure-word"),
    ("共收到109宗行政复议申请", (109, "宗", None, "exact"), "no-spaces"),
    ("出庭率达292%", (292, "%", None, "exact"), "da-is-not-a-qualifier"),
    ("共开展普法宣传活动70场次", (70, "场次", None, "exact"), "changci-before-chang"),
    ("发放宣传资料35000余份", (35000, "份", None, "at_least"), "yu-after-number"),
    ("总人数3985人", (3985, "人", None, "exact"), "ren"),
    ("参考\n\n率 100%", (100, "%", None, "exact"), "percent-after-page-break"),
    ("累计培养“法律明白人”1464 人", (1464, "人", None, "exact"), "after-closing-quote"),
    ("人民调解委员会 433 个", (433, "个", None, "exact"), "unit-after-space"),
    ("调解成功率 99%", (99, "%", None, "exact"), "percent-after-space"),
    ("涉及金额 2799.76 万元", (27997600, "元", "万", "exact"), "wan-yuan-decimal-exact"),
    ("涉及金额4323.08万元", (43230800, "元", "万", "exact"), "wan-yuan-two-decimals"),
    ("接待群众咨询多达 3000 人次", (3000, "人次", None, "exact"), "duoda-means-as-many-as"),
    ("接待群众咨询约3100人次", (3100, "人次", None, "approx"), "yue-renci"),
    ("全市 8 所各律师事务所", (8, "所", None, "exact"), "suo-measure-word"),
    ("共有律师事务所8家", (8, "家", None, "exact"), "jia-after-noun"),
    ("3件规范性文件依规上报备案", (3, "件", None, "exact"), "number-opens-sentence"),
    ("成功率高达99.5%", (99.5, "%", None, "exact"), "gaoda-decimal-percent"),
    ("其中立案受理0宗", (0, "宗", None, "exact"), "zero"),
    ("2020年共收到行政复议申请1宗", (1, "宗", None, "exact"), "one-after-year"),
    ("培训共2场196人次", (196, "人次", None, "exact"), "two-counts-not-grouped"),
    ("暨2020年度学法考试1847人次", (1847, "人次", None, "exact"), "year-then-count"),
    ("参考率为100%", (100, "%", None, "exact"), "wei-before-percent"),
    ("调解成功率达97.6%", (97.6, "%", None, "exact"), "decimal-percent"),
    ("19个律师事务所43名律师", (43, "名", None, "exact"), "second-of-two-counts"),
    ("提供法律咨询1395次", (1395, "次", None, "exact"), "ci"),
    ("共出具各类文件审查意见1700余件次", (1700, "件次", None, "at_least"), "jianci-with-yu"),
    ("对全市700余个行政处罚实施主体进行核准公示", (700, "个", None, "at_least"), "yu-ge"),
    ("全年行政机关负责人出庭应诉率75.8%", (75.8, "%", None, "exact"), "rate-decimal"),
    ("开展宪法、民法典宣传活动约10338场次", (10338, "场次", None, "approx"), "yue-five-digits"),
    ("46万多人参考", (460000, "人", "万", "at_least"), "wan-then-duo"),
    ("开展矛盾纠纷排查4万次", (40000, "次", "万", "exact"), "wan-exact"),
    ("预防化解矛盾纠纷近8万件", (80000, "件", "万", "approx"), "jin-approx-wan"),
    ("调解成功率98.09%", (98.09, "%", None, "exact"), "two-decimal-percent"),
    ("全市现有人民陪审员逾4000人", (4000, "人", None, "at_least"), "yu-before-is-at-least"),
    ("新一届187名人民监督员选任工作", (187, "名", None, "exact"), "after-chinese-one"),
    ("先后培训行政执法人员300余人次", (300, "人次", None, "at_least"), "yu-renci"),
    ("评查执法卷宗64本", (64, "本", None, "exact"), "ben"),
    ("共开展矛盾纠纷排查528余次", (528, "次", None, "at_least"), "yu-after-non-round"),
    ("调解矛盾纠纷2075起", (2075, "起", None, "exact"), "qi-measure-word"),
    ("发放宣传册4万余份", (40000, "份", "万", "at_least"), "wan-yu-fen"),
    ("发放各类宣传资料3万余册份", (30000, "份", "万", "at_least"), "compound-cefen"),
    ("值班律师共提供咨询等法律服务600余件次", (600, "件次", None, "at_least"), "yu-jianci"),
    ("累计换发全国统一行政执法证件2万余张", (20000, "张", "万", "at_least"), "tongyi-not-count"),
    ("今年共开展专题宣传和法治讲座100余次", (100, "次", None, "at_least"), "yu-ci"),
    # --- other phrasings from the sample reports
    ("悬挂宣传横幅310余条", (310, "条", None, "at_least"), "yu-tiao"),
    ("接受群众咨询7100多人次", (7100, "人次", None, "at_least"), "duo-after-number"),
    ("合理法律意见建议百余条", (100, "条", "百", "at_least"), "bare-bai-with-yu"),
    ("挽回直接经济损失8660多万元", (86600000, "元", "万", "at_least"), "duo-before-wan"),
    ("受教育群众近4万人次", (40000, "人次", "万", "approx"), "jin-wan-renci"),
    ("受援人满意率达95%以上", (95, "%", None, "at_least"), "yishang-after-percent"),
    ("涉及诉讼标的额超133亿元", (1.33e10, "元", "亿", "at_least"), "chao-yi-yuan"),
    ("全市考生共16000余名", (16000, "名", None, "at_least"), "yu-ming"),
    ("收获近4014.2万浏览", (40142000, None, "万", "approx"), "decimal-wan-no-unit"),
    ("提供各类法律服务6.5万件", (65000, "件", "万", "exact"), "decimal-wan-jian"),
    ("减免费用25.63万元", (256300, "元", "万", "exact"), "wan-yuan-small"),
    ("超1100人次参加", (1100, "人次", None, "at_least"), "chao-before"),
    ("约50万人次参加", (500000, "人次", "万", "approx"), "yue-wan-renci"),
    ("审查、修订村规民约68件", (68, "件", None, "exact"), "minyue-is-not-yue"),
    ("犯罪时未满十八周岁", (18, "岁", None, "exact"), "zhousui-is-age"),
    ("挂牌成立三个“新", (3, "个", None, "exact"), "chinese-three-ge"),
    ("精准实施“二十条”", (20, "条", None, "exact"), "chinese-twenty-tiao"),
    ("数量同比增长一倍以上", (1, "倍", None, "at_least"), "yi-bei-yishang"),
    ("比去年同期增加77%", (77, "%", None, "exact"), "change-is-still-a-percent"),
    # --- the forms the brief names, and more Chinese numerals
    ("两千人", (2000, "人", "千", "exact"), "liang-qian"),
    ("一百零五件", (105, "件", None, "exact"), "ling-inside"),
    ("十二个", (12, "个", None, "exact"), "leading-shi"),
    ("三十余人", (30, "人", None, "at_least"), "sanshi-yu"),
    ("十余万人", (100000, "人", "万", "at_least"), "yu-between-numeral-and-wan"),
    ("三十万人", (300000, "人", "万", "exact"), "chinese-wan"),
    ("三点五万人", (35000, "人", "万", "exact"), "chinese-decimal-wan"),
    ("百分之九十五点五", (95.5, "%", None, "exact"), "baifenzhi-decimal"),
    ("百分之百", (100, "%", None, "exact"), "baifenzhi-bai"),
    ("千分之三", (3, "‰", None, "exact"), "qianfenzhi"),
    ("百分之95", (95, "%", None, "exact"), "baifenzhi-arabic"),
    ("二〇二三年", (2023, "年", None, "exact"), "year-digit-by-digit"),
    ("约 3000 人", (3000, "人", None, "approx"), "yue-with-spaces"),
    ("大约200人", (200, "人", None, "approx"), "dayue"),
    ("将近200人", (200, "人", None, "approx"), "jiangjin"),
    ("200人左右", (200, "人", None, "approx"), "zuoyou-after"),
    ("超过200人", (200, "人", None, "at_least"), "chaoguo"),
    ("不少于200人", (200, "人", None, "at_least"), "bushaoyu"),
    ("1,285宗", (1285, "宗", None, "exact"), "thousands-comma"),
    ("１，２８５宗", (1285, "宗", None, "exact"), "full-width-digits-and-comma"),
    ("1 285 宗", (1285, "宗", None, "exact"), "thousands-space"),
    ("３５％", (35, "%", None, "exact"), "full-width-percent"),
    ("提高3.5个百分点", (3.5, "百分点", None, "exact"), "percentage-points"),
    ("近三年", (3, "年", None, "exact"), "jin-with-years-means-last"),
    ("3个月", (3, "个月", None, "exact"), "months-duration"),
    ("12348热线", (12348, None, None, "exact"), "hotline-number-no-unit"),
    ("3千米", (3, "千米", None, "exact"), "qianmi-is-a-unit-not-a-scale"),
    ("1.2万亿元", (1.2e12, "元", "万亿", "exact"), "wanyi-scale"),
    ("後來辦結案件26宗", (26, "宗", None, "exact"), "traditional-characters"),
    ("化解矛盾纠纷近万件", (10000, "件", "万", "approx"), "jin-bare-wan"),
    ("培训执法人员逾千人", (1000, "人", "千", "at_least"), "yu-bare-qian"),
    ("印发“2023年工作要点”", (2023, "年", None, "exact"), "quoted-title-opening-with-a-year"),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [(raw, expected) for raw, expected, _ in PHRASINGS],
    ids=[reason for _, _, reason in PHRASINGS],
)  # fmt: skip
def test_phrasing_states_its_quantity(raw: str, expected: tuple) -> None:
    value, unit, scale, qualifier = expected
    assert (float(value), unit, scale, qualifier) in quantities(raw)


# (text, every quantity find_quantities must return, reason)
EXACT_LISTS = [
    ("1至11月", [(1, "月", None, "exact"), (11, "月", None, "exact")], "range-shares-unit"),
    ("3-5人", [(3, "人", None, "exact"), (5, "人", None, "exact")], "dash-range"),
    ("3-5万元", [(3e4, "元", "万", "exact"), (5e4, "元", "万", "exact")], "range-shares-scale"),
    ("2023年12月", [(2023, "年", None, "exact"), (12, "月", None, "exact")], "year-month"),
    (
        "2025-01-03",
        [(2025, "年", None, "exact"), (1, "月", None, "exact"), (3, "日", None, "exact")],
        "iso-date",
    ),
    (
        "2023.12.31",
        [(2023, "年", None, "exact"), (12, "月", None, "exact"), (31, "日", None, "exact")],
        "dotted-date",
    ),
    (
        "2025-13-45",
        [(2025, None, None, "exact"), (13, None, None, "exact"), (45, None, None, "exact")],
        "impossible-date",
    ),
    ("（2015-2020年）", [(2015, "年", None, "exact"), (2020, "年", None, "exact")], "year-range"),
    ("培训共2场196人次", [(2, "场", None, "exact"), (196, "人次", None, "exact")], "unit-between"),
    ("1.2.3", [(1.2, None, None, "exact")], "section-number-tail-dropped"),
    ("两千", [(2000, None, "千", "exact")], "unitless-chinese-with-magnitude"),
    ("一百零五", [(105, None, None, "exact")], "unitless-chinese-ling"),
    ("十二", [(12, None, None, "exact")], "unitless-shi-er"),
    ("三十余", [(30, None, None, "at_least")], "unitless-with-yu"),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [(raw, expected) for raw, expected, _ in EXACT_LISTS],
    ids=[reason for _, _, reason in EXACT_LISTS],
)  # fmt: skip
def test_text_yields_exactly(raw: str, expected: list[tuple]) -> None:
    assert quantities(raw) == [(float(v), u, s, q) for v, u, s, q in expected]


# Words that contain a numeral character but state no quantity.
NOT_QUANTITIES = [
    ("一是坚持方案引领", "yi-shi-enumeration"),
    ("推进一体化建设", "yitihua"),
    ("落实第一责任人职责", "ordinal-di-yi"),
    ("第二批共", "ordinal-di-er-pi"),
    ("第 3 次会议", "ordinal-arabic-with-space"),
    ("统一人员管理", "tongyi-before-ren"),
    ("唯一一个", "weiyi-yige-the-only-one"),
    ("“十四五”规划", "shisiwu-plan"),
    ("全面落实行政执法“三项制度”", "quoted-name"),
    ("全面落实三项制度", "unquoted-name"),
    ("千家万户", "idiom-qianjia-wanhu"),
    ("千方百计", "idiom-qianfang-baiji"),
    ("一起推进", "yiqi-together"),
    ("一部分群众", "yibufen-a-part"),
    ("三五成群", "vague-sanwu"),
    ("党的二十大精神", "party-congress-ordinal"),
    ("万人空巷", "bare-wan"),
    ("百姓", "bare-bai"),
    ("进一步加强", "jinyibu"),
    ("", "empty"),
]


@pytest.mark.parametrize(
    "raw", [raw for raw, _ in NOT_QUANTITIES], ids=[reason for _, reason in NOT_QUANTITIES]
)
def test_words_with_numerals_are_not_quantities(raw: str) -> None:
    assert quantities(raw) == []


# (text, the exact words the whole quantity covers, the number's own words, reason)
SPANS = [
    ("发放宣传资料35000余份、", "35000余份", "35000", "yu-and-unit-inside"),
    ("涉及标的金额约11亿；", "约11亿", "11亿", "qualifier-before-inside"),
    ("受援人满意率达95%以上。", "95%以上", "95", "yishang-inside"),
    ("百分之九十五点五的", "百分之九十五点五", "九十五点五", "baifenzhi-prefix-outside-number"),
    ("超过 200 人", "超过200人", "200", "chaoguo-inside"),
    ("（六项）", "六项", "六", "brackets-outside"),
]


@pytest.mark.parametrize(
    ("raw", "words", "number"), [row[:3] for row in SPANS], ids=[row[3] for row in SPANS]
)
def test_spans_cover_qualifier_number_and_unit(raw: str, words: str, number: str) -> None:
    text = normalise(raw).text
    [quantity] = find_quantities(text)
    assert text[quantity.start : quantity.end] == words
    assert text[quantity.number_start : quantity.number_end] == number


PARSE = [
    ("1,285", 1285, "thousands-separator"),
    ("2799.76", 2799.76, "decimal"),
    ("两千", 2000, "liang-qian"),
    ("十二", 12, "shi-er"),
    ("六", 6, "single"),
    ("一百零五", 105, "ling"),
    ("3.5万", 35000, "arabic-wan"),
    ("2799.76万", 27997600, "no-binary-rounding"),
    ("11亿", 1.1e9, "yi"),
    ("一万零三百", 10300, "wan-ling"),
    ("三亿零五万", 300050000, "yi-ling-wan"),
    ("二〇二三", 2023, "digit-by-digit"),
    ("九十五点五", 95.5, "chinese-decimal"),
    ("百", 100, "bare-bai"),
    ("一百十二", 112, "colloquial-bai-shi"),
    ("１２３", 123, "full-width"),
    ("99.5%", 99.5, "percent-sign"),
    ("百分之九十五", 95, "baifenzhi"),
    (" 42 ", 42, "surrounding-space"),
    ("十四五", None, "three-digits-no-magnitude"),
    ("一一", None, "repeated-digit"),
    ("一万二", None, "colloquial-abbreviation-refused"),
    ("万一", None, "word-wanyi"),
    ("千万", None, "word-qianwan-is-malformed"),
    ("两〇二三", None, "liang-in-digit-sequence"),
    ("abc", None, "letters"),
    ("", None, "empty"),
    ("1,2", None, "bad-grouping"),
    ("点五", None, "no-integer-part"),
    ("三点", None, "no-fraction"),
]


@pytest.mark.parametrize(("raw", "expected"), [r[:2] for r in PARSE], ids=[r[2] for r in PARSE])
def test_parse_number(raw: str, expected: float | None) -> None:
    assert parse_number(raw) == (None if expected is None else float(expected))


def _gold_rows() -> list[dict[str, str]]:
    with GOLD_FACTS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# The report's own measure word for each catalogue unit; the lead's code maps them.
UNIT_SPELLINGS = {
    "件": {"件", "宗", "起", "件次"},
    "人": {"人", "名", "位", "人次"},
    "人次": {"人次", "次", "件次"},
    "个": {"个"},
    "家": {"家", "所", "个"},
    "项": {"项"},
    "场次": {"场次", "场", "次"},
    "份": {"份"},
    "%": {"%"},
    "卷": {"卷", "本"},
    "次": {"次", "起"},
}


def _in_catalogue_unit(quantity: Quantity, unit: str) -> float | None:
    if unit == "万元":
        money = quantity.unit == "元" or (quantity.unit is None and quantity.scale in {"万", "亿"})
        return quantity.value / 1e4 if money else None
    return quantity.value if quantity.unit in UNIT_SPELLINGS[unit] else None


@pytest.mark.parametrize(
    "row", _gold_rows(), ids=lambda row: f"{row['doc'][:3]}-{row['indicator']}-{row['value']}"
)
def test_every_gold_evidence_states_the_gold_figure(row: dict[str, str]) -> None:
    found = find_quantities(normalise(row["evidence"]).text)
    if row["required"] == "yes":
        readings = {(_in_catalogue_unit(q, row["unit"]), q.qualifier) for q in found}
    else:  # optional readings may count people by their posts (21个司法所所长 → 21 人)
        readings = {(q.value, q.qualifier) for q in found}
    assert (float(row["value"]), row["qualifier"]) in readings


@pytest.mark.parametrize("path", SAMPLE_DOCS, ids=lambda path: path.name[:3])
def test_sample_report_quantities_map_back_to_their_words(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    normalised = normalise(original)
    found = find_quantities(normalised.text)
    assert len(found) > 20
    for quantity in found:
        start, end = normalised.to_original(quantity.start, quantity.end)
        words = original[start:end]
        assert normalise(words).text == normalised.text[quantity.start : quantity.end]


# ---------------------------------------------------------------- Hypothesis

CN_UNITS = st.sampled_from(["件", "人", "人次", "个", "项", "场次", "份", "元"])


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip_arabic_and_grouped(number: int) -> None:
    assert parse_number(str(number)) == float(number)
    assert parse_number(f"{number:,}") == float(number)


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False))
def test_decimals_round_trip(number: object) -> None:
    assert parse_number(str(number)) == float(str(number))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_chinese_numerals_round_trip_and_agree_with_cn2an(number: int) -> None:
    numeral = cn2an.an2cn(number)
    assert parse_number(numeral) == float(number)
    assert cn2an.cn2an(numeral, "strict") == number


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**8), CN_UNITS, st.sampled_from(["", "余", "多"]))
def test_numbers_in_a_sentence_are_found(number: int, unit: str, suffix: str) -> None:
    sentence = f"全年共办理{number:,}{suffix}{unit}，同比增长。"
    [quantity] = find_quantities(normalise(sentence).text)
    assert (quantity.value, quantity.unit) == (float(number), unit)
    assert quantity.qualifier == ("at_least" if suffix else "exact")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=10**8 - 1), CN_UNITS)
def test_chinese_numerals_in_a_sentence_are_found(number: int, unit: str) -> None:
    sentence = f"全年共办理{cn2an.an2cn(number)}{unit}。"
    [quantity] = find_quantities(sentence)
    assert (quantity.value, quantity.unit) == (float(number), unit)


NUMBERISH = st.text(
    alphabet="0123456789,.%‰约近超余多万亿千百十一二两三第年月日人件- 、“”（）\n", max_size=40
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), NUMBERISH))
def test_find_quantities_never_raises_and_spans_are_ordered(text: str) -> None:
    for quantity in find_quantities(text):
        assert 0 <= quantity.start <= quantity.number_start < quantity.number_end <= quantity.end
        assert quantity.end <= len(text)
        assert quantity.qualifier in {"exact", "approx", "at_least"}
    assert parse_number(text) is None or isinstance(parse_number(text), float)


# Inputs no report has, which must still come back without an exception.
PATHOLOGICAL = [
    ("9" * 5000 + "万元", "five-thousand-digits-times-wan"),
    ("一" * 500 + "点五", "long-digit-run-with-fraction"),
    ("百分之" + "9" * 5000, "huge-percent"),
    ("二〇" * 3000 + "年", "endless-year"),
    ("一二三四五六七八九十" * 1000, "numeral-soup"),
    ("约" * 1000 + "1人", "qualifier-run"),
    ("\x00\ud800\U0010ffff", "control-surrogate-astral"),
]


@pytest.mark.parametrize("raw", [r for r, _ in PATHOLOGICAL], ids=[i for _, i in PATHOLOGICAL])
def test_pathological_input_does_not_raise(raw: str) -> None:
    for quantity in find_quantities(normalise(raw).text):
        assert quantity.qualifier in {"exact", "approx", "at_least"}
    parse_number(raw)


def test_non_string_input_gives_no_quantities() -> None:
    assert find_quantities(None) == []  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False),
    st.sampled_from(["万", "亿"]),
    st.sampled_from(["元", "人次", ""]),
)
def test_scaled_decimals_are_exact(number: object, scale: str, unit: str) -> None:
    sentence = f"涉及金额{number}{scale}{unit}，"
    [quantity] = find_quantities(sentence)
    factor = Decimal(10_000 if scale == "万" else 100_000_000)
    assert quantity.value == float(Decimal(str(number)) * factor)
    assert (quantity.unit, quantity.scale) == (unit or None, scale)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=100))
def test_chinese_percentages_round_trip(number: int) -> None:
    [quantity] = find_quantities(f"成功率达百分之{cn2an.an2cn(number)}。")
    assert (quantity.value, quantity.unit) == (float(number), "%")
