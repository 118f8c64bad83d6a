"""Find sites by what a clerk types: a Chinese name, an alias, an English name or measure text.

The rule is written once, here: the window's locator calls `search`, and the HTML map gets
each site's `search_keys` and applies `score` in the same way (resources/web/envmap.js), so
both list the same sites in the same order."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from gis.model import Catalog, Measure, Site
from gis.site_table import named

NAME, ALIAS, ENGLISH, MEASURE = range(4)  # where a key comes from, best first
EXACT, PREFIX, INSIDE = range(3)  # how a key holds the query, best first


@dataclass(frozen=True)
class Hit:
    site_id: str
    label: str
    matched: str  # what matched, to show beside the result
    rank: int


def normalise(text: str) -> str:
    """Full-width letters and digits as ASCII, no spaces, lower case (as the page's JS does)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


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
        rank = source * 3 + how
        if best is None or rank < best[0]:
            best = (rank, text)
    return best


def tie_break(site: Site) -> tuple[int, str]:
    """Among sites of one rank, the shorter name first, then name order (the HTML map gets
    each site's place in this order)."""
    return (len(site.name_zh), site.name_zh)


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
            hits.append((found[0], len(name_zh), name_zh, Hit(site_id, label, found[1], found[0])))
    hits.sort(key=lambda h: h[:3])  # rank, then tie_break's order; stable: catalog order
    return [hit for *_, hit in hits[:limit]]
