"""`validate` passes on the shipped data and names file and line for every kind of fault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gis import CatalogInvalid, CatalogSyntaxError, DocumentEncodingError, load_catalog
from gis.catalog import validate_catalog


def test_shipped_catalog_is_sound():
    assert validate_catalog() == []


def test_every_quote_is_verbatim_in_its_paragraph(catalog):
    pieces = []
    for site in catalog.sites:
        pieces += [e for m in site.measures for e in m.evidence]
        pieces += [e for r in site.relations for e in r.evidence]
        pieces += [e for i in site.indicators for e in i.evidence]
        pieces += list(site.leader.evidence) if site.leader else []
    assert len(pieces) > 150
    for evidence in pieces:
        paragraph = catalog.documents[evidence.document].paragraph(evidence.paragraph)
        assert evidence.quote in paragraph, evidence


def test_every_status_word_stands_in_its_quote(catalog):
    for measure in catalog.measures():
        assert any(measure.status_words in e.quote for e in measure.evidence), measure.id


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_mangled_quote_fails_naming_file_and_line(data_copy):
    water = data_copy / "catalog" / "water.yaml"
    _edit(
        water,
        'quote: "实施了平湖水厂一级保护区内良久商贸码头搬迁"',
        'quote: "实施了平湖水厂二级保护区内良久商贸码头搬迁"',
    )
    problems = validate_catalog(data_copy)
    assert [p.code for p in problems] == ["quote-not-found"]
    problem = problems[0]
    assert problem.path == water
    assert problem.line == _line_of(water, "平湖水厂二级保护区内良久商贸码头搬迁")
    assert "liangjiu-dock-relocation" in problem.place
    assert re.search(r"water\.yaml:\d+: measure 'liangjiu-dock-relocation'", str(problem))


def test_wrong_paragraph_number_is_reported(data_copy):
    soil = data_copy / "catalog" / "soil.yaml"
    text = soil.read_text(encoding="utf-8")
    soil.write_text(re.sub(r"paragraph: 22\b", "paragraph: 99", text, count=1), encoding="utf-8")
    assert [p.code for p in validate_catalog(data_copy)] == ["no-such-paragraph"]


def test_unknown_kind_is_reported(data_copy):
    _edit(data_copy / "catalog" / "water.yaml", "kind: dock", "kind: harbour")
    problems = validate_catalog(data_copy)
    assert [p.code for p in problems] == ["unknown-kind"]
    assert "'harbour' is not one of" in problems[0].message


def test_unknown_status_is_reported(data_copy):
    _edit(data_copy / "catalog" / "water.yaml", "status: completed", "status: finished")
    assert [p.code for p in validate_catalog(data_copy)] == ["unknown-status"]


def test_broken_yaml_is_its_own_error_with_line(data_copy):
    water = data_copy / "catalog" / "water.yaml"
    _edit(water, "  - id: liangjiu-dock\n", "  - id: liangjiu-dock\n    name_zh: [unclosed\n")
    with pytest.raises(CatalogSyntaxError) as raised:
        load_catalog(data_copy)
    assert raised.value.path == water
    assert raised.value.line is not None and raised.value.line >= _line_of(water, "[unclosed")
    assert "not valid YAML" in str(raised.value)


def test_coordinate_outside_wuhan_is_reported(data_copy):
    places = data_copy / "gazetteer" / "places.yaml"
    _edit(places, "point: [114.2870, 30.5455]", "point: [30.5455, 114.2870]")
    problems = validate_catalog(data_copy)
    outside = [p for p in problems if p.code == "outside-wuhan"]
    assert len(outside) == 1 and outside[0].path == places
    assert outside[0].line == _line_of(places, "id: pinghumen-water-plant")
    assert "longitude, latitude" in outside[0].message


def test_schematic_zone_from_a_line_is_reported(data_copy):
    places = data_copy / "gazetteer" / "places.yaml"
    _edit(places, "intake: gangdong-water-plant", "intake: xunsi-river")
    problems = validate_catalog(data_copy)
    bad = [p for p in problems if p.code == "bad-intake"]
    assert len(bad) == 1 and bad[0].line == _line_of(places, "id: gangdong-primary-zone")
    assert "must be a point" in bad[0].message and "LineString" in bad[0].message


def test_gbk_document_stops_loading_with_its_own_error(data_copy):
    doc = data_copy / "documents" / "001_f7bf8be44076ee18.txt"
    doc.write_bytes(doc.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(DocumentEncodingError) as raised:
        load_catalog(data_copy)
    assert raised.value.path == doc


def test_duplicate_and_dangling_ids_are_reported(data_copy):
    water = data_copy / "catalog" / "water.yaml"
    _edit(water, "id: zongguan-backwash-outfall-relocation", "id: liangjiu-dock-relocation")
    _edit(water, "target: pinghumen-primary-zone", "target: no-such-zone")
    codes = sorted(p.code for p in validate_catalog(data_copy))
    assert codes == ["duplicate-id", "unknown-site"]


def test_load_raises_all_problems_at_once(data_copy):
    _edit(data_copy / "catalog" / "water.yaml", "kind: dock", "kind: harbour")
    _edit(data_copy / "catalog" / "water.yaml", "status: completed", "status: finished")
    with pytest.raises(CatalogInvalid) as raised:
        load_catalog(data_copy)
    assert len(raised.value.problems) == 2


def test_shipped_files_are_untouched_by_bad_input(data_copy):
    _edit(data_copy / "catalog" / "water.yaml", "kind: dock", "kind: harbour")
    assert validate_catalog() == []
