"""Document metadata from report text: locality, report year, issuer, kind, publication date.

Reads normalised report text (see ``fazhi.extract.normalize``) plus what the crawler knew (link
title, listing date, the source's locality hint); writes a :class:`DocumentMetadata`. Every rule
looks at the places a reader would: the title and opening lines, the ``来源`` line, and the
signature block at the end. When the text does not say, the field stays ``None``: a wrong
locality is worse than a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from fazhi.extract.normalize import normalise_line
from fazhi.extract.records import by_constructor
from fazhi.localities import (
    DatedCode,
    Division,
    code_valid_in,
    dated_codes,
    divisions_by_code,
    divisions_by_name,
    load_divisions,
    other_names,
    townships_by_name,
)

YEAR_END_MONTH = 10
# Last year's summaries are written and signed into the first quarter; a text dated from this
# month on that counts the year so far (今年以来) counts its own year
YEAR_TO_DATE_MONTH = 4
HEAD_CHARS = 600
TAIL_CHARS = 300
OPENING_LINES = 8
TITLE_LINES = 4  # a title, with its issuer on a line of its own or two
TITLE_BLOCK_LINES = 24  # an information table may stand between the title and the author line
MIN_YEAR, MAX_YEAR = 2000, 2100

# Characters that never stand inside a body's name: where a clause goes on after the name.
_NOT_IN_NAME = "在的与及对为将把是了向由从以于按"
_NAME_CHAR = rf"(?:(?![{_NOT_IN_NAME}])[\u4e00-\u9fa5])"
_SUB_NAME_CHAR = r"(?:(?![和])" + _NAME_CHAR + ")"  # 人力资源和社会保障局, but not "局和…中心"
# Organisations that issue reports, after a division name: 廉江市司法局, 广州市人民政府,
# 宁国市人民政府行政复议办公室, 福清市法律援助中心, 渤海镇人民政府, 中山门街道办事处 …
_TOWN_BODY = rf"{_NAME_CHAR}{{1,8}}?(?:街道|镇|乡)(?:人民政府|政府|街道办事处|办事处)"
# 行政公署: the government of a 地区 or 盟 (大兴安岭地区行政公署, 锡林郭勒盟行政公署)
_GOVERNMENT = r"(?:人民政府|政府|行政公署)(?!工作|网|门户|信息)"
_DEPARTMENT = (
    r"(?:依法治[省市区县旗]办公室|依法治[省市区县旗]办|全面依法治[省市区县旗]委员会办公室"
    rf"|{_NAME_CHAR}{{0,12}}?(?:局|厅|委员会|办公室|中心|处|司法所|人民法院|人民检察院)"
    # 卫健委, 发改委; never the party's own 区委, 党委, 党工委
    rf"|{_NAME_CHAR}{{2,12}}?(?<!党)(?<!党工)委(?!员))"
)
# a body under a government or a bureau: 人民政府办公室, 人民政府行政复议办公室, 生态环境局某分局
# (a branch for an area with a long name: 公安局某某风景名胜区分局, 某局经济技术开发区分局)
# ("某区市场监督管理局根据区委…委员会…部署": the clause after the name opens with a preposition,
# which no sub-body's name does)
_SUB_BODY = (
    rf"(?!根据|依据|按照|遵照|围绕|结合)"
    rf"(?:{_SUB_NAME_CHAR}{{0,10}}?(?:办公室|中心|处|委员会)|{_SUB_NAME_CHAR}{{1,9}}?分局)"
)
ORG_RE = re.compile(rf"(?:{_TOWN_BODY}|{_GOVERNMENT}|{_DEPARTMENT})(?:{_SUB_BODY})?")
DOC_KEYWORDS_RE = re.compile(
    r"法治政府建设|法治建设|依法行政|司法行政工作|工作总结|工作报告|年度报告|情况报告|情况的报告"
)
YEAR_RE = re.compile(r"(20\d{2})年(?:度)?")
TITLE_YEAR_RE = re.compile(
    # an award's year (某处2019年被评为全国法治政府建设工作先进单位) is no title's
    r"(20\d{2})年(?:度)?(?![^。\n，,；]{0,3}?(?:被评|评为|获评|荣获|获得|入选|被命名|被授予))"
    r"[^。\n，,；《》]{0,16}?"
    r"(?:法治政府建设|法治建设|依法行政|司法行政工作|工作总结|工作报告|年度报告)"
    # a meeting named by its year (2022年全区司法行政工作会议) is held early in that year to
    # review the one before: no title of the year reported
    r"(?![^。\n，,；]{0,4}?(?:会议|推进会|座谈会|部署会|动员会))"
)
# Verbs that make a year's report an object handled in the text's own year (县人大审议2023年度
# 法治政府建设情况报告, 听取…报告): that report is of the year before the text's
REPORT_HANDLED_RE = re.compile(r"(?:审议|听取|报送|提交|公开|起草|撰写)(?:了|通过)?$")
# An opening that counts the year so far (今年以来, 上半年以来, 今年1-6月): the year of the
# page's own date, whatever its month; also after a news lead, the reporter's informant or a
# dateline (记者7月9日从省司法厅获悉，今年上半年…; 5日，今年以来…)
YEAR_TO_DATE_LEAD = r"(?:[^。，,；;\n]{0,30}?(?:获悉|了解到)|(?:\d{1,2}月)?\d{1,2}日)\s*[,，]\s*"
YEAR_TO_DATE_RE = re.compile(
    rf"^\s*(?:{YEAR_TO_DATE_LEAD})?"
    r"(?:今年(?:以?来|上半年|前三季度|1\s*[-—–~至到]\s*\d{1,2}月)|上半年以来)"
)
# A news item's dateline opening its first sentence (3月21日，…发布。, 22日，…召开。)
# (also after a paper's lead, 本报讯 19 日下午，…, and with a printed page's spaces in the date)
NEWS_DATELINE_RE = re.compile(
    r"^(?:[\u4e00-\u9fa5]{0,10}(?:网讯|报讯|台讯)\s*(?:[(（][^)）\n]{0,24}[)）])?\s*)?"
    r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*(?:上午|下午|晚)?\s*[,，]"
)
# A paper's mark, then a lead dated only as recent (某某新闻网讯（通讯员 某某）近日，某县司法局…): a
# news item as a dated lead is (one naming the body the reporter learnt the figures from stays a
# work summary, `_told_by_informant`)
NEWS_MARK_RECENT_RE = re.compile(
    r"^[\u4e00-\u9fa5]{0,10}(?:网讯|报讯|台讯)\s*(?:[(（][^)）\n]{0,24}[)）])?\s*"
    r"(?:近日|日前|近期|连日来)\s*[,，]?"
)
# A news item's lead telling that a body released its report on a year (羊城晚报讯 …某省高级人民
# 法院16日发布2019年度行政诉讼白皮书): the item tells that year, whenever it was printed; the
# report may be named by its body first (公布了某市法院2021年…白皮书) and cover several years
# (2020年-2022年…白皮书: the last, the year its figures run to)
# (or name the year after the report's name, in brackets, as yearly reports are titled:
# 发布了《某市律师行业发展报告(2021)》)
RELEASED_YEAR_RE = re.compile(
    r"(?:发布|公布|发表)了?《?(?:[\u4e00-\u9fa5]{2,12}?)?(?:20\d{2}年?\s*[-—－~～至到]\s*)?"
    r"(20\d{2})年度?[^。，,；\n]{0,20}?(?:白皮书|蓝皮书|报告)"
    r"|(?:发布|公布|发表)了?《[^《》\n]{2,30}?(?:白皮书|蓝皮书|报告)\s*[(（](20\d{2})(?:年度?)?[)）]》"
)
REPORT_INTRO_YEAR_RE = re.compile(r"现将[^。\n]{0,12}?(20\d{2})年(?:度)?")
# "2019年，…", "【概况】 2019年…", "2019年安庆市…": a year opening the first lines
OPENING_YEAR_RE = re.compile(
    r"^\s*(?:【[^】]{1,10}】\s*)?(20\d{2})年(?:以来|度|上半年|前三季度|，|,|、|是|我|[\u4e00-\u9fa5]{2,12}?[省市区县旗州盟镇乡])"
)
# A year opening the figures after a news lead, the informant or a dateline
# (记者从某厅获悉，2022年，全省…): the year told, as a year opening the first line is
LEAD_YEAR_RE = re.compile(rf"^\s*(?:{YEAR_TO_DATE_LEAD})(20\d{{2}})年度?[，,]")
# A title or heading naming a year: "一、2022年工作开展情况", "庆元县2024年度行政执法数据表"
HEADING_YEAR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)?[^。，,；:：]{0,20}?(20\d{2})年(?:度)?(?!\s*\d{1,2}\s*月)[^。，,；:：]{2,30}$"
)
# A title on one month or a few months of a year ("某市司法局2025年1月行政调解工作情况分析报告",
# "2024年1-3月行政复议案件情况通报"): a report on that part of the year, out early in the next
# month, so the year is the title's, not the one before the page's date
MONTH_TITLE_RE = re.compile(
    r"^[^。，,；:：]{0,24}?(20\d{2})年\s*(?:\d{1,2}\s*[-—–~至到]\s*)?\d{1,2}\s*月份?"
    r"[^。，,；:：\d]{2,30}?(?:报告|情况|分析|总结|通报)$"
)
DATE_RE = re.compile(r"(20\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
DATE_LINE_RE = re.compile(
    # ("来源: • 2023-02-16 14:00:27": a source label left blank, then the page's date)
    r"^\s*(?:(?:信息)?来源\s*[:：]\s*)?(?:[•·\-*]\s*)?(?:(?:发布|成文|印发|公布|发表)?(?:时间|日期)\s*[:：]\s*"
    # "阅读次数:12752019-12-11 13:51": a page's view counter, its count glued to the date
    + r"|(?:阅读|浏览|点击|访问)(?:次数|量|数)\s*[:：]\s*\d{0,9}?"
    # "某省政府办公厅 2022-03-15", "政策法规科 2023-12-29": the body that posted the page, then
    # its date (a name alone before the date, not a sentence)
    # (or the paper that printed it: "某某晚报 2020-03-20 10:10")
    + r"|[\u4e00-\u9fa5]{1,20}?(?:办公厅|办公室|政府|办事处|局|厅|委|中心|科|处|网|网站|报)\s+)?"
    + DATE_RE.pattern
    # the time as digits or in words ("2025年03月19日 09时07分"); after 日 it may follow with no
    # space ("2022年05月31日08:42 | 来源:某网", a news site's date line)
    + r"(?:(?:(?<=日)\s*|\s+)\d{1,2}(?::\d{2}(?::\d{2})?|时\d{1,2}分(?:\d{1,2}秒)?)"
    # a page's text-size control after the time ("10:10 大字", "10:10 大 中 小")
    + r"(?:\s+(?:大字|大\s*中\s*小))?"
    # "2025-04-27 10:14 某省人民政府网": a page's date and time, then the site or body it came
    # from (a sentence after a date and time, "…召开常务会议", is no page date)
    + r"(?:\s+(?:来源\s*[:：]\s*)?[\u4e00-\u9fa5]{0,20}?"
    + r"(?:网|网站|客户端|日报|报|政府|办公室|办事处|局|厅|委|中心))?)?"
    # "2018-08-23   来源:人民日报", "2021年01月21日 19:23:30 | 来源:某台",
    # "…18:18:02來源:某网编辑:某": a page's date, then its labelled source and what else the
    # page's line says of it
    + r"(?:\s*[|｜]?\s*[来來]源\s*[:：][^\n]{0,60}?)?\s*$"
)
SOURCE_LINE_RE = re.compile(
    r"(?:来源|发布机构|发文机关|发布单位|发布部门|发布者|供稿单位|栏目)"
    r"\s*[\]】]?\s*\|?\s*[:：]?\s*\|?\s*([\u4e00-\u9fa5]{2,30})"
)
BOOK_TITLE_RE = re.compile(r"《[^》]{0,80}》")
# "区司法局", "地区司法处": a body the text names by its level alone
# "市教育局", "州生态环境局": a department the same way (not 市场监管局, a name of its own)
# "省司法厅": a province's justice department (what 全省司法行政系统 speaking names)
# "省政府坚持…", "自治区人民政府把…": a province's or region's government by its level alone
BARE_ISSUER_RE = re.compile(
    r"(?P<level>地区|自治区(?=人民政府|政府|司法厅)|[区县市旗盟州]|省(?=司法厅|人民政府|政府))"
    r"(?P<body>司法局|司法处|司法厅|人民政府|政府|行政公署"
    rf"|(?!场){_NAME_CHAR}{{1,10}}?局)"
)
PARTY_COMMITTEE_RE = re.compile(
    r"(?P<committee>中共[\u4e00-\u9fa5]{2,16}?委(?:员会)?)[ 　、,，\t\n]*"
)
# The party committee without 中共 (某县委 某县人民政府关于…): the place's name, then 委
PLAIN_COMMITTEE_RE = re.compile(
    r"(?P<committee>[\u4e00-\u9fa5]{2,16}?[省市区县旗州盟]委)[ 　、,，\t]*"
)
# A body of the party committee itself: 中共某县委全面依法治县委员会办公室, 中共某县委政法委员会
PARTY_BODY_RE = re.compile(
    r"(?:全面)?依法治[省市区县旗州盟]委员会办公室|依法治[省市区县旗州盟]办(?:公室)?"
    r"|政法委员会|办公室|宣传部|组织部"
)
# A development zone's administration (长沙经济技术开发区管理委员会, 某高新区管委会): a
# government body of its own, named after a zone that is no division
ZONE_BODY_RE = re.compile(
    r"[\u4e00-\u9fa5]{2,16}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新技术开发区"
    r"|高新区|经开区|开发区|工业园区|产业园区|保税区|试验区|示范区|新区)"
    r"(?:管理委员会|管委会|管理局)"
)
# "在广东省委和湛江市委的领导下": the superiors named here are not the report's locality
LEADERSHIP_RE = re.compile(r"在[^。，,；\n]{0,40}?(?:领导|指导|关心|支持|部署)(?:下|和)")
# Publication dates by label, the one a reader sees as the page's date first
# Between a label and its value: a colon, or a table's cell wall (`| [ 发布日期 ] | 2026-02-11 |`)
# A value may stand in brackets of its own (`发布时间:[2024-8-5]`)
# 发布时期 is a site's variant of the label 发布时间 (`发布时期:2025-08-20 信息来源:…`)
_LABEL_GAP = r"\s*[\]】]?\s*\|?\s*[:：]?\s*\|?\s*[\[【]?\s*"
# a paper's issue date is its publication (`第4405期:第02版 本期出版日期:2022-02-16`)
# 发布于 opening its field (`发布于:2023-01-09 10:12`, not a sentence's "某办法发布于…") and
# 信息提供日期 (`信息提供日期 : 2023-12-08 09:00`, a site's field for the day the information was
# put up) are labels of the same date
PUBLISHED_LABEL_RE = re.compile(
    r"(?:(?:发布|公布|公开|发表|出版)(?:时间|日期|时期)|(?<![\u4e00-\u9fa5])发布于"
    r"|信息提供(?:时间|日期))" + _LABEL_GAP + DATE_RE.pattern
)
# "发文日期": the day the document was sent out, which a page may post weeks later; the page's
# 发布日期 beside it is the publication, 发文日期 the next best (before 成文日期)
ISSUED_LABEL_RE = re.compile(r"发文(?:时间|日期)" + _LABEL_GAP + DATE_RE.pattern)
# "日期：2026-01-15  来源：…", "来源:某区 日期:2019年05月28日": the page's own date line,
# a label of its own (not the tail of 成文日期 or 施行日期)
PAGE_DATE_LABEL_RE = re.compile(r"(?<![\u4e00-\u9fa5])日期\s*[:：]\s*" + DATE_RE.pattern)
# "来源:某局时间:2024-02-28", "更新时间:2021/03/29": a page's bare 时间, not a deadline's or a
# rule's (截止时间, 施行时间)
PAGE_TIME_LABEL_RE = re.compile(
    r"(?<!截止)(?<!截至)(?<!施行)(?<!实施)(?<!生效)(?<!办理)(?<!开始)(?<!结束)(?<!成文)"
    r"(?<!印发)(?<!生成)(?<!发布)(?<!发文)(?:更新)?时间\s*[:：]\s*\|?\s*" + DATE_RE.pattern
)
WRITTEN_LABEL_RE = re.compile(r"(?:成文|印发|生成)(?:时间|日期)" + _LABEL_GAP + DATE_RE.pattern)
# A title line ending in its date (某街道2024年度法治政府建设工作报告 2024-12-12)
TITLE_DATE_RE = re.compile(
    # the date after the title, or in brackets closing it ("某局2018年…情况报告 (2019-04-12)")
    r"(?:报告|总结|汇报|情况)(?:\s+|\s*[(（]\s*)"
    + DATE_RE.pattern
    + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)）]?\s*$",
    re.M,
)
# Page chrome above a title: a breadcrumb trail ("当前位置：首页 > 政务公开 > …")
BREADCRUMB_RE = re.compile(
    r"当前(?:的)?位置|所在(?:的)?位置|您的位置|首页\s*[>＞»]|门户网站|政府网站|政府网$"
)
# A site's banner or footer naming the site's owner (某县人民政府欢迎您, 某县人民政府 政府信息
# 公开, 版权所有：某县人民政府): the owner of the site, not the report's body
SITE_CHROME_RE = re.compile(
    r"欢迎您|欢迎你|版权所有|主办单位|承办单位|主办\s*[:：]|网站地图|无障碍|手机版"
    r"|(?:政府)?信息公开(?:网|平台|专栏|目录)?\s*$|政务公开\s*$|网站\s*$"
    # a banner's clock: the day's date and weekday closing the line
    # ("某区人民政府 2019年12月3日星期二")
    r"|\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]\s*$"
)
# a link of a page's list cut short ("关于某公司物流中心项目用..."): another page's headline, a
# line of its own with no sentence in it
TRUNCATED_LINK_RE = re.compile(r"[^，。；,;:：]{6,60}?(?:\.{3}|…{1,2})")
CRUMB_SEPARATOR_RE = re.compile(r"\s*(?:[>＞»]+|&gt;)\s*")
# A label before a title: 【全文】, [权威发布], 【法治政府建设】
TITLE_TAG_RE = re.compile(r"^[【\[][^】\]]{1,8}[】\]]\s*(?=\S)")
# an information table's field naming the page's poster, in brackets ("[ 发布机构 ] 某局"): not an
# author line above the title (the title below names the body in full)
POSTER_TAG_RE = re.compile(r"^[【\[]\s*(?:发布机构|发布单位|信息来源|来源)\s*[】\]]")
# The addressee of a report sent upwards: "中共某市委、某市人民政府：", "县委、县政府："
_ADDRESSEE_END = r"(?:委员会|委|政府|局|厅|人大|政协|办公室|办)"
SALUTATION_RE = re.compile(
    rf"^[^。！？；，,\n:：]{{1,40}}?{_ADDRESSEE_END}"
    rf"(?:[、，,\s]+[^。！？；，,\n:：]{{1,30}}?{_ADDRESSEE_END})*\s*[:：]\s*$"
)
# Self-references that say at which level the report speaks: 全省, 我市, 全区, 本县 …
# (全地区 speaks for a 地区; 本地区 is ordinary words for "the area")
SELF_LEVEL_RE = re.compile(r"全(地区)|(?:全|我|本)([省市区县旗州盟])")
# "被省委评为全省先进县", "荣获全市…集体": the scope of an award, not the level the text speaks at;
# also a later item of the award's list ("获评全市学习型党组织、全省普法先进集体") and a
# selection (入选全省首批示范项目)
AWARD_SCOPE_RE = re.compile(
    r"(?:评为|评选为|获评|荣获|授予|命名为|列为|确定为|入选)"
    r"(?:[^。，,；\n]{0,3}|[^。，,；\n]{0,24}、)$"
)
AWARD_SCOPE_REACH = 30
# "排名全市第三", "同比下降50%，全市降幅最大", "成立全省首家…": a rank among the superior's
# places, not the level the text speaks at (checked right after the self-reference)
RANK_SCOPE_RE = re.compile(
    r"(?:第[一二三四五六七八九十\d]|前[列茅]|首位|首[家个例]|唯一|[^。，,；\n]{0,2}最[高低多少大小快好])"
)
# (also the region's bar, courts and congress: "记者从某自治区律师协会获悉…全区律师人数达…")
REGION_BODY_RE = re.compile(
    r"自治区(?:党委|人民政府|政府|司法厅|[\u4e00-\u9fa5]{1,6}?厅"
    r"|律师协会|高级人民法院|人民检察院|人大常委会)"
)
# Headings of the structure every 法治政府建设年度报告 follows (主要举措和成效, 存在的不足, …)
ANNUAL_STRUCTURE_RE = re.compile(
    r"法治政府(?:部门)?建设[^。\n]{0,8}(?:主要举措|基本情况|总体情况|工作情况|举措和成效)"
    r"|^[一二三四五六七八九十]+、[^。\n]{0,12}主要举措和成效"
    # the first heading the 法治政府建设实施纲要 gives every such report
    r"|^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^。\n]{0,12}依法(?:全面)?履行政府职能"
    # a title naming only the subject: 某市2025年法治政府建设情况
    r"|法治政府建设(?:工作)?(?:开展|推进|落实)?情况\s*$",
    re.M,
)
# "现将2025年工作情况总结如下" in an opening on 法治政府建设: the year's report, whatever verb
# (现就…报告如下, 现报告如下: the same sentence without 将)
# A report on the building of the rule of law by its words, or an untitled one by the sentence
# that introduces it ("今年依法行政工作开展情况如下："): the annual report, whoever writes it
LAW_REPORT_WORDS_RE = re.compile(
    r"法治(?:政府)?建设[^。\n]{0,12}(?:报告|总结|汇报)|依法行政[^。\n]{0,12}报告"
    r"|(?:法治(?:政府)?建设|依法行政)[^。\n]{0,12}?情况如下"
)
REPORT_INTRO_RE = re.compile(
    r"现(?:将|就|把)[^。\n]{0,40}?(?:报告|总结|汇报)如下|现(?:报告|总结|汇报)如下"
)
# A body's year of work with next year's plan (工作情况及2026年工作计划, 工作总结与…计划):
# its own work summary, unless the title is about 法治政府建设
SUMMARY_WITH_PLAN_RE = re.compile(
    r"工作(?:完成|开展|推进)?(?:情况|总结)[^。\n]{0,4}(?:及|和|与|暨)[^。\n]{0,10}?工作(?:计划|打算|思路)"
)
# A department's title on its year of work with no word of law in it (某县司法局2023年度工作
# 情况报告, 某局关于2023年工作的报告): its own work summary, not the 法治政府建设 report
BODY_YEAR_REPORT_RE = re.compile(
    r"^[^。\n，,]{2,30}?(?:局|厅|委员会|办公室|中心|处)(?:关于)?20\d{2}年度?(?:全年)?"
    r"工作(?:情况)?的?报告\s*$"
)
# A title on one field's year of work, its body unnamed (关于2024年度某市行政复议工作的报告, a
# report to the people's congress; 2019年度某区行政复议诉讼工作报告, with no 关于) or named before
# the year (某街道2024年度行政执法工作报告, 某县某镇人民政府2024年度行政执法工作情况报告): a work
# summary, unless the field is law-building itself
FIELD_YEAR_REPORT_RE = re.compile(
    r"^(?:[^。\n，,《》]{2,20}?(?:局|厅|委员会|办公室|中心|人民政府|政府|办事处|街道|街|镇|乡))?"
    r"(?:关于)?20\d{2}年度?(?:全年)?[^。\n，,《》]{2,24}?工作(?:情况)?的?报告\s*$"
)
# "2022年上半年，…", "1-6月，…": an opening telling part of a year
PART_YEAR_OPENING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、)?(?:20\d{2}年)?(?:上半年|1\s*[-—至~]\s*6月)", re.M
)
# Reports that share words with ours but are of another kind
OTHER_KIND_RE = re.compile(
    r"政府信息公开[^。\n]{0,6}报告|统计分析报告|统计公报|信息公示|数据表|年鉴"
    # the government's report to the people's congress, not its 法治政府建设 report: as a
    # title, not a sentence citing it (…将某项工作写入政府工作报告)
    r"|(?:^|\n)[^。，,；\n]{0,40}?(?<!法治)政府工作报告"
    # a court's or procuratorate's report, and its system's year (全省法院新收…)
    r"|^[^。\n]{0,20}(?:人民法院|人民检察院)[^。\n]{0,30}(?:报告|白皮书|总结)"
    r"|全[省市区县]法院|全[省市区县]检察机关"
    # a body's year of administrative enforcement as a title (某厅2021年度行政执法总体情况, 某局
    # 2022年度行政执法统计年报): the enforcement statistics' report (not a body's report on its
    # year of enforcement work, 某街道2024年度行政执法工作报告: FIELD_YEAR_REPORT_RE)
    r"|(?:^|\n)[^。，,；\n]{0,40}?行政执法(?:工作)?(?:总体情况|统计年报|年报|数据)\s*(?=\n|$)"
)
# A news item's title about a meeting or a visit (某县召开法治政府建设工作会议): another kind,
# though its sentences quote the report's words
NEWS_TITLE_RE = re.compile(
    r"^[^。\n]{0,30}?(?:召开|举行|举办|推进会|工作会议|座谈会|培训班|调研|督察|视察|部署会|动员会)"
    r"(?![^。\n]*(?:报告|总结|情况)\s*$)[^。\n]{0,30}$"
)
# "某市中级法院、某市司法局联合发布…案件半年分析报告": a title telling of a release (an analysis, a
# white paper, typical cases): news of the publication, not the body's report (one posting its
# own 年度报告 under 发布 stays a report)
RELEASE_TITLE_RE = re.compile(
    r"^[^。\n]{2,40}?(?<!关于)(?:联合)?(?:发布|公布)(?:了)?[^。\n]{0,30}?"
    r"(?:分析报告|白皮书|蓝皮书|典型案例)$"
)
# Kinds of report the README counts as work summaries though they share the annual report's words
SUMMARY_KIND_RE = re.compile(
    # a leader reporting in person (本人…履行…职责, 一、履职情况): a 述职 by another name
    r"本人[^。\n]{0,12}履行|^[一二三四五六七八九十]+、\s*(?:个人)?履职情况|"
    # (not one cited in a sentence: "主要负责人在年终述职报告中汇报法治政府建设")
    # (a half year's goals and how far each was met, 上半年工作目标完成情况: a half-year summary)
    r"(?:述职|述法)报告(?![中里内时])|第一责任人职责[^。\n]{0,6}报告|半年[^。\n]{0,8}(?:总结|报告|完成情况)"
    r"|前三季度[^。\n]{0,8}(?:总结|报告)|重点工作任务完成情况"
    # a title on the first months of a year's work (某市2021年度1-4月…民生工程实施情况), as a
    # half year's: its progress so far (not a count's statistics, 1-9月行政复议案件情况)
    r"|^[^。，,；\n]{0,40}?20\d{2}年度?\s*1\s*[-—–~至到]\s*(?:[2-9]|1[01])\s*月份?"
    r"[^。，,；\n]{0,30}?(?:工作|实施|进展|推进|落实)(?:情况|总结|报告)\s*$",
    re.M,
)
# A title of another kind of document on the same subject: a plan, a notice, an assessment
# (某县2024年法治政府建设工作要点, 关于…考核结果的通报, …白皮书, …情况分析, …公示)
OTHER_TITLE_RE = re.compile(
    r"^[^。\n]{4,60}?(?:要点|计划|方案|通报|通知|意见|白皮书|公示|分析|决算|预算)\s*$"
)
# A title's words that say it is the report itself, whatever else it says
REPORT_TITLE_WORDS_RE = re.compile(r"报告|总结|汇报")
# "2024年，某司法局…" / "今年以来，某市司法局…": a year told by a justice bureau
YEAR_OPENING = r"^\s*(?:20\d{2}年|今年以来|今年来|一年来|这一年|过去的一年)[，,]?[^。\n]{0,24}?"
BUREAU_YEAR_OPENING_RE = re.compile(YEAR_OPENING + r"(?:司法局|司法行政|我局)")
# "2024年以来,某省司法厅坚持…": a province's department telling its year, as the opening itself;
# below a news lead (a dateline, 近日…) the department is the reporter's topic, the open question on
# news items (as for cause 134's justice system)
DEPARTMENT_YEAR_OPENING_RE = re.compile(YEAR_OPENING + r"(?:司法厅|我厅)")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
CN_MONTH_DAY_RE = re.compile(
    r"(?<=年)([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What a report says about itself.

    A township or street report (乡, 镇, 街道) has its county's code (GB/T 2260 stops at the
    county) and names the township in ``township``.
    """

    locality_code: str | None
    locality_name: str | None
    province: str | None
    city: str | None
    report_year: int | None
    issuer: str | None
    doc_type: str
    published_on: date | None
    township: str | None = None

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return by_constructor(self)  # compiled or not (fazhi.extract.records)


