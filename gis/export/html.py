"""The map as one self-contained HTML file (folium + Leaflet) that works with no network.

folium builds the map, its scale bar and layer control; Leaflet and its images come from the
django-js-lib-leaflet package and are written inline, so the file loads nothing from a CDN.
The sites, popups, legend and search are our own script (resources/web/envmap.js), which
reads the data from a JSON block and puts every text into the page as text, never as HTML.
Only a tile basemap, when the user chooses one, makes requests: for its tiles.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources as package_files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gis import atomic, symbology
from gis.basemaps import HTML_BASEMAPS, PROVIDERS
from gis.boundaries import attribution as boundary_attribution
from gis.crs import geometry_wgs84_to_gcj02
from gis.errors import EnvMapError
from gis.filters import SiteFilter
from gis.mapdata import MapData
from gis.model import Evidence, Kind, LocationBasis, RelationType, Site, Status
from gis.paths import resources_root
from gis.relocation import (
    FORMER_SITE_EN,
    FORMER_SITE_ZH,
    NEW_SITE_UNKNOWN_EN,
    NEW_SITE_UNKNOWN_ZH,
    is_former_site,
)
from gis.search import search_keys
from gis.state import CurrentState, current_state
from gis.water import WATER_ATTRIBUTION

DEFAULT_TITLE = "武汉环保行动地图 Wuhan EnvMap"
DISTRICT_LEVEL = 1  # the 60 m simplified outlines: small files, within a pixel at city scale
COORD_DECIMALS = 6  # 0.1 m
OUTLINE_DECIMALS = 5  # 1 m, finer than the 60 m simplification
PROGRESS_STEP = 500

# The basemaps the HTML export offers (its dialog and the CLI list the same ids).
_BASEMAP_LAYERS: dict[str, list[dict[str, Any]]] = {
    "none": [],
    **{
        pid: [
            {
                "url": layer.url,
                "subdomains": layer.subdomains,
                "attribution": PROVIDERS[pid].attribution,
            }
            for layer in PROVIDERS[pid].layers
        ]
        for pid in HTML_BASEMAPS[1:]
    },
}
BASEMAPS = HTML_BASEMAPS
_LAYER_TITLES = {
    "districts": ("行政区", "Districts"),
    "functional_zones": ("功能区", "Functional zones"),
    "protection_zones": ("水源保护区（示意）", "Protection zones (schematic)"),
    "rivers": ("河湖", "Rivers and lakes"),
    "sites": ("点位", "Sites"),
}
_AREA_STYLES = {
    "districts": {
        "color": symbology.css_rgba(symbology.DISTRICT_EDGE),
        "weight": 1,
        "fillColor": symbology.css_rgba(symbology.DISTRICT_FILL),
        "fillOpacity": 0.75,
    },
    "protection_zones": {
        "color": symbology.css_rgba(symbology.ZONE_EDGE),
        "weight": 1.5,
        "fillColor": symbology.css_rgba(symbology.ZONE_FILL),
        "fillOpacity": 0.35,
    },
    "line": {"color": symbology.css_rgba(symbology.RIVER_LINE), "weight": 3, "fill": False},
    "halo": {
        "color": symbology.css_rgba(symbology.HALO_EDGE),
        "weight": 1,
        "dashArray": "4 4",
        "fillColor": symbology.css_rgba(symbology.HALO_FILL),
        "fillOpacity": 1,
        "interactive": False,
        "className": "envmap-halo",
    },
}
_WATER_STYLES = {
    "lake": {
        "color": symbology.css_rgba(symbology.WATER_EDGE),
        "weight": 0.5,
        "fillColor": symbology.css_rgba(symbology.WATER_FILL),
        "fillOpacity": 1,
    },
    "river_line": {
        "color": symbology.css_rgba(symbology.WATER_LINE),
        "weight": symbology.WATER_LINE_PX,
        "fill": False,
    },
}
_WATER_STYLES["river"] = _WATER_STYLES["lake"]
_RELATION_WORDS = {
    RelationType.INSIDE_ZONE: "位于 inside",
    RelationType.DISCHARGED_INTO_ZONE: "排入 discharges into",
    RelationType.PART_OF: "属于 part of",
}


class ExportCancelled(EnvMapError):
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True)
class HtmlOptions:
    basemap: str = "none"
    title: str = DEFAULT_TITLE
    site_filter: SiteFilter | None = None
    tianditu_key: str | None = None
    embed_key: bool = False  # the key goes into the file only when the user says so
    # The current state (tracked statuses, corrected locations) the map shows, with the
    # document's own status beside any that differs; None: the documents alone.
    state: CurrentState | None = None


Progress = Callable[[int, int], None]  # (done, total); may raise ExportCancelled


def write_html(
    map_data: MapData,
    out: Path,
    options: HtmlOptions | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the map to `out`; returns the number of bytes written."""
    text = html_document(map_data, options or HtmlOptions(), progress)
    payload = text.encode("utf-8")
    atomic.write_bytes(out, payload)
    return len(payload)


