"""GeoPackage, GeoJSON, CSV and XLSX read back as a colleague's tools would read them."""

from __future__ import annotations

import csv
import json

import pyogrio
from openpyxl import load_workbook

from gis.export.files import write_geojson, write_geopackage, write_ledger_csv, write_ledger_xlsx
from gis.export.records import LEDGER_COLUMNS


def test_geopackage_has_a_table_per_layer_with_crs(catalog, tmp_path):
    path = tmp_path / "wuhan.gpkg"
    write_geopackage(catalog, path)
    layers = dict(pyogrio.list_layers(path))
    assert {
        "districts",
        "functional_zones",
        "protection_zones",
        "rivers",
        "sites",
        "city",
        "measures",
    } <= set(layers)
    for name in ("districts", "sites", "protection_zones"):
        info = pyogrio.read_info(path, layer=name)
        assert info["crs"] == "EPSG:4326"
    districts = pyogrio.read_dataframe(path, layer="districts")
    assert len(districts) == 13 and set(districts["district"]) == set(districts["name_zh"])
    measures = pyogrio.read_dataframe(path, layer="measures")
    assert len(measures) == len(catalog.measures())


def test_geopackage_overwrites_an_old_file(catalog, tmp_path):
    path = tmp_path / "wuhan.gpkg"
    write_geopackage(catalog, path)
    write_geopackage(catalog, path)
    assert len(pyogrio.read_dataframe(path, layer="districts")) == 13


def test_ledger_csv_opens_in_excel_and_keeps_quotes(catalog, tmp_path):
    path = tmp_path / "ledger.csv"
    write_ledger_csv(catalog, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0] == list(LEDGER_COLUMNS.values())
    assert len(rows) - 1 == len(catalog.measures())
    dock = next(r for r in rows if r[1] == "良久商贸码头")
    assert dock[0] == "位于平湖水厂一级保护区内" and dock[5] == "已完成"


def test_ledger_xlsx_has_ledger_columns(catalog, tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_ledger_xlsx(catalog, path)
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:8] == [
        "问题 Problem",
        "地区/点位 Area/site",
        "整改措施 Measure",
        "责任单位 Responsible",
        "完成时限 Target date",
        "整改状态 Status",
        "状态日期 As of",
        "提示 Flags",
    ]
    assert sheet.max_row - 1 == len(catalog.measures())


def test_geojson_file_round_trips(catalog, tmp_path):
    path = tmp_path / "sites.geojson"
    write_geojson(catalog, path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert len(collection["features"]) == len(catalog.sites)
