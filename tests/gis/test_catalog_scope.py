"""Everything the reference scope lists is in the catalog (../shared/reference/catalog-scope.md)."""

from __future__ import annotations

import re

import pytest

from gis.model import Kind, Status

DOC_A = "000_7bb25cce70125377"
DOC_B = "001_f7bf8be44076ee18"

# (name as the scope writes it, kind) for every site, zone, outfall, parcel and river of doc A.
DOC_A_SITES = [
    ("青山港东水厂", Kind.WATER_PLANT),
    ("青山港东水厂一级保护区", Kind.PROTECTION_ZONE),
    ("长江海事巡航救助基地", Kind.DOCK),
    ("平湖门水厂", Kind.WATER_PLANT),
    ("平湖水厂一级保护区", Kind.PROTECTION_ZONE),
    ("良久商贸码头", Kind.DOCK),
    ("宗关水厂", Kind.WATER_PLANT),
    ("余家头水厂", Kind.WATER_PLANT),
    ("宗关水厂下游水源保护区", Kind.PROTECTION_ZONE),
    ("余家头水厂下游水源保护区", Kind.PROTECTION_ZONE),
    ("宗关水厂反冲洗废水排口", Kind.OUTFALL),
    ("余家头水厂反冲洗废水排口", Kind.OUTFALL),
    ("巡司河", Kind.RIVER_LAKE),
    ("“□□1135”片", Kind.CONTAMINATED_PARCEL),
    ("原葛店化工厂", Kind.CONTAMINATED_PARCEL),
    ("原青江化工厂", Kind.CONTAMINATED_PARCEL),
    ("原武汉染料厂", Kind.CONTAMINATED_PARCEL),
]
DISTRICTS = [
    "江岸区",
    "江汉区",
    "硚口区",
    "汉阳区",
    "武昌区",
    "青山区",
    "洪山区",
    "东西湖区",
    "汉南区",
    "蔡甸区",
    "江夏区",
    "黄陂区",
    "新洲区",
]
FUNCTIONAL_ZONES = ["东湖新技术开发区", "东湖生态旅游风景区", "武汉化工区"]
LEADERS = {
    "东湖新技术开发区": "张文彤",
    "汉南区": "彭浩",
    "东西湖区": "杨泽发",
    "东湖生态旅游风景区": "黎东辉",
    "武汉化工区": "钱方信",
    "江岸区": "马泽江",
    "江汉区": "李湛",
    "硚口区": "刘丹平",
    "汉阳区": "盛继亮",
    "武昌区": "刘洁",
    "青山区": "刘欷棠",
    "洪山区": "林文书",
    "蔡甸区": "彭巧娣",
    "江夏区": "张利",
    "黄陂区": "曾晟",
    "新洲区": "赵利洪",
}
SUBSITES = ["东湖", "北湖生态新城", "前川污水处理厂", "前川", "滠口", "武湖"]
# City-wide measures the scope lists, each found by a phrase of its evidence.
CITYWIDE_PHRASES = [
    "领导小组",
    "整改方案",
    "正在稳步推进",
    "未批先建",
    "办事指南",
    "集体决策",
    "一园两水四行业",
    "在线监控",
    "1438",
    "80套",
    "双护双促",
    "源解析",
    "考评办法",
    "四水共治",
    "考核评价体系",
    "475",
    "土壤污染防治规划",
    "详查实施方案",
    "协调小组",
    "2017年土壤污染防治重点工作",
]
CITYWIDE_FIGURES = [263, 14, 297, 1438, 57, 80, 537, 360, 243, 73.6, 4.4, 32, 475]


def _named(catalog, name):
    return [s for s in catalog.sites if name == s.name_zh or name in s.aliases]


@pytest.mark.parametrize(("name", "kind"), DOC_A_SITES)
def test_doc_a_site_present_with_measures(catalog, name, kind):
    (site,) = _named(catalog, name)
    assert site.kind is kind
    assert catalog.measures_concerning(site.id), f"{name} has no measure"


