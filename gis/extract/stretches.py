"""Stretches of a river or a bank described by their ends or their place: "清江河龙潭桥到腾龙洞段",
"武昌江滩余家头至二七长江大桥1.6公里临江段", "忠孝河东城段". The measure is at the stretch; the
river's name alone would claim the whole river, so the stretch is read as one name."""

from __future__ import annotations

import re

from gis.extract.spans import Span
from gis.extract.vocabulary import LEFT_STOPS
from gis.model import Kind

# "从A至B段", "A到B段" (ends of up to 10 and 16 characters: places, a length "1.6公里"), or a short
# place before 段 ("东城段"); "阶段", "分段", "时段" are no stretch. A space may be a line wrap.
_STRETCH = re.compile(
    r"从?(?P<a>[\u4e00-\u9fff\d. ]{1,10}?)(?:到|至)"
    r"(?P<b>[\u4e00-\u9fff\d. ]{1,16}?)(?<![阶分手时片])段"
    r"|(?P<c>[\u4e00-\u9fff ]{1,4}?)(?<![阶分手时片])段"
)
_HOSTS = (Kind.RIVER_LAKE, Kind.LOCALITY)


def stretch_spans(text: str, spans: list[Span]) -> list[Span]:
    """A river or bank followed at once by a described stretch of it: the two as one name."""
    found = []
    for span in spans:
        if span.kind not in _HOSTS or span.group or span.generic:
            continue
        match = _STRETCH.match(text, span.end)
        if match is None:
            continue
        ends = [part for part in match.group("a", "b", "c") if part]
        if any(part.strip() == "" or LEFT_STOPS.search(part) for part in ends):
            continue  # "南湖治理阶段", "府河的下游段": a verb or particle, not a place
        name = text[span.start : match.end()]
        found.append(Span(span.start, match.end(), name, span.kind))
    return found
