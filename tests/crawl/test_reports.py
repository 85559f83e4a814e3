"""Report discovery: listing titles in the shapes real sites print → report / maybe / not.

Every row is a title shape seen on 司法局 and government report columns, written with made-up
place names; the id says why it is judged so.
"""

from __future__ import annotations

import pytest

from fazhi.crawl.reports import REPORT_FORMS, TitleVerdict, is_truncated, judge_title

A, W = "annual_report", "work_summary"

REPORTS = [
    # 法治政府建设年度报告 and its wordings
    ("青山市2023年法治政府建设年度报告", A, "annual-report"),
    ("青山市司法局2023年法治政府建设年度报告", A, "bureau-annual-report"),
    ("关于2023年法治政府建设情况的报告", A, "situation-report-with-guanyu"),
    ("青山区人民政府关于2022年度法治政府建设工作情况的报告", A, "government-situation-report"),
    ("青山县2021年法治政府建设工作报告", A, "work-report-wording"),
    ("青山县2021年度法治政府建设情况", A, "ends-with-qingkuang"),
    ("青山县2021年法治政府建设工作情况", A, "ends-with-gongzuo-qingkuang"),
    ("青 山 县 2021 年 法治政府 建设年度报告", A, "spaces-inside"),
    ("青山县2023年度法治政府建设年度报告（全文）", A, "bracketed-quanwen"),
    ("2023年法治政府建设年度报告(2024年1月)", A, "bracketed-date"),
    ("【青山区】2022年度法治政府建设年度报告", A, "leading-bracket-place"),
    ("青山镇2023年法治政府建设工作总结", A, "township-summary-of-rule-of-law"),
    ("市自然资源局2022年法治政府建设年度报告", A, "department-annual-report"),
    ("青山市交通运输局关于2023年度法治政府建设情况的报告", A, "department-situation-report"),
    ("青山市2023年法治政府建设进展情况", A, "progress-situation"),
    ("2020年度法治政府建设年度报告.pdf", A, "file-name-as-title"),
    ("青山县2022年度法治建设工作情况报告", A, "fazhi-jianshe-report"),
    ("青山县党政主要负责人2023年度履行推进法治建设第一责任人职责情况报告", A, "first-duty"),
    ("青山市人民政府2023年度依法行政工作报告", A, "yifa-xingzheng-report"),
    ("青山市2022年依法行政工作情况报告", A, "yifa-xingzheng-situation-report"),
    ("关于2021年度依法行政工作情况的报告", A, "yifa-xingzheng-guanyu"),
    ("青山县2020年依法行政工作总结", A, "yifa-xingzheng-summary"),
    # 司法局 yearly work summaries
    ("青山县司法局2023年工作总结和2024年工作思路", W, "summary-and-ideas"),
    ("青山县司法局2022年工作总结及2023年工作计划", W, "summary-and-plan"),
    ("青山区司法局2023年工作总结暨2024年工作安排", W, "summary-ji-arrangements"),
    ("青山县司法局2023年度工作总结", W, "bureau-yearly-summary"),
    ("2023年全市司法行政工作总结", W, "city-judicial-admin-summary"),
    ("2022年全县司法行政工作总结", W, "county-judicial-admin-summary"),
    ("青山市司法局2023年度工作报告", W, "bureau-yearly-work-report"),
    ("青山市司法局2022年工作报告", W, "bureau-year-work-report"),
    ("青山县司法局关于2023年工作情况的报告", W, "bureau-work-situation-report"),
    ("青山县司法局2023年度重点工作任务完成情况报告", W, "key-tasks-completion"),
    ("青山区司法局关于2022年重点工作任务完成情况的报告", W, "key-tasks-completion-guanyu"),
    ("青山市司法局2023年工作任务完成情况报告", W, "tasks-completion"),
    ("青山县司法局局长2023年度述职报告", W, "director-duty-report"),
    ("青山县司法局领导班子2022年度述职报告", W, "leadership-duty-report"),
    ("青山县司法局2023年度述职报告", W, "bureau-duty-report"),
    ("青山市司法局2021年司法行政工作总结", W, "bureau-judicial-admin-summary"),
    ("青山省司法厅2023年度工作报告", W, "provincial-department-report"),
    ("青山县司法局 2023 年 工作总结", W, "spaced-summary"),
    ("青山市2023年法治政府建设年度报告 置顶", A, "listing-tag-after-a-space"),
    ("青山市2022年法治政府建设情况报告 new", A, "latin-tag-after-a-space"),
]

