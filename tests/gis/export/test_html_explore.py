"""Exploring the exported map in Chromium: filters with counts, the list that follows them and
the view, permalinks (written, read on hashchange, copied), and hostile #site= values."""

from __future__ import annotations

from collections import Counter

import pytest

from gis import Kind, Status
from gis.state import current_state
from gis.status_rules import OVERDUE

HOSTILE = [
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "%E0%A4%A",  # a broken %-escape
    "%",
    "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "<script>alert(2)</script>",
    "liangjiu-dock%00",
    "x&site=__proto__&map=3/999/999",
]


def _listed(map_data) -> list[str]:
    """The sites the page lists and filters: every drawn site but the districts, citywide too."""
    drawn = [f.id for f in map_data.features if f.layer != "districts"]
    return drawn + [s.id for s in map_data.catalog.sites if s.kind is Kind.CITYWIDE]


def _count(page, group: str, index: int) -> int:
    label = page.locator(f"input[data-group={group}][data-index='{index}']").locator("..")
    return int(label.locator(".envmap-count").inner_text().strip("()"))


def _shown(page) -> int:
    return int(page.locator(".envmap-filter-summary").inner_text().split()[1])


def test_status_and_kind_filters_count_and_hide(open_offline, map_html, map_data):
    state = current_state(map_data.catalog)
    listed = _listed(map_data)
    by_status = Counter(state.site_status(i) for i in listed)
    page = open_offline(map_html).page
    page.click(".envmap-toggle-filters")
    statuses = [*Status, None]
    assert [_count(page, "status", i) for i in range(len(statuses))] == [
        by_status[s] for s in statuses
    ]
    assert _shown(page) == len(listed)
    for index, status in enumerate(statuses):
        if status is not Status.IN_PROGRESS:
            page.uncheck(f"input[data-group=status][data-index='{index}']")
    kept = [i for i in listed if state.site_status(i) is Status.IN_PROGRESS]
    assert _shown(page) == len(kept) >= 1
    points = {f.id for f in map_data.features if f.shape.geom_type == "Point"}
    assert page.evaluate("window.envmap.drawn().inView") == len(points & set(kept))
    assert page.evaluate("window.envmap.site('liangjiu-dock').shown") is False  # completed
    kinds = list(Kind)
    dock = kinds.index(Kind.DOCK)
    docks = [i for i in kept if map_data.catalog.site(i).kind is Kind.DOCK]
    assert _count(page, "kind", dock) == len(docks)  # counts follow the other groups
    page.uncheck(f"input[data-group=kind][data-index='{dock}']")
    assert _shown(page) == len(kept) - len(docks)


def test_overdue_district_and_document_filters(open_offline, map_html, map_data):
    catalog = map_data.catalog
    state = current_state(catalog)
    listed = _listed(map_data)
    overdue = [i for i in listed if any(OVERDUE in m.flags for m in state.site_measures(i))]
    page = open_offline(map_html).page
    page.click(".envmap-toggle-filters")
    flag = page.locator("input[data-flag=overdue]").locator("..")
    assert int(flag.locator(".envmap-count").inner_text().strip("()")) == len(overdue)
    page.check("input[data-flag=overdue]")
    assert _shown(page) == len(overdue)
    page.uncheck("input[data-flag=overdue]")
    district = "江岸区"
    index = page.evaluate(
        "[...document.querySelectorAll('input[data-group=district]')]"
        f".findIndex(box => box.parentNode.textContent.startsWith({district!r}))"
    )
    inside = [i for i in listed if district in map_data.districts.get(i, ())]
    assert _count(page, "district", index) == len(inside) >= 1
    documents = list(catalog.documents)
    cites = Counter(
        d
        for i in listed
        for d in {e.document for m in state.site_measures(i) for e in m.measure.evidence}
        | {e.document for e in (catalog.site(i).leader.evidence if catalog.site(i).leader else ())}
    )
    assert [_count(page, "document", i) for i in range(len(documents))] == [
        cites[d] for d in documents
    ]
    for i in range(len(documents)):
        page.uncheck(f"input[data-group=document][data-index='{i}']")
    assert _shown(page) == _count(page, "document", len(documents))  # those citing none