Hints = tuple[Division, ...]
"""Divisions the report's source points at: the source's own locality, the site's domain."""


@dataclass(frozen=True, slots=True)
class _NameHit:
    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    """What the page around the text says: evidence when the text's opening is silent.

    ``listing_title`` is the link's words on the listing page, ``url_date`` the date in the
    report's address, ``page_date`` the date printed on the page, ``url_divisions`` the codes of
    the divisions the site's domain may spell.
    """

    listing_title: str | None = None
    url_date: date | None = None
    page_date: date | None = None
    url_divisions: tuple[str, ...] = ()


def extract_metadata(
    text: str,
    *,
    title: str | None = None,
    locality_hint: str | None = None,
    published_hint: date | None = None,
    original: str | None = None,
    evidence: SourceEvidence | None = None,
) -> DocumentMetadata:
    """Metadata of a report from its normalised ``text`` and what the crawler knew.

    ``original`` (the text before normalisation) keeps the line breaks that set a signature
    or a date line apart; rules that read whole lines look at it first. ``evidence`` (the
    listing title, the address's date and division, the page's date) is used only for what
    the text does not say.
    """
    evidence = evidence or SourceEvidence()
    raw_head = _line_head(text, original, title)
    head = _clean_head(raw_head)
    tail = _clean_head(_line_tail(text, original))
    found = find_issuer(head, tail, _crumbs(raw_head))
    if found is None and evidence.listing_title:
        found = find_issuer(_clean_head(evidence.listing_title), "")
    if found is None:
        found = _body_speaking_as_self(text, head)
    township = _township_of(found.name if found else None)
    division = resolve_locality(
        text,
        head,
        found.name if found else None,
        locality_hint,
        township,
        url_codes=evidence.url_divisions,
    )
    titles = head if not evidence.listing_title else f"{evidence.listing_title}\n{head}"
    report_year = find_report_year(titles)
    volume = yearbook_volume(head)
    if report_year is None and volume is not None:
        report_year = volume - 1  # a yearbook's volume records the year before it
    published_on = (
        (find_published_on(original) if original else None)
        or find_published_on(text)
        or published_hint
        or evidence.page_date
    )
    if report_year is None and _counts_year_to_date(head):
        # the text's own date, not its address's (a repost's), unless the text names no year
        # at all: then the address is the only witness, and the year so far is the date's
        own = published_on or (evidence.url_date if _names_no_year(text) else None)
        if own is not None and own.month >= YEAR_TO_DATE_MONTH:
            report_year = own.year
        elif own is None:
            # no date of its own and years named: the one year the text states is this year
            # (a repost's address may be years later: 今年以来 … 2020年3月18日印发…)
            report_year = _only_year_stated(text)
    since = _counted_since(titles) if published_on is not None else None
    if since is not None and published_on is not None and report_year == since:
        # a span from a year up to the text's own date (2017年以来… on a page of 2018-06) tells
        # the year so far of that date, as 今年以来 does (from April on that date's year, before
        # it the year before), never a year before the span's first
        so_far = published_on.year - (published_on.month < YEAR_TO_DATE_MONTH)
        report_year = max(since, so_far)
    dated = published_on or evidence.url_date
    # a news item whose dateline is its page's date (12月31日，记者从…获悉 on a page of
    # 2021-12-31) tells of that date's year; a year opening a later paragraph ("2016年
    # 某市印发《…》") is the story's past
    if (
        report_year is not None
        and dated is not None
        and report_year < dated.year - 1
        and _dateline_on(head, dated)
    ):
        report_year = None
    doc_type = classify_doc_type(titles)
    if report_year is None and dated is not None:
        # annual reports come out early the next year; one signed in the last quarter is a
        # year-end summary of the same year; a news item or notice (``other``) dated after the
        # first quarter tells of its own year (a meeting of January still looks back); a text
        # that itself states the date's year as the one it speaks of (the one year it names
        # from April on, or the anniversary it marks) tells that year
        # (a body's year told through a paper, its summary by the labels, is still a news item
        # of its date: 记者8月1日从某局获悉，… on a page of August)
        news = doc_type == "other" or _news_lead(head)
        late = dated.month >= (YEAR_TO_DATE_MONTH if news else YEAR_END_MONTH)
        report_year = dated.year if late or _states_year(text, dated) else dated.year - 1
    if report_year is None:
        report_year = _only_year_stated(text) or _anniversary_year(text)
    code, name = _as_in_year(division, report_year, head) if division else (None, None)
    # a name two divisions share that nothing settles still tells its province (桥西区: all
    # in 河北), sometimes its city, and so does a government site whose domain spells a
    # province or several places of one: kept without a code, which would be a guess
    region = (
        division
        or _region_of_shared_name(found.name if found else head)
        or _common_parent(
            list(_sites_in_named_provinces(tuple(_site_divisions(evidence.url_divisions)), text))
        )
        or _province_of_head(head)
    )
    return DocumentMetadata(
        locality_code=code,
        locality_name=name,
        province=region.province_name if region else None,
        city=_city_of(region),
        report_year=report_year,
        issuer=(
            _issuer_name(found, division, text, evidence.url_divisions)
            if found
            else _justice_bureau_as_self(head, division, text)
        ),
        doc_type=doc_type,
        published_on=published_on,
        township=township,
    )


