"""The map as one self-contained HTML file (folium + Leaflet) that works with no network.

folium builds the map shell (our script adds a metric scale bar); Leaflet and its images
come from the django-js-lib-leaflet package and are written inline, so the file loads nothing
from a CDN.
The page's settings and texts are one JSON block; the sites are one packed columnar block
(gis/export/html_data.py). Our own scripts (resources/web/envmap*.js) draw the sites on a
canvas and build the bar, search, filters, list, legend, popups and permalinks, putting every
text into the page as text, never as HTML. Only a tile basemap, when the user chooses one,
makes requests: for its tiles.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
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

from gis import atomic, symbology
from gis import status_rules as rules
from gis.basemaps import HTML_BASEMAPS, PROVIDERS
from gis.boundaries import attribution as boundary_attribution
from gis.crs import geometry_wgs84_to_gcj02
from gis.errors import EnvMapError
from gis.export.html_data import DISTRICT_LEVEL, FLAGS, OUTLINE_DECIMALS, packed, site_columns
from gis.filters import SiteFilter
from gis.mapdata import MapData
from gis.model import Document, Kind, Status
from gis.paths import resources_root
from gis.relocation import FORMER_SITE_ZH
from gis.state import CurrentState, current_state
from gis.water import WATER_ATTRIBUTION

DEFAULT_TITLE = "武汉环保行动地图 Wuhan EnvMap"

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
    data, sites = _page_data(map_data, options, shift, progress)
    west, south, east, north = data["bounds"]
    fmap = _OfflineMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=9,
        tiles=None,
        max_zoom=18,
    )
    figure = fmap.get_root()
    assert isinstance(figure, Figure)  # a folium map is always made inside a Figure
    figure.header.add_child(_Verbatim(f"<title>{html.escape(options.title)}</title>"), "title")
    figure.header.add_child(_Verbatim(f"<style>{_leaflet_css()}</style>"), "leaflet_css")
    figure.header.add_child(_Verbatim(f"<style>{_asset('envmap.css')}</style>"), "envmap_css")
    figure.header.add_child(_Verbatim(f"<script>{_leaflet_js()}</script>"), "leaflet_js")
    figure.html.add_child(
        _Verbatim(
            f'<script type="application/json" id="envmap-data">{_json_for_html(data)}</script>'
            f'<script type="application/octet-stream" id="envmap-sites">{sites}</script>'
        ),
        "envmap_data",
    )
    _SiteLayers(fmap).add_to(fmap)
    return figure.render().replace("<html>", '<html lang="zh-CN">', 1)


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
    """Runs envmap.js once folium has made the map."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, fmap: folium.Map) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "EnvMapSites"
        parts = (
            "envmap_ui.js",
            "envmap_search.js",
            "envmap_panels.js",
            "envmap_canvas.js",
            "envmap_labels.js",
            "envmap_sites.js",
            "envmap.js",
        )
        code = "\n".join(_asset(name) for name in parts)
        self.code = code.replace("ENVMAP_MAP", fmap.get_name())


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
) -> tuple[dict[str, Any], str]:
    """The page's settings and texts (plain JSON) and its sites (the packed columnar block)."""
    state = options.state or current_state(map_data.catalog)
    catalog = state.catalog
    kept = options.site_filter.visible(catalog, map_data.districts) if options.site_filter else None
    columns = site_columns(map_data, state, kept, shift, progress)
    outline = shapely.union_all(
        [f.simplified[DISTRICT_LEVEL][1] for f in map_data.layer("districts")]
    )
    bounds = (geometry_wgs84_to_gcj02(outline) if shift else outline).bounds
    documents = [catalog.documents[d] for d in columns["tables"]["documents"]]
    basemap = _BASEMAP_LAYERS[options.basemap]
    embed = options.embed_key and options.basemap == "tianditu"
    key = options.tianditu_key if embed else None
    meta = {
        "title": options.title,
        "subtitle": "文件日期 Documents: " + "；".join(_dated(d) for d in documents),
        "documents": [{"title": d.title_zh, "date": _date_range(d)} for d in documents],
        "bounds": [round(v, 5) for v in bounds],
        "statuses": [_status_entry(s) for s in Status],
        "no_measure": {
            "value": None,
            "zh": symbology.NO_MEASURE_ZH,
            "en": symbology.NO_MEASURE_EN,
            "colour": symbology.STATUS_HEX[None],
        },
        "flags": [
            {"id": flag, "bit": bit, "words": rules.FLAG_WORDS.get(flag, flag)}
            for bit, flag in enumerate(FLAGS, start=1)
        ],
        "kinds": [
            {
                "value": k.value,
                "zh": k.label_zh,
                "en": k.label_en,
                "shape": symbology.KIND_SHAPES.get(k, symbology.DEFAULT_SHAPE),
            }
            for k in Kind
        ],
        "layers": [{"id": k, "zh": zh, "en": en} for k, (zh, en) in _LAYER_TITLES.items()],
        "area_styles": _AREA_STYLES,
        "selection": symbology.SELECTION,
        "water": _water(map_data, shift),
        "background": symbology.css_rgba(symbology.BACKGROUND),
        "shapes": {
            shape: symbology.svg_path(shape)
            for shape in (*symbology.SYMBOL_VERTICES, symbology.DEFAULT_SHAPE)
        },
        "halo_min_zoom": symbology.HALO_MIN_ZOOM,
        "former": {
            "label": FORMER_SITE_ZH,
            "edge": symbology.css_rgba(symbology.FORMER_EDGE),
            "fill": symbology.css_rgba(symbology.FORMER_FILL),
        },
        "popup": {"maxWidth": 380, "minWidth": 300, "className": "envmap-popup"},
        "legend_note": "虚线圆：位置不确定范围（放大后显示）；水源保护区为示意。Dashed circles: "
        "location uncertainty (shown when zoomed in); protection zones are schematic.",
        "attribution": [html.escape(boundary_attribution()), html.escape(WATER_ATTRIBUTION)]
        + [html.escape(layer["attribution"]) for layer in basemap[:1]],
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
    return meta, packed(columns)


def _date_range(document: Document) -> str:
    start, end = document.date_from.isoformat(), document.date_to.isoformat()
    return start if start == end else f"{start}–{end}"


def _dated(document: Document) -> str:
    return f"{document.title_zh}（{_date_range(document)}）"


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
