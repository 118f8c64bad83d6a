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


def test_the_page_s_folding_is_normalise_character_by_character(catalog):
    """What the HTML map is given to fold a typed query: for every character that can reach a
    key, what `normalise` makes of it; a character left out finds nothing either way."""
    from gis.search import normalise, query_folding, search_keys

    keys = [key for site in catalog.sites for _, key, _ in search_keys(site)]
    folding = query_folding(keys)
    present = set("".join(keys))
    typed = ("ＬｉａｎｇＪＩＵ", " 宗关\u3000水厂\t", "①号", "Ⅱ期", "１１３５", "東湖", "𝐃𝐨𝐜𝐤")
    for query in typed:
        assert "".join(folding.get(c, c) for c in query) == normalise(query), query
    assert folding["Ｄ"] == "d" and folding["\u3000"] == "" and folding["𝐃"] == "d"
    for char in map(chr, range(0x10000)):
        if char not in folding and normalise(char) != char:
            assert char not in present and not set(normalise(char)) <= present, repr(char)


def test_the_folding_knows_every_character_normalise_changes():
    """query_folding looks only where Unicode has characters that NFKC or lower case change:
    checked against every code point, so a new Unicode in Python cannot slip past."""
    from gis.search import _changed, normalise

    every = (chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert _changed() == {c: f for c in every if (f := normalise(c)) != c}
