"""Where a notice names a place: facility endings, lakes and rivers, lists that share one
ending, and counted groups, found in one left-to-right pass over the rule view of a block.

Every scan is linear: endings are found with one alternation, a name's left edge is walked
back a bounded number of characters, and lists are split on their separators rather than
matched with nested repetition (which backtracked quadratically on long "甲、乙、丙…" runs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract.lexicon import WATER_NAMES
from gis.model import Kind

# Facility endings, each with the kind it makes; the alternation tries the longest first.
ENDINGS: dict[str, Kind] = {
    "污水处理厂": Kind.SEWAGE_PLANT,
    "净水厂": Kind.SEWAGE_PLANT,
    "水质净化厂": Kind.SEWAGE_PLANT,
    "水源保护区": Kind.PROTECTION_ZONE,
    "一级保护区": Kind.PROTECTION_ZONE,
    "二级保护区": Kind.PROTECTION_ZONE,
    "水源地": Kind.PROTECTION_ZONE,
    "新技术开发区": Kind.FUNCTIONAL_ZONE,
    "经济技术开发区": Kind.FUNCTIONAL_ZONE,
    "经济开发区": Kind.FUNCTIONAL_ZONE,
    "开发区": Kind.FUNCTIONAL_ZONE,
    "风景区": Kind.FUNCTIONAL_ZONE,
    "化工区": Kind.FUNCTIONAL_ZONE,
    "高新区": Kind.FUNCTIONAL_ZONE,
    "示范区": Kind.FUNCTIONAL_ZONE,
    "核心区": Kind.FUNCTIONAL_ZONE,
    "汇水区": Kind.LOCALITY,
    "片区": Kind.LOCALITY,
    "生态新城": Kind.INDUSTRIAL_AREA,
    "工业园区": Kind.INDUSTRIAL_AREA,
    "工业园": Kind.INDUSTRIAL_AREA,
    "产业园": Kind.INDUSTRIAL_AREA,
    "园区": Kind.INDUSTRIAL_AREA,
    "养殖场": Kind.INDUSTRIAL_AREA,
    "渔场": Kind.INDUSTRIAL_AREA,
    "养殖基地": Kind.INDUSTRIAL_AREA,
    "猪场": Kind.INDUSTRIAL_AREA,
    "小区": Kind.LOCALITY,
    "调蓄池": Kind.OUTFALL,
    "污水系统": Kind.SEWAGE_PLANT,
    "管网": Kind.OUTFALL,
    "救助基地": Kind.DOCK,
    "码头": Kind.DOCK,
    "泵船": Kind.DOCK,
    "趸船": Kind.DOCK,
    "港": Kind.RIVER_LAKE,
    "排污口": Kind.OUTFALL,
    "排水口": Kind.OUTFALL,
    "排口": Kind.OUTFALL,
    "泵站": Kind.OUTFALL,
    "闸": Kind.OUTFALL,
    "化工厂": Kind.CONTAMINATED_PARCEL,
    "化工场": Kind.CONTAMINATED_PARCEL,
    "染料厂": Kind.CONTAMINATED_PARCEL,
    "农药厂": Kind.CONTAMINATED_PARCEL,
    "地块": Kind.CONTAMINATED_PARCEL,
    "水厂": Kind.WATER_PLANT,
    "处理站": Kind.SEWAGE_PLANT,
    "公园": Kind.LOCALITY,
    "江滩": Kind.LOCALITY,
    "绿道": Kind.LOCALITY,
    "断面": Kind.RIVER_LAKE,
    "明渠": Kind.RIVER_LAKE,
    "渠": Kind.RIVER_LAKE,
    "水沟": Kind.RIVER_LAKE,
    "沟": Kind.RIVER_LAKE,
    "大塘": Kind.RIVER_LAKE,
    "堰塘": Kind.RIVER_LAKE,
    "塘": Kind.RIVER_LAKE,
    "堤": Kind.RIVER_LAKE,
    "咀": Kind.LOCALITY,
    "湾": Kind.LOCALITY,
}
_ENDING_RE = re.compile("|".join(sorted(map(re.escape, ENDINGS), key=len, reverse=True)))
# An ending these characters follow is part of a longer word, not a name's end.
_NOT_AN_END = {
    "港": "口区务湾城澳台航",
    "渠": "道",
    "沟": "通渠",
    "塘": "坝",
    "堤": "防岸坝还",
    "闸": "门口站",
    "湾": "区",
    "咀": "",
    "片区": "长",
}
_NEAR = ("附近", "旁边")
_MAX_NAME = 20  # characters a name's left edge may be walked back
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff\d“”□·（）\-—]")
# Words that end a name on its left: verbs, prepositions, conjunctions, quantifiers.
LEFT_STOPS = re.compile(
    r"推动|推进|促进|落实|实施了|实施|开展|启动|督促|加快|全面|完成|建成|建设|整治|治理|打造成|"
    r"打造|成为|清理|关于|加大|加强|强化|提升|改善|保护|恢复|号称|锁定|按照|翻|连通|抽排|"
    r"拆卸|毗邻|威胁|狠抓|整合|集并|影响|实现|停靠|优化调整|调整|动真格|下决心|众多|些|而|暨|"
    r"收集|激活|接纳|覆盖|服务|项目|清除|保障|仅剩|剩余|剩下|优化|修复|此次|本次|这次|消除|铲除|填占|侵占|占用|填埋|直排|偷排|排放|完善|只见|"
    r"聚焦于|聚焦|前往|来到|最|目前|当前|此前|之前|[东南西北]起|[东南西北]至|起于|止于|"
    r"表明|属于|属|认定|确定为|作为|评估|沿(?![岸线])|经(?![济开])|"
    r"视察了|视察|检查了|检查|调研|巡查|听取|位于|地处|坐落于|用于|关闭|进入|进行|经过|通过|"
    r"流向|流入|排入|汇入|注入|接入|并入|纳入|划入|连接|涉及|包括|其中|以及|覆盖|沿线|周边的|周边|附近|"
    r"原黑臭水体|黑臭水体|水体|问题|已经|已|被|将|把|对|在|和|与|及|、|内|的|各|等|从|向|为|是|了|"
    r"至|及时|进一步|积极|深入|重点|所有|全市|全区|我区|我市|本市|辖区|辖内|以|由|使|让|即|有(?!限)|了解|"
    r"拆除|取缔|搬迁|迁移|关停|新建|扩建|改造|提标|截污|清淤|堵住|堵上|封堵|中标|赴|到|去|"
    r"该|此|这|其|仅|仍|还|也|都|均|共|约|个|座|处|条|艘"
)
# Characters that begin no place name: a name found after them started earlier or not at all.
GENERIC_NAMES = {
    "反冲洗废水排口", "废水排口", "污水排口", "排口", "排污口", "入河排污口", "雨水排口",
    "街乡污水处理厂", "污水处理厂", "水厂", "码头", "河湖", "江河", "沿湖", "入河", "入江",
    "清水入江", "湖", "河", "污染地块", "重点污染地块", "地块", "自来水厂", "港", "渠",
    "沟渠", "水沟", "港渠", "堤", "闸", "泵站", "园区", "片区", "示范区", "开发区",
    "水源地", "保护区", "一级保护区", "二级保护区", "水源保护区", "断面", "湾", "塘",
    "坑塘", "大塘", "明渠", "核心区", "绿道", "汇水区", "工业园", "趸船", "泵船", "咀",
    "项目地块", "周边", "港口码头", "非法码头", "砂石码头", "污水处理厂排口",
}  # fmt: skip
# Words that describe a kind of facility rather than name one: a name made only of these
# ("非法码头", "造船码头", "仅保存码头") is not a site.
GENERIC_WORDS = re.compile(
    r"非法|违法|违规|砂石|造船|修船|港口|货运|客运|散货|渡口|临时|小型|简易|废弃|老旧|"
    r"一批|剩余|保留|保存|现有|仅|各类|各|所有|相关|沿江|沿湖|沿河|周边|城市|农村|市政|"
    r"集中式|饮用水|污水|雨水|废水|入河|入湖|入江|自来|重点|污染|新增|黑臭|原|该|此|其|"
    r"这|本|上述|以上|下游|上游|沿岸|岸边|周围|内部|两江|全市|全区|武汉市|湖泊|河流|河道|港渠|"
    r"村湾|村|水厂|沟渠|地面|路面|管道|管网|臭水|鱼|精养|环湖|土|唯一|人工|小|大小|"
    r"生产性|公务|旅游|景观|船厂|采砂|乱象|僵尸|黑|老|众多|省控|国控|市控|考核|城镇|进展|缓慢|"
    r"主要|[东南西北]{1,2}侧|附近|身边|码头|趸船|毒|化工|臭|大|死|"
    r"[一二三四五六七八九十\d]+次|[一二三四五六七八九十]+|市|区|湖|河|港|渠|沟|塘|"
    r"江|城区|中心城区|项目|工程|企业|工业|一级|二级|水源|水体|生活|生产|排污|排水"
)
_LAST_ENDING = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, ENDINGS), key=len, reverse=True)) + ")$"
)
_LAST_ENDING_INSIDE = re.compile(
    "|".join(sorted((e for e in ENDINGS if len(e) > 1), key=len, reverse=True))
)
_PUNCT = re.compile(r"[，。；：、（）]")
_AREA_KINDS = {Kind.FUNCTIONAL_ZONE, Kind.LOCALITY, Kind.INDUSTRIAL_AREA}
# A name followed by these is an organisation's or a person's post, or a speaker: not a site.
_POST = ("党工委", "党委", "管委会", "工委", "委员会", "书记", "区长", "主任", "常委", "负责人",
         "工作人员", "相关负责人", "介绍", "表示", "有关负责人")  # fmt: skip
_COUNT_BEFORE = re.compile(
    r"[这该此上述]?(?:(?:\d+|[一二三四五六七八九十两百千]+|多|若干|几|数十|数)(?:个|处|座|条|家|艘|块|宗)"
    r"|[两二三四五六七八九十]大)$"
)
COUNT = re.compile(
    r"(?:\d+|[一二三四五六七八九十两百千]+|多|若干|几|数十|数)(?:个|处|座|条|家|艘|块|宗)"
    r"|[两二三四五六七八九十]大(?=[\u4e00-\u9fff])"
)
ORG_TAIL = re.compile(r"(?:局|委|办|办公室|政府|公司|集团|中心|大队|支队|(?<![泵理])站|所|院|会)$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    name: str
    kind: Kind
    group: bool = False  # a counted, unnamed set ("6个非法码头"): never a named site
    generic: bool = False  # "排口", "反冲洗废水排口": a site only with the zone it lies in
    inferred: bool = False  # named from the text around it, not written out


def find_names(text: str) -> list[Span]:
    """Every name in the rule view of a block, the longest where two overlap."""
    text = _masked(text)
    spans = _district_spans(text) + _ending_spans(text) + _water_spans(text)
    spans += _project_spans(text) + _counted_water_spans(text) + _section_spans(text)
    listed = _list_spans(text)
    kept: list[Span] = []
    taken = bytearray(len(text) + 1)
    ranked = sorted(
        [(len(s.name), 1, s) for s in listed] + [(s.end - s.start, 0, s) for s in spans],
        key=lambda entry: (-entry[0], -entry[1], entry[2].start),
    )
    for _, _, span in ranked:
        if any(taken[span.start : span.end]):
            continue
        kept.append(span)
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    return sorted(kept, key=lambda s: s.start)


def _masked(text: str) -> str:
    """Titles of plans and regulations in 《》 name no place; 建成区 is a noun: blank them."""
    if "《" in text:
        text = _BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group()), text)
    return text.replace("建成区", "\u3000\u3000\u3000") if "建成区" in text else text


_BOOK_TITLE = re.compile(r"《[^》]{0,80}》")
_DISTRICT_RE = re.compile("|".join(sorted(DISTRICT_NAMES_EN, key=len, reverse=True)))


def _district_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(), Kind.DISTRICT) for m in _DISTRICT_RE.finditer(text)]


def _ending_spans(text: str) -> list[Span]:
    spans = []
    for match in _ENDING_RE.finditer(text):
        ending, end = match.group(), match.end()
        follower = text[end : end + 1]
        if follower and follower in _NOT_AN_END.get(ending, ""):
            continue
        end = _parenthesis_after(text, end)
        start = left_edge(text, match.start())
        if ENDINGS[ending] is Kind.OUTFALL and text.endswith(_NEAR, 0, start):
            near = left_edge(text, start - 2, reach=8)  # "奥特莱斯附近排口": by its landmark
            start = near if start - 2 - near >= 2 else start
        counted = _COUNT_BEFORE.search(text, max(0, start - 8), start)
        if counted:  # "这19个水源保护区": a counted set
            start = counted.start()
        name = text[start:end]
        if _is_post(text, end):  # the region is taken, so no lake is read inside it
            spans.append(Span(start, end, name, ENDINGS[ending], generic=True))
            continue
        span = _span(start, end, name, ENDINGS[ending])
        if span is not None:
            spans.append(span)
    return spans


def _parenthesis_after(text: str, end: int) -> int:
    """ "汤山渠（经开段）": a section written after the name belongs to it."""
    if text[end : end + 1] == "（":
        close = text.find("）", end, end + 8)
        if close > 0 and text[end + 1 : close].endswith(("段", "片", "区域", "水域", "期")):
            return close + 1
    return end


def _is_post(text: str, end: int) -> bool:
    """ "东湖高新区党工委书记", "开发区余姓负责人介绍": the name is a post or a speaker's unit."""
    window = text[end : end + 6]
    cut = _PUNCT.search(window)
    window = window[: cut.start()] if cut else window
    return bool(window) and any(word in window for word in _POST)


