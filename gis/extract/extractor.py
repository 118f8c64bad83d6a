"""Candidate sites, areas and measures from a document, each with verbatim evidence.

The text is read in blocks (paragraphs a page break split are joined back), cut into units
(sentences, or a leader's enumerated pledges "一是…二是…"), and every named place in a unit
receives the unit as a measure when the unit carries a status word. Names are found by their
endings (…水厂, …码头, …保护区, …开发区), by lists ("A、B、C等地块"), by lake and river
names and by the districts' names; the rules read the Simplified copy of the text and every
quote is cut from the original characters at the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from gis.boundaries import DISTRICT_NAMES_EN
from gis.extract import rules
from gis.extract.text import SourceText
from gis.model import Kind

TERMINAL = "。！？；：”」"
HEADING_MAX = 20
LEADER = re.compile(
    r"^(?P<body>[^\s]*?(?:管委会|人民政府|政府)[^\s]*?(?:主任|区长|书记)(?:[（(][^)）]*[)）])?)"
    r"\s*(?P<name>\S{2,4})$"
)
STATED_DISTRICT = re.compile(r"[（(](?P<district>[\u4e00-\u9fff]{1,4}区)[)）]")
SENTENCE = re.compile(r"[^。！？；]*[。！？；]?")
CLAUSE = re.compile(r"[^，]*，?")
BOOK_TITLE = re.compile(r"《[^》]*》")
NAME_CHARS = re.compile(r"[\u4e00-\u9fff“”□\d]")
LAKE = re.compile(r"河(?![流道段岸长网湖])|湖(?![泊库长网区面新生北南])")
LIST = re.compile(
    r"((?:[^、，。；：“”]{1,16}|“[^”]{1,12}”[^、，。；：]{0,3})(?:、(?:[^、，。；：“”]{1,16}|“[^”]{1,12}”[^、，。；：]{0,3}))+)"
    r"等(" + "|".join(rules.LIST_NOUNS) + ")"
)
CONJUNCTION = ("和", "与", "及", "、")
ORGS = re.compile(r"市环保局党组|市环保局|局党组|各区政府|区政府|领导小组")


@dataclass
class Evidence:
    document: str
    paragraph: int
    quote: str


@dataclass
class Measure:
    text: str
    status: str
    status_words: str
    target_date: str | None
    category: str
    responsible: str | None
    evidence: list[Evidence]


@dataclass
class Candidate:
    name: str
    name_simplified: str
    kind: str
    district: str | None = None
    aliases: list[str] = field(default_factory=list)
    leader: str | None = None
    relations: list[dict] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    mention: Evidence | None = None


@dataclass
class _Span:
    start: int
    end: int
    name: str
    kind: Kind


@dataclass
class _Block:
    paragraphs: list[int]  # 0-based
    simplified: str
    original: str
    starts: list[int]  # offset of each paragraph in the joined text


def extract(source: SourceText, document_date: date | None = None) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    area: Candidate | None = None
    pledge = False
    narrative_city: Candidate | None = None
    blocks = _blocks(source)
    for index, block in enumerate(blocks):
        heading = _heading(block, blocks[index + 1] if index + 1 < len(blocks) else None)
        if heading is not None:
            area = _candidate(found, heading.name, heading.kind, source, block, heading)
            leader_block = blocks[index + 1]
            match = LEADER.match(leader_block.original)
            area.leader = f"{match.group('name')}（{match.group('body')}）"
            stated = STATED_DISTRICT.search(leader_block.simplified)
            area.district = stated.group("district") if stated else _district_of(heading.name)
            pledge = True
            continue
        if area is not None and LEADER.match(block.original):
            continue
        if len(block.simplified) <= 30 and not re.search(r"[。！？；，]", block.simplified):
            continue  # a headline or a photo caption: no measure, no place of its own
        owners_in_sentence: dict[int, list[Candidate]] = {}
        block_spans = _names(block.simplified)
        for start, end, sentence in _units(block.simplified, pledge):
            text = block.simplified[start:end]
            spans = [s for s in block_spans if start <= s.start < end]
            named = _resolve(spans, block.simplified)
            judged = rules.status_of(text, pledge)
            named = [_as_area_alias(entry, area) if pledge else entry for entry in named]
            for name, kind, span, zones in named:
                candidate = _candidate(found, name, kind, source, block, span)
                if candidate.district is None and pledge and area is not None:
                    candidate.district = area.district
                for zone in zones:
                    relation = {"type": "inside_zone", "target": zone}
                    if relation not in candidate.relations and zone != name:
                        candidate.relations.append(relation)
            if judged is None:
                continue
            status, where = judged
            words = block.original[start + where.start : start + where.stop]
            measure = Measure(
                text=_original(block, start, end).strip().strip("，、"),
                status=status.value,
                status_words=words,
                target_date=rules.target_date(text, document_date),
                category=rules.category_of(text).value,
                responsible=_responsible(text, area if pledge else None),
                evidence=_evidence(source, block, start, end),
            )
            owners = [found[entry[0]] for entry in named]
            if owners:
                owners_in_sentence[sentence] = owners
            elif sentence in owners_in_sentence:  # "…码头已完成搬迁，现场已复绿": same place
                owners = owners_in_sentence[sentence]
            else:
                if pledge and area is not None:
                    owners = [area]
                else:
                    if narrative_city is None:
                        narrative_city = _candidate(
                            found,
                            "全市",
                            Kind.CITYWIDE,
                            source,
                            block,
                            _Span(start, end, "", Kind.CITYWIDE),
                        )
                    owners = [narrative_city]
            for owner in owners:
                owner.measures.append(measure)
    return list(found.values())


def _blocks(source: SourceText) -> list[_Block]:
    """Paragraphs, with a long one that stops mid-sentence joined to the next (a page break)."""
    blocks: list[_Block] = []
    current: list[int] = []
    for i, text in enumerate(source.paragraphs):
        current.append(i)
        if len(text) > 40 and text[-1] not in TERMINAL and i + 1 < len(source.paragraphs):
            continue
        blocks.append(_make_block(source, current))
        current = []
    if current:
        blocks.append(_make_block(source, current))
    return blocks


def _make_block(source: SourceText, paragraphs: list[int]) -> _Block:
    starts, offset = [], 0
    for i in paragraphs:
        starts.append(offset)
        offset += len(source.paragraphs[i])
    return _Block(
        paragraphs=list(paragraphs),
        simplified="".join(source.simplified[i] for i in paragraphs),
        original="".join(source.paragraphs[i] for i in paragraphs),
        starts=starts,
    )


def _heading(block: _Block, following: _Block | None) -> _Span | None:
    """A short line naming an area, followed by its leader's line, opens a pledge section."""
    text = block.simplified.strip()
    if following is None or len(text) > HEADING_MAX or re.search(r"[，。；：、“”]", text):
        return None
    if not LEADER.match(following.original):
        return None
    kind = Kind.DISTRICT if text in DISTRICT_NAMES_EN else rules.kind_of(text)
    if kind is None and text.endswith("区"):
        kind = Kind.FUNCTIONAL_ZONE
    return _Span(0, len(text), text, kind) if kind else None


