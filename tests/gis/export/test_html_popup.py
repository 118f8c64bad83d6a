"""A site the user opens stays in sight with its popup: on a wide screen beside the open panels
(filters, list, legend), on a phone above the bottom sheet, in Chromium."""

from __future__ import annotations

import pytest

PHONE = (390, 844)

# The open site's spot on the page, in page pixels.
OPEN_SITE = """() => {
  const map = window.envmap.map, s = window.envmap.site(window.envmap.openId());
  const p = map.latLngToContainerPoint([s.lat, s.lng]);
  const box = map.getContainer().getBoundingClientRect();
  return {x: p.x + box.left, y: p.y + box.top};
}"""

# The open panels' boxes, page pixels.
PANELS = """() => [...document.querySelectorAll('.envmap-panel')]
  .filter(node => !node.hidden).map(node => node.getBoundingClientRect().toJSON())"""

# The lowest of the given sites on the page, page pixels.
LOWEST = """ids => {
  const map = window.envmap.map, box = map.getContainer().getBoundingClientRect();
  let low = null;
  for (const id of ids) {
    const s = window.envmap.site(id);
    const p = map.latLngToContainerPoint([s.lat, s.lng]);
    if (p.y < map.getSize().y && (!low || p.y > low.y)) low = {x: p.x + box.left, y: p.y + box.top};
  }
  return low;
}"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _inside(point: dict, box: dict) -> bool:
    return box["x"] <= point["x"] <= box["x"] + box["width"] and (
        box["y"] <= point["y"] <= box["y"] + box["height"]
    )


def _settled(page) -> None:
    """Waits for the map to stop moving (the popup's pan into its room is animated)."""
    page.wait_for_function("!window.envmap.map._panAnim || !window.envmap.map._panAnim._inProgress")
    page.wait_for_timeout(350)


def _clear(page) -> None:
    popup = page.locator(".leaflet-popup").bounding_box()
    site = page.evaluate(OPEN_SITE)
    map_box = page.locator(".folium-map").bounding_box()
    assert _inside(site, map_box) and _inside(site, popup) is False
    for panel in page.evaluate(PANELS):
        assert not _overlap(popup, panel), panel
        assert not _inside(site, panel), panel


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768)])
@pytest.mark.parametrize("name", ["良久商贸码头", "长江海事巡航救助基地"])
def test_a_site_found_stays_clear_of_the_open_panels(open_offline, map_html, size, name):
    page = open_offline(map_html, viewport=size).page
    page.click(".envmap-toggle-filters")
    page.click(".envmap-toggle-list")
    page.fill(".envmap-search input", name)
    page.keyboard.press("Enter")
    _settled(page)
    assert name in page.locator(".leaflet-popup-content").inner_text()
    _clear(page)


def test_a_panel_opened_over_the_popup_moves_the_popup_out(open_offline, map_html):
    page = open_offline(map_html, viewport=(1366, 768)).page
    page.evaluate("window.envmap.open('liangjiu-dock')")
    _settled(page)
    page.click(".envmap-toggle-filters")
    page.click(".envmap-toggle-list")
    _settled(page)
    _clear(page)
    assert page.evaluate("window.envmap.openId()") == "liangjiu-dock"


def test_a_site_tapped_low_on_a_phone_shows_above_the_sheet(open_offline, map_html, map_data):
    page = open_offline(map_html, viewport=PHONE).page
    points = [f.id for f in map_data.features if f.shape.geom_type == "Point"]
    low = page.evaluate(LOWEST, points)
    page.mouse.click(low["x"], low["y"])
    page.wait_for_function("window.envmap.openId() !== null")
    sheet = page.locator(".envmap-sheet").bounding_box()
    site = page.evaluate(OPEN_SITE)
    map_box = page.locator(".folium-map").bounding_box()
    assert map_box["y"] < site["y"] < sheet["y"] - 8


# Puts the site at a fraction (fx, fy) of the map's width and height at zoom 14; its page spot.
SITE_AT = """([id, fx, fy]) => {
  const map = window.envmap.map, s = window.envmap.site(id);
  map.setView([s.lat, s.lng], 14, {animate: false});
  const size = map.getSize(), p = map.latLngToContainerPoint([s.lat, s.lng]);
  map.panBy([p.x - size.x * fx, p.y - size.y * fy], {animate: false});
  const q = map.latLngToContainerPoint([s.lat, s.lng]);
  const box = map.getContainer().getBoundingClientRect();
  return {x: q.x + box.left, y: q.y + box.top};
}"""

CONTROLS = """() => [...document.querySelectorAll('.leaflet-control')]
  .map(node => node.getBoundingClientRect().toJSON()).filter(box => box.width && box.height)"""


@pytest.mark.parametrize("height", [0.3, 0.5, 0.7])
def test_a_popup_at_the_right_edge_stays_clear_of_the_controls(open_offline, map_html, height):
    """With no panel open, a site clicked at the map's right edge: its popup (which would reach
    up under the layers control in the top right corner) and the site stay clear of every
    map control."""
    page = open_offline(map_html, viewport=(1366, 768)).page
    if page.evaluate(PANELS):  # the legend opens with the page on a desktop
        page.click(".envmap-toggle-legend")
    assert not page.evaluate(PANELS)
    at = page.evaluate(SITE_AT, ["liangjiu-dock", 0.985, height])
    page.mouse.click(at["x"], at["y"])
    page.wait_for_function("window.envmap.openId() === 'liangjiu-dock'")
    _settled(page)
    popup = page.locator(".leaflet-popup").bounding_box()
    site = page.evaluate(OPEN_SITE)
    map_box = page.locator(".folium-map").bounding_box()
    assert _inside(site, map_box)
    controls = page.evaluate(CONTROLS)
    assert any(c["x"] > map_box["x"] + map_box["width"] / 2 for c in controls)  # the layers'
    for control in controls:
        assert not _overlap(popup, control), control
        assert not _inside(site, control), control