NOT_REPORTS = [
    ("关于开展法治政府建设示范创建活动的通知", "notice"),
    ("关于报送2023年度法治政府建设年度报告的通知", "notice-asking-for-the-report"),
    ("关于做好2023年度法治政府建设年度报告工作的通知", "notice-about-report-work"),
    ("青山市2024年法治政府建设工作要点", "key-points"),
    ("关于印发《青山市2024年法治政府建设工作要点》的通知", "key-points-notice"),
    ("青山县法治政府建设实施方案（2021-2025年）", "implementation-plan"),
    ("青山县2024年普法依法治理工作方案", "work-plan"),
    ("青山市2024年法治政府建设工作计划", "plan-not-summary"),
    ("全市法治政府建设推进会召开", "promotion-meeting-news"),
    ("青山县召开2023年法治政府建设工作推进会", "meeting-held"),
    ("我局召开2023年度工作总结会议", "summary-meeting"),
    ("青山县司法局2024年公开招聘编外人员公告", "hiring-notice"),
    ("青山县司法局2024年招聘司法辅助人员的公告", "hiring"),
    ("《法治政府建设实施纲要》政策解读", "policy-reading"),
    ("一图读懂青山市2023年法治政府建设年度报告", "infographic"),
    ("青山市2023年法治政府建设年度报告解读", "report-reading"),
    ("2023年政府工作报告", "government-work-report"),
    ("青山县2023年政府信息公开工作年度报告", "information-disclosure-annual-report"),
    ("青山县司法局2023年政府信息公开工作年度报告", "bureau-information-disclosure-report"),
    ("2021年度政府网站年度工作报表", "website-work-form"),
    ("青山县司法局2024年部门预算", "budget"),
    ("青山县司法局2023年度部门决算", "final-accounts"),
    ("青山市2023年国民经济和社会发展统计公报", "statistical-bulletin"),
    ("青山县司法局开展法治宣传进社区活动", "news-campaign"),
    ("市司法局赴青山镇调研法治建设工作", "news-research-visit"),
    ("青山县举办法治政府建设专题培训班", "news-training"),
    ("省法治政府建设督察组到我市督察", "news-inspection"),
    ("青山县司法局关于征求《青山县法治政府建设规划》意见的公告", "consultation"),
    ("青山县法治政府建设示范项目名单公示", "list-publicity"),
    ("关于2023年度法治政府建设考核结果的通报", "assessment-circular"),
    ("青山市行政复议决定书", "decision-document"),
    ("青山市司法局关于印发2023年工作总结的通知", "notice-printing-a-summary"),
    ("市委全面依法治市委员会办公室关于转发的通知", "forwarding-notice"),
    ("青山县司法局权责清单", "duty-list"),
    ("青山县法律援助服务指南", "service-guide"),
    ("2023年青山市法治政府建设大事记", "chronicle"),
    ("青山市法治政府建设工作简报（第5期）", "bulletin-issue"),
    ("局长在2023年法治政府建设工作会议上的讲话", "speech"),
    ("我市法治政府建设工作综述", "overview-article"),
    ("青山县人民政府关于青山县2023年度法治政府建设工作的批复", "reply"),
    ("人民调解工作规定", "regulation"),
    ("青山县司法局机构职能", "agency-functions"),
    ("法治政府建设", "column-name"),
    ("年度报告", "bare-words"),
    ("关于报送法治政府建设年度报告的 通知", "a-spaced-document-type-is-no-tag"),
    ("工作总结", "bare-summary-no-subject"),
    ("青山县统计局2023年工作总结", "other-bureau-summary"),
    ("青山县教育局2023年度工作报告", "other-bureau-report"),
    ("青山市财政局2023年工作总结和2024年工作思路", "other-bureau-summary-and-ideas"),
    ("青山县政府办2023年度述职报告", "other-office-duty-report"),
    ("关于2023年度述职报告评议情况的通报", "duty-report-circular"),
    ("下一页", "pager-text"),
    ("", "empty"),
    ("更多>>", "more-link"),
    ("2023-01-05", "date-only"),
    ("青山县司法局2023年法治宣传教育工作要点", "propaganda-key-points"),
    ("青山县司法局2024年度普法责任清单", "responsibility-list"),
]

