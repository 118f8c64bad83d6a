"""Candidate sites, areas and measures from a document, each with verbatim evidence.

The text is read in blocks (paragraphs a page break split are joined back), cut into units
(sentences, or a leader's enumerated pledges "一是…二是…"), and every named place in a unit
receives the unit as a measure when the unit carries a status word (gis.extract.status); a
unit naming no place belongs to the sentence's place, else to the document's subject. Blocks
and units come from gis.extract.blocks, names from gis.extract.names (as a unit means them:
gis.extract.placing), districts from gis.extract.districts, dates from gis.extract.dates,
table rows from gis.extract.tables; what is found is gis.extract.candidates'. The rules
read a cleaned Simplified view of each block (one punctuation, no inserted pinyin or spam)
that maps every character back to the original, so every quote is cut verbatim from the
document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from gis.boundaries import DISTRICT_NAMES_EN
from gis.errors import EnvMapError
from gis.extract import dates, districts, names, rules, sections, status, tables, waters
from gis.extract.blocks import Block, read_blocks, units
from gis.extract.candidates import (
    Candidate,
    Measure,
    attach,
    evidence_of,
    get_candidate,
    merged,
)
from gis.extract.coordinates import stated_points
from gis.extract.placing import Named, as_area_alias, named_after, resolve, title_subjects
from gis.extract.spans import Span
from gis.extract.text import SourceText
from gis.model import Kind, Status

HEADING_MAX = 20
LEADER = re.compile(
    r"^(?P<body>[^\s]*?(?:管委会|人民政府|政府)[^\s]*?(?:主任|区长|书记)(?:[（(][^)）]*[)）])?)"
    r"\s*(?P<name>\S{2,4})$"
)
STATED_DISTRICT = re.compile(r"[（(](?P<district>[\u4e00-\u9fff]{1,4}区)[)）]")
ORGS = re.compile(r"市环保局党组|市环保局|局党组|各区政府|区政府|领导小组")


class ExtractionCancelled(EnvMapError):
    """The user stopped an extraction; nothing of it is kept."""


# A unit whose place is named later in its sentence: its start and end, reading and measure.
_Waiting = tuple[int, int, status.Reading, Measure]


def extract(
    source: SourceText,
    document_date: date | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> list[Candidate]:
    """Candidates of one document; `progress(done, total)` returning False cancels."""
    document_date = document_date or dates.document_date_in(source.paragraphs)
    found: dict[str, Candidate] = {}
    area: Candidate | None = None
    pledge = False
    blocks = read_blocks(source, document_date)
    context = _Context(source, found, document_date, blocks)
    for index, block in enumerate(blocks):
        if progress is not None and not progress(index, len(blocks)):
            raise ExtractionCancelled(source.name)
        heading = _heading(block, blocks[index + 1] if index + 1 < len(blocks) else None)
        if heading is not None:
            area = get_candidate(found, heading.name, heading.kind, source, block, heading)
            leader_block = blocks[index + 1]
            match = LEADER.match(leader_block.original)
            assert match is not None  # _heading opens a section only before a leader's line
            area.leader = f"{match.group('name')}（{match.group('body')}）"
            stated = STATED_DISTRICT.search(leader_block.simplified)
            area.district = stated.group("district") if stated else _district_of(heading.name)
            area.district_basis = "stated" if area.district else None
            pledge = True
            continue
        if area is not None and LEADER.match(block.original):
            continue
        if block.table_row is not None:
            _table_row(context, block, block.table_row)
            continue
        if block.noise:
            continue
        context.part = sections.part_mood(block.plain, context.part)
        headline = (index == 0 and len(block.view) <= 80 and "。" not in block.view) or (
            len(block.view) <= 40 and not re.search(r"[。！？；，]", block.view)
        )
        _read_block(context, block, pledge, area, headline)
    _members_of_counted_sets(context)
    return merged(found)


@dataclass
class _Context:
    source: SourceText
    found: dict[str, Candidate]
    document_date: date | None
    blocks: list[Block]
    subject: tuple[list[Named], Block] | None = None  # the title's first places, its block
    district: str | None = None  # the district the title, publisher or a leader's line states
    counted: list[tuple[int, list[Span], Block, Measure]] = field(default_factory=list)
    part: Status | None = None  # PLANNED under "三、整改措施" and other parts that list plans

    def __post_init__(self) -> None:
        self.district = districts.document_district([b.view for b in self.blocks[:8]])


def _read_block(
    context: _Context, block: Block, pledge: bool, area: Candidate | None, headline: bool
) -> None:
    source, found, date_ = context.source, context.found, context.document_date
    text = block.view
    part = sections.task_mood(text, context.part)
    spans = names.find_names(text)
    starts = [s.start for s in spans]
    stated_by_sentence: dict[int, dict[int, str]] = {}
    sentence_owners: dict[int, list[Candidate]] = {}
    named_at: list[tuple[int, Candidate]] = []  # where each place is named in the block
    moods: dict[int, Status | None] = {}  # a sentence under 要求/将/计划 stays a plan
    deadlines: dict[int, str] = {}  # a sentence opened by a deadline still ahead: its date
    last_site: Candidate | None = None  # the last polluter named: "排污口已被堵住" is its outfall
    waiting_for: dict[int, list[_Waiting]] = {}  # units whose place is named later, by sentence
    done_in: set[int] = set()  # sentences whose named place was stated done
    before_sentence: dict[int, list[Candidate]] = {}  # the paragraph's places before it
    last_named: list[Candidate] = []  # the places of the last sentence that named any
    sentence_named: list[Candidate] = []
    cuts: dict[int, int] = {}  # where 但 answers 虽 in the sentence
    for start, end, sentence in units(text, pledge):
        unit = text[start:end]
        here = spans[bisect_left(starts, start) : bisect_left(starts, end)]
        if sentence not in stated_by_sentence:
            stop = districts.sentence_end(text, sentence)
            in_sentence = spans[bisect_left(starts, sentence) : bisect_left(starts, stop)]
            stated_by_sentence = {sentence: districts.stated_in(text, sentence, in_sentence)}
        stated = stated_by_sentence[sentence]
        if sentence not in before_sentence:
            last_named = sentence_named or last_named
            sentence_named = []
            before_sentence[sentence] = last_named
        owners: list[Candidate] = []
        groups = [s for s in here if s.group]
        site_starts = {s.start for s in here if not s.group}
        places = [
            s
            for s in here
            if not s.group
            and not districts.is_location_phrase(text, s.start, s.end)
            and not (s.kind is Kind.DISTRICT and districts.only_says_where(text, s, site_starts))
        ]  # "江夏区金鞭港…", "位于江岸区…片区": the district or locality says where, no site
        first_zone = next((s.end for s in places if s.kind is Kind.PROTECTION_ZONE), None)
        places = [named_after(s, last_site, first_zone) for s in places]
        named = resolve(places, text)
        if headline:
            if context.subject is None and named:
                context.subject = (title_subjects(named, text), block)
            continue
        if pledge:
            named = [as_area_alias(entry, area) for entry in named]
        for name, kind, span, zones in named:
            bare, prefix = districts.split_prefix(name)
            candidate = get_candidate(found, bare, kind, source, block, span)
            inherited = last_site.district if span.inferred and last_site else None
            choices = (
                prefix,
                stated.get(span.start),
                districts.short_prefix(name, kind),
                inherited,
                None if pledge else context.district,
            )
            for choice in choices:
                if choice and candidate.district is None:
                    candidate.district, candidate.district_basis = choice, "stated"
            if candidate.district is None and pledge and area is not None:
                candidate.district, candidate.district_basis = area.district, "stated"
            for zone in zones:
                relation = {"type": "inside_zone", "target": zone}
                if relation not in candidate.relations and zone != name:
                    candidate.relations.append(relation)
            if span.inferred and _INFERRED_NAME not in candidate.review:
                candidate.review.append(_INFERRED_NAME)
            if _describes(text, span):
                continue  # "连通外沙湖和水果湖的人工河——楚河": the lakes describe the river
            if not any(o is candidate for o in owners):
                owners.append(candidate)
            named_at.append((span.start, candidate))
            if Kind(candidate.kind) in _POLLUTERS:
                last_site = candidate
        sentence_named += [o for o in owners if not any(o is n for n in sentence_named)]
        if headline:
            continue
        reading = status.read_status(unit)
        if sentence not in cuts:
            stop = districts.sentence_end(text, sentence)
            cut = status.concession_cut(text[sentence:stop])
            cuts = {sentence: sentence + cut if cut else 0}
        cut = cuts[sentence]
        if reading is not None and cut and start < cut < end:
            reading = status.split_at(unit, cut - start)
        elif reading is not None and cut and end <= cut:
            reading = status.conceded(reading)
        period = sections.period_of(text, start)  # a requirement reaches over its "；"
        opening = None if pledge else sections.deadline_ahead(unit, date_)
        planned_year = None if pledge or opening else dates.plan_opening(unit, date_)
        if planned_year is not None:  # "今年，武汉预计新开工…。其中，…完成江汉碧道…"
            deadlines.setdefault(period, planned_year)
            if reading is None and named:  # "今年，率先在月湖…实现截污": the place's target
                reading = status.Reading(Status.PLANNED, slice(0, 0))
        if opening is not None:  # "2019年9月底之前，解决南湖污水直排问题": a target
            moods[period], deadlines[period] = Status.PLANNED, opening[0]
            if reading is None and named:  # a place and a deadline: the target is the place's
                reading = status.Reading(Status.PLANNED, opening[1])
        if reading is None and named and part is Status.PLANNED and not pledge:
            reading = status.Reading(Status.PLANNED, slice(0, 0))  # "一是全面实施沙河…截污工程"
        if reading is not None and not pledge:
            reading = status.in_mood(reading, moods.get(period, part), unit)
            moods[period] = status.mood_after(unit, moods.get(period, part))
        if pledge and reading is None and rules.ENUMERATOR_RE.match(unit):
            reading = status.Reading(Status.PLANNED, slice(0, 2))
        if reading is None:
            continue
        if pledge and reading.status.rank > Status.PLANNED.rank and rules.ENUMERATOR_RE.match(unit):
            reading = status.Reading(Status.PLANNED, slice(0, 2))
        measure = _measure(context, block, start, end, reading)
        deadline = deadlines.get(period)
        if deadline and measure.status == Status.PLANNED.value and not measure.target_date:
            measure.target_date = dates.first_date(unit, context.document_date) or deadline
        if groups and not pledge:
            context.counted.append((block.paragraphs[0], groups, block, measure))
        if owners:
            sentence_owners[sentence] = owners
            if reading.status.rank > Status.IN_PROGRESS.rank:
                done_in.add(sentence)  # "…码头已完成搬迁，现场已复绿": the same site
                here_at = named_at[len(named_at) - len(named) :]
                owners = _where_done_is_said(context, block, start, end, reading, here_at, owners)
            # "猇亭区出台政策，…即古老背、红溪港…": a clause before the places is not their done
            for w_start, w_end, w_reading, waiting in waiting_for.pop(sentence, []):
                attach(owners, _continued(context, block, w_start, w_end, w_reading, waiting))
        elif groups:
            _add_group(context, block, groups, measure)
            continue
        elif sentence in sentence_owners:  # "…工程进度加快，沿湖围挡已拆除": a step, not the site
            owners = sentence_owners[sentence]
            if reading.status.rank > Status.IN_PROGRESS.rank and sentence not in done_in:
                capped = status.Reading(Status.IN_PROGRESS, reading.where, _INHERITED)
                measure = _measure(context, block, start, end, capped)
        else:  # "预计明年7月，…三角湖…": the place may come later in the sentence
            waiting_for.setdefault(sentence, []).append((start, end, reading, measure))
            continue
        attach(owners, measure)
    for sentence, later in waiting_for.items():
        earlier = [] if pledge else before_sentence.get(sentence, [])
        for start, end, reading, measure in later:
            if earlier and _ANAPHOR.match(text, sentence):  # "该处已于…全部整改恢复完毕"
                attach(earlier, measure)
            elif earlier:  # "…将对A、B进行拆除。按计划，4月20日…完成后": still A and B
                attach(earlier, _continued(context, block, start, end, reading, measure))
            else:
                _to_subject(context, block, start, end, reading, measure, pledge, area)
    stated_points(text, named_at)


def _describes(text: str, span: Span) -> bool:
    """A place named in a modifier that links waters ("连通A和B的X") describes X: it is
    mentioned, but the clause's measure is X's."""
    opened = _LINKS.search(text, max(0, span.start - 12), span.start)
    if opened is None or re.search(r"[，。；：]", text[opened.end() : span.start]):
        return False
    closes = text.find("的", span.end, span.end + 14)
    return closes >= 0 and not re.search(r"[，。；：]", text[span.end : closes])


_LINKS = re.compile("连通|连接|沟通")
# "该处", "此处", "上述点位": a sentence about the place the sentence before named
_ANAPHOR = re.compile(r"\s*(?:该处|此处|该点位|上述点位|该地(?![块区段带])|该处所)")


_FUTURE_DONE = "完成日期晚于文件日期 / done dated after the document: a plan"
_INHERITED = "本句未提地点，完成不归于该地 / done, but the clause names no place"
_INFERRED_NAME = "名称由上文推断 / name inferred from the sentence before"
_POLLUTERS = {Kind.INDUSTRIAL_AREA, Kind.CONTAMINATED_PARCEL, Kind.FUNCTIONAL_ZONE}


def _where_done_is_said(
    context: _Context,
    block: Block,
    start: int,
    end: int,
    reading: status.Reading,
    named_at: list[tuple[int, Candidate]],
    owners: list[Candidate],
) -> list[Candidate]:
    """ "…队员赴金口江滩，拆除了汉阳港务公司码头": done is said of the place its own clause
    names; a place named in a clause before it only hosts the work and is not done."""
    comma = block.view.rfind("，", start, start + reading.where.start)
    clause = comma + 1 if comma >= 0 else start
    at = {id(c): where for where, c in named_at}
    in_clause = [o for o in owners if at.get(id(o), -1) >= clause]
    before = [o for o in owners if at.get(id(o), -1) < clause]
    if not in_clause or not before:
        return owners
    note = "完成说的是本句另一地点 / done is said of another place in the clause"
    capped = status.Reading(Status.IN_PROGRESS, reading.where, note)
    attach(before, _measure(context, block, start, end, capped))
    return in_clause


def _continued(
    context: _Context,
    block: Block,
    start: int,
    end: int,
    reading: status.Reading,
    measure: Measure,
) -> Measure:
    """A clause carrying on the paragraph's places: done is not claimed for them."""
    if reading.status.rank <= Status.IN_PROGRESS.rank:
        return measure
    capped = status.Reading(Status.IN_PROGRESS, reading.where, _INHERITED)
    return _measure(context, block, start, end, capped)


