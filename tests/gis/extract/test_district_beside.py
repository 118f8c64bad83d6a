"""A district listed beside a development zone or town still states where the sentence's
places are; two districts listed together state none of their own. Invented sentences."""

from __future__ import annotations

from gis.extract.districts import stated_in
from gis.extract.names import find_names


def _stated(sentence: str) -> dict[str, str]:
    spans = find_names(sentence)
    by_start = stated_in(sentence, 0, spans)
    return {s.name: by_start[s.start] for s in spans if s.start in by_start}


def test_a_district_acting_beside_a_zone_states_the_place():
    assert _stated("江夏区、某某开发区要加强联动，推进青鱼湖截污工作。") == {"青鱼湖": "江夏区"}


def test_a_visit_to_a_zone_and_a_district_states_the_district():
    assert _stated("副市长深入某某开发区、新洲区检查青鱼湖治理情况。") == {"青鱼湖": "新洲区"}


def test_a_zone_alone_states_no_district():
    assert _stated("某某开发区要加强联动，推进青鱼湖截污工作。") == {}