# the month and day of a news item's dateline (12月31日，…)
DATELINE_DAY_RE = re.compile(r"^(\d{1,2})月(\d{1,2})日")


def _news_lead(head: str) -> bool:
    """Whether the head opens as a news item: a dateline on its first line, or a lead naming
    the body the reporter learnt the figures from."""
    lines = _lines(head)
    return bool(lines) and (
        NEWS_DATELINE_RE.match(lines[0]) is not None
        or _informed_by(lines[:OPENING_LINES]) is not None
    )


def _dateline_on(head: str, dated: date) -> bool:
    """Whether the head opens with a news dateline (``M月D日，…``, no year) naming ``dated``'s
    month and day: the item's own date."""
    lines = _lines(head)
    if not lines or not NEWS_DATELINE_RE.match(lines[0]):
        return False
    day = DATELINE_DAY_RE.match(lines[0])
    return day is not None and (int(day.group(1)), int(day.group(2))) == (dated.month, dated.day)


# A title on part of a year that names no year (市司法局上半年工作目标完成情况): the part of
# the year its page is dated in, as 今年以来 is
PART_YEAR_TITLE_RE = re.compile(
    r"^[^。，,；\n\d]{0,30}?(?:上半年|前三季度)[^。，,；\n\d]{0,12}(?:总结|报告|完成情况)\s*$"
)


def _counts_year_to_date(head: str) -> bool:
    """An opening line that counts the year so far (今年以来，某镇…), or a title on part of a
    year naming no year."""
    return any(
        YEAR_TO_DATE_RE.match(line) or PART_YEAR_TITLE_RE.match(line)
        for line in _lines(head)[:OPENING_LINES]
    )


def _as_in_year(division: Division, year: int | None, head: str) -> tuple[str, str]:
    """The code and name valid when the report's year closed: the former division the head
    names (江干区 in 2019, today within 上城区), or the one a rename replaced."""
    if year is None:
        return division.code, division.name
    for row in dated_codes():
        if row.name in head and row.valid_at_end_of(year) and _succeeds(division.code, row):
            return row.code, row.name
    return code_valid_in(division.code, year) or (division.code, division.name)


def _succeeds(code: str, row: DatedCode) -> bool:
    successor = row.successor
    while successor and successor != code:
        successor = next((r.successor for r in dated_codes() if r.code == successor), None)
    return successor == code


def _head(text: str, title: str | None) -> str:
    head = text[:HEAD_CHARS]
    return f"{title}\n{head}" if title and title not in head else head


def _line_head(text: str, original: str | None, title: str | None) -> str:
    """The head with the original's lines: normalisation joins a title to the line after it
    when the title holds punctuation (中共某市委、某市人民政府关于…), and every rule here
    reads whole lines, so each line of the original is normalised on its own."""
    if not original:
        return _head(text, title)
    return _head(normalise_line(_unflattened(original[:HEAD_CHARS])), title)


# A page flattened to one line ("某镇人民政府关于…的报告 中共某市委、某市人民政府: 2024年,…"): its
# title, closed by a space after 报告/总结/汇报, and the addressee, closed by a space after the
# colon, are lines of their own, as on the page (a date after the title stays on its line:
# "…报告 2024-12-12"); a line this long is no title
FLAT_LINE_CHARS = 200
FLAT_BREAK_RE = re.compile(
    r"(?<=报告|总结|汇报)[ \t\u3000]+(?=\S)(?!20\d{2}\s*[-/.年]\s*\d)"
    r"|(?<=[委府局厅][:：])[ \t\u3000]+(?=\S)"
)


def _unflattened(head: str) -> str:
    """``head`` with its first line broken after the title and the addressee when that line
    is a whole page flattened (:data:`FLAT_LINE_CHARS` or more)."""
    lead = len(head) - len(head.lstrip())
    first, newline, rest = head[lead:].partition("\n")
    if len(first) < FLAT_LINE_CHARS:
        return head
    return head[:lead] + FLAT_BREAK_RE.sub("\n", first, count=2) + newline + rest


def _line_tail(text: str, original: str | None) -> str:
    if not original:
        return text[-TAIL_CHARS:]
    return normalise_line(original[-TAIL_CHARS:])


def _clean_head(head: str) -> str:
    """The head without page chrome above the title (breadcrumbs) and without the addressee
    of a report sent upwards ("某市委、某市人民政府："): neither is the report's own body."""
    kept = []
    for line in head.splitlines():
        stripped = line.strip(" \t|")
        addressee = stripped[-1:] in (":", "：") and len(stripped) <= 60
        chrome = (
            BREADCRUMB_RE.search(stripped)
            or SITE_CHROME_RE.search(stripped)
            or _column_trail(stripped)
            or TRUNCATED_LINK_RE.fullmatch(stripped)
        )
        if chrome or (addressee and SALUTATION_RE.match(stripped)):
            kept.append("")
        elif stripped.startswith("《") and stripped.endswith("》") and "》" not in stripped[:-1]:
            kept.append(stripped[1:-1])  # a title set in book marks on its own line
        else:
            kept.append(line)
    return "\n".join(kept)


CRUMB_STEPS, CRUMB_STEP_MAX_CHARS = 3, 20


def _column_trail(line: str) -> bool:
    """A trail of three columns or more with no 首页 (``某某网 > 资讯 > 本地新闻 > 正文``):
    page chrome above the headline, never a sentence."""
    if ">" not in line and "＞" not in line and "»" not in line:
        return False
    steps = CRUMB_SEPARATOR_RE.split(line)
    return len(steps) >= CRUMB_STEPS and all(
        0 < len(step) <= CRUMB_STEP_MAX_CHARS and not any(mark in step for mark in "。，,")
        for step in steps
    )


def _crumbs(head: str) -> list[str]:
    """The steps of the breadcrumb trails above a title, deepest first (首页 > 部门信息 >
    某县卫生健康局): the column a report was filed under may name its body."""
    steps: list[str] = []
    for line in head.splitlines():
        if BREADCRUMB_RE.search(line):
            trail = line.split("：", 1)[-1].split(":", 1)[-1]
            steps[:0] = reversed([s.strip() for s in CRUMB_SEPARATOR_RE.split(trail) if s.strip()])
    return steps


def _city_of(division: Division | None) -> str | None:
    if division is None:
        return None
    if division.level == "province":
        # a municipality (重庆市) is its own city, as it is its districts' city; a province has none
        return division.name if division.name.endswith("市") else None
    if division.level == "prefecture":
        return division.name
    if division.city_name:
        return division.city_name
    # a county with no prefecture: a municipality's district has the municipality as its city; a
    # county-level city under a province directly (琼海市, 潜江市, 济源市) has none
    return division.province_name if division.province_name.endswith("市") else None


# --- division names -------------------------------------------------------------------------


@cache
def _name_pattern() -> re.Pattern[str]:
    """One regex matching any division's full name, built as a trie so scanning stays linear."""
    names = {d.name for d in load_divisions() if len(d.name) >= 2 and not d.is_function_zone}
    return re.compile(_trie_regex(sorted(names | set(other_names()))))


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(c) + _trie_to_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


NAME_END_RE = re.compile(r"[省市区县旗州盟]")


@cache
def _names_and_longest() -> tuple[frozenset[str], int]:
    names = frozenset(d.name for d in load_divisions() if not d.is_function_zone)
    names |= frozenset(other_names())
    return names, max(len(n) for n in names)


