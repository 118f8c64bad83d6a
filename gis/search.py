"""Find sites by what a clerk types: a Chinese name, an alias, an English name or measure text.

The rule is written once, here: the window's locator calls `search`; the HTML map, which must
rank as the reader types, is given the rule as data (gis/export/html_data.py): each site's
normalised keys with their source's weight, `query_folding` of the characters that matter and
`MATCH_WEIGHTS`. Its script (resources/web/envmap_ui.js, UI.search) holds no weight and no
folding of its own, so both list the same sites in the same order."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from gis.model import Catalog, Measure, Site
from gis.site_table import named

NAME, ALIAS, ENGLISH, MEASURE = range(4)  # where a key comes from, best first
EXACT, PREFIX, INSIDE = range(3)  # how a key holds the query, best first
# A key's rank: its source's weight plus how it holds the query; the lowest rank wins. Every
# source outranks the next one whatever the match (a name inside beats an alias exactly).
SOURCE_WEIGHTS = (0, 3, 6, 9)  # NAME, ALIAS, ENGLISH, MEASURE
MATCH_WEIGHTS = (0, 1, 2)  # EXACT, PREFIX, INSIDE
# Code points past these hold no character that NFKC or lower case changes (planes 4-13 are
# unassigned; 15-16 are private use); tests/gis/test_search.py checks it against all of Unicode.
_FOLDED_PLANES = (range(1, 0x40000), range(0xE0000, 0xE1000))


@dataclass(frozen=True)
class Hit:
    site_id: str
    label: str
    matched: str  # what matched, to show beside the result
    rank: int


def normalise(text: str) -> str:
    """Full-width letters and digits as ASCII, no spaces, lower case: what a clerk types and
    what the document says meet whatever the input method."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def query_folding(keys: Iterable[str]) -> dict[str, str]:
    """`normalise` of each character that can reach `keys` (normalised keys), for a page that
    folds a typed query one character at a time: a character normalised to characters of the
    keys, or to nothing (spaces), and a key's character that normalises to another. Any other
    character is left as it is and matches nothing, as its normalised form would not either.
    (NFKC joins a letter and a combining accent typed apart; a page query does not.)"""
    present = set("".join(keys))
    return {
        char: folded
        for char, folded in _changed().items()
        if char in present or all(c in present for c in folded)
    }


@cache
def _changed() -> dict[str, str]:
    """Every character that `normalise` changes, with what it becomes: one call over all of
    them, each alone between NULs (which NFKC composes with nothing and no rule changes)."""
    chars = [chr(code) for plane in _FOLDED_PLANES for code in plane if not 0xD800 <= code < 0xE000]
    parts = normalise("\0".join(chars)).split("\0")
    return {char: part for char, part in zip(chars, parts, strict=True) if part != char}


def rank(source: int, how: int) -> int:
    """A key's rank (lower is better) from where it comes and how it holds the query."""
    return SOURCE_WEIGHTS[source] + MATCH_WEIGHTS[how]


def search_keys(site: Site) -> list[tuple[int, str, str]]:
    """(source, normalised key, text as written) for a site: its names, then measures."""
    return _keys(site.name_zh, site.aliases, site.name_en, site.measures)


def _keys(
    name_zh: str, aliases: tuple[str, ...], name_en: str, measures: tuple[Measure, ...]
) -> list[tuple[int, str, str]]:
    keys = [(NAME, name_zh), *((ALIAS, a) for a in aliases), (ENGLISH, name_en)]
    for measure in measures:
        keys += [(MEASURE, measure.text_zh), (MEASURE, measure.text_en)]
    return [(source, normalise(text), text) for source, text in keys if text]


def score(keys: list[tuple[int, str, str]], needle: str) -> tuple[int, str] | None:
    """The best (lowest) rank of any key holding `needle`, with the text that matched:
    source first, then exact over prefix over inside."""
    best: tuple[int, str] | None = None
    for source, key, text in keys:
        if needle not in key:
            continue
        how = EXACT if key == needle else PREFIX if key.startswith(needle) else INSIDE
        found = rank(source, how)
        if best is None or found < best[0]:
            best = (found, text)
    return best


def tie_break(site: Site) -> tuple[int, str]:
    """Among sites of one rank, the shorter name first, then name order (the HTML map gets
    each site's place in this order)."""
    return _ties(site.name_zh)


def _ties(name_zh: str) -> tuple[int, str]:
    return (len(name_zh), name_zh)


def search(catalog: Catalog, query: str, limit: int = 50) -> list[Hit]:
    """Sites matching `query`, best first; ties go to the shorter name, then name order."""
    needle = normalise(query)
    if not needle:
        return []
    hits = []
    # the sites' names as they are stored: many point sites held as rows are not built
    for site_id, name_zh, name_en, aliases, kind, measures in named(catalog.sites):
        found = score(_keys(name_zh, aliases, name_en, measures), needle)
        if found is not None:
            label = f"{name_zh} · {kind.label_zh}"
            hits.append((found[0], _ties(name_zh), Hit(site_id, label, found[1], found[0])))
    hits.sort(key=lambda h: h[:2])  # rank, then tie_break's order; stable: catalog order
    return [hit for *_, hit in hits[:limit]]