def _to_subject(
    context: _Context,
    block: Block,
    start: int,
    end: int,
    reading: status.Reading,
    measure: Measure,
    pledge: bool,
    area: Candidate | None,
) -> None:
    """A unit whose sentence names no place belongs to the document's subject; a completion
    is not claimed for a site the text did not name there."""
    owners = _subjects(context, block, start, pledge, area)
    area_subject = owners[0].kind in (Kind.DISTRICT.value, Kind.CITYWIDE.value)
    if not pledge and not area_subject and reading.status.rank > Status.IN_PROGRESS.rank:
        note = "地点由上下文推断，未言明完成 / place inferred: done not claimed for it"
        capped = status.Reading(Status.IN_PROGRESS, reading.where, note)
        measure = _measure(context, block, start, end, capped)
    attach(owners, measure)


def _measure(
    context: _Context, block: Block, start: int, end: int, reading: status.Reading
) -> Measure:
    text = block.view[start:end]
    done = reading.status in (Status.COMPLETED, Status.CLOSED_OUT)
    when = (dates.first_date if done else dates.due_date)(text, context.document_date)
    if done and when and context.document_date and when > context.document_date.isoformat():
        reading = status.Reading(
            Status.PLANNED, reading.where, _FUTURE_DONE
        )  # "2010年全部截污完毕"
        done = False
    words = block.original_slice(start + reading.where.start, start + reading.where.stop)
    return Measure(
        text=block.original_slice(start, end).strip().strip("，、,"),
        status=reading.status.value,
        status_words=words,
        target_date=None if done else when,
        completed_date=when if done else None,
        category=rules.category_of(text).value,
        responsible=_responsible(text, None),
        evidence=evidence_of(context.source, block, start, end),
        doubt=reading.doubt,
    )