def _district_of(name: str) -> str | None:
    return name if name in DISTRICT_NAMES_EN else None


def _units(text: str, pledge: bool) -> list[tuple[int, int, int]]:
    """In a pledge section, enumerated items ("一是…" up to the next); elsewhere each clause
    with a status word, with the clauses around it that carry none."""
    sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]
    if pledge:
        merged: list[tuple[int, int]] = []
        for start, end in sentences:
            opens = rules.ENUMERATOR_RE.match(text, start)
            if merged and not opens and rules.ENUMERATOR_RE.match(text, merged[-1][0]):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return [(start, end, start) for start, end in merged]
    units: list[tuple[int, int, int]] = []
    for start, end in sentences:
        clauses = [(start + m.start(), start + m.end()) for m in CLAUSE.finditer(text[start:end])]
        pending = start
        sentence_units: list[tuple[int, int]] = []
        for c_start, c_end in clauses:
            if rules.status_of(text[c_start:c_end], pledge=False) is not None:
                sentence_units.append((pending, c_end))
                pending = c_end
        if sentence_units:
            last_start, _ = sentence_units[-1]
            sentence_units[-1] = (last_start, end)
        else:
            sentence_units = [(start, end)]
        units += [(u_start, u_end, start) for u_start, u_end in sentence_units]
    return units


def _masked(text: str) -> str:
    """Titles of plans and regulations in 《》 name no place: blank them out."""
    return BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group()), text)


def _names(text: str) -> list[_Span]:
    """Every name in the text, longest first where they overlap."""
    text = _masked(text)
    spans: list[_Span] = []
    for district in DISTRICT_NAMES_EN:
        spans += [
            _Span(m.start(), m.end(), district, Kind.DISTRICT) for m in re.finditer(district, text)
        ]
    for ending, kind in rules.KIND_ENDINGS:
        for match in re.finditer(re.escape(ending), text):
            start = _left_edge(text, match.start())
            name = text[start : match.end()]
            spans.append(_Span(start, match.end(), name, kind))
    for match in LIST.finditer(text):
        kind_of_list = rules.LIST_NOUNS[match.group(2)]
        offset = match.start(1)
        for number, piece in enumerate(match.group(1).split("、")):
            cut = list(rules.LEFT_STOPS.finditer(piece)) if number == 0 else []
            inner = piece[cut[-1].end() :] if cut else piece
            begin = offset + len(piece) - len(inner)
            if inner:
                kind = rules.ending_kind(inner) or kind_of_list
                spans.append(_Span(begin, begin + len(inner), inner, kind))
            offset += len(piece) + 1
    for match in LAKE.finditer(text):
        start = match.start() - 2
        while start < match.start() and not _lake_name(text[max(0, start) : match.start()]):
            start += 1
        for stop in rules.LEFT_STOPS.finditer(text, max(0, match.start() - 4), match.start()):
            start = max(start, stop.end())
        if start < match.start():
            spans.append(_Span(start, match.end(), text[start : match.end()], Kind.RIVER_LAKE))
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: -(s.end - s.start)):
        if not _valid(span.name):
            continue
        if any(s.start < span.end and span.start < s.end for s in kept):
            continue
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _lake_name(proper: str) -> bool:
    """Whether these characters could be a lake's or river's own name: CJK, no verb, no number."""
    return all("\u4e00" <= c <= "\u9fff" and c not in rules.NOT_IN_LAKE_NAMES for c in proper)


