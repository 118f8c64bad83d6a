"""The exported map on a phone (390×844), from the keyboard, and on paper, in Chromium; its
legend clear of the scale bar on office screens and phones."""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise

import pytest

PHONE = (390, 844)

# The share of the screen where a tap reaches the map itself (not a bar, panel or control).
MAP_SHARE = """() => {
  const map = window.envmap.map.getContainer();
  let onMap = 0, all = 0;
  for (let y = 2; y < innerHeight; y += 8) for (let x = 2; x < innerWidth; x += 8) {
    all++;
    const hit = document.elementFromPoint(x, y);
    if (hit && map.contains(hit) && !hit.closest('.leaflet-control, .envmap-panel')) onMap++;
  }
  return onMap / all;
}"""

# Whether each zoom button is what a tap at its centre and near each corner reaches.
ZOOM_CLEAR = """() => [...document.querySelectorAll('.leaflet-control-zoom a')].every(button => {
  const r = button.getBoundingClientRect();
  return [[0.5, 0.5], [0.15, 0.15], [0.85, 0.15], [0.15, 0.85], [0.85, 0.85]].every(([fx, fy]) =>
    button.contains(document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy)));
})"""


def _inside(box: dict, width: int, height: int) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


def test_phone_gives_the_map_the_screen_and_keeps_the_zoom_buttons_clear(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE)
    assert page.page.evaluate(MAP_SHARE) >= 0.75
    assert page.page.locator(".leaflet-control-zoom").is_visible()
    assert page.page.evaluate(ZOOM_CLEAR)
    # the layer list is a button: a tap on the map cannot switch a layer off
    assert page.page.locator(".leaflet-control-layers-list").is_hidden()
    assert page.page.locator(".envmap-legend").is_hidden()
    page.page.click(".envmap-toggle-legend")
    legend = page.page.locator(".envmap-legend")
    assert legend.is_visible() and _inside(legend.bounding_box(), *PHONE)
    assert page.page.evaluate(ZOOM_CLEAR)
    assert page.errors() == []


def test_phone_shows_every_button_of_the_bar_on_screen(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE)
    tools = page.page.locator(".envmap-tools > *")
    assert tools.count() >= 5
    for i in range(tools.count()):
        if tools.nth(i).is_visible():
            box = tools.nth(i).bounding_box()
            assert box and _inside(box, *PHONE), tools.nth(i).inner_text()
    full = page.page.locator(".envmap-fullscreen")
    assert full.inner_text().strip() == "全屏"  # Chinese on the button, both for its name
    assert full.get_attribute("aria-label") == "全屏 Full screen"
    assert page.page.evaluate(MAP_SHARE) >= 0.75
    assert page.errors() == []


def test_phone_credits_leave_the_scale_bar_and_the_count_readable(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE)
    credits = page.page.locator(".leaflet-control-attribution").bounding_box()
    scale = page.page.locator(".leaflet-control-scale").bounding_box()
    assert credits and scale and _inside(scale, *PHONE)
    assert scale["y"] + scale["height"] <= credits["y"]  # above the credits, not beneath them
    page.page.evaluate("window.envmap.map.setZoom(11, {animate: false})")  # thinned: counted
    count = page.page.locator(".envmap-drawn")
    if count.inner_text():
        box = count.bounding_box()
        assert box and box["y"] + box["height"] <= credits["y"]


def test_phone_popup_is_a_bottom_sheet_fully_on_screen(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE)
    page.page.fill(".envmap-search input", "良久")
    page.page.keyboard.press("Enter")
    sheet = page.page.locator(".envmap-sheet")
    assert sheet.is_visible() and _inside(sheet.bounding_box(), *PHONE)
    assert "良久商贸码头" in sheet.inner_text() and "第21段" in sheet.inner_text()
    assert page.page.locator(".leaflet-popup").count() == 0
    assert page.page.evaluate(ZOOM_CLEAR)
    assert page.page.evaluate(MAP_SHARE) >= 0.4
    site_y = page.page.evaluate(
        "(() => { const s = window.envmap.site('liangjiu-dock');"
        " const p = window.envmap.map.latLngToContainerPoint([s.lat, s.lng]);"
        " return p.y + window.envmap.map.getContainer().getBoundingClientRect().top; })()"
    )
    assert 0 < site_y < sheet.bounding_box()["y"]  # the site stays in sight above the sheet
    page.page.click(".envmap-toggle-filters")  # a drawer replaces the sheet, never under it
    assert sheet.is_hidden() and page.page.locator(".envmap-filters").is_visible()
    page.page.click(".envmap-filters .envmap-panel-close")
    page.page.evaluate("window.envmap.open('liangjiu-dock')")
    page.page.click(".envmap-sheet-close")
    assert sheet.is_hidden()


