"""The exported map's district names at the city view, on a desktop and a phone screen: all
thirteen show, none covers another name or a map control, and they are placed again after a
zoom or a pan."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from gis import build_map_data
from gis.export.html import write_html

DESKTOP, PHONE = (1440, 900), (390, 844)

# The page's visible district names and controls, as [text, left, top, right, bottom].
_BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter(node => node.getClientRects().length && getComputedStyle(node).visibility !== 'hidden')
  .map(node => { const r = node.getBoundingClientRect();
                 return [node.textContent, r.left, r.top, r.right, r.bottom]; })"""


@pytest.fixture(scope="module")
def page_file(catalog, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("labels") / "map.html"
    write_html(build_map_data(catalog), out)
    return out


def _overlap(a, b) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


def _names(page) -> list:
    page.wait_for_timeout(50)  # the redraw after the move
    return page.evaluate(_BOXES, ".envmap-label-text")


def _assert_apart(page) -> list:
    names = _names(page)
    controls = page.evaluate(_BOXES, ".leaflet-control")
    for i, name in enumerate(names):
        for other in names[i + 1 :]:
            assert not _overlap(name, other), (name, other)
        for control in controls:
            assert not _overlap(name, control), (name, control[0][:20])
    return names


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_district_is_named_apart_at_the_city_view(open_offline, page_file, catalog, viewport):
    page = open_offline(page_file, viewport=viewport).page
    names = _assert_apart(page)
    districts = {s.name_zh for s in catalog.sites if s.id in _district_ids(catalog)}
    assert {name[0] for name in names} == districts
    assert len(districts) == 13
    width, height = viewport
    for name in names:
        assert name[1] >= 0 and name[3] <= width and name[2] >= 0 and name[4] <= height


def test_names_are_placed_again_after_zoom_and_pan(open_offline, page_file):
    page = open_offline(page_file, viewport=PHONE).page
    page.evaluate("window.envmap.map.zoomIn(1, {animate: false})")
    assert len(_assert_apart(page)) >= 7  # the centre's names, more room each
    page.evaluate("window.envmap.map.panBy([120, -80], {animate: false})")
    _assert_apart(page)
    page.evaluate("window.envmap.map.setZoom(13, {animate: false})")
    _assert_apart(page)


@pytest.mark.parametrize("name", ["legend", "filters", "list"])
def test_names_make_room_for_an_opened_panel(open_offline, page_file, name):
    page = open_offline(page_file, viewport=DESKTOP).page
    selector = f".envmap-panel[data-panel='{name}']"
    if not page.evaluate(_BOXES, selector):  # the legend opens with the page on a desktop
        page.click(f".envmap-toggle-{name}")
    panel = page.evaluate(_BOXES, selector)
    assert len(panel) == 1
    for shown in _assert_apart(page):
        assert not _overlap(shown, panel[0]), (shown[0], name)
    page.click(f".envmap-toggle-{name}")
    assert not page.evaluate(_BOXES, selector)
    assert len(_assert_apart(page)) == 13  # closed: every name shows


# The longest leader a name may hang on: at the city view on a phone the central districts are
# 30-60 px across and a name is 16 px high, so a leader longer than about three names' height
# crosses a neighbouring district and points the eye to the wrong one (江汉区 hung on 51 px).
LONGEST_LEADER = 45

_LEADERS = """() => [...document.querySelectorAll('.envmap-leader')]
  .filter(line => !line.hidden && line.getClientRects().length)
  .map(line => [line.parentNode.querySelector('.envmap-label-text').textContent,
                line.getBoundingClientRect().width, line.getBoundingClientRect().height])"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_names_hang_on_short_leaders(open_offline, page_file, viewport):
    """Every district is named at the city view and one step in, next to its anchor: no name
    is led further than LONGEST_LEADER from its district."""
    page = open_offline(page_file, viewport=viewport).page
    for step in range(2):
        if step:
            page.evaluate("window.envmap.map.zoomIn(1, {animate: false})")
        names = _assert_apart(page)
        if not step:
            assert len(names) == 13
        leaders = page.evaluate(_LEADERS)
        assert leaders, "the crowded centre needs some leaders"
        for name, width, height in leaders:
            assert math.hypot(width, height) <= LONGEST_LEADER, (name, width, height, step)


def _district_ids(catalog) -> set[str]:
    return {s.id for s in catalog.sites if s.kind.value == "district"}
