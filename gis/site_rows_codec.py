"""Point site rows (gis/site_table.py) in the map cache: ids and names as JSON lists, numbers
and codes as little-endian arrays in base64 text, read back with numpy.frombuffer (nothing
that can build an object), and each coded field's distinct values as JSON."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import numpy as np

from gis.catalog_codec import KINDS, CatalogDecoder, CatalogEncoder, encode_leader
from gis.model import LocationBasis
from gis.site_table import CODED_FIELDS, PointRows

ROW_LINES = 5 + len(CODED_FIELDS) + 1  # ids, names, lon, lat, coded fields, statuses
_DTYPES = {"<f8", "|u1", "<u2", "<i4"}  # the only array types a cache may hold
_BASES = {member.value: member for member in LocationBasis}


def encode_rows(rows: PointRows, statuses: np.ndarray, encoder: CatalogEncoder) -> list[Any]:
    """ROW_LINES lines; `statuses` are the rows' map feature statuses as small codes."""
    tables = rows.tables
    convert: dict[str, Callable[[Any], Any]] = {
        "aliases": list,
        "kind": lambda kind: kind.value,
        "stated_districts": list,
        "leader": lambda x: None if x is None else encode_leader(x),
        "source_file": encoder.path,
        "basis": lambda basis: basis.value,
    }
    coded = [
        [[convert.get(name, _same)(v) for v in tables[name]], array_text(_small(rows.codes[name]))]
        for name in CODED_FIELDS
    ]
    return [
        rows.ids,
        rows.names_zh,
        rows.names_en,
        array_text(rows.lon.astype("<f8")),
        array_text(rows.lat.astype("<f8")),
        *coded,
        array_text(_small(statuses)),
    ]


def decode_rows(lines: list[Any], decoder: CatalogDecoder) -> tuple[PointRows, np.ndarray]:
    """The rows of ROW_LINES lines and their statuses' codes; damage raises ValueError,
    TypeError, KeyError or IndexError (PointRows checks lengths and codes)."""
    ids, names_zh, names_en, lon, lat, *coded, statuses = lines
    if not all(isinstance(c, list) for c in (ids, names_zh, names_en)):
        raise ValueError("point site ids or names are not lists")
    if not all(isinstance(x, str) for c in (ids, names_zh, names_en) for x in c):
        raise ValueError("point site ids or names are not texts")
    texts = decoder.texts
    convert: dict[str, Callable[[Any], Any]] = {
        "aliases": lambda names: tuple(map(texts.__getitem__, names)),
        "kind": KINDS.__getitem__,
        "stated_districts": lambda names: tuple(map(texts.__getitem__, names)),
        "stated_districts_source": texts.optional,
        "leader": lambda x: None if x is None else decoder.leader(x),
        "source_file": decoder.paths.__getitem__,
        "precision_m": float,
        "basis": _BASES.__getitem__,
        "datum": texts.__getitem__,
        "source": texts.__getitem__,
        "estimated_from": texts.optional,
    }
    tables, codes = {}, {}
    for name, (table, indices) in zip(CODED_FIELDS, coded, strict=True):
        tables[name] = [convert[name](v) for v in table]
        codes[name] = read_array(indices)
    rows = PointRows(ids, names_zh, names_en, read_array(lon), read_array(lat), tables, codes)
    return rows, read_array(statuses)


def array_text(array: np.ndarray) -> list[str]:
    """[dtype, base64 of the bytes]: an array JSON can hold, exactly and compactly."""
    return [array.dtype.str, base64.b64encode(array.tobytes()).decode("ascii")]


def read_array(data: Any) -> np.ndarray:
    """The array of array_text's [dtype, text]; a dtype not written by it raises ValueError."""
    dtype, text = data
    if dtype not in _DTYPES:
        raise ValueError(f"unexpected array type {dtype!r}")
    return np.frombuffer(base64.b64decode(text, validate=True), dtype=np.dtype(dtype))


def _small(codes: np.ndarray) -> np.ndarray:
    """Codes (never negative) in the narrowest type that holds them."""
    top = int(codes.max()) if len(codes) else 0
    return codes.astype("|u1" if top < 2**8 else "<u2" if top < 2**16 else "<i4")


def _same(value: Any) -> Any:
    return value
