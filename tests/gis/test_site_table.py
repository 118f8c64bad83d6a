"""Many plain point sites held as columns answer every question as the objects did: each
site built on demand is the catalog's site, in the catalog's order, and the current state
moves a corrected one and recolours the rest as before."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from gis.events import LocationEvent, StatusEvent
from gis.filters import SiteFilter
from gis.layers import site_districts
from gis.model import Catalog, Kind, LocationBasis, Status
from gis.search import search
from gis.site_rows_codec import read_array
from gis.site_table import COLUMNS_FROM, PointRows, SiteList, is_plain
from gis.state import current_state

DOCK = "liangjiu-dock"


@pytest.fixture(scope="module")
def as_rows(many_points) -> Catalog:
    return Catalog(many_points.documents, SiteList.of(many_points.sites))


def test_many_plain_point_sites_become_rows_and_each_is_built_as_it_was(many_points, as_rows):
    sites = as_rows.sites
    assert isinstance(sites, SiteList)
    assert len(sites.rows) >= COLUMNS_FROM
    assert all(not is_plain(s) for s in sites.objects)
    assert list(sites) == list(many_points.sites)  # in order, field by field
    assert sites == many_points.sites
    assert sites[25] == many_points.sites[25] and sites[-1] == many_points.sites[-1]
    assert sites[18:23] == many_points.sites[18:23]
    assert sites.ids() == [s.id for s in many_points.sites]


def test_a_small_catalog_keeps_its_objects(catalog):
    assert SiteList.of(catalog.sites) is catalog.sites


def test_a_catalog_of_rows_answers_as_the_catalog_of_objects(many_points, as_rows):
    assert as_rows == many_points
    assert as_rows.measures() == many_points.measures()
    for site in many_points.sites[::37]:
        assert as_rows.site(site.id) == site
        assert as_rows.site_status(site.id) == many_points.site_status(site.id)
        assert as_rows.measures_concerning(site.id) == many_points.measures_concerning(site.id)
        assert as_rows.related_sites(site.id) == many_points.related_sites(site.id)
    with pytest.raises(KeyError):
        as_rows.site("no-such-site")


def test_the_current_state_moves_a_corrected_row_and_keeps_the_others_rows(many_points, as_rows):
    measure = many_points.site(DOCK).measures[0]
    events = [
        StatusEvent(
            "e1",
            measure.id,
            DOCK,
            Status.CLOSED_OUT,
            date(2024, 3, 1),
            "验收",
            "验收意见书",
            "",
            "区环保局",
            "2024-03-02T00:00:00",
        ),
        LocationEvent(
            "e2",
            "grid-3",
            114.3,
            30.6,
            30.0,
            date(2024, 5, 1),
            "现场",
            "张三",
            "2024-05-02T00:00:00",
        ),
    ]
    today = date(2025, 1, 1)
    mine, theirs = current_state(as_rows, events, today), current_state(many_points, events, today)
    assert isinstance(mine.catalog.sites, SiteList)
    assert mine.catalog == theirs.catalog
    moved = mine.catalog.site("grid-3")
    assert moved.location.basis is LocationBasis.CORRECTED
    assert (moved.location.geometry.x, moved.location.geometry.y) == (114.3, 30.6)
    assert mine.corrections == theirs.corrections
    assert mine.site_status(DOCK) is Status.CLOSED_OUT
    assert mine.documents.site("grid-3") == many_points.site("grid-3")  # the documents' place


def test_rows_refuse_a_code_outside_their_table(many_points):
    rows = PointRows.of([s for s in many_points.sites if is_plain(s)][:3])
    codes = dict(rows.codes)
    codes["kind"] = np.array([0, 0, 5], dtype=np.int32)
    with pytest.raises(ValueError, match="kind"):
        PointRows(rows.ids, rows.names_zh, rows.names_en, rows.lon, rows.lat, rows.tables, codes)
    with pytest.raises(ValueError, match="different lengths"):
        PointRows(
            rows.ids[:2], rows.names_zh, rows.names_en, rows.lon, rows.lat, rows.tables, rows.codes
        )


def test_a_cached_array_is_never_of_objects():
    with pytest.raises(ValueError, match="array type"):
        read_array(["|O", ""])


def test_a_search_finds_the_same_sites_in_the_same_order_among_rows(many_points, as_rows):
    for query in ("网格点1", "网格12", "grid point 3", "水厂", "码头", "港东"):
        assert search(as_rows, query) == search(many_points, query), query
    assert [hit.site_id for hit in search(as_rows, "网格7")][:1] == ["grid-7"]  # an alias


def test_a_filter_keeps_the_same_sites_among_rows(many_points, as_rows):
    districts = site_districts(many_points)
    for kept in (
        SiteFilter(kinds=frozenset({Kind.DOCK})),
        SiteFilter(statuses=frozenset({Status.IN_PROGRESS})),
        SiteFilter(districts=frozenset({districts["grid-3"][0]})),
    ):
        assert kept.visible(as_rows, districts) == kept.visible(many_points, districts)
    docks = SiteFilter(kinds=frozenset({Kind.DOCK})).visible(as_rows, districts)
    assert "grid-1" in docks and "grid-3" not in docks


def test_rows_built_in_several_batches_keep_their_order(many_points, as_rows, monkeypatch):
    monkeypatch.setattr("gis.site_table.BATCH", 100)
    assert list(as_rows.sites) == list(many_points.sites)
