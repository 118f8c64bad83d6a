"""Which district a notice states for a site: 位于/地处 X区, X区境内, a name written after its
district ("江夏区金鞭港"), X区政府/X区委/X区水务局 acting in the sentence, a visit "赴江夏", and for
the whole document its title, its publisher or a leader's line. Only what the text says;
a district read off a located point is the pipeline's, marked as derived."""

from __future__ import annotations

import re
from bisect import bisect_left

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract.spans import Span
from gis.model import Kind

DISTRICTS = tuple(sorted(DISTRICT_NAMES_EN, key=len, reverse=True))
SHORT = {name[:-1]: name for name in DISTRICTS}
_FULL = "|".join(DISTRICTS)
_SHORT = "|".join(sorted(SHORT, key=len, reverse=True))
# What a visitor does on arriving: "到江夏督促指导", "前往新洲调研" (not "到江汉路").
_ON_SITE = "督|调研|检查|视察|察看|查看|暗访|走访|实地|现场|指导|考察|开展|宣讲"
_LOCATED = re.compile(
    rf"(?:位于|地处|坐落于|坐落在|地址[：为]?)(?:湖北省)?(?:武汉市)?(?P<d>{_FULL})"
)
_WITHIN = re.compile(rf"(?P<d>{_FULL})(?:境内|辖区内|辖区)")
# "蔡甸区、经开区要…", "深入经开区、蔡甸区暗访…": a zone or town listed beside the one district
_BESIDE = rf"(?:(?!{_FULL})[\u4e00-\u9fff]){{2,8}}?"
_ACTING = re.compile(
    rf"(?P<d>{_FULL})(?:、{_BESIDE}(?:区|镇|街))?(?:委|人民政府|政府|水务和湖泊局|水务局|生态环境局|生态环境部门|环保局|城管|"
    r"河湖长|河长|湖长|住建局|建设局|自然资源|街道办事处|指挥部|组织|区长|副区长|分局|"
    r"(?:需|要|将|已|虽|正|先后|开始|对|开展|完成|实施|启动|投入|累计|全面|积极|着力|持续|加快|推进|计划))"
)
# "黄陂区57.5公里，涉及长湖、西塞湖…；东湖新技术开发区…", "如江岸区…；江汉区…": a part that
# opens with a district
_OPENS = re.compile(rf"(?:^|[；：。])\s*(?:其中，?|如|例如|比如)?(?P<d>{_FULL})")
_VISIT = re.compile(
    rf"赴(?P<d>{_FULL}|{_SHORT})(?![\u4e00-\u9fff]{{0,1}}(?:水厂|污水|开发区))"
    rf"|(?:到|前往|来到|深入)(?:{_BESIDE}、)?(?:(?P<full>{_FULL})|(?P<short>{_SHORT}))"
    rf"(?=[，、。]|{_ON_SITE})"
)
# "黄陂区连通后湖的…": a district opening a modifier of the names after 的 (not "江夏区境外的…")
_OF = re.compile(rf"(?P<d>{_FULL})(?P<m>[^，。；：、\d区]{{0,10}}?)的(?!区)")
_OUTSIDE = re.compile("外|邻|界|周边|附近|以及|和|与")
_DISTRICT = re.compile(_FULL)
_WATERS = re.compile(rf"(?P<d>{_SHORT})水域")
_PUBLISHER = re.compile(rf"(?:来源|发布机构|发布单位|发布者)[：:]\s*(?:武汉市)?(?P<d>{_FULL})")
_LOCATION_WORDS = ("位于", "地处", "坐落于", "坐落在", "地址")


def _full(name: str) -> str:
    return name if name in DISTRICT_NAMES_EN else SHORT[name]


def _visited(match: re.Match[str]) -> str:
    return _full(match.group("d") or match.group("full") or match.group("short"))


def document_district(views: list[str]) -> str | None:
    """The district a notice as a whole belongs to, when its head says so unambiguously."""
    if not views:
        return None
    found: set[str] = set()
    title = views[0]
    if len(title) <= 60 and "。" not in title:
        found |= {d for d in DISTRICTS if d in title}
    for view in views[:8]:
        found |= {m.group("d") for m in _PUBLISHER.finditer(view)}
        found |= {m.group("d") for m in _ACTING.finditer(view)}
        found |= {_visited(m) for m in _VISIT.finditer(view)}
    return next(iter(found)) if len(found) == 1 else None


