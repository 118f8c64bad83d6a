"""Which places a unit names, as it means them: a shared ending given to the first of two
coordinated plants, outfalls named after the zone or polluter they belong to, a section's
area under another name, the zones a place lies in, and a title's subjects."""

from __future__ import annotations

from gis.extract import site_names, vocabulary
from gis.extract.candidates import Candidate
from gis.extract.spans import Span
from gis.model import Kind

CONJUNCTION = ("和", "与", "及", "、")
# A name as its unit means it: the name, its kind, where it is written and the zones it lies in.
Named = tuple[str, Kind, Span, list[str]]
_BARE_OUTFALLS = {"排污口", "排口", "污水排口", "废水排口"}


def named_after(span: Span, last: Candidate | None, first_zone: int | None) -> Span:
    """A bare "排污口" with no zone before it in the unit, after a named industrial park or
    parcel in the same paragraph, is that site's outfall (the reviewer is told)."""
    zoned = first_zone is not None and first_zone <= span.start
    if not span.generic or span.name not in _BARE_OUTFALLS or last is None or zoned:
        return span
    name = last.name_simplified + span.name
    return Span(span.start, span.end, name, Kind.OUTFALL, inferred=True)


def title_subjects(named: list[Named], text: str) -> list[Named]:
    """The title's first place that is not a district, with those joined to it by 、/和
    ("视察黄孝河、机场河水环境综合治理一期工程": both)."""
    sites = [n for n in named if n[1] is not Kind.DISTRICT] or named[:1]
    chosen = sites[:1]
    for entry in sites[1:]:
        if text[chosen[-1][2].end : entry[2].start] not in CONJUNCTION:
            break
        chosen.append(entry)
    return chosen


def resolve(spans: list[Span], text: str) -> list[tuple[str, Kind, Span, list[str]]]:
    """Names as the unit means them, each with the zones it lies in: a shared ending given to
    the first of two coordinated plants ("A水厂和B水厂下游水源保护区"), and a nameless outfall
    in such zones named after each zone's plant."""
    named: list[tuple[str, Kind, Span, list[str]]] = []
    zones_of_plant: dict[int, list[tuple[str, str]]] = {}  # span index -> [(plant, zone)]
    last_zone: int | None = None
    for i, span in enumerate(spans):
        name = span.name
        if span.kind is Kind.PROTECTION_ZONE and "水厂" in name:
            plant, tail = name.split("水厂", 1)[0] + "水厂", name.split("水厂", 1)[1]
            if not site_names.is_site_name(plant):
                named.append((name, span.kind, span, []))
                continue
            pairs = [(plant, name)]
            previous = spans[i - 1] if i else None
            between = text[previous.end : span.start] if previous else ""
            if previous and previous.kind is Kind.WATER_PLANT and between in CONJUNCTION:
                pairs.insert(0, (previous.name, previous.name + tail))
                named.append((previous.name + tail, Kind.PROTECTION_ZONE, previous, []))
            zones_of_plant[i] = pairs
            last_zone = i
            named += [(each, Kind.WATER_PLANT, span, []) for each, _ in pairs]
        if span.generic or name in vocabulary.GENERIC_NAMES:
            zoned = zones_of_plant[last_zone] if last_zone is not None else []
            for plant, zone_name in zoned:
                named.append((plant + name, span.kind, span, [zone_name]))
            continue
        named.append((name, span.kind, span, _zones_containing(i, spans, text)))
    unique: dict[str, tuple[str, Kind, Span, list[str]]] = {}
    for entry in named:
        unique.setdefault(entry[0], entry)
    return list(unique.values())


def as_area_alias(entry: Named, area: Candidate | None) -> Named:
    """Inside a section, "东湖高新区" or "化工区" or the district the leader's line states is
    the section's own area under another name."""
    name, kind, span, zones = entry
    if area is None or name == area.name:
        return entry
    same_start = kind is Kind.FUNCTIONAL_ZONE and name[:2] == area.name[:2]
    shortened = kind is Kind.FUNCTIONAL_ZONE and _is_subsequence(name, area.name)
    if same_start or shortened or name == area.district:
        if name not in area.aliases:
            area.aliases.append(name)
        return (area.name, Kind(area.kind), span, zones)
    return entry


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _zones_containing(i: int, spans: list[Span], text: str) -> list[str]:
    """ "X保护区内Y": Y is inside X (and inside the zone coordinated with X). Spans do not
    overlap, so only the one or two just before can end within three characters."""
    span = spans[i]
    if span.kind is Kind.PROTECTION_ZONE:
        return []
    zones = []
    for other in reversed(spans[max(0, i - 3) : i]):
        between = text[other.end : span.start]
        if len(between) > 3:
            break
        if other.kind is Kind.PROTECTION_ZONE and between.startswith("内"):
            zones.append(other.name)
    return zones[::-1]
