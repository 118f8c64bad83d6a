"""Filters keep exactly the sites a clerk asked for."""

from __future__ import annotations

from gis.filters import SiteFilter
from gis.layers import site_districts
from gis.model import Kind, Status


def test_no_filter_keeps_everything(catalog):
    assert SiteFilter().visible(catalog, site_districts(catalog)) == {s.id for s in catalog.sites}


def test_kind_and_status(catalog):
    kept = SiteFilter(kinds=frozenset({Kind.DOCK}), statuses=frozenset({Status.COMPLETED}))
    assert kept.visible(catalog, site_districts(catalog)) == {"liangjiu-dock"}


def test_district_uses_the_spatial_join(catalog):
    kept = SiteFilter(districts=frozenset({"硚口区"})).visible(catalog, site_districts(catalog))
    assert {"qiaokou", "zongguan-water-plant", "former-wuhan-dye-works"} <= kept
    assert "liangjiu-dock" not in kept


def test_document(catalog):
    kept = SiteFilter(documents=frozenset({"001_f7bf8be44076ee18"})).visible(
        catalog, site_districts(catalog)
    )
    assert "hannan" in kept and "liangjiu-dock" not in kept