def html_document(map_data: MapData, options: HtmlOptions, progress: Progress | None = None) -> str:
    if options.basemap not in BASEMAPS:
        raise EnvMapError(f"unknown basemap {options.basemap!r}; choose one of {BASEMAPS}")
    shift = options.basemap == "amap"
    data = _page_data(map_data, options, shift, progress)
    west, south, east, north = data["bounds"]
    fmap = _OfflineMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=9,
        tiles=None,
        control_scale=True,
        max_zoom=18,
    )
    figure = fmap.get_root()
    assert isinstance(figure, Figure)  # a folium map is always made inside a Figure
    figure.header.add_child(_Verbatim(f"<title>{html.escape(options.title)}</title>"), "title")
    figure.header.add_child(_Verbatim(f"<style>{_leaflet_css()}</style>"), "leaflet_css")
    figure.header.add_child(_Verbatim(f"<style>{_asset('envmap.css')}</style>"), "envmap_css")
    figure.header.add_child(_Verbatim(f"<script>{_leaflet_js()}</script>"), "leaflet_js")
    control = folium.LayerControl(collapsed=False)
    control.add_to(fmap)
    figure.html.add_child(
        _Verbatim(
            f'<script type="application/json" id="envmap-data">{_json_for_html(data)}</script>'
        ),
        "envmap_data",
    )
    _SiteLayers(fmap, control).add_to(fmap)
    return figure.render()


class _Verbatim(Element):
    """Text put into the page exactly as given. branca's Element would compile its text as a
    Jinja template, so "{{ … }}" in a site's name would run on the exporting machine."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _OfflineMap(folium.Map):
    """folium's map without its CDN links: the assets are inlined by html_document."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.default_js = []
        self.default_css = []


class _SiteLayers(MacroElement):
    """Runs envmap.js once folium has made the map and the layer control."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, fmap: folium.Map, control: folium.LayerControl) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "EnvMapSites"
        self.code = _asset("envmap.js").replace(
            "ENVMAP_MAP, ENVMAP_LAYER_CONTROL", f"{fmap.get_name()}, {control.get_name()}"
        )


def _asset(name: str) -> str:
    return (resources_root() / "web" / name).read_text(encoding="utf-8")


def _leaflet_dir() -> Traversable:
    return package_files.files("js_lib_leaflet") / "static" / "js_lib_leaflet"


def _leaflet_js() -> str:
    code = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    return code.replace("//# sourceMappingURL=leaflet.js.map", "")


def _leaflet_css() -> str:
    """Leaflet's style sheet with its images inlined as data URIs."""
    css = (_leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        image = (_leaflet_dir() / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode('ascii')})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