def division_names_between(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of division names ending in ``text[lo:hi]``, longest per ending.

    Names end in one of a few characters (省市区县旗州盟), so finding those and looking the
    words before them up in a set is far faster than a pattern of every name.
    """
    names, longest = _names_and_longest()
    found = []
    for end_match in NAME_END_RE.finditer(text, lo, hi):
        end = end_match.end()
        for start in range(max(lo, end - longest), end - 1):
            if text[start:end] in names:
                found.append((start, end, text[start:end]))
                break
    return found


def _name_hits(text: str) -> Iterator[_NameHit]:
    previous_end = -1
    for match in _name_pattern().finditer(text):
        if _stands_as_place(text, match.start(), match.end(), previous_end):
            previous_end = match.end()
            yield _NameHit(match.group(), match.start(), match.end())


SHORT_NAME_LEVELS = "县区"
# Words after which a place stands on its own: 在和县, 中共沛县县委, 对萧县, 赴郊区
PLACE_PREPOSITIONS = "在于对向共到从由经据即赴"


def _stands_as_place(text: str, start: int, end: int, previous_end: int) -> bool:
    """A one-character name with 县 or 区 (和县, 城区, 郊区) is also ordinary words (方案和县政府,
    老城区): it is a place only where a place can stand, at the start of a line or clause,
    after a preposition (在, 对, 中共) or right after its parent's name (马鞍山市和县), never
    glued to the words before it."""
    if end - start > 2 or text[end - 1] not in SHORT_NAME_LEVELS:
        return True
    if start == 0 or start == previous_end:
        return True
    before = text[start - 1]
    return before in PLACE_PREPOSITIONS or not "\u4e00" <= before <= "\u9fa5"


# --- issuer ---------------------------------------------------------------------------------

# Labels of an information table above a title: "名  称：", "[ 标 题 ]"
TITLE_LABEL_RE = re.compile(r"^\[?\s*(?:名\s*称|标\s*题)\s*\]?\s*[:：]?\s*")
SUBJECT_LEAD_RE = re.compile(
    # a news item's lead ("某某新闻网讯(通讯员 某某)", "本报讯"), then the sentence
    r"(?:[\u4e00-\u9fa5]{0,10}(?:网讯|报讯|台讯)\s*(?:[(（][^)）\n]{0,24}[)）])?[，,:：\s]*)?"
    r"(?:20\d{2}年(?:以来|度|上半年|下半年|前三季度)?|今年以来|今年来|今年上半年|一年来|近年来|近期"
    r"|本年度|这一年|过去的?一年)?"
    # "2025年是《…纲要》收官之年，某镇在…": what the year is, then the subject; told in several
    # clauses, the last closing the sentence ("2024年是…关键之年，是…攻坚之年，也是某街道…之年。
    # 某街道始终坚持…")
    # ("…收官之年，同时也是…关键之年。"): a connective may open the clause after the first;
    # a cited title counts as one word, however long (是贯彻实施《…纲要(2021-2025年)》《…意见
    # (2021-2025年)》《…规划(2021-2025年)》的收官之年)
    r"(?:(?:同时|而且|并且)?(?:也|还|更|又)?是(?:《[^》\n]{1,60}》|[^。；，,\n《]){2,60}?"
    r"(?:之年|的一年)[，,。])*[，,\s]*"
    # "现将某县2023年…报告如下": the place whose report follows
    r"(?:现将)?"
    # "根据《关于报送…的通知》文件要求，某州人民政府高度重视…": the instruction the report
    # answers, then the subject (or 现将 and the body whose report follows: "根据《…规定》要求，
    # 现将省政府2023年度…报告如下")
    r"(?:(?:根据|按照|依据)[^。；\n]{2,80}?(?:要求|规定|部署|安排)[，,]\s*(?:现将)?)?"
    # "在区委的正确领导和区人大常委会的监督下，区司法局…": superiors' leadership, guidance or
    # oversight
    r"(?:在[^。；\n]{0,80}?(?:领导|指导|部署|支持|关心|监督)下[，,\s]*)*"
    # "在…新征程上，": a setting before the subject
    r"(?:在[^。；，,\n]{2,30}?(?:上|中|之际)[，,]\s*)?"
)
REPORT_WORDS_RE = re.compile(r"报告|总结")
_WRITTEN_YEAR = r"(?:20\d{2}|[〇○零一二三四五六七八九]{4})年"
# Before and after the place in a title whose speaker is a place: 关于某区2023年…, 2023年度某县…
TITLE_LEAD_RE = re.compile(rf"(?:关于)?(?:{_WRITTEN_YEAR}度?)?")
TITLE_AFTER_PLACE_RE = re.compile(rf"\s*(?:(?:关于)?{_WRITTEN_YEAR}|法治|依法)")


@dataclass(frozen=True, slots=True)
class FoundIssuer:
    """The issuing body as the text writes it, parents included (``北京市怀柔区渤海镇人民政府``).

    ``body`` is false when the text names only the place that speaks (a title
    ``宝鸡市2023年度…总结``, an opening ``龙溪镇坚持…``): its issuer is that place's own body.
    """

    name: str
    body: bool = True


def find_issuer(head: str, tail: str, crumbs: list[str] | None = None) -> FoundIssuer | None:
    """The issuing body: the title or author line, the ``来源`` line, a signature line, or the
    subject of the opening sentence."""
    head_lines = _lines(head)[:TITLE_BLOCK_LINES]
    lines = [TITLE_TAG_RE.sub("", TITLE_LABEL_RE.sub("", line)) for line in head_lines]
    # a head of page chrome alone (a page flattened to one line) leaves no line at all
    followers = [*lines[1:], ""] if lines else []
    for index, (line, following) in enumerate(zip(lines, followers, strict=True)):
        if POSTER_TAG_RE.match(head_lines[index]):
            continue  # "[ 发布机构 ] 某委": the body that posted the page, read as such below
        if QUOTE_ATTRIBUTION_RE.match(line):
            continue  # who said the quote above (某厅厅长某某在…会议上表示), not an author line
        org = _org_at_start(line, following) or _org_after_year(line, index)
        if org and _listed_bodies_sentence(line, org):
            continue
        alone = org is not None and len(line) <= len(org) + 2
        # past the first lines only a line that is the body's name alone (an author line) or
        # a title below an information table
        near_top = index < TITLE_LINES and len(line) <= len(org or "") + 30
        if org and (alone or near_top or _is_title_line(line)):
            titled = _titled_below(lines[index + 1 : index + 3]) if alone else None
            return titled or FoundIssuer(org)
    for line in _rejoined_titles(lines):
        speaker = _title_speaker(line)
        if speaker:
            return speaker
    for line in lines[:TITLE_LINES]:
        announcer = _announced_by(line)
        if announcer:
            return FoundIssuer(announcer)
    for line in lines[:TITLE_LINES]:
        published = _published_title_speaker(line)
        if published:
            return published
    source = SOURCE_LINE_RE.search(head)
    publisher = _org_at_start(source.group(1)) if source else None
    if publisher:
        return _posted_by(publisher, head)
    for step in crumbs or ():
        if _org_at_start(step) == step:  # a column named after a body: the body's page
            return _posted_by(step, head)
    for line in reversed(_lines(tail)):
        org = _org_at_start(line)
        if org and len(line) <= len(org) + 2 and line[-1] not in ":：":  # not an addressee
            return FoundIssuer(org)
    # a news lead on the first line naming the body the reporter learnt the figures from
    # speaks before a place that opens a later paragraph ("…某街道就成立了…调解工作室")
    lead_informant = _informed_by(lines[:1])
    if lead_informant:
        return FoundIssuer(lead_informant)
    subject = opening_subject(head)
    if subject and subject[0] != "division":
        return FoundIssuer(subject[1], body=subject[0] == "body")
    informant = _informed_by(lines) or _introduced_by(lines)
    if informant:
        return FoundIssuer(informant)
    candidates = (
        lines[:3] + ([source.group(1)] if source else []) + list(reversed(_lines(tail)))[:3]
    )
    for line in candidates:
        bare = BARE_ISSUER_RE.match(line)  # "区司法局": the text names no place
        if bare and len(line) <= len(bare.group()) + 30 and not QUOTE_ATTRIBUTION_RE.match(line):
            return FoundIssuer(bare.group())
    return None


# "2月15日，记者从省司法厅获悉，…", "记者今天(2月9日)从某省司法厅获悉:": a news lead naming the
# body whose figures the item tells, early in its line
INFORMED_BY_RE = re.compile(r"从(?P<body>[^。，,；;:：\n]{2,30}?)(?:获悉|了解到)")
INFORMED_BY_REACH = 40
# a paper's mark opening its lead, its reporter's byline after it ("本报讯 记者某某报道:",
# "本报讯(记者 某某)")
NEWS_LEAD_MARK_RE = re.compile(
    r"本报讯\s*(?:[(（][^()（）\n]{0,20}[)）]|记者[^。，,；;:：\n]{0,12}?报道\s*[:：])?"
)
NEWS_LEAD_MARK_REACH = 120
# a department (厅) named with no level, 记者从司法厅获悉: only a province has 厅 (a city's are 局),
# so it is the province's, completed with the place as 省司法厅 is; 办公厅 is left (the State
# Council's is one too)
BARE_DEPARTMENT_RE = re.compile(r"(?![省市区县])(?!办公)[\u4e00-\u9fa5]{2,10}厅")


def _informed_by(lines: list[str]) -> str | None:
    """The body a news lead says the reporter learnt the figures from, when it is a body of
    government (``省司法厅`` bare, completed with the place later), not an association."""
    for line in lines[:OPENING_LINES]:
        # a photo's caption may stand before the paper's lead on its line ("…案件。某局供图本报讯
        # 记者某某报道:记者19日从某局获悉"): the lead is read from the paper's mark
        lead = NEWS_LEAD_MARK_RE.search(line, 0, NEWS_LEAD_MARK_REACH)
        base = lead.end() if lead else 0
        informed = INFORMED_BY_RE.search(line, base, base + INFORMED_BY_REACH + 6)
        if informed is None or informed.start() - base > INFORMED_BY_REACH:
            continue
        body = informed["body"]
        if _org_at_start(body) == body or BARE_ISSUER_RE.fullmatch(body):
            return body
        if BARE_DEPARTMENT_RE.fullmatch(body):
            return "省" + body
    return None


# "在某市司法局新闻发布会上，某市司法局局长某某介绍，今年以来，…": a news lead in which the head of
# a body of government tells its figures, early in its line (the body, as when the reporter learnt
# them from it; the item stays a news item, unlike 记者从…获悉)
INTRODUCED_BY_RE = re.compile(
    r"(?:^|[，,。\s])(?P<body>[\u4e00-\u9fa5]{2,30}?(?:局|厅|委员会|中心|办公室))"
    r"(?:党组书记、|党委书记、)?(?:局长|厅长|主任|副局长|副厅长|副主任|负责人|负责同志)"
    r"[\u4e00-\u9fa5]{0,4}(?:介绍|表示|通报)[，,:：]"
)
INTRODUCED_BY_REACH = 100


def _introduced_by(lines: list[str]) -> str | None:
    """The body of government whose head a news lead quotes on its figures, named in full."""
    for line in lines[:OPENING_LINES]:
        introduced = INTRODUCED_BY_RE.search(line, 0, INTRODUCED_BY_REACH)
        if introduced is None:
            continue
        body = introduced["body"]
        if _org_at_start(body) == body:
            return body
    return None


def _listed_bodies_sentence(line: str, org: str) -> bool:
    """A sentence opening with a list of bodies (``某县司法局、某县司法局获评…优秀单位；``): what
    several bodies did or won, told by another (a news item's line on awards), not an author."""
    return line.startswith(org + "、") and line.rstrip()[-1:] in ("。", "；", ";", "，", ",")


# A news headline announcing the report (某省政府发布2021年法治政府建设报告, …？某市司法局
# 发布年度报告): the body that published it, standing alone between the headline's marks
ANNOUNCED_RE = re.compile(
    r"(?:^|[(（)）【】\[\]?？:：!！\s“”\"])(?P<body>[\u4e00-\u9fa5]{2,30}?)(?:正式|公开|对外)?发布(?:了)?"
    r"[^。，,；\n]{0,30}?报告"
)


def _announced_by(line: str) -> str | None:
    """The body a headline names as publishing the report, when the whole subject is its name."""
    if len(line) > TITLE_LINE_MAX_CHARS or any(mark in line for mark in "。，,；"):
        return None
    for match in ANNOUNCED_RE.finditer(line):
        body = match["body"]
        if _org_at_start(body) == body:
            return body
    return None


# An untitled page's preamble publishing the report by its title ("根据《…条例》规定，现发布《某区
# 司法局2024年政府信息公开工作年度报告》", the opening of every information-disclosure report):
# the title's speaker
PUBLISHED_TITLE_RE = re.compile(
    r"现(?:予以?)?(?:发布|公布|公开|印发)《(?P<title>[^》\n]{4,60}?(?:报告|总结))》"
)


def _published_title_speaker(line: str) -> FoundIssuer | None:
    """The body (or the place) whose report a preamble publishes by its title."""
    published = PUBLISHED_TITLE_RE.search(line)
    if published is None:
        return None
    title = published["title"]
    org = _org_at_start(title)
    return FoundIssuer(org) if org else _title_speaker(title)


# the last words of a title broken over two lines ("某县2020年度依法行政工作情况的" / "报 告")
# ("某区关于2024年推进法治政府" / "建设工作情况的报告": the break inside a word)
TITLE_TAIL_LINE_RE = re.compile(r"的?[\u4e00-\u9fa5]{0,10}?(?:报告|总结|汇报)")


def _rejoined_titles(lines: list[str]) -> Iterator[str]:
    """Each line, and a line without report words joined to the next when that one only ends
    the title (``情况报告``, ``报告``): a title set on two lines, as pages break long ones."""
    for index, line in enumerate(lines):
        yield line
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            following
            and TITLE_TAIL_LINE_RE.fullmatch(following)
            and not REPORT_WORDS_RE.search(line)
        ):
            yield line + following


def _sector_of(place: str, head: str) -> bool:
    """``广州市司法行政系统…``: the place's sector speaks, whose bureau posted the text."""
    return re.search(re.escape(place) + r"[\u4e00-\u9fa5]{0,6}系统", head) is not None


GOVERNMENT_OFFICE_RE = re.compile(r"(?:人民政府|政府)办(?:公室)?$")


def _posted_by(publisher: str, head: str) -> FoundIssuer:
    """The issuer of a report whose title names no speaker, from the body that posted it
    (``来源：``, ``发布机构：``): that body, unless the opening says the place speaks
    (``2023年，某县坚持…``: the place's government; a bureau or an office only posted it) or
    the poster is the government's own office, which publishes the government's reports."""
    subject = opening_subject(head)
    if subject and subject[0] in ("division", "township") and not _sector_of(subject[1], head):
        return FoundIssuer(subject[1], body=False)
    if subject and subject[0] == "body":
        return FoundIssuer(publisher)
    office = GOVERNMENT_OFFICE_RE.search(publisher)
    if office:
        return FoundIssuer(publisher[: office.start()] + "人民政府")
    return FoundIssuer(publisher)


SELF_BODY_RE = re.compile(r"(?:我|本)(局|委|办|厅|中心)(?![\u4e00-\u9fa5]{0,1}[长任员])")


SELF_ISSUED_RE = re.compile(r"(?:我|本)(?P<kind>局|委|办|厅|中心)(?:印发|制定|出台|发布)了?《")


def _body_speaking_as_self(text: str, head: str) -> FoundIssuer | None:
    """我局 / 本委 resolved through the names the text gives: the body of that kind the whole
    text names most often, at least twice and more often than any other, or the only one it
    names (an opening cut short may name its body once, ``我局…印发《某市某局…》``)."""
    self_reference = SELF_BODY_RE.search(head)
    if self_reference is None:
        return None
    kind = self_reference.group(1)
    counts: dict[str, int] = {}
    full: dict[str, str] = {}
    starts = [hit.start for hit in _name_hits(_plain(text))]
    # a document the body itself issued names it in its title (我委印发了《某区某委关于…的通知》)
    starts += [m.end() for m in SELF_ISSUED_RE.finditer(text) if m["kind"] == kind]
    ends = (kind, "委员会") if kind == "委" else (kind,)  # 我委: a 卫健委 or a 卫生健康委员会
    for start in starts:
        org = _single_org_at_start(text[start : start + 40])
        if org and org.endswith(ends):
            name = own_name(org)
            counts[name] = counts.get(name, 0) + 1
            full.setdefault(name, org)
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and (ranked[0][1] < 2 or ranked[1][1] == ranked[0][1])):
        return None
    return FoundIssuer(full[ranked[0][0]])


# the justice administration's own work, told by the bureau that speaks as 我局
JUSTICE_WORK_RE = re.compile(r"司法行政")


def _justice_bureau_as_self(head: str, division: Division | None, text: str) -> str | None:
    """我局 in an opening paragraph that tells of the justice administration's work (履行司法行政
    工作职责, 推进…司法行政各项工作) when the text never names the bureau: the justice bureau of
    the place the report covers (沅江市司法局). A province's 司法厅 speaks as 我厅."""
    if division is None or (division.level == "province" and not division.name.endswith("市")):
        return None
    opening = _opening_paragraph(head)
    self_reference = SELF_BODY_RE.search(opening)
    if self_reference is None or self_reference.group(1) != "局":
        return None
    if not JUSTICE_WORK_RE.search(opening):
        return None
    return _as_written(division, text) + "司法局"


TITLE_LINE_MAX_CHARS = 80


def _is_title_line(line: str) -> bool:
    """A report's title: report words, no sentence in it."""
    return (
        len(line) <= TITLE_LINE_MAX_CHARS
        and REPORT_WORDS_RE.search(line) is not None
        and not any(mark in line for mark in "。，,；")
    )


YEAR_LEAD_RE = re.compile(rf"{_WRITTEN_YEAR}度?\s*")


def _org_after_year(line: str, index: int) -> str | None:
    """``2023年度某县司法局工作总结``: a title naming its year before its body."""
    lead = YEAR_LEAD_RE.match(line)
    if lead is None or index >= TITLE_LINES or not REPORT_WORDS_RE.search(line):
        return None
    return _org_at_start(line[lead.end() :])


def _titled_below(below: list[str]) -> FoundIssuer | None:
    """The speaker of a report title right below a line that is only a body's name: that
    line is the site's banner (某市人民政府 above 某区2023年…报告), not the report's body. A
    title without a speaker of its own (关于…的报告) leaves the body above it the issuer."""
    for line in below:
        if not REPORT_WORDS_RE.search(line):
            continue
        org = _org_at_start(line)
        if org:
            return FoundIssuer(org)
        return _title_speaker(line)
    return None


def _lines(text: str) -> list[str]:
    return [line.strip(" #*-—\t|") for line in text.splitlines() if line.strip(" #*-—\t|")]


# What follows the place in a title on its justice administration's year (某区2023年司法行政
# 工作总结): the work of the place's justice bureau, which reports it
JUSTICE_WORK_TITLE_RE = re.compile(rf"(?:关于)?(?:{_WRITTEN_YEAR}度?)?(?:全年)?司法行政")


def _title_speaker(line: str) -> FoundIssuer | None:
    """The speaker of a title that names a place, not a body: the place (its government
    speaks), or the place's justice bureau when the title is on 司法行政 work, as a place's
    justice system speaking is its bureau."""
    place = _place_of_title(line)
    if place is None:
        return None
    end = line.find(place) + len(place)
    if JUSTICE_WORK_TITLE_RE.match(line, end) and not _township_at(place, _names_end(place, 0)):
        return FoundIssuer(place + ("司法厅" if place.endswith(("省", "自治区")) else "司法局"))
    return FoundIssuer(place, body=False)


def _place_of_title(line: str) -> str | None:
    """``宝鸡市`` from a title ``宝鸡市2023年度法治政府建设工作总结``, ``龙溪镇`` from
    ``龙溪镇关于2024年…的报告``: a title whose speaker is a place, not a body."""
    if not (REPORT_WORDS_RE.search(line) or STATE_TITLE_RE.search(line)) or len(line) > 60:
        return None
    lead = TITLE_LEAD_RE.match(line)
    start = lead.end() if lead else 0
    position = _names_end(line, start)
    town = _township_at(line, position)
    if town is None:
        # a town the gazetteer does not list (merged since, or a street created since), opening
        # the title alone or after its county (济南市历下区某某新村街道 2024年度…报告)
        unknown = (UNLISTED_TOWN_RE if position == start else UNLISTED_TOWN_AFTER_RE).match(
            line, position
        )
        town = unknown.group() if unknown else None
    end = position + len(town) if town else position
    if end == start or not TITLE_AFTER_PLACE_RE.match(line, end):
        return None
    return line[start:end]


# "某市2023年法治政府建设情况": a title that states its year's building of the rule of law
# without 报告 (a line alone, no sentence in it)
STATE_TITLE_RE = re.compile(
    r"^[^。，,；;：:]{0,40}(?:法治政府建设|法治建设|依法行政)[^。，,；;：:]{0,6}情况$"
)


# "2023年度包场镇法治政府建设工作报告": a town's name of two or three characters that is no level
# word itself (not 全县乡镇, 各乡镇, 本镇)
UNLISTED_TOWN_RE = re.compile(
    r"(?![全各本我该每])[^\W\d_省市区县乡镇村街]{2,3}(?:镇|乡|街道)(?!镇|乡)"
)
# after its county's name a street's may be four characters and hold 村 (某某新村街道)
UNLISTED_TOWN_AFTER_RE = re.compile(
    r"(?![全各本我该每所辖])[^\W\d_省市区县乡镇街]{2,4}(?:镇|乡|街道)(?!镇|乡)"
)


def _unlisted_town_of(name: str) -> str | None:
    """The town the gazetteer does not list that a title names, alone or after its county."""
    if UNLISTED_TOWN_RE.fullmatch(name):
        return name
    end = _names_end(name, 0)
    if end and UNLISTED_TOWN_AFTER_RE.fullmatch(name, end):
        return name[end:]
    return None


def _names_end(fragment: str, position: int) -> int:
    """Where a run of division names starting at ``position`` ends (``position`` if none)."""
    while (end := _name_end_at(fragment, position)) > position:
        position = end
    return position


@cache
def _name_openings() -> frozenset[str]:
    """The first two characters of every division name."""
    return frozenset(name[:2] for name in _names_and_longest()[0])