def _left_edge(text: str, end: int, reach: int = 12) -> int:
    """Where a name ending at `end` begins: after punctuation or the last verb/preposition."""
    start = end
    while start > 0 and end - start < reach and NAME_CHARS.match(text[start - 1]):
        start -= 1
    stops = list(rules.LEFT_STOPS.finditer(text[start:end]))
    return start + stops[-1].end() if stops else start


def _valid(name: str) -> bool:
    core = name.strip("“”□")
    return (
        len(name) >= 2
        and bool(re.search(r"[\u4e00-\u9fff]", core))
        and not name.startswith(rules.GENERIC_PREFIXES)
    )


def _resolve(spans: list[_Span], text: str) -> list[tuple[str, Kind, _Span, list[str]]]:
    """Names as the unit means them, each with the zones it lies in: a shared ending given to
    the first of two coordinated plants ("A水厂和B水厂下游水源保护区"), and a nameless outfall
    in such zones named after each zone's plant."""
    named: list[tuple[str, Kind, _Span, list[str]]] = []
    zones_of_plant: dict[int, list[tuple[str, str]]] = {}  # span index -> [(plant, zone)]
    for i, span in enumerate(spans):
        name = span.name
        if span.kind is Kind.PROTECTION_ZONE and "水厂" in name:
            plant, tail = name.split("水厂", 1)[0] + "水厂", name.split("水厂", 1)[1]
            pairs = [(plant, name)]
            previous = spans[i - 1] if i else None
            between = text[previous.end : span.start] if previous else ""
            if previous and previous.kind is Kind.WATER_PLANT and between in CONJUNCTION:
                pairs.insert(0, (previous.name, previous.name + tail))
                named.append((previous.name + tail, Kind.PROTECTION_ZONE, previous, []))
            zones_of_plant[i] = pairs
            named += [(each, Kind.WATER_PLANT, span, []) for each, _ in pairs]
        if name in rules.GENERIC_NAMES:
            zone = next((j for j in sorted(zones_of_plant, reverse=True) if j < i), None)
            for plant, zone_name in zones_of_plant.get(zone, []):
                named.append((plant + name, span.kind, span, [zone_name]))
            continue
        named.append((name, span.kind, span, _zones_containing(span, spans, text)))
    unique: dict[str, tuple[str, Kind, _Span, list[str]]] = {}
    for entry in named:
        unique.setdefault(entry[0], entry)
    return list(unique.values())


def _as_area_alias(entry, area: Candidate | None):
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


def _zones_containing(span: _Span, spans: list[_Span], text: str) -> list[str]:
    """ "X保护区内Y": Y is inside X (and inside the zone coordinated with X)."""
    zones = []
    for other in spans:
        if other.kind is Kind.PROTECTION_ZONE and other.end <= span.start:
            between = text[other.end : span.start]
            if between.startswith("内") and len(between) <= 3:
                zones.append(other.name)
    return zones if span.kind is not Kind.PROTECTION_ZONE else []


def _candidate(found, name, kind, source, block, span) -> Candidate:
    """The candidate for a (Simplified) name, created at its first mention, which gives the
    name as written: Traditional characters stay as the document has them."""
    if name not in found:
        written = block.original[span.start : span.end]
        found[name] = Candidate(
            name=written if block.simplified[span.start : span.end] == name else name,
            name_simplified=name,
            kind=kind.value,
            mention=_evidence(source, block, span.start, span.end)[0]
            if span.end > span.start
            else None,
        )
    return found[name]


def _original(block: _Block, start: int, end: int) -> str:
    return block.original[start:end]


def _evidence(source: SourceText, block: _Block, start: int, end: int) -> list[Evidence]:
    """The quote for [start, end) of a block, one piece per paragraph it crosses."""
    pieces = []
    for i, paragraph in enumerate(block.paragraphs):
        p_start = block.starts[i]
        p_end = p_start + len(source.paragraphs[paragraph])
        lo, hi = max(start, p_start), min(end, p_end)
        if lo < hi:
            quote = block.original[lo:hi].strip()
            if quote:
                pieces.append(Evidence(source.name, paragraph + 1, quote))
    return pieces


def _responsible(text: str, area: Candidate | None) -> str | None:
    org = ORGS.search(text)
    if org:
        return org.group()
    if area is not None and area.leader:
        body = area.leader.split("（", 1)[1].rstrip("）")
        prefix = area.district if "人民政府" in body and area.district else area.name
        return prefix + ("人民政府" if "人民政府" in body else "管委会")
    return None
