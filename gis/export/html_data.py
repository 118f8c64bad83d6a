"""The sites of the HTML map as one columnar block, gzip-compressed and base64-encoded.

A page with 100,000 sites cannot afford an object per site: the browser would parse, keep
and walk 100,000 nested records. Here each field is one array (names, kinds, statuses,
coordinates in millionths of a degree, …) and strings that repeat (location notes, bases,
datums) are indices into a small table; only the few sites with measures, relations or
outlines carry a detail record. The page inflates the block with the browser's
DecompressionStream: at 100,000 sites it is about a fifth of the plain JSON.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gis import search
from gis import status_rules as rules
from gis.crs import geometry_wgs84_to_gcj02
from gis.mapdata import MapData
from gis.model import Catalog, Evidence, Kind, RelationType, Site, Status
from gis.notes_zh import basis_words, readable_note
from gis.relocation import (
    FORMER_SITE_EN,
    FORMER_SITE_ZH,
    NEW_SITE_UNKNOWN_EN,
    NEW_SITE_UNKNOWN_ZH,
    is_former_site,
)
from gis.state import CurrentState

DISTRICT_LEVEL = 1  # the 60 m simplified outlines: small files, within a pixel at city scale
OUTLINE_DECIMALS = 5  # 1 m, finer than the 60 m simplification
MICRO = 1_000_000  # point coordinates are stored in millionths of a degree (0.1 m)
PROGRESS_STEP = 500
LAYERS = ("sites", "districts", "functional_zones", "protection_zones", "rivers", "city")
STATUSES = (*Status, None)  # a site's status index; the last: no measure
# Flags a site can carry, one bit each; the page offers a filter for each flag it is given.
FLAGS = (rules.OVERDUE, rules.NO_UPDATE)
# the per-site columns, one value a site
FIELDS: tuple[str, ...] = ("id", "name", "en", "layer", "kind", "status", "flags", "prec")
FIELDS += ("note", "basis", "datum", "order", "dist")
ESTIMATE_BIT = 1  # bit 0: the location is an estimate; flags follow from bit 1
_RELATION_WORDS = {
    RelationType.INSIDE_ZONE: "位于 inside",
    RelationType.DISCHARGED_INTO_ZONE: "排入 discharges into",
    RelationType.PART_OF: "属于 part of",
}

Progress = Callable[[int, int], None]


class _Table:
    """Distinct strings in first-seen order: a column holds their indices."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def values(self) -> list[str]:
        return list(self.index)


