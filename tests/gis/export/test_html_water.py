"""The exported HTML map carries the water, its credit, former sites and the halo zoom."""

from __future__ import annotations

from pathlib import Path

import pytest

from gis import build_map_data, symbology
from gis.export.html import write_html
from gis.relocation import former_site_ids


@pytest.fixture(scope="module")
def page_file(catalog, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "map.html"
    write_html(build_map_data(catalog), out)
    return out


def test_water_lies_under_the_sites_and_is_credited(open_offline, page_file):
    page = open_offline(page_file).page
    fill = symbology.css_rgba(symbology.WATER_FILL)
    water = page.locator(f'path[fill="{fill}"]')
    assert water.count() > 5
    assert "GSHHG" in page.locator(".leaflet-control-attribution").inner_text()
    background = page.evaluate("getComputedStyle(window.envmap.map.getContainer()).backgroundColor")
    red, _green, blue = (int(v) for v in background[background.index("(") + 1 : -1].split(",")[:3])
    assert blue - red < 10  # neutral land outside Wuhan, not water-blue


# The colour of the site canvas's pixel at a site (RGBA), the view set on it at `zoom`.
_PIXEL_AT = """([id, zoom]) => {
  const map = window.envmap.map, site = window.envmap.site(id);
  map.setView([site.lat, site.lng], zoom, {animate: false});
  map.fire("moveend");
  const p = map.latLngToContainerPoint([site.lat, site.lng]);
  const canvas = document.querySelector(".envmap-canvas");
  const box = canvas.getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
  const x = Math.round((p.x + frame.left - box.left) * canvas.width / box.width);
  const y = Math.round((p.y + frame.top - box.top) * canvas.height / box.height);
  return Array.from(canvas.getContext("2d").getImageData(x, y, 1, 1).data);
}"""


def test_former_sites_are_hollow_and_say_so(open_offline, page_file, catalog):
    page = open_offline(page_file).page
    ids = [s.id for s in catalog.sites]
    former = page.evaluate("ids => ids.filter(id => (window.envmap.site(id) || {}).former)", ids)
    assert sorted(former) == sorted(former_site_ids(catalog.sites))
    assert len(former) == 3
    red, green, blue, alpha = page.evaluate(_PIXEL_AT, ["liangjiu-dock", 16])
    assert min(red, green, blue) > 230 and alpha > 150  # hollow, not a status colour
    red, green, blue, _ = page.evaluate(_PIXEL_AT, ["pinghumen-water-plant", 16])
    assert max(red, green, blue) - min(red, green, blue) > 40  # a drawn site keeps its colour
    page.evaluate("window.envmap.open('liangjiu-dock')")
    popup = page.locator(".leaflet-popup-content, .envmap-sheet").first.inner_text()
    assert "原址" in popup and "新址不详" in popup


def test_halos_show_only_from_street_zoom(open_offline, page_file, catalog):
    """The 15 km halo of 东湖高新区 greys nothing at city scale; zoomed in it is there."""
    page = open_offline(page_file).page
    site = "east-lake-hightech-zone"
    assert catalog.site(site).location.precision_m >= 10_000
    offset = """([id, zoom]) => {
      const map = window.envmap.map, site = window.envmap.site(id);
      map.setView([site.lat + 0.02, site.lng], zoom, {animate: false});
      map.fire("moveend");
      const p = map.latLngToContainerPoint([site.lat, site.lng]).add([0, -40]);
      const canvas = document.querySelector(".envmap-canvas");
      const box = canvas.getBoundingClientRect();
      const frame = map.getContainer().getBoundingClientRect();
      const x = Math.round((p.x + frame.left - box.left) * canvas.width / box.width);
      const y = Math.round((p.y + frame.top - box.top) * canvas.height / box.height);
      return canvas.getContext("2d").getImageData(x, y, 1, 1).data[3];
    }"""
    assert page.evaluate(offset, [site, symbology.HALO_MIN_ZOOM - 2]) == 0
    assert page.evaluate(offset, [site, symbology.HALO_MIN_ZOOM]) > 0


def test_the_command_line_draws_the_water_of_the_data_folder_it_is_given(data_copy, tmp_path):
    """`--data DIR`: the water is DIR's (here: none), not the shipped folder's."""
    import json
    import re

    from gis.cli import main

    (data_copy / "water" / "water.geojson").unlink()
    out = tmp_path / "map.html"
    assert main(["--data", str(data_copy), "--catalog-only", "export", "html", str(out)]) == 0
    page = out.read_text("utf-8")
    found = re.search(r'id="envmap-data">(.*?)</script>', page, re.S)
    assert found
    assert json.loads(found.group(1))["water"]["features"] == []