def _subjects(
    context: _Context, block: Block, start: int, pledge: bool, area: Candidate | None
) -> list[Candidate]:
    """Who a clause naming no place is about: the section's area, the title's sites, the
    document's district; only then the whole city, marked for review."""
    if pledge and area is not None:
        return [area]
    subjects = []
    title_names, title_block = context.subject or ([], block)
    for name, kind, span, _ in title_names:
        bare, prefix = districts.split_prefix(name)
        subject = get_candidate(context.found, bare, kind, context.source, title_block, span)
        if subject.district is None and (prefix or context.district):
            subject.district, subject.district_basis = prefix or context.district, "stated"
        subjects.append(subject)
    return subjects or [_fallback_subject(context, block, start)]


def _fallback_subject(context: _Context, block: Block, start: int) -> Candidate:
    if context.district:
        span = Span(start, start, context.district, Kind.DISTRICT)
        candidate = get_candidate(
            context.found, context.district, Kind.DISTRICT, context.source, block, span
        )
        candidate.district, candidate.district_basis = context.district, "stated"
        return candidate
    span = Span(start, start, "全市", Kind.CITYWIDE)
    city = get_candidate(context.found, "全市", Kind.CITYWIDE, context.source, block, span)
    note = "无具体地点，归全市 / no place named: city-wide"
    if note not in city.review:
        city.review.append(note)
    return city


