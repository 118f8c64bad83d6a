"""Search finds sites by Chinese name, alias, English name and measure text, best first."""

from __future__ import annotations

from gis.search import search


def test_chinese_name_comes_first(catalog):
    hits = search(catalog, "宗关")
    assert hits[0].site_id in ("zongguan-water-plant", "zongguan-protection-zone")
    assert {"zongguan-water-plant", "zongguan-backwash-outfall"} <= {h.site_id for h in hits}


def test_alias_finds_resolved_identity(catalog):
    (hit,) = [h for h in search(catalog, "古田1135") if h.site_id == "gutian-1135-parcel"]
    assert hit.matched == "古田1135片"


def test_english_and_case_insensitive(catalog):
    assert search(catalog, "liangjiu")[0].site_id == "liangjiu-dock"


def test_measure_text_finds_the_area(catalog):
    ids = {h.site_id for h in search(catalog, "雨污分流")}
    assert "huangpi" in ids


def test_empty_and_unknown_queries(catalog):
    assert search(catalog, "  ") == []
    assert search(catalog, "上海浦东") == []
