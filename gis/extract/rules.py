"""The wording rules of Wuhan rectification texts: status words, name endings, dates.

Status is never stronger than the text: a unit of text takes the weakest status any of its
status words gives (a pledge beside a completion stays a pledge), and "虽…但…" turns a
completion into work still in progress.
"""

from __future__ import annotations

import re
from datetime import date

from gis.model import Category, Kind, Status

_PLANNED = ("下一步", "将", "要", "确保", "力争", "争取", "计划", "拟", "着力")
_ENUMERATORS = ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是")
_IN_PROGRESS = (
    "正在稳步推进", "正在", "积极推进", "推进", "推动", "督促", "扎实开展", "开展", "启动",
    "实施", "狠抓", "进行修改完善", "进行检查", "进行", "先后编制", "编制", "定期通报",
    "建立完善", "着手", "加快", "组织对",
)  # fmt: skip
_COMPLETED = (
    "已建成投运", "已全部接入", "已完成", "已经", "已", "完成了", "实施了", "建立了", "成立了",
    "开展了", "修订并发布", "修订印发了", "印发了", "发布了", "交办了", "召开了", "召开",
    "建成", "投运", "制定", "制订", "成立", "做到", "清理", "建立",
)  # fmt: skip
_CLOSED = ("已销号", "已经销号", "完成销号", "予以销号")
_NOT_A_PLEDGE = re.compile(r"(?<=[重需主必纲摘])要|要(?=[求点素害闻务件])|(?<=[行动作年划规])计划")
_BA_CONSTRUCTION = re.compile(r"将[^，。；]{1,30}?(?:作为|纳入|细分为|列入|分解为|变为|打造成)")

_MARKERS = sorted(
    [(w, Status.CLOSED_OUT) for w in _CLOSED]
    + [(w, Status.COMPLETED) for w in _COMPLETED]
    + [(w, Status.IN_PROGRESS) for w in _IN_PROGRESS]
    + [(w, Status.PLANNED) for w in _PLANNED],
    key=lambda pair: -len(pair[0]),
)
_MARKER_RE = re.compile("|".join(re.escape(w) for w, _ in _MARKERS))
_STATUS_OF = dict(_MARKERS)
ENUMERATOR_RE = re.compile("|".join(_ENUMERATORS))
_CONCESSION = re.compile(r"虽(?:然)?[^。；]*?但")


def status_of(text: str, pledge: bool) -> tuple[Status, slice] | None:
    """The weakest status the words of `text` give, and where those words stand in `text`
    (so the caller can quote them as written); None if it has no status word.

    In a pledge section (a leader's statement) enumerated items are pledges."""
    found: list[tuple[Status, slice]] = []
    ba_spans = [m.span() for m in _BA_CONSTRUCTION.finditer(text)]
    nouns = {m.start() for m in _NOT_A_PLEDGE.finditer(text)}
    for match in _MARKER_RE.finditer(text):
        word = match.group()
        if word == "将" and any(start == match.start() for start, _ in ba_spans):
            continue  # "将X作为Y": a construction, not a future
        if match.start() in nouns:
            continue  # "要求", "重要", "行动计划": nouns, not pledges
        found.append((_STATUS_OF[word], slice(match.start(), match.end())))
    if pledge:
        enumerator = ENUMERATOR_RE.match(text)
        if enumerator:
            found.append((Status.PLANNED, slice(enumerator.start(), enumerator.end())))
    if not found:
        return None
    concession = _CONCESSION.search(text)
    if concession:  # "虽已完成…但…": done, yet not working: still in progress
        whole = slice(concession.start(), concession.end())
        found = [
            (Status.IN_PROGRESS, whole) if s.rank > Status.IN_PROGRESS.rank else (s, w)
            for s, w in found
        ]
    return min(found, key=lambda pair: pair[0].rank)