_PROJECT = re.compile(r"(?:工程|项目)(?![部组办师队款])")
# "二郎庙二期工程": a works named by its place and phase, with no ending to tell its kind.
_PHASED = re.compile(
    r"(?![该此这本其])(?:(?!项目|工程)[\u4e00-\u9fff]){2,8}?[一二三四五六七八九]期"
)


_QUOTED = re.compile(r"“([\u4e00-\u9fff]{2,8})”$")
_WATERY = re.compile("[湖河江港渠]")  # "“六湖连通”工程", not a slogan ("“排毒”工程")


def _project_spans(text: str) -> list[Span]:
    """ "黄家湖沿线截污工程", "汤仁海湖水环境综合治理工程（一期）": works named after the place they
    are at; a name with no place inside ("截污工程", "六大工程") is none."""
    spans = []
    for match in _PROJECT.finditer(text):
        start = _project_edge(text, match.start())
        end = _parenthesis_after(text, match.end())
        bare = text[start : match.start()]
        inner = list(_LAST_ENDING_INSIDE.finditer(bare))
        water = next((w for w in _water_names_in(bare)), None)
        phased = _PHASED.fullmatch(bare)
        quoted = _QUOTED.search(bare)
        if quoted and not inner and water is None and _WATERY.search(quoted.group(1)):
            spans.append(
                Span(start + quoted.start(), end, text[start + quoted.start() : end], Kind.LOCALITY)
            )
            continue  # "武昌此次“六湖连通”工程": the works' name is in quotation marks
        if not inner and water is None and not phased:
            continue
        if inner and _ACTIVITY.fullmatch(bare[inner[-1].end() :]):
            continue  # "原江城电镀厂地块修复工程": the works of a site, the site is the parcel
        if (water and bare.endswith("等")) or (
            water and _ACTIVITY.fullmatch(bare.split(water, 1)[1])
        ):
            continue  # "金鞭港整治工程", "…等工程": the water body is the site
        if COUNT.search(bare) or not is_site_name(bare):
            continue
        kind = ENDINGS[inner[-1].group()] if inner else Kind.RIVER_LAKE if water else Kind.LOCALITY
        spans.append(Span(start, end, text[start:end], kind))
    return spans