def _add_group(context: _Context, block: Block, groups: list[Span], measure: Measure) -> None:
    """ "6个非法码头": a counted set is kept with the place it belongs to, never as a site."""
    holder = _subjects(context, block, groups[0].start, False, None)[0]
    for group in groups:
        holder.groups.append(
            {
                "text": block.original_slice(group.start, group.end),
                "kind": group.kind.value,
                "status": measure.status,
                "evidence": asdict(measure.evidence[0]) if measure.evidence else None,
            }
        )


def _members_of_counted_sets(context: _Context) -> None:
    """ "2013年内，对…29个湖泊，建设…环湖道路" and later "涉及长湖、西塞湖…": places of the
    set's kind named after it with no measure of their own take the set's, flagged; done
    is not claimed for them, and a set smaller than the places named claims none."""
    for paragraph, groups, block, measure in context.counted:
        for group in groups:
            count = waters.count_of(group.name)
            if _whole_list_done(context, paragraph, group, block, measure, count):
                continue
            members = [
                c
                for c in context.found.values()
                if c.kind == group.kind.value
                and not c.measures
                and c.mention is not None
                and c.mention.paragraph > paragraph + 1
            ]
            if not members or count is None or len(members) > count:
                continue
            words = block.original_slice(group.start, group.end)
            note = f"措施由上文“{words}”推断 / measure of the counted set “{words}” above"
            inherited = Measure(**{**asdict(measure), "doubt": note})
            inherited.evidence = list(measure.evidence)
            if Status(measure.status).rank > Status.IN_PROGRESS.rank:
                inherited.status, inherited.completed_date = Status.IN_PROGRESS.value, None
            attach(members, inherited)


