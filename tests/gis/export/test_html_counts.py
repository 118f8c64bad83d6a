"""The exported map says one number for one thing: the corner, the filters and the list count
point sites alike, and where the filters and the list also count areas and citywide measures
their label says what each number counts."""

from __future__ import annotations

import re

from gis import Kind, Status


def _kinds(map_data) -> tuple[int, int, int]:
    """(point sites, areas or rivers, citywide) as the catalog has them."""
    drawn = [f for f in map_data.features if f.layer != "districts"]
    points = sum(f.shape.geom_type == "Point" for f in drawn)
    city = sum(s.kind is Kind.CITYWIDE for s in map_data.catalog.sites)
    return points, len(drawn) - points, city


def _point_counts(text: str) -> list[int]:
    """Every number the text gives for point sites, in Chinese and in English."""
    zh = [int(n) for n in re.findall(r"(\d+) 个点位", text)]
    en = [int(n) for n in re.findall(r"(\d+) point sites?\b", text)]
    assert len(zh) == len(en) >= 1, text  # each said in both languages
    return zh + en


def test_corner_filters_and_list_count_point_sites_alike(open_offline, map_html, map_data):
    points, areas, city = _kinds(map_data)
    page = open_offline(map_html, viewport=(1440, 900)).page
    page.evaluate("window.envmap.map.setZoom(10, {animate: false})")  # thinned: counted
    page.wait_for_function("document.querySelector('.envmap-drawn').textContent !== ''")
    page.click(".envmap-toggle-filters")
    page.click(".envmap-toggle-list")
    corner = page.locator(".envmap-drawn").inner_text()
    summary = page.locator(".envmap-filter-summary").inner_text()
    heading = page.locator(".envmap-list-count").inner_text()
    in_view = page.evaluate("window.envmap.drawn().inView")
    assert re.search(rf"/ {in_view} 个点位", corner) and f"of {in_view} point site" in corner
    assert summary.startswith(f"显示 {points + areas + city} 处")
    assert f"{areas} 处区域或河流" in summary and f"{areas} areas or rivers" in summary
    assert f"{city} 项全市" in summary and f"{city} citywide" in summary
    assert set(_point_counts(summary)) == {points}
    # the list and the corner count the same point sites in the same view
    page.evaluate("window.envmap.map.setView([30.55, 114.30], 12, {animate: false})")
    page.wait_for_function(f"window.envmap.drawn().inView < {points}")
    in_view = page.evaluate("window.envmap.drawn().inView")
    heading = page.locator(".envmap-list-count").inner_text()
    assert set(_point_counts(heading)) == {in_view}
    corner = page.locator(".envmap-drawn").inner_text()
    if corner:
        assert _point_counts(corner)[-1] == in_view


def test_counts_follow_the_filters_everywhere(open_offline, map_html, map_data):
    page = open_offline(map_html, viewport=(1440, 900)).page
    page.click(".envmap-toggle-filters")
    page.click(".envmap-toggle-list")
    planned = list(Status).index(Status.PLANNED)
    page.uncheck(f"input[data-group=status][data-index='{planned}']")
    in_view = page.evaluate("window.envmap.drawn().inView")  # the whole city is in view
    summary = page.locator(".envmap-filter-summary").inner_text()
    heading = page.locator(".envmap-list-count").inner_text()
    assert set(_point_counts(summary)) == set(_point_counts(heading)) == {in_view}
    shown = int(re.match(r"显示 (\d+) 处", summary).group(1))
    assert f"视图内 {shown} 处" in heading
    assert shown < sum(_kinds(map_data))


def test_one_is_said_in_the_singular(open_offline, map_html, map_data):
    page = open_offline(map_html, viewport=(1366, 768)).page
    page.click(".envmap-toggle-list")
    page.evaluate("window.envmap.open('changjiang-msa-rescue-base')")
    everything = f"视图内 {sum(_kinds(map_data))} "
    page.wait_for_function(  # the list follows the view to the site
        "everything => !document.querySelector('.envmap-list-count').textContent"
        ".startsWith(everything)",
        arg=everything,
    )
    heading = page.locator(".envmap-list-count").inner_text()
    assert re.search(r"\b1 (area|citywide|point site)\b", heading), heading  # one of each kind
    assert not re.search(r"\b1 (areas|point sites)\b", heading), heading