_PROJECT_STOPS = re.compile(
    r"推进|推动|促进|落实|实施了|实施|开展了|开展|启动|加快|督促|听取了|听取|检查了|视察了|汇报|"
    r"完成|建成|开工|了解|了|的|对|在|将|把|为|是|由|虽|但|及时|全面|积极|深入|进一步|、|"
    r"包括|涉及|聚焦于|目前|" + "|".join(DISTRICT_NAMES_EN)
)
_ACTIVITY = re.compile(
    r"(?:水环境|水生态|生态|综合|应急|污染|土壤|黑臭水体|环境)*"
    r"(?:修复|整治|治理|改造|建设|提标|扩建|新建|截污|清淤|提升|升级|新（扩）建|等)*"
)


def _project_edge(text: str, end: int) -> int:
    """A works' name holds verbs of its own (截污, 整治): only outer verbs end it on the left."""
    start = end
    while start > 0 and end - start < 28 and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    return after_stops(_PROJECT_STOPS, text, start, end)


def _water_names_in(text: str) -> Iterator[str]:
    """Known lake and river names inside a text (short texts: a project's name)."""
    for size in range(min(8, len(text)), 1, -1):
        for at in range(len(text) - size + 1):
            if text[at : at + size] in WATER_NAMES:
                yield text[at : at + size]