def test_list_follows_filters_and_view(open_offline, map_html, map_data):
    state = current_state(map_data.catalog)
    listed = _listed(map_data)
    measures = sum(len(state.site_measures(i)) for i in listed)
    page = open_offline(map_html).page
    page.click(".envmap-toggle-list")
    heading = page.locator(".envmap-list-count")
    assert f"视图内 {len(listed)} 处" in heading.inner_text()
    assert f"、{measures} 项措施" in heading.inner_text()
    page.evaluate("window.envmap.open('liangjiu-dock')")
    page.wait_for_function(
        "!document.querySelector('.envmap-list-count').textContent.includes("
        f"'视图内 {len(listed)} ')"
    )
    names = page.locator(".envmap-list-name").all_inner_texts()
    assert "良久商贸码头" in names and len(names) < len(listed)
    own = state.site_measures("liangjiu-dock")[0].measure.text_zh
    assert own in page.locator(".envmap-list").inner_text()
    # Away from the site (still in view): the click moves the map, which rebuilds the list.
    page.evaluate("window.envmap.map.panBy([40, 0], {animate: false})")
    page.locator(".envmap-list-name", has_text="良久商贸码头").click()
    assert page.evaluate("window.envmap.openId()") == "liangjiu-dock"  # open, not closing
    assert "良久商贸码头" in page.locator(".leaflet-popup-content").last.inner_text()
    page.click(".envmap-toggle-filters")
    dock = list(Kind).index(Kind.DOCK)
    page.uncheck(f"input[data-group=kind][data-index='{dock}']")
    assert "良久商贸码头" not in page.locator(".envmap-list-name").all_inner_texts()


# The map stands still and the address says so.
SETTLED = (
    "(() => { const map = window.envmap.map, c = map.getCenter();"
    " return !(map._panAnim && map._panAnim._inProgress) && location.hash.startsWith("
    " `#map=${map.getZoom()}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}&`); })()"
)
# The link the copy button gave: on the clipboard, or in the box shown when it is refused.
COPIED = (
    "document.querySelector('.envmap-copy').textContent.startsWith('已复制')"
    " || !document.querySelector('.envmap-link').hidden"
)


def _copy(page) -> str:
    page.click(".envmap-copy")
    page.wait_for_function(COPIED)
    return page.evaluate(
        "document.querySelector('.envmap-link').hidden ? navigator.clipboard.readText()"
        " : document.querySelector('.envmap-link').value"
    )


