"""GeoPackage written with Python's sqlite3, no GDAL: the OGC GeoPackage 1.2 tables
(gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns) and each layer's features as
GeoPackage binary geometries (a "GP" header with the envelope, then WKB). QGIS and GDAL read
it like any other; the office bundle, which leaves GDAL out (~70 MB on Windows), writes it.
"""

from __future__ import annotations

import json
import math
import sqlite3
import struct
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10200  # GeoPackage 1.2
WGS84 = 4326
FLAGS_LITTLE_ENDIAN_XY_ENVELOPE = 0b0000_0011

Stored = bool | int | float | str | None  # what a column's cell holds in SQLite


def _geometry_blob(geometry: BaseGeometry | None) -> bytes | None:
    if geometry is None or geometry.is_empty:
        return None
    minx, miny, maxx, maxy = geometry.bounds
    header = struct.pack(
        "<2sBBi4d", b"GP", 0, FLAGS_LITTLE_ENDIAN_XY_ENVELOPE, WGS84, minx, maxx, miny, maxy
    )
    return header + shapely.to_wkb(geometry, byte_order=1)


def _sql_type(values: list[Stored]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "BOOLEAN"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "INTEGER"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "REAL"
    return "TEXT"


def _value(value: object) -> Stored:
    """A Python value SQLite stores: NaN and None as NULL, numpy scalars as Python numbers,
    lists and mappings as JSON text, anything else as its text."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_metadata(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {USER_VERSION}")
    db.execute(
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
        " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
        " definition TEXT NOT NULL, description TEXT)"
    )
    db.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
            ("WGS 84", WGS84, "EPSG", WGS84, CRS.from_epsg(WGS84).to_wkt("WKT1_GDAL"), None),
        ],
    )
    db.execute(
        "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,"
        " data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',"
        " last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE,"
        " max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id))"
    )
    db.execute(
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
        " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,"
        " m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))"
    )


def _write_table(
    db: sqlite3.Connection,
    name: str,
    rows: list[dict[str, Any]],
    geometries: list[BaseGeometry | None] | None,
) -> None:
    columns = [c for c in (rows[0] if rows else {}) if c.lower() not in ("fid", "geom")]
    values = [[_value(row.get(c)) for c in columns] for row in rows]
    types = [_sql_type([v[i] for v in values]) for i in range(len(columns))]
    spec = ["fid INTEGER PRIMARY KEY AUTOINCREMENT"]
    if geometries is not None:
        spec.append("geom GEOMETRY")
    spec += [f"{_quote(c)} {t}" for c, t in zip(columns, types, strict=True)]
    db.execute(f"CREATE TABLE {_quote(name)} ({', '.join(spec)})")
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"
    placeholders = ", ".join("?" * (len(columns) + (geometries is not None)))
    if geometries is None:
        db.executemany(f"INSERT INTO {_quote(name)} VALUES (NULL, {placeholders})", values)
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change)"
            " VALUES (?, 'attributes', ?, ?)",
            (name, name, now),
        )
        return
    blobs = [_geometry_blob(g) for g in geometries]
    db.executemany(
        f"INSERT INTO {_quote(name)} VALUES (NULL, {placeholders})",
        [[blob, *row] for blob, row in zip(blobs, values, strict=True)],
    )
    present = [g for g in geometries if g is not None and not g.is_empty]
    minx, miny, maxx, maxy = shapely.total_bounds(present) if present else (None,) * 4
    db.execute(
        "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)",
        (name, name, now, minx, miny, maxx, maxy, WGS84),
    )
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', ?, 0, 0)", (name, WGS84)
    )


Rows = list[dict[str, Any]]


def write(path: Path, layers: Mapping[str, Rows], tables: Mapping[str, Rows]) -> None:
    """`layers`: name -> rows whose `geometry` is a shapely geometry in EPSG:4326 (as
    gis.layers.build_layers gives); `tables`: name -> rows (no geometry).
    OSError when it cannot be written (a full disk), as for any other file."""
    path.unlink(missing_ok=True)
    try:
        _write(path, layers, tables)
    except sqlite3.Error as exc:
        raise OSError(f"{path}: cannot write the GeoPackage: {exc}") from exc


def _write(path: Path, layers: Mapping[str, Rows], tables: Mapping[str, Rows]) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode=MEMORY")  # a new file: no journal left beside it
        _create_metadata(db)
        for name, rows in layers.items():
            records = [{k: v for k, v in row.items() if k != "geometry"} for row in rows]
            _write_table(db, name, records, [row["geometry"] for row in rows])
        for name, rows in tables.items():
            _write_table(db, name, rows, None)
        db.commit()
    finally:
        db.close()
