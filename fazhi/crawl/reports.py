"""Which listing rows are reports: one function, ``judge_title``, from a link title to a verdict.

Contract: ``judge_title(title)`` returns a :class:`TitleVerdict` whose ``verdict`` is

- ``report``: the title names a yearly rule-of-law report or a 司法局 yearly work summary, with its
  ``kind`` (``annual_report`` or ``work_summary``) and the ``form`` (row of REPORT_FORMS) that
  matched;
- ``maybe``: the listing cut the title short (``…`` / ``...``) and the visible prefix could still
  become a report; the crawler fetches the article and judges its own title;
- ``not``: anything else (notices, plans, key points, meetings, hiring, news, other reports).

Chinese document titles end with their document type (…的通知, …工作方案, …的报告, …工作总结), so
a title is first judged by its ending: an ending of a non-report type rules it out whatever it
mentions (``关于报送法治政府建设年度报告的通知`` is a notice). Only then are the report forms
tried. Pure functions; the forms are data, validated when the module loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Verdict = Literal["report", "maybe", "not"]
REPORT_KINDS: Final = ("annual_report", "work_summary")

# (form name, kind, pattern on the title with spaces removed). First match wins: the narrow
# work-summary forms, then the rule-of-law forms, then a 司法局's generic yearly report.
REPORT_FORMS: Final[tuple[tuple[str, str, str], ...]] = (
    ("述职报告", "work_summary", r"(司法|法治|依法).*述职报告$"),
    ("重点工作任务完成情况", "work_summary", r"工作任务完成情况(的)?报告$"),
    ("法治政府建设报告", "annual_report",
     r"法治政府建设.*(报告|情况|工作情况|进展情况|工作总结)$"),
    ("法治建设报告", "annual_report",
     r"法治(建设|政府).*(年度)?(工作)?(情况)?报告$|推进法治建设.*职责.*(情况|报告)$"),
    ("依法行政工作报告", "annual_report",
     r"依法行政.*(工作)?(情况)?报告$|依法行政工作(情况|总结)$"),
    ("工作总结和工作思路", "work_summary",
     r"(司法|法治|依法行政).*工作总结(和|及|暨|与)?.*(工作)?(思路|计划|打算|安排)$"),
    ("司法行政工作总结", "work_summary", r"司法行政(工作)?总结$|司法.*工作总结$"),
    ("司法局年度工作报告", "work_summary",
     r"司法(局|厅|行政).*(年|年度)(工作)?(情况)?报告$|司法(局|厅).*工作(开展)?情况(的)?报告$"),
)  # fmt: skip

# Endings that make a title some other kind of document, whatever it mentions.
NOT_REPORT_ENDINGS: Final = (
    r"通知|通报|通告|公告|公示|方案|要点|计划|规划|意见|办法|细则|规定|规则|决定|批复|复函|函|"
    r"纲要|指引|指南|清单|目录|名单|名录|报表|统计表|表|解读|图解|问答|答记者问|倡议书|"
    r"简报|快报|启事|须知|公开信|一封信|讲话|致辞|发言|实录|通讯|综述|侧记|纪实|大事记"
)
# Words of events and news, and of reports that are not ours: such titles are never reports.
NOT_REPORT_WORDS: Final = (
    r"一图读懂|图解|推进会|座谈会|工作会|会议|培训班|招聘|招录|选调|遴选|采购|招标|中标|报名|"
    r"召开|举行|举办|部署|启动|参加|出席|调研|督导|督查|检查组|走访|赴|观摩|"
    r"政府信息公开|信息公开工作年度报告|预算|决算|审计|统计公报|国民经济|政府工作报告|"
    r"印发|转发|报送|征求|征集|评选|表彰|考核结果|测评|问卷"
)
# A cut-off title could still be a report when its prefix names a year and rule-of-law work or a
# 司法局, and neither a word of another document type nor of news is visible: every maybe costs
# a request, so the prefix must look like the start of a report title.
MAYBE_PREFIX: Final = (
    r"(20\d{2}|年度).*(法治|依法|司法|述职|重点工作)|(法治|依法|司法|述职|重点工作).*(20\d{2}|年度)"
)
NEWS_WORDS: Final = (
    r"组织|走进|慰问|荣获|喜获|获评|亮相|签约|宣讲|进社区|进校园|进企业|集中|专项行动"
)
TAG_MAX_CHARS: Final = 4  # 置顶, new, 热, 图文: a listing's tag after the title
REPORT_NOUN: Final = re.compile(r"(报告|总结|思路)$")
TRUNCATION: Final = re.compile(r"(\.{2,}|…+|。。+|·{3,})$")
# Trailing words that do not change what a title is: a bracketed year or 全文, or a file type.
TRAILING_NOISE: Final = re.compile(
    r"([（(【\[][^）)】\]]{0,12}[）)】\]]|[-—_]?(pdf|PDF|doc|docx|wps)|[。.])+$"
)


@dataclass(frozen=True)
class TitleVerdict:
    """What a listing title says about its row: report / maybe / not, with kind and form."""

    verdict: Verdict
    kind: str | None = None
    form: str | None = None


_Forms = tuple[tuple[str, str, re.Pattern[str]], ...]


def _compile() -> tuple[_Forms, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    forms = []
    for name, kind, pattern in REPORT_FORMS:
        if kind not in REPORT_KINDS:
            raise ValueError(f"report form {name!r}: unknown kind {kind!r}")
        forms.append((name, kind, re.compile(pattern)))
    return (
        tuple(forms),
        re.compile(rf"({NOT_REPORT_ENDINGS})$"),
        re.compile(NOT_REPORT_WORDS),
        re.compile(MAYBE_PREFIX),
    )


_FORMS, _NOT_ENDING, _NOT_WORD, _MAYBE = _compile()
_NEWS = re.compile(NEWS_WORDS)


def compact_title(title: str) -> str:
    """The title without any whitespace (listings break and pad titles freely)."""
    return "".join(title.split())


def is_truncated(title: str) -> bool:
    """Whether the listing cut the title short (it ends with an ellipsis)."""
    return TRUNCATION.search(compact_title(title)) is not None


def judge_title(title: str, extra_keywords: tuple[str, ...] = ()) -> TitleVerdict:
    """report / maybe / not for a listing title; ``extra_keywords`` (``+``-joined words, from a
    source's ``title_keywords``) name further report titles of that source.

    A listing may set a short tag after the title (``… 年度报告 置顶``, ``… 报告 new``): when the
    whole title is no report, it is judged again without a last word of at most
    TAG_MAX_CHARS characters set off by a space.
    """
    verdict = _judge_compact(title, extra_keywords)
    words = title.split()
    if verdict.verdict == "not" and len(words) > 1 and len(words[-1]) <= TAG_MAX_CHARS:
        untagged = _judge_compact(" ".join(words[:-1]), extra_keywords)
        if untagged.verdict == "report":
            return untagged
    return verdict


def _judge_compact(title: str, extra_keywords: tuple[str, ...]) -> TitleVerdict:
    compact = compact_title(title)
    if not compact:
        return TitleVerdict("not")
    if is_truncated(compact):
        prefix = TRUNCATION.sub("", compact)
        if _NOT_WORD.search(prefix) or _NOT_ENDING.search(prefix) or _NEWS.search(prefix):
            return TitleVerdict("not")
        full = _judge_compact(prefix, extra_keywords)
        if full.verdict == "report" and REPORT_NOUN.search(prefix):
            return full  # the cut kept the document type: …年度报告...
        if full.verdict == "report" or _MAYBE.search(prefix):
            return TitleVerdict("maybe")  # …情况… may go on as 的报告 or as 的通报
        return TitleVerdict("not")
    core = TRAILING_NOISE.sub("", compact) or compact
    if _NOT_WORD.search(core):
        return TitleVerdict("not")
    # Report forms end in 报告/总结/情况/思路 (a summary may end "…和明年工作计划"), so they are
    # tried before the other endings rule a title out.
    for name, kind, pattern in _FORMS:
        if pattern.search(core):
            return TitleVerdict("report", kind, name)
    if _NOT_ENDING.search(core):
        return TitleVerdict("not")
    for keyword in extra_keywords:
        words = [word for word in keyword.split("+") if word]
        if words and all(word in core for word in words):
            return TitleVerdict("report", "annual_report", f"keyword {keyword}")
    return TitleVerdict("not")