def left_edge(text: str, end: int, reach: int = _MAX_NAME) -> int:
    """Where a name ending at `end` begins: after punctuation or the last verb/preposition."""
    start = end
    while start > 0 and end - start < reach and _NAME_CHAR.match(text[start - 1]):
        if text[start - 1] == "）":
            opening = text.rfind("（", max(0, start - 14), start - 1)
            if opening < 0:
                break
            start = opening
            continue
        if text[start - 1] == "（" or text.startswith("——", start - 2):
            break  # "…工程——汉阳赫山地块": a dash sets the name apart
        start -= 1
    start = after_stops(LEFT_STOPS, text, start, end)
    while start < end and text[start] in "）-—·":
        start += 1
    if text[start : start + 1] == "“" and "”" not in text[start:end]:
        start += 1  # "“汤逊湖湖边塘水域…被侵占”": the quotation opens before the name
    return start


def after_stops(stops: re.Pattern[str], text: str, start: int, end: int) -> int:
    """The start moved past the last stop word in text[start:end], including one that the
    walk back cut in two ("完成郭郑湖" walked back to "成郭郑湖")."""
    last = start
    for match in stops.finditer(text, max(0, start - 4), end):
        if match.end() > start:
            last = match.end()
    return last


def _span(start: int, end: int, name: str, kind: Kind) -> Span | None:
    count = COUNT.search(name)
    if count:  # "今年武汉中心城区两大污水处理厂": the set starts at its count
        at = count.start() - (count.start() > 0 and name[count.start() - 1] in "这该此上述")
        return Span(start + at, end, name[at:], kind, group=True)
    if name in GENERIC_NAMES:
        return Span(start, end, name, kind, generic=True)
    if not is_site_name(name):
        return None
    return Span(start, end, name, kind)


