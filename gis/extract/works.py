"""Works named in a notice: "黄家湖沿线截污工程", a works named by its road, its village or its
phase, and a counted list of works ("A、B、C3个分部工程"). A works on a water with no more
than an activity in its name is the water's; on a parcel, the parcel's."""

from __future__ import annotations

import re

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract.site_names import COUNT, NAME_CHAR, is_site_name
from gis.extract.spans import Span
from gis.extract.vocabulary import ENDINGS, LAST_ENDING, LAST_ENDING_INSIDE, after_stops
from gis.extract.waters import count_of, jiang_spans, water_names_in
from gis.model import Kind


def parenthesis_after(text: str, end: int) -> int:
    """ "汤山渠（经开段）": a section written after the name belongs to it."""
    if text[end : end + 1] == "（":
        close = text.find("）", end, end + 8)
        if close > 0 and text[end + 1 : close].endswith(("段", "片", "区域", "水域", "期")):
            return close + 1
    return end


_PROJECT = re.compile(r"(?:工程|项目)(?![部组办师队款])")
# "二郎庙二期工程": a works named by its place and phase, with no ending to tell its kind.
_PHASED = re.compile(
    r"(?![该此这本其])(?:(?!项目|工程)[\u4e00-\u9fff]){2,8}?[一二三四五六七八九]期"
)


# "某某路污水管线改造工程", "某大道（甲路—乙路）…工程", "某路某湖综合整治项目": works named by
# the road they lie along (a common noun "道路", "公路" names none)
_ROAD = re.compile(
    r"(?!道路|公路|铁路|马路|线路|水路|思路|沿路)[\u4e00-\u9fff]{2,6}?(?:路|大道|大街)"
    r"(?:（[^）]{1,16}）)?(?=[\u4e00-\u9fff])"
)
_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,4}村$")  # "光荣村项目": works named by its village
_QUOTED = re.compile(r"“([\u4e00-\u9fff]{2,8})”$")
_WATERY = re.compile("[湖河江港渠]")  # "“六湖连通”工程", not a slogan ("“排毒”工程")


def project_spans(text: str) -> list[Span]:
    """ "黄家湖沿线截污工程", "汤仁海湖水环境综合治理工程（一期）": works named after the place they
    are at; a name with no place inside ("截污工程", "六大工程") is none."""
    spans = []
    for match in _PROJECT.finditer(text):
        start = _project_edge(text, match.start())
        end = parenthesis_after(text, match.end())
        bare = text[start : match.start()]
        inner = list(LAST_ENDING_INSIDE.finditer(bare))
        water = next((w for w in water_names_in(bare)), None) or next(
            (s.name for s in jiang_spans(bare)), None
        )  # "清江干流重点河段防洪和生态建设工程": a river the lexicon does not hold
        phased = _PHASED.fullmatch(bare) or _VILLAGE.search(bare)
        quoted = _QUOTED.search(bare)
        if quoted and not inner and water is None and _WATERY.search(quoted.group(1)):
            spans.append(
                Span(start + quoted.start(), end, text[start + quoted.start() : end], Kind.LOCALITY)
            )
            continue  # "武昌此次“六湖连通”工程": the works' name is in quotation marks
        road = _ROAD.match(bare)
        if not inner and water is None and not phased and not road:
            continue
        if inner and _ACTIVITY.fullmatch(bare[inner[-1].end() :]):
            continue  # "原江城电镀厂地块修复工程": the works of a site, the site is the parcel
        if (water and bare.endswith("等")) or (
            water and not road and _ACTIVITY.fullmatch(bare.split(water, 1)[1])
        ):
            continue  # "金鞭港整治工程", "…等工程": the water body is the site (not at a road)
        if COUNT.search(bare) or not is_site_name(bare):
            continue
        kind = ENDINGS[inner[-1].group()] if inner else Kind.RIVER_LAKE if water else Kind.LOCALITY
        spans.append(Span(start, end, text[start:end], kind))
    return spans


_PROJECT_STOPS = re.compile(
    r"推进|推动|促进|落实|实施了|实施|开展了|开展|启动|加快|督促|听取了|听取|检查了|视察了|汇报|"
    r"完成|建成|开工|了解|了|的|对|在|将|把|为|是|由|虽|但|及时|全面|积极|深入|进一步|、|"
    r"包括|涉及|聚焦于|目前|按照|根据|依据|" + "|".join(DISTRICT_NAMES_EN)
)
_ACTIVITY = re.compile(
    r"(?:水环境|水生态|生态|综合|应急|污染|土壤|黑臭水体|环境)*"
    r"(?:修复|整治|治理|改造|建设|提标|扩建|新建|截污|清淤|提升|升级|新（扩）建|试点|示范|疏通|疏浚|清理|维护|养护|加固|等)*"
)


# "A、B、C3个分部工程通过验收": a list whose count is its number of items names each works,
# whatever its words (a works' name holds verbs: "岸坡整治", "清淤清障")
_COUNTED_WORKS = re.compile(
    r"等?(?P<n>\d+|[两二三四五六七八九十]+)(?:个|项|处)(?:分部|单位|子项|单项)?(?:工程|项目)"
)
_WORKS_CHAR = re.compile(r"[\u4e00-\u9fff（）\d—·]")


def counted_works(text: str) -> list[Span]:
    """Each item of a list as long as its count: walked back from the count over its
    separators (bounded: at most 12 items of 24 characters), never matched by repetition."""
    spans: list[Span] = []
    if "工程" not in text and "项目" not in text:
        return spans
    for tail in _COUNTED_WORKS.finditer(text):
        count = count_of(tail.group("n"))
        if count is None or not 2 <= count <= 12:
            continue
        items: list[tuple[int, int]] = []
        end = tail.start()
        while len(items) <= count:
            start = end
            while start > 0 and end - start < 24 and _WORKS_CHAR.match(text[start - 1]):
                start -= 1
            if end - start < 2:
                break
            items.insert(0, (start, end))
            if text[start - 1 : start] != "、":
                break
            end = start - 1
        if len(items) != count or text[items[0][0] - 1 : items[0][0]] == "、":
            continue
        items[0] = (after_stops(_PROJECT_STOPS, text, *items[0]), items[0][1])
        for start, end in items:
            item, own = text[start:end], LAST_ENDING.search(text, start, end)
            if end - start >= 2 and is_site_name(item):
                kind = ENDINGS[own.group()] if own else Kind.LOCALITY
                spans.append(Span(start, end, item, kind))
    return spans


def _project_edge(text: str, end: int) -> int:
    """A works' name holds verbs of its own (截污, 整治): only outer verbs end it on the left."""
    start = end
    while start > 0 and end - start < 28 and NAME_CHAR.match(text[start - 1]):
        start -= 1
    return after_stops(_PROJECT_STOPS, text, start, end)
