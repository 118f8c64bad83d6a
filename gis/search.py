"""Find sites by what a clerk types: a Chinese name, an alias, an English name or measure text."""

from __future__ import annotations

from dataclasses import dataclass

from gis.model import Catalog, Site

_RANK_NAME, _RANK_ALIAS, _RANK_ENGLISH, _RANK_MEASURE = range(4)


@dataclass(frozen=True)
class Hit:
    site_id: str
    label: str
    matched: str  # what matched, to show beside the result
    rank: int


def _normalise(text: str) -> str:
    return "".join(text.split()).casefold()


def search(catalog: Catalog, query: str, limit: int = 50) -> list[Hit]:
    """Sites matching `query`, best first: name, then alias, English name, measure text."""
    needle = _normalise(query)
    if not needle:
        return []
    hits = [hit for site in catalog.sites if (hit := _match(catalog, site, needle))]
    hits.sort(key=lambda h: (h.rank, len(h.label), h.label))
    return hits[:limit]


def _match(catalog: Catalog, site: Site, needle: str) -> Hit | None:
    label = f"{site.name_zh} · {site.kind.label_zh}"
    if needle in _normalise(site.name_zh):
        return Hit(site.id, label, site.name_zh, _RANK_NAME)
    for alias in site.aliases:
        if needle in _normalise(alias):
            return Hit(site.id, label, alias, _RANK_ALIAS)
    if needle in _normalise(site.name_en):
        return Hit(site.id, label, site.name_en, _RANK_ENGLISH)
    for measure in site.measures:
        if needle in _normalise(measure.text_zh) or needle in _normalise(measure.text_en):
            return Hit(site.id, label, measure.text_zh, _RANK_MEASURE)
    return None
