"""Reading documents as the bureau receives them: the shipped two against the curated catalog,
four of our own (GBK, UTF-16, Traditional script, broken bytes) against what a reader lists."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gis.extract.evaluation import evaluate
from gis.extract.pipeline import extract_file
from gis.extract.text import read_source
from gis.geocode import GazetteerGeocoder
from gis.model import Status
from gis.paths import data_root

ROOT = Path(__file__).resolve().parents[3]
OWN = Path(__file__).resolve().parent / "documents"
EXPECTED = yaml.safe_load((OWN / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def geocoder(catalog):
    return GazetteerGeocoder(catalog)


@pytest.fixture(scope="module")
def shipped(catalog, geocoder):
    return {
        d.id: extract_file(data_root() / "documents" / f"{d.id}.txt", geocoder, d.date_to)[0]
        for d in catalog.documents.values()
    }


def test_shipped_documents_against_the_curated_catalog(catalog, shipped):
    report = evaluate(catalog, shipped)
    print(
        f"recall {report.recall:.3f} (missed {report.missed}), precision {report.precision:.3f}"
        f" (unmatched {report.unmatched}), statuses equal {report.status_agreement:.3f} of"
        f" {report.measures_matched}, weaker {report.different}"
    )
    assert report.recall >= 0.95
    assert report.precision >= 0.80
    assert report.measures_matched >= 0.8 * len(catalog.measures())
    # Measures the catalog reads with an outside source's help, weaker than the words alone:
    # 巡司河's 实施了…综合整治 is a programme in progress (data/catalog/water.yaml says why).
    outside = ("xunsi-river-renovation:",)
    agreeing = report.status_agreement * report.measures_matched
    assert agreeing / (report.measures_matched - len(outside)) >= 0.90
    # never stronger than the text
    assert [s for s in report.stronger if not s.startswith(outside)] == []


def _paragraphs(path: Path) -> tuple[str, ...]:
    return read_source(path).paragraphs


def _quotes(records: list[dict]):
    for record in records:
        for measure in record["measures"]:
            yield from [measure["evidence"], *measure["evidence_continued"]]
        if record["mention"]:
            yield record["mention"]


def test_every_quote_is_verbatim_in_the_paragraph_it_names(shipped):
    for document, records in shipped.items():
        paragraphs = _paragraphs(data_root() / "documents" / f"{document}.txt")
        for piece in _quotes(records):
            assert piece["quote"] in paragraphs[piece["paragraph"] - 1], piece
            assert piece["document"] == document


def test_a_page_break_in_mid_word_gives_two_quotes(shipped):
    outfall = next(
        r for r in shipped["000_7bb25cce70125377"] if r["name"] == "宗关水厂反冲洗废水排口"
    )
    measure = outfall["measures"][0]
    assert measure["status"] == Status.COMPLETED.value and measure["status_words"] == "实施了"
    assert measure["evidence"]["paragraph"] == 21
    assert measure["evidence_continued"][0]["paragraph"] == 22
    assert outfall["relations"] == [{"type": "inside_zone", "target": "宗关水厂下游水源保护区"}]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_own_documents_give_what_a_reader_lists(name, geocoder):
    expected = EXPECTED[name]
    path = OWN / name
    when = date.fromisoformat(str(expected["date"])) if "date" in expected else None
    records, warnings = extract_file(path, geocoder, when)
    assert read_source(path).encoding == expected["encoding"]
    found = {r["name"]: r for r in records}
    assert set(found) == set(expected["candidates"]), sorted(found)
    for candidate, facts in expected["candidates"].items():
        record = found[candidate]
        assert record["kind"] == facts["kind"], candidate
        if "statuses" in facts:
            assert sorted({m["status"] for m in record["measures"]}) == facts["statuses"], candidate
        if "inside" in facts:
            assert {"type": "inside_zone", "target": facts["inside"]} in record["relations"]
        if "target_date" in facts:
            assert {m["target_date"] for m in record["measures"]} == {str(facts["target_date"])}
        if "district" in facts:
            assert record["district"] == facts["district"]
        if "leader" in facts:
            assert record["leader"].startswith(facts["leader"])
        for measure in record["measures"]:
            assert measure["status_words"] in measure["evidence"]["quote"] + "".join(
                p["quote"] for p in measure["evidence_continued"]
            )
    paragraphs = _paragraphs(path)
    for piece in _quotes(records):
        assert piece["quote"] in paragraphs[piece["paragraph"] - 1]
    if "warning_line" in expected:
        assert warnings and f"{name}:{expected['warning_line']}:" in warnings[0]
    else:
        assert warnings == []


def test_unknown_places_stay_unresolved_and_say_so(geocoder):
    records, _ = extract_file(OWN / "parcels_traditional_utf8bom.txt", geocoder)
    assert all(r["geocode_source"] == "unresolved" and r["lon"] is None for r in records)


def test_cli_prints_the_documented_json_shape(tmp_path, envmap_cli):
    path = OWN / "water_notice_gbk.txt"
    done = envmap_cli("extract", str(path))
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    for record in records:
        assert {"name", "kind", "district", "lon", "lat", "precision_m", "geocode_source"} <= set(
            record
        )
        for measure in record["measures"]:
            assert {"text", "status", "status_words", "target_date", "evidence"} <= set(measure)
            assert measure["evidence"]["document"] == "water_notice_gbk"
    as_yaml = envmap_cli("extract", str(path), "--format", "yaml")
    assert yaml.safe_load(as_yaml.stdout) == records


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=0, max_size=600))
def test_any_text_extracts_without_crashing_and_quotes_verbatim(text, tmp_path_factory):
    _extract_and_check_quotes(text, tmp_path_factory.mktemp("any") / "any.txt")


def _extract_and_check_quotes(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")
    records, _ = extract_file(path)
    paragraphs = _paragraphs(path)
    for piece in _quotes(records):
        assert piece["quote"] in paragraphs[piece["paragraph"] - 1]


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            list(
                "推进将已完成实施了确保督促销号虽但水厂码头排口保护区内和、，。湖河东西一是二是区原化工厂地块等\n"
            )
        ),
        max_size=400,
    )
)
def test_rule_words_in_any_order_keep_quotes_verbatim(text, tmp_path_factory):
    _extract_and_check_quotes(text, tmp_path_factory.mktemp("rules") / "rules.txt")


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=400))
def test_any_bytes_are_read_with_a_warning_not_a_crash(raw, tmp_path_factory):
    path = tmp_path_factory.mktemp("bytes") / "bytes.txt"
    path.write_bytes(raw)
    extract_file(path)
