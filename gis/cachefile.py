"""The map cache's file: plain data that cannot run code when read, and that is checked so a
damaged or foreign file is never taken for the data it claims to hold.

Layout, all integers little-endian:

    MAGIC (8 bytes) | format (uint16) | JSON header length (uint32) | JSON header
    | JSON documents, one a line (UTF-8) | geometry end offsets (uint64 each) | WKB of them

The JSON header holds the format again, the caller's key (app version, data digest), the
sizes of the three payload parts and a sha256 over its other fields and the payload, so any
changed byte after the fixed header is found, and one in it breaks the match with the rest.
Only `json`, `struct`, `numpy.frombuffer` and `shapely.from_wkb` read the file: none can
construct arbitrary objects. The JSON comes in lines so that a reader can turn each into
objects and drop it before the next: a tree of the whole would double the memory a load needs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import struct
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.errors import ShapelyError
from shapely.geometry.base import BaseGeometry

from gis import atomic

log = logging.getLogger(__name__)

MAGIC = b"ENVMAPC\x00"
_FIXED = struct.Struct("<8sHI")  # magic, format, JSON header length
_MAX_HEADER = 4096  # a header is ~250 bytes; a larger length is damage, not a header
_OFFSET = np.dtype("<u8")


class CacheDamaged(ValueError):
    """The file is not an intact cache file of this layout: it is rebuilt, never read."""


def write_cache_file(
    path: Path,
    format_version: int,
    key: Mapping[str, str],
    lines: Iterable[Any],
    geometries: Sequence[BaseGeometry],
) -> None:
    """Write atomically (a temporary file, then a rename) so that a reader never sees half a
    file; `lines` are JSON-able documents whose geometries are indices into `geometries`."""
    payload = _payload(lines, geometries)
    header = _header(format_version, key, payload)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.replacing(path) as temporary, temporary.open("wb") as fh:
        fh.write(_FIXED.pack(MAGIC, format_version, len(header)))
        fh.write(header)
        for part in payload:
            fh.write(part)


def _payload(lines: Iterable[Any], geometries: Sequence[BaseGeometry]) -> tuple[bytes, ...]:
    # JSON escapes a newline inside a string, so a newline only ever ends a document
    text = b"\n".join(
        json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for line in lines
    )
    wkbs = shapely.to_wkb(np.asarray(geometries, dtype=object)).tolist()
    ends = np.cumsum([len(w) for w in wkbs], dtype=_OFFSET)
    return text, ends.tobytes(), b"".join(wkbs)


def _header(format_version: int, key: Mapping[str, str], payload: Sequence[bytes]) -> bytes:
    fields = {**key, "format": format_version, "sizes": [len(part) for part in payload]}
    return _canonical({**fields, "sha256": _checksum(fields, payload)})


def _checksum(fields: Mapping[str, Any], payload: Sequence[bytes | memoryview]) -> str:
    """sha256 over the header's other fields and the payload: a changed byte anywhere after
    the fixed header, key and format included, reads as damage rather than as another key."""
    digest = hashlib.sha256(_canonical(fields))
    for part in payload:
        digest.update(part)
    return digest.hexdigest()


def _canonical(fields: Mapping[str, Any]) -> bytes:
    """One spelling per header, so that a changed byte can never read as the same header."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")


def read_cache_file(
    path: Path, format_version: int, key: Mapping[str, str]
) -> tuple[Iterator[Any], list[BaseGeometry]] | None:
    """The JSON documents (each parsed when taken) and the geometries of the cache at `path`;
    None when there is none or it was written for another format, app version or data.
    Raises CacheDamaged (or OSError) when the file is not intact, which is checked first, so
    that damage is never mistaken for age."""
    if not path.exists():
        return None
    raw = path.read_bytes()
    fields, start = _intact_header(raw)
    expected = {**key, "format": format_version}
    stale = sorted(name for name, value in expected.items() if fields.get(name) != value)
    if stale:
        log.info("map cache %s was written for another %s: rebuilding", path, ", ".join(stale))
        return None
    if set(fields) != {*expected, "sizes", "sha256"}:
        raise CacheDamaged("unexpected header fields")
    return _read_payload(raw, start, fields["sizes"])


def _intact_header(raw: bytes) -> tuple[dict[str, Any], int]:
    """The JSON header and where the payload starts, once the checksum holds. The fixed
    header, "sizes" and "sha256" are the same in every format, so any format is checked."""
    if len(raw) < _FIXED.size:
        raise CacheDamaged("shorter than its fixed header")
    magic, fixed_format, length = _FIXED.unpack_from(raw)
    start = _FIXED.size + length
    if magic != MAGIC:
        raise CacheDamaged("not a map cache file")
    if length > _MAX_HEADER or start > len(raw):
        raise CacheDamaged("header length out of range")
    text = raw[_FIXED.size : start]
    try:
        fields = json.loads(text.decode("ascii"))
    except ValueError as exc:  # UnicodeDecodeError is a ValueError too
        raise CacheDamaged(f"header: {exc}") from exc
    if not isinstance(fields, dict) or _canonical(fields) != text:
        raise CacheDamaged("header is not spelled as written")
    sizes = fields.get("sizes")
    if (
        not isinstance(sizes, list)
        or not all(isinstance(n, int) and n >= 0 for n in sizes)
        or start + sum(sizes) != len(raw)
    ):
        raise CacheDamaged("part sizes do not add up to the file's size")
    others = {name: value for name, value in fields.items() if name != "sha256"}
    if fields.get("sha256") != _checksum(others, [memoryview(raw)[start:]]):
        raise CacheDamaged("checksum mismatch")
    if fields.get("format") != fixed_format:
        raise CacheDamaged("the fixed header's format differs from the JSON header's")
    return fields, start


def _read_payload(
    raw: bytes, start: int, sizes: list[int]
) -> tuple[Iterator[Any], list[BaseGeometry]]:
    if len(sizes) != 3:
        raise CacheDamaged("expected three payload parts")
    text_end = start + sizes[0]
    wkb_start = text_end + sizes[1]
    try:
        geometries = _geometries(raw[text_end:wkb_start], raw[wkb_start:])
    except (ValueError, ShapelyError) as exc:
        raise CacheDamaged(f"geometries: {exc}") from exc
    return _lines(raw, start, text_end), geometries


def _lines(raw: bytes, begin: int, end: int) -> Iterator[Any]:
    """Each line's document, decoded only when taken; str() of a memoryview copies nothing
    first. A malformed line raises ValueError."""
    view = memoryview(raw)
    while True:
        stop = raw.find(b"\n", begin, end)
        stop = end if stop < 0 else stop
        yield json.loads(str(view[begin:stop], "utf-8"))
        if stop == end:
            return
        begin = stop + 1


def _geometries(ends_raw: bytes, blob: bytes) -> list[BaseGeometry]:
    """Every geometry decoded in one vectorised call."""
    ends = np.frombuffer(ends_raw, dtype=_OFFSET).tolist()
    starts = [0, *ends][: len(ends)]
    last = ends[-1] if ends else 0
    if last != len(blob) or any(a > b for a, b in zip(starts, ends, strict=True)):
        raise CacheDamaged("geometry offsets out of order")
    wkbs = np.array([blob[a:b] for a, b in zip(starts, ends, strict=True)], dtype=object)
    decoded: list[BaseGeometry] = shapely.from_wkb(wkbs).tolist()
    return decoded
