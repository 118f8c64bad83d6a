"""Lakes and rivers in a block's rule view: names from the lexicon of Wuhan's waters, else a
guarded rule for others; monitoring sections listed after 断面; counted sets of lakes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gis.extract.lexicon import WATER_NAMES
from gis.extract.spans import Span
from gis.extract.vocabulary import GENERIC_WORDS, LEFT_STOPS, after_stops
from gis.model import Kind

# A lake or river: 湖 or 河 not followed by what makes it a common noun (湖泊, 河道, 湖长…).
# 湖北 is the province ("湖北危险废物…", "湖北日报"), unless a bank or side of a lake follows.
# "渔洋河流域" is the basin of a river, "河流" the common noun; "漳河新区" is a district.
# A lake's or river's name before 路/街/大道 names a road ("碧湖路"), not the water.
_WATER_END = re.compile(
    r"湖(?![泊库长网面底路街]|北(?![岸侧部端])|新区|大道)|河(?![道岸长网湖路街]|流(?!域)|新区|大道)|海(?=湖)"
)
# Rivers named …江 outside the lexicon ("清江"): only where the text shows it is a river, its
# basin or main stream, or a list joining it to another water ("清江和渔洋河流域").
_JIANG = re.compile(r"江(?=流域|干流|[和、与及][\u4e00-\u9fff]{1,3}[河湖])")
# 江 ends many words that are no river ("沿江", "入江", "两江", "临江") and provinces ("浙江")
_NOT_BEFORE_JIANG = set(
    "长汉临大跨渡过望浙珠黑松锦乌沿入出两一二三四五六七八九十百千万全各个条座内外上下中的"
    "和与及在对到从向把将被已于等江河湖是有为了"
)
# "三道河", "七里河": a numeral is part of a river's name before 道/里/岔
_NUMBERED = re.compile(r"[一二三四五六七八九十][道里岔叉]$")
_NOT_IN_WATER_NAME = set(
    "河湖江沿入还退步实行立强化进座是的和与及在对好“”□0123456789围填占但后年个全各周边其该"
    "此这到赴从向把将被已于等内外旁中上下有无减少清理治理一二三四五六七八九十百两数几多千万环积淤给死涉巡区"
)


_COUNTED_WATER = re.compile(
    r"(?:\d+|[一二三四五六七八九十两百千]+)(?:个|条|座|处)(?:重点|中心城区|主要)?(?:湖泊|湖|河流|河道|港渠|黑臭水体)"
)


# "国控断面通顺河黄陵大桥、金水河金水闸，省控断面…": monitoring sections are named after
# the river and a bridge, sluice or spot; a list after 断面 is one name per item.
_SECTION_LIST = re.compile(
    r"断面(?:[（(][^）)]{0,6}[）)])?[：:]?"
    r"(?P<items>[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,10})*)(?=等|[，。；）]|$)"
)


def section_spans(text: str) -> list[Span]:
    spans = []
    for match in _SECTION_LIST.finditer(text):
        at = match.start("items")
        for item in match.group("items").split("、"):
            if _WATER_END.search(item) and not GENERIC_WORDS.fullmatch(item):
                spans.append(Span(at, at + len(item), item, Kind.RIVER_LAKE))
            at += len(item) + 1
    return spans


def counted_water_spans(text: str) -> list[Span]:
    """ "29个湖泊", "8个重点湖泊": a counted set of lakes or rivers, never one of them."""
    return [
        Span(m.start(), m.end(), m.group(), Kind.RIVER_LAKE, group=True)
        for m in _COUNTED_WATER.finditer(text)
    ]


def water_spans(text: str) -> list[Span]:
    """Lakes and rivers: a known name from the lexicon, else one to three name characters."""
    spans = jiang_spans(text)
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
        start = _name_start(text, end - 1)
        if start < end - 1:
            start = min(after_stops(LEFT_STOPS, text, start, end - 1), end - 1)
        if text[end : end + 1] == "、" or "、" in text[max(0, end - 6) : end - 1]:
            start = min(start, listed_start(text, end - 1))
        proper = text[start : end - 1]
        if GENERIC_WORDS.fullmatch(proper):
            continue  # "人工河", "小河": a kind of water, not one
        if end - 1 - start >= 2 or (end - 1 - start == 1 and _single_ok(text, start)):
            spans.append(Span(start, end, text[start:end], Kind.RIVER_LAKE))
    return spans


def _name_start(text: str, end: int) -> int:
    """Where the one to three name characters before 湖/河 at `end` begin; "清江河" and "三道河"
    keep the 江 or the numeral that ends other names."""
    if text[end - 1 : end] == "江" and _proper_before_jiang(text, end - 1):
        return end - 2  # "清江河": the river 清江's name, then 河
    start = end
    while start > 0 and end - start < 3:
        char = text[start - 1]
        if not "\u4e00" <= char <= "\u9fff":
            break
        numbered = start == end - 1 and _NUMBERED.search(text, 0, start + 1)
        if char in _NOT_IN_WATER_NAME and not numbered and not _inner_side(text, start, end):
            break
        start -= 1
    return start


# "杨下河", "李上湖": 上/下 inside a name, after a character that may begin one
_SIDE_OPENERS = set("杨李张王刘陈黄赵周吴徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁")


def _inner_side(text: str, start: int, end: int) -> bool:
    """上 or 下 right before 湖/河, itself after a surname-like first character at a name's
    start ("四、杨下河"): part of the name, not "以下" or "地下"."""
    if start != end or start < 2 or text[start - 1] not in "上下":
        return False
    prior = text[start - 3] if start >= 3 else "，"
    opens = not "\u4e00" <= prior <= "\u9fff" or prior in "、和及与"
    return text[start - 2] in _SIDE_OPENERS and opens


def _proper_before_jiang(text: str, at: int) -> bool:
    before = text[at - 1 : at]
    return bool(before) and "\u4e00" <= before <= "\u9fff" and before not in _NOT_BEFORE_JIANG


def jiang_spans(text: str) -> list[Span]:
    """ "清江和渔洋河流域": a river named …江 that the lexicon does not hold."""
    spans = []
    for match in _JIANG.finditer(text):
        end = match.end()
        if text[end - 2 : end] in WATER_NAMES or not _proper_before_jiang(text, end - 1):
            continue  # 长江 and 汉江 are known, and no site by themselves
        start = end - 1
        while start > 0 and end - 1 - start < 2 and _proper_before_jiang(text, start):
            start -= 1
        start = min(
            after_stops(LEFT_STOPS, text, start, end - 1), end - 1, listed_start(text, end - 1)
        )
        proper = text[start : end - 1]
        if proper and not GENERIC_WORDS.fullmatch(proper):
            spans.append(Span(start, end, text[start:end], Kind.RIVER_LAKE))
    return spans


_LIST_NEIGHBOUR_AFTER = re.compile(r"、[\u4e00-\u9fff]{1,5}?[河湖江港溪渠]")
_WATER_WORDS = set("河湖江港溪渠")


def listed_start(text: str, at: int) -> int:
    """ "开展甘棠溪、三湘江、环城河等…", "跃进河、光明河…": in a list of waters the separators bound
    each item, so a character that ends a name elsewhere (三, 环, 进) is the item's own. The
    start of the item whose water word (湖, 河, 江) is at `at`, or `at` when it is not one."""
    start = at
    while start > 0 and at - start < 4 and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    if at - start < 2 or (start > 0 and text[start - 1] not in "、，,：；。（"):
        return at
    if any(char in "湖河江" for char in text[start:at]):
        return at  # "湖湖湖、": no name
    in_list = _LIST_NEIGHBOUR_AFTER.match(text, at + 1) or (
        text[start - 1 : start] == "、" and text[start - 2 : start - 1] in _WATER_WORDS
    )
    stops = [m for m in LEFT_STOPS.finditer(text, start, at) if m.end() <= at]
    if not in_list or any(len(m.group()) > 1 or m.start() > start for m in stops):
        return at  # a one-character stop opening the item ("向阳河") is the item's own
    return at if GENERIC_WORDS.fullmatch(text[start:at]) else start


def _single_ok(text: str, start: int) -> bool:
    """ "东湖", "南湖", "沙湖": a one-character name stands only where a name may begin (after
    a list's separator or a preposition: "对引河进行全面清淤")."""
    return (
        start == 0
        or not "\u4e00" <= text[start - 1] <= "\u9fff"
        or text[start - 1] in "、和及与在对向从把至"
    )


def water_names_in(text: str) -> Iterator[str]:
    """Known lake and river names inside a text (short texts: a project's name)."""
    for size in range(min(8, len(text)), 1, -1):
        for at in range(len(text) - size + 1):
            if text[at : at + size] in WATER_NAMES:
                yield text[at : at + size]


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
