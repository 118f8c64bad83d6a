"""What the extractor gives: candidates with their measures and the verbatim evidence of
each, made at a place's first mention and merged with its shorter mentions at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gis.extract.blocks import Block
from gis.extract.spans import Span
from gis.extract.text import SourceText
from gis.model import Kind


@dataclass
class Evidence:
    document: str
    paragraph: int
    quote: str
    page: int | None = None


@dataclass
class Measure:
    text: str
    status: str
    status_words: str
    target_date: str | None
    category: str
    responsible: str | None
    evidence: list[Evidence]
    completed_date: str | None = None
    doubt: str | None = None  # why the status wants a reviewer's eye


@dataclass
class Candidate:
    name: str
    name_simplified: str
    kind: str
    district: str | None = None
    district_basis: str | None = None  # "stated" by the text, or "derived" from the point
    aliases: list[str] = field(default_factory=list)
    leader: str | None = None
    relations: list[dict[str, str]] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    mention: Evidence | None = None
    # counted, unnamed sets ("6个非法码头")
    groups: list[dict[str, Any]] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # reasons a reviewer should look
    stated_point: list[float] | None = None  # lon, lat written in the text (WGS84 assumed)
    stated_precision_m: float | None = None  # how exactly the text writes that point


def get_candidate(
    found: dict[str, Candidate],
    name: str,
    kind: Kind,
    source: SourceText,
    block: Block,
    span: Span,
) -> Candidate:
    """The candidate for a (Simplified) name, created at its first mention, which gives the
    name as written: Traditional characters stay as the document has them."""
    if name not in found:
        written = block.original_slice(span.start, span.end)
        plain = block.plain_slice(span.start, span.end)
        literal = block.view[span.start : span.end] == name and len(written) == len(name)
        found[name] = Candidate(
            name=written if literal else name,
            name_simplified=plain if literal else name,
            kind=kind.value,
            mention=evidence_of(source, block, span.start, span.end)[0]
            if span.end > span.start
            else None,
        )
    return found[name]


def evidence_of(source: SourceText, block: Block, start: int, end: int) -> list[Evidence]:
    """The quote for view positions [start, end) of a block, one piece per paragraph."""
    if end <= start:
        return []
    lo_all, hi_all = block.index[start], block.index[end - 1] + 1
    pages = getattr(source, "pages", None)
    pieces = []
    for i, paragraph in enumerate(block.paragraphs):
        p_start = block.starts[i]
        p_end = p_start + len(source.paragraphs[paragraph])
        lo, hi = max(lo_all, p_start), min(hi_all, p_end)
        if lo < hi:
            quote = block.original[lo:hi].strip()
            if quote:
                page = pages[paragraph] if pages else None
                pieces.append(Evidence(source.name, paragraph + 1, quote, page))
    return pieces


def merged(found: dict[str, Candidate]) -> list[Candidate]:
    """Short mentions of a named place ("民营工业园" after "庙山民营工业园") join it: the first
    earlier name of the same kind that ends with the short one (names index their endings)."""
    merged: dict[str, Candidate] = {}
    by_ending: dict[tuple[str, str], Candidate] = {}
    for name, candidate in found.items():
        longer = by_ending.get((name, candidate.kind)) if len(name) >= 3 else None
        if longer is None:
            merged[name] = candidate
            for cut in range(1, len(name) - 2):
                by_ending.setdefault((name[cut:], candidate.kind), candidate)
            continue
        known = {id(m) for m in longer.measures}
        longer.measures += [m for m in candidate.measures if id(m) not in known]
        if name not in longer.aliases:
            longer.aliases.append(name)
    return list(merged.values())


def attach(owners: list[Candidate], measure: Measure) -> None:
    for owner in owners:
        owner.measures.append(measure)
        if measure.doubt and measure.doubt not in owner.review:
            owner.review.append(measure.doubt)