_WHOLE_LIST = re.compile(r"均|全部|都")


def _whole_list_done(
    context: _Context,
    paragraph: int,
    group: Span,
    block: Block,
    measure: Measure,
    count: int | None,
) -> bool:
    """ "有3条黑臭水体，分别是竹皮河城区段…、王林港河道…、杨树港河道…" and a paragraph later
    "三条黑臭水体均实现销号清零": a completion stated once for the whole set named before
    belongs to each of its places, when exactly that many of the set's kind were named
    before it and none has a measure of its own (a name inside another, "竹皮河" of
    "竹皮河城区段", is the same place). Flagged for review."""
    if (
        count is None
        or Status(measure.status).rank < Status.COMPLETED.rank
        or not _WHOLE_LIST.search(measure.text)
    ):
        return False
    named = [
        c
        for c in context.found.values()
        if c.kind == group.kind.value and c.mention is not None and c.mention.paragraph <= paragraph
    ]
    members = [
        c
        for c in named
        if not any(o is not c and c.name_simplified in o.name_simplified for o in named)
    ]
    if len(members) != count or any(c.measures for c in members):
        return False
    words = block.original_slice(group.start, group.end)
    note = f"完成说的是上文列出的“{words}” / done is said of the set “{words}” listed above"
    listed = Measure(**{**asdict(measure), "doubt": note})
    listed.evidence = list(measure.evidence)
    attach(members, listed)
    return True


