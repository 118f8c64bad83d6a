"""Districts come from the spatial join and agree with what the sources state."""

from __future__ import annotations

from gis.layers import build_layers, districts_of, site_districts
from gis.model import LAYER_KINDS, Kind


def test_every_stated_district_matches_the_join(catalog):
    joined = site_districts(catalog)
    checked = 0
    for site in catalog.sites:
        if site.stated_districts:
            assert set(site.stated_districts) <= set(joined[site.id]), (
                site.id,
                site.stated_districts,
                joined[site.id],
            )
            if site.location.geometry.geom_type == "Point":
                assert joined[site.id] == tuple(site.stated_districts), site.id
            checked += 1
    assert checked >= 30


def test_every_site_lands_in_a_district(catalog):
    assert all(site_districts(catalog).values())


def test_a_district_joins_to_itself_not_its_neighbours(catalog):
    joined = site_districts(catalog)
    for site in catalog.sites:
        if site.kind is Kind.DISTRICT:
            assert joined[site.id] == (site.name_zh,)


def test_citywide_entry_covers_all_thirteen(catalog):
    (city,) = [s for s in catalog.sites if s.kind is Kind.CITYWIDE]
    assert len(districts_of(city.location.geometry)) == 13


def test_layers_split_by_kind_and_keep_precision(catalog):
    layers = build_layers(catalog)
    assert set(layers) == set(LAYER_KINDS)
    assert len(layers["districts"]) == 13
    assert len(layers["protection_zones"]) == 4
    assert all(row["precision_m"] >= 500 for row in layers["sites"])  # every estimate says so
    total = sum(len(rows) for rows in layers.values())
    assert total == len(catalog.sites)


def test_imprecise_locations_are_flagged(catalog):
    for site in catalog.sites:
        location = site.location
        if location.is_estimate:
            assert location.precision_m >= 500, site.id
            assert location.estimated_from or location.basis.value in (
                "district_centroid",
                "schematic",
            ), site.id
