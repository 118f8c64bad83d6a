"""A document file in, candidate records out: extraction, then geocoding, in the catalog's
shape, ready for review or for `envmap extract` to print."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from gis.extract.extractor import Candidate, extract
from gis.extract.text import read_source
from gis.geocode import Geocoder
from gis.model import Kind


def extract_file(
    path: Path, geocoder: Geocoder | None = None, document_date: date | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Candidate records for one file, and warnings (e.g. broken characters) naming lines."""
    source = read_source(path)
    records = [_record(c, geocoder) for c in extract(source, document_date)]
    return records, list(source.warnings)


def _record(candidate: Candidate, geocoder: Geocoder | None) -> dict[str, Any]:
    record = asdict(candidate)
    record["measures"] = [
        {**m, "evidence": m["evidence"][0], "evidence_continued": m["evidence"][1:]}
        for m in record["measures"]
    ]
    place = {"lon": None, "lat": None, "precision_m": None, "geocode_source": "unresolved"}
    if candidate.kind == Kind.CITYWIDE.value:
        place["geocode_source"] = "citywide"
    elif candidate.stated_point is not None:
        lon, lat = candidate.stated_point
        place = {
            "lon": lon,
            "lat": lat,
            "precision_m": _digits_precision_m(lon, lat),
            "geocode_source": "text",  # as written in the document (WGS84/CGCS2000 assumed)
            "geocode_match": None,
        }
    elif geocoder is not None:
        found = geocoder.geocode(candidate.name_simplified, candidate.district)
        place = {
            "lon": None if found.lon is None else round(found.lon, 6),
            "lat": None if found.lat is None else round(found.lat, 6),
            "precision_m": found.precision_m,
            "geocode_source": found.source,
            "geocode_match": found.matched,
        }
    return {**record, **place}


def _digits_precision_m(lon: float, lat: float) -> float:
    """How far a point written with these decimals may be off: half its last digit, in metres
    (0.00001° ≈ 1.1 m here). It says nothing of how well that point stands for the site."""
    decimals = max(len(repr(v).split(".")[1]) if "." in repr(v) else 0 for v in (lon, lat))
    return round(111_320 * 10**-decimals / 2, 1)