def test_permalink_round_trip_and_hashchange(open_offline, map_html, catalog):
    first = open_offline(map_html)
    first.page.evaluate("window.envmap.open('liangjiu-dock')")
    first.page.wait_for_function("location.hash.includes('site=liangjiu-dock')")
    # the popup pans into sight (animated); the address follows once the map stands still
    first.page.wait_for_function(SETTLED)
    fragment = first.page.evaluate("location.hash")
    zoom, lat, lng = (float(v) for v in fragment.split("&")[0].removeprefix("#map=").split("/"))
    view = first.page.evaluate("[window.envmap.map.getZoom(), window.envmap.map.getCenter()]")
    assert view[0] == zoom and abs(view[1]["lat"] - lat) < 1e-5
    again = open_offline(map_html, fragment=fragment)
    page = again.page
    assert page.evaluate("window.envmap.openId()") == "liangjiu-dock"
    assert "良久商贸码头" in page.locator(".leaflet-popup-content").last.inner_text()
    shown = page.evaluate("[window.envmap.map.getZoom(), window.envmap.map.getCenter()]")
    assert shown[0] == zoom
    assert abs(shown[1]["lat"] - lat) < 1e-5 and abs(shown[1]["lng"] - lng) < 1e-5
    other = next(s for s in catalog.sites if s.kind is Kind.WATER_PLANT)
    page.evaluate(f"location.hash = '#site={other.id}'")
    page.wait_for_function(f"window.envmap.openId() === {other.id!r}")
    assert other.name_zh in page.locator(".leaflet-popup-content").last.inner_text()
    page.evaluate("location.hash = '#map=10/30.6/114.3'")
    page.wait_for_function("window.envmap.openId() === null")
    assert page.evaluate("window.envmap.map.getZoom()") == 10
    page.evaluate("location.hash = '#site=no-such-site'")
    page.wait_for_timeout(100)
    assert page.evaluate("window.envmap.openId()") is None
    page.evaluate(f"window.envmap.open({other.id!r})")
    again.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.wait_for_function(SETTLED)  # copied once the popup's pan ends: 已复制 stays
    copied = _copy(page)
    assert f"site={other.id}" in copied and copied.startswith("file://")
    assert again.errors() == [] and first.errors() == []


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_site_in_the_address_is_ignored(open_offline, map_html, value):
    page = open_offline(map_html, fragment="#site=" + value)
    assert page.page.evaluate("window.envmap.ready") is True
    assert page.page.evaluate("window.envmap.openId()") is None
    assert page.page.locator(".leaflet-popup, .envmap-sheet:not([hidden])").count() == 0
    assert page.page.evaluate("Number.isFinite(window.envmap.map.getCenter().lat)")
    assert page.errors() == [] and page.dialogs == []


def test_hostile_hash_changes_leave_the_page_working(open_offline, map_html):
    page = open_offline(map_html)
    for value in HOSTILE:
        page.page.evaluate(f"location.hash = {('#site=' + value)!r}")
        page.page.wait_for_timeout(30)
    assert page.page.evaluate("window.envmap.openId()") is None
    assert page.page.evaluate("window.envmap.open('liangjiu-dock')")
    assert page.errors() == [] and page.dialogs == [] and page.blocked == []


def test_one_district_and_one_status_alone_in_two_clicks_each(open_offline, map_html, map_data):
    state = current_state(map_data.catalog)
    district = "武昌区"
    inside = [i for i in _listed(map_data) if district in map_data.districts.get(i, ())]
    going = [i for i in inside if state.site_status(i) is Status.IN_PROGRESS]
    page = open_offline(map_html).page
    page.click(".envmap-toggle-filters")
    page.get_by_role("button", name="清空 None：行政区 District").click()
    assert _shown(page) == 0
    page.locator(".envmap-filter", has_text=district).click()
    assert _shown(page) == len(inside) >= 2
    page.get_by_role("button", name="清空 None：状态 Status").click()
    status = list(Status).index(Status.IN_PROGRESS)
    page.check(f"input[data-group=status][data-index='{status}']")
    assert _shown(page) == len(going) >= 1
    page.get_by_role("button", name="全选 All：行政区 District").click()
    assert page.locator("input[data-group=district]:not(:checked)").count() == 0
    everywhere = [i for i in _listed(map_data) if state.site_status(i) is Status.IN_PROGRESS]
    assert _shown(page) == len(everywhere)


def test_copied_says_so_only_until_the_view_changes(open_offline, map_html, catalog):
    opened = open_offline(map_html)
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = opened.page
    page.evaluate("window.envmap.open('liangjiu-dock')")
    page.wait_for_function(SETTLED)
    assert "site=liangjiu-dock" in _copy(page)
    other = next(s for s in catalog.sites if s.kind is Kind.WATER_PLANT)
    page.evaluate(f"window.envmap.open({other.id!r})")  # a new address: not copied yet
    page.wait_for_function(f"!({COPIED})")
    copy = page.locator(".envmap-copy")
    assert copy.get_attribute("aria-label") == "复制链接 Copy link"
    page.wait_for_function(SETTLED)
    assert f"site={other.id}" in _copy(page)