def _table_row(context: _Context, block: Block, row: tables.Row) -> None:
    span = Span(0, 0, row.name, row.kind)
    candidate = get_candidate(context.found, row.name, row.kind, context.source, block, span)
    candidate.mention = evidence_of(context.source, block, 0, len(block.original))[0]
    if row.district:
        candidate.district, candidate.district_basis = row.district, "stated"
    if row.point is not None:
        candidate.stated_point = list(row.point)
    if row.status is not None:
        reading, words = row.status
        measure = Measure(
            text=block.original.strip(),
            status=reading.status.value,
            status_words=words,
            target_date=row.due,
            completed_date=row.done,
            category=rules.category_of(block.view).value,
            responsible=None,
            evidence=evidence_of(context.source, block, 0, len(block.original)),
            doubt=reading.doubt,
        )
        candidate.measures.append(measure)
        if reading.doubt and reading.doubt not in candidate.review:
            candidate.review.append(reading.doubt)


def _heading(block: Block, following: Block | None) -> Span | None:
    """A short line naming an area, followed by its leader's line, opens a pledge section."""
    text = block.simplified.strip()
    if following is None or len(text) > HEADING_MAX or re.search(r"[，。；：、“”]", text):
        return None
    if not LEADER.match(following.original):
        return None
    kind = Kind.DISTRICT if text in DISTRICT_NAMES_EN else names.kind_of(text)
    if kind is None and text.endswith("区"):
        kind = Kind.FUNCTIONAL_ZONE
    return Span(0, len(text), text, kind) if kind else None


def _district_of(name: str) -> str | None:
    return name if name in DISTRICT_NAMES_EN else None


def _responsible(text: str, area: Candidate | None) -> str | None:
    org = ORGS.search(text)
    if org:
        return org.group()
    if area is not None and area.leader:
        body = area.leader.split("（", 1)[1].rstrip("）")
        prefix = area.district if "人民政府" in body and area.district else area.name
        return prefix + ("人民政府" if "人民政府" in body else "管委会")
    return None
