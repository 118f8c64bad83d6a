"""Relocations drawn as what they are, and zones that follow the text: an outfall "in the
zone downstream of the plant" lies downstream of the plant's intake."""

from __future__ import annotations

import math
from datetime import date

import pytest

from gis.crs import to_metric
from gis.gazetteer import load_places
from gis.model import Status
from gis.paths import data_root
from gis.relocation import former_site_ids, is_former_site, relocation_measure
from gis.state import current_state
from gis.water import flow_bearing

PLACES = data_root() / "gazetteer" / "places.yaml"


@pytest.mark.parametrize(
    ("outfall", "intake"),
    [
        ("zongguan-backwash-outfall", "zongguan-intake"),
        ("yujiatou-backwash-outfall", "yujiatou-intake"),
    ],
)
def test_an_outfall_in_the_downstream_zone_lies_downstream_of_its_intake(catalog, outfall, intake):
    places = load_places(PLACES).locations
    start = places[intake].geometry
    bearing = math.radians(flow_bearing(start, data_root()) or math.nan)
    a, b = to_metric(start), to_metric(catalog.site(outfall).location.geometry)
    along = (b.x - a.x) * math.sin(bearing) + (b.y - a.y) * math.cos(bearing)
    assert along > 50, f"{outfall} is {along:.0f} m along the flow from its intake"


def test_the_downstream_zones_lie_wholly_below_their_intakes(catalog):
    places = load_places(PLACES).locations
    for zone_id, intake in (
        ("zongguan-protection-zone", "zongguan-intake"),
        ("yujiatou-protection-zone", "yujiatou-intake"),
    ):
        start = places[intake].geometry
        bearing = math.radians(flow_bearing(start, data_root()) or math.nan)
        a = to_metric(start)
        ring = to_metric(catalog.site(zone_id).location.geometry).exterior.coords
        along = [(x - a.x) * math.sin(bearing) + (y - a.y) * math.cos(bearing) for x, y in ring]
        assert min(along) > -5, (zone_id, min(along))  # nothing upstream of the intake


def test_completed_relocations_mark_former_sites(catalog):
    """良久 and the two backwash outfalls were moved (实施了…搬迁/迁移); the MSA base's move
    was only pushed forward (推动), so its point is still where it is."""
    former = former_site_ids(catalog.sites)
    assert former == {"liangjiu-dock", "zongguan-backwash-outfall", "yujiatou-backwash-outfall"}
    base = catalog.site("changjiang-msa-rescue-base")
    assert relocation_measure(base) is not None and not is_former_site(base)


def test_a_tracked_completion_makes_a_former_site(catalog):
    from gis.events import StatusEvent

    base = catalog.site("changjiang-msa-rescue-base")
    measure = relocation_measure(base)
    assert measure is not None
    event = StatusEvent(
        id="e1",
        measure_id=measure.id,
        site_id=base.id,
        status=Status.COMPLETED,
        as_of=date(2018, 6, 1),
        note="",
        evidence="",
        attachment="",
        author="甲",
        recorded_at="2018-06-01T00:00:00",
    )
    state = current_state(catalog, [event], today=date(2019, 1, 1))
    assert is_former_site(state.catalog.site(base.id))
    assert not is_former_site(catalog.site(base.id))