def test_keyboard_starts_at_search_and_the_page_is_chinese(open_offline, map_html):
    page = open_offline(map_html, viewport=(1366, 768))
    assert page.page.evaluate("document.documentElement.lang") == "zh-CN"
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.closest('.envmap-search') !== null")


def test_search_lists_every_hit_count_above_the_legend(open_offline, map_html, catalog):
    from gis.search import search

    page = open_offline(map_html, viewport=(1366, 768))
    page.page.fill(".envmap-search input", "码头")
    expected = len(search(catalog, "码头", limit=10_000))
    assert f"共 {expected} 条" in page.page.locator(".envmap-results-count").inner_text()
    last = page.page.locator(".envmap-results li").last
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    reached = page.page.evaluate(
        f"document.elementFromPoint({box['x'] + 5}, {box['y'] + box['height'] / 2})"
        ".closest('.envmap-results') !== null"
    )
    assert reached  # not under the legend


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext: apt-get poppler-utils")
def test_printing_shows_map_popup_and_legend_without_controls(open_offline, map_html, tmp_path):
    page = open_offline(map_html, viewport=(1366, 768))
    page.page.evaluate("window.envmap.open('liangjiu-dock')")
    page.page.emulate_media(media="print")
    pdf = tmp_path / "map.pdf"
    page.page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "良久商贸码头" in text and "实施了平湖水厂一级保护区内良久商贸码头搬迁" in text
    assert "图例 Legend" in text and "推进中 in progress" in text and "码头 dock" in text
    for control in ("筛选 Filters", "列表 List", "复制链接", "全屏", "点位 Sites", "−"):
        assert control not in text, control


def _apart(upper: dict, lower: dict, gap: float) -> bool:
    """`upper` ends at least `gap` pixels above `lower`, or they are side by side."""
    side_by_side = (
        upper["x"] + upper["width"] <= lower["x"] or lower["x"] + lower["width"] <= upper["x"]
    )
    return side_by_side or upper["y"] + upper["height"] + gap <= lower["y"]


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768), PHONE])
def test_the_legend_stands_clear_of_the_scale_bar_and_the_count(open_offline, map_html, size):
    page = open_offline(map_html, viewport=size)
    if size == PHONE:
        page.page.click(".envmap-toggle-legend")
    legend = page.page.locator(".envmap-legend")
    scale = page.page.locator(".leaflet-control-scale")
    assert legend.is_visible() and scale.is_visible()
    assert _apart(legend.bounding_box(), scale.bounding_box(), gap=4)
    page.page.evaluate(  # the city's centre, thinned: counted
        "(() => { const s = window.envmap.site('liangjiu-dock');"
        " window.envmap.map.setView([s.lat, s.lng], 10, {animate: false}); })()"
    )
    count = page.page.locator(".envmap-drawn")
    page.page.wait_for_function("document.querySelector('.envmap-drawn').textContent !== ''")
    assert _apart(legend.bounding_box(), scale.bounding_box(), gap=4)
    assert _apart(legend.bounding_box(), count.bounding_box(), gap=4)


# The district names shown on the map, with the point each names (its marker), page pixels.
NAMES_SHOWN = """() => [...document.querySelectorAll('.envmap-label-text')]
  .filter(node => getComputedStyle(node).visibility !== 'hidden')
  .map(node => {
    const r = node.getBoundingClientRect(), at = node.parentNode.getBoundingClientRect();
    return {name: node.textContent, x: r.x, y: r.y, width: r.width, height: r.height,
            anchorY: at.top};
  })"""


def _overlap(a: dict, b: dict) -> bool:
    return not _apart(a, b, 0) and not _apart(b, a, 0)


