"""Areas and lines on the map: painted simplified, but identified by their full outline."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGraphicsPathItem

from desktop.map.items import geometry_path
from gis.basemaps import shift_geometry


@pytest.mark.parametrize("datum", ["wgs84", "gcj02"])
def test_an_area_is_hit_where_its_full_outline_is_as_qt_would_test_it(window, datum):
    """Each area's hit-test shape and bounds are those of a plain QGraphicsPathItem of its
    full outline with the same pen, in the datum the overlays are drawn in, selected or not;
    the full outline is built only when a click or tooltip needs it."""
    canvas = window.canvas
    canvas.set_display_datum(datum)
    assert canvas._areas
    for selected in (None, "hannan"):
        canvas.select(selected)
        for site_id, area in canvas._areas.items():
            shape = shift_geometry(canvas._features[site_id].shape, datum)
            plain = QGraphicsPathItem(geometry_path(shape))
            plain.setPen(area.pen())
            assert area.shape() == plain.shape(), site_id
            assert area.boundingRect().contains(plain.boundingRect()), site_id


def test_a_click_where_only_the_full_outline_reaches_finds_the_district(window):
    """A spot of 汉南区 that its coarsest simplified outline leaves out (drawn at city
    scale) is still 汉南区 to a click, and to no other district."""
    canvas = window.canvas
    district = canvas._features["hannan"]
    coarse = district.simplified[-1][1]
    left_out = district.shape.difference(coarse.buffer(5)).buffer(-3)
    spot = max(getattr(left_out, "geoms", [left_out]), key=lambda p: p.area).representative_point()
    assert district.shape.contains(spot) and not coarse.contains(spot)
    canvas.zoom(canvas.transform().m11() ** -1 / 0.5)  # half a metre a pixel
    canvas.centerOn(spot.x, -spot.y)
    found = canvas.sites_at(canvas.mapFromScene(spot.x, -spot.y))
    districts = [s for s in found if canvas._features.get(s, district).layer == "districts"]
    assert districts == ["hannan"]
