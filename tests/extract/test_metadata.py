"""Document metadata on report openings and signatures phrased as real reports phrase them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fazhi import localities
from fazhi.extract.document import extract_document
from fazhi.extract.files import as_contract_json, extract_file
from fazhi.extract.metadata import SourceEvidence, _provinces_named, extract_metadata
from fazhi.extract.metadata_rules import MetadataRulesError, load_metadata_rules
from fazhi.extract.normalize import normalise
from fazhi.extract.source_url import url_date, url_divisions
from fazhi.localities import dated_codes, divisions_by_code, townships_by_name


def meta(text: str, **hints: object):  # type: ignore[no-untyped-def]
    return extract_metadata(normalise(text).text, original=text, **hints)  # type: ignore[arg-type]


_FILLER42 = "坚持依法行政,推进政务公开,提升服务效能,各项工作取得新进展。" * 22  # past the head

LOCALITY_CASES = [
    (
        "福州市鼓楼区司法局2022年法治政府建设年度报告\n2022年，我局……",
        {},
        "350102",
        "a duplicate name settled by the city before it",
    ),
    (
        "鼓楼区司法局2022年法治政府建设年度报告\n2022年，在南京市委市政府领导下……",
        {},
        "320106",
        "a duplicate name settled by the city named in the text",
    ),
    (
        "鼓楼区司法局2022年法治政府建设年度报告\n2022年，我局坚持……",
        {},
        None,
        "a duplicate name with no context stays unknown",
    ),
    (
        "鼓楼区司法局2022年法治政府建设年度报告\n2022年，我局坚持……",
        {"locality_hint": "410204"},
        "410204",
        "the source's hint settles a duplicate",
    ),
    (
        "区司法局关于2022年法治政府建设情况的报告\n2022年，我局……",
        {"locality_hint": "440811"},
        "440811",
        "a report naming only 区司法局 takes the hint",
    ),
    (
        "区司法局关于2022年法治政府建设情况的报告\n2022年，我局……",
        {},
        None,
        "no name and no hint: unknown, never a guess",
    ),
    (
        "北京市朝阳区人民政府2022年法治政府建设年度报告",
        {},
        "110105",
        "a district of a municipality",
    ),
    ("来源：成都市司法局\n2021年全市司法行政工作总结", {}, "510100", "the 来源 line"),
    ("遂溪县司法局2021年法治政府建设工作情况报告", {}, "440823", "a county"),
    (
        "根据《广东省法治政府建设实施纲要》要求，遂溪县2021年法治政府建设工作情况报告如下",
        {},
        "440823",
        "a province inside a document title is not the locality",
    ),
    (
        "2021年，在广东省委和湛江市委的领导下，遂溪县扎实推进法治政府建设",
        {},
        "440823",
        "a county named after its province and city in the opening",
    ),
    (
        "南宁市人力资源和社会保障局2022年法治政府建设年度报告",
        {},
        "450100",
        "a department with a long name",
    ),
    # round 42: a county that names itself only in its own plans' titles, past the head
    (
        "2023年度法治政府建设工作报告\n2023年,在市委、市政府的坚强领导下,全县上下坚持依法行政。\n"
        f"一、主要工作开展情况\n(一)加强组织领导。{_FILLER42}\n"
        "(二)明确目标任务。先后召开2次全面依法治县委员会会议,制定印发《2023年会宁县法治政府"
        "建设工作要点》,进一步明确各乡镇和县直各部门的职责。全县各部门按要求落实。\n",
        {},
        "620422",
        "a county speaking as 全县 names itself only in its own plan's title past the head",
    ),
    (
        "2023年度法治政府建设工作报告\n2023年,在市委、市政府的坚强领导下,全县上下坚持依法行政。\n"
        f"一、主要工作开展情况\n(一)加强组织领导。{_FILLER42}\n"
        "(二)明确目标任务。认真贯彻《白银市法治政府建设实施方案》,全县各部门按要求落实。\n",
        {},
        None,
        "guard: a county citing its city's plan is not that city",
    ),
    (
        "2023年度法治政府建设工作报告\n2023年,在市委、市政府的坚强领导下,全县上下坚持依法行政。\n"
        f"一、主要工作开展情况\n(一)加强组织领导。{_FILLER42}\n"
        "(二)学习交流。组织学习《会宁县法治政府建设实施方案》和《靖远县法治政府建设实施方案》,"
        "全县各部门按要求落实。\n",
        {},
        None,
        "guard: two counties' plans cited further on settle nothing",
    ),
]


@pytest.mark.parametrize(
    ("text", "hints", "code", "reason"), LOCALITY_CASES, ids=[c[3] for c in LOCALITY_CASES]
)
def test_locality(text: str, hints: dict[str, object], code: str | None, reason: str) -> None:
    assert meta(text, **hints).locality_code == code, reason


def test_long_department_names_are_issuers() -> None:
    assert meta("南宁市人力资源和社会保障局2022年法治政府建设年度报告").issuer == (
        "南宁市人力资源和社会保障局"
    )


def test_the_issuer_drops_its_parents_but_they_still_settle_the_locality() -> None:
    m = meta("福建省福州市鼓楼区司法局2022年法治政府建设年度报告")
    assert (m.issuer, m.locality_code) == ("鼓楼区司法局", "350102")


def test_a_report_naming_no_place_keeps_its_bare_issuer_and_no_locality() -> None:
    m = meta("区司法局2023年法治政府建设情况报告\n今年以来，我局……")
    assert (m.issuer, m.locality_code) == ("区司法局", None)


@pytest.mark.parametrize(
    ("signature", "year"),
    [("2024年1月10日", 2023), ("2023年12月18日", 2023)],
    ids=["early next year: the year before", "year-end summary: the same year"],
)
def test_report_year_from_the_signature_date(signature: str, year: int) -> None:
    text = "今年以来，我局坚持……\n" + "正文。" * 100 + f"\n遂溪县司法局\n{signature}"
    assert meta(text).report_year == year


def test_a_joint_party_and_government_report_is_the_governments() -> None:
    m = meta("中共遂溪县委　遂溪县人民政府\n关于2022年度法治政府建设情况的报告")
    assert (m.issuer, m.locality_code) == ("遂溪县人民政府", "440823")


def test_a_province_report_has_no_city() -> None:
    m = meta("广东省司法厅2022年法治政府建设年度报告")
    assert (m.locality_code, m.province, m.city) == ("440000", "广东省", None)


def test_a_municipality_is_its_own_city() -> None:
    m = meta("天津市人民政府关于2022年度法治政府建设情况的报告")
    assert (m.locality_code, m.province, m.city) == ("120000", "天津市", "天津市")


def test_municipality_district_names_its_city_and_province() -> None:
    m = meta("北京市朝阳区人民政府2022年法治政府建设年度报告")
    assert (m.locality_name, m.city, m.province) == ("朝阳区", "北京市", "北京市")
    assert m.issuer == "朝阳区人民政府"  # the body's own name, without its parents


YEAR_CASES = [
    ("遂溪县司法局2021年法治政府建设年度报告\n根据《2022年工作要点》……", 2021, "the title's year"),
    (
        "根据《遂溪县2024年度法治政府建设工作要点》要求，现将我局2023年法治政府建设情况报告如下：",
        2023,
        "years inside 《》 name other documents",
    ),
    ("2020年以来，我局坚持……现将有关情况报告如下", 2020, "the opening year"),
    ("遂溪县司法局法治政府建设年度报告\n我局坚持……", None, "no year anywhere"),
    ("遂溪县人民政府关于二〇二二年度法治政府建设情况的报告", 2022, "a year written in numerals"),
]


@pytest.mark.parametrize(("text", "year", "reason"), YEAR_CASES, ids=[c[2] for c in YEAR_CASES])
def test_report_year(text: str, year: int | None, reason: str) -> None:
    assert meta(text).report_year == year, reason


KIND_CASES = [
    ("遂溪县司法局2021年法治政府建设年度报告", "annual_report", "年度报告"),
    ("关于遂溪县2021年法治政府建设情况的报告", "annual_report", "情况的报告"),
    ("遂溪县司法局2021年工作总结", "work_summary", "工作总结"),
    ("关于开展2023年“宪法宣传周”活动的通知", "other", "a notice"),
]


@pytest.mark.parametrize(("text", "kind", "reason"), KIND_CASES, ids=[c[2] for c in KIND_CASES])
def test_doc_type(text: str, kind: str, reason: str) -> None:
    assert meta(text).doc_type == kind, reason


DATE_CASES = [
    ("正文……\n遂溪县司法局\n2022年1月15日\n", date(2022, 1, 15), "signature date"),
    ("标题\n发布时间：2022-03-01\n正文", date(2022, 3, 1), "a labelled date in the head"),
    ("2023 年 12 月，我市累计接收社区矫正对象 4569 人。", None, "a date inside a sentence"),
    ("正文……\n遂溪县人民政府\n二〇二三年一月十日\n", date(2023, 1, 10), "a date in numerals"),
    (
        "标题\n发布时间：2023-02-28 15:30　来源：遂溪县司法局　浏览次数：12\n正文",
        date(2023, 2, 28),
        "a labelled date inside an info bar",
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "reason"), DATE_CASES, ids=[c[2] for c in DATE_CASES]
)
def test_published_on(text: str, published: date | None, reason: str) -> None:
    assert meta(text).published_on == published, reason


def test_issuer_from_signature_when_the_head_names_none() -> None:
    text = (
        "2024年以来，在市委市政府的坚强领导下……\n" + "正文。" * 200 + "\n遂溪县司法局\n2025年1月3日"
    )
    assert meta(text).issuer == "遂溪县司法局"


# --- real page shapes, one row per cause found on the development part of the real corpus ----
# Each row is written fresh: other places, other words, the same shape.


def meta_of(text: str, **kwargs: object):  # type: ignore[no-untyped-def]
    """Metadata through extract_document, as fazhi extract and the pipeline call it."""
    return extract_document(text, **kwargs).metadata  # type: ignore[arg-type]


ISSUER_CASES = [
    (
        "关于2023年法治政府建设情况的报告\n2023年，区委、区政府坚持依法行政。\n一、主要举措\n"
        "（一）加强领导\n二是推进\n三是落实\n息烽县人民政府办公室关于印发某方案的通知\n"
        + "正文。" * 200
        + "\n花溪区人民政府\n2024年1月20日",
        "花溪区人民政府",
        "past the title block, a line naming a body with other words is no author line",
    ),
    (
        "中共永泰县委、永泰县人民政府关于2023年法治政府建设情况的报告\n来源：永泰县司法局\n"
        "2023年，县委、县政府坚持……",
        "永泰县人民政府",
        "a joint title with a comma is the government's, before the 来源 line's bureau",
    ),
    (
        "中共武夷山市星村镇委员会\n武夷山市星村镇人民政府\n关于2023年法治政府建设情况的报告\n"
        "2023年，星村镇坚持……",
        "星村镇人民政府",
        "a township's joint report on two lines: the township government, without its county",
    ),
    (
        "2023年在区委、区政府的坚强领导下，月坛街道坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：",
        "月坛街道办事处",
        "a street named only as the subject of the opening: its office",
    ),
    (
        "柳城镇2023年法治政府建设年度报告\n2023年，柳城镇深入贯彻……",
        "柳城镇人民政府",
        "a township named only in the title: its government",
    ),
    (
        "索引号：1234/2024-0001\n发布机构：清远市司法局\n名称：清远市2023年行政复议案件统计分析报告\n"
        "清远市2023年行政复议案件统计分析报告\n清远市人民政府行政复议办公室\n"
        "根据有关规定，我办对2023年度行政复议案件进行了统计分析。",
        "清远市人民政府行政复议办公室",
        "the author line under the title, below an information table, before the publisher",
    ),
    (
        "为接受社会监督，现将2023年法律援助工作情况公示如下。\n一、案件办理\n"
        + "正文。" * 60
        + "\n南安市法律援助中心\n2024年2月1日",
        "南安市法律援助中心",
        "a centre signing at the foot",
    ),
    (
        "河源市源城区法律援助处2023年度法律援助信息公示\n2024-02-20 10:15:30\n正文……",
        "源城区法律援助处",
        "an office (处) in the title, without its city",
    ),
    (
        "甘肃省民政厅“三项举措”推进法治机关建设\n近年来，甘肃省民政厅坚持……",
        "甘肃省民政厅",
        "a provincial department (厅) heading a news item",
    ),
    (
        "2023年，区政府坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政。"
        "全区共办理……璧山区各部门……",
        "璧山区人民政府",
        "区政府 as the subject: completed with the district the text names",
    ),
    (
        "2023年，县司法局以法治建设为抓手，不断为全县经济社会发展提供法治保障。"
        "法治彭泽建设取得新成效。彭泽县……",
        "彭泽县司法局",
        "县司法局 as the subject: completed with the county the text names",
    ),
    (
        "宜宾市2023年度法治政府建设工作总结\n来源：宜宾市司法局 发布时间：2024-03-02\n"
        "2023年，市委、市政府坚持……",
        "宜宾市人民政府",
        "a title naming only the city: the city's government, not the bureau that posted it",
    ),
    (
        "这一年，浙江桐乡司法局法律援助中心在上级部门的指导下，紧紧围绕全市中心工作开展援助。",
        "桐乡市司法局法律援助中心",
        "a body after short names is named with the place's full name",
    ),
    (
        "这一年，江苏常熟市司法局在上级部门的指导下，紧紧围绕全市中心工作开展各项工作。",
        "常熟市司法局",
        "a province's short name before a full name",
    ),
    (
        "2023年度红花岗区法治政府建设情况报告\n2023年，我区坚持……",
        "红花岗区人民政府",
        "a title with the year before the place that speaks",
    ),
    (
        "关于仁怀市2023年法治政府建设情况的报告\n2023年，我市坚持……",
        "仁怀市人民政府",
        "a title 关于 + place + year",
    ),
    (
        "遵义市卫健委2023年法治政府建设年度报告\n2023年，我委坚持……",
        "遵义市卫健委",
        "a commission by its short form (…委)",
    ),
    (
        "2023年，遵义市委坚持依法执政，全面推进法治建设，各项工作取得新成效。",
        None,
        "the party committee in an opening sentence is no issuer",
    ),
    (
        "2023年，遵义市委、市政府坚持依法行政，全面推进法治政府建设，各项工作取得新成效。",
        "遵义市人民政府",
        "the committee with its government speaking together: the government's report (the gold "
        "README's joint convention, round 12)",
    ),
    (
        "北京市人民政府\n北京市顺义区司法局2023年法治政府建设年度报告\n2023年，我局……",
        "顺义区司法局",
        "the site's banner above the title is not the report's body",
    ),
    (
        "遵义市人民政府\n关于2023年法治政府建设情况的报告\n2023年，全市……",
        "遵义市人民政府",
        "a body above a title without a speaker of its own is the issuer",
    ),
    (
        "2024年上半年，遂溪县司法局坚持依法履职，扎实推进各项司法行政工作，现将半年工作总结如下：",
        "遂溪县司法局",
        "a bureau telling part of a year (上半年) is the subject",
    ),
    (
        "2024年是“八五”普法规划的关键之年，龙溪镇在县委、县政府的坚强领导下，扎实推进法治建设。",
        "龙溪镇人民政府",
        "a clause saying what the year is (…之年，) before the town that speaks",
    ),
    (
        "湖南省2023年度法治政府建设工作\n\n情况报告\n现将全省2023年度法治政府建设情况报告如下。",
        "湖南省人民政府",
        "a title naming only the place, broken before its last words (情况报告)",
    ),
    (
        "宁乡市2021年度依法行政工作情况的\n报 告\n今年以来，全市法治政府建设稳步推进。",
        "宁乡市人民政府",
        "a title broken before 报 告, set with a space",
    ),
    (
        "长沙县2023年\n法治政府建设推进会听取了各单位的工作报告\n会议强调，要压实责任。",
        None,
        "a line that says more than a title's last words is not joined to the line above",
    ),
]


@pytest.mark.parametrize(
    ("text", "issuer", "reason"), ISSUER_CASES, ids=[c[2] for c in ISSUER_CASES]
)
def test_issuer_on_real_page_shapes(text: str, issuer: str | None, reason: str) -> None:
    assert meta(text).issuer == issuer, reason


SUBJECT_CASES = [
    (
        "中共韶关市委、韶关市人民政府：\n2023年，乐昌市坚持以习近平法治思想为指导，"
        "扎实推进法治政府建设。现将有关情况报告如下。",
        "440281",
        "the addressee above a report sent upwards is not its subject",
    ),
    (
        "2023年，全省各级行政机关稳步推进合法性审查工作。各级审核机构共审核文件1200件。"
        "泉州市率先出台审查规范，漳州市建立全程跟审机制，全省审查质效持续提升。",
        "350000",
        "a province speaking (全省) names its cities only in passing",
    ),
    (
        "【概况】 2022年，自治区司法厅坚持……全区有14个市司法局。在百色市设有分所。",
        "450000",
        "an autonomous region's yearbook entry naming one city in passing",
    ),
    (
        "2023年，湖南司法行政系统以学习贯彻为主线，服务我省高质量发展，加快法治湖南建设，"
        "全省各项工作取得新成效。",
        "430000",
        "a province named only by its short name (湖南), speaking as 我省/全省",
    ),
    (
        "2023年，昌江区坚持以法治思想为指导，推进法治政府建设，被中共江西省委全面依法治省委员会"
        "办公室推荐参评示范项目。全区……",
        "360202",
        "a committee of the province named in passing is not the issuer nor the locality",
    ),
    (
        "一、2022年法治政府建设主要举措和成效\n（一）统筹推进。区委常委会专题学习，印发"
        "《鼓楼区法治社会建设实施方案（2021-2025年）》，全区法治建设……福州市……",
        "350102",
        "a place named only in the local documents a district report cites",
    ),
]


SUBJECT_CASES += [
    (
        "2023年，全市各级行政机关坚持依法行政，全市法治政府建设取得新进展，海淀区、朝阳区等"
        "区级示范创建扎实推进。北京市……",
        "110000",
        "a municipality speaking (全市) names its districts only in passing",
    ),
    (
        "这一年，浙江桐乡司法局法律援助中心在上级部门的指导下，紧紧围绕全市中心工作开展援助。",
        "330483",
        "a body after short names (province, then county-level city), as reposts write them",
    ),
]


SUBJECT_CASES += [
    (
        "关于2023年法治政府建设情况的报告\n2023年，在自治区党委、自治区人民政府的坚强领导下，"
        "全区坚持依法行政，全区法治政府建设成效明显。青秀区……全区……",
        "450103",
        "an autonomous region named as the superior leaves 全区 the district's",
    ),
    (
        "贵州省人民政府门户网站\n关于2023年法治政府建设情况的报告\n2023年，全区坚持依法行政……"
        "汇川区……",
        "520303",
        "a site banner naming the province is not the subject",
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "reason"), SUBJECT_CASES, ids=[c[2] for c in SUBJECT_CASES]
)
def test_the_subject_is_the_reports_own_body(text: str, code: str, reason: str) -> None:
    assert meta(text).locality_code == code, reason


TOWNSHIP_CASES = [
    (
        "重庆市綦江区古南街道办事处2023年法治政府建设工作报告\n2023年，古南街道坚持……",
        ("500110", "古南街道", "古南街道办事处"),
        "a street with its district named before it",
    ),
    (
        "2023年，观音桥街道在区委、区政府的坚强领导下，扎实推进法治政府建设，全街道……江北区……",
        ("500105", "观音桥街道", "观音桥街道办事处"),
        "a street whose district the text names elsewhere",
    ),
    (
        "重庆市江北区人民政府观音桥街道办事处关于2023年度法治政府建设情况的报告\n2023年，我街道……",
        ("500105", "观音桥街道", "观音桥街道办事处"),
        "a street's office named under its district's government: the office's own name",
    ),
    (
        "2023年，在区委、区政府的正确领导下，观音桥街党工委、办事处坚持依法行政，江北区……",
        ("500105", "观音桥街道", "观音桥街道办事处"),
        "a street by its short name (某街) with its 党工委 and 办事处 speaking together",
    ),
    (
        "2023年，大石桥镇在县委、县政府的坚强领导下，推进法治政府建设。现将有关情况报告如下：",
        None,
        "a township no county of the text settles: no locality rather than a guess",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "reason"), TOWNSHIP_CASES, ids=[c[2] for c in TOWNSHIP_CASES]
)
def test_township_reports_take_their_county_and_name_the_township(
    text: str, expected: tuple[str, str, str] | None, reason: str
) -> None:
    m = meta(text)
    got = (m.locality_code, m.township, m.issuer) if m.locality_code else None
    assert got == expected, reason


def test_a_township_name_inside_its_county_name_does_not_settle_the_county() -> None:
    # 宁安镇 (中宁县) is not 宁安市: a county is not named by the words of the township
    m = meta("2023年，宁安镇在县委、县政府的坚强领导下推进法治政府建设。全镇……")
    assert (m.locality_code, m.township) == ("640521", "宁安镇")


YEAR_AND_KIND_CASES = [
    ("【概况】 2021年，自治区司法厅坚持……", 2021, "other", "a yearbook entry's label"),
    (
        "目录\n第一部分 江山市2023年度行政执法数据表\n表一 行政处罚实施情况",
        2023,
        "other",
        "a statistics title naming its year without report words",
    ),
    (
        "2022年安顺市西秀区司法局法律援助中心以服务民生为导向，共办理案件300件。",
        2022,
        "work_summary",
        "a year followed by a body, no title: a bureau telling its year",
    ),
    (
        "今年以来，铜川市印台区深化法治建设。" + "正文。" * 80 + "2023年共抽查案卷40卷。",
        2023,
        "annual_report",  # the place telling its year of law work: its 法治政府建设 report
        "今年以来 and one year stated further on",
    ),
    (
        "今年以来，铜川市印台区深化法治建设。" + "正文。" * 80 + "到2025年基本建成法治政府。",
        None,
        "annual_report",
        "a target year is not the year a report covers",
    ),
    (
        "2023年，某县交通运输局坚持……\n一、2023年度法治政府部门建设总体情况\n（一）……",
        2023,
        "annual_report",
        "the headings of an annual report, without the word 报告",
    ),
    (
        "温州市应急管理局2023年度政府信息公开工作年度报告\n一、总体情况",
        2023,
        "other",
        "a 政府信息公开 annual report is another kind",
    ),
    (
        "某县县长2023年度履行推进法治建设第一责任人职责情况述职报告\n2023年，本人坚持……",
        2023,
        "work_summary",
        "a 述职报告 shares the annual report's words but is a summary",
    ),
    (
        "某区司法局2023年上半年法治政府建设工作总结\n上半年，我局……",
        2023,
        "work_summary",
        "a half-year summary",
    ),
    (
        "宜宾市2023年度法治政府建设工作总结\n2023年，市委、市政府坚持……",
        2023,
        "annual_report",
        "a 法治政府建设 工作总结 is the annual report",
    ),
    (
        "□ 宁海县司法局\n2022年，宁海县司法局围绕中心、服务大局，圆满完成全年各项目标任务。\n"
        "一、发挥法治引领作用\n（一）推进法治建设一体化。召开会议。",
        2022,
        "work_summary",
        "a bureau's byline above its year told: the bureau's summary, not a topic heading",
    ),
    (
        "司法行政\n2022年，宁海县司法局围绕中心、服务大局，圆满完成全年各项目标任务。\n"
        "一、发挥法治引领作用\n（一）推进法治建设一体化。召开会议。",
        2022,
        "annual_report",
        "a topic heading above it is no byline (a yearbook's entry on the rule of law)",
    ),
]


@pytest.mark.parametrize(
    ("text", "year", "kind", "reason"),
    YEAR_AND_KIND_CASES,
    ids=[c[3] for c in YEAR_AND_KIND_CASES],
)
def test_year_and_kind_on_real_page_shapes(
    text: str, year: int | None, kind: str, reason: str
) -> None:
    m = meta(text)
    assert (m.report_year, m.doc_type) == (year, kind), reason


PAGE_DATE_CASES = [
    (
        "名  称: 某区2023年法治政府建设情况报告\n成文日期: 2024-01-20\n发文日期: 2024-02-05\n正文",
        date(2024, 2, 5),
        "发文日期 before 成文日期",
    ),
    ("公布日期: 2024-03-11 公开方式: 主动公开\n正文", date(2024, 3, 11), "公布日期"),
    (
        "[ 成文日期 ] 2024-01-12 [ 发布日期 ] 2024-01-15\n正文",
        date(2024, 1, 15),
        "labels in brackets",
    ),
    (
        "标题\n\n2024-02-20 10:15:30\n来源：本网\n正文" + "。" * 400 + "\n某处\n2024年5月7日",
        date(2024, 2, 20),
        "the page's date and time under the title before the signature",
    ),
    (
        "某县2024年法治政府建设情况报告\n\n2025-03-18 16:02 某省人民政府网\n\n2024年，某县坚持依法行政。",
        date(2025, 3, 18),
        "a date and time line naming the site the page came from",
    ),
    (
        "某镇2024年法治政府建设工作总结\n发表日期:2025-02-10    文章来源:某镇人民政府\n正文",
        date(2025, 2, 10),
        "发表日期",
    ),
    (
        "某省人民政府关于2023年法治政府建设情况的报告\n某省政府办公厅 2024-03-20\n正文",
        date(2024, 3, 20),
        "the posting body's name, then the page's date, on a line under the title",
    ),
    (
        "某市某局2023年度行政执法统计年报\n法制科  2024-01-18\n正文",
        date(2024, 1, 18),
        "a section of the bureau as the poster, then the date",
    ),
    (
        "某县2023年法治政府建设情况报告\n2023年全县办理案件 2024-01-18\n正文" + "。" * 400,
        None,
        "words that are no body's name before a date are no page date line",
    ),
    # round 39: a date with its time glued after 日
    (
        "人民网\n某市某区推进法治惠民\n\n2022年05月31日08:42 | 来源:人民网-某某频道\n小字号\n\n"
        "近年来,某区司法局充分发挥职能作用。",
        date(2022, 5, 31),
        "a news site's date with its time glued after 日, then its source",
    ),
    (
        "某市新闻\n2023年06月01日09:15\n\n近年来,某区司法局充分发挥职能作用。",
        date(2023, 6, 1),
        "the same date and time alone on their line",
    ),
    (
        "某区召开会议\n2021年3月5日08时30分召开全区依法行政工作会议。\n正文" + "。" * 400,
        None,
        "guard: a sentence after a date and time is no page date",
    ),
    # round 42: a date alone in brackets under the title or the body's name
    (
        "某省某某厅2023年法治政府建设年度报告\n某省某某厅\n(2024年1月26日)\n2023年,我厅坚持依法行政。\n",
        date(2024, 1, 26),
        "a date alone in brackets under the body's name",
    ),
    (
        "某县2023年法治政府建设年度报告\n（2024年2月8日）\n2023年,我县坚持依法行政。\n",
        date(2024, 2, 8),
        "a date in full-width brackets under the title",
    ),
    (
        "某县法治政府建设实施方案\n(2023年12月29日县人民政府第9次常务会议审议通过)\n"
        "为深入推进依法行政,制定本方案。\n",
        None,
        "guard: a bracket holding more than the date (an adoption) is not read",
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "reason"), PAGE_DATE_CASES, ids=[c[2] for c in PAGE_DATE_CASES]
)
def test_published_on_on_real_page_shapes(text: str, published: date | None, reason: str) -> None:
    assert meta(text).published_on == published, reason


SOURCE_CASES = [
    (
        "关于2023年法治政府建设情况的报告\n2023年，在市委、市政府领导下，市司法局推动全市……"
        "为泉州高质量发展提供法治保障。",
        {"source_url": "https://sfj.quanzhou.gov.cn/art/2024/3/1/art_1_2.html"},
        ("350500", "泉州市司法局", 2023),
        "a site's domain spells the city (quanzhou), the text recalls it, 市司法局 completed",
    ),
    (
        "鼓楼区司法局2023年法治政府建设年度报告\n2023年，我局坚持……",
        {"source_url": "http://www.fzgl.gov.cn/xxgk/202402/t20240206_1.htm"},
        ("350102", "鼓楼区司法局", 2023),
        "a duplicate name settled by the domain (fz + gl: 福州 鼓楼)",
    ),
    (
        "今年以来，市司法局坚持以法治思想为指导，全面推进依法行政，各项工作取得新进展。",
        {"source_url": "http://www.example.com/news/t20240115_9.html"},
        (None, "市司法局", 2023),
        "the address's date dates the report; a host that is not a government's names no place",
    ),
    (
        "今年以来,在市委、市政府领导下,我县深入推进法治政府建设。县政府于2019年4月10日印发了"
        "《2019年某县法治政府建设工作要点》,统筹安排全年工作。",
        {"source_url": "http://www.example.com/news/202104/08/abc.html"},
        (None, None, 2019),
        "a year so far, no date of its own: the one year the text states, not a repost's address",
    ),
    (
        "今年以来,在市委、市政府领导下,我县深入推进法治政府建设,统筹安排全年工作。",
        {"source_url": "http://www.example.com/news/202104/08/abc.html"},
        (None, None, 2021),
        "guard: a year so far naming no year is the address's",
    ),
    (
        "坚持依法行政，推进法治政府建设。",
        {"listing_title": "某县司法局2022年法治政府建设年度报告"},
        (None, None, 2022),
        "the listing title gives the year and kind when the opening has no title",
    ),
]


@pytest.mark.parametrize(
    ("text", "hints", "expected", "reason"), SOURCE_CASES, ids=[c[3] for c in SOURCE_CASES]
)
def test_evidence_beyond_the_opening(
    text: str, hints: dict[str, object], expected: tuple[object, ...], reason: str
) -> None:
    m = meta_of(text, **hints)
    assert (m.locality_code, m.issuer, m.report_year) == expected, reason


def test_the_listing_title_gives_the_kind() -> None:
    m = meta_of("坚持依法行政。", listing_title="某县司法局2022年法治政府建设年度报告")
    assert m.doc_type == "annual_report"


ADDRESS_DATE_EXAMPLES = [
    (f"http://x.gov.cn{path}", expected, rule.name)
    for rule in load_metadata_rules().address_dates
    for path, expected in rule.examples
]


@pytest.mark.parametrize(
    ("url", "expected", "reason"),
    ADDRESS_DATE_EXAMPLES,
    ids=[f"{c[2]} {c[0][15:]}" for c in ADDRESS_DATE_EXAMPLES],
)
def test_url_date(url: str, expected: date | None, reason: str) -> None:
    """Every example beside an address-date shape in data/metadata_rules.toml."""
    assert url_date(url) == expected, reason


def test_an_address_without_a_date_gives_none() -> None:
    assert url_date("http://x.gov.cn/zwgk/content_2361641.html") is None
    assert url_date(None) is None


@pytest.mark.parametrize(
    ("rules", "complaint"),
    [
        (
            "[[address_date]]\npattern = '/(?P<year>20\\d{2})/'\nexamples = [['/2020/', '2020-01-01']]\n",
            "month",
        ),
        ("[[address_date]]\npattern = '/(?P<year>20\\d{2})(?P<month>\\d{2})/'\n", "no example"),
        (
            "[[address_date]]\npattern = '(?P<year>'\nexamples = [['/a', false]]\n",
            "no usable pattern",
        ),
        (
            "[[address_date]]\npattern = '/(?P<year>20\\d{2})(?P<month>\\d{2})/'\n"
            "examples = [['/202001/', '2020-1-1']]\n",
            "no date",
        ),
        ("[[address_date]]\npatern = 'x'\n", "unknown keys"),
        ("[[adress_date]]\n", "unknown tables"),
    ],
    ids=[
        "a shape without a month",
        "no example",
        "a pattern that does not compile",
        "an example that is no date",
        "a misspelt key",
        "a misspelt table",
    ],
)
def test_metadata_rules_are_checked_when_loaded(tmp_path: Path, rules: str, complaint: str) -> None:
    path = tmp_path / "metadata_rules.toml"
    path.write_text(rules, encoding="utf-8")
    with pytest.raises(MetadataRulesError, match=complaint):
        load_metadata_rules(path)


@pytest.mark.parametrize(
    ("url", "codes", "reason"),
    [
        ("https://www.bjhr.gov.cn/a.html", {"110116"}, "parent initials + district initials"),
        ("http://www.jimo.gov.cn/a.html", {"370215"}, "the district's full pinyin"),
        ("https://sfj.tjbh.gov.cn/a.html", {"120116"}, "a department's sub-domain of the site"),
        ("http://www.fzcangshan.gov.cn/a", {"350104"}, "parent initials + full pinyin"),
        ("https://www.wugang.gov.cn/a", {"430581", "410481"}, "two places spell wugang"),
        ("http://www.example.com/a", set(), "not a government site"),
        ("http://www.zwgk.gov.cn/a", set(), "a label that spells no place"),
        (
            "https://www.tianjin.gov.cn/zwgk/bq/wqq/202402/t20240201_1.html",
            {"120114"},
            "a municipality's site files a district's report under a folder spelling it",
        ),
        (
            "https://www.tianjin.gov.cn/zwgk/qzf/202402/t20240201_1.html",
            {"120000"},
            "no folder spells a district: the site's own",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("http") else None,
)
def test_url_divisions(url: str, codes: set[str], reason: str) -> None:
    assert {d.code for d in url_divisions(url)} == codes, reason


# --- codes valid in the report year ------------------------------------------------------------

DATED_CASES = [
    (
        "即墨市司法局2016年法治政府建设年度报告",
        ("370282", "即墨市"),
        "before the change: the former city",
    ),
    ("即墨区司法局2018年法治政府建设年度报告", ("370215", "即墨区"), "after it: the district"),
    (
        "即墨区司法局2016年法治政府建设年度报告",
        ("370282", "即墨市"),
        "today's name, an earlier year",
    ),
    ("江干区人民政府2019年法治政府建设年度报告", ("330104", "江干区"), "a district merged since"),
    (
        "上城区人民政府2019年法治政府建设年度报告",
        ("330102", "上城区"),
        "the district that took it in",
    ),
    (
        "铜官区人民政府2014年法治政府建设年度报告",
        ("340705", "铜官区"),
        "a merger of two: no one former code",
    ),
    (
        "海门区人民政府2022年法治政府建设年度报告",
        ("320614", "海门区"),
        "a district the dictionary names under its former city's code",
    ),
    (
        "海门市司法局2019年工作总结",
        ("320684", "海门市"),
        "that city before it became a district",
    ),
    (
        "长泰区司法局2023年法治政府建设工作情况报告",
        ("350605", "长泰区"),
        "a district the dictionary knows only by its former county's name and code",
    ),
    ("长泰县人民政府2018年法治政府建设年度报告", ("350625", "长泰县"), "that county before"),
    (
        "湟中县人民政府2019年法治政府建设年度报告",
        ("630122", "湟中县"),
        "approved in 2019, set up in 2020: the county's last report",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "reason"), DATED_CASES, ids=[c[2] for c in DATED_CASES]
)
def test_codes_valid_in_the_report_year(text: str, expected: tuple[str, str], reason: str) -> None:
    m = meta(text)
    assert (m.locality_code, m.locality_name) == expected, reason


@pytest.mark.parametrize(
    ("stale", "today"),
    [("320684", "320614"), ("350625", "350605"), ("410322", "410308"), ("220381", "220184")],
)
def test_codes_the_dictionary_kept_after_a_change_are_todays(stale: str, today: str) -> None:
    current = divisions_by_code()
    assert stale not in current
    assert current[today].name == next(r.name for r in dated_codes() if r.code == today)


def test_townships_of_a_recoded_county_follow_its_code() -> None:
    counties = {code for codes in townships_by_name().values() for code in codes}
    assert "320614" in counties
    assert not counties & set(localities.stale_codes())


def test_the_dated_code_table_is_consistent_with_the_dictionary() -> None:
    rows = dated_codes()
    current = divisions_by_code()
    assert rows, "the table is loaded"
    for row in rows:
        if row.valid_to is None:
            assert current[row.code].name == row.name
        else:
            assert row.successor in current or any(r.code == row.successor for r in rows)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("370282,即墨市,山东省,,2017-13,370215,x", "a month that does not exist"),
        ("370282,即墨市,山东省,,2017-07,,x", "an ended code without a successor"),
        ("999999,某县,某省,2017-07,,,x", "a code still valid that the dictionary does not know"),
        ("370282,即墨市,山东省,2018-01,2017-07,370215,x", "valid_from after valid_to"),
    ],
    ids=lambda v: v if not v[:1].isdigit() else None,
)
def test_a_malformed_dated_code_table_fails_when_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, reason: str
) -> None:
    table = tmp_path / "division_codes.csv"
    table.write_text("code,name,province,valid_from,valid_to,successor,change\n" + line + "\n")
    monkeypatch.setattr(localities, "DATED_CODES_PATH", table)
    localities.dated_codes.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"division_codes\.csv"):
            localities.dated_codes()
    finally:
        localities.dated_codes.cache_clear()


def test_the_contract_json_names_the_township(tmp_path: Path) -> None:
    report = tmp_path / "t.txt"
    report.write_text("柳城镇2023年法治政府建设年度报告\n2023年，柳城镇坚持……", "utf-8")
    record = as_contract_json(report, extract_file(report))
    assert (record["township"], record["issuer"]) == ("柳城镇", "柳城镇人民政府")


SELF_REFERENCE_CASES = [
    (
        "关于2023年法治政府建设情况的报告\n2023年，我局坚持以法治思想为指导，全面推进依法行政。\n"
        + "各项工作稳步推进。" * 80
        + "余庆县司法局被评为先进集体。余庆县司法局获省级表彰。凤冈县司法局来我局学习。",
        ("520329", "余庆县司法局"),
        "我局: the bureau the text names most often",
    ),
    (
        "关于2023年法治政府建设情况的报告\n2023年，我局坚持以法治思想为指导，全面推进依法行政。\n"
        + "各项工作稳步推进。" * 80
        + "余庆县司法局被评为先进集体。凤冈县司法局来我局学习。",
        (None, None),
        "two bureaus named as often: neither",
    ),
    (
        "2024年，我局坚持依法行政，全面推进交通法治建设。\n"
        + "各项工作稳步推进。" * 40
        + "（五）理顺职责。印发《绥宁县交通运输局职能配置及内设机构",
        ("430527", "绥宁县交通运输局"),
        "我局 and a text cut short that names one body of that kind, once: that body",
    ),
    (
        "2024年，我局坚持依法行政，全面推进交通法治建设。\n"
        + "各项工作稳步推进。" * 40
        + "配合绥宁县公安局开展联合执法，协助绥宁县自然资源局开展督查。",
        ("430527", None),
        "two bodies of that kind named once each: neither",
    ),
    (
        "关于2023年法治政府建设情况的报告\n2023年，我县坚持以法治思想为指导，全面推进依法行政。\n"
        + "全县各项工作稳步推进。" * 80
        + "余庆县被评为示范县。余庆县法治建设经验被推广。凤冈县来我县学习。",
        ("520329", None),
        "我县: the county the text names most often",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "reason"), SELF_REFERENCE_CASES, ids=[c[2] for c in SELF_REFERENCE_CASES]
)
def test_self_references_resolve_through_the_names_the_text_gives(
    text: str, expected: tuple[str | None, str | None], reason: str
) -> None:
    m = meta(text)
    assert (m.locality_code, m.issuer) == expected, reason


# --- causes seen on a fresh set of real openings labelled blind (round 2) -------------------

LONG_SENTENCE = "坚持依法行政，严格规范公正文明执法，持续推进法治政府建设各项任务落地见效。"

ORDINARY_WORD_PLACE_CASES = [
    (
        f"2022年，宁都县{LONG_SENTENCE}\n对全县各乡镇和县直单位开展专项督查，印发规则和县政府工作细则。",
        "360730",
        "和县 inside 乡镇和县直 / 规则和县政府 is a conjunction, not Anhui's 和县",
    ),
    (
        f"2023年上半年，在县委的领导下，我们{LONG_SENTENCE}\n完善考核方案和县政府法律顾问规则。",
        None,
        "a text naming no county keeps none rather than the 和县 of a conjunction",
    ),
    (
        "马鞍山市和县司法局2023年工作总结\n2023年，我局……",
        "340523",
        "right after its city's name 和县 is the county",
    ),
    (
        "和县人民政府关于2023年法治政府建设情况的报告\n2023年，我县……",
        "340523",
        "at the head of a title 和县 is the county",
    ),
    (
        f"2023年，县司法局{LONG_SENTENCE}\n全年对沛县各乡镇开展法治督查三次。",
        "320322",
        "after a preposition (对, 在, 中共) a one-character county stands as a place",
    ),
    (
        f"2024年，鄱阳县{LONG_SENTENCE}\n推进老城区综合执法，主城区违建清零。",
        "361128",
        "老城区 / 主城区 are words, not the district named 城区",
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "reason"),
    ORDINARY_WORD_PLACE_CASES,
    ids=[c[2] for c in ORDINARY_WORD_PLACE_CASES],
)
def test_short_division_names_count_only_where_a_place_stands(
    text: str, code: str | None, reason: str
) -> None:
    assert meta(text).locality_code == code, reason


AWARD_AND_BARE_BODY_CASES = [
    (
        f"2023年，在县委、县政府的领导下，县司法局{LONG_SENTENCE}安吉县被省委省政府评为全省"
        "法治建设先进县，县调解中心荣获全省先进集体，局机关获评全省优秀单位。",
        {},
        ("330523", "安吉县司法局"),
        "全省 as an award's scope does not make a county's summary speak for the province",
    ),
    (
        f"2023年，在县委、县政府的领导下，县司法局{LONG_SENTENCE}",
        {"evidence": SourceEvidence(url_divisions=("331023",))},
        ("331023", "天台县司法局"),
        "a bare 县司法局 takes the county its government site spells",
    ),
    (
        f"2024年，市教育局{LONG_SENTENCE}全面落实省委、市委部署，全省教育系统学法考法。",
        {"evidence": SourceEvidence(url_divisions=("361126", "410327", "430900"))},
        ("430900", "益阳市教育局"),
        "a bare 市教育局 takes, of the places its site spells, the one that is a 市",
    ),
    (
        f"2024年，县人社局{LONG_SENTENCE}",
        {"evidence": SourceEvidence(url_divisions=("361126", "410327", "430900"))},
        (None, "县人社局"),
        "a bare 县人社局 among two counties its site spells: neither",
    ),
    (
        f"2020年以来，在市委、市政府的坚强领导下，北戴河区政府{LONG_SENTENCE}现将有关情况报告如下：",
        {},
        ("130304", "北戴河区人民政府"),
        "a government written 某区政府 is named by its full name",
    ),
    (
        "县委全面依法治县委员会：\n" + f"2025年，清河镇人民政府{LONG_SENTENCE}",
        {},
        (None, "清河镇人民政府"),
        "an addressee ending 委员会 is a salutation, not the issuer",
    ),
    (
        f"在奋力推进现代化建设的新征程上，龙泉街道办事处{LONG_SENTENCE}",
        {},
        (None, "龙泉街道办事处"),
        "a setting (在…征程上) before the subject is not the subject",
    ),
]


@pytest.mark.parametrize(
    ("text", "hints", "expected", "reason"),
    AWARD_AND_BARE_BODY_CASES,
    ids=[c[3] for c in AWARD_AND_BARE_BODY_CASES],
)
def test_locality_and_issuer_of_bodies_the_text_leaves_bare(
    text: str, hints: dict[str, object], expected: tuple[str | None, str], reason: str
) -> None:
    m = meta(text, **hints)
    code, issuer = expected
    assert m.issuer == issuer, reason
    if code is not None:  # a township of many counties: its county is not what this row holds
        assert m.locality_code == code, reason


def test_a_clause_about_the_streets_party_committee_names_no_township() -> None:
    text = (
        f"2024年，梧桐路街道在东港区委、区政府的领导下，{LONG_SENTENCE}\n"
        "街道党工委书记切实履行法治建设第一责任人职责，统筹推进各项工作。"
    )
    m = meta(text)
    assert (m.locality_code, m.township) == ("371102", None)


FRESH_KIND_CASES = [
    (
        f"2023年上半年，在县委、县政府的领导下，我们{LONG_SENTENCE}",
        2023,
        "work_summary",
        "a half-year opening is a summary of that year",
    ),
    (
        f"某县司法局关于2024年工作情况及2025年工作计划的报告\n2024年，我局{LONG_SENTENCE}",
        2024,
        "work_summary",
        "a bureau's year of work with next year's plan",
    ),
    (
        f"2024年，某区{LONG_SENTENCE}现将2024年法治政府建设工作汇报如下：",
        2024,
        "annual_report",
        "汇报 is a report verb too",
    ),
    (
        "某市2025年法治政府建设情况\n\n" + f"2025年，我市{LONG_SENTENCE}",
        2025,
        "annual_report",
        "a title naming only 法治政府建设情况",
    ),
    (
        "省政府、市委、市人大:\n2018年，我市落实法治政府建设工作紧紧围绕中心工作。\n"
        "一、依法全面履行政府职能\n我市深化放管服改革。",
        2018,
        "annual_report",
        "the first heading of the 纲要 marks the annual report; a 人大 addressee is no title",
    ),
    (
        f"在新征程上，某街道办事处{LONG_SENTENCE}现将2025年工作情况总结如下：",
        2025,
        "annual_report",
        "an opening on 法治政府建设 that says 总结如下 is the annual report",
    ),
    (
        f"某县司法局2023年工作总结\n2023年，我局{LONG_SENTENCE}现将全年工作总结如下：",
        2023,
        "work_summary",
        "a bureau's 工作总结 that mentions 法治政府建设 stays its summary",
    ),
    (
        "2017年是某区改革攻坚年，我局在区委、区政府正确领导下，围绕中心工作，服务发展大局。",
        2017,
        "work_summary",
        "a year told by 我局 is a bureau's summary",
    ),
    (
        "近日，某县司法局被省司法厅评为全省先进集体，局机关党支部被评为先进支部。\n"
        "2019年，全县司法行政工作以服务发展为主线，积极提供法律服务。",
        2019,
        "work_summary",
        "a news lead sentence above a bureau's year",
    ),
    (
        "司法工作\n2023年，某市司法局着力推进各方面工作法治化，调处纠纷39873件。",
        2023,
        "other",
        "a yearbook entry under a short heading stays another kind",
    ),
]


@pytest.mark.parametrize(
    ("text", "year", "kind", "reason"), FRESH_KIND_CASES, ids=[c[3] for c in FRESH_KIND_CASES]
)
def test_year_and_kind_of_fresh_shapes(text: str, year: int, kind: str, reason: str) -> None:
    m = meta(text)
    assert (m.report_year, m.doc_type) == (year, kind), reason


PAGE_DATE_LABEL_CASES = [
    (
        "当前位置 : 首页 > 动态\n某县2025年法治政府建设情况\n 日期 : 2026-01-15  文章来源 : 司法局\n正文",
        date(2026, 1, 15),
        "a bare 日期 label with spaces around its colon",
    ),
    (
        "某区司法局2018年工作总结\n来源:某区 日期:2019年05月28日 【字体:\n正文",
        date(2019, 5, 28),
        "日期 after the source on one chrome line, written with 年月日",
    ),
    (
        "某市2025年法治政府建设情况\n日期:2026-02-14 09:29 来源:某市人民政府\n正文",
        date(2026, 2, 14),
        "日期 with a time after it",
    ),
    (
        "标题\n施行日期：2024-05-01\n正文",
        None,
        "施行日期 is not the page's date",
    ),
    (
        "标题\n2024-03-05 09:30 县政府召开常务会议研究法治工作\n正文",
        None,
        "a sentence after a date and time is not the page's date line",
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "reason"),
    PAGE_DATE_LABEL_CASES,
    ids=[c[2] for c in PAGE_DATE_LABEL_CASES],
)
def test_the_pages_own_date_label(text: str, published: date | None, reason: str) -> None:
    assert meta(text).published_on == published, reason


@pytest.mark.parametrize(
    ("url", "code", "reason"),
    [
        ("http://www.cqws.gov.cn/a/202601/t1.html", "500237", "巫 (wu), unknown to jionlp"),
        ("http://www.fenghuang.gov.cn/a.html", "433123", "凤 (feng), unknown to jionlp"),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("http") else None,
)
def test_domains_spelling_characters_the_dictionary_lacks(url: str, code: str, reason: str) -> None:
    assert code in {d.code for d in url_divisions(url)}, reason


def test_a_township_of_several_counties_in_one_municipality_keeps_the_municipality() -> None:
    # 白羊镇 lies in two 重庆 districts and the text names neither: the province is still known
    m = meta(f"白羊镇人民政府\n关于法治政府建设的情况报告\n2024年，白羊镇{LONG_SENTENCE}")
    assert (m.province, m.township, m.issuer) == ("重庆市", "白羊镇", "白羊镇人民政府")


# --- bodies of every shape, and what the page around them says ----------------------------------

OPENING = (
    "坚持依法行政，严格规范公正文明执法，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措"
)
COUNTY_SITE = "http://www.rucheng.gov.cn/zwgk/202401/t20240110_1.html"

BODY_FORM_CASES = [
    (
        f"汝城县委 汝城县人民政府关于2023年度法治政府建设情况的报告\n2023年，全县{OPENING}",
        None,
        {"issuer": "汝城县人民政府"},
        "a joint title whose committee is written without 中共",
    ),
    (
        f"中共汝城县委全面依法治县委员会办公室关于2023年度法治建设情况的报告\n{OPENING}",
        None,
        {"issuer": "中共汝城县委全面依法治县委员会办公室", "locality_code": "431026"},
        "a body of the party committee itself, not the committee beside a government",
    ),
    (
        f"汝城县人民政府办公室2023年法治政府建设年度报告\n2023年，我办{OPENING}",
        None,
        {"issuer": "汝城县人民政府办公室"},
        "the government's office reporting on its own work",
    ),
    (
        f"关于2023年度法治政府建设情况的报告\n来源：汝城县人民政府办公室\n2023年，我县{OPENING}",
        None,
        {"issuer": "汝城县人民政府"},
        "the government's office posting the government's report",
    ),
    (
        f"关于2023年度法治政府建设情况的报告\n来源：汝城县司法局\n2023年，汝城县{OPENING}",
        None,
        {"issuer": "汝城县人民政府"},
        "a bureau posting a report in which the place speaks",
    ),
    (
        f"关于2023年度法治政府建设情况的报告\n来源：汝城县司法局\n2023年，县司法局{OPENING}",
        None,
        {"issuer": "汝城县司法局"},
        "a bureau posting its own report",
    ),
    (
        "2022年全县司法行政工作总结\n来源：汝城县司法局\n2022年，汝城县司法行政系统坚持……",
        None,
        {"issuer": "汝城县司法局", "doc_type": "work_summary"},
        "the place's justice system speaks: the bureau that posted it",
    ),
    (
        f"郴州市生态环境局汝城分局2023年法治政府建设年度报告\n{OPENING}",
        None,
        {"issuer": "郴州市生态环境局汝城分局"},
        "a city bureau's branch in a county",
    ),
    (
        f"汝城县人民检察院2023年度工作报告\n{OPENING}",
        None,
        {"issuer": "汝城县人民检察院"},
        "a procuratorate is a body too",
    ),
    (
        f"长沙经济技术开发区管理委员会2023年法治政府建设年度报告\n2023年，经开区{OPENING}",
        None,
        {"issuer": "长沙经济技术开发区管理委员会", "province": "湖南省", "city": "长沙市"},
        "a development zone's administration, in the city its name opens with",
    ),
    (
        f"某某高新区管委会2023年法治政府建设年度报告\n{OPENING}",
        None,
        {"issuer": "某某高新区管委会", "province": None},
        "a zone's short-named administration in no known city: the body, no place",
    ),
    (
        f"锡林郭勒盟行政公署2023年法治政府建设年度报告\n2023年，全盟{OPENING}",
        None,
        {"issuer": "锡林郭勒盟行政公署", "province": "内蒙古自治区"},
        "a 盟's government is its 行政公署",
    ),
    (
        f"锡林郭勒盟2023年法治政府建设年度报告\n2023年，全盟{OPENING}",
        None,
        {"issuer": "锡林郭勒盟行政公署"},
        "a title naming only the 盟: its 行政公署",
    ),
    (
        f"大兴安岭地区2023年法治政府建设年度报告\n{OPENING}",
        None,
        {"issuer": "大兴安岭地区行政公署", "province": "黑龙江省"},
        "a title naming only the 地区: its 行政公署",
    ),
    (
        f"黔东南州人民政府关于2023年法治政府建设情况的报告\n{OPENING}",
        None,
        {"issuer": "黔东南州人民政府", "locality_code": "522600", "province": "贵州省"},
        "an autonomous prefecture by the short name its own documents use",
    ),
    (
        f"石柱县人民政府关于2023年法治政府建设情况的报告\n{OPENING}",
        None,
        {"issuer": "石柱县人民政府", "locality_code": "500240"},
        "an autonomous county by its short name",
    ),
    (
        f"朝阳区人民政府关于2023年法治政府建设情况的报告\n2023年，朝阳区{OPENING}",
        "https://www.bjchy.gov.cn/zwgk/202403/t20240301_1.html",
        {"province": "北京市", "locality_code": "110105"},
        "a shared name settled by a domain keeping ch whole (bj + chy)",
    ),
    (
        f"朝阳区人民政府关于2023年法治政府建设情况的报告\n2023年，朝阳区{OPENING}",
        "http://www.cccy.gov.cn/zwgk/202403/t20240301_1.html",
        {"province": "吉林省", "locality_code": "220104"},
        "the same name, another province's domain (cc + cy, 朝 read chao in the name)",
    ),
    (
        f"朝阳区人民政府关于2023年法治政府建设情况的报告\n2023年，朝阳区{OPENING}",
        None,
        {"province": None, "locality_code": None},
        "a shared name across provinces with nothing to settle it: no guess",
    ),
    (
        f"桥西区人民政府关于2023年法治政府建设情况的报告\n2023年，桥西区{OPENING}",
        None,
        {"province": "河北省", "locality_code": None},
        "a name shared within one province tells the province, not the code",
    ),
    (
        f"2023年，我市司法局{OPENING}",
        "http://sfj.yueyang.gov.cn/x/202401/t20240110_1.html",
        {"issuer": "岳阳市司法局"},
        "我市司法局 completed with the place the domain spells",
    ),
    (
        f"银杏湖街道办事处关于2023年法治政府建设工作情况的报告\n{OPENING}",
        COUNTY_SITE,
        {"issuer": "银杏湖街道办事处", "locality_code": "431026"},
        "a street the gazetteer does not list, as a title's speaker",
    ),
    (
        f"郴州市人民政府：\n现将汝城县2023年度法治政府建设情况报告如下。\n{OPENING}",
        None,
        {"issuer": None, "locality_code": "431026"},
        "an addressee line is no signature, even when the text is short",
    ),
]


# x13's development half (round 16): departments speaking without their place, their kinds of
# report; with the page's address where the case is about it (invented wording)
X13_FORM_CASES = [
    (
        "2024年,市公安局认真贯彻落实中央、省委、市委部署,现将我局2024年法治政府建设工作情况报告如下。\n"
        "一、主要工作及成效\n1.深化改革。针对抚州—南昌市确定“跨市通办”事项12项,制定《抚州市公安局优化"
        "营商环境实施方案》,开展专项整治。\n",
        "http://gaj.fuzhou.gov.cn/art/2025/1/10/art_1_2.html",
        {"locality_code": "361000", "issuer": "抚州市公安局"},
        "a bare 市公安局 at no level: the reading of the site's domain the text names (抚州), not a "
        "city named in passing (抚州—南昌市)",
    ),
    (
        "2024年,南昌市公安局认真贯彻落实中央、省委、市委部署,现将有关情况报告如下。\n"
        "一、主要工作\n针对抚州—南昌市确定“跨市通办”事项12项。\n",
        "http://gaj.fuzhou.gov.cn/art/2025/1/10/art_1_2.html",
        {"locality_code": "360100", "issuer": "南昌市公安局"},
        "a body that names its place keeps it, whatever the site's domain spells",
    ),
    (
        "2024年,在市委、市政府的正确领导下,市场监督管理局认真贯彻《如皋市法治政府建设实施方案》,"
        "依法行政工作取得显著成效。现将2024年的工作情况报告如下:\n一、主要举措和成效\n"
        "所有办件均在南通市政务服务一体化平台运行。\n",
        "http://www.rugao.gov.cn/rgsscjgj/content/a1.html",
        {"locality_code": "320682", "issuer": "如皋市市场监督管理局"},
        "a department by its function alone (市场监督管理局认真…) on a county-level city's site: the "
        "site's place, named only in a cited title, over the city's platform named in passing",
    ),
    (
        "2024年,在市委、市政府的正确领导下,市场监督管理局认真贯彻《如皋市法治政府建设实施方案》,"
        "依法行政工作取得显著成效。现将2024年的工作情况报告如下:\n一、主要举措和成效\n"
        "所有办件均在南通市政务服务一体化平台运行。\n",
        None,
        {"issuer": None},
        "without the page's address nothing confirms whose function-named body it is: no issuer",
    ),
    (
        "省交通运输厅2023年度行政执法总体情况\n2023年,我厅认真贯彻落实法治政府建设实施纲要,"
        "严格落实行政执法“三项制度”。现将有关情况报告如下:\n一、主要工作\n我省交通运输系统…\n",
        "https://jtt.jl.gov.cn/zwgk/xzzf/a1.html",
        {"doc_type": "other", "province": "吉林省", "locality_code": "220000"},
        "a department's year of enforcement (行政执法总体情况) is the enforcement statistics' report; "
        "a text speaking as a province (我省) takes the province the site's domain spells",
    ),
    (
        "省交通运输厅2023年度行政执法总体情况\n2023年,我厅认真贯彻落实法治政府建设实施纲要。"
        "现将有关情况报告如下:\n一、主要工作\n我省交通运输系统…\n",
        "https://jtt.hb.gov.cn/zwgk/xzzf/a1.html",
        {"doc_type": "other", "province": None},
        "a domain spelling two provinces (hb: 河北, 湖北) settles none",
    ),
    (
        "某某县2023年法治政府建设年度报告\n2023年,某某县坚持依法行政,全县行政执法工作规范开展。"
        "现将有关情况报告如下:\n",
        None,
        {"doc_type": "annual_report"},
        "行政执法 in the annual report's sentences leaves it the annual report",
    ),
    (
        "南宁市公安局经济技术开发区分局2023年度行政执法统计年报\n\n第一部分 行政执法数据表\n",
        None,
        {"issuer": "南宁市公安局经济技术开发区分局", "doc_type": "other"},
        "a bureau's branch for an area with a long name is the issuer, not the bureau above it",
    ),
    (
        "[ 发布机构 ] 綦江区发展改革委 [ 发布日期 ] 2025-01-20\n[ 发布机构 ]\n綦江区发展改革委\n\n"
        "重庆市綦江区发展和改革委员会 关于2024年法治政府建设情况的报告\n\n"
        "2024年,綦江区发展和改革委员会深入学习贯彻习近平法治思想,现将有关情况报告如下:\n",
        None,
        {"issuer": "綦江区发展和改革委员会"},
        "an information table's [ 发布机构 ] names the poster, not an author line above the title",
    ),
    (
        "(三)健全依法行政制度体系。\n1. 完善规范性文件管理制度。\n我委印发了《重庆市璧山区交通"
        "运输委员会关于进一步加强规范性文件管理的通知》,严格了制发程序。建立了规范性文件季度清理机制,"
        "每季度对委机关发文进行梳理排查。\n",
        None,
        {"issuer": "璧山区交通运输委员会"},
        "我委 resolved through a document it issued (我委印发了《某区某委员会关于…》)",
    ),
    (
        "一、深学笃用习近平法治思想,推进法治政府建设\n(一)深入学习贯彻习近平法治思想。认真学习贯彻"
        "习近平新时代中国特色社会主义思想,全面落实法治政府建设的决策部署。2023年,市场监管局党组"
        "集中学习习近平法治思想6次,主要负责人在年终述职报告中汇报法治政府建设内容。\n",
        None,
        {"doc_type": "annual_report"},
        "a 述职报告 cited in a sentence (在年终述职报告中汇报) does not make a 述职",
    ),
    (
        "某某区司法局局长2023年度述法报告\n本人认真履行推进法治建设第一责任人职责。\n",
        None,
        {"doc_type": "work_summary"},
        "a 述法报告 as the title stays a work summary",
    ),
    (
        "根据法治政府建设年度报告制度的要求,现将我局2022年法治政府建设工作报告如下。\n"
        "一、强化组织领导\n我局高度重视法治政府建设工作,局党组每季度开展中心组学法。\n"
        "二、完善制度建设\n2022年我局制定了《佛山市公共汽车站点设置和管理办法》等部门规范性文件。\n",
        None,
        {"locality_code": "440600"},
        "我局 at no level: the place of the documents it cites (《佛山市…办法》)",
    ),
    (
        "根据法治政府建设年度报告制度的要求,现将我局2022年法治政府建设工作报告如下。\n"
        "一、完善制度建设\n2022年我局参照《佛山市公共汽车站点设置和管理办法》《肇庆市城市公共交通"
        "管理办法》制定了实施细则。\n",
        None,
        {"locality_code": None},
        "two places' documents cited settle none",
    ),
]


@pytest.mark.parametrize(
    ("text", "url", "expected", "reason"),
    BODY_FORM_CASES + X13_FORM_CASES,
    ids=[c[3] for c in BODY_FORM_CASES + X13_FORM_CASES],
)
def test_bodies_of_every_shape(
    text: str, url: str | None, expected: dict[str, object], reason: str
) -> None:
    m = extract_document(text, source_url=url).metadata
    assert {field: getattr(m, field) for field in expected} == expected, reason


KIND_FORM_CASES = [
    (
        "汝城县2023年度法治政府建设工作开展情况\n2023年，我县坚持……",
        "annual_report",
        "开展情况 title",
    ),
    ("汝城县司法局2023年度工作情况报告\n2023年，县司法局坚持……", "work_summary", "a bureau's year"),
    # round 40: a body's year of enforcement work reported, its name before the year
    (
        "某某街道2024年行政执法工作报告\n2024年，某某街道严格规范执法……",
        "work_summary",
        "a street's year of enforcement work (行政执法工作报告)",
    ),
    (
        "某某街道2024年度行政执法工作情况报告\n2024年，街道综合执法大队……",
        "work_summary",
        "the same with 工作情况报告",
    ),
    (
        "某某区人民政府2023年度行政复议工作报告\n2023年，区政府……",
        "work_summary",
        "a government's year of one field's work, named before the year",
    ),
    (
        "某某区人民政府2023年度法治政府建设工作报告\n2023年，区政府……",
        "annual_report",
        "guard: the field is law-building itself",
    ),
    (
        "某某新闻网讯（通讯员 某某）近日，某某县司法局对2019年度法律顾问工作进行了检查。\n"
        "今年以来，某某县司法局把法律顾问工作作为重点。",
        "other",
        "a paper's mark, then a lead dated only as recent (网讯…近日): a news item",
    ),
    (
        "本报讯（记者某某）近日，记者从市司法局了解到，今年以来，全市共办理法律援助案件300件。",
        "work_summary",
        "guard: the lead names the body the reporter learnt the year from",
    ),
    ("汝城县人民政府关于2023年度法治政府建设工作的报告\n2023年……", "annual_report", "工作的报告"),
    ("某县司法局关于2023年工作的报告\n2023年，我局……", "work_summary", "关于…工作的报告"),
    ("汝城县2023年法治政府建设工作要点\n2023年，全县……", "other", "a plan is no report"),
    (
        "汝城县2024年法治政府建设工作计划\n为推进法治政府建设，根据年度报告要求，制定本计划。",
        "other",
        "a plan quoting the report's words",
    ),
    (
        "关于2023年度法治政府建设考核结果的通报\n各乡镇：根据法治政府建设年度报告……",
        "other",
        "a notice of an assessment",
    ),
    (
        "某区法律援助中心2023年度法律援助工作信息公示\n现将2023年度法律援助情况进行公示。",
        "other",
        "a public notice of a centre's figures",
    ),
    (
        "汝城县人民法院行政审判工作报告\n2023年，全县法院共审结行政案件100件。",
        "other",
        "a court's report",
    ),
    ("2023年，全市法院新收行政诉讼案件300件，同比增长3%。", "other", "a court system's year"),
    ("某县县长2023年度述法报告\n2023年，本人坚持……", "work_summary", "a leader's 述法报告"),
    (
        "某县县长2023年度履行推进法治建设第一责任人职责情况报告\n2023年，本人坚持……",
        "work_summary",
        "a leader's report on the first-responsibility duty, a 述职 by another name",
    ),
    ("某县司法局2023年前三季度工作总结\n2023年，我局……", "work_summary", "three quarters"),
    (
        "关于印发《汝城县2023年法治政府建设年度报告》的通知\n各乡镇：现将报告印发给你们。",
        "annual_report",
        "a notice carrying the report is the report",
    ),
    (
        "今年以来，汝城县坚持依法行政，扎实推进法治政府建设。\n一、主要做法",
        "annual_report",
        "an untitled opening in which the place tells its year of law work",
    ),
    (
        "2023年，汝城县司法局紧紧围绕中心工作，各项工作取得新成效。\n一、强化政治引领",
        "work_summary",
        "an untitled opening in which a bureau tells its year",
    ),
    (
        "某某网讯：岁月不居，时节如流，回望过去的一年，有太多值得铭记的瞬间和值得感谢的人。\n"
        "砥砺奋进，我们勇挑重担\n这一年，某县司法局法律援助中心在局党组领导下，各项工作稳步推进。",
        "work_summary",
        "a year-end feature: a lead, a section heading, then the bureau telling its year",
    ),
    (
        "2023年，某市司法局围绕行政应诉工作，推动行政争议实质性化解。\n"
        "一、行政应诉案件基本情况\n全年共办理行政应诉案件300件。",
        "other",
        "a bureau's year whose first section counts one kind of case: a topic report",
    ),
]


@pytest.mark.parametrize(
    ("text", "kind", "reason"), KIND_FORM_CASES, ids=[c[2] for c in KIND_FORM_CASES]
)
def test_kinds_by_title_form(text: str, kind: str, reason: str) -> None:
    assert meta(text).doc_type == kind, reason


PAGE_FORM_CASES = [
    (
        f"发布者：汝城县司法局\n2023年，我局{OPENING}",
        {"issuer": "汝城县司法局"},
        "a 发布者 label names the poster as 来源 does",
    ),
    (
        f"汝城县人民政府欢迎您\n关于2023年度法治政府建设情况的报告\n2023年，我局{OPENING}"
        "\n汝城县自然资源局\n2024年1月2日",
        {"issuer": "汝城县自然资源局"},
        "a site's greeting banner is the site's owner, the signature is the body",
    ),
    (
        f"汝城县人民政府 政府信息公开\n关于2023年度法治政府建设情况的报告\n2023年，我局{OPENING}"
        "\n汝城县自然资源局\n2024年1月2日",
        {"issuer": "汝城县自然资源局"},
        "a site's 信息公开 banner is chrome",
    ),
    (
        f"《汝城县2023年法治政府建设年度报告》\n2023年，我县{OPENING}",
        {"issuer": "汝城县人民政府", "doc_type": "annual_report"},
        "a title set in book marks on a line of its own is the title",
    ),
    (
        f"【全文】汝城县司法局2023年法治政府建设年度报告\n{OPENING}",
        {"issuer": "汝城县司法局"},
        "a tag before the title",
    ),
    (
        "2023年度汝城县司法局工作总结\n2023年，县司法局坚持……",
        {"issuer": "汝城县司法局", "doc_type": "work_summary"},
        "a title naming its year before its body",
    ),
    (
        "土桥镇司法所2023年工作总结\n2023年，土桥镇司法所坚持……",
        {"issuer": "土桥镇司法所", "township": "土桥镇"},
        "a township's justice office",
    ),
    (
        f"首页 > 政务公开 > 部门信息 > 汝城县卫生健康局\n2023年法治政府建设年度报告\n2023年，我局{OPENING}",
        {"issuer": "汝城县卫生健康局", "locality_code": "431026"},
        "the breadcrumb's deepest step names the body whose column holds the report",
    ),
    (
        f"2023年，土桥镇党委、政府{OPENING}",
        {"issuer": "土桥镇人民政府", "doc_type": "annual_report"},
        "a township's committee with its government speaks: the township's government,"
        " whose law year is its 法治政府建设 report",
    ),
    (
        f"2023年，汝城县委{OPENING}",
        {"issuer": None},
        "a party committee is never the report's body",
    ),
    (
        f"汝城县司法局文件\n汝司发〔2024〕3号\n关于2023年度法治政府建设工作情况的报告\n{OPENING}",
        {"issuer": "汝城县司法局"},
        "an official document's header names its body above a title naming none",
    ),
    (
        f"关于2023年度法治政府建设情况的报告\n中共汝城县委 汝城县人民政府\n（2024年1月20日）\n{OPENING}",
        {"issuer": "汝城县人民政府"},
        "the joint author line below the title",
    ),
    (
        f"一年来，汝城县司法局{OPENING}",
        {"issuer": "汝城县司法局"},
        "一年来 before the subject",
    ),
    (
        "汝城县召开2023年度法治政府建设工作会议\n近日，汝城县召开会议，听取法治政府建设工作报告。",
        {"doc_type": "other"},
        "a news item on a meeting quotes the report's words",
    ),
    (
        "汝城县2024年政府工作报告\n各位代表：现在，我代表县人民政府，向大会报告工作。",
        {"doc_type": "other"},
        "the government's report to the congress is another kind",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "reason"), PAGE_FORM_CASES, ids=[c[2] for c in PAGE_FORM_CASES]
)
def test_page_forms_around_the_title(text: str, expected: dict[str, object], reason: str) -> None:
    m = meta(text)
    assert {field: getattr(m, field) for field in expected} == expected, reason


@pytest.mark.parametrize(
    ("url", "expected", "reason"),
    [
        (
            "http://www.hunan.gov.cn/zwgk/202401/t20240110_1.html",
            (None, "湖南省", None),
            "a province's site and a text naming no place: the province, no code",
        ),
        (
            "http://www.rucheng.gov.cn/zwgk/202401/t20240110_1.html",
            ("431026", "湖南省", "郴州市"),
            "a county's site: the county",
        ),
        (
            "https://www.wugang.gov.cn/zwgk/202401/t20240110_1.html",
            (None, None, None),
            "a domain two provinces' places spell tells nothing",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("http") else None,
)
def test_a_text_naming_no_place_takes_what_its_site_settles(
    url: str, expected: tuple[str | None, str | None, str | None], reason: str
) -> None:
    m = extract_document(f"2023年，我县{OPENING}", source_url=url).metadata
    assert (m.locality_code, m.province, m.city) == expected, reason


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        (
            "长治县司法局2017年法治政府建设年度报告\n2017年，我局坚持依法行政。",
            ("山西省", "长治市", "140404"),
            "a county renamed in 2018 (长治县 → 上党区) found by its former name",
        ),
        (
            "宁乡县人民政府2016年法治政府建设年度报告\n2016年，全县坚持依法行政。",
            ("湖南省", "长沙市", "430182"),
            "a county that became a city (宁乡县 → 宁乡市)",
        ),
    ],
    ids=["a county renamed", "a county become a city"],
)
def test_former_names_from_the_dictionarys_change_record(
    text: str, expected: tuple[str, str, str], reason: str
) -> None:
    m = meta(text)
    assert (m.province, m.city, m.locality_code) == expected, reason


# --- causes read on the fresh sets x2 and x3 (rows in other words and places) -----------------

FRESH_X23_CASES = [
    (
        "索 引 号:001\n公文种类:报告\n发布机构:汝城县\n文 号:汝委〔2025〕1号\n成文日期: 2025-02-24\n"
        "发布日期: 2025-02-24\n有 效 性: 有效\n\n"
        "中共郴州市汝城县委 郴州市汝城县人民政府关于2024年度法治政府建设工作的报告\n"
        f"2024年，汝城县{OPENING}",
        {"issuer": "汝城县人民政府"},
        "a title below an information table, beyond the first lines",
    ),
    (
        f"锡林郭勒盟行政公署司法局2023年度法治政府建设年度工作报告\n来源:盟司法局\n{OPENING}",
        {"issuer": "锡林郭勒盟司法局"},
        "a bureau named with its 行政公署 between: the government is a parent",
    ),
    (
        f"| [ 发布机构 ] | 汝城县土桥镇人民政府 |\n| [ 发布日期 ] | 2026-02-11 |\n2025年，我镇{OPENING}",
        {"issuer": "土桥镇人民政府", "published_on": date(2026, 2, 11)},
        "labels in a table's cells",
    ),
    (
        f"来源:汝城县司法局时间:2024-02-28\n2023年，我局{OPENING}",
        {"published_on": date(2024, 2, 28)},
        "a page's bare 时间 glued to the 来源 before it",
    ),
    (
        f"某街道2024年度法治政府建设工作报告 2024-12-12\n2024年，我街道{OPENING}",
        {"published_on": date(2024, 12, 12)},
        "a title line ending in its date",
    ),
    (
        "栏目:湖南省司法厅-通知公告 发布时间:2020-12-30\n我厅对2020年全省案件进行了统计。",
        {"issuer": "湖南省司法厅"},
        "the column's body when the text speaks as 我厅",
    ),
    (
        "2023年以来，地区司法处坚持以习近平法治思想为指导，落实《阿里地区法治政府建设实施方案》，"
        "全地区法治政府建设稳步推进。",
        {"issuer": "阿里地区司法处", "province": "西藏自治区"},
        "a 地区's bare bureau completed with the 地区 its own plan names (全地区 its level)",
    ),
    (
        "一、2021年上半年工作推进情况\n（一）推进公共法律服务提档升级\n一是加大平台建设。",
        {"doc_type": "work_summary"},
        "a page cut above a half-year heading",
    ),
    (
        "现将2023年工作完成情况和2024年工作思路汇报如下:\n一、2023年重点工作完成情况",
        {"doc_type": "work_summary"},
        "a year's work done and next year's ideas",
    ),
    (
        "2024以来，在县委、县政府的指导下，本人切实履行推进法治政府建设第一责任人职责，坚持依法行政。\n"
        "一、履职情况",
        {"doc_type": "work_summary"},
        "a leader reporting in person",
    ),
    (
        "一、工作开展情况\n（一）坚持党的领导，坚决扛牢法治建设政治责任。一是全面履行责任。",
        {"doc_type": "annual_report"},
        "a page cut above headings on the building of the rule of law",
    ),
    (
        "2024年，在省委领导下，全省各级政府坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "一、坚持以习近平法治思想为引领，健全完善法治政府建设推进机制",
        {"doc_type": "annual_report"},
        "an untitled opening paragraph, then a first heading on 法治政府建设",
    ),
    (
        "2022年在县委、县政府的领导下，在上级司法行政部门的指导下，汝城县坚持以习近平法治思想为指导。\n"
        "一、工作开展情况及成效\n（一）强化政府职能作用，全面依法履行政府职能",
        {"doc_type": "annual_report"},
        "the superiors' 司法行政 in a 指导下 clause do not make a bureau's summary",
    ),
    (
        "2023年，某区法治政府建设工作取得显著成就，依法行政水平持续提高。\n一、行政复议案件情况\n"
        "（一）基本情况\n2023年，区政府共收到行政复议申请1113件。",
        {"doc_type": "other"},
        "the place's year whose first section counts one kind of case: a topic report",
    ),
    (
        "2025年以来，在区委领导下，区司法局党组统筹推进依法治区和司法行政重点工作，取得较好成效。"
        "在全市法治建设测评中排名第一，推动法治政府建设工作情况持续向好。",
        {"doc_type": "work_summary"},
        "the annual report's structure words inside a sentence are no heading",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "reason"), FRESH_X23_CASES, ids=[c[2] for c in FRESH_X23_CASES]
)
def test_forms_read_on_the_fresh_sets(text: str, expected: dict[str, object], reason: str) -> None:
    m = extract_document(text).metadata
    assert {field: getattr(m, field) for field in expected} == expected, reason


@pytest.mark.parametrize(
    ("url", "codes", "reason"),
    [
        ("https://www.ordos.gov.cn/a/202501/t20250113_1.html", {"150600"}, "Mongolian spelling"),
        ("http://www.urumqi.gov.cn/a.html", {"650100"}, "Uyghur spelling"),
        (
            "http://admin.yzcity.gov.cn:8888/nyx/fzzfjs/202503/1.shtml",
            {"431126"},
            "a domain two cities spell (yz + city), settled by a county's folder under one",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("http") else None,
)
def test_domains_beyond_plain_pinyin(url: str, codes: set[str], reason: str) -> None:
    assert {d.code for d in url_divisions(url)} == codes, reason


def test_a_date_folder_of_year_month_then_day() -> None:
    assert url_date("http://www.example.gov.cn/a/2025-03/07/article_1.html") == date(2025, 3, 7)


def test_a_yearbook_page_names_its_place_in_its_header() -> None:
    m = meta("Page 214 - 武侯年鉴2021\nP. 214\n法 治\n全区各类调解组织受理各类矛盾纠纷。")
    assert (m.locality_code, m.province) == ("510107", "四川省")


def test_a_sentence_naming_last_years_work_is_no_title() -> None:
    text = (
        "2025年，某镇在县委、县政府的坚强领导下，紧扣2024年度法治政府建设短板弱项，持续发力。\n"
        "一、履行推进法治建设第一责任人职责情况"
    )
    assert meta(text).report_year == 2025


def test_a_page_flattened_to_one_line_of_chrome_still_has_metadata() -> None:
    # a page whose text lost its line breaks: its only line opens with the site's breadcrumb, so
    # the head keeps no line at all once the chrome is dropped, and the body still gives a year
    text = (
        "首页 >> 政务公开 >> 工作报告 某镇2023年法治政府建设工作情况报告 2023年，某镇坚持依法行政。"
    )
    assert meta(text).report_year == 2023


# --- round 8: causes read on x7's development half (eval/real/DIAGNOSIS.md) -------------------
X7_FORM_CASES = [
    (
        "根据《关于报送2023年度法治政府建设情况的通知》文件要求，恩施州人民政府高度重视，"
        "组织各部门开展总结。现将恩施州2023年度法治政府建设情况报告如下：\n一、主要举措",
        {"issuer": "恩施州人民政府", "report_year": 2023},
        "the instruction a report answers (根据…要求，) stands before its subject",
    ),
    (
        "按照市委依法治市办的统一部署，汝城县司法局认真梳理全年工作，推进法治政府建设。\n一、主要举措",
        {"issuer": "汝城县司法局", "locality_code": "431026"},
        "按照…部署， before the subject too",
    ),
    (
        "2023年，全县司法行政系统在县委、县政府的正确领导下，坚持以习近平法治思想为指导，"
        "推动汝城县法治建设取得新成效。\n一、2023年推进法治政府建设的主要举措和成效\n"
        "（一）我局牵头制定普法规划。",
        {"issuer": "汝城县司法局", "locality_code": "431026"},
        "the county's justice system speaking as a whole: its justice bureau",
    ),
    (
        "2022年，全省司法行政系统以党的二十大精神为引领，服务湖南高质量发展，"
        "全省法治政府建设取得新进展。\n一、坚持党的领导",
        {"issuer": "湖南省司法厅", "province": "湖南省"},
        "a province's justice system speaking: its justice department (厅)",
    ),
    (
        "2021年，湖南司法行政系统以学习贯彻习近平法治思想为统领，各项工作取得新成效。"
        "全省法治政府建设稳步推进。\n一、主要工作",
        {"issuer": None, "province": "湖南省"},
        "a short name before 司法行政系统 names no body (the convention leaves it blank)",
    ),
    (
        "2023年，县司法局党组指导全县司法行政系统干部学法，汝城县法治建设稳步推进。\n一、主要举措",
        {"issuer": "汝城县司法局"},
        "全县司法行政系统 as an object is not the subject; the bare bureau before it is",
    ),
    (
        "当前位置：首页 > 要闻\n法治政府建设成效如何？宜昌市政府发布报告\n"
        f"更新时间：2023-03-20 09:15\n2022年，我市{OPENING}",
        {"issuer": "宜昌市人民政府", "locality_code": "420500", "report_year": 2022},
        "a news headline naming the body that published the report",
    ),
    (
        f"（年度盘点）湖南省司法厅正式发布2023年法治政府建设年度报告\n2023年，全省{OPENING}",
        {"issuer": "湖南省司法厅"},
        "the announcing body after a bracketed tag, 正式发布",
    ),
    (
        f"专家解读：如何发布一份好的年度报告\n2023年，全市{OPENING}",
        {"issuer": None},
        "a headline whose words before 发布 are no body's name names no issuer",
    ),
    (
        "2021卷\n【推进依法行政的主要工作】 自治区党委把法治政府建设摆在全局工作重要位置，"
        "听取工作汇报，一体推进法治宁夏建设，对5个地级市开展实地督察。",
        {
            "locality_code": "640000",
            "report_year": 2020,
            "doc_type": "other",
            "issuer": None,
        },
        "a yearbook's volume (2021卷) records the year before; its entry is another kind; a long "
        "entry label before the region's committee still lets the region speak",
    ),
    (
        "汝城年鉴（2024）\n【法治政府建设】 县政府坚持依法行政，听取法治政府建设工作汇报4次。",
        {"report_year": 2023, "doc_type": "other"},
        "a yearbook named with its volume in brackets",
    ),
    (
        "2021卷\n【概况】 2019年，县司法局坚持依法行政，法治政府建设取得新成效。",
        {"report_year": 2019, "doc_type": "other"},
        "a year the entry states itself wins over the volume",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "reason"), X7_FORM_CASES, ids=[c[2] for c in X7_FORM_CASES]
)
def test_forms_read_on_x7s_development_half(
    text: str, expected: dict[str, object], reason: str
) -> None:
    m = extract_document(text).metadata
    assert {field: getattr(m, field) for field in expected} == expected, reason


# --- round 9: causes read on x8's development half (eval/real/DIAGNOSIS.md) -------------------
X8_FORM_CASES = [
    (
        f"仙桃市2023年法治政府建设年度报告\n2023年，仙桃市{OPENING}",
        {"locality_code": "429004", "province": "湖北省", "city": None},
        "a county-level city under its province directly has no city, not the province",
    ),
    (
        f"济源市2022年度法治政府建设情况报告\n2022年，济源市{OPENING}",
        {"locality_code": "419001", "city": None},
        "the same in another province",
    ),
    (
        f"石河子市2023年法治政府建设情况报告\n2023年，石河子市{OPENING}",
        {"locality_code": "659001", "city": None},
        "an autonomous region's directly administered city has none either",
    ),
    (
        f"北京市海淀区2022年法治政府建设年度报告\n2022年，海淀区{OPENING}",
        {"locality_code": "110108", "city": "北京市"},
        "a municipality's district keeps the municipality as its city",
    ),
    (
        f"成都市公安局武侯区分局2023年法治政府建设工作报告\n2023年，我分局{OPENING}",
        {"locality_code": "510107", "city": "成都市", "issuer": "成都市公安局武侯区分局"},
        "a city department's district branch reports for its district",
    ),
    (
        f"湛江市生态环境局廉江分局2023年法治政府建设年度报告\n2023年，我分局{OPENING}",
        {"locality_code": "440881", "city": "湛江市"},
        "a branch named by its county's short name",
    ),
    (
        f"成都市公安局交警分局2023年法治政府建设年度报告\n2023年，我分局{OPENING}",
        {"locality_code": "510100"},
        "a branch named for a function is the city's",
    ),
    (
        f"成都市人民政府2023年法治政府建设情况报告\n2023年，成都市持续推进武侯区{OPENING}",
        {"locality_code": "510100", "issuer": "成都市人民政府"},
        "a district named in the text, not in the issuer, leaves the city's report the city's",
    ),
]


X9_FORM_CASES = [
    (
        "索 引 号: | 0001/2024-00012 | 发布机构: | 区司法局 |\n"
        "发文日期: | 2024-02-02 09:10 | 发布日期: | 2024-04-08 11:20 |\n"
        f"铜官区2023年法治政府建设年度报告\n2023年，铜官区{OPENING}",
        {"published_on": date(2024, 4, 8)},
        "发布日期 is the page's publication; 发文日期 before it is the day the paper went out",
    ),
    (
        "发文日期：2025-01-21\n成文日期：2025-01-16\n"
        f"铜官区2024年法治政府建设年度报告\n2024年，铜官区{OPENING}",
        {"published_on": date(2025, 1, 21)},
        "with no 发布日期, 发文日期 still comes before 成文日期",
    ),
    (
        f"广西财政厅2022年度法治政府建设情况报告\n来源：广西壮族自治区财政厅\n2022年，自治区财政厅{OPENING}",
        {"issuer": "广西财政厅", "locality_code": "450000", "province": "广西壮族自治区"},
        "a province's department by the province's short name, as its own title writes it",
    ),
    (
        f"内蒙古司法厅关于2021年法治政府建设情况的报告\n2021年，我厅{OPENING}",
        {"issuer": "内蒙古司法厅", "locality_code": "150000"},
        "the same with a title opening 关于, and no full name anywhere",
    ),
    (
        "铜官区2023年司法行政工作总结\n今年以来，铜官区司法局在区委区政府的领导下，"
        "围绕中心服务大局，各项工作有序推进。\n一、全年工作情况",
        {"issuer": "铜官区司法局", "locality_code": "340705"},
        "a place's title on its 司法行政 work is its justice bureau's, not its government's",
    ),
    (
        "甘肃省2022年度司法行政工作总结\n2022年，全省司法行政系统坚持以人民为中心，"
        "扎实推进各项工作。\n一、主要工作",
        {"issuer": "甘肃省司法厅", "locality_code": "620000"},
        "a province's 司法行政 title is its justice department's",
    ),
    (
        f"铜官区2023年度法治政府建设工作总结\n来源：铜官区司法局\n2023年，铜官区{OPENING}",
        {"issuer": "铜官区人民政府"},
        "a place's title on 法治政府建设 stays its government's",
    ),
    (
        "为进一步加强基层矛盾纠纷调处工作，按照市委政法委关于平安建设的部署，着力构建多元化解格局，"
        "安宁区司法局会同法院、公安等部门建立联调机制，取得明显成效。\n一、主要成效",
        {"issuer": "安宁区司法局", "locality_code": "620105"},
        "a first sentence opening on its purpose and its basis: the body after those clauses",
    ),
    (
        "根据省政府统一安排，为推动依法行政落到实处，华容县坚持把法治政府建设摆在突出位置，"
        "全面推进各项工作。\n一、主要举措和成效",
        {"issuer": None, "locality_code": "430623", "doc_type": "annual_report"},
        "a place after fronted clauses speaks (no body named), and settles the locality",
    ),
    (
        "为提升群众法治意识，近日，安宁区司法局在社区广场举办普法集市活动，现场发放资料，"
        "解答群众咨询。",
        {"issuer": "安宁区司法局", "doc_type": "other"},
        "a news lead with a purpose clause names its body but stays a news item",
    ),
    (
        "2023年，华容县坚持依法行政，把建设法治政府示范县写入政府工作报告，"
        "全面推进法治政府建设。\n一、主要举措和成效",
        {"doc_type": "annual_report"},
        "政府工作报告 cited in a sentence is no title of another kind",
    ),
]


# Round 12: forms read on x10's development half, written afresh for other places and words.
X10_FORM_CASES = [
    (
        "2021年，自治区坚持以法治思想为指导，推动法治宁夏建设迈出新步伐。现将有关情况报告如下：\n"
        "一、坚持党的领导，压实法治建设责任\n"
        "自治区人民政府把法治政府建设列入年度重点工作，常务会议专题研究法治议题9次。",
        {"issuer": "宁夏回族自治区人民政府", "locality_code": "640000"},
        "an untitled region's report whose first section opens with 自治区人民政府: the government",
    ),
    (
        "2022年，在党中央、国务院和省委的坚强领导下，全省各级行政机关坚持依法行政，法治甘肃建设取得"
        "新进展。现将有关情况报告如下：\n一、全省法治政府建设情况\n"
        "省政府坚持把法治政府建设作为重点工作，召开常务会议研究法治议题20次。",
        {"issuer": "甘肃省人民政府", "locality_code": "620000"},
        "the same with 省政府 under the first heading",
    ),
    (
        "2022年，全市各级行政机关坚持依法行政，定西市法治政府建设取得新进展。现将有关情况报告如下：\n"
        "一、主要举措和成效\n省政府督查组对我市法治政府建设工作开展实地督查，给予充分肯定。",
        {"issuer": None, "locality_code": "621100"},
        "省政府 in a city's report is a superior, never the issuer",
    ),
    (
        "2023年，海西州党委、政府坚持依法行政，严格规范公正文明执法，扎实推进法治政府建设。\n"
        "一、主要举措",
        {"issuer": "海西州人民政府", "locality_code": "632800"},
        "a place's 党委、政府 speaking together: its government, named as the text writes the place",
    ),
    (
        "2023年，定西市委、市政府坚持依法行政，扎实推进法治政府建设。\n一、主要举措",
        {"issuer": "定西市人民政府", "locality_code": "621100"},
        "the same with 市委、市政府 after the place's full name",
    ),
    (
        "2023年，定西市坚持依法行政，扎实推进法治政府建设。\n一、主要举措",
        {"issuer": None, "locality_code": "621100"},
        "the place alone speaking names no body",
    ),
    (
        "2024年是全面贯彻党的二十届三中全会精神的开局之年，也是推动高质量发展的关键之年，是全面落实"
        "“十四五”规划目标任务的攻坚之年。一年来，在习近平新时代中国特色社会主义思想指引下，在省委、省"
        "政府的坚强领导下，定西市坚持以法治思想为指导，全面落实上级决策部署，紧扣全市中心工作，统筹推进"
        "法治政府建设各项任务，把法治建设放在全局工作中谋划推进，着力提升行政决策、行政执法、矛盾化解的"
        "法治化水平，推动营商环境持续优化，政务服务效能明显提升，基层治理能力稳步增强，社会大局保持和谐"
        "稳定，人民群众的获得感、幸福感、安全感不断增强，为全市经济社会高质量发展提供了有力法治保障，"
        "各项工作取得积极成效，得到群众普遍认可。现报告如下。\n一、主要工作情况",
        {"doc_type": "annual_report"},
        "现报告如下 closing a preamble longer than the first 300 characters: the annual report",
    ),
    (
        "某某网 > 资讯 > 本地新闻 > 正文\n定西市举办首届法治文化节\n浏览次数:3562023-05-06 10:20\n"
        "5月5日上午，首届法治文化节开幕，与会人员听取了市司法局关于全市法治文化建设的情况报告。",
        {"doc_type": "other", "published_on": date(2023, 5, 6)},
        "a trail of columns with no 首页 is chrome, the news headline below it opens the page; a "
        "view counter glued to the page's date",
    ),
    (
        "成都市首场行政复议开放日活动昨日在我区举行\n11月8日上午，成都市首场行政复议开放日活动在区"
        "司法局举行，市司法局和区有关部门参加。近年来，我区坚持依法行政，青羊区行政复议工作稳步推进，"
        "全区行政复议案件纠错率保持低位。",
        {"locality_code": "510105"},
        "a city opening a headline as a modifier (某市首场…在我区举行): the one district of it the "
        "text names and speaks for",
    ),
    (
        "2023年，成都市坚持依法行政，全市法治政府建设稳步推进。我市在青羊区开展行政复议开放日活动。",
        {"locality_code": "510100"},
        "a city speaking for itself keeps its code though it names a district",
    ),
    (
        "成都市首场行政复议开放日活动昨日在我区举行\n11月8日上午，活动在青羊区举行，锦江区、武侯区"
        "司法局参加。我区将持续推进复议工作，全区复议案件纠错率保持低位。",
        {"locality_code": "510100"},
        "two or more districts named: none is settled, the city stays",
    ),
]


# Round 13: forms read on x11's development half, in the team's own words.
X11_FORM_CASES = [
    (
        "某镇：依法治理见实效\n来源:某某日报 浏览次数:2310 发布时间:[2023-7-14] |\n"
        "今年以来，某镇坚持依法行政，组织开展法治讲座5场，调处矛盾纠纷28起。",
        {"published_on": date(2023, 7, 14), "report_year": 2023},
        "a page's date in brackets after its label; an opening that counts the year so far "
        "(今年以来) is of the page's year, whatever the month",
    ),
    (
        "某镇：依法治理见实效\n发布时间:2023-11-20\n"
        "某镇坚持依法行政，组织开展法治讲座5场，调处矛盾纠纷28起。",
        {"published_on": date(2023, 11, 20), "report_year": 2023},
        "without 今年以来 a page dated in the last quarter is still that year's",
    ),
    (
        # round 15: a news item (the headline 某镇：…) dated after the first quarter is of its own
        # year (x10_034, x14_018, x14_030, x14_039); this row expected 2022 before
        "某镇：依法治理见实效\n发布时间:2023-07-14\n"
        "某镇坚持依法行政，组织开展法治讲座5场，调处矛盾纠纷28起。",
        {"report_year": 2023},
        "a news item dated mid-year is of its own year, with or without 今年以来",
    ),
    (
        "某镇司法所工作总结\n发布时间:2023-07-14\n"
        "某镇坚持依法行政，组织开展法治讲座5场，调处矛盾纠纷28起。",
        {"report_year": 2022},
        "nor does a mid-year date make a summary's own year without 今年以来",
    ),
    (
        "某镇：依法治理见实效\n发布时间:2024-01-12\n"
        "今年以来，某镇坚持依法行政，组织开展法治讲座5场，调处矛盾纠纷28起。",
        {"report_year": 2023},
        "今年以来 on a page of the first quarter: last year's summary, written before the year "
        "turned",
    ),
    (
        "甘肃:公共法律服务平台全覆盖\n發(fā)布時(shí)間:2023-01-30 09:12:00\n"
        "28日,2023年甘肅省司法行政工作會(huì)議在蘭州召開。會(huì)上公布,全省共辦理法律援助案件"
        "2.1萬件。",
        {"report_year": 2022, "published_on": date(2023, 1, 30), "doc_type": "other"},
        "a meeting named by its year (2023年…工作会议) reviews the year before; the title "
        "block's pronunciation notes are read through",
    ),
    (
        "3月12日,2023年某省行政复议工作白皮书发布。这是该省首次以白皮书形式发布行政复议工作"
        "情况报告。2023年,全省共收到行政复议申请5120件。",
        {"doc_type": "other"},
        "a news item's dateline (3月12日,…发布) opening the page: another kind",
    ),
    (
        "(一)推动法治建设。配合县人大审议2024年度法治政府建设情况报告,部署法治某县建设。\n"
        "(二)推动争议化解。今年1-6月,全县新收行政复议案件40件。",
        {"report_year": 2025},
        "another year's report handled in the text (审议2024年度…报告) is of the year before "
        "the text's",
    ),
    (
        "(一)推动信息报送。县本级信息排名全市第二,全市降幅最大。会同县府办做好审查工作。\n"
        "(二)推动争议化解。浦江县新收行政复议案件40件,全县办结35件,全县调解率41%。",
        {"locality_code": "330726"},
        "a rank among the city's places (全市第二, 全市降幅最大) is no level the text speaks "
        "at; a name that is also ordinary words (会同县府办) yields to the county it names",
    ),
]


X12_FORM_CASES = [
    (
        "关于2023年度某某市行政复议工作的报告\n\n发布时期:2024-07-18 信息来源:市人大 作者:\n\n"
        "某某市司法局\n\n2023年，全市行政复议机构认真贯彻行政复议法。现根据《某某市人大常委会"
        "关于听取和审议法治政府建设情况报告的实施方案》，将2023年度全市行政复议工作汇报如下：\n\n"
        "一、全市行政复议基本情况\n",
        {"published_on": date(2024, 7, 18), "doc_type": "work_summary"},
        "发布时期 labels the page's date; a year's report on one field of work (行政复议) is a work "
        "summary, whatever 法治政府建设 report a quoted plan names",
    ),
    (
        "关于2023年度某某县法治政府建设工作的报告\n\n2023年，某某县认真贯彻落实。现将有关情况报告如下：\n",
        {"doc_type": "annual_report"},
        "the same title on law-building itself stays the annual report",
    ),
    (
        "关于2023年度某某县依法行政工作的报告\n\n2023年，某某县坚持依法行政。现将有关情况报告如下：\n",
        {"doc_type": "annual_report"},
        "and so does one on 依法行政",
    ),
    (
        "某某新闻网讯(通讯员 王某)2019年，汉中市法律援助中心超额完成了全年办案任务。当年全市各级"
        "法律援助机构共受理法律援助案件1530件，增长8.2%。\n"
        "城固县司法局、洋县司法局获2019年度全省法律援助案件质量评查优秀单位；\n"
        "我市3个案例获评全省优秀法律援助典型案例。",
        {"issuer": "汉中市法律援助中心", "locality_code": "610700"},
        "a news lead (某某网讯(通讯员…)) before the opening's subject; a line listing bodies that won "
        "awards is no author line",
    ),
    (
        "本报讯 2022年，宜昌市司法局全年办理法律援助案件2300件，接待群众来访4100人次，"
        "指导各县市区司法局开展工作。",
        {"issuer": "宜昌市司法局", "locality_code": "420500"},
        "本报讯 before the subject",
    ),
]


# Round 15 (x14's development half: news items, township and county openings without a title)
X14_FORM_CASES = [
    (
        "某省公共法律服务实现全覆盖\n2019-06-12   来源:某某日报\n\n日前获悉：某省公共法律服务体系"
        "建设取得成效。到目前，全省已建成法律服务站900个。\n",
        {},
        {"published_on": date(2019, 6, 12), "report_year": 2019, "doc_type": "other"},
        "a page's date with its labelled source and no time; a news item dated after the first "
        "quarter tells of its own year",
    ),
    (
        "某市法治建设综述\n2021年09月14日 10:20:11 | 来源:某某广电融媒体中心\n\n近年来，某市持续推进"
        "法治建设。\n",
        {},
        {"published_on": date(2021, 9, 14), "report_year": 2021},
        "a date and time, then | and the source",
    ),
    (
        "某市将创建示范市\n2021-09-14 10:20:11來源:某某网编辑:王某责编:李某\n\n十八大以来，某市统筹推进"
        "法治建设，市司法局立法处2018年被评为全国法治政府建设工作先进单位。\n",
        {},
        {"published_on": date(2021, 9, 14), "report_year": 2021},
        "the source glued to the time, with the page's editors after it; an award's year "
        "(2018年被评为…法治政府建设…单位) is no title's",
    ),
    (
        "某市召开司法行政工作会议\n2021-02-03 来源:某某日报\n\n日前，某市召开司法行政工作会议。\n",
        {},
        {"published_on": date(2021, 2, 3), "report_year": 2020},
        "a news item of the first quarter still looks back on the year before",
    ),
    (
        "今年来，某州司法局认真贯彻落实上级部署，推进公共法律服务体系建设。\n一是着力推进平台建设。"
        "全州已建成工作站210个。\n",
        {"source_url": "http://sfj.example.gov.cn/sfgz/202308/t20230915_1.html"},
        {"report_year": 2023, "doc_type": "work_summary"},
        "今年来 counts the year so far; a text naming no year at all takes its address's year",
    ),
    (
        "今年来，某州司法局认真贯彻落实上级部署。\n一、2022年工作开展情况\n全州已建成工作站210个。\n",
        {"source_url": "http://www.example.com/zfxxgk/202305/abc.shtml"},
        {"report_year": 2022},
        "a text that names its year is not dated by a repost's address",
    ),
    (
        "日前，中共宁都县委、宁都县人民政府通报了年度绩效考核结果，宁都县司法局获评优秀等次。\n"
        "近年来，全县司法行政系统坚决贯彻各项决策部署。“客家调解”项目入选全省首批示范项目，也是"
        "全市唯一入选的县级项目。县司法局先后获评全市先进基层党组织、全省“七五”普法先进集体。\n",
        {},
        {"locality_code": "360730", "city": "赣州市"},
        "a selection (入选全省…), a rank (全市唯一) and a later item of an award's list (获评…、全省…) "
        "are no level the text speaks at",
    ),
    (
        "近年来，某市司法局始终牢记习近平总书记2014年视察时的重要指示，打好调解组合拳。\n全市各类"
        "调委会专职调解员配备率达100%。2024年全市各级人民调解组织调解案件1.2万件，调解成功率达99%。\n",
        {},
        {"report_year": 2024},
        "of several years stated, the one opening the whole place's figures (not a past visit's)",
    ),
    (
        "近年来，某市司法局深化调解工作。\n2022年全市调解案件1.1万件；2023年全市调解案件1.2万件。\n",
        {},
        {"report_year": None},
        "two years opening the place's figures settle nothing",
    ),
    (
        "6月10日，全市司法所工作会议召开。\n目前，我市有各类调解委员会900个，全市司法所紧贴民生需求。\n"
        "会上，宁都、于都司法局作经验交流。\n",
        {},
        {"province": "江西省", "city": "赣州市"},
        "a city speaking as 我市 that lists its counties' bureaus by their short names",
    ),
    (
        "6月10日，全市司法所工作会议召开。\n目前，我市有各类调解委员会900个，全市司法所紧贴民生需求。\n"
        "会上，宁都、吴川司法局作经验交流。\n",
        {},
        {"province": None, "city": None},
        "counties of two cities settle no city",
    ),
]


# (round 20) x18's causes read with the page's address
X18_HINT_CASES = [
    (
        "11月20日,记者从大理州司法局获悉,截至目前,全州共办理法律援助案件3200件,同比增长12%。\n\n"
        "完善制度建设\n2017年中共大理州委办公室印发《大理州关于完善法律援助制度的实施意见》。\n",
        {"source_url": "http://news.example.com/c/2022-11-20/5566.shtml"},
        {"report_year": 2022},
        "a news item whose dateline is its page's date tells that year, not a later paragraph's past",
    ),
    (
        "3月2日,记者从某市司法局获悉,全市法律援助工作成效明显。\n"
        "2021年,全市共办理法律援助案件3200件。\n",
        {"source_url": "http://news.example.com/c/2022-03-02/5567.shtml"},
        {"report_year": 2021},
        "guard: a first-quarter item opening the year before keeps that year",
    ),
]


# (round 22) x20's news item on a released white paper, read with the page's address
X20_HINT_CASES = [
    (
        "南方日报讯 记者某某报道:某省高级人民法院18日发布2021年度行政审判白皮书。根据白皮书,"
        "2021年,全省法院共审结一审行政案件1.8万件,行政机关一审败诉率为9.6%。\n",
        {"source_url": "http://epaper.example.com/html/2022-07/19/content_1.htm"},
        {"report_year": 2021},
        "a news item on a body releasing its year's white paper tells that year, not the page's",
    ),
    (
        "南方日报讯 记者某某报道:18日,某省高级人民法院召开新闻发布会,通报今年上半年全省法院"
        "审结一审行政案件9000件。\n",
        {"source_url": "http://epaper.example.com/html/2022-07/19/content_2.htm"},
        {"report_year": 2022},
        "guard: a news item releasing no year's report keeps its page's year",
    ),
]


@pytest.mark.parametrize(
    ("text", "hints", "expected", "reason"),
    X14_FORM_CASES + X18_HINT_CASES + X20_HINT_CASES,
    ids=[c[3] for c in X14_FORM_CASES + X18_HINT_CASES + X20_HINT_CASES],
)
def test_forms_read_on_the_development_halves_of_x14_x18_and_x20(
    text: str, hints: dict[str, str], expected: dict[str, object], reason: str
) -> None:
    m = extract_document(text, **hints).metadata  # type: ignore[arg-type]
    assert {field: getattr(m, field) for field in expected} == expected, reason


# Round 17 (x15's development half): invented wording for each cause, with guards
X15_FORM_CASES = [
    (
        "今年以来，在县委、县政府的正确领导和县人大常委会的有力监督下，县司法局坚持和发展新时代"
        "枫桥经验，为平江县经济社会发展提供法治保障。\n一、调解工作\n全县调解纠纷1200件。\n",
        {"issuer": "平江县司法局"},
        "a leading clause of leadership and oversight (领导和…监督下) before the bare body",
    ),
    (
        "根据《法治政府建设与责任落实督察工作规定》要求，现将省政府2024年度法治政府建设情况报告如下。\n"
        "一、2024年主要工作\n制定我省法治甘肃建设重点举措30条，全省各级行政机关依法行政。\n",
        {"issuer": "甘肃省人民政府"},
        "现将 after the instruction the report answers, then the bare 省政府",
    ),
    (
        "2023年，临澧县司法行政系统在县委、县政府的坚强领导下，守正创新、扎实推进全面依法治县"
        "各项工作。\n一、人民调解\n全县调解纠纷900件。\n",
        {"issuer": "临澧县司法局", "doc_type": "work_summary"},
        "a named place's justice system speaks as its bureau (as 全县司法行政系统 does)",
    ),
    (
        "2023年，甘肃省司法行政系统在省委、省政府的坚强领导下，守正创新、扎实推进全面依法治省"
        "各项工作。\n",
        {"issuer": "甘肃省司法厅"},
        "a province's justice system: its department",
    ),
    (
        "本报讯 5月8日上午，某市人民政府新闻办公室举行新闻发布会，介绍全市司法行政工作成效。\n"
        "今年以来，临澧县司法行政系统充分发挥职能作用，推动依法治县工作取得新成效。\n",
        {"issuer": None},
        "guard: below a news lead the place's justice system is the reporter's topic (the open "
        "question on news items, not fitted)",
    ),
    (
        "2023年，全县司法行政系统在县委、县政府的坚强领导下，守正创新、扎实推进全面依法治县各项工作。\n",
        {"issuer": "县司法局"},
        "guard: 全县司法行政系统 stays the bare bureau",
    ),
    (
        "某省人民政府2024年度法治政府建设工作情况\n• 2025年03月21日 10时15分\n• 来源: 司法厅\n"
        "2024年，省政府坚持依法行政。\n",
        {"published_on": date(2025, 3, 21)},
        "a page's date with its time in words (10时15分)",
    ),
    (
        "某地法律援助中心获全国表彰\n某某晚报 2021-05-11 09:30 大字\n本报讯 近日，某地法律援助中心"
        "获评先进集体。\n",
        {"published_on": date(2021, 5, 11)},
        "a paper's name, its date and time, and the page's text-size control",
    ),
    (
        "某市中级法院、某市司法局联合发布行政复议行政诉讼案件上半年分析报告\n2023-08-15 09:10 某市司法局\n"
        "近日，某市司法局与某市中级法院联合发布报告。\n",
        {"doc_type": "other", "report_year": 2023},
        "a title telling of a release (联合发布…分析报告) is news of it, not a half-year summary",
    ),
    (
        "某县人民政府发布2023年度法治政府建设报告\n2023年，县政府坚持依法行政，现将有关情况报告如下。\n",
        {"doc_type": "annual_report"},
        "guard: a government posting its own annual report under 发布 stays a report",
    ),
    (
        "4月2日，某市司法局召开新闻发布会。\n白皮书显示，2023年，盐城市各级行政复议机关共收到申请"
        "3000件，是2022年收案数的2倍。\n",
        {"report_year": 2023},
        "of two years stated, the one that opens the place's bodies of every tier (某市各级)",
    ),
    (
        "2023年，某区教育局以习近平法治思想为指导，积极运用法治思维和法治方式推进教育事业发展。"
        "今年依法行政工作开展情况如下：\n一、重点工作完成情况\n1.加强学习。组织干部学法。\n",
        {"doc_type": "annual_report"},
        "an untitled report introduced by its law work (依法行政工作开展情况如下)",
    ),
    (
        "2023年，某区教育局以习近平法治思想为指导，积极推进普法工作。今年普法工作开展情况如下：\n"
        "一、重点工作完成情况\n1.加强学习。组织干部学法。\n",
        {"doc_type": "other"},
        "guard: another field's work introduced the same way is no law report",
    ),
]

# round 18 (x16's development half): causes 145-146, invented wording
X16_FORM_CASES = [
    (
        "2019卷\n【概况】 广西壮族自治区司法厅(以下简称自治区司法厅)是负责全区司法行政工作的"
        "政府组成部门。厅机关设处室18个。\n【人民调解】 全区调解纠纷12万件。\n",
        {"locality_code": "450000", "province": "广西壮族自治区"},
        "a yearbook entry's subject after its heading tag gives the place",
    ),
    (
        "2019卷\n【概况】 广西壮族自治区司法厅(以下简称自治区司法厅)是负责全区司法行政工作的"
        "政府组成部门。厅机关设处室18个。\n",
        {"issuer": None},
        "guard: whether the entry's subject is its issuer is answered both ways (not fitted)",
    ),
    (
        "原标题:\n“枫桥”新篇:新疆为基层治理立起新标杆\n建成140个一站式矛盾纠纷调解中心,"
        "去年纠纷化解成功率97.5%;\n被列入自治区政府2023年工作要点的调解品牌建设,全区各地"
        "持续推进。\n一起纠纷近日在某县法院诉前调解委员会得到化解。据了解,自治区司法厅推动"
        "全区调解组织不断壮大。\n",
        {"locality_code": "650000", "province": "新疆维吾尔自治区"},
        "全区 with the region's own bodies and its short name in the head: the region",
    ),
    (
        "2023年,青秀区司法局在区委、区政府的领导下,扎实推进法治建设。\n在自治区司法厅的指导下,"
        "全区调解组织化解纠纷3000件。全区法律援助工作稳步推进。\n",
        {"locality_code": "450103"},
        "guard: a district speaking as 全区 under the region's department stays the district",
    ),
    (
        "第1207期:第03版 本期出版日期:2021-03-09\n\n全县实现村(居)法律顾问全覆盖\n"
        "据了解,2020年,全县共选配230名律师担任村(居)法律顾问。\n",
        {"published_on": date(2021, 3, 9)},
        "a paper's issue date (本期出版日期) is the item's publication",
    ),
    (
        "2022年度丰渠镇法治政府建设工作报告\n\n按照岐山县委、县政府的要求,丰渠镇依法全面履行"
        "政府职能,扎实推进法治政府建设。\n",
        {"issuer": "丰渠镇人民政府"},
        "a town the gazetteer does not list, opening a title alone, speaks as its government",
    ),
    (
        "2022年度全县乡镇法治政府建设工作总结\n\n全县各乡镇依法全面履行政府职能。\n",
        {"issuer": None},
        "guard: the county's towns taken together are no town",
    ),
]

X17_FORM_CASES = [
    (
        "某县法援为群众挽回损失\n来源: • 2024-03-08 09:12:45\n3月7日,记者从县司法局获悉,"
        "2023年,全县办理法律援助案件630件。\n",
        {"published_on": date(2024, 3, 8)},
        "a source label left blank, then the page's date and time",
    ),
    (
        "首页 > 政务公开 > 司法局\n某市司法局2024年2月行政复议案件情况分析报告\n发布日期 2024-03-05\n"
        "一、2月份全市共收到行政复议申请41件。\n",
        {"report_year": 2024},
        "a title on one month of a year, out early in the next month: the title's year",
    ),
    (
        "某县2023年1-3月人民调解工作情况通报\n发布时间:2023-04-10\n一季度,全县调解纠纷210件。\n",
        {"report_year": 2023},
        "guard: a title on a quarter's months, dated after the quarter: the title's year",
    ),
    (
        "增长40%!广西律师行业稳步发展\n日期: 2023-07-20\n记者日前从广西壮族自治区律师协会获悉,"
        "截至2023年6月底,全区律师人数达9800名,全区律师事务所760家。\n",
        {"locality_code": "450000", "province": "广西壮族自治区"},
        "全区 with the region's bar named in full and its short name in the head: the region",
    ),
    (
        "2023年,某区司法局扎实推进法治建设。\n在自治区律师协会的支持下,全区律师办理法律援助"
        "案件300件。\n",
        {"locality_code": None},
        "guard: the region's bar named without the region's name in the head places nothing",
    ),
    (
        "2023年以来,云南省司法厅坚持以人民为中心,推动公共法律服务提质增效。\n一、夯实基础\n"
        "全省设立法律援助工作站1600个。\n",
        {"doc_type": "work_summary", "issuer": "云南省司法厅"},
        "a province's 司法厅 telling its year in an untitled opening: its work summary",
    ),
    (
        "2023年,在省司法厅的精心指导下,全县扎实推进依法行政。\n全县办理法律援助案件230件。\n",
        {"doc_type": "other"},
        "guard: the 司法厅 as a superior in a lead clause does not tell its year",
    ),
    (
        # (a lead naming the 司法厅 as the reporter's informant is its summary: round 29)
        "近日,全省公共法律服务体系建设取得新进展,群众满意度持续提升。\n"
        "2023年,云南省司法厅推进一站式矛盾纠纷调解中心建设。\n全省调解纠纷8.2万件。\n",
        {"doc_type": "other"},
        "guard: a 司法厅 below a news lead is the reporter's topic (the open question)",
    ),
]


# Round 20 (x18's development half): invented wording for the causes found there
X18_FORM_CASES = [
    (
        "一、2024年上半年工作总结\n(一)深化依法治区。组织全区各部门开展述法,积极探索与佛山市"
        "南海区、顺德区委依法治区办结对共建。\n(二)建设法治政府。全区共审查合同30份,制定"
        "《龙岗区行政复议办案规程》,印发《龙岗区行政执法监督办法》。\n",
        {"locality_code": "440307", "city": "深圳市"},
        "places named as partners (与…结对) are not the district speaking as 全区",
    ),
    (
        "西城区司法局多措并举推进人民调解\n\n08.11.2019  10:15\n\n  2019年,西城区司法局坚持"
        "预防为主,全区调解纠纷1200件。\n",
        {"published_on": date(2019, 11, 8)},
        "a page's date written day first and dotted, with its time, on a line of its own",
    ),
    (
        "西城区司法局多措并举推进人民调解\n\n08.11.2019 西城区召开调解工作会议\n\n  2019年,"
        "西城区司法局坚持预防为主,全区调解纠纷1200件。\n",
        {"published_on": None},
        "guard: a dotted date opening a line of words is no page date",
    ),
    (
        "某县司法局扎实开展矛盾纠纷排查化解。\n截至目前,全县人民调解组织共调解纠纷3200件,"
        "为庆祝新中国成立70周年营造和谐稳定的社会环境。\n",
        {"report_year": 2019},
        "a text naming no year dated by the anniversary it marks",
    ),
    (
        "今年以来,某区司法局以庆祝建党100周年为契机,深入开展法治宣传,举办讲座40场。\n",
        {"report_year": 2021},
        "the party's centenary dates a year-to-date text that names no year",
    ),
    (
        "2020年,某县司法局扎实开展法治宣传,为迎接建党100周年营造良好氛围。\n",
        {"report_year": 2020},
        "guard: a year the text states comes before an anniversary it looks forward to",
    ),
    (
        "某县司法局扎实开展法治宣传,回顾新中国成立70周年和改革开放40周年的法治成就。\n",
        {"report_year": None},
        "guard: anniversaries of two years settle none",
    ),
]


X19_FILL = "各级调解组织坚持和发展新时代枫桥经验,推动矛盾纠纷就地化解,基层治理水平不断提升。" * 16
X19_FORM_CASES = [
    (
        "某省:年底前实现公共法律服务站点全覆盖\n\n来源:某某日报 作者:李明 编辑:王芳 "
        "2019-06-12 08:30:15\n\n  某某日报6月11日讯(记者 李明)今天,省司法厅召开推进会。\n",
        {"published_on": date(2019, 6, 12)},
        "a news page's byline, then its date and time",
    ),
    (
        "某省:年底前实现公共法律服务站点全覆盖\n\n作者:李明 编辑:王芳 2019年全省调解工作"
        "会议召开\n\n  今天,省司法厅召开推进会。\n",
        {"published_on": None},
        "guard: a byline followed by words is no page date",
    ),
    (
        "根据《法治政府建设与责任落实督察工作规定》要求,现将省政府2021年度法治政府建设情况"
        "报告如下。\n一、2021年主要工作\n1.加强领导。省政府切实履行法治政府建设主体职责,"
        "一体推进法治江西、法治政府、法治社会建设。\n",
        {"locality_code": "360000", "issuer": "江西省人民政府"},
        "the province's government saying whose report follows, its province by its short name",
    ),
    (
        "根据有关要求,现将省政府2021年度法治政府建设情况报告如下。\n一、2021年主要工作\n"
        "1.加强领导。省政府切实履行法治政府建设主体职责。\n",
        {"locality_code": None, "issuer": None},
        "guard: the province's government in a text naming no province gives no place",
    ),
    (
        "数据\n2022年,全省化解矛盾纠纷15.3万件,较上年增长12%。\n" + X19_FILL + "\n近日,长沙市"
        "岳麓区司法局组织法律服务团队走进社区,开展公共法律服务进社区活动。\n",
        {"province": "湖南省"},
        "我省 in a page whose head names no place: the province the places named later lie in",
    ),
    (
        "数据\n2022年,全省化解矛盾纠纷15.3万件,较上年增长12%。\n" + X19_FILL + "\n近日,长沙市"
        "岳麓区司法局与南昌市东湖区司法局开展交流活动。\n",
        {"province": None},
        "guard: places of two provinces named later settle none",
    ),
    (
        "声音\n“我们将持续完善四级矛盾纠纷调处化解体系,让群众少跑腿。”\n——省司法厅党组书记、"
        "厅长张某某在全省人民调解工作会议上表示。\n2023年,全省调解矛盾纠纷18万件,平安湖南建设扎实推进。\n",
        {"issuer": None},
        "who said the quote above is not the report's speaker",
    ),
    (
        "2021年,湘潭市司法局在市委、市政府的坚强领导下,坚持以习近平法治思想为指导,"
        "全面推进依法治市各项工作。\n",
        {"issuer": "湘潭市司法局"},
        "guard: a body opening its year under its superiors' leadership is still the speaker",
    ),
    (
        "某区司法局上半年工作目标完成情况\n\n2023-07-20 10:00 某区司法局\n\n序号\n\n责任事项\n\n"
        "完成情况\n\n1\n\n深化人民调解。今年以来,全区调解矛盾纠纷1200件。\n",
        {"doc_type": "work_summary", "report_year": 2023},
        "a half year's goals and their completion, titled without a year: that half year's summary",
    ),
    (
        "某区司法局2022年上半年工作总结\n\n2023-03-01 09:00 某区司法局\n\n一、主要工作\n\n"
        "全区调解矛盾纠纷1200件。\n",
        {"doc_type": "work_summary", "report_year": 2022},
        "guard: a half-year title naming its year keeps it, whenever the page is dated",
    ),
]


# Round 22 (x20's development half): invented wording for the causes found there
X20_FORM_CASES = [
    (
        "2023年是全面贯彻党的二十大精神的开局之年,是实施“十四五”规划承上启下的关键之年,也是"
        "红云街道加快发展的攻坚之年。红云街道始终坚持以习近平法治思想为指导,全力推进法治政府"
        "建设。现将2023年工作情况报告如下:\n一、主要成效\n全年开展法治讲座12场。\n",
        {"issuer": "红云街道办事处", "township": "红云街道"},
        "a year told in several 之年 clauses closing a sentence, then the township speaking",
    ),
    (
        "2023年,红云街道始终坚持以习近平法治思想为指导,深入学习贯彻习近平总书记考察湖南重要讲话"
        "精神,全力推进法治政府建设。\n",
        {"locality_code": "430703", "province": "湖南省", "city": "常德市"},
        "a township the gazetteer lists in two provinces, the text naming its own by short name",
    ),
    (
        "2023年,红云街道始终坚持以习近平法治思想为指导,学习云南、湖南两地经验,全力推进法治政府"
        "建设。\n",
        {"locality_code": None, "province": None},
        "guard: a township of two provinces whose short names the text both names settles none",
    ),
    (
        "南平市2022年法治政府建设情况\n2022年,南平市各级各部门坚持以习近平法治思想为指导,稳步"
        "推进法治政府建设,取得积极成效。\n",
        {"issuer": "南平市人民政府", "doc_type": "annual_report"},
        "a place's title stating its year's 法治政府建设情况 without 报告: its government's",
    ),
    (
        "南平市2022年营商环境建设情况\n2022年,南平市各级各部门坚持以习近平法治思想为指导,稳步"
        "推进营商环境建设。\n",
        {"issuer": None},
        "guard: a place's 情况 title on another field names no issuer",
    ),
    (
        "宁化县2022年度1-9月法律援助民生工程实施情况\n一、项目进展情况\n今年1-9月,共办理法律"
        "援助案件800件。\n",
        {"doc_type": "work_summary", "report_year": 2022},
        "a title on the first months of a year's work (1-9月…实施情况): a work summary",
    ),
    (
        "宁化县2022年1-9月行政复议案件情况\n一、收案情况\n今年1-9月,共收到行政复议申请80件。\n",
        {"doc_type": "other"},
        "guard: the first months' case statistics are no work summary",
    ),
    (
        "2022年,全省法律援助工作成效明显,全省办理法律援助案件3.2万件。\n"
        "稿件来源:2022年6月3日某某新闻网",
        {"published_on": date(2022, 6, 3)},
        "a news item's footer: its source the date, then the outlet",
    ),
    (
        "2022年,全省法律援助工作成效明显,全省办理法律援助案件3.2万件。\n"
        "稿件来源:2022年6月3日在全省会议上的讲话",
        {"published_on": None},
        "guard: a date then words that are no outlet is no page date",
    ),
    (
        "2023年,某市坚持依法行政,按时公开发布2022年度法治政府建设年度报告,全市办理行政复议案件"
        "300件。\n",
        {"report_year": 2023},
        "guard: a report telling that it published last year's report keeps its own year",
    ),
]


# Round 23 (x21's development half): invented wording for the causes found there
X21_FORM_CASES = [
    (
        "山阳区人民政府 2020年11月2日星期一\n\n无障碍 简体| 繁体\n\n"
        "山阳区司法局2023年度法治政府建设年度报告\n2023年,山阳区司法局坚持依法行政。\n",
        {"issuer": "山阳区司法局"},
        "a site's banner with its clock (date and weekday) is chrome, not the report's author",
    ),
    (
        "山阳区人民政府 2020年11月2日\n\n2023年,全区坚持依法行政,办理行政复议案件30件。\n",
        {"issuer": "山阳区人民政府"},
        "guard: the body that posted the page and its date, without a weekday, still speaks",
    ),
    (
        "广元市司法局2021年法治政府建设情况报告 (2022-03-18)\n\n"
        "2021年,市司法局全面推进法治政府建设。\n",
        {"published_on": date(2022, 3, 18), "report_year": 2021},
        "a title line closed by its date in brackets",
    ),
    (
        "广元市司法局2021年法治政府建设情况报告 (2022-03-18 印发)\n\n"
        "2021年,市司法局全面推进法治政府建设。\n",
        {"published_on": None},
        "guard: a bracket holding more than the date is no page date",
    ),
    (
        "来源:广元法院\n3月8日,广元市中级人民法院关于行政审判工作的专题报告新闻发布会在广元举行。"
        "会上介绍,2023年,全市法治政府建设持续推进,法院向市委呈送了《关于行政争议化解的情况报告》"
        ",全市行政机关败诉率为9.5%。\n",
        {"doc_type": "other"},
        "a news item's bare source line above its dated lead (M月D日,…): news, not a report",
    ),
    (
        "来源:广元市司法局\n广元市司法局2021年法治政府建设情况报告\n2021年,市司法局全面推进"
        "法治政府建设。\n",
        {"doc_type": "annual_report"},
        "guard: a source line above a report's title leaves the report",
    ),
]


X22_FORM_CASES = [
    (
        "2024年是“八五”普法的收尾之年,同时也是新一轮规划谋篇布局的关键之年。南开区水务局始终"
        "坚持依法行政,全面推进法治政府建设。现将2024年工作情况报告如下:\n",
        {"issuer": "南开区水务局"},
        "a year told in two 之年 clauses, the second opened by 同时也是, then the department",
    ),
    (
        "2023年是全面贯彻落实规划的开局之年,而且是攻坚之年,南开区司法局坚持依法行政,"
        "扎实推进各项工作。\n",
        {"issuer": "南开区司法局"},
        "而且是 opens the second 之年 clause as well, the subject after a comma",
    ),
    (
        "2023年,南开区应急管理局依据区委全面依法治区委员会和市应急管理局的部署,坚持依法行政,"
        "全面推进法治政府建设。现将有关工作情况报告如下:\n",
        {"issuer": "南开区应急管理局"},
        "a department's name, then a clause opened by 依据 naming a committee: no sub-body",
    ),
    (
        "2023年,南开区生态环境局河东分局坚持依法行政,全面推进法治政府建设。现将有关工作"
        "情况报告如下:\n",
        {"issuer": "南开区生态环境局河东分局"},
        "guard: a branch named after its bureau stays the bureau's sub-body",
    ),
    (
        "2023年,市交通运输局越秀管理局坚持依法行政,全力服务广州市越秀区经济社会发展。现将有关"
        "工作情况报告如下:\n",
        {"issuer": "广州市交通运输局越秀管理局", "locality_name": "越秀区"},
        "a city bureau's office named after the district the text is of: the district's city's",
    ),
    (
        "2023年,市交通运输局天河管理局坚持依法行政,全力服务广州市越秀区经济社会发展。现将有关"
        "工作情况报告如下:\n",
        {"issuer": "市交通运输局天河管理局"},
        "guard: an office named after another district is not completed with this one's city",
    ),
    (
        "2023年,市司法局坚持依法行政,全力服务广州市越秀区经济社会发展。现将有关工作情况报告如下:\n",
        {"issuer": "市司法局"},
        "guard: a bare city bureau in a district's text is not completed with the district's city",
    ),
]


X23_FORM_CASES = [
    (
        "2022年,全市法治政府建设工作坚持以习近平法治思想为指导,全面落实上级决策部署,各项工作"
        "取得新成效。\n一、强化思想引领,持续推进理论学习。坚持把学习贯彻作为重大政治任务来抓。\n",
        {"doc_type": "annual_report"},
        "an untitled opening whose subject is the whole city's 法治政府建设: the city's report",
    ),
    (
        "2022年,全县依法行政工作坚持以习近平法治思想为指导,全面落实上级决策部署,各项工作"
        "取得新成效。\n一、强化思想引领,持续推进理论学习。坚持把学习贯彻作为重大政治任务来抓。\n",
        {"doc_type": "annual_report"},
        "the same with 全县依法行政",
    ),
    (
        "2022年,全市人民调解工作坚持以习近平法治思想为指导,全面落实上级决策部署,各项工作"
        "取得新成效。\n一、强化思想引领,持续推进理论学习。坚持把学习贯彻作为重大政治任务来抓。\n",
        {"doc_type": "other"},
        "guard: the whole city's year of one field is no 法治政府建设 report",
    ),
    (
        "曲靖市司法局推出三项举措\n□ 本报记者 李明 周红\n2024年,云南省曲靖市荣获全国法治政府建设"
        "示范市,法治政府建设赋能基层治理不断夯实。近年来,曲靖市司法局坚持发展新时代枫桥经验。\n",
        {"doc_type": "other"},
        "a paper's reporter signs the item: the city telling its law year is the paper's topic",
    ),
    (
        "曲靖市司法局推出三项举措\n2024年,云南省曲靖市荣获全国法治政府建设示范市,法治政府建设"
        "赋能基层治理不断夯实。近年来,曲靖市司法局坚持发展新时代枫桥经验。\n",
        {"doc_type": "annual_report"},
        "guard: without the byline the place telling its law year stays its report",
    ),
    (
        "10月9日,省委常委到丽江调研政法工作。当天下午来到古城区某社区调研人民调解工作。\n"
        "丽江从2017年起为全市村(社区)聘请法律顾问,得到认可。市司法局局长介绍,近年来,我市"
        "人民调解工作打造丽江样板,全市调解组织网络不断完善,我市大调解格局形成。\n",
        {"locality_name": "丽江市", "city": "丽江市"},
        "我市 with the city by its short name only and a district of it named in full: the city",
    ),
    (
        "10月9日,省委常委到某地调研政法工作。当天下午来到古城区某社区调研人民调解工作。\n"
        "从2017年起为全市村(社区)聘请法律顾问,得到认可。市司法局局长介绍,近年来,我市人民"
        "调解工作不断加强,全市调解组织网络不断完善,我市大调解格局形成。\n",
        {"locality_name": None},
        "guard: the district's city never named, not even by its short name: no place",
    ),
    (
        "10月9日,省委常委到某地调研政法工作。当天下午来到古城区某社区调研人民调解工作。\n"
        "在全市率先印发了《丽江市古城区调解工作办法》,得到认可。市司法局局长介绍,近年来,"
        "人民调解工作不断加强,调解组织网络不断完善。\n",
        {"locality_name": None},
        "guard: the city's short name only in another document's title does not name it",
    ),
    (
        "一年来,我区各地法律援助机构认真贯彻法律援助法,推出多项便民措施。\n今年5月,百色市"
        "凌云县法律援助中心组织志愿者进社区开展服务。\n今年以来,我区各级法律援助机构共受理"
        "案件1200件,12348广西公共法律服务热线接到咨询电话3000条。\n",
        {"locality_name": "广西壮族自治区", "province": "广西壮族自治区"},
        "我区 naming no body of the region, its short name and only places inside it: the region",
    ),
    (
        "一年来,我区各地法律援助机构认真贯彻法律援助法,推出多项便民措施。\n今年5月,湖南省"
        "娄底市新化县法律援助中心组织志愿者进社区开展服务。\n今年以来,我区各级法律援助机构共"
        "受理案件1200件,12348广西公共法律服务热线接到咨询电话3000条。\n",
        {"province": None},
        "guard: a place of another province named beside the region's short name settles none",
    ),
]


X24_FORM_CASES = [
    (
        "去年全省共办理公证事项30万件 | 来源:某某发布 点击数:12次\n3月2日,从省司法厅获悉,2023年"
        "全省公证机构共办理公证事项30万件,同比增长5%,助力法治浙江建设。\n",
        {"issuer": "浙江省司法厅"},
        "a news lead naming the department it learnt the figures from, bare: the department",
    ),
    (
        "3月2日,记者从浙江省律师协会获悉,2023年全省律师共办理各类案件30万件,同比增长5%。\n",
        {"issuer": None},
        "guard: an association informing the reporter is no body of government",
    ),
    (
        "(通讯员 王某)为了解法律明白人培养工作,调研队前往宜都市开展调研。\n活动首日,调研队在"
        "宜都市司法局座谈会上获悉,宜都市已累计培育3000名法律明白人。宜都市与某学院合作成立"
        "全省首家乡村法务学院。\n",
        {"locality_name": "宜都市", "city": "宜昌市"},
        "全省首家 ranks the city among the province's places: not the level the text speaks at",
    ),
]


# Round 29: families across rounds. Invented wording; the kind of a news item told by the body the
# reporter asked (every set's labels: work_summary), the year of a span counted to the text's date
FAMILY29_CASES = [
    (
        "12月30日，记者从宜都市司法局获悉，今年以来全市共办理法律援助案件3200件，同比增长8%。\n",
        {"doc_type": "work_summary"},
        "a dateline, then the body the reporter learnt the year from: the body's summary",
    ),
    (
        "新华社武汉1月20日电（记者 某某）记者20日从湖北省司法厅获悉，2023年，全省共调解矛盾纠纷"
        "5万件，调解成功率98%。\n",
        {"doc_type": "work_summary", "report_year": 2023},
        "an agency's lead, then the department informing the reporter: its summary",
    ),
    (
        "某某晚报讯 3月5日，记者从宜都市司法局获悉，宜都市司法局发布2023年度行政复议白皮书，"
        "全年收案1200件。\n",
        {"doc_type": "other"},
        "guard: informed of a release (a white paper) is news of the publication",
    ),
    (
        "3月2日，记者从某省律师协会获悉，2023年全省律师共办理各类案件30万件，同比增长5%。\n",
        {"doc_type": "other"},
        "guard: an association informing the reporter is no body of government: the dateline rules",
    ),
    (
        "5月8日，某市召开法治政府建设工作推进会，总结去年工作。会上，市司法局通报了有关情况。\n",
        {"doc_type": "other"},
        "guard: a dateline with no informant stays a news item (round 13)",
    ),
    (
        "宜都市召开公共法律服务工作会议\n记者从宜都市司法局获悉，今年以来全县共接待法律咨询5000人次。\n",
        {"doc_type": "other"},
        "guard: a meeting's title above the lead: news of the meeting",
    ),
    (
        "发布时间：2023-07-12\n2021年以来，某区司法局深入推进矛盾纠纷化解，共调解纠纷1200件，"
        "调解成功率达98%。\n",
        {"report_year": 2023},
        "a span from an earlier year to a page of July: the page's year so far",
    ),
    (
        "发布时间：2023-02-12\n2021年以来，某区司法局深入推进矛盾纠纷化解，共调解纠纷1200件，"
        "调解成功率达98%。\n",
        {"report_year": 2022},
        "the same span on a page of February: the year before, as for 今年以来",
    ),
    (
        "发布时间：2022-01-05\n2021年以来，某区司法局深入推进矛盾纠纷化解，共调解纠纷1200件，"
        "调解成功率达98%。\n",
        {"report_year": 2021},
        "guard: a January page after a span from the year before: that year",
    ),
    (
        "某区司法局2021年工作总结\n发布时间：2023-07-12\n2021年以来，某区司法局深入推进矛盾纠纷"
        "化解，共调解纠纷1200件。\n",
        {"report_year": 2021},
        "guard: a title naming the year settles it, whatever the page's date",
    ),
    (
        "2021年以来，某区司法局深入推进矛盾纠纷化解，共调解纠纷1200件，调解成功率达98%。\n",
        {"report_year": 2021},
        "guard: no date of the text's own: the span's year, as before",
    ),
]


# round 31 (x26's development half): the year so far after a news lead
X26_FORM_CASES = [
    (
        "发布时间：2023-08-15\n  记者8月14日从湖北省司法厅获悉，今年上半年，全省各级行政复议机构新收"
        "行政复议案件5200件，同比增长40%。\n",
        {"report_year": 2023, "doc_type": "work_summary"},
        "the year so far after the reporter's informant: the page's year, as 今年以来 opening a line",
    ),
    (
        "发布时间：2023-08-15\n记者从湖北省司法厅获悉，2022年，全省各级行政复议机构新收行政复议案件"
        "5200件。\n",
        {"report_year": 2022},
        "guard: a year named after the lead is the year told",
    ),
    (
        "湖北新收行政复议案件5200件\n2023年08月15日 09:47 来源：湖北日报\n  记者8月14日从司法厅获悉，"
        "今年上半年，全省各级行政复议机构新收行政复议案件5200件。\n",
        {"issuer": "湖北省司法厅"},
        "a department (厅) named with no level informing the reporter is the province's",
    ),
    (
        "湖北新收行政复议案件5200件\n2023年08月15日 09:47 来源：湖北日报\n  记者8月14日从办公厅获悉，"
        "今年上半年，全省各级行政复议机构新收行政复议案件5200件。\n",
        {"issuer": None},
        "guard: a bare 办公厅 is no province's by its name alone (the State Council has one)",
    ),
    (
        "区委、区政府：\n2023年是贯彻实施《某市法治政府建设实施纲要(2021-2025年)》《海淀区法治政府建设"
        "规划(2021-2025年)》《某区法治社会建设实施方案(2021-2025年)》的关键之年，区司法局坚持以"
        "习近平新时代中国特色社会主义思想为指导，着力推进全面依法治区。\n一、主要举措和成效\n"
        "一是统筹推进全面依法治区。完成2022年海淀区年终述法。\n",
        {"issuer": "海淀区司法局"},
        "a 之年 lead citing long titles: each title counts as one word, then the speaking bureau",
    ),
    (
        "区委、区政府：\n2023年是贯彻实施《海淀区法治政府建设规划(2021-2025年)》的关键之年，全区各部门"
        "认真落实区委部署，推进依法行政，区司法局着力推进全面依法治区。\n一是统筹推进全面依法治区。"
        "完成2022年海淀区年终述法。\n",
        {"issuer": None},
        "guard: after the lead, the clause's subject is the departments, not the bureau",
    ),
    (
        "2022年度海淀区行政复议应诉工作报告\n日期：2023-03-20    来源：区司法局\n2022年，区司法局认真"
        "履行行政复议职责，全年收到行政复议申请320件。\n",
        {"doc_type": "work_summary"},
        "a title on one field's year of work with no 关于: a work summary, as with 关于",
    ),
    (
        "2022年度海淀区法治政府建设工作报告\n日期：2023-03-20    来源：区司法局\n2022年，区司法局认真"
        "履行职责，全年收到行政复议申请320件。\n",
        {"doc_type": "annual_report"},
        "guard: the field is law-building itself: the annual report",
    ),
    (
        "本报讯 19 日下午，宜都市司法局召开人民调解工作总结大会。记者在会上了解到，全市共调解"
        "矛盾纠纷3000件。\n",
        {"doc_type": "other"},
        "a dateline after a paper's lead, its date spaced as printed: a news item (round 13's rule)",
    ),
    (
        "某某日报讯（记者 某某）3月5日，宜都市司法局召开人民调解工作总结大会。记者在会上了解到，"
        "全市共调解矛盾纠纷3000件。\n",
        {"doc_type": "other"},
        "the same after a paper's lead naming its reporter",
    ),
    (
        "本报讯 19日，记者从宜都市司法局获悉，今年以来，全市共调解矛盾纠纷3000件。\n",
        {"doc_type": "work_summary", "issuer": "宜都市司法局"},
        "guard: the informing bureau after the dateline still makes the bureau's summary (round 29)",
    ),
    (
        "5月12日，北京市第一中级人民法院公布了海淀区法院2020年-2022年行政审判工作白皮书，据了解，"
        "三年间全区法院受理行政案件3200件。\n",
        {"report_year": 2022},
        "a release of a report on several years, named by its body first: the last year (round 30)",
    ),
    (
        "5月12日，海淀区人民法院公布了2019年至2021年行政审判白皮书，三年受理行政案件3200件。\n",
        {"report_year": 2021},
        "the same range with 至, no body's name before it",
    ),
    (
        "5月12日，海淀区人民法院发布2021年度行政审判白皮书，全年受理行政案件1100件。\n",
        {"report_year": 2021},
        "guard: a release of one year's report keeps that year",
    ),
]


# round 32: the report year across rounds (families of first-score years, eval/real/DIAGNOSIS.md)
YEAR32_CASES = [
    (
        "发布时间：2019-03-01\n某县司法局围绕服务新中国成立70周年庆祝活动，深入开展矛盾纠纷排查，"
        "共调解纠纷300件。\n",
        {"report_year": 2019},
        "a first-quarter date, the text marking its own year's anniversary: that year",
    ),
    (
        "某区司法局普法工作总结\n发布时间：2024-08-09\n某区司法局围绕2024年普法重点任务，深入开展"
        "宪法宣传活动30场，覆盖群众5000人次。\n",
        {"report_year": 2024, "doc_type": "work_summary"},
        "a summary dated before October stating only its date's year: that year",
    ),
    (
        "某区司法局普法工作总结\n发布时间：2019-08-09\n某区司法局围绕服务新中国成立70周年庆祝活动，"
        "深入开展宪法宣传活动30场。\n",
        {"report_year": 2019},
        "the same with the anniversary of the date's year",
    ),
    (
        "某区司法局普法工作总结\n发布时间：2024-08-09\n某区司法局深入开展宪法宣传活动30场，"
        "覆盖群众5000人次。\n",
        {"report_year": 2023},
        "guard: a summary naming no year, dated before October: the year before",
    ),
    (
        "某区司法局普法工作总结\n发布时间：2024-08-09\n某区司法局对照2023年、2024年普法重点任务，"
        "深入开展宪法宣传活动30场。\n",
        {"report_year": 2023},
        "guard: two years stated decide nothing",
    ),
    (
        "某区司法局工作动态\n发布时间：2024-02-15\n某区司法局围绕服务新中国成立70周年庆祝活动，"
        "深入开展宪法宣传活动30场。\n",
        {"report_year": 2023},
        "guard: an anniversary of another year than the date's decides nothing",
    ),
    (
        "三、下一步工作打算\n下一步，某区司法局将围绕2024年普法重点任务，继续深入开展宪法宣传活动。\n"
        "某区司法局\n2024年1月15日\n",
        {"report_year": 2023},
        "guard: in the first quarter the one year a report names is the one it plans for",
    ),
    (
        "发布时间：2023-08-02\n记者1日从宜都市司法局获悉，全市共受理法律援助案件9900件，为群众挽回"
        "经济损失1.5亿元。\n",
        {"report_year": 2023, "doc_type": "work_summary"},
        "a bureau's year told through a paper (its summary) is a news item of its August date",
    ),
    (
        "某报讯 8月1日，记者从宜都市司法局获悉，全市共受理法律援助案件9900件。\n发布时间：2023-08-02\n",
        {"report_year": 2023},
        "the same under a paper's dateline",
    ),
    (
        "发布时间：2023-02-02\n记者1日从宜都市司法局获悉，全市共受理法律援助案件9900件，为群众挽回"
        "经济损失1.5亿元。\n",
        {"report_year": 2022},
        "guard: the same lead in the first quarter tells the year before",
    ),
    (
        "发布时间：2022-05-07\n5月6日，宜都市律师协会召开新闻发布会，会上发布了《宜都市律师行业发展"
        "报告(2021)》。报告显示，全市共有律师320名。\n",
        {"report_year": 2021},
        "a release of a report titled with its year in brackets tells that year (round 30's release)",
    ),
    (
        "发布时间：2022-05-07\n5月6日，宜都市司法局召开新闻发布会，发布《宜都市法治政府建设蓝皮书"
        "（2021年度）》，全市行政复议案件120件。\n",
        {"report_year": 2021},
        "the same with full-width brackets and 年度",
    ),
    (
        "发布时间：2022-05-07\n5月6日，宜都市律师协会召开新闻发布会，发布了《宜都市律师行业发展规划"
        "(2021-2025年)》，全市共有律师320名。\n",
        {"report_year": 2022},
        "guard: a plan's span in brackets is no report's year: the news item's date",
    ),
]


_FLAT35_BODY = (
    "2024年，黄山镇围绕年度目标推进依法行政，各项工作有序开展。镇政府按照市里统一安排，完善了决策、"
    "执法和监督的各项制度，推动基层治理走上规范轨道。现将有关情况报告如下: 一、基本情况 (一)加强组织"
    "领导。镇党委和镇政府定期研究法治工作，落实主要负责人第一责任。(二)规范行政决策。重大事项均经集体"
    "讨论，做到程序完备。(三)严格执法监督。全年开展执法检查，督促有关单位整改发现的问题。"
)
# round 35: two labels of the page's date, a page flattened to one line, 县委、县政府 speaking,
# a body's head quoted in a news lead
X35_FORM_CASES = [
    (
        "某开发区管委会2022年度法治政府建设工作报告\n发布于:2023-01-09 10:12:30\n某市人民政府:\n"
        "2022年,开发区坚持以习近平法治思想为指导。\n",
        {"published_on": date(2023, 1, 9)},
        "发布于 opening its field labels the page's date",
    ),
    (
        "某街道2023年法治政府建设年度报告\n信息提供日期 : 2023-12-08 09:00来源 : 某区某街道办事处\n"
        "今年以来,街道认真贯彻落实习近平法治思想。\n",
        {"published_on": date(2023, 12, 8)},
        "信息提供日期, a site's field for the day the page was put up, labels it too",
    ),
    (
        "某区2023年法治政府建设年度报告\n2023年,区政府认真落实《某某办法》,该办法发布于2021年3月5日。\n",
        {"published_on": None},
        "guard: 发布于 inside a sentence dates what it tells of, not the page",
    ),
    (
        "中共黄山镇委员会黄山镇人民政府关于2024年度法治政府建设情况的报告 中共某市委、某市人民政府: "
        + _FLAT35_BODY,
        {"issuer": "黄山镇人民政府", "report_year": 2024},
        "a page flattened to one line: its title and addressee, closed by spaces, are lines",
    ),
    (
        "中共黄山镇委员会黄山镇人民政府关于2024年度法治政府建设情况的报告 " + _FLAT35_BODY,
        {"issuer": "黄山镇人民政府", "report_year": 2024},
        "the same with no addressee after the title",
    ),
    (
        "中共某州委、某州人民政府:\n2025年,县委、县政府坚持依法行政,全县法治政府建设取得新成效,现将有关"
        "情况报告如下。\n一、主要做法\n(一)加强领导。屏边县全年召开法治建设专题会议4次。\n",
        {"issuer": "屏边县人民政府", "locality_code": "532523"},
        "县委、县政府 speaking with no place's name: the county's government, named as the text "
        "writes the county (屏边县 for 屏边苗族自治县)",
    ),
    (
        "中共某州委、某州人民政府:\n2025年,县委、县政府坚持依法行政,全县法治政府建设取得新成效,现将有关"
        "情况报告如下。\n一、主要做法\n(一)加强领导。屏边苗族自治县全年召开法治建设专题会议4次。\n",
        {"issuer": "屏边苗族自治县人民政府"},
        "guard: a county the text names in full is its government's name in full",
    ),
    (
        "中共某州委、某州人民政府:\n2025年,在县委、县政府的领导下,县司法局坚持依法行政,全县法治建设取得"
        "新成效。\n一、主要做法\n(一)加强领导。屏边县全年召开法治建设专题会议4次。\n",
        {"issuer": "屏边县司法局"},
        "guard: 县委、县政府 as the leadership the bureau works under is not the speaker",
    ),
    (
        "新华网某地3月5日电 3月5日,在某省司法厅新闻发布会上,湖南省司法厅厅长李某介绍,今年以来,全省"
        "调解矛盾纠纷12万件。\n",
        {"issuer": "湖南省司法厅", "doc_type": "other"},
        "a news lead quoting a body's head on its figures: the body, the item still a news item",
    ),
    (
        "3月5日,在全县法治工作会议上,县长李某表示,今年以来,全县调解矛盾纠纷1200件。\n",
        {"issuer": None},
        "guard: an official of no named body",
    ),
]


DEVELOPMENT_FORM_CASES = (
    X8_FORM_CASES
    + X9_FORM_CASES
    + X10_FORM_CASES
    + X11_FORM_CASES
    + X12_FORM_CASES
    + X15_FORM_CASES
    + X16_FORM_CASES
    + X17_FORM_CASES
    + X18_FORM_CASES
    + X19_FORM_CASES
    + X20_FORM_CASES
    + X21_FORM_CASES
    + X22_FORM_CASES
    + X23_FORM_CASES
    + X24_FORM_CASES
    + FAMILY29_CASES
    + X26_FORM_CASES
    + YEAR32_CASES
    + X35_FORM_CASES
)


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    DEVELOPMENT_FORM_CASES,
    ids=[c[2] for c in DEVELOPMENT_FORM_CASES],
)
def test_forms_read_on_the_development_halves(
    text: str, expected: dict[str, object], reason: str
) -> None:
    m = extract_document(text).metadata
    assert {field: getattr(m, field) for field in expected} == expected, reason


# round 36: a site's domain read as a place in another province than the one the text names
# (a zone's title opens with its province; the domain also spells a city elsewhere)
SITE_PROVINCE36_CASES = [
    (
        "江西青云航空产业园区2024年度法治政府建设工作情况报告\n"
        "2024年,园区管委会深入学习贯彻习近平法治思想,推进依法行政。\n",
        ("611000",),
        ("江西省", None, None),
        "the province the title names wins over a domain read as a city of another province",
    ),
    (
        "陕西青云航空产业园区2024年度法治政府建设工作情况报告\n"
        "2024年,园区管委会深入学习贯彻习近平法治思想,推进依法行政。\n",
        ("611000",),
        ("陕西省", "商洛市", "611000"),
        "guard: a domain's reading in the province the title names still places the report",
    ),
    (
        "青云航空产业园区2024年度法治政府建设工作情况报告\n"
        "2024年,园区管委会深入学习贯彻习近平法治思想,推进依法行政。\n",
        ("611000",),
        ("陕西省", "商洛市", "611000"),
        "guard: a text that names no province keeps the domain's only reading",
    ),
    (
        "江西青云航空产业园区2024年度法治政府建设工作情况报告\n"
        "2024年,园区管委会深入学习贯彻习近平法治思想,推进依法行政。\n",
        (),
        ("江西省", None, None),
        "a report nothing else places takes the one province its title names",
    ),
]


@pytest.mark.parametrize(
    ("text", "codes", "expected", "reason"),
    SITE_PROVINCE36_CASES,
    ids=[c[3] for c in SITE_PROVINCE36_CASES],
)
def test_site_reading_yields_to_the_province_named(
    text: str, codes: tuple[str, ...], expected: tuple[str | None, ...], reason: str
) -> None:
    m = extract_metadata(text, evidence=SourceEvidence(url_divisions=codes))
    assert (m.province, m.city, m.locality_code) == expected, reason


@pytest.mark.parametrize(
    ("text", "provinces", "reason"),
    [
        ("海南州司法局2024年工作总结", {"630000"}, "海南州 is a prefecture of 青海, not 海南省"),
        ("乌海市海南区2024年工作总结", {"150000"}, "海南区 is a district of 内蒙古's 乌海"),
        ("海南省某县2024年工作总结", {"460000"}, "海南省 is the province"),
        ("推进平安建设和法治建设", set(), "a county's short name (平安) is an ordinary word"),
    ],
)
def test_provinces_named(text: str, provinces: set[str], reason: str) -> None:
    assert _provinces_named(text) == provinces, reason


# round 36: 我局 telling of the justice administration's work, the bureau never named (family
# 360 of round 35: x29_026, x30_012; x31_030)
JUSTICE_SELF36_CASES = [
    (
        "2023年是江宁区法治建设的攻坚之年,我局在区委、区政府的正确领导下,全面履行司法行政工作职责,"
        "推进依法治区各项工作取得新进展。\n一、主要工作\n",
        "江宁区司法局",
        "我局 doing the justice administration's work is the place's justice bureau",
    ),
    (
        "今年以来,我局在市委、市政府的正确领导下,积极履行司法行政工作职责,努力为江阴高质量发展"
        "贡献力量。会议审议通过《江阴市2023年全面依法治市工作要点》。\n",
        "江阴市司法局",
        "the same for a city the text names only in a cited title",
    ),
    (
        "2023年是江宁区交通建设的攻坚之年,我局在区委、区政府的正确领导下,全面履行交通运输管理职责,"
        "推进各项工作取得新进展。\n",
        None,
        "guard: 我局 doing another bureau's work is not the justice bureau",
    ),
]


TITLE37_CASES = [
    (
        "青岛市市南区海滨新村街道 2023年度法治政府建设报告\n"
        "2023年，海滨新村街道坚持依法行政，各项工作法治化水平明显提升。\n",
        "海滨新村街道办事处",
        "a street the gazetteer does not list, after its county in a title (four characters, 村)",
    ),
    (
        "青岛市市南区2023年度法治政府建设报告\n2023年，市南区坚持依法行政，各项工作扎实推进。\n",
        "市南区人民政府",
        "guard: the county's title with no town stays the government's",
    ),
    (
        "江岸区关于2023年推进法治政府\n建设工作情况的报告\n"
        "根据省、市工作部署要求，现将江岸区2023年度推进法治政府建设工作情况报告如下:\n",
        "江岸区人民政府",
        "a title broken inside a word, its second line seven characters before 报告",
    ),
]


MENU37_CASES = [
    (
        "首页\n新闻中心\n政务公开\n办事服务\n互动交流\n走进青山\n"
        "关于武汉市某某贸易有限公司仓储物流项目用地...\n"
        "武汉市青山区发展和改革局关于征集某某规划意见...\n"
        "武汉市青山区人民政府关于青山镇2024年度...\n"
        "土地征收补偿方案公告\n某某水利工程社会稳定风险评估工作公示\n"
        "2024年,区农业农村局严格按照省、市、区法治政府建设工作要求,认真对照《青山区法治政府"
        "建设实施纲要》,认真履行职责。"
        "现将我局法治政府建设工作报告如下:\n一、主要工作\n",
        "青山区农业农村局",
        "a menu of short lines and truncated links above the opening: the opening's body",
    ),
    (
        "首页\n新闻中心\n"
        "武汉市青山区发展和改革局2023年度法治政府建设工作...\n"
        "2024年,青山区卫生健康局认真对照《法治政府建设实施纲要》,持续推进依法行政。\n",
        "青山区卫生健康局",
        "a truncated link that reads as another body's title is not the report's title",
    ),
]


# rounds 36 and 37: whose report an opening is, read from its text alone
ISSUER36_37_CASES = JUSTICE_SELF36_CASES + TITLE37_CASES + MENU37_CASES


@pytest.mark.parametrize(
    ("text", "issuer", "reason"),
    ISSUER36_37_CASES,
    ids=[c[2] for c in ISSUER36_37_CASES],
)
def test_issuers_of_rounds_36_and_37(text: str, issuer: str | None, reason: str) -> None:
    assert extract_document(text).metadata.issuer == issuer, reason


# round 39: an unlisted town's body after its county, a preamble publishing a report by its
# title, a news lead behind a photo's caption (all invented wording)
ISSUER39_CASES = [
    (
        "疏勒县某某塔什镇人民政府2024年度法治政府建设工作报告\n"
        "| 发文单位 | 疏勒县某某塔什镇人民政府 | 发布机构 | 疏勒县某某塔什镇人民政府 |\n"
        "2024年,在县委、县政府的坚强领导下,某某塔什镇坚持依法行政,各项工作稳步推进。\n",
        "某某塔什镇人民政府",
        "a town the gazetteer does not list, after its county: the town's own government",
    ),
    (
        "疏勒县司法局2024年度法治政府建设工作报告\n2024年,疏勒县司法局坚持依法行政。\n",
        "疏勒县司法局",
        "guard: the county's own bureau keeps its county",
    ),
    (
        "根据《中华人民共和国政府信息公开条例》规定,现发布《杭州市西湖区司法局2024年政府信息"
        "公开工作年度报告》,本报告统计数据从2024年1月1日至12月31日。\n一、总体情况\n"
        "(一)主动公开。2024年,西湖区司法局落实主动公开要求。\n",
        "西湖区司法局",
        "a preamble publishing the report by its title names whose it is",
    ),
    (
        "根据《中华人民共和国政府信息公开条例》规定,现公布《南宁市2023年政府信息公开工作年度"
        "报告》。本报告所列数据的统计期限自2023年1月1日起至12月31日止。\n一、总体情况\n",
        "南宁市人民政府",
        "a published title naming only the place: its government",
    ),
    (
        "某某司法所与某法院派出法庭调解一宗渔船工伤纠纷案件。区司法局供图本报讯记者王某报道:"
        "记者12日从金湾区司法局获悉,近年来,该局推动人民调解工作创新发展。据统计,2021年1月至"
        "6月,金湾区各级人民调解组织共受理纠纷900件。\n"
        "据了解,金湾区现有各类调解组织90个,调解员队伍里有退休党员、社工等各类人员。\n"
        "三灶镇就成立了以个人名义命名的调解工作室,化解了一批邻里纠纷。\n",
        "金湾区司法局",
        "a news lead behind a photo's caption names the body the figures came from, before a "
        "town opening a later paragraph",
    ),
]


@pytest.mark.parametrize(
    ("text", "issuer", "reason"), ISSUER39_CASES, ids=[c[2] for c in ISSUER39_CASES]
)
def test_issuers_of_round_39(text: str, issuer: str | None, reason: str) -> None:
    assert extract_document(text).metadata.issuer == issuer, reason


def test_a_news_lead_behind_a_caption_is_a_work_summary() -> None:
    text = ISSUER39_CASES[-1][0]
    assert extract_document(text).metadata.doc_type == "work_summary"
