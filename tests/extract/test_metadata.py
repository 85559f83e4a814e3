"""Document metadata on report openings and signatures phrased as real reports phrase them."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.extract.metadata import extract_metadata
from fazhi.extract.normalize import normalise


def meta(text: str, **hints: object):  # type: ignore[no-untyped-def]
    return extract_metadata(normalise(text).text, original=text, **hints)  # type: ignore[arg-type]


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