def test_phone_filters_drawer_keeps_the_names_apart_and_fits_a_thumb(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE).page
    page.click(".envmap-toggle-filters")
    drawer = page.locator(".envmap-filters").bounding_box()
    names = page.evaluate(NAMES_SHOWN)
    for name in names:  # none led into the strip above the drawer from a district under it
        assert name["anchorY"] < drawer["y"] and name["y"] + name["height"] <= drawer["y"], name
    for i, name in enumerate(names):
        for other in names[i + 1 :]:
            assert not _overlap(name, other), (name["name"], other["name"])
    # nothing of the map shows through the rows
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.envmap-filters')).backgroundColor"
    )
    assert background == "rgb(255, 255, 255)"
    rows = page.locator(".envmap-filters .envmap-filter")
    boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
    assert all(box["height"] >= 40 for box in boxes)  # a thumb's height each
    assert all(_apart(upper, lower, 0) for upper, lower in pairwise(boxes))
    district = page.locator("input[data-group=district]").nth(2)
    district.scroll_into_view_if_needed()
    district.locator("..").click()  # a tap on the row's name toggles it
    assert not district.is_checked()
    close = page.locator(".envmap-filters .envmap-panel-close").bounding_box()
    assert close["width"] >= 44 and close["height"] >= 44


# The city's districts' box on the page.
CITY_BOX = """() => {
  const boxes = [...document.querySelectorAll('path.envmap-districts')]
    .map(path => path.getBoundingClientRect());
  return {top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom))};
}"""


def test_phone_drawer_moves_the_city_into_sight_and_back(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE).page
    start = page.evaluate("window.envmap.map.getCenter()")
    page.click(".envmap-toggle-filters")
    drawer = page.locator(".envmap-filters").bounding_box()
    city = page.evaluate(CITY_BOX)
    bar = page.locator(".envmap-bar").bounding_box()
    assert bar["y"] + bar["height"] <= city["top"] and city["bottom"] <= drawer["y"]
    page.click(".envmap-toggle-list")  # one drawer replaces the other
    assert page.locator(".envmap-filters").is_hidden()
    assert page.locator(".envmap-toggle-filters").get_attribute("aria-expanded") == "false"
    assert (
        page.evaluate(CITY_BOX)["bottom"] <= page.locator(".envmap-list-panel").bounding_box()["y"]
    )
    page.click(".envmap-list-panel .envmap-panel-close")
    back = page.evaluate("window.envmap.map.getCenter()")
    assert abs(back["lat"] - start["lat"]) < 1e-6 and abs(back["lng"] - start["lng"]) < 1e-6


def test_phone_filters_keep_their_count_in_sight_while_scrolled(open_offline, map_html):
    page = open_offline(map_html, viewport=PHONE).page
    page.click(".envmap-toggle-filters")
    district = page.locator("input[data-group=district]").last
    district.scroll_into_view_if_needed()
    district.locator("..").click()
    summary = page.locator(".envmap-filter-summary")
    box = summary.bounding_box()
    body = page.locator(".envmap-filters .envmap-panel-body").bounding_box()
    assert body["y"] <= box["y"] and box["y"] + box["height"] <= body["y"] + body["height"]
    seen = page.evaluate(
        f"document.elementFromPoint({box['x'] + 20}, {box['y'] + box['height'] / 2})"
        ".closest('.envmap-filter-summary') !== null"
    )
    assert seen  # on top, not scrolled away nor under a row
    assert summary.inner_text().startswith("显示 ")


def test_phone_shows_the_documents_dates_whole_on_a_tap(open_offline, map_html, catalog):
    page = open_offline(map_html, viewport=PHONE).page
    cut = "(node => node.scrollWidth > node.clientWidth)"
    subtitle = page.locator(".envmap-subtitle")
    assert subtitle.evaluate(cut)  # one line, cut short
    subtitle.click()
    assert not subtitle.evaluate(cut)
    box = subtitle.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
    text = subtitle.inner_text()
    assert all(d.date_to.isoformat() in text for d in catalog.documents.values())
    bar = page.locator(".envmap-bar").bounding_box()
    map_box = page.locator(".folium-map").bounding_box()
    assert map_box["y"] >= bar["y"] + bar["height"] - 1  # the map moved down, not under it
    assert page.evaluate(
        "window.envmap.map.getSize().y === Math.round("
        "window.envmap.map.getContainer().getBoundingClientRect().height)"
    )
    subtitle.click()
    assert subtitle.evaluate(cut)