def site_columns(
    map_data: MapData,
    state: CurrentState,
    kept: set[str] | None,
    shift: bool,
    progress: Progress | None,
) -> dict[str, Any]:
    """The columns of every site the map shows: district outlines, drawn sites, citywide."""
    catalog = state.catalog
    # one pass over the sites: point sites held as rows are built together, once each
    by_id = {s.id: s for s in catalog.sites}
    rows: list[tuple[Site, str, BaseGeometry | None]] = [
        (
            by_id[f.id],
            f.layer,
            f.simplified[DISTRICT_LEVEL][1] if f.layer == "districts" else None,
        )
        for f in map_data.features
        if kept is None or f.layer == "districts" or f.id in kept
    ]
    rows += [
        (s, "city", None)
        for s in by_id.values()
        if s.kind is Kind.CITYWIDE and (kept is None or s.id in kept)
    ]
    order = {s.id: i for i, s in enumerate(sorted(by_id.values(), key=search.tie_break))}
    documents = list(catalog.documents)
    doc_index = {d: i for i, d in enumerate(documents)}
    district_names = _Table()
    notes, bases, datums = _Table(), _Table(), _Table()
    kinds = [k.value for k in Kind]
    kind_index = {k: i for i, k in enumerate(Kind)}
    layers = _Table()  # the known layers first; a layer added to the map data follows them
    for name in LAYERS:
        layers(name)
    status_index = {status: i for i, status in enumerate(STATUSES)}
    table: list[tuple[Any, ...]] = []
    key_rows: list[int] = []
    key_weights: list[int] = []
    key_texts: list[str] = []
    details: dict[str, Any] = {}
    outlines: dict[str, Any] = {}
    cited: dict[str, list[int]] = {}
    extra_districts: dict[str, list[int]] = {}
    geometries: list[BaseGeometry] = []
    former: list[int] = []  # rows of sites drawn where they were: 原址
    for row, (site, layer, outline) in enumerate(rows):
        measures = state.site_measures(site.id)
        status = state.site_status(site.id) if measures else None
        location = site.location
        bits = ESTIMATE_BIT if location.is_estimate else 0
        for bit, flag in enumerate(FLAGS, start=1) if measures else ():
            if any(flag in m.flags for m in measures):
                bits |= 1 << bit
        names = [district_names(d) for d in map_data.districts.get(site.id, ())]
        table.append(
            (
                site.id,
                site.name_zh,
                site.name_en,
                layers(layer),
                kind_index[site.kind],
                status_index[status],
                bits,
                round(location.precision_m),
                notes(_shown_note(location.estimated_from or location.source, catalog)),
                bases(_basis(site)),
                datums(location.datum),
                order[site.id],
                names[0] if names else -1,
            )
        )
        if len(names) > 1:
            extra_districts[str(row)] = names[1:]
        for source, key, _ in search.search_keys(site):
            key_rows.append(row)
            key_weights.append(search.SOURCE_WEIGHTS[source])
            key_texts.append(key)
        if layer == "sites" and is_former_site(site):
            former.append(row)
        if measures or site.relations or site.leader:  # few sites; most have none of these
            docs = sorted(
                {doc_index[e.document] for m in measures for e in m.measure.evidence}
                | {doc_index[e.document] for e in (site.leader.evidence if site.leader else ())}
                | {doc_index.get(q.document, -1) for q in _newer_quotes(measures)} - {-1}
            )
            if docs:
                cited[str(row)] = docs
            details[str(row)] = _detail(state, site, measures, doc_index)
            if former and former[-1] == row:
                details[str(row)]["former"] = (
                    f"{FORMER_SITE_ZH} {FORMER_SITE_EN} · "
                    f"{NEW_SITE_UNKNOWN_ZH} {NEW_SITE_UNKNOWN_EN}"
                )
        geometries.append(outline if outline is not None else location.geometry)
        if progress and ((row + 1) % PROGRESS_STEP == 0 or row + 1 == len(rows)):
            progress(row + 1, len(rows))
    # One vectorised pass for every row's anchor: a point itself, an area's representative
    # point (a district's label); citywide rows have none and get (0, 0).
    wgs_shapes = np.array(geometries, dtype=object)
    wgs_shapes[[layer == "city" for _, layer, _ in rows]] = shapely.Point(0, 0)
    shown_shapes = (
        np.array([geometry_wgs84_to_gcj02(g) for g in wgs_shapes], dtype=object)
        if shift
        else wgs_shapes
    )
    wgs, xy = _anchors(wgs_shapes), _anchors(shown_shapes)
    for row in np.flatnonzero(shapely.get_type_id(shown_shapes) != 0).tolist():
        if rows[row][1] != "city":
            shape = shown_shapes[row]
            rounded = shapely.transform(shape, lambda xy: np.round(xy, OUTLINE_DECIMALS))
            outlines[str(row)] = mapping(rounded)
    columns = dict(zip(FIELDS, map(list, zip(*table, strict=True)), strict=True)) if table else {}
    return {
        "n": len(rows),
        **{name: columns.get(name, []) for name in FIELDS},
        "x": np.round(xy[:, 0] * MICRO).astype(np.int64).tolist(),
        "y": np.round(xy[:, 1] * MICRO).astype(np.int64).tolist(),
        # the location as the catalog states it (WGS84), for the popup's text
        "wx": np.round(wgs[:, 0] * 100_000).astype(np.int64).tolist(),
        "wy": np.round(wgs[:, 1] * 100_000).astype(np.int64).tolist(),
        # gis/search.py's rule as data: keys normalised and weighted by source, the folding of
        # a typed query's characters that matter and the match weights (exact, prefix, inside)
        "keys": {"row": key_rows, "weight": key_weights, "key": key_texts},
        "search": {"fold": _folding(key_texts), "match": list(search.MATCH_WEIGHTS)},
        "details": details,
        "outlines": outlines,
        "cited": cited,
        "former": former,
        "more_districts": extra_districts,
        "tables": {
            "layers": layers.values(),
            "kinds": kinds,
            "districts": district_names.values(),
            "notes": notes.values(),
            "bases": bases.values(),
            "datums": datums.values(),
            "documents": documents,
        },
    }


