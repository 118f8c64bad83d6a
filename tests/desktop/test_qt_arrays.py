"""The array-to-polygon shortcut writes into Qt's own storage: check it point by point."""

from __future__ import annotations

import numpy as np

from desktop.map.qt_arrays import polygon_from_xy


def test_polygon_holds_exactly_the_array_coordinates():
    rng = np.random.default_rng(3)
    xs, ys = rng.uniform(-2e7, 2e7, 5000), rng.uniform(-2e7, 2e7, 5000)
    polygon = polygon_from_xy(xs, ys)
    assert polygon.size() == 5000
    for i in (0, 1, 2499, 4999):
        assert (polygon.at(i).x(), polygon.at(i).y()) == (xs[i], ys[i])
    assert polygon.boundingRect().left() == xs.min()
    assert polygon.boundingRect().bottom() == ys.max()


def test_empty_arrays_give_an_empty_polygon():
    assert polygon_from_xy(np.array([]), np.array([])).isEmpty()