MAYBES = [
    ("青山市司法局2022年法治政府建...", "cut-in-the-middle-of-the-subject"),
    ("青山市2023年法治政府建设年...", "cut-before-report"),
    ("青山县司法局2023年工作总结和2...", "cut-in-summary-and-ideas"),
    ("关于2022年度法治政府建设情况…", "unicode-ellipsis"),
    ("青山区人民政府关于2023年度依法行政...", "cut-yifa-xingzheng"),
    ("青山县司法局2023年度重点工作任...", "cut-key-tasks"),
    ("青山县司法局局长2023年度述...", "cut-duty-report"),
    ("2023年全市司法行政工作...", "cut-judicial-admin"),
    ("青山市司法局关于2023年度...", "cut-after-year-bureau"),
    ("青山县2023年度法治建设工作...", "cut-fazhi-jianshe"),
]

NOT_WHEN_CUT = [
    ("关于印发2024年法治政府建设工作要点的通...", "cut-notice-with-key-points-visible"),
    ("青山县召开2023年法治政府建设推进...", "cut-meeting-news"),
    ("青山县司法局2024年公开招聘...", "cut-hiring"),
    ("青山县2023年政府信息公开工作年...", "cut-information-disclosure"),
    ("关于报送2023年度法治政府建设...", "cut-asking-for-reports"),
    ("青山县举办2023年人民调解员培训...", "cut-training-news"),
    ("青山县教育局2023年...", "cut-other-bureau-no-rule-of-law-word"),
    ("关于开展“八五”普法中期...", "cut-no-year-no-report-word"),
    ("青山县司法局开展“八五”普法宣传...", "cut-bureau-news-without-a-year"),
    ("青山县司法局组织2023年度人民调解...", "cut-news-verb-with-a-year"),
    ("青山县法律援助中心走进2023年...", "cut-news-going-into"),
]

REPORTS_WHEN_CUT = [
    ("青山市2023年法治政府建设年度报告...", A, "ellipsis-after-the-whole-title"),
]


@pytest.mark.parametrize(
    ("title", "kind"), [pytest.param(t, k, id=i) for t, k, i in REPORTS + REPORTS_WHEN_CUT]
)
def test_report_titles_are_reports_of_their_kind(title: str, kind: str) -> None:
    verdict = judge_title(title)
    assert (verdict.verdict, verdict.kind) == ("report", kind)
    assert verdict.form is not None


@pytest.mark.parametrize(("title",), [pytest.param(t, id=i) for t, i in NOT_REPORTS + NOT_WHEN_CUT])
def test_other_titles_are_not_reports(title: str) -> None:
    assert judge_title(title) == TitleVerdict("not")


@pytest.mark.parametrize(("title",), [pytest.param(t, id=i) for t, i in MAYBES])
def test_cut_short_titles_that_could_be_reports_are_maybe(title: str) -> None:
    assert is_truncated(title)
    assert judge_title(title) == TitleVerdict("maybe")


def test_the_table_is_large_enough_to_mean_something() -> None:
    rows = REPORTS + REPORTS_WHEN_CUT + NOT_REPORTS + NOT_WHEN_CUT + MAYBES
    assert len(rows) >= 100
    kinds = {kind for _, kind, _ in REPORTS}
    assert kinds == {A, W}  # both kinds are exercised
    used = {judge_title(title).form for title, _, _ in REPORTS}
    assert used == {name for name, _, _ in REPORT_FORMS}  # every report form is exercised


@pytest.mark.parametrize(
    ("title", "keywords", "verdict"),
    [
        pytest.param("青山县2023年普法工作年报", ("普法+年报",), "report", id="source-keyword"),
        pytest.param("青山县2023年普法工作年报", (), "not", id="no-keyword-no-report"),
        pytest.param(
            "关于报送普法工作年报的通知", ("普法+年报",), "not", id="keyword-does-not-save-a-notice"
        ),
    ],
)
def test_source_keywords_add_report_titles(
    title: str, keywords: tuple[str, ...], verdict: str
) -> None:
    assert judge_title(title, keywords).verdict == verdict