def _anchors(shapes: np.ndarray) -> np.ndarray:
    """(x, y) of each shape: a point's own, an area's representative point (GEOS's point on
    surface, which is slow on points: they are read directly)."""
    found = np.zeros((len(shapes), 2))
    areas = shapely.get_type_id(shapes) != 0
    found[~areas] = shapely.get_coordinates(shapes[~areas]).reshape(-1, 2)
    if areas.any():
        found[areas] = shapely.get_coordinates(shapely.point_on_surface(shapes[areas]))
    return found


def _folding(keys: list[str]) -> dict[str, Any]:
    """gis.search's folding of the characters that matter, compact: a run of consecutive
    characters that fold one for one onto consecutive characters (Ａ-Ｚ onto a-z) is its
    first code point, length and first target; the rest go {folded: the characters}."""
    runs: list[list[int]] = []
    more: dict[str, str] = {}
    for char, folded in sorted(search.query_folding(keys).items()):
        if len(folded) != 1:
            more[folded] = more.get(folded, "") + char
        elif runs and (ord(char) - runs[-1][0], ord(folded) - runs[-1][2]) == (runs[-1][1],) * 2:
            runs[-1][1] += 1  # the run's next character onto the next target
        else:
            runs.append([ord(char), 1, ord(folded)])
    return {"runs": [n for run in runs for n in run], "more": more}


def packed(columns: dict[str, Any]) -> str:
    """The block as the page carries it: JSON, gzip, base64 (no character needs escaping).
    Measured in Chromium (benchmarks/html_bench.py) against the same block as plain JSON, which
    the page could read before its first paint: 10,000 sites 0.80 s vs 0.95 s to the first
    frame, 100,000 sites 2.0 s vs 1.9 s, in a file a quarter the size."""
    text = json.dumps(columns, ensure_ascii=False, separators=(",", ":"))
    gzipped = gzip.compress(text.encode("utf-8"), 5, mtime=0)
    return base64.b64encode(gzipped).decode("ascii")


def _shown_note(note: str, catalog: Catalog) -> str:
    """The location note as the window shows it: readable (documents by title), the Chinese
    on one line and the English on the next."""
    return "\n".join(text for text in readable_note(note, catalog.documents) if text)


def _basis(site: Site) -> str:
    return basis_words(site.location.basis)


def _detail(
    state: CurrentState, site: Site, measures: list[Any], doc_index: dict[str, int]
) -> dict[str, Any]:
    """What only some sites have: measures, relations, a leader and pledges."""
    detail: dict[str, Any] = {}
    if measures:
        detail["measures"] = [
            {
                "text_zh": m.measure.text_zh,
                "status": m.status.value,
                "as_of": m.since.isoformat() if m.since else None,
                "document_status": m.document_status.value,
                "status_words": m.measure.status_words,
                "target_date": m.measure.target_date,
                "responsible": m.measure.responsible_zh,
                "flags": sorted(m.flags & set(FLAGS)),
                "evidence": [_evidence(e, doc_index) for e in m.measure.evidence],
                "newer": _evidence(m.tracked.quoted, doc_index)
                if m.tracked and m.tracked.quoted and m.source == "imported"
                else None,
            }
            for m in measures
        ]
    if site.relations:
        detail["relations"] = [
            f"{_RELATION_WORDS.get(r.type, r.type.value)} {state.catalog.site(r.target).name_zh}"
            for r in site.relations
        ]
    if site.leader:
        detail["leader"] = f"{site.leader.name}（{site.leader.title_zh}）"
        detail["pledges"] = [_evidence(e, doc_index) for e in site.leader.evidence]
    return detail


def _newer_quotes(measures: list[Any]) -> list[Evidence]:
    """The words of the imported documents the measures' current statuses rest on."""
    return [m.tracked.quoted for m in measures if m.tracked and m.tracked.quoted]


def _evidence(evidence: Evidence, doc_index: dict[str, int]) -> dict[str, Any]:
    return {
        "quote": evidence.quote,
        "document": doc_index.get(evidence.document, -1),
        "paragraph": evidence.paragraph,
    }
