"""Write the current state to files colleagues use: GeoPackage, GeoJSON, CSV and XLSX
ledgers. Each takes a CurrentState (a bare Catalog is the documents' state)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from gis import atomic
from gis.export.records import LEDGER_COLUMNS, as_state, ledger_rows, sites_feature_collection
from gis.model import Catalog
from gis.state import CurrentState

FORMATS = ("gpkg", "geojson", "csv", "xlsx")


def write_geopackage(source: Catalog | CurrentState, path: Path) -> list[str]:
    """One table per map layer (EPSG:4326) plus a non-spatial `measures` ledger table,
    written without GDAL (gis/export/gpkg.py), so the office bundle writes it too."""
    from gis.export import gpkg
    from gis.layers import build_layers

    state = as_state(source)
    layers = {name: rows for name, rows in build_layers(state.catalog).items() if rows}
    columns = list(LEDGER_COLUMNS)
    ledger = [{column: row.get(column) for column in columns} for row in ledger_rows(state)]
    with atomic.replacing(path) as temporary:
        gpkg.write(temporary, layers, {"measures": ledger})
    return [*layers, "measures"]


def write_geojson(source: Catalog | CurrentState, path: Path) -> None:
    text = json.dumps(sites_feature_collection(source), ensure_ascii=False, indent=1)
    atomic.write_text(path, text)


def write_ledger_csv(source: Catalog | CurrentState, path: Path) -> None:
    write_rows_csv(ledger_rows(source), path)


def write_ledger_xlsx(source: Catalog | CurrentState, path: Path) -> None:
    write_rows_xlsx(ledger_rows(source), path)


def write_rows_csv(
    rows: list[dict[str, Any]], path: Path, columns: dict[str, str] = LEDGER_COLUMNS
) -> None:
    """Rows as CSV (columns: key -> header), UTF-8 with a BOM so Excel on a Chinese PC reads
    it right."""
    with atomic.writing(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns))
        writer.writerow(columns)
        writer.writerows(rows)


def write_rows_xlsx(
    rows: list[dict[str, Any]], path: Path, columns: dict[str, str] = LEDGER_COLUMNS
) -> None:
    """Rows as a spreadsheet: bold header, wrapped text, frozen header, filters."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's only sheet
    sheet.title = "整改台账 Ledger"
    sheet.append(list(columns.values()))
    for row in rows:
        sheet.append([row[key] for key in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {
        "area_site": 18,
        "problem": 24,
        "measure": 40,
        "responsible": 18,
        "evidence": 60,
        "document": 30,
    }
    for index, key in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 14)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()  # in memory first: openpyxl leaves its file open when a write fails
    book.save(buffer)
    atomic.write_bytes(path, buffer.getvalue())


def export(source: Catalog | CurrentState, fmt: str, path: Path) -> None:
    writers = {
        "gpkg": write_geopackage,
        "geojson": write_geojson,
        "csv": write_ledger_csv,
        "xlsx": write_ledger_xlsx,
    }
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    writers[fmt](source, path)