_LEADING_DISTRICT = re.compile(
    "^(?:武汉市|武汉)?(?:" + "|".join(sorted(DISTRICT_NAMES_EN, key=len, reverse=True)) + ")"
)
_ZONE_WORDS = re.compile("水源保护区|水源地|保护区")
# "市政主管网", "一段530米管网", "第二轮市政排水管网": the city's sewers or a length of them,
# not the network of a named place ("东湖南路管网", "盘龙城区域污水管网")
_CITY_NETWORK = re.compile(r"市政|\d|[一二三四五六七八九十两]+(?:段|轮|条|米|公里)")
# One-character place-name endings: "落步咀污水处理厂" is a plant named after its place.
_PLACE_SUFFIXES = {"咀", "湾"}


def is_site_name(name: str) -> bool:
    core = name.strip("□（）").replace("“", "").replace("”", "")
    core = _LEADING_DISTRICT.sub("", core)
    if len(core) < 2 or not re.search(r"[\u4e00-\u9fff]", core) or core in GENERIC_NAMES:
        return False
    if ORG_TAIL.search(core) or (core.endswith("管网") and _CITY_NETWORK.search(core)):
        return False
    bare = _without_ending(core)
    zone = core.endswith(("保护区", "水源地"))
    if zone:  # "水源地一级保护区": a zone's name made of zone words names no zone
        bare = _ZONE_WORDS.sub("", bare)
    inner_endings = [] if zone else list(_ENDING_RE.finditer(bare))[-3:]
    for inner in inner_endings:  # the last facility named inside the name
        rest = bare[inner.end() :]
        area = ENDINGS[inner.group()] in _AREA_KINDS and inner.group() not in _PLACE_SUFFIXES
        if (rest or area) and not GENERIC_WORDS.sub("", rest):
            return False  # "两江核心区港口码头": a kind of facility inside a named zone
    return bool(GENERIC_WORDS.sub("", bare).strip("（）“”-—·0123456789"))


def _without_ending(name: str) -> str:
    match = _LAST_ENDING.search(name)
    return name[: match.start()] if match else name


# A lake or river: 湖 or 河 not followed by what makes it a common noun (湖泊, 河道, 湖长…).
_WATER_END = re.compile(r"湖(?![泊库长网面底])|河(?![流道岸长网湖])|海(?=湖)")
_NOT_IN_WATER_NAME = set(
    "河湖江沿入还退步实行立强化进座是的和与及在对好“”□0123456789围填占但后年个全各周边其该"
    "此这到赴从向把将被已于等内外旁中上下有无减少清理治理一二三四五六七八九十百两数几多千万环积淤给死"
)


_COUNTED_WATER = re.compile(
    r"(?:\d+|[一二三四五六七八九十两百千]+)(?:个|条|座|处)(?:重点|中心城区|主要)?(?:湖泊|湖|河流|河道|港渠)"
)