def _name_end_at(fragment: str, position: int) -> int:
    """End of the longest division name starting at ``position`` (``position`` if none): set
    look-ups from the longest length down, far cheaper than the name pattern at one place."""
    if fragment[position : position + 2] not in _name_openings():
        return position  # the common case, decided by one look-up
    names, longest = _names_and_longest()
    for end in range(min(len(fragment), position + longest), position + 1, -1):
        if fragment[position:end] in names:
            return end
    return position


TOWNSHIP_END_RE = re.compile(r"街道|镇|乡")
TOWNSHIP_MAX_CHARS = 12


def _township_at(fragment: str, position: int) -> str | None:
    """A township or street name known to the gazetteer, starting at ``position``."""
    window = fragment[position : position + TOWNSHIP_MAX_CHARS]
    for end in TOWNSHIP_END_RE.finditer(window):
        name = window[: end.end()]
        if name in townships_by_name():
            return name
    return None


def _org_at_start(fragment: str, following: str = "") -> str | None:
    """``廉江市司法局`` from ``廉江市司法局2023年…``: division name(s) then an organisation.

    A report of the party committee with the government (``中共临洮县委 临洮县人民政府``,
    on one line or two) is the government's: the 法治政府建设 report is the government's
    own, the committee co-signs it.
    """
    joint = PARTY_COMMITTEE_RE.match(fragment)
    if joint:
        own_body = PARTY_BODY_RE.match(fragment, joint.end())
        if own_body and fragment[joint.end() - 1] == "委":  # 中共某县委全面依法治县委员会办公室
            return fragment[: own_body.end()]
        rest = fragment[joint.end() :] or following
        return _single_org_at_start(rest)
    plain = PLAIN_COMMITTEE_RE.match(fragment)
    if plain and _names_end(plain.group("committee"), 0) == len(plain.group("committee")) - 1:
        org = _single_org_at_start(fragment[plain.end() :])
        if org:
            return org
    return _single_org_at_start(fragment)


# "某镇党委、政府…": the township's committee with its government, the government's report
JOINT_SHORT_RE = re.compile(r"(?:党委|党工委)[、，,和及与]?(?:人民)?政府")


# "某街党工委、办事处…": a street (街道) by its short name, with its party working committee and
# its office speaking together: the street's office
STREET_JOINT_RE = re.compile(
    r"(?P<street>[\u4e00-\u9fa5]{1,6}?街)(?:道)?党工委[、，,和及与]?(?:街道)?办事处"
)


def _single_org_at_start(fragment: str) -> str | None:
    position = _names_end(fragment, 0)
    street = STREET_JOINT_RE.match(fragment, position)
    if street and street["street"] + "道" in townships_by_name():
        return street["street"] + "道办事处"
    town = _township_at(fragment, position)
    if town and JOINT_SHORT_RE.match(fragment, position + len(town)):
        return fragment[: position + len(town)] + (
            "办事处" if town.endswith("街道") else "人民政府"
        )
    if position == 0:
        town = _township_at(fragment, 0)
        org = ORG_RE.match(fragment) if town else None
        if org and town and org.group().startswith(town):
            return org.group()
        zone = ZONE_BODY_RE.match(fragment)
        if zone:
            return zone.group()
        return _short_named_org_at_start(fragment) or _unlisted_town_body(fragment)
    org = ORG_RE.match(fragment, position)
    if org is None:
        return None
    under = GOVERNMENT_BUREAU_RE.match(fragment, org.end())
    if under and org.group().endswith(("行政公署", "人民政府")):
        # 某地区行政公署司法局: the bureau of the place, the government between is a parent
        return fragment[:position] + under.group()
    return fragment[: org.end()]


GOVERNMENT_BUREAU_RE = re.compile(
    rf"{_SUB_NAME_CHAR}{{1,10}}?(?:局|厅)(?![\u4e00-\u9fa5]{{0,2}}长)"
)


# A township's own body the gazetteer does not list (streets are created and renamed every
# year), accepted only where a title goes on: 某街道办事处关于…, 某镇人民政府2023年…
UNLISTED_TOWN_BODY_RE = re.compile(
    rf"{_NAME_CHAR}{{1,6}}?(?:街道办事处|镇人民政府|乡人民政府)(?=关于|20\d{{2}}年|\s*$)"
)


def _unlisted_town_body(fragment: str) -> str | None:
    town = UNLISTED_TOWN_BODY_RE.match(fragment)
    return town.group() if town else None


# A province's department after the province's short name (宁夏司法厅, 广西财政厅): 厅 is the
# level's own word, so the short name needs no place after it
PROVINCE_DEPARTMENT_RE = re.compile(rf"{_SUB_NAME_CHAR}{{1,10}}?厅(?![\u4e00-\u9fa5]{{0,2}}长)")


def _short_named_org_at_start(fragment: str) -> str | None:
    """``山东滕州司法局…`` → ``滕州市司法局…``: a body after short names, a province's then a
    place of it, as news reposts write them; both short names are needed, one alone is too
    often an ordinary word. The body is named with the place's full name."""
    province = _short_name_at(fragment, 0, lambda d: d.level == "province")
    if province is None:
        return None
    department = PROVINCE_DEPARTMENT_RE.match(fragment, len(province[0]))
    if department:  # 宁夏司法厅: a province's own department, by the name the text gives it
        return fragment[: department.end()]
    named_end = _names_end(fragment, len(province[0]))
    if named_end > len(province[0]):  # 江苏南京市司法局: a full name after the short one
        org = ORG_RE.match(fragment, named_end)
        return fragment[len(province[0]) : org.end()] if org else None
    place = _short_name_at(
        fragment,
        len(province[0]),
        lambda d: d.level != "province" and d.province_code == province[1].code,
    )
    if place is None:
        return None
    org = ORG_RE.match(fragment, len(province[0]) + len(place[0]))
    return place[1].name + org.group() if org else None


def _short_named_province(issuer: str) -> Division | None:
    """The province of a department named after the province's short name (``宁夏司法厅``)."""
    province = _short_name_at(issuer, 0, lambda d: d.level == "province")
    if province is None or not PROVINCE_DEPARTMENT_RE.fullmatch(issuer, len(province[0])):
        return None
    return province[1]


def _short_name_at(
    fragment: str, position: int, fits: Callable[[Division], bool]
) -> tuple[str, Division] | None:
    for size in (3, 2):
        found = [d for d in short_names().get(fragment[position : position + size], ()) if fits(d)]
        if len(found) == 1:
            return fragment[position : position + size], found[0]
    return None


@cache
def short_names() -> dict[str, tuple[Division, ...]]:
    """Short names (滕州, 山东) → the divisions they name."""
    index: dict[str, list[Division]] = {}
    for division in load_divisions():
        for alias in division.aliases:
            if len(alias) >= 2 and not division.is_function_zone:
                index.setdefault(alias, []).append(division)
    return {alias: tuple(found) for alias, found in index.items()}


# A line signing the quote above it ("——某厅党组书记、厅长某某在…会议上表示。", its dash
# dropped by normalising): who said the quote, a line whose only predicate is 表示 or 指出
QUOTE_ATTRIBUTION_RE = re.compile(
    r"[—\-\s]*[^。，,；;\n]{2,40}?在[^。，,；;\n]{2,100}?(?:上|时|中)(?:表示|指出|说|强调)[。：:]?\s*$"
)


SENTENCE_MARK_RE = re.compile(r"[，,。；;]")


def opening_subject(head: str) -> tuple[str, str] | None:
    """Who speaks in the first sentences: ``("body", "河东区司法局")``, ``("township",
    "龙溪镇")`` or ``("division", "昌平区")``, read after a leading year and a
    "在…领导下" clause (``2024年，在区委的领导下，中山门街道坚持…``)."""
    reported = False  # below a news lead, a place's justice system is the reporter's topic
    # the first OPENING_LINES lines, and past them the first sentence below a page's menu of
    # short lines (户籍办理 / 首页 / 要闻动态 …) within the title block
    lines = _lines(head)[:TITLE_BLOCK_LINES]
    sentences = (i + 1 for i, line in enumerate(lines) if SENTENCE_MARK_RE.search(line))
    reach = max(OPENING_LINES, next(sentences, 0))
    for line in lines[:reach]:
        if len(line) < 20:
            continue  # a title or a heading, not a sentence
        if QUOTE_ATTRIBUTION_RE.match(line):
            continue  # who said the quote above, not the report's speaker
        lead = SUBJECT_LEAD_RE.match(line)
        position = lead.end() if lead else 0
        fragment = line[position:]
        subject = _subject_at(fragment) or _subject_after_fronted_clauses(fragment)
        if subject and subject[0] == "division" and not reported:
            subject = _named_sector_body(subject, fragment)
        if subject:
            return subject
        reported = reported or NEWS_LEAD_LINE_RE.match(line) is not None
    return None


def _subject_at(fragment: str) -> tuple[str, str] | None:
    """The body, township or division whose name opens ``fragment``."""
    org = (
        _joint_place_government(fragment)
        or _single_org_at_start(fragment)
        or _bare_body_at_start(fragment)
        or _justice_sector_body(fragment)
    )
    if org:
        return "body", org
    end = _names_end(fragment, 0)
    town = _township_at(fragment, end)
    if town:
        return "township", fragment[: end + len(town)]
    if end:
        return "division", fragment[:end]
    return None


# "巴州党委、政府坚持…", "某市委、市政府…": a place's party committee and its government speaking
# together (the joint convention: the government's report), after the place's full or short name
JOINT_PLACE_RE = re.compile(
    r"(?:党委|[省市区县旗州盟]?委)[、，,和及与]?[省市区县旗州盟]?(?:人民)?政府(?!办|工作|网|门户)"
)


def _joint_place_government(fragment: str) -> str | None:
    """``巴州人民政府`` from ``巴州党委、政府坚持…``: the place as the text writes it, then its
    government's name."""
    end = _names_end(fragment, 0) or next(
        (size for size in (3, 2) if fragment[:size] in short_names()), 0
    )
    if end and JOINT_PLACE_RE.match(fragment, end):
        return fragment[:end] + _government_of(fragment[:end])
    return None


# "为进一步做好…工作，依据…部署，充分发挥…，某市司法局…": a sentence that opens on what it is
# for or what it follows, with the subject after those clauses
FRONTED_CLAUSE_RE = re.compile(r"(?:为了?|根据|按照|依据|围绕)(?![\u4e00-\u9fa5]{0,2}[，,])")
CLAUSE_BREAK_RE = re.compile(r"[，,]\s*")
FRONTED_CLAUSES = 4


def _subject_after_fronted_clauses(fragment: str) -> tuple[str, str] | None:
    """The subject of a first sentence whose first clauses say what it is for (``为…，``) or
    what it follows (``根据…，``): the first clause of that sentence, among the next few, that
    opens on a body's or a place's name."""
    if not FRONTED_CLAUSE_RE.match(fragment):
        return None
    sentence = re.split(r"[。；;]", fragment, maxsplit=1)[0]
    for index, match in enumerate(CLAUSE_BREAK_RE.finditer(sentence)):
        if index >= FRONTED_CLAUSES:
            break
        subject = _subject_at(sentence[match.end() :])
        if subject:
            return subject
    return None


# "我市司法局…": the body of the place the text speaks for
SELF_BARE_RE = re.compile(r"(?:我|本)(?=[区县市旗](?:司法局|人民政府|政府))")


# "2022年，全市司法行政系统在市委…": the place's justice system speaks as a whole, which its
# justice bureau (a province's: department) leads and reports for
JUSTICE_SECTOR_RE = re.compile(r"全(?P<level>[省市区县旗州盟])司法行政(?:系统|战线)")
# "2024年，某县司法行政系统在县委…": the same with the place's own name
NAMED_SECTOR_RE = re.compile(r"司法行政(?:系统|战线)")
# a news item's lead line: a dateline or a paper's or site's 讯 ("本报讯 10月11日上午，…")
NEWS_LEAD_LINE_RE = re.compile(r"[\u4e00-\u9fa5]{0,10}(?:网讯|报讯|台讯)|\d{1,2}月\d{1,2}日")


def _justice_sector_body(fragment: str) -> str | None:
    """``全市司法行政系统…`` opening the text: the bare body (``市司法局``, ``省司法厅``)."""
    sector = JUSTICE_SECTOR_RE.match(fragment)
    if sector is None:
        return None
    level = sector["level"]
    return level + ("司法厅" if level == "省" else "司法局")


def _named_sector_body(subject: tuple[str, str], fragment: str) -> tuple[str, str]:
    """``某县司法行政系统…`` opening a sentence: that place's justice bureau (a province's:
    department), as ``全县司法行政系统`` names the bare one; other subjects unchanged."""
    kind, place = subject
    if kind != "division" or not NAMED_SECTOR_RE.match(fragment, len(place)):
        return subject
    return "body", place + ("司法厅" if place.endswith(PROVINCE_LEVELS) else "司法局")


# "…领导下，农业农村局认真贯彻…": a department naming itself by its function alone, neither place
# nor level, then a verb of the opening; completed with the locality the text gives, or none
FUNCTION_BODY_RE = re.compile(
    rf"(?P<body>(?![我本全各该]){_NAME_CHAR}{{2,10}}?局)(?=认真|坚持|始终|全面|深入|紧紧|扎实|积极)"
)


def _function_only(name: str) -> bool:
    """Whether ``name`` is a department by its function alone (农业农村局), no place in it."""
    found = FUNCTION_BODY_RE.match(name + "认真")
    return found is not None and found.end() == len(name) and _names_end(name, 0) == 0


# "市交通运输局龙岗管理局…": a city bureau's office for one district, named after the district
DISTRICT_OFFICE_RE = re.compile(rf"{_SUB_NAME_CHAR}{{2,6}}?(?:管理局|分局)")


# "县委、县政府坚持…" with no place's name: the place's party committee and its government
# speaking together, the government's report by the joint convention (as 某县委、某县人民政府)
BARE_JOINT_RE = re.compile(r"(?P<level>[区县市旗])委[、，,和及与]?(?=(?P=level)(?:人民)?政府)")


def _bare_body_at_start(fragment: str) -> str | None:
    self_named = SELF_BARE_RE.match(fragment) or BARE_JOINT_RE.match(fragment)
    bare = BARE_ISSUER_RE.match(fragment, self_named.end() if self_named else 0)
    if bare is None and self_named is None:
        bare = FUNCTION_BODY_RE.match(fragment)
    if bare is None:
        return None
    office = DISTRICT_OFFICE_RE.match(fragment, bare.end()) if bare.group(0)[0] == "市" else None
    return fragment[: office.end()] if office else bare.group()


def own_name(issuer: str) -> str:
    """The body's own name: ``济南市章丘区司法局`` → ``章丘区司法局`` (parents named before it
    help find the locality, but are not part of what the body calls itself); a township's
    body drops its county too (``北京市怀柔区渤海镇人民政府`` → ``渤海镇人民政府``)."""
    starts = []
    position = 0
    while (end := _name_end_at(issuer, position)) > position:
        starts.append(position)
        position = end
    position = _past_government_above_town(issuer, position)
    if starts and _township_at(issuer, position):
        return issuer[position:]
    # a town the gazetteer does not list, its government or street office after its county
    # (``某县某某镇人民政府`` → ``某某镇人民政府``), as a listed one's
    town = UNLISTED_TOWN_AFTER_RE.match(issuer, position) if starts else None
    if town and TOWN_BODY_RE.fullmatch(issuer, town.end()):
        return issuer[position:]
    return issuer[starts[-1] :] if len(starts) > 1 else issuer


# the body of a town or street that closes an issuer's name: its government or its office
TOWN_BODY_RE = re.compile(r"人民政府|政府|办事处")


def _township_of(issuer: str | None) -> str | None:
    """The township or street an issuer belongs to (``渤海镇`` of ``…渤海镇人民政府``)."""
    if not issuer:
        return None
    return _township_at(issuer, _past_government_above_town(issuer, _names_end(issuer, 0)))


GOVERNMENT_ABOVE_TOWN_RE = re.compile(r"(?:人民政府|政府)")