# Name endings, longest first, with the kind they make.
KIND_ENDINGS: tuple[tuple[str, Kind], ...] = (
    ("污水处理厂", Kind.SEWAGE_PLANT),
    ("水源保护区", Kind.PROTECTION_ZONE),
    ("一级保护区", Kind.PROTECTION_ZONE),
    ("二级保护区", Kind.PROTECTION_ZONE),
    ("新技术开发区", Kind.FUNCTIONAL_ZONE),
    ("经济技术开发区", Kind.FUNCTIONAL_ZONE),
    ("开发区", Kind.FUNCTIONAL_ZONE),
    ("风景区", Kind.FUNCTIONAL_ZONE),
    ("化工区", Kind.FUNCTIONAL_ZONE),
    ("高新区", Kind.FUNCTIONAL_ZONE),
    ("生态新城", Kind.INDUSTRIAL_AREA),
    ("工业园", Kind.INDUSTRIAL_AREA),
    ("救助基地", Kind.DOCK),
    ("码头", Kind.DOCK),
    ("排污口", Kind.OUTFALL),
    ("排口", Kind.OUTFALL),
    ("化工厂", Kind.CONTAMINATED_PARCEL),
    ("化工场", Kind.CONTAMINATED_PARCEL),
    ("染料厂", Kind.CONTAMINATED_PARCEL),
    ("水厂", Kind.WATER_PLANT),
    ("地块", Kind.CONTAMINATED_PARCEL),
)
LIST_NOUNS: dict[str, Kind] = {
    "地块": Kind.CONTAMINATED_PARCEL,
    "重点地区": Kind.LOCALITY,
    "地区": Kind.LOCALITY,
    "街道": Kind.LOCALITY,
    "湖泊": Kind.RIVER_LAKE,
    "河流": Kind.RIVER_LAKE,
}
# Words that end a name on its left: verbs, prepositions, conjunctions, quantifiers.
LEFT_STOPS = re.compile(
    r"推动|推进|促进|落实|实施了|实施|开展|启动|督促|加快|全面|完成|建设|整治|打造|把|对|将|在|和|与|及|"
    r"、|内|的|各|等|从|向|为|是|了|及时|进一步|积极|深入|重点|所有|全市|全区|我区|以|由|使"
)
GENERIC_NAMES = {
    "反冲洗废水排口", "废水排口", "污水排口", "排口", "排污口", "入河排污口", "雨水排口",
    "街乡污水处理厂", "污水处理厂", "水厂", "码头", "河湖", "江河", "沿湖", "入河", "入江",
    "清水入江", "湖", "河", "污染地块", "重点污染地块", "地块",
}  # fmt: skip


def ending_kind(name: str) -> Kind | None:
    for ending, kind in KIND_ENDINGS:
        if name.endswith(ending):
            return kind
    return None


GENERIC_PREFIXES = (
    "各",
    "相关",
    "湖泊",
    "河流",
    "入河",
    "污水",
    "雨水",
    "废水",
    "街乡",
    "地块",
    "土壤",
)
# Characters a lake's or river's own name does not hold here: verbs, numbers, other waters.
NOT_IN_LAKE_NAMES = set("河湖江沿入还退步实行立强化进座是的和与及在对好“”□0123456789一二三四五")


def kind_of(name: str) -> Kind | None:
    if name.endswith(("河", "湖")) and ending_kind(name) is None:
        return Kind.RIVER_LAKE
    return ending_kind(name)


_CATEGORY_WORDS = (
    (Category.SOIL, ("土壤", "地块", "修复")),
    (Category.AIR, ("大气", "空气", "蓝天", "扬尘", "尾气", "喷涂", "颗粒物", "干洗")),
    (Category.WATER, ("水", "河", "湖", "排口", "污水", "管网", "雨污")),
    (Category.ENFORCEMENT, ("执法", "问责", "追责", "督察", "查处", "审批", "排查")),
)


def category_of(text: str) -> Category:
    for category, words in _CATEGORY_WORDS:
        if any(w in text for w in words):
            return category
    return Category.GOVERNANCE


_YEAR = re.compile(r"(20\d\d)年(?:(\d{1,2})月(?:底|份)?)?(?:前|底前|内|全面完成|完成|建成)")
_RELATIVE = {"今年": 0, "本年": 0, "年内": 0, "年底前": 0, "去年": -1, "明年": 1}
_RELATIVE_RE = re.compile(
    r"(今年|本年|年内|年底前|去年|明年)(?:[^，。；]{0,6}?)(?:底前|前|内|完成|建成)?"
)


def target_date(text: str, document_date: date | None) -> str | None:
    """A due date the text gives: "2017", "2017-06"; relative years need the document's date."""
    match = _YEAR.search(text)
    if match:
        year, month = match.group(1), match.group(2)
        return f"{year}-{int(month):02d}" if month else year
    relative = _RELATIVE_RE.search(text)
    if relative and document_date and any(w in text for w in ("完成", "建成", "到位", "达标")):
        return str(document_date.year + _RELATIVE[relative.group(1)])
    return None