# "国控断面通顺河黄陵大桥、金水河金水闸，省控断面…": monitoring sections are named after
# the river and a bridge, sluice or spot; a list after 断面 is one name per item.
_SECTION_LIST = re.compile(
    r"断面(?:[（(][^）)]{0,6}[）)])?[：:]?"
    r"(?P<items>[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,10})*)(?=等|[，。；）]|$)"
)


def _section_spans(text: str) -> list[Span]:
    spans = []
    for match in _SECTION_LIST.finditer(text):
        at = match.start("items")
        for item in match.group("items").split("、"):
            if _WATER_END.search(item) and not GENERIC_WORDS.fullmatch(item):
                spans.append(Span(at, at + len(item), item, Kind.RIVER_LAKE))
            at += len(item) + 1
    return spans


def _counted_water_spans(text: str) -> list[Span]:
    """ "29个湖泊", "8个重点湖泊": a counted set of lakes or rivers, never one of them."""
    return [
        Span(m.start(), m.end(), m.group(), Kind.RIVER_LAKE, group=True)
        for m in _COUNTED_WATER.finditer(text)
    ]


def _water_spans(text: str) -> list[Span]:
    """Lakes and rivers: a known name from the lexicon, else one to three name characters."""
    spans = []
    for match in _WATER_END.finditer(text):
        end = match.end()
        if text[end - 1] == "海":
            continue
        known = next(
            (k for k in range(min(8, end), 1, -1) if text[end - k : end] in WATER_NAMES),
            None,
        )
        if known:
            spans.append(Span(end - known, end, text[end - known : end], Kind.RIVER_LAKE))
            continue
        if text[end : end + 1] == "段":
            continue  # "该河段" is a stretch; "黄孝河段" is its river, known to the lexicon
        start = end - 1
        while start > 0 and end - 1 - start < 3 and text[start - 1] not in _NOT_IN_WATER_NAME:
            if not "\u4e00" <= text[start - 1] <= "\u9fff":
                break
            start -= 1
        start = min(after_stops(LEFT_STOPS, text, start, end - 1), end - 1)
        proper = text[start : end - 1]
        if GENERIC_WORDS.fullmatch(proper):
            continue  # "人工河", "小河": a kind of water, not one
        if end - 1 - start >= 2 or (end - 1 - start == 1 and _single_ok(text, start)):
            spans.append(Span(start, end, text[start:end], Kind.RIVER_LAKE))
    return spans


def _single_ok(text: str, start: int) -> bool:
    """ "东湖", "南湖", "沙湖": a one-character name stands only where a name may begin."""
    return (
        start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in "、和及与"
    )


# Lists that share one ending: "蔡甸、琴断口…和宗关等7个水厂", "古田和赫山地块",
# "汤逊湖、江夏污水处理厂". Items are split on separators, never matched by repetition.
_SEPARATORS = re.compile(r"、|和|及|与|以及")
_SHARED = {
    "水厂水源地": ("水厂", Kind.WATER_PLANT),
    "水厂": ("水厂", Kind.WATER_PLANT),
    "水源地": ("水源地", Kind.PROTECTION_ZONE),
    "饮用水水源保护区": ("饮用水水源保护区", Kind.PROTECTION_ZONE),
    "饮用水源保护区": ("饮用水源保护区", Kind.PROTECTION_ZONE),
    "水源保护区": ("水源保护区", Kind.PROTECTION_ZONE),
    "污水处理厂": ("污水处理厂", Kind.SEWAGE_PLANT),
    "地块": ("地块", Kind.CONTAMINATED_PARCEL),
    "码头": ("码头", Kind.DOCK),
    "排污口": ("排污口", Kind.OUTFALL),
    "排口": ("排口", Kind.OUTFALL),
    "示范区": ("示范区", Kind.FUNCTIONAL_ZONE),
    "汇水区": ("汇水区", Kind.LOCALITY),
    "湖泊": ("", Kind.RIVER_LAKE),
    "河流": ("", Kind.RIVER_LAKE),
    "港渠": ("", Kind.RIVER_LAKE),
    "水体": ("", Kind.RIVER_LAKE),
    "街道": ("街道", Kind.LOCALITY),
    "重点地区": ("", Kind.LOCALITY),
    "地区": ("", Kind.LOCALITY),
}
_LIST_TAIL = re.compile(
    r"(等)?(?:(?:\d+|[一二三四五六七八九十两]+)[个座条处家块])?("
    + "|".join(sorted(map(re.escape, _SHARED), key=len, reverse=True))
    + ")"
)
_ITEM = re.compile(r"[\u4e00-\u9fff（）\d·“”□]{1,12}")
_COUNTERS = "个座条处家块"


