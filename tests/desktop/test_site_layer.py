"""A crowded map (thousands of sites) as a clerk sees it: still the right pixels, still
clickable, filters still apply; outlines coarsen only when the zoom allows."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from shapely.geometry import Point

from desktop.map import style
from desktop.map.canvas import MapCanvas
from desktop.map.site_layer import VECTOR_LIMIT
from gis import Catalog, Kind, Location, Status, build_map_data
from gis.mapdata import read_map_cache, write_map_cache
from gis.model import LocationBasis
from gis.paths import data_root
from gis.site_table import SiteList

CROWD = 3000
LONE = "former-gedian-chemical-works"  # in progress: orange, 13 km from any other site


@pytest.fixture(scope="module")
def crowded(catalog):
    """The seed catalog plus CROWD docks scattered over southern 江夏区."""
    rng = np.random.default_rng(5)
    template = catalog.site("liangjiu-dock")
    extra = []
    for i, (lon, lat) in enumerate(
        zip(rng.uniform(114.10, 114.45, CROWD), rng.uniform(29.98, 30.20, CROWD), strict=True)
    ):
        point = Point(lon, lat)
        extra.append(
            dataclasses.replace(
                template,
                id=f"crowd-{i}",
                name_zh=f"测试点{i}",
                kind=Kind.DOCK,
                relations=(),
                measures=(),
                indicators=(),
                location=Location(
                    f"crowd-{i}", point, 500.0, LocationBasis.LOCALITY, "WGS84", "test"
                ),
            )
        )
    return build_map_data(Catalog(documents=catalog.documents, sites=(*catalog.sites, *extra)))


@pytest.fixture
def canvas(qtbot, crowded):
    view = MapCanvas(crowded)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_wuhan()
    return view


def _pixel(view: MapCanvas, site_id: str):
    image = view.viewport().grab().toImage()
    return image.pixelColor(view.mapFromScene(view.site_scene_pos(site_id)))


def _close(actual, expected, tolerance: int = 14) -> bool:
    pairs = zip(actual.getRgb()[:3], expected.getRgb()[:3], strict=True)
    return all(abs(a - b) <= tolerance for a, b in pairs)


def test_crowded_view_draws_the_lone_site_in_its_status_colour(canvas):
    view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    xs, ys = canvas.points.xs, canvas.points.ys
    in_view = np.count_nonzero(
        (xs > view.left()) & (xs < view.right()) & (ys > view.top()) & (ys < view.bottom())
    )
    assert in_view > VECTOR_LIMIT  # the crowded drawing path, not one path per site
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))


def test_panning_reuses_the_image_and_symbols_follow_the_map(qtbot, canvas):
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))
    before = canvas.mapFromScene(canvas.site_scene_pos(LONE))
    for _ in range(3):
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    after = canvas.mapFromScene(canvas.site_scene_pos(LONE))
    assert (before - after).x() >= 100
    image = canvas.viewport().grab().toImage()
    assert _close(image.pixelColor(after), style.status_colour(Status.IN_PROGRESS))
    assert not _close(image.pixelColor(before), style.status_colour(Status.IN_PROGRESS))


def test_click_in_a_crowded_view_still_selects(qtbot, canvas):
    chosen = []
    canvas.siteClicked.connect(chosen.append)
    pos = canvas.mapFromScene(canvas.site_scene_pos(LONE))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert chosen == [LONE] and canvas.selected == LONE
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))


def test_filter_hides_sites_in_the_crowded_image(canvas):
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))
    everyone_else = {s.id for s in canvas.catalog.sites} - {LONE}
    canvas.set_visible_sites(everyone_else)
    assert not canvas.is_site_visible(LONE)
    assert not _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))
    canvas.set_visible_sites(None)
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))


def test_a_site_hidden_just_outside_the_view_stays_hidden_when_panned_into_it(qtbot, canvas):
    """The crowded view's image reaches past the view and is kept; a filter draws it anew for
    the view first: a pan must not uncover the symbols it held from before the filter."""
    colour = style.status_colour(Status.IN_PROGRESS)
    bar = canvas.horizontalScrollBar()
    lone_x = canvas.mapFromScene(canvas.site_scene_pos(LONE)).x()
    bar.setValue(bar.value() + lone_x - canvas.viewport().width() - 100)  # just past the edge
    canvas.viewport().grab()
    qtbot.wait(20)  # the image widens around the view, LONE in it
    everyone_else = {s.id for s in canvas.catalog.sites} - {LONE}
    canvas.set_visible_sites(everyone_else)
    canvas.viewport().grab()
    bar.setValue(bar.value() + 200)  # LONE's place comes into view,
    canvas.declutter_labels()  # and the names are placed for it as a pause in panning does
    assert 0 < canvas.mapFromScene(canvas.site_scene_pos(LONE)).x() < canvas.viewport().width()
    seen = canvas.viewport().grab().toImage()
    assert not _close(seen.pixelColor(canvas.mapFromScene(canvas.site_scene_pos(LONE))), colour)
    canvas.set_visible_sites(everyone_else)  # the same filter: this view drawn from scratch
    assert canvas.viewport().grab().toImage() == seen
    canvas.set_visible_sites(None)
    assert _close(_pixel(canvas, LONE), colour)


def test_identify_finds_every_overlapping_crowd_site(canvas):
    crowd = canvas.points
    i = crowd.index["crowd-7"]
    assert "crowd-7" in crowd.sites_near(crowd.xs[i], crowd.ys[i], 1.0)
    radius = 2000.0
    expected = {
        site_id
        for site_id, x, y in zip(crowd.ids, crowd.xs, crowd.ys, strict=True)
        if abs(x - crowd.xs[i]) <= radius and abs(y - crowd.ys[i]) <= radius
    }
    assert set(crowd.sites_near(crowd.xs[i], crowd.ys[i], radius)) == expected


def test_outlines_coarsen_at_small_scales_only(canvas):
    district = canvas._areas["jiangxia"]
    full = district.path().elementCount()
    assert district.path_for(300.0).elementCount() < full / 3
    assert district.path_for(1.0).elementCount() == full


def test_keyboard_zoom_keeps_the_view_centre(qtbot, canvas):
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    after = canvas.mapToScene(canvas.viewport().rect().center())
    pixel = 1.0 / canvas.transform().m11()
    assert abs(after.x() - centre.x()) <= 2 * pixel and abs(after.y() - centre.y()) <= 2 * pixel


def test_a_state_from_another_store_puts_symbols_back_in_their_documents_colour(canvas):
    from datetime import date

    from gis.events import StatusEvent
    from gis.state import current_state

    catalog = canvas.catalog
    events = [
        StatusEvent(f"e{i}", m.id, LONE, Status.CLOSED_OUT, date(2024, 1, 1), "", "", "", "t", "")
        for i, m in enumerate(catalog.measures_concerning(LONE))
    ]
    canvas.show_state(current_state(catalog, events))
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.CLOSED_OUT))
    canvas.show_state(current_state(catalog))  # e.g. another store, where nothing is recorded
    assert _close(_pixel(canvas, LONE), style.status_colour(Status.IN_PROGRESS))


def test_a_busy_view_still_draws_each_symbol_where_its_site_is(canvas):
    """Between PATH_LIMIT and VECTOR_LIMIT symbols in view, all are drawn (from sprites)."""
    from desktop.map.site_layer import PATH_LIMIT

    layer = canvas.points
    crowd = [layer.index[f"crowd-{i}"] for i in range(CROWD)]
    canvas.centerOn(float(np.mean(layer.xs[crowd])), float(np.mean(layer.ys[crowd])))

    def in_view() -> np.ndarray:
        rect = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        return layer._in_rect(rect, canvas.transform().m11())

    while len(in_view()) > VECTOR_LIMIT:
        canvas.zoom(1.1)
    assert PATH_LIMIT < len(in_view()) <= VECTOR_LIMIT
    image = canvas.viewport().grab().toImage()
    px = canvas.transform().m11()
    lonely = [
        i
        for i in in_view()
        if np.partition(np.hypot(layer.xs - layer.xs[i], layer.ys - layer.ys[i]), 1)[1] * px > 30
    ]
    # away from the edges and from the scale bar in the lower right corner
    inside = canvas.viewport().rect().adjusted(15, 15, -15, -90)
    points = [canvas.mapFromScene(layer.scene_pos(layer.ids[i])) for i in lonely]
    points = [at for at in points if inside.contains(at)]
    assert points
    for at in points:
        assert _close(image.pixelColor(at), style.status_colour(None))
        assert not _close(image.pixelColor(at + QPoint(15, 0)), style.status_colour(None))


def test_a_crowd_read_from_the_cache_as_columns_is_the_same_map(qtbot, canvas, crowded, tmp_path):
    """The cache holds the crowd as columns (no object per site): the map drawn from it has
    the same symbols in the same places and pixels, the same tooltip and the same click."""
    key = {"app": "test", "data": "crowd"}
    write_map_cache(tmp_path / "cache", crowded, key, data_root(), None)
    cached = read_map_cache(tmp_path / "cache", key, data_root(), None)
    assert isinstance(cached.catalog.sites, SiteList)
    other = MapCanvas(cached)
    qtbot.addWidget(other)
    other.resize(1000, 800)
    other.show()
    qtbot.waitExposed(other)
    other.fit_to_wuhan()
    mine, theirs = other.points, canvas.points
    assert mine.ids == theirs.ids and mine.style_of == theirs.style_of
    for column in ("xs", "ys", "halo"):
        assert np.array_equal(getattr(mine, column), getattr(theirs, column))
    assert other.viewport().grab().toImage() == canvas.viewport().grab().toImage()
    for site_id in (LONE, "crowd-7"):
        pos = canvas.mapFromScene(canvas.site_scene_pos(site_id))
        assert other.tooltip_at(pos) == canvas.tooltip_at(pos)
    assert cached.catalog.site("crowd-7") == crowded.catalog.site("crowd-7")  # built on demand
    chosen = []
    other.siteClicked.connect(chosen.append)
    pos = other.mapFromScene(other.site_scene_pos(LONE))
    qtbot.mouseClick(other.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert chosen == [LONE]


def test_the_outermost_symbols_of_a_crowded_view_are_drawn_whole(canvas):
    """The crowded view's image holds only the rectangle its symbols reach: the outermost
    symbol on a side is drawn to its outer edge, which changes once it is hidden."""
    layer = canvas.points
    assert len(layer._in_rect(canvas.sceneRect(), canvas.transform().m11())) > VECTOR_LIMIT
    at = [canvas.mapFromScene(layer.scene_pos(site_id)) for site_id in layer.ids]
    xs, ys = np.array([p.x() for p in at]), np.array([p.y() for p in at])
    everyone = {s.id for s in canvas.catalog.sites}
    tested = 0
    for i, outward in (
        (np.argmin(xs), QPoint(-1, 0)),
        (np.argmax(xs), QPoint(1, 0)),
        (np.argmin(ys), QPoint(0, -1)),
        (np.argmax(ys), QPoint(0, 1)),
    ):
        distance = np.hypot(xs - xs[i], ys - ys[i])
        if np.any((distance >= 1) & (distance < 13)):
            continue  # a symbol overlaps it: the crowded view may draw that one instead
        edge = [at[i] + outward * r for r in (3, 5)]
        drawn = canvas.viewport().grab().toImage()
        canvas.set_visible_sites(everyone - {layer.ids[k] for k in np.flatnonzero(distance < 1)})
        hidden = canvas.viewport().grab().toImage()
        canvas.set_visible_sites(None)
        assert all(drawn.pixelColor(p) != hidden.pixelColor(p) for p in edge)
        tested += 1
    assert tested >= 2


def test_a_crowded_view_shows_the_map_between_its_symbols(canvas):
    """The crowded view's image is transparent where it has no symbol: the map beneath
    shows as it does with every point site hidden (the names, which make way for symbols,
    are hidden in both)."""
    layer = canvas.points
    at = [canvas.mapFromScene(layer.scene_pos(site_id)) for site_id in layer.ids]
    xs, ys = np.array([p.x() for p in at]), np.array([p.y() for p in at])
    canvas.set_layer_visible("districts", False)
    drawn = canvas.viewport().grab().toImage()
    canvas.set_visible_sites({s.id for s in canvas.catalog.sites} - set(layer.ids))  # areas
    bare = canvas.viewport().grab().toImage()
    free = [
        QPoint(x, y)
        for x in range(int(xs.min()), int(xs.max()), 7)
        for y in range(int(ys.min()), int(ys.max()), 7)
        if np.hypot(xs - x, ys - y).min() > 12
    ]
    assert len(free) > 100
    assert all(drawn.pixelColor(p) == bare.pixelColor(p) for p in free)


def test_a_crowded_view_is_drawn_again_after_a_zoom_past_the_crowd_and_back(qtbot, canvas):
    """Zoomed in until few symbols are in view, the crowded view's image is let go; zoomed
    back out, the crowd is drawn anew, each site where it was."""
    colour = style.status_colour(Status.IN_PROGRESS)
    before = canvas.viewport().grab().toImage()
    canvas.centerOn(canvas.site_scene_pos(LONE))
    steps = 0
    while (
        len(
            canvas.points._in_rect(
                canvas.mapToScene(canvas.viewport().rect()).boundingRect(), canvas.transform().m11()
            )
        )
        > VECTOR_LIMIT / 10
    ):
        canvas.zoom(1.25)
        steps += 1
    assert _close(_pixel(canvas, LONE), colour)  # drawn one by one now
    for _ in range(steps):
        canvas.zoom(0.8)
    canvas.fit_to_wuhan()
    assert _close(_pixel(canvas, LONE), colour)
    assert canvas.viewport().grab().toImage() == before
