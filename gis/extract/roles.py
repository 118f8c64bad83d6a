"""What the words around a name say it is not: a post or an office ("东湖高新区党工委书记",
"葛店开发区河湖办"), a speaker's unit, or a works of the past ("…武汉香料厂…合并而成",
"…冶炼厂和…公司旧址")."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"[，。；：、（）]")
# A name followed by these is an organisation's or a person's post, or a speaker: not a site.
_POST = ("党工委", "党委", "管委会", "工委", "委员会", "书记", "区长", "主任", "常委", "负责人",
         "工作人员", "相关负责人", "介绍", "表示", "有关负责人", "河湖办", "河湖长办", "河长办",
         "水务科", "办事处", "河湖长制", "厂长")  # fmt: skip
_HISTORY = re.compile(
    r"曾(?=[是为经在有实参])|原属|原为|原是|前身|合并而成|聚集地|历史上|始建于|旧址"
)


def is_post(text: str, end: int) -> bool:
    """ "东湖高新区党工委书记", "开发区余姓负责人介绍": the name is a post or a speaker's unit."""
    window = text[end : end + 6]
    cut = _PUNCT.search(window)
    window = window[: cut.start()] if cut else window
    return bool(window) and any(word in window for word in _POST)


def in_history(text: str, start: int, end: int) -> bool:
    """A works named in a sentence about the past ("曾是…企业聚集地", "由…合并而成")."""
    opened = max(text.rfind(c, 0, start) for c in "。；") + 1
    closes = [i for i in (text.find(c, end) for c in "。；") if i >= 0]
    return _HISTORY.search(text, opened, min(closes, default=len(text))) is not None
