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


def test_former_sites_are_hollow_and_say_so(open_offline, page_file, catalog):
    page = open_offline(page_file).page
    former = page.locator(".envmap-site-former")
    assert former.count() == len(former_site_ids(catalog.sites)) == 3
    assert former.first.text_content() == "原址"
    assert not former.first.locator(".envmap-former-label").is_visible()  # city scale
    page.evaluate("window.envmap.open('liangjiu-dock')")
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "原址" in popup and "新址不详" in popup


def test_halos_show_only_from_street_zoom(open_offline, page_file):
    page = open_offline(page_file).page
    halos = page.locator("path.envmap-halo")
    assert halos.count() > 0
    assert not halos.first.is_visible()  # the city view
    page.evaluate(f"window.envmap.map.setZoom({symbology.HALO_MIN_ZOOM}, {{animate: false}})")
    page.wait_for_function(
        "!window.envmap.map.getContainer().classList.contains('envmap-halos-hidden')"
    )
    assert page.locator("path.envmap-halo").evaluate_all(
        "nodes => nodes.some(n => getComputedStyle(n).display !== 'none')"
    )
