"""Whether a name names a site: a place, not only words for a kind of facility ("非法码头"),
a post, the city's sewers or a zone's generic words; and the count that makes a set."""

from __future__ import annotations

import re

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract.vocabulary import (
    ENDING_RE,
    ENDINGS,
    GENERIC_NAMES,
    GENERIC_WORDS,
    LAST_ENDING,
    ORG_TAIL,
)
from gis.model import Kind

NAME_CHAR = re.compile(r"[\u4e00-\u9fff\d“”□·（）\-—]")
_AREA_KINDS = {Kind.FUNCTIONAL_ZONE, Kind.LOCALITY, Kind.INDUSTRIAL_AREA}
COUNT = re.compile(
    r"(?:\d+|[一二三四五六七八九十两百千]+|多|若干|几|数十|数)(?:个|处|座|条|家|艘|块|宗)"
    r"|[两二三四五六七八九十]大(?=[\u4e00-\u9fff])|(?<=江)[两三四五六]江(?=核心区$)"
)


_LEADING_DISTRICT = re.compile(
    "^(?:武汉市|武汉)?(?:" + "|".join(sorted(DISTRICT_NAMES_EN, key=len, reverse=True)) + ")"
)
# A name opened by the province, the city or a county ("大竹县饮用水水源地",
# "武汉农村简易垃圾填埋场") is a site only if more than generic words follow that place; with
# only an ending after it ("武汉染料厂", "武汉江滩") the place is the name.
_LEADING_PLACE = re.compile(
    r"^(?:湖北省|湖北)?(?:武汉市|武汉|[\u4e00-\u9fff]{2}(?:县|市(?![政场民区容级域内外中])))"
)
_ZONE_WORDS = re.compile("饮用水源|饮用水|水源保护区|水源地|保护区")
# "市政主管网", "一段530米管网", "湖北省管网": the city's (a province's) sewers or a length of
# them, not the network of a named place ("东湖南路管网", "盘龙城区域污水管网")
_CITY_NETWORK = re.compile(
    r"市政|\d|[一二三四五六七八九十两]+(?:段|轮|条|米|公里)|[省市县](?:管网|管道)$"
)
# One-character endings a site may be named after: "落步咀污水处理厂" is a plant named after
# its place, "武汉铝厂地块" the parcel of a works.
_PLACE_SUFFIXES = {"咀", "湾", "厂"}


def is_site_name(name: str) -> bool:
    core = name.strip("□（）").replace("“", "").replace("”", "")
    core = _LEADING_DISTRICT.sub("", core)
    placed = _LEADING_PLACE.sub("", core)
    if placed != core and (placed.endswith(("保护区", "水源地")) or _without_ending(placed)):
        core = placed
    if len(core) < 2 or not re.search(r"[\u4e00-\u9fff]", core) or core in GENERIC_NAMES:
        return False
    if ORG_TAIL.search(core) or (core.endswith(("管网", "管道")) and _CITY_NETWORK.search(core)):
        return False
    bare = _without_ending(core)
    zone = core.endswith(("保护区", "水源地"))
    if zone:  # "水源地一级保护区": a zone's name made of zone words names no zone
        bare = _ZONE_WORDS.sub("", bare)
    inner_endings = [] if zone else list(ENDING_RE.finditer(bare))[-3:]
    for inner in inner_endings:  # the last facility named inside the name
        rest = bare[inner.end() :]
        area = ENDINGS[inner.group()] in _AREA_KINDS and inner.group() not in _PLACE_SUFFIXES
        if (rest or area) and not GENERIC_WORDS.sub("", rest):
            return False  # "两江核心区港口码头": a kind of facility inside a named zone
    return bool(GENERIC_WORDS.sub("", bare).strip("（）“”-—·0123456789"))


def _without_ending(name: str) -> str:
    match = LAST_ENDING.search(name)
    return name[: match.start()] if match else name
