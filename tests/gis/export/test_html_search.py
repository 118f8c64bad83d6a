"""The HTML map's search ranks as the window's (gis/search.py), from the rule it is given."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from gis import build_map_data, search
from gis.export.html import write_html

# What a clerk may type: Chinese, English in any case, full-width letters and digits, spaces
# of every kind (ASCII, ideographic, no-break, tabs), circled and Roman numerals, Traditional
# characters (gis/search.py does not fold them: they find what holds them as written).
QUERIES = (
    "东湖",
    "宗关",
    "码头",
    "水厂",
    "江",
    "LIANGJIU",
    "LiangJiu",
    "ｌｉａｎｇｊｉｕ",
    "ＬｉａｎｇＪＩＵ",
    "雨污分流",
    "ｈｕａｎｇｐｉ",
    "水厂 保护区",
    "水厂\u3000保护区",
    " 良久\u00a0商贸 ",
    "\tWater  Plant\n",
    "WATER",
    "dock",
    "Ｄｏｃｋ",
    "1135",
    "１１３５",
    "古田1135",
    "①",
    "Ⅱ",
    "a",
    "e",
    "東湖",
    "長江",
    "碼頭",
    "網格",
    "网格",
    "网格 7",
    "ＧＲＩＤ Ｐｏｉｎｔ 1",
    "grid point 4",
    "1",
    "１",
    "點位",
    "ＭＳＡ",
    "，",
    "上海浦东",
)
ALL = "window.envmap.search({query}).map(s => s.id)"


def _found(page, query: str) -> list[str]:
    return page.page.evaluate(ALL.format(query=json.dumps(query)))


def _expected(catalog, query: str) -> list[str]:
    return [hit.site_id for hit in search.search(catalog, query, limit=100_000)]


def _same_order(page, catalog) -> int:
    """Every query lists the same sites in the same order; how many found more than one."""
    several = 0
    for query in QUERIES:
        expected = _expected(catalog, query)
        assert _found(page, query) == expected, repr(query)
        several += len(expected) > 1
    return several


def test_the_page_lists_what_the_window_does_in_its_order(open_offline, map_html, catalog):
    page = open_offline(map_html)
    assert _same_order(page, catalog) >= 10  # the queries rank lists, not single hits
    assert page.errors() == []


@pytest.fixture(scope="module")
def synthetic(many_points):
    """Many plain sites (some with aliases) and a few whose names are written as documents
    sometimes are: Traditional characters, full-width letters, capitals, spaces."""
    template = many_points.site("gangdong-water-plant")
    written = (
        ("長江碼頭Ａ区", "ＦＵＬＬ Width DOCK", ("东湖 码头",)),
        ("网格点 7 号", "GRID Point Seven", ("網格點七",)),
        ("①号码头", "Dock No. 1", ()),
        ("码头", "Dock", ("水厂",)),
    )
    sites = [
        replace(
            template,
            id=f"written-{i}",
            name_zh=name_zh,
            name_en=name_en,
            aliases=aliases,
            location=replace(template.location, place_id=f"written-{i}"),
        )
        for i, (name_zh, name_en, aliases) in enumerate(written)
    ]
    return replace(many_points, sites=(*many_points.sites, *sites))


def test_the_page_lists_what_the_window_does_over_many_sites(open_offline, synthetic, tmp_path):
    out = tmp_path / "many.html"
    write_html(build_map_data(synthetic), out)
    page = open_offline(out)
    assert _same_order(page, synthetic) >= 15
    assert _found(page, "長江碼頭ａ") == ["written-0"]  # full-width, mixed case, as written


def test_the_page_ranks_by_python_s_weights_whatever_they_are(
    open_offline, map_data, catalog, tmp_path, monkeypatch
):
    """The page holds no weight of its own: with others in gis/search.py (how a key holds the
    query before where it comes from) it follows them."""
    before = {query: _expected(catalog, query) for query in QUERIES}
    monkeypatch.setattr(search, "SOURCE_WEIGHTS", (0, 1, 2, 3))
    monkeypatch.setattr(search, "MATCH_WEIGHTS", (0, 10, 20))
    changed = [q for q in QUERIES if _expected(catalog, q) != before[q]]
    assert changed  # the new weights order some query differently
    out = tmp_path / "weights.html"
    write_html(map_data, out)
    page = open_offline(out)
    for query in changed:
        assert _found(page, query) == _expected(catalog, query), repr(query)


def test_the_page_folds_a_query_as_python_s_normalise_does_whatever_it_does(
    open_offline, map_data, catalog, tmp_path, monkeypatch
):
    """The page holds no folding of its own: were gis/search.py to read Traditional characters
    as Simplified, the page would too."""
    simplified = str.maketrans("東碼長", "东码长")
    plain = search.normalise
    assert _expected(catalog, "東湖") == []
    monkeypatch.setattr(search, "normalise", lambda text: plain(text).translate(simplified))
    search._changed.cache_clear()
    try:
        out = tmp_path / "traditional.html"
        write_html(map_data, out)
    finally:
        search._changed.cache_clear()
    page = open_offline(out)
    for query in ("東湖", "碼頭", "長江 碼", "ＥＡＳＴ"):
        assert _found(page, query) == _expected(catalog, query), query
    assert _expected(catalog, "東湖") == _expected(catalog, "东湖") != []