def _past_government_above_town(issuer: str, position: int) -> int:
    """``某区人民政府金龙街道办事处``: a street's office (or a town's government) named under its
    county's government; past that government when a township follows it."""
    above = GOVERNMENT_ABOVE_TOWN_RE.match(issuer, position)
    if position and above and _township_at(issuer, above.end()):
        return above.end()
    return position


def _issuer_name(
    found: FoundIssuer,
    division: Division | None,
    text: str = "",
    url_codes: tuple[str, ...] = (),
) -> str | None:
    """The issuer's own name, a place's own body when the text names only the place, and a
    bare ``区司法局`` / ``区政府`` completed with the locality the text gives (none for a bare
    ``省政府`` in a report whose locality is no province: a superior, not the speaker). A body
    by its function alone (``农业农村局``) is completed only with a locality the page's address
    spells or the text names: a place named in passing is no evidence of whose body it is."""
    if not found.body:
        # (a town the gazetteer no longer lists, named by a title alone: its own government too)
        town = _township_of(found.name) or _unlisted_town_of(found.name)
        if town:
            return town + ("办事处" if town.endswith("街道") else "人民政府")
        place = division.name if division else own_name(found.name)
        return place + _government_of(place)
    name = own_name(found.name)
    bare = BARE_ISSUER_RE.fullmatch(name)
    if (
        bare
        and bare["level"] in PROVINCE_LEVELS
        and (division is None or division.level != "province")
    ):
        return None
    if bare and division and division.name.endswith(bare["level"]):
        body = bare["body"]
        if body == "司法局" and division.level == "province" and not division.name.endswith("市"):
            body = "司法厅"  # an autonomous region's 区司法局 is its 司法厅
        return _as_written(division, text) + ("人民政府" if body == "政府" else body)
    if bare and division and bare["level"] == "市" and division.level == "county":
        # 市交通运输局龙岗管理局 in 龙岗区's text: the office for that district of its city's bureau
        office = DISTRICT_OFFICE_RE.fullmatch(bare["body"], bare["body"].find("局") + 1)
        city = _city_of(division)
        stem = division.name[:-1] if len(division.name) > 2 else division.name
        if office and city and office.group().startswith(stem) and city.endswith("市"):
            return city + name[1:]
    if not bare and _function_only(name):
        confirmed = division is not None and (
            division.code in url_codes or division.name + name in text
        )
        return division.name + name if division and confirmed else None
    return _full_government_name(name)


PROVINCE_LEVELS = ("省", "自治区")


def _as_written(division: Division, text: str) -> str:
    """The place's name as the text writes it: ``金平县`` for 金平苗族瑶族傣族自治县 when the text
    names only the short form with its level (a bare body is completed with it, the way the
    text would sign), else the full name."""
    name = division.name
    if not text or name in text:
        return name
    for alias in division.aliases:
        written = alias + name[-1]
        if written != name and written in text:
            return written
    return name


def _government_of(place: str) -> str:
    """A 盟's or 地区's government is its 行政公署; every other place's its 人民政府."""
    return "行政公署" if place.endswith(("盟", "地区")) else "人民政府"


def _full_government_name(name: str) -> str:
    """``山海关区政府`` → ``山海关区人民政府``: a government is named by its full name, the
    way it signs; a place's ``政府`` is short for it."""
    if not name.endswith("政府") or name.endswith("人民政府"):
        return name
    place = name[:-2]
    named = _names_end(place, 0) == len(place) or _township_at(place, 0) == place
    return place + "人民政府" if named else name


# --- locality -------------------------------------------------------------------------------


def resolve_locality(
    text: str,
    head: str,
    issuer: str | None,
    locality_hint: str | None,
    township: str | None = None,
    url_codes: tuple[str, ...] = (),
) -> Division | None:
    """The division the report covers; ambiguous names are settled by context or the hint.

    A township's report covers its county. The issuer speaks first, then the subject of the
    opening sentence, then the level the text speaks at (全省, 我市 …) among the divisions
    it names, then local documents it cites (《某区…实施方案》).
    """
    by_code = divisions_by_code()
    given = by_code.get(locality_hint or "")
    hint: Hints = tuple(d for d in (given, *(by_code.get(c) for c in url_codes)) if d)
    if issuer:
        division = (
            _deepest_division(issuer, text, hint)
            or _zone_city(issuer)
            or _short_named_province(issuer)
        )
        if division is not None:
            return division
    subject = opening_subject(head)
    if township is None and subject and subject[0] == "township":
        township = subject[1][_names_end(subject[1], 0) :]
        division = _deepest_division(subject[1], text, hint)
        if division is not None:
            return division
    if township:
        county = _county_of_township(township, text, hint)
        if county is not None:
            return county
    if subject and subject[0] in ("division", "body"):
        division = _deepest_division(subject[1], text, hint)
        if division is not None:
            inner = _district_speaking(division, text, hint) if subject[0] == "division" else None
            return inner or division
    if subject is None:
        division = _county_leading_town(head, text, hint)
        if division is not None:
            return division
    spoken = _level_spoken(text)
    if spoken is None and _bare_level(issuer) in PROVINCE_LEVELS:
        # "现将省政府2022年度…报告如下" with no 全省 / 我省 after it: the province's own body
        # speaks, so the text speaks at its level (the province its short name recalls, 法治湖南)
        spoken = "省"
    sites = hint[1:] if given else hint
    if spoken is None and not given:
        # a body speaking without its place (市公安局, 农业农村局…) at no level: the places the
        # head names are named in passing (a route 某地—长沙市, the city's platform); the one the
        # site's address spells, named by the text, is its own
        recalled = _site_recalled(text, sites)
        if recalled is not None:
            return recalled
    division = _at_spoken_level(text, head, hint, spoken)
    if division is not None:
        return division
    return (
        _from_cited_titles(text, head, hint, spoken)
        or given
        # a report speaking at a level (全县) that names its place nowhere else cites its own
        # plans further on (制定印发《某年某县…工作要点》 in its first section)
        or (_from_cited_titles(text, text, hint, spoken) if spoken else None)
        or _site_named(text, sites, _bare_level(issuer) or spoken)
        or _yearbook_place(head)
        or _yearbook_entry_place(head, text, hint)
        or _city_of_listed_bureaus(text)
    )


# Counties' bureaus listed by the counties' short names (吴川、遂溪司法局作经验交流)
LISTED_BUREAUS_RE = re.compile(r"((?:[\u4e00-\u9fa5]{2,3}、)+[\u4e00-\u9fa5]{2,3})司法局")


def _city_of_listed_bureaus(text: str) -> Division | None:
    """A city speaking as 我市/全市 that names none of its divisions in full but lists two of
    its counties' bureaus by their short names: the city they all lie in."""
    if _level_spoken(text) != "市":
        return None
    for match in LISTED_BUREAUS_RE.finditer(text):
        counties = []
        for name in match.group(1).split("、"):
            found = [d for d in short_names().get(name, ()) if d.level == "county"]
            if len(found) != 1:
                break
            counties.append(found[0])
        else:
            cities = {d.city_code for d in counties}
            if len(cities) == 1 and None not in cities:
                return divisions_by_code().get(cities.pop() or "")
    return None


YEARBOOK_RE = re.compile(r"([\u4e00-\u9fa5]{2,8}?)年鉴")
# A yearbook page's volume on a line of its own (2022卷, 2022年卷) or after the book's name
# (某区年鉴2021, 某区年鉴（2021）)
YEARBOOK_VOLUME_RE = re.compile(
    r"^\s*(?:(20\d{2})\s*年?卷|[^。\n，,]{0,20}?年鉴\s*[（(]?(20\d{2})[）)]?(?:卷)?)\s*$", re.M
)


def yearbook_volume(head: str) -> int | None:
    """The volume a yearbook page opens with, in its first lines: it records the year before."""
    for line in head.strip().splitlines()[:3]:
        match = YEARBOOK_VOLUME_RE.match(line)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def _yearbook_place(head: str) -> Division | None:
    """The place a yearbook is named after (``武侯年鉴2021`` on its page header): the one
    division of that name or short name, below the province level when both exist."""
    for match in YEARBOOK_RE.finditer(head):
        name = match.group(1)
        found = [*divisions_by_name().get(name, ()), *short_names().get(name, ())]
        below = [d for d in found if d.level != "province"] or found
        if len({d.code for d in below}) == 1:
            return below[0]
    return None


def _yearbook_entry_place(head: str, text: str, hint: Hints) -> Division | None:
    """The place of the body or division a yearbook entry opens with, after its heading tag
    (``2018卷`` then ``【概况】某县司法局是…``). Only the place: whether the entry's subject is its
    issuer is a question labels answered both ways (r1_008 blank, x16_016 the body)."""
    if yearbook_volume(head) is None:
        return None
    for line in _lines(head)[:OPENING_LINES]:
        tag = TITLE_TAG_RE.match(line)
        if tag is None:
            continue
        subject = _subject_at(line[tag.end() :])
        if subject is not None:
            return _deepest_division(subject[1], text, hint)
    return None


# "银杏路街道在某区委、区政府的领导下": a street or township the gazetteer does not know,
# led by the committee of the county it belongs to
TOWN_LED_RE = re.compile(
    rf"{_NAME_CHAR}{{1,8}}?(?:街道|镇|乡)(?:办事处|人民政府)?[，,]?在([^。；\n]{{2,40}}?)领导下"
)


def _zone_city(issuer: str) -> Division | None:
    """The city of a development zone's administration (长沙经济技术开发区管理委员会): the one
    the gazetteer files the zone under, else the city whose short name opens the zone's."""
    zone = ZONE_BODY_RE.fullmatch(issuer)
    if zone is None:
        return None
    by_code = divisions_by_code()
    for division in load_divisions():
        if division.is_function_zone and issuer.startswith(division.name):
            return by_code.get(division.city_code or "")
    for size in (4, 3, 2):
        cities = [d for d in short_names().get(issuer[:size], ()) if d.level == "prefecture"]
        if len(cities) == 1:
            return cities[0]
    return None


def _county_leading_town(head: str, text: str, hint: Hints) -> Division | None:
    """The county named as the leader of the township that opens the report, when the
    gazetteer does not list that township: its own county's committee leads it."""
    for line in _lines(head)[:OPENING_LINES]:
        lead = SUBJECT_LEAD_RE.match(line)
        led = TOWN_LED_RE.match(line, lead.end() if lead else 0)
        if led:
            named = _named_divisions(led.group(1), text, hint)
            counties = [d for d in named if d.level == "county"]
            return counties[0] if counties else None
    return None


COUNTY_LEVELS = ("区", "县", "旗")
SELF_COUNTY_WORDS = tuple(who + level for level in COUNTY_LEVELS for who in "我本")


def _district_speaking(city: Division, text: str, hint: Hints) -> Division | None:
    """The one county of ``city`` the text names, when the city only opens a headline (``某市
    首个…活动昨在我区举行``) and the text speaks as a county of it (我区, 全区 …)."""
    if city.level != "prefecture" or not any(word in text for word in SELF_COUNTY_WORDS):
        return None  # (most cities' reports: no pass over the text beyond these look-ups)
    level = _level_spoken(text)
    if level not in COUNTY_LEVELS or ("我" + level not in text and "本" + level not in text):
        return None
    inside = {
        d.code: d
        for d in _named_divisions(_plain(text), text, hint)
        if d.level == "county" and d.city_code == city.code and d.name.endswith(level)
    }
    return next(iter(inside.values())) if len(inside) == 1 else None


def _site_named(text: str, sites: Hints, level: str | None = None) -> Division | None:
    """The division a government site's domain spells, when the text names nothing: the one
    of its readings the text recalls by name or short name (大连 for ``dl``), the one at the
    level of the bare body that speaks (``yiyang`` read by a 市教育局: the city, not the
    counties spelled alike), or its only one."""
    recalled = _site_recalled(text, sites)
    if recalled is not None:
        return recalled
    sites = _sites_in_named_provinces(sites, text)
    # (a text speaking as a province, 我省/全省, takes the province among the readings: ``ln``)
    at_level = [
        d
        for d in sites
        if level and (d.level == "province" if level == "省" else _speaks_at(d, level))
    ]
    if len(at_level) == 1 and (len(sites) > 1 or level == "省"):
        return at_level[0]
    return sites[0] if len(sites) == 1 and sites[0].level != "province" else None


def _sites_in_named_provinces(sites: Hints, text: str) -> Hints:
    """The readings of a site's domain that lie in a province the text names, by its name or
    short name or by a place in it (a title 贵州某区… on a site whose ``sl`` also spells 商洛市
    in 陕西): a domain's reading in another province never wins over what the text says. A
    text that names no province, or no place of one, keeps every reading."""
    named = _provinces_named(text)
    if not named:
        return sites
    return tuple(d for d in sites if d.province_code in named)


@cache
def _province_name_pattern() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """A pattern of every name and short name of two characters or more, longest first where
    one begins another (海南州, a prefecture of 青海, before 海南), and the provinces each of
    the names that tell one stands for: provinces' and cities' names and short names, counties'
    full names. A county's short name (平安, 新华) is too often an ordinary word to tell one."""
    telling: dict[str, set[str]] = {}
    every: set[str] = set()
    for division in load_divisions():
        if division.is_function_zone:
            continue
        names = [n for n in (division.name, *division.aliases) if len(n) >= 2]
        every.update(names)
        told = names if division.level != "county" else [division.name]
        for name in told:
            telling.setdefault(name, set()).add(division.province_code)
    every.update(n for n in other_names() if len(n) >= 2)
    pattern = re.compile(_trie_regex(sorted(every)))
    return pattern, {name: frozenset(codes) for name, codes in telling.items()}


def _provinces_named(text: str) -> frozenset[str]:
    """The codes of the provinces ``text`` names or names a place in (see above)."""
    pattern, telling = _province_name_pattern()
    found: set[str] = set()
    for match in pattern.finditer(text):
        found.update(telling.get(match.group(), ()))
    return frozenset(found)


def _province_of_head(head: str) -> Division | None:
    """The one province the title and opening name, by name, short name or a place in it, when
    nothing else placed the report (贵州某经济区2023年度…报告 on a site of no province's)."""
    named = _provinces_named(head)
    return divisions_by_code().get(next(iter(named))) if len(named) == 1 else None


def _site_recalled(text: str, sites: Hints) -> Division | None:
    """The one reading of a government site's domain the text names, by name or short name."""
    recalled = [d for d in sites if any(n in text for n in (d.name, *d.aliases) if len(n) >= 2)]
    return recalled[0] if len(recalled) == 1 else None


def _bare_level(issuer: str | None) -> str | None:
    """The level a bare body names itself by (``县司法局``: 县), or None."""
    bare = BARE_ISSUER_RE.fullmatch(issuer) if issuer else None
    return bare["level"] if bare else None


def _deepest_division(fragment: str, text: str, hint: Hints) -> Division | None:
    """The most specific division named in ``fragment``: a county or city before a province.

    Names inside 《》 belong to the titles of other documents, and names in "在…领导下" are the
    report's superiors: both are skipped.
    """
    chosen = _named_divisions(_plain(fragment), text, hint)
    below_province = [d for d in chosen if d.level != "province"]
    # a county named after its own city, apart from it, is the body's own place: a city
    # department's district branch (某市公安局某区分局, 某市自然资源局某县分局)
    inner = [
        d
        for d in below_province
        if d.level == "county" and any(o.code == d.city_code for o in below_province)
    ]
    if inner:
        return inner[0]
    branch = _branch_county(_plain(fragment), below_province)
    if branch is not None:
        return branch
    return below_province[0] if below_province else (chosen[0] if chosen else None)


# a city department's branch named by a county's short name (某市生态环境局某某分局)
BRANCH_RE = re.compile(r"局([\u4e00-\u9fa5]{2,3}?)分局")


def _branch_county(fragment: str, named: list[Division]) -> Division | None:
    """The county of a city department's branch that goes by the county's short name
    (湛江市生态环境局廉江分局: 廉江市): a county of the city the fragment names, never a
    branch named for a function (经开分局, 交警分局) that no county of it is called."""
    cities = [d.code for d in named if d.level == "prefecture"]
    if not cities or "分局" not in fragment:
        return None
    for match in BRANCH_RE.finditer(fragment):
        found = [
            d
            for d in _counties_of(cities[0])
            if match.group(1) in d.aliases or match.group(1) == d.name
        ]
        if len(found) == 1:
            return found[0]
    return None


