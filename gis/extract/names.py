"""Where a notice names a place: facility endings, works, lists that share one ending and
counted groups, with lakes and rivers from gis.extract.waters, found in one left-to-right pass
over the rule view of a block. The words the rules use live in gis.extract.vocabulary.

Every scan is linear: endings are found with one alternation, a name's left edge is walked
back a bounded number of characters, and lists are split on their separators rather than
matched with nested repetition (which backtracked quadratically on long "甲、乙、丙…" runs).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract.roles import in_history, is_post
from gis.extract.site_names import COUNT, NAME_CHAR, is_site_name
from gis.extract.spans import Span
from gis.extract.stretches import stretch_spans
from gis.extract.vocabulary import (
    ENDING_RE,
    ENDINGS,
    GENERIC_NAMES,
    LAST_ENDING,
    LEFT_STOPS,
    NOT_AN_END,
    after_stops,
)
from gis.extract.waters import (
    counted_water_spans,
    section_spans,
    water_spans,
)
from gis.extract.works import counted_works, parenthesis_after, project_spans
from gis.model import Kind

_NEAR = ("附近", "旁边")
_MAX_NAME = 20  # characters a name's left edge may be walked back
_COUNT_BEFORE = re.compile(
    r"[这该此上述]?(?:(?:\d+|[一二三四五六七八九十两百千]+|多|若干|几|数十|数)(?:个|处|座|条|家|艘|块|宗)"
    r"|[两二三四五六七八九十]大)$"
)


def find_names(text: str) -> list[Span]:
    """Every name in the rule view of a block, the longest where two overlap."""
    text = _masked(text)
    spans = _district_spans(text) + _ending_spans(text) + water_spans(text)
    spans += project_spans(text) + counted_water_spans(text) + section_spans(text)
    spans += counted_works(text)
    spans += stretch_spans(text, spans)
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
    return _only_where(text, sorted(kept, key=lambda s: s.start))


# "干管横穿A片区、B片区和C片区", "线路途经A湖": the places a works runs through say where it
# runs; "东临A开发区", "与A开发区相连": a boundary. Neither is a site of its own.
_ROUTE = re.compile(r"横穿|穿越|途经|途径|横跨|跨越|穿过")
_ROUTE_JOINS = {"", "、", "和", "及", "与", "以及"}
_BORDER = re.compile(r"与|同|和")
_SUBUNIT = re.compile(r"[\u4e00-\u9fff]{1,3}(?:街道|街|镇|乡)(?![\u4e00-\u9fff])")
_BORDERS = ("相连", "相邻", "接壤", "毗邻", "交界", "相接", "为邻")


def _only_where(text: str, spans: list[Span]) -> list[Span]:
    if not spans:
        return spans
    where: set[int] = set()
    starts = [s.start for s in spans]
    for route in _ROUTE.finditer(text):
        cursor = route.end()
        for index in range(bisect_left(starts, cursor), len(spans)):
            span = spans[index]
            if text[cursor : span.start] not in _ROUTE_JOINS or span.kind is Kind.DISTRICT:
                break
            where.add(index)
            cursor = span.end
    bordered = any(word in text for word in _BORDERS)
    for index, span in enumerate(spans):
        if span.kind is Kind.DISTRICT or (not bordered and span.kind is not Kind.FUNCTIONAL_ZONE):
            continue
        after = spans[index + 1] if index + 1 < len(spans) else None
        if (
            bordered
            and span.start
            and text.startswith(_BORDERS, span.end)
            and _BORDER.match(text, span.start - 1)
        ):
            where.add(index)  # "东南面与某开发区相连"
        elif span.kind is Kind.FUNCTIONAL_ZONE and (
            (after is not None and after.start == span.end) or _SUBUNIT.match(text, span.end)
        ):
            where.add(index)  # "清理某开发区某湖的淤泥", "某开发区某街": the zone says where
    if not where:
        return spans
    return [replace(s, generic=True) if i in where else s for i, s in enumerate(spans)]


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
    for match in ENDING_RE.finditer(text):
        ending, end = match.group(), match.end()
        follower = text[end : end + 1]
        if follower and follower in NOT_AN_END.get(ending, ""):
            continue
        end = parenthesis_after(text, end)
        start = left_edge(text, match.start())
        if ENDINGS[ending] is Kind.OUTFALL and text.endswith(_NEAR, 0, start):
            near = left_edge(text, start - 2, reach=8)  # "奥特莱斯附近排口": by its landmark
            start = near if start - 2 - near >= 2 else start
        counted = _COUNT_BEFORE.search(text, max(0, start - 8), start)
        if counted:  # "这19个水源保护区": a counted set
            start = counted.start()
        name = text[start:end]
        if ending == "厂" and in_history(text, start, end):
            spans.append(Span(start, end, name, ENDINGS[ending], generic=True))
            continue  # "…武汉香料厂…合并而成": a former works, no site now
        if is_post(text, end):  # the region is taken, so no lake is read inside it
            spans.append(Span(start, end, name, ENDINGS[ending], generic=True))
            continue
        span = _span(start, end, name, ENDINGS[ending])
        if span is not None:
            spans.append(span)
    return spans


def left_edge(text: str, end: int, reach: int = _MAX_NAME) -> int:
    """Where a name ending at `end` begins: after punctuation or the last verb/preposition."""
    start = end
    while start > 0 and end - start < reach and NAME_CHAR.match(text[start - 1]):
        if text[start - 1] == "）":
            opening = text.rfind("（", max(0, start - 14), start - 1)
            if opening < 0:
                break
            start = opening
            continue
        if text[start - 1] in "（—" and (
            text[start - 1] == "（" or text[start - 2 : start - 1] == "—"
        ):
            break  # "…工程——汉阳赫山地块": a dash sets the name apart
        start -= 1
    start = after_stops(LEFT_STOPS, text, start, end)
    while start < end and text[start] in "）-—·":
        start += 1
    if text[start : start + 1] == "“" and "”" not in text[start:end]:
        start += 1  # "“汤逊湖湖边塘水域…被侵占”": the quotation opens before the name
    return start


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
    "污水泵站": ("污水泵站", Kind.OUTFALL),
    "雨水泵站": ("雨水泵站", Kind.OUTFALL),
    "泵站": ("泵站", Kind.OUTFALL),
    "污水处理站": ("污水处理站", Kind.SEWAGE_PLANT),
    "净水厂": ("净水厂", Kind.SEWAGE_PLANT),
    "水库": ("水库", Kind.RIVER_LAKE),
    "示范区": ("示范区", Kind.FUNCTIONAL_ZONE),
    "核心区": ("核心区", Kind.FUNCTIONAL_ZONE),
    "汇水区": ("汇水区", Kind.LOCALITY),
    "垃圾填埋场": ("垃圾填埋场", Kind.INDUSTRIAL_AREA),
    "填埋场": ("填埋场", Kind.INDUSTRIAL_AREA),
    "湖泊": ("", Kind.RIVER_LAKE),
    "河流": ("", Kind.RIVER_LAKE),
    "港渠": ("", Kind.RIVER_LAKE),
    "水体": ("", Kind.RIVER_LAKE),
    "街道": ("街道", Kind.LOCALITY),
    "重点地区": ("", Kind.LOCALITY),
    "地区": ("", Kind.LOCALITY),
}
# "长江、汉江两江核心区": the rivers counted before the noun they share; "甲、乙、丙三大填埋场"
_LIST_TAIL = re.compile(
    r"(等)?(?:(?:\d+|[一二三四五六七八九十两]+)[个座条处家块]|(?P<rivers>[两三四五六]江)|[两三四五六七八九十]大)?(?P<noun>"
    + "|".join(sorted(map(re.escape, _SHARED), key=len, reverse=True))
    + ")"
)
_ITEM = re.compile(r"[\u4e00-\u9fff（）\d·“”□]{1,12}")
_COUNTERS = "个座条处家块"


def _list_spans(text: str) -> list[Span]:
    spans = []
    floor = 0  # an item belongs to the first list after it: walks back never pass a tail
    for tail in _LIST_TAIL.finditer(text):
        if tail.group("noun") == "核心区" and tail.group("rivers") is None:
            continue  # only "长江、汉江两江核心区" shares its 核心区 among the rivers listed
        counted = (
            tail.group(1) is not None
            or text[tail.start("noun") - 1 : tail.start("noun")] in _COUNTERS
        )
        spans += _elided_lists(text, tail, floor)
        items = _items_before(text, tail.start(), floor)
        if tail.group("noun") in _PAIRED_ONLY and not counted and not _pair(text, items):
            continue  # "A、B泵站" may list A beside B's station; "A及B泵站" shares it
        floor = tail.end()
        if is_post(text, tail.end()):
            continue  # "左岭街道河湖长办": an office, not a list of places
        if len(items) < 2 and not (items and counted):
            continue
        if not counted and len(items) < 2:
            continue
        suffix, kind = _SHARED[tail.group("noun")]
        last = text[items[-1][0] : items[-1][1]] + suffix
        if (suffix and not is_site_name(last)) or (not suffix and tail.group(1) is None):
            continue
        for start, end in items:
            item = text[start:end]
            own = LAST_ENDING.search(item)
            item_kind = ENDINGS[own.group()] if own else kind
            if item.endswith((tail.group("noun"), suffix)) or _has_own_ending(item):
                name = item
            else:
                name, item_kind = item + suffix, kind
            span_end = tail.end() if (start, end) == items[-1] and not counted else end
            span = _span(start, span_end, name, item_kind)
            if span is not None and not span.group and not span.generic:
                spans.append(span)
    return spans


# Endings shared only by a pair joined with 和/及/与 or by a counted list
_PAIRED_ONLY = {"污水泵站", "雨水泵站", "泵站", "污水处理站", "净水厂", "水库"}


def _pair(text: str, items: list[tuple[int, int]]) -> bool:
    return len(items) == 2 and text[items[0][1] : items[1][0]] in {"和", "及", "与", "以及"}


_ELIDED = re.compile(r"等(?:\d+|[一二三四五六七八九十两]+)[个座条处家块](?=[，。；）]|$)")


def _elided_lists(text: str, tail: re.Match[str], floor: int) -> list[Span]:
    """ "蔡甸…和宗关等7个，长江有…等10个水厂水源地": a count with its noun left out takes the
    noun of the next list in the same sentence."""
    spans: list[Span] = []
    window = max(floor, tail.start() - 200)
    sentence_start = max(window - 1, *(text.rfind(c, window, tail.start()) for c in "。；")) + 1
    for elided in _ELIDED.finditer(text, sentence_start, tail.start()):
        suffix, kind = _SHARED[tail.group("noun")]
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
    ending = LAST_ENDING.search(name)
    if ending:
        return ENDINGS[ending.group()]
    return Kind.RIVER_LAKE if name.endswith(("河", "湖")) else None
