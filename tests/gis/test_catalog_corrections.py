"""Corrections of issue 17, each checked against the data and its stated source."""

from __future__ import annotations

from datetime import date

import pytest

from gis.layers import site_districts
from gis.model import Status
from gis.state import current_state


def test_gedian_works_lies_at_zuoling_in_hongshan(catalog):
    site = catalog.site("former-gedian-chemical-works")
    assert site_districts(catalog)[site.id] == ("洪山区",)
    assert site.stated_districts == ("洪山区",)
    assert "gazetteer.md #8" in site.stated_districts_source
    assert "左岭" in site.location.estimated_from and "issue 17" in site.location.estimated_from
    assert site.location.geometry.x > 114.58  # east of where it was drawn in 江夏区


def test_the_development_zone_has_its_zhuankou_core_beside_hannan(catalog):
    core = catalog.site("wuhan-etdz-zhuankou")
    hannan = catalog.site("hannan")
    assert "沌口" in core.name_zh and "gazetteer.md #19" in core.location.source
    assert site_districts(catalog)[core.id] != ("汉南区",)  # the core is not in 汉南区's land
    pledges = [m.id for m in catalog.measures_concerning(core.id)]
    assert pledges and set(pledges) == {m.id for m in hannan.measures}


def test_xunsi_river_rectification_is_in_progress_not_completed(catalog):
    (measure,) = catalog.site("xunsi-river").measures
    assert measure.status is Status.IN_PROGRESS
    assert measure.status_words in "".join(e.quote for e in measure.evidence)
    assert "gazetteer.md #7" in catalog.site("xunsi-river").location.source


def test_doc_001_start_date_says_what_it_rests_on(catalog):
    document = catalog.documents["001_f7bf8be44076ee18"]
    assert document.date_from == date(2017, 1, 1)
    assert "2017年全面完成" in document.date_basis
    assert "2017年全面完成" in "".join(document.paragraphs)
    assert "2017-09-01" in document.date_basis  # says the old start had no basis


def test_done_work_is_glossed_as_done(catalog):
    """A completed measure's English says what was done, not what to do."""
    commands = ("Relocate", "Move ", "Push forward")
    for measure in catalog.measures():
        if measure.status.rank >= Status.COMPLETED.rank:
            assert not measure.text_en.startswith(commands), measure.id
    msa = catalog.site("changjiang-msa-rescue-base").measures[0]
    assert not msa.text_en.startswith(commands)


@pytest.mark.parametrize(
    ("measure_id", "added"),
    [
        ("wuhan-citywide-water-regular-reporting", "public"),  # 通报: circulated, not published
        ("wuhan-citywide-water-assessment-system", "first to"),  # 率先: took the lead
    ],
)
def test_glosses_add_no_words(catalog, measure_id, added):
    measure = next(m for m in catalog.measures() if m.id == measure_id)
    assert added not in measure.text_en.lower()


def test_2017_pledges_show_no_update_rather_than_overdue(catalog):
    state = current_state(catalog, today=date(2026, 12, 1))
    due = [s for s in state.measures.values() if s.measure.target_date == "2017"]
    assert due
    for now in due:
        if now.status.rank < Status.COMPLETED.rank:
            assert now.flags & {"overdue", "no_update"} == {"no_update"}, now.measure.id