@pytest.mark.parametrize("name", DISTRICTS + FUNCTIONAL_ZONES)
def test_area_present_with_leader(catalog, name):
    (site,) = _named(catalog, name)
    assert site.kind is (Kind.DISTRICT if name in DISTRICTS else Kind.FUNCTIONAL_ZONE)
    assert site.leader is not None and site.leader.name == LEADERS[name]
    assert site.measures, f"{name} has no pledge"
    assert all(e.document == DOC_B for m in site.measures for e in m.evidence)


@pytest.mark.parametrize("name", SUBSITES)
def test_doc_b_subsite_present_and_concerned(catalog, name):
    (site,) = _named(catalog, name)
    assert catalog.measures_concerning(site.id), f"no measure concerns {name}"


def _area_sections(catalog):
    """Paragraph ranges of each leader's section in doc B: heading to the next heading."""
    doc = catalog.documents[DOC_B]
    starts = sorted((s.leader.evidence[0].paragraph - 1, s) for s in catalog.sites if s.leader)
    bounds = [p for p, _ in starts] + [len(doc.paragraphs) + 1]
    return [(site, range(start, bounds[i + 1])) for i, (start, site) in enumerate(starts)]


def test_every_numbered_pledge_is_a_measure(catalog):
    """Each 一是/二是… span of a leader's section overlaps the evidence of one of its measures."""
    doc = catalog.documents[DOC_B]
    numbering = re.compile(r"[一二三四五六七八九]是")
    for site, paragraphs in _area_sections(catalog):
        text = "\n".join(doc.paragraph(n) for n in paragraphs)
        starts = [m.start() for m in numbering.finditer(text)]
        spans = list(zip(starts, [*starts[1:], len(text)], strict=False))
        quoted = []
        for quote in (e.quote for m in site.measures for e in m.evidence):
            at = text.find(quote)
            assert at >= 0, (site.id, quote)
            quoted.append((at, at + len(quote)))
        for begin, end in spans:
            overlap = max(min(end, q_end) - max(begin, q_begin) for q_begin, q_end in quoted)
            assert overlap >= min(10, end - begin), f"{site.name_zh}: {text[begin:end][:20]}…"
        assert len(site.measures) >= max(len(spans), 1)


def test_doc_b_pledges_are_never_stronger_than_in_progress(catalog):
    for measure in catalog.measures():
        if measure.evidence[0].document == DOC_B:
            assert measure.status in (Status.PLANNED, Status.IN_PROGRESS), measure.id


def test_citywide_entry_holds_the_citywide_measures(catalog):
    (city,) = [s for s in catalog.sites if s.kind is Kind.CITYWIDE]
    quotes = " ".join(e.quote for m in city.measures for e in m.evidence)
    missing = [p for p in CITYWIDE_PHRASES if p not in quotes]
    assert not missing, missing
    values = {i.value for i in city.indicators}
    assert not [v for v in CITYWIDE_FIGURES if v not in values]


def test_parcels_are_urged_on_district_governments(catalog):
    for site in catalog.sites:
        if site.kind is Kind.CONTAMINATED_PARCEL:
            own = site.measures
            assert own and all(m.status is Status.IN_PROGRESS for m in own)
            assert any("督促" in m.status_words for m in own)


def test_zone_relations(catalog):
    def inside(site_name):
        (site,) = _named(catalog, site_name)
        return [catalog.site(r.target).name_zh for r in site.relations]

    assert inside("良久商贸码头") == ["平湖水厂一级保护区"]
    assert inside("长江海事巡航救助基地") == ["青山港东水厂一级保护区"]
    assert inside("宗关水厂反冲洗废水排口") == ["宗关水厂下游水源保护区"]
    assert inside("余家头水厂反冲洗废水排口") == ["余家头水厂下游水源保护区"]


def test_resolved_identities_are_recorded(catalog):
    assert "古田1135片" in _named(catalog, "“□□1135”片")[0].aliases
    assert "平湖门水厂" in _named(catalog, "平湖水厂")[0].aliases
    gedian = _named(catalog, "原葛店化工厂")[0]
    assert "左岭" in gedian.location.estimated_from
