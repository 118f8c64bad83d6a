"""A document read as blocks: paragraphs a page break split joined back, each table row a
block of its own, each with the rule view its rules read and the map back to the original;
and the units a block is cut into (sentences, clauses with a status word, enumerated
pledges)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gis.extract import rules, status, tables
from gis.extract.text import SourceText
from gis.extract.view import rule_view

TERMINAL = "。！？；：”」"
SENTENCE = re.compile(r"[^。！？；]*[。！？；]?")
CLAUSE = re.compile(r"[^，：]*[，：]?")


@dataclass
class Block:
    paragraphs: list[int]  # 0-based
    original: str
    starts: list[int]  # offset of each paragraph in the joined original
    view: str  # what the rules read
    plain: str  # the Simplified copy, character for character with the original
    index: list[int]  # view position -> original position
    noise: bool = False
    table_row: tables.Row | None = None

    @property
    def simplified(self) -> str:
        return self.view

    def plain_slice(self, start: int, end: int) -> str:
        """The Simplified text as written (its own punctuation) under view positions."""
        if end <= start:
            return ""
        return self.plain[self.index[start] : self.index[end - 1] + 1]

    def original_slice(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        return self.original[self.index[start] : self.index[end - 1] + 1]


def read_blocks(source: SourceText, document_date: date | None = None) -> list[Block]:
    """Paragraphs, with a long one that stops mid-sentence joined to the next (a page break);
    each row of a table is a block of its own."""
    rows = tables.rows(source.simplified, document_date)
    blocks: list[Block] = []
    current: list[int] = []
    for i, text in enumerate(source.paragraphs):
        if i in rows:
            if current:
                blocks.append(make_block(source, current))
                current = []
            row = rows[i]
            if row is None:
                continue
            first, last = row.paragraphs
            if i == first:
                block = make_block(source, list(range(first, last + 1)))
                block.table_row = row
                blocks.append(block)
            continue
        current.append(i)
        joins = len(text) > 40 and text[-1] not in TERMINAL and i + 1 < len(source.paragraphs)
        if joins and not rule_view(source.simplified[i])[2]:  # page furniture joins nothing
            continue
        blocks.append(make_block(source, current))
        current = []
    if current:
        blocks.append(make_block(source, current))
    return blocks


def make_block(source: SourceText, paragraphs: list[int]) -> Block:
    starts, offset = [], 0
    for i in paragraphs:
        starts.append(offset)
        offset += len(source.paragraphs[i])
    simplified = "".join(source.simplified[i] for i in paragraphs)
    view, index, noise = rule_view(simplified)
    return Block(
        paragraphs=list(paragraphs),
        original="".join(source.paragraphs[i] for i in paragraphs),
        starts=starts,
        view=view,
        plain=simplified,
        index=index,
        noise=noise,
    )


def units(text: str, pledge: bool) -> list[tuple[int, int, int]]:
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
            if status.has_status_word(text[c_start:c_end]):
                sentence_units.append((pending, c_end))
                pending = c_end
        if sentence_units:
            last_start, _ = sentence_units[-1]
            sentence_units[-1] = (last_start, end)
        else:
            sentence_units = [(start, end)]
        units += [(u_start, u_end, start) for u_start, u_end in sentence_units]
    return units