@cache
def _counties_of(city_code: str) -> tuple[Division, ...]:
    return tuple(
        d for d in divisions_by_code().values() if d.level == "county" and d.city_code == city_code
    )


def _plain(fragment: str) -> str:
    plain = BOOK_TITLE_RE.sub(lambda m: "《" + "　" * (len(m.group()) - 2) + "》", fragment)
    return LEADERSHIP_RE.sub(lambda m: "　" * len(m.group()), plain)


def _named_divisions(fragment: str, text: str, hint: Hints) -> list[Division]:
    chains = _name_chains(fragment)
    chosen = [_disambiguate(c[-1].name, [h.name for h in c[:-1]], text, hint) for c in chains]
    return [d for d in chosen if d is not None]


def _level_spoken(text: str) -> str | None:
    """The level the text speaks at, by its self-references (全省, 我市, 本县 …) outside the
    titles of other documents: the most frequent one."""
    plain = BOOK_TITLE_RE.sub("", text)
    counts: dict[str, int] = {}
    for match in SELF_LEVEL_RE.finditer(plain):
        if AWARD_SCOPE_RE.search(plain, max(0, match.start() - AWARD_SCOPE_REACH), match.start()):
            continue
        if RANK_SCOPE_RE.match(plain, match.end()):
            continue
        level = match.group(1) or match.group(2)
        counts[level] = counts.get(level, 0) + 1
    if _region_speaks(plain[:HEAD_CHARS]):
        counts["省"] = counts.get("省", 0) + counts.pop("区", 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


# (a yearbook entry's topic may run longer: 【加强党对法治政府建设的全面领导】)
LABEL_LEAD_RE = re.compile(r"\s*(?:【[^】]{1,24}】\s*)?")


def _region_speaks(head: str) -> bool:
    """An autonomous region's body is the subject of an opening line (``【概况】 2019年，自治区
    司法厅坚持…``): its 全区 is the region's. Named only as a superior (在自治区党委的领导下),
    it leaves 全区 the district's."""
    for line in _lines(head)[:OPENING_LINES]:
        label = LABEL_LEAD_RE.match(line)
        lead = SUBJECT_LEAD_RE.match(line, label.end() if label else 0)
        if REGION_BODY_RE.match(line, lead.end() if lead else 0):
            return True
    return False


# Places the report works with, not its own: "与某市某区、某区委依法治区办结对", "同某县开展
# 对口协作" (the partners between 与/同 and a verb of pairing, up to 24 characters)
PARTNER_PLACES_RE = re.compile(
    r"(?:与|同)[^。，,；;\n与同]{2,24}?(?:结对|结成|对口|帮扶|协作|共建|签订|签署)"
)


def _without_partners(fragment: str) -> str:
    """``fragment`` with the places it names as partners blanked (offsets kept)."""
    if "与" not in fragment and "同" not in fragment:
        return fragment
    return PARTNER_PLACES_RE.sub(lambda m: "　" * len(m.group()), fragment)


def _at_spoken_level(text: str, head: str, hint: Hints, level: str | None) -> Division | None:
    """Among the divisions the head names, the one at the level the text speaks at; a report
    speaking for a province names its cities only in passing, and one pairing with other
    places names them as partners (与某区…结对)."""
    named = _named_divisions(_without_partners(_plain(head)), text, hint)
    if level == "省":
        spoken_of = _province_spoken_of(text, named)
        if spoken_of is None and not named:
            # "我省" in a news page whose head names no place and no province by any name: the
            # one province all the places named further on lie in (沈阳市辽中区, 沈阳市铁西区)
            later = _named_divisions(_without_partners(_plain(text)), text, hint)
            provinces = {d.province_code for d in later}
            if len(provinces) == 1:
                return divisions_by_code().get(provinces.pop())
        return spoken_of
    fitting = [d for d in named if level and _speaks_at(d, level)]
    if fitting:
        # a name that is also ordinary words (会同县府办: "together with the county office")
        # yields to another place of the level the text names
        ordinary = _ordinary_phrase_names()
        return min(fitting, key=lambda d: d.name in ordinary)
    if level:
        recalled = (
            _most_named_at(text, level, hint)
            or _region_by_its_bodies(text, head, level, hint)
            or (_city_of_named_county(text, named) if level == "市" else None)
        )
        if recalled is not None:
            return recalled
    below_province = [d for d in named if d.level != "province"]
    if level is None or not named:
        return below_province[0] if below_province else (named[0] if named else None)
    return None


def _region_by_its_bodies(text: str, head: str, level: str, hint: Hints) -> Division | None:
    """全区 in a text naming the region's own bodies (自治区政府, 自治区司法厅) and, in its head,
    one autonomous region by its name or short name (``…:宁夏为基层社会治理树立新标杆``): that
    region, when no district is named at that level. Naming none of its bodies, a text (a
    paper's item: ``我区…``, ``12348新疆…热线``) names the one region by its name or short name
    anywhere, and every place it names lies in that region (海原县, 利通区)."""
    if level != "区":
        return None
    bodies = REGION_BODY_RE.search(text) is not None
    where = head if bodies else text
    named = {
        d.code for d in _autonomous_regions() if any(word in where for word in (d.name, *d.aliases))
    }
    if len(named) != 1:
        return None
    region = divisions_by_code()[named.pop()]
    if bodies:
        return region
    places = _named_divisions(_without_partners(_plain(text)), text, hint)
    inside = places and all(p.province_code == region.code for p in places)
    return region if inside else None


CITY_SHORT_NAME_TIMES = 2


def _city_of_named_county(text: str, named: list[Division]) -> Division | None:
    """我市 in a text naming its city only by its short name (三亚), twice or more outside the
    titles of other documents, and, in its head, a county of that city in full (天涯区): the
    city."""
    by_code = divisions_by_code()
    cities = {d.city_code for d in named if d.level == "county" and d.city_code}
    plain = _plain(text) if cities else ""
    found = [
        city
        for city in (by_code[c] for c in cities if c in by_code)
        if _speaks_at(city, "市")
        and sum(plain.count(a) for a in city.aliases if len(a) >= 2) >= CITY_SHORT_NAME_TIMES
    ]
    return found[0] if len(found) == 1 else None


@cache
def _autonomous_regions() -> tuple[Division, ...]:
    return tuple(
        d for d in divisions_by_code().values() if d.level == "province" and "自治区" in d.name
    )


@cache
def _ordinary_phrase_names() -> frozenset[str]:
    """Division names that are also ordinary phrases, from the rulebook's ``place_name_words``
    (their one home; imported here because the facts module imports this one)."""
    from fazhi.extract.facts import load_rulebook

    return load_rulebook().scoring.place_name_words


def _most_named_at(text: str, level: str, hint: Hints) -> Division | None:
    """我县 / 全区 resolved through the names the whole text gives: the division at that level
    it names most often, at least twice and more often than any other."""
    counts: dict[str, int] = {}
    by_code = divisions_by_code()
    for division in _named_divisions(_without_partners(_plain(text)), text, hint):
        if _speaks_at(division, level):
            counts[division.code] = counts.get(division.code, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return by_code[ranked[0][0]]


def _speaks_at(division: Division, level: str) -> bool:
    """A division a self-reference fits: 全市 a city (a municipality too), 全区 a district
    (an autonomous region speaks as a province), 全县 a county …"""
    if division.level == "province":
        return level == "市" and division.name.endswith("市")  # 北京市, 重庆市
    return division.name.endswith(level)


def _province_spoken_of(text: str, named: list[Division]) -> Division | None:
    """The province a provincial report speaks for: the one it names, the one all the places
    it names lie in, or the one its short name (法治山西, 平安江苏) recalls."""
    provinces = {d.province_code for d in named}
    if len(provinces) == 1:
        return divisions_by_code().get(provinces.pop())
    counts = {
        p: sum(text.count(alias) for alias in (p.name, *p.aliases) if len(alias) >= 2)
        for p in load_divisions()
        if p.level == "province"
    }
    best = max(counts, key=lambda p: counts[p])
    return best if counts[best] else None


def _from_cited_titles(text: str, head: str, hint: Hints, level: str | None) -> Division | None:
    """A local document the report cites (《仓山区法治社会建设实施方案》) names its locality
    when nothing else does, if its level is the one the text speaks at."""
    # a body speaking as itself (我局) at no level: the place of the documents it cites, any level
    if level == "省" or (level is None and not SELF_BODY_RE.search(head)):
        return None
    titles = " ".join(m.group() for m in BOOK_TITLE_RE.finditer(head))
    named = _named_divisions(titles, text, hint)
    fitting = [
        d for d in named if d.level != "province" and (level is None or d.name.endswith(level))
    ]
    return fitting[0] if len({d.code for d in fitting}) == 1 else None


def _county_of_township(name: str, text: str, hint: Hints) -> Division | None:
    """The county of a township the gazetteer knows, settled by what the text names: the
    county or its city, the hint, or the level of the bodies above it (县委, 区委, 市委)."""
    by_code = divisions_by_code()
    candidates = [by_code[c] for c in townships_by_name().get(name, ()) if c in by_code]
    above = re.findall(r"([县区市旗])(?:委|政府|人民政府|司法局)", text[:HEAD_CHARS])
    text = text.replace(name, "")  # 宁安镇 does not name 宁安市
    tests = (
        lambda d: d.name in text or any(len(a) >= 2 and a in text for a in d.aliases),
        lambda d: any(d.code == h.code for h in hint),
        lambda d: any(d.city_code == h.code or d.city_code == h.city_code for h in hint),
        lambda d: bool(d.city_name) and d.city_name in text,
        lambda d: d.province_name in text,
        # the province by its short name (考察浙江重要讲话精神): a township the gazetteer
        # lists in several provinces, the text naming its own in passing
        lambda d: any(a in text for a in _province_aliases(d.province_code)),
        lambda d: bool(above) and d.name.endswith(above[0]),
    )
    for test in tests:
        chosen = [d for d in candidates if test(d)]
        if len(chosen) == 1:
            return chosen[0]
        if chosen:
            candidates = chosen
    if len(candidates) == 1:
        return candidates[0]
    return _common_parent(candidates)


def _province_aliases(code: str) -> tuple[str, ...]:
    """A province's short names of two characters or more (浙江, 内蒙古)."""
    province = divisions_by_code().get(code)
    return tuple(a for a in province.aliases if len(a) >= 2) if province else ()


def _common_parent(candidates: list[Division]) -> Division | None:
    """The city (or else the province) every remaining county of a township lies in: what
    the page does settle when it leaves the county open (a 重庆 township of two 重庆 counties)."""
    by_code = divisions_by_code()
    if not candidates:
        return None
    for parent_of in (lambda d: d.city_code, lambda d: d.province_code):
        parents = {parent_of(d) for d in candidates}
        if len(parents) == 1 and (parent := by_code.get(parents.pop() or "")):
            return parent
    return None


def _site_divisions(codes: tuple[str, ...]) -> list[Division]:
    by_code = divisions_by_code()
    return [by_code[code] for code in codes if code in by_code]


def _region_of_shared_name(fragment: str) -> Division | None:
    """The city, else the province, every division of the first shared name in ``fragment``
    lies in (桥西区: 河北省)."""
    for chain in _name_chains(_plain(fragment)):
        name = chain[-1].name
        candidates = divisions_by_name().get(name, ()) or other_names().get(name, ())
        if len(candidates) > 1:
            return _common_parent(list(candidates))
    return None


def _name_chains(fragment: str) -> list[list[_NameHit]]:
    """Runs of adjacent division names (广东省湛江市廉江市 is one run of three)."""
    chains: list[list[_NameHit]] = []
    for hit in _name_hits(fragment):
        if chains and hit.start == chains[-1][-1].end:
            chains[-1].append(hit)
        else:
            chains.append([hit])
    return chains


def _disambiguate(name: str, parents: list[str], text: str, hint: Hints) -> Division | None:
    candidates = divisions_by_name().get(name, ()) or other_names().get(name, ())
    if len(candidates) == 1:
        return candidates[0]
    for test in (
        lambda d: d.city_name in parents or d.province_name in parents,
        lambda d: any(d.code == h.code for h in hint),
        lambda d: any(d.city_code == h.code or d.city_code == h.city_code for h in hint),
        lambda d: _mentions_parent(text, d),
    ):
        chosen = [d for d in candidates if test(d)]
        if len(chosen) == 1:
            return chosen[0]
    return None


def _mentions_parent(text: str, division: Division) -> bool:
    parent = divisions_by_code().get(division.city_code or "")
    names = [division.city_name, *(parent.aliases if parent else ())]
    return any(n and len(n) >= 2 and n in text for n in names)


# --- year, date and kind ----------------------------------------------------------------------


def arabic_dates(text: str) -> str:
    """``二〇二三年一月十日`` → ``2023年1月10日``: official documents write dates in numerals."""
    text = CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group()), text)
    return CN_MONTH_DAY_RE.sub(lambda m: f"{_small_numeral(m[1])}月{_small_numeral(m[2])}日", text)


def _small_numeral(numeral: str) -> int:
    """一 … 三十一 as an integer."""
    if "十" not in numeral:
        return int(_CN_DIGITS[numeral])
    tens, _, units = numeral.partition("十")
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[units]) if units else 0)


def find_report_year(head: str) -> int | None:
    """The year the report covers, from its title or opening, ignoring titles of other documents."""
    head = arabic_dates(head)
    plain = _without_cited_titles(head)
    titled = _title_year(plain)
    if titled is not None:
        return titled
    for line in _lines(head)[:OPENING_LINES]:
        released = RELEASED_YEAR_RE.search(line) if NEWS_LEAD_LINE_RE.match(line) else None
        if released:
            return int(released.group(1) or released.group(2))
    lines = _lines(plain)[:OPENING_LINES]
    for line in lines:
        match = OPENING_YEAR_RE.match(line) or LEAD_YEAR_RE.match(line)
        if match:
            return int(match.group(1))
    match = TITLE_YEAR_RE.search(plain)
    if match:
        handled = REPORT_HANDLED_RE.search(plain, max(0, match.start() - 6), match.start())
        return int(match.group(1)) + (1 if handled else 0)
    for line in lines:
        match = OPENING_YEAR_RE.match(line)
        if match:
            return int(match.group(1))
    for line in lines:
        match = HEADING_YEAR_RE.match(line)  # a title or heading naming one year
        if match:
            return int(match.group(1))
    for line in lines:
        match = MONTH_TITLE_RE.match(line)  # a title on a month or months of one year
        if match:
            return int(match.group(1))
    return None


def _without_cited_titles(head: str) -> str:
    """The head with the titles of cited documents (《…》) blanked, offsets kept."""
    return BOOK_TITLE_RE.sub(lambda m: "《" + "　" * (len(m.group()) - 2) + "》", head)


def _title_year(plain: str) -> int | None:
    """The year a title or the report's own intro (现将2023年度…报告如下) names."""
    # a title's year first; a sentence naming another year's work (紧扣2024年度法治政府建设
    # 短板…) inside a report opening "2025年，…" does not make a title
    for line in _lines(plain)[:TITLE_BLOCK_LINES]:
        match = TITLE_YEAR_RE.search(line) if _is_title_line(line) or len(line) < 40 else None
        if match:
            return int(match.group(1))
    match = REPORT_INTRO_YEAR_RE.search(plain)
    return int(match.group(1)) if match else None


# "2017年以来，某区司法局…", "自2019年以来，…": an opening that counts from a year up to the
# text's own day, as 今年以来 counts from January
SINCE_YEAR_OPENING_RE = re.compile(r"^\s*自?(20\d{2})年(?:以来|来)[，,]?")


def _counted_since(head: str) -> int | None:
    """The year an untitled opening counts from (``2017年以来，…``), when no title or intro
    names the report's year: the text tells the span up to its own date."""
    plain = _without_cited_titles(arabic_dates(head))
    if _title_year(plain) is not None:
        return None
    for line in _lines(plain)[:OPENING_LINES]:
        match = SINCE_YEAR_OPENING_RE.match(line)
        if match:
            return int(match.group(1))
    return None


