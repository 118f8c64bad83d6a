"""Point site rows (gis/site_table.py) in the map cache: ids as a JSON list, each column of
names as one JSON string and where each name ends, numbers and codes as little-endian arrays
in base64 text, read back with numpy.frombuffer (nothing that can build an object), and each
coded field's distinct values as JSON."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import numpy as np

from gis.catalog_codec import KINDS, CatalogDecoder, CatalogEncoder, encode_leader
from gis.model import LocationBasis
from gis.site_table import CODED_FIELDS, PointRows
from gis.text_column import TextColumn

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
        [rows.names_zh.text, array_text(_small(rows.names_zh.ends))],
        [rows.names_en.text, array_text(_small(rows.names_en.ends))],
        array_text(rows.lon.astype("<f8")),
        array_text(rows.lat.astype("<f8")),
        *coded,
        array_text(_small(statuses)),
    ]


def decode_rows(lines: list[Any], decoder: CatalogDecoder) -> tuple[PointRows, np.ndarray]:
    """The rows of ROW_LINES lines and their statuses' codes; damage raises ValueError,
    TypeError, KeyError or IndexError (PointRows checks lengths and codes)."""
    ids, names_zh, names_en, lon, lat, *coded, statuses = lines
    if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
        raise ValueError("point site ids are not a list of texts")
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
    zh, en = _names(names_zh), _names(names_en)
    rows = PointRows(ids, zh, en, read_array(lon), read_array(lat), tables, codes)
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


def _names(data: Any) -> TextColumn:
    """A column of names from its [text, ends] (ValueError when they do not match)."""
    text, ends = data
    if not isinstance(text, str):
        raise ValueError("point site names are not a text")
    return TextColumn(text, read_array(ends))


def _small(codes: np.ndarray) -> np.ndarray:
    """Codes (never negative) in the narrowest type that holds them."""
    top = int(codes.max()) if len(codes) else 0
    return codes.astype("|u1" if top < 2**8 else "<u2" if top < 2**16 else "<i4")


def _same(value: Any) -> Any:
    return value
