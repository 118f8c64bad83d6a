"""`envmap doctor`: checks, on this machine or inside an installed bundle, that every part the
app needs works — one line per check, exit status 1 if any fails."""

from __future__ import annotations

import os
import re
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

CheckResult = str  # what was seen, for the line printed after "ok"


def _proj() -> CheckResult:
    from pyproj.datadir import get_data_dir

    from gis.crs import METRIC, WGS84, transformer

    x, y = transformer(WGS84, METRIC).transform(114.3055, 30.5928)  # 武汉 city centre
    if not (500_000 < x < 550_000 and 3_370_000 < y < 3_400_000):
        raise AssertionError(f"EPSG:4326 -> 4547 gave {x:,.0f}, {y:,.0f}")
    return f"EPSG:4326 -> EPSG:4547 gives {x:,.0f} E, {y:,.0f} N (data: {get_data_dir()})"


def _boundaries() -> CheckResult:
    from gis.boundaries import load_districts

    districts = load_districts()
    if len(districts) != 13:
        raise AssertionError(f"{len(districts)} districts instead of 13")
    return "13 districts"


def render_glyph(text: str):
    """`text` drawn in the default sans-serif font: a missing CJK font draws every Chinese
    character as the same box, so two different characters give the same image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(48, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont("sans-serif", 24))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def _render() -> CheckResult:
    from PySide6.QtWidgets import QApplication

    from desktop.fonts import install_fallback_font, system_cjk_families
    from desktop.map.export_image import render_map
    from gis import build_map_data, load_catalog

    QApplication.instance() or QApplication([])
    bundled = install_fallback_font()
    if render_glyph("武") == render_glyph("汉"):  # a missing font draws both as the same box
        raise AssertionError("Chinese characters render as boxes: no CJK font")
    font = f"bundled {bundled}" if bundled else f"system {system_cjk_families()[0]}"
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "map.png"
        render_map(build_map_data(load_catalog()), out, (800, 600))
        size = out.stat().st_size
    return f"an 800x600 map with CJK glyphs from the {font} font ({size / 1024:,.0f} KB)"


def _translations() -> CheckResult:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desktop.i18n import TRANSLATIONS

    ours, qt = QTranslator(), QTranslator()
    if not ours.load(str(TRANSLATIONS / "envmap_en.qm")):
        raise AssertionError(f"the English interface file is missing from {TRANSLATIONS}")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt.load("qtbase_zh_CN", folder):  # 确定/取消 on Qt's own buttons
        raise AssertionError(f"Qt's Chinese strings (qtbase_zh_CN) are missing from {folder}")
    return "English interface and Qt's own Chinese strings load"


def _html() -> CheckResult:
    from gis import build_map_data, load_catalog
    from gis.export.html import write_html

    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "map.html"
        size = write_html(build_map_data(load_catalog()), out)
        text = out.read_text(encoding="utf-8")
    if re.search(r"<script[^>]*\bsrc=|<link[^>]*\bhref=", text):
        raise AssertionError("the HTML refers to files outside itself")
    return f"{size / 1024:,.0f} KB, no external reference"


def _files() -> CheckResult:
    """The exports colleagues open in QGIS and Excel: GeoPackage (no GDAL needed), GeoJSON,
    CSV and XLSX (no pandas needed: the office bundle leaves it out)."""
    import csv
    import json
    import sqlite3

    from gis import load_catalog
    from gis.export import files

    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as work:
        gpkg, geojson = Path(work) / "wuhan.gpkg", Path(work) / "sites.geojson"
        ledger, xlsx = Path(work) / "ledger.csv", Path(work) / "ledger.xlsx"
        layers = files.write_geopackage(catalog, gpkg)
        files.write_geojson(catalog, geojson)
        files.write_ledger_csv(catalog, ledger)
        files.write_ledger_xlsx(catalog, xlsx)
        with sqlite3.connect(gpkg) as db:
            (features,) = db.execute("SELECT COUNT(*) FROM gpkg_geometry_columns").fetchone()
        db.close()
        if features != len(layers) - 1:
            raise AssertionError(f"{features} spatial tables for {len(layers) - 1} layers")
        sites = len(json.loads(geojson.read_text(encoding="utf-8"))["features"])
        if sites != len(catalog.sites):
            raise AssertionError(f"GeoJSON holds {sites} of {len(catalog.sites)} sites")
        with ledger.open(encoding="utf-8-sig", newline="") as fh:
            rows = len(list(csv.DictReader(fh)))
        return (
            f"GeoPackage with {len(layers)} tables, GeoJSON with {sites} sites, "
            f"CSV ledger {rows} rows, XLSX ledger {xlsx.stat().st_size // 1024} KB"
        )


def _store() -> CheckResult:
    from gis import load_catalog
    from gis.store import StatusStore

    with tempfile.TemporaryDirectory() as work:
        store = StatusStore(Path(work) / "status.sqlite", load_catalog())
        count = len(store.events())
        store.engine.dispose()
    return f"SQLite store opens with {count} document events"


# A real sentence (长江日报 2019-02-21, the 铁机路 dock) in Traditional script, as mirrors serve it.
_NOTICE = "20日，地處武昌區鐵機路的武漢港務集團漢口港埠分公司碼頭被拆除。"


def _notices() -> CheckResult:
    """New notices are read in every format an office receives (the reading tables included)."""
    from docx import Document

    from gis.extract.pipeline import extract_file

    found = {}
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "notice.txt"
        text.write_text(_NOTICE, encoding="gb18030")
        word = Path(folder) / "notice.docx"
        document = Document()
        document.add_paragraph(_NOTICE)
        document.save(str(word))
        for path in (text, word):
            read, _ = extract_file(path)
            found[path.suffix] = {r["name_simplified"]: r for r in read}
    dock = "武汉港务集团汉口港埠分公司码头"
    for suffix, records in found.items():
        record = records.get(dock)
        if record is None or record["district"] != "武昌区":
            raise AssertionError(
                f"{suffix}: the dock or its district was not read: {sorted(records)}"
            )
        if [m["status"] for m in record["measures"]] != ["completed"]:
            raise AssertionError(f"{suffix}: the dock's removal was not read as done")
    return "GBK text and Word: the removed dock, its district and its status"


CHECKS: list[tuple[str, Callable[[], CheckResult]]] = [
    ("PROJ", _proj),
    ("boundaries", _boundaries),
    ("map render", _render),
    ("translations", _translations),
    ("HTML export", _html),
    ("file exports", _files),
    ("status store", _store),
    ("reading notices", _notices),
]


def run_checks(print_line: Callable[[str], None] = print) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    for name, check in CHECKS:
        try:
            seen = check()
        except Exception as exc:  # a check reports every failure, whatever its kind
            failed += 1
            print_line(f"FAIL {name}: {type(exc).__name__}: {exc}")
            if os.environ.get("ENVMAP_DOCTOR_TRACE"):
                print_line(traceback.format_exc())
        else:
            print_line(f"ok   {name}: {seen}")
    return 1 if failed else 0