def _json_for_html(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element early nor be read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _page_data(
    map_data: MapData, options: HtmlOptions, shift: bool, progress: Progress | None
) -> dict[str, Any]:
    state = options.state or current_state(map_data.catalog)
    catalog = state.catalog
    kept = options.site_filter.visible(catalog, map_data.districts) if options.site_filter else None
    features = [
        f for f in map_data.features if kept is None or f.layer == "districts" or f.id in kept
    ]
    drawn: list[tuple[Site, str, BaseGeometry | None]] = [
        (
            catalog.site(f.id),
            f.layer,
            f.simplified[DISTRICT_LEVEL][1]
            if f.layer == "districts"
            else catalog.site(f.id).location.geometry,
        )
        for f in features
    ]
    # Citywide measures have no shape of their own: listed, searchable, opened over all Wuhan.
    drawn += [
        (s, "city", None)
        for s in catalog.sites
        if s.kind is Kind.CITYWIDE and (kept is None or s.id in kept)
    ]
    titles = {d.id: d.title_zh for d in catalog.documents.values()}
    by_name = sorted(catalog.sites, key=lambda s: (len(s.name_zh), s.name_zh))
    order = {s.id: i for i, s in enumerate(by_name)}  # search's tie-break, as gis.search's
    sites = []
    for done, (site, layer, geometry) in enumerate(drawn, start=1):
        sites.append(_site_record(map_data, state, site, layer, geometry, titles, shift, order))
        if progress and (done % PROGRESS_STEP == 0 or done == len(drawn)):
            progress(done, len(drawn))
    outline = shapely.union_all(
        [f.simplified[DISTRICT_LEVEL][1] for f in map_data.layer("districts")]
    )
    bounds = (geometry_wgs84_to_gcj02(outline) if shift else outline).bounds
    shown_kinds = {f.kind for f in features}
    basemap = _BASEMAP_LAYERS[options.basemap]
    embed = options.embed_key and options.basemap == "tianditu"
    key = options.tianditu_key if embed else None
    return {
        "title": options.title,
        "subtitle": f"{date.today().isoformat()} · 来源 Sources: " + "；".join(titles.values()),
        "sites": sites,
        "bounds": [round(v, 5) for v in bounds],
        "statuses": [_status_entry(s) for s in Status],
        "no_measure": {
            "value": None,
            "zh": symbology.NO_MEASURE_ZH,
            "en": symbology.NO_MEASURE_EN,
            "colour": symbology.STATUS_HEX[None],
        },
        "kinds": [
            {"value": k.value, "zh": k.label_zh, "en": k.label_en, "shape": shape}
            for k, shape in symbology.KIND_SHAPES.items()
            if k in shown_kinds
        ],
        "layers": [{"id": k, "zh": zh, "en": en} for k, (zh, en) in _LAYER_TITLES.items()],
        "area_styles": _AREA_STYLES,
        "popup": {"maxWidth": 380, "minWidth": 300, "className": "envmap-popup"},
        "legend_note": "虚线圆：位置不确定范围；水源保护区为示意。Dashed circles: location "
        "uncertainty; protection zones are schematic.",
        "attribution": [html.escape(boundary_attribution()), html.escape(WATER_ATTRIBUTION)]
        + [html.escape(layer["attribution"]) for layer in basemap[:1]],
        "water": _water(map_data, shift),
        "background": symbology.css_rgba(symbology.BACKGROUND),
        "shapes": {shape: symbology.svg_path(shape) for shape in symbology.SYMBOL_VERTICES},
        "halo_min_zoom": symbology.HALO_MIN_ZOOM,
        "basemap": {
            "name": options.basemap,
            "layers": [
                {k: v for k, v in layer.items() if k != "attribution"} | {"attribution": ""}
                for layer in basemap
            ],
            "needs_key": options.basemap == "tianditu" and key is None,
            "key": key,
        },
    }


def _water(map_data: MapData, shift: bool) -> dict[str, Any]:
    """The water at the districts' level of detail, with a style per kind."""
    features = []
    for water in map_data.water:
        geometry = water.simplified[DISTRICT_LEVEL][1] if water.simplified else water.shape
        shown = geometry_wgs84_to_gcj02(geometry) if shift else geometry
        rounded = shapely.transform(shown, lambda xy: np.round(xy, OUTLINE_DECIMALS))
        features.append(
            {"type": "Feature", "properties": {"kind": water.kind}, "geometry": mapping(rounded)}
        )
    return {"features": features, "styles": _WATER_STYLES}


def _status_entry(status: Status) -> dict[str, str]:
    return {
        "value": status.value,
        "zh": status.label_zh,
        "en": status.label_en,
        "colour": symbology.STATUS_HEX[status],
    }


def _site_record(
    map_data: MapData,
    state: CurrentState,
    site: Site,
    layer: str,
    geometry: BaseGeometry | None,
    titles: dict[str, str],
    shift: bool,
    order: dict[str, int],
) -> dict[str, Any]:
    catalog = state.catalog
    if geometry is not None:
        decimals = COORD_DECIMALS if geometry.geom_type == "Point" else OUTLINE_DECIMALS
        shown = geometry_wgs84_to_gcj02(geometry) if shift else geometry
        geometry = shapely.transform(shown, lambda xy: np.round(xy, decimals))
    measures = state.site_measures(site.id)
    status = state.site_status(site.id)
    former = layer == "sites" and is_former_site(site)
    record: dict[str, Any] = {
        "id": site.id,
        "former": former,
        "layer": layer,
        "shape": symbology.KIND_SHAPES.get(site.kind, symbology.DEFAULT_SHAPE),
        "estimate": site.location.is_estimate,
        "geometry": mapping(geometry) if geometry is not None else None,
        "props": {
            "name_zh": site.name_zh,
            "name_en": site.name_en,
            "kind": site.kind.value,
            "kind_zh": site.kind.label_zh,
            "kind_en": site.kind.label_en,
            "districts": list(map_data.districts.get(site.id, ())),
            "status": status.value if status else None,
            "precision_m": site.location.precision_m,
            "location_text": _former_text(former) + _location_text(site),
            "location_note": site.location.estimated_from or site.location.source,
            "leader": f"{site.leader.name}（{site.leader.title_zh}）" if site.leader else None,
            "relations": [
                f"{_RELATION_WORDS.get(r.type, r.type.value)} {catalog.site(r.target).name_zh}"
                for r in site.relations
            ],
            "measures": [
                {
                    "text_zh": m.measure.text_zh,
                    "status": m.status.value,
                    "as_of": m.since.isoformat() if m.since else None,
                    "document_status": m.document_status.value,
                    "status_words": m.measure.status_words,
                    "target_date": m.measure.target_date,
                    "responsible": m.measure.responsible_zh,
                    "evidence": [_evidence(e, titles) for e in m.measure.evidence],
                }
                for m in measures
            ],
            "pledges": [_evidence(e, titles) for e in site.leader.evidence] if site.leader else [],
        },
        "keys": [[source, key] for source, key, _ in search_keys(site)],
        "order": order[site.id],
    }
    if layer == "districts":
        assert geometry is not None  # a district is drawn by its outline
        anchor = geometry.representative_point()
        record["label"] = [round(anchor.x, OUTLINE_DECIMALS), round(anchor.y, OUTLINE_DECIMALS)]
    return record


def _evidence(evidence: Evidence, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "quote": evidence.quote,
        "document_title": titles.get(evidence.document, evidence.document),
        "paragraph": evidence.paragraph,
    }


def _former_text(former: bool) -> str:
    """What a former site's location means: where it was, not where it is."""
    if not former:
        return ""
    return f"{FORMER_SITE_ZH} {FORMER_SITE_EN} · {NEW_SITE_UNKNOWN_ZH} {NEW_SITE_UNKNOWN_EN} · "


def _location_text(site: Site) -> str:
    location = site.location
    point = location.geometry.representative_point()
    kind = (
        "估计 estimate"
        if location.is_estimate
        else "已更正 corrected"
        if location.basis is LocationBasis.CORRECTED
        else location.basis.value
    )
    return (
        f"{point.x:.5f}°E, {point.y:.5f}°N ±{location.precision_m:,.0f} m · {kind} · "
        f"{location.datum}"
    )