def _list_spans(text: str) -> list[Span]:
    spans = []
    floor = 0  # an item belongs to the first list after it: walks back never pass a tail
    for tail in _LIST_TAIL.finditer(text):
        counted = tail.group(1) is not None or text[tail.start(2) - 1 : tail.start(2)] in _COUNTERS
        spans += _elided_lists(text, tail, floor)
        items = _items_before(text, tail.start(), floor)
        floor = tail.end()
        if len(items) < 2 and not (items and counted):
            continue
        if not counted and len(items) < 2:
            continue
        suffix, kind = _SHARED[tail.group(2)]
        last = text[items[-1][0] : items[-1][1]] + suffix
        if (suffix and not is_site_name(last)) or (not suffix and tail.group(1) is None):
            continue
        for start, end in items:
            item = text[start:end]
            own = _LAST_ENDING.search(item)
            item_kind = ENDINGS[own.group()] if own else kind
            if item.endswith((tail.group(2), suffix)) or _has_own_ending(item):
                name = item
            else:
                name, item_kind = item + suffix, kind
            span_end = tail.end() if (start, end) == items[-1] and not counted else end
            span = _span(start, span_end, name, item_kind)
            if span is not None and not span.group and not span.generic:
                spans.append(span)
    return spans


_ELIDED = re.compile(r"等(?:\d+|[一二三四五六七八九十两]+)[个座条处家块](?=[，。；）]|$)")


def _elided_lists(text: str, tail: re.Match[str], floor: int) -> list[Span]:
    """ "蔡甸…和宗关等7个，长江有…等10个水厂水源地": a count with its noun left out takes the
    noun of the next list in the same sentence."""
    spans: list[Span] = []
    window = max(floor, tail.start() - 200)
    sentence_start = max(window - 1, *(text.rfind(c, window, tail.start()) for c in "。；")) + 1
    for elided in _ELIDED.finditer(text, sentence_start, tail.start()):
        suffix, kind = _SHARED[tail.group(2)]
        for start, end in _items_before(text, elided.start(), floor):
            name = text[start:end]
            if not _has_own_ending(name):
                name += suffix
            span = _span(start, end, name, kind)
            if span is not None and not span.group and not span.generic:
                spans.append(span)
    return spans


def _items_before(text: str, end: int, floor: int = 0) -> list[tuple[int, int]]:
    """The items of a list ending at `end`, walking back over "A、B、C和D" (bounded, and
    never before `floor`)."""
    items: list[tuple[int, int]] = []
    cursor = end
    while len(items) < 40 and cursor > floor:
        start = max(floor, left_edge(text, cursor, reach=10))
        while start < cursor and _SEPARATORS.match(text, start):
            start += 1
        if start >= cursor or not _ITEM.fullmatch(text[start:cursor]):
            break
        items.insert(0, (start, cursor))
        separator = _separator_before(text, start)
        if separator == 0:
            break
        cursor = start - separator
    return items


def _separator_before(text: str, start: int) -> int:
    for word in ("以及", "、", "和", "及", "与"):
        if text[max(0, start - len(word)) : start] == word:
            return len(word)
    return 0


def _has_own_ending(item: str) -> bool:
    return item.endswith((*ENDINGS, "片", "厂"))


def kind_of(name: str) -> Kind | None:
    """The kind a heading's name makes: its facility ending, else a lake's or river's."""
    ending = _LAST_ENDING.search(name)
    if ending:
        return ENDINGS[ending.group()]
    return Kind.RIVER_LAKE if name.endswith(("河", "湖")) else None


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def count_of(group: str) -> int | None:
    """The number a counted set gives: "29个湖泊" 29, "二十九个湖泊" 29, "多个排口" None."""
    match = re.match(r"\D*?(\d+|[零一二三四五六七八九两十百千]+)", group)
    if match is None:
        return None
    written = match.group(1)
    if written.isdigit():
        return int(written)
    total, digit = 0, 0
    for char in written:
        if char in _UNITS:
            total += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            digit = _DIGITS[char]
    return total + digit