YEAR_RANGE_RE = re.compile(r"20\d{2}\s*(?:年)?\s*[-—–~至到]\s*20\d{2}")
# A year stated as such, not a target (到2025年, 2035年远景目标, 2030年前)
STATED_YEAR_RE = re.compile(r"(?<![到])(?<![^截]至)(20\d{2})年(?!前|远景|目标)")


def _names_no_year(text: str) -> bool:
    """Whether the text states no year at all (a year-to-date item that says only 今年)."""
    return STATED_YEAR_RE.search(arabic_dates(text)) is None


# A year opening a clause whose subject is the whole place (2025年全市各级人民调解组织调解…,
# 2023年，我县…): the year whose figures the text gives
PLACE_YEAR_RE = re.compile(
    r"(?:^|[。；;，,\n])\s*(20\d{2})年度?[，,]?\s*"
    # the whole place by 全/我/本, or by its name and the bodies of every tier ("2024年，某市各级
    # 行政复议机关共收到…")
    r"(?:(?:全|我|本)[省市区县州旗盟]|[\u4e00-\u9fa5]{1,8}?[省市区县州旗盟]各级)",
    re.M,
)


def _only_year_stated(text: str) -> int | None:
    """The one year a text speaks of, when it names exactly one outside the titles of other
    documents and the spans of plans (2021—2025年): a page that opens with 今年以来. Of
    several, the one year that opens the whole place's figures (not a past visit's
    "总书记2014年调研…时")."""
    plain = YEAR_RANGE_RE.sub("", BOOK_TITLE_RE.sub("", arabic_dates(text)))
    years = {int(m.group(1)) for m in STATED_YEAR_RE.finditer(plain)}
    if len(years) > 1:
        years = {int(m.group(1)) for m in PLACE_YEAR_RE.finditer(plain)}
    return years.pop() if len(years) == 1 else None


# A meeting named by its year (2023年全省司法行政工作会议): held early in that year to review
# the one before, so its year is no year the text tells of
MEETING_YEAR_RE = re.compile(r"20\d{2}年度?[^。，,；\n]{0,16}?(?:会议|推进会|座谈会|部署会|动员会)")


def _states_year(text: str, dated: date) -> bool:
    """Whether the text states ``dated``'s year as its own: the anniversary it marks when it
    names no year (``新中国成立70周年`` alone states 2019), or, dated from April on, the one year
    it names (its dates, a signature's or the page's, and a meeting's name aside). In the first
    quarter a last year's report names the year it plans for (2024年，我们将…, signed 2024-01)."""
    if _anniversary_year(text) == dated.year:
        return True
    if dated.month < YEAR_TO_DATE_MONTH:
        return False
    text = DATE_RE.sub("", MEETING_YEAR_RE.sub("", arabic_dates(text)))
    return _only_year_stated(text) == dated.year


# An anniversary the text marks, by the year it counts from: 新中国成立70周年 is 2019,
# 建党100周年 2021, 改革开放40周年 2018
ANNIVERSARY_RE = re.compile(
    r"(?:(?P<prc>新中国|中华人民共和国)成立|(?P<cpc>中国共产党|建党)(?:成立)?|(?P<reform>改革开放))"
    r"(?P<years>\d{2,3}|[二三四五六七八九]?十[一二三四五六七八九]?)周年"
)
ANNIVERSARY_FROM = {"prc": 1949, "cpc": 1921, "reform": 1978}


def _anniversary_year(text: str) -> int | None:
    """The year of the anniversaries a text that names no year at all marks (``全力服务新中国
    成立70周年庆祝活动``), when they agree: the only witness of its year."""
    if not _names_no_year(text) or "周年" not in text:
        return None
    years: set[int] = set()
    for match in ANNIVERSARY_RE.finditer(text):
        event = next(name for name in ANNIVERSARY_FROM if match.group(name))
        count = match.group("years")
        years.add(
            ANNIVERSARY_FROM[event] + (int(count) if count.isdigit() else _small_numeral(count))
        )
    return years.pop() if len(years) == 1 else None


# A page's date day first, dotted, on a line of its own (a mirror's chrome: "19.12.2017  20:36")
DAY_FIRST_DATE_LINE_RE = re.compile(
    r"^\s*(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>20\d{2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)


# A date alone in brackets on its own line, under the title or the body's name ("某省某厅",
# then "(2024年1月31日)"): the report's own date, as a signature's date line is (a bracket
# holding more than the date, "(某年某月某日县政府常务会议通过)", is not read)
BRACKETED_DATE_LINE_RE = re.compile(r"^\s*[(（]\s*" + DATE_RE.pattern + r"\s*[)）]\s*$")


# A news page's byline, then its date: "来源:某日报 作者:某某 编辑:某某 2018-07-28 09:19:02"
# (the paper, the writer and the editor named before the page's date and time)
BYLINE_DATE_LINE_RE = re.compile(
    r"^\s*(?:[来來]源\s*[:：]\s*[\u4e00-\u9fa5]{2,20}\s+)?"
    r"(?:(?:作者|[编編][辑輯]|责任[编編][辑輯]|[记記]者|通[讯訊]员)\s*[:：]\s*[\u4e00-\u9fa5]{2,10}\s+){1,3}"
    + DATE_RE.pattern
    + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)


# "稿件来源:2021年4月25日某某网": a news item's footer line, its source the date, then the outlet
# that printed it (a line of its own; the outlet's name ends it)
SOURCE_DATE_LINE_RE = re.compile(
    r"^\s*(?:稿件|信息|文章|新闻)?来源\s*[:：]\s*"
    + DATE_RE.pattern
    + r"\s*(?:[\u4e00-\u9fa5]{0,20}?(?:网|网站|客户端|日报|晚报|报|电视台|电台|台))?\s*$"
)


def find_published_on(text: str) -> date | None:
    """A publication date: labelled (发布日期：… before 成文日期：…) near the top, or on a
    line of its own near the top or in the signature."""
    for match in _published_candidates(text):
        if match:
            named = match.groupdict()
            year, month, day = (
                (int(named["year"]), int(named["month"]), int(named["day"]))
                if named
                else (int(g) for g in match.groups())
            )
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def _published_candidates(text: str) -> Iterator[re.Match[str] | None]:
    """Where a publication date may stand, best first; each place is read only when the ones
    before it gave no date. The page's date and time labels open with look-behinds, so their
    search tries every position of the head: it runs only on a head that holds their label."""
    head = arabic_dates(text[:HEAD_CHARS])
    yield PUBLISHED_LABEL_RE.search(head)
    yield ISSUED_LABEL_RE.search(head)
    yield PAGE_DATE_LABEL_RE.search(head) if "日期" in head else None
    yield PAGE_TIME_LABEL_RE.search(head) if "时间" in head else None
    yield TITLE_DATE_RE.search(head)
    yield WRITTEN_LABEL_RE.search(head)
    tail = arabic_dates(text[-TAIL_CHARS:])
    for line in head.splitlines()[:12] + tail.splitlines()[-6:]:
        yield (
            DATE_LINE_RE.match(line)
            or DAY_FIRST_DATE_LINE_RE.match(line)
            or BYLINE_DATE_LINE_RE.match(line)
            or BRACKETED_DATE_LINE_RE.match(line)
        )
    # a news item's footer (the head's last line may be cut inside such a date)
    for line in tail.splitlines()[-6:]:
        yield SOURCE_DATE_LINE_RE.match(line)


def classify_doc_type(head: str) -> str:
    """``annual_report``, ``work_summary`` or ``other`` from the title and opening lines.

    A 法治政府建设 report is annual whatever it calls itself (年度报告, 情况报告, 工作总结);
    a body's other 工作总结, or its year told without a title, is a work summary; reports
    of other kinds (政府信息公开年度报告, statistics, notices) are ``other``.
    """
    opening = head[:300]
    lines = _lines(opening)
    # a news item's bare source line above its dated lead ("来源:某市法院", then "12月13日,…举行")
    # is the page's chrome, not its first line
    first = lines[1] if len(lines) > 1 and SOURCE_LINE_RE.fullmatch(lines[0]) else None
    if OTHER_KIND_RE.search(opening[:120]) or (
        lines and (NEWS_TITLE_RE.match(lines[0]) or RELEASE_TITLE_RE.match(lines[0]))
    ):
        return "other"
    if _told_by_informant(lines):
        return "work_summary"
    if lines and (
        NEWS_DATELINE_RE.match(lines[0])
        or NEWS_MARK_RECENT_RE.match(lines[0])
        or (first is not None and NEWS_DATELINE_RE.match(first))
    ):
        return "other"
    if yearbook_volume(opening) is not None:
        return "other"  # a yearbook's entry (2022卷 / 【某项工作】 …), whatever it quotes
    if any(
        OTHER_TITLE_RE.match(line) and not REPORT_TITLE_WORDS_RE.search(line) for line in lines[:2]
    ):
        return "other"
    if SUMMARY_KIND_RE.search(opening[:200]) or any(
        PART_YEAR_OPENING_RE.match(line) for line in lines[:3]
    ):
        return "work_summary"
    if any(
        BODY_YEAR_REPORT_RE.match(line)
        or (FIELD_YEAR_REPORT_RE.match(line) and not LAW_WORK_RE.search(line))
        for line in lines[:3]
    ):
        return "work_summary"
    plan = SUMMARY_WITH_PLAN_RE.search(opening[:120])
    if plan and "法治政府建设" not in opening[: plan.start()]:
        return "work_summary"
    if LAW_REPORT_WORDS_RE.search(opening):
        return "annual_report"
    if "工作总结" in opening:
        return "work_summary"
    if any(
        "法治政府建设" in words and REPORT_INTRO_RE.search(words)
        for words in (opening, _opening_paragraph(head))
    ):
        return "annual_report"
    if DOC_KEYWORDS_RE.search(opening) and "报告" in opening:
        return "annual_report"
    if any(ANNUAL_STRUCTURE_RE.search(line) for line in _heading_lines(head)):
        return "annual_report"
    # no title: the first section counting one kind of case (一、行政复议应诉案件基本情况)
    # makes a report on that topic, whoever tells the year
    topic = CASE_TOPIC_HEADING_RE.search(head)
    if _place_tells_its_law_year(head):
        return "other" if topic else "annual_report"
    if _bureau_tells_its_year(lines):
        return "other" if topic else "work_summary"
    if _law_headings_open(_lines(head)):
        return "annual_report"
    return "other"


HEADING_LINE_MAX_CHARS = 50


def _told_by_informant(lines: list[str]) -> bool:
    """A news item whose lead names the body the reporter learnt the year's figures from
    (``12月31日，记者从某市司法局获悉，…``, ``新华社某地1月25日电 记者从某省司法厅获悉，…``): that
    body's year told through a paper, a work summary in every set's labels (seven of seven
    development items; round 29), also under a dateline, unless the lead tells of a release
    (``…获悉，某单位发布2023年度…白皮书``: news of the publication)."""
    return _informed_by(lines) is not None and not any(
        RELEASED_YEAR_RE.search(line) for line in lines[:OPENING_LINES]
    )


def _opening_paragraph(head: str) -> str:
    """The first line of the head that is a sentence, not a title: an untitled report's
    preamble, which may run past the first 300 characters before it says 现将…报告如下."""
    return next((line for line in _lines(head) if len(line) >= OPENING_SENTENCE_CHARS), "")


def _heading_lines(head: str) -> list[str]:
    """Lines that are titles or headings, not sentences: short, no full stop inside (the
    words of the report's structure count there, not in a sentence that mentions them)."""
    return [
        line
        for line in _lines(head)
        if len(line) <= HEADING_LINE_MAX_CHARS and "。" not in line.rstrip("。")
    ]


# A heading that opens a page cut above it: 一、…, （一）…
TOP_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
LAW_HEADING_WORDS_RE = re.compile(r"法治政府|法治建设|依法行政")


def _law_headings_open(lines: list[str]) -> bool:
    """A page whose title was cut, whose first headings (right at the top or after an
    opening paragraph) name the building of the rule of law (一、工作开展情况 / （一）…扛牢
    法治建设政治责任; 一、…法治政府建设推进机制): the 法治政府建设 report, as a bureau's
    summary opens on its own work."""
    headings = [line for line in lines[:4] if TOP_HEADING_RE.match(line)]
    return any(LAW_HEADING_WORDS_RE.search(line.split("。")[0]) for line in headings[:2])


# the mark or words a byline opens with (□ 某局, 文/某局)
BYLINE_LEAD_RE = re.compile(r"^\s*(?:[□■◆◇●○★☆▲△]|文\s*[/／|｜])?\s*")


def _is_byline(line: str) -> bool:
    """A line that is only a body's name, after a byline's mark: the author, not a topic."""
    name = BYLINE_LEAD_RE.sub("", line, count=1).rstrip()
    return bool(name) and _org_at_start(name) == name


# The first section of a report on one kind of case: 一、行政复议应诉案件基本情况
CASE_TOPIC_HEADING_RE = re.compile(r"^一、[^。\n]{0,14}案件(?:的)?(?:基本)?(?:办理)?情况", re.M)


OPENING_SENTENCE_CHARS = 20
GOVERNMENT_BODY_RE = re.compile(r"(?:人民政府|政府|办事处|行政公署)$")
LAW_WORK_RE = re.compile(r"法治政府|法治建设|依法行政|依法治[省市区县旗]")


# "2023年，全省法治政府建设工作坚持…": the place's building of the rule of law as a whole opens
# the sentence, the place by its level alone
WHOLE_PLACE_LAW_RE = re.compile(r"全[省市区县旗州盟](?:法治政府建设|法治建设|依法行政)")
# "□ 本报记者 某某", "本报通讯员 某某": a paper's reporter signing the item
REPORTER_BYLINE_RE = re.compile(
    r"^\s*[□■◆◇●○★☆▲△]?\s*(?:本报|本台|本网|本刊)?(?:特约)?(?:记者|通讯员)[^。，,；;]{0,30}$"
)


def _place_tells_its_law_year(head: str) -> bool:
    """An untitled opening in which the place itself tells its year of building the rule of
    law (``今年以来，某区深化法治建设…``, ``2023年，全省法治政府建设工作坚持…``): the place's
    法治政府建设 report, as a bureau telling its year is the bureau's summary. Below a
    reporter's byline it is a paper's item about the place, not its report."""
    lines = _lines(head)
    index = next((i for i, line in enumerate(lines) if len(line) >= OPENING_SENTENCE_CHARS), None)
    if index is None or any(REPORTER_BYLINE_RE.match(line) for line in lines[:index]):
        return False
    first = lines[index]
    subject = opening_subject(head)
    if subject is None:
        lead = SUBJECT_LEAD_RE.match(first)
        return WHOLE_PLACE_LAW_RE.match(first, lead.end() if lead else 0) is not None
    if subject[0] == "body" and not GOVERNMENT_BODY_RE.search(subject[1]):
        return False  # a bureau telling its year tells its own work
    return LAW_WORK_RE.search(first.split("。")[0]) is not None


def _bureau_tells_its_year(lines: list[str]) -> bool:
    """An untitled opening in which a justice bureau tells its year (``2024年，某司法局…``,
    ``2017年是…年，我局…``), in the first line or after a news lead sentence (``近日，…``)
    and the section heading below it (``担责于身，我们不辱使命``); a province's 司法厅 only in
    the first line. A short heading opening the page (``司法工作``) is a yearbook's entry,
    another kind."""
    for index, line in enumerate(lines[:3]):
        # the superiors of a "在…指导下" clause (上级司法行政部门) are not the speaker
        told = LEADERSHIP_RE.sub("", line)
        if BUREAU_YEAR_OPENING_RE.match(told) or (
            index == 0 and DEPARTMENT_YEAR_OPENING_RE.match(told)
        ):
            return True
        if len(line) < OPENING_SENTENCE_CHARS and index == 0:
            if _is_byline(line):
                continue  # "□ 某市司法局": the body's byline above its text in a paper
            return False  # a topic heading opening the page: a yearbook's entry
    return False