def stated_in(text: str, sentence_start: int, spans: list[Span]) -> dict[int, str]:
    """District stated in the sentence for each name span (by its start)."""
    end = sentence_end(text, sentence_start)
    sentence = text[sentence_start:end]
    sites = [s for s in spans if not s.group and s.name not in DISTRICT_NAMES_EN]
    starts = sorted(s.start for s in sites)
    out: dict[int, str] = {}
    for match in _LOCATED.finditer(sentence):
        at = sentence_start + match.start()
        before = [s for s in sites if s.end <= at]
        after = [s for s in sites if s.start >= at + len(match.group())]
        target = before[-1] if before else (after[0] if after else None)
        if target is not None:
            out.setdefault(target.start, match.group("d"))
    for match in _OPENS.finditer(sentence):
        part_start = sentence_start + match.start("d")
        stops = [i for i in (sentence.find(c, match.end()) for c in "；：") if i >= 0]
        part_end = sentence_start + (min(stops) if stops else len(sentence))
        for span in sites:
            if part_start <= span.start < part_end:
                out.setdefault(span.start, match.group("d"))
    for pattern in (_WITHIN, _ACTING):
        for match in pattern.finditer(sentence):
            for span in sites:
                out.setdefault(span.start, _full(match.group("d")))
    for match in _VISIT.finditer(sentence):
        for span in sites:
            out.setdefault(span.start, _visited(match))
    for match in _OF.finditer(sentence):  # "黄陂区连通后湖的老泵站河、钓场渠道": its waters
        if _OUTSIDE.search(match.group("m")):
            continue
        opened = sentence_start + match.end()
        reach = min(len(sentence), match.end() + 60)  # the names the modifier is for
        other = _DISTRICT.search(sentence, match.end(), reach)
        stops = [i for i in (sentence.find(c, match.end(), reach) for c in "，；：") if i >= 0]
        closes = sentence_start + min(stops + ([other.start()] if other else []) + [reach])
        for at in starts[bisect_left(starts, opened) : bisect_left(starts, closes)]:
            out.setdefault(at, match.group("d"))
    for match in _WATERS.finditer(sentence):  # "占汤逊湖70%的江夏水域": the lake's part
        at = sentence_start + match.start()
        lakes = [s for s in sites if s.end <= at and at - s.end <= 12 and s.kind is Kind.RIVER_LAKE]
        if lakes:
            out.setdefault(lakes[-1].start, _full(match.group("d")))
    return out


def sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(c, start) for c in "。！？；") if i >= 0]
    return min(ends) + 1 if ends else len(text)


def split_prefix(name: str) -> tuple[str, str | None]:
    """ "江夏区庙山民营工业园" -> ("庙山民营工业园", "江夏区"): the district before a name."""
    bare = name[3:] if name.startswith("武汉市") else name[2:] if name.startswith("武汉") else name
    for district in DISTRICTS:
        if bare.startswith(district) and len(bare) - len(district) >= 2:
            return bare[len(district) :], district
    return name, None


# Short names that also name other things (江汉路, 青山绿水, 江岸边, 武昌地区, 洪山广场)
# say no district
_SAFE_SHORT = tuple(s for s in SHORT if s not in ("江汉", "青山", "江岸", "武昌", "洪山"))
_STRETCH = re.compile(rf"(?<=[河江港渠])({_SHORT})段$")
_FACILITIES = {
    Kind.CONTAMINATED_PARCEL,
    Kind.SEWAGE_PLANT,
    Kind.WATER_PLANT,
    Kind.DOCK,
    Kind.OUTFALL,
}


def short_prefix(name: str, kind: Kind) -> str | None:
    """ "汉阳赫山地块", "江夏污水处理厂": a facility written after its district's short name
    lies in it, as does a river's stretch named by one. Lakes and rivers as a whole cross
    districts, and a company is named, not placed, by it."""
    stretch = _STRETCH.search(name) if name.endswith("段") else None
    if stretch:  # "巡司河武昌段": the river's stretch in 武昌区
        return SHORT[stretch.group(1)]
    if kind not in _FACILITIES or "公司" in name or "集团" in name:
        return None
    bare = name[2:] if name.startswith("武汉") else name
    short = next((s for s in _SAFE_SHORT if bare.startswith(s)), None)
    if short is None or bare.startswith(SHORT[short]) or len(bare) - len(short) < 2:
        return None
    return SHORT[short]


def is_location_phrase(text: str, start: int, end: int | None = None) -> bool:
    """Whether the name at `start` follows 位于/地处, or ends a stretch ("北起武泰闸，南至
    青菱河"), or names the system a water belongs to ("属于汤逊湖水系"): it says where a site
    is, it is not one."""
    if _AFTER_LOCATION.search(text, max(0, start - 16), start) is not None:
        return True
    if (
        end is not None
        and text.startswith("的", end)
        and _BOUND_FROM.search(text, max(0, start - 6), start)
    ):
        return True  # "张之洞路至解放闸的…碧道": the sluice ends the stretch
    if end is not None and _SYSTEM.match(text, end):
        return _BELONGS.search(text, max(0, start - 3), start) is not None
    return False


_AFTER_LOCATION = re.compile(
    rf"(?:位于|地处|坐落于|坐落在|地址)(?:湖北省)?(?:武汉市)?(?:{_FULL})?$"
    r"|(?:东起|南起|西起|北起|东至|南至|西至|北至|上起|下至|起于|止于|起自)$"
)
# a stretch from a road, bridge or sluice to the name: "…路至", "…桥到"
_BOUND_FROM = re.compile(r"[\u4e00-\u9fff]{2}(?:路|桥|街|巷|闸|闸口|站)(?:至|到)$")
_SYSTEM = re.compile("水系|流域")
_BELONGS = re.compile("属于?$|隶属$")


def only_says_where(text: str, district: Span, site_starts: set[int]) -> bool:
    """A district written right before a site's name, or in 位于/地处, or as X区境内 names no
    actor: it locates the site."""
    follows = district.end in site_starts
    where = text[max(0, district.start - 5) : district.start].endswith(_LOCATION_WORDS)
    inside = text.startswith(("境内", "辖区", "水域"), district.end)
    return follows or where or inside
