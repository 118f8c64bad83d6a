"""A document file in, candidate records out: extraction, then geocoding, in the catalog's
shape, ready for review or for `envmap extract` to print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from gis.extract.candidates import Candidate
from gis.extract.extractor import ExtractionCancelled, extract
from gis.extract.text import SourceText, read_source
from gis.geocode import Geocoder
from gis.model import Kind

__all__ = ["STEPS", "ExtractionCancelled", "extract_file", "extract_source", "read_file"]

# progress(done, STEPS): reading takes the first tenth, the rules the next 70 %, geocoding the rest
STEPS = 1000
_READ, _RULES = 100, 800


def extract_file(
    path: Path,
    geocoder: Geocoder | None = None,
    document_date: date | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Candidate records for one file, and warnings (e.g. broken characters) naming lines.

    `progress(done, total)` is called between steps (PDF pages, paragraphs, records); when it
    returns False the work stops and ExtractionCancelled is raised: nothing is returned."""
    return extract_source(read_file(path, progress), geocoder, document_date, progress)


def read_file(path: Path, progress: Callable[[int, int], bool] | None = None) -> SourceText:
    """The file's text, read once, as the first part of `extract_file`'s progress: the window
    reads it before asking the document's date, then extracts what it read."""
    report = _Progress(progress, path.name)
    source = read_source(path, report.scaled(0, _READ))
    report.scaled(0, _READ)(1, 1)
    return source


def extract_source(
    source: SourceText,
    geocoder: Geocoder | None = None,
    document_date: date | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """`extract_file` for a text already read by `read_file`: the rest of its progress."""
    report = _Progress(progress, source.name)
    candidates = extract(source, document_date, report.scaled(_READ, _RULES))
    geocoding = report.scaled(_READ + _RULES, STEPS - _READ - _RULES)
    records = []
    for done, candidate in enumerate(candidates):
        geocoding(done, len(candidates))
        records.append(_record(candidate, geocoder))
    geocoding(1, 1)
    return records, list(source.warnings)


class _Progress:
    """One caller's progress on one scale of STEPS, from the phases' own counts."""

    def __init__(self, callback: Callable[[int, int], bool] | None, label: str) -> None:
        self.callback, self.label = callback, label

    def scaled(self, start: int, width: int) -> Callable[[int, int], bool]:
        def report(done: int, total: int) -> bool:
            if self.callback is None:
                return True
            share = done / total if total else 1.0
            if not self.callback(start + round(width * min(share, 1.0)), STEPS):
                raise ExtractionCancelled(f"{self.label}: extraction cancelled")
            return True

        return report


def _record(candidate: Candidate, geocoder: Geocoder | None) -> dict[str, Any]:
    record = asdict(candidate)
    record["measures"] = [
        {**m, "evidence": m["evidence"][0], "evidence_continued": m["evidence"][1:]}
        for m in record["measures"]
    ]
    place: dict[str, float | str | None] = {
        "lon": None,
        "lat": None,
        "precision_m": None,
        "geocode_source": "unresolved",
    }
    if candidate.kind == Kind.CITYWIDE.value:
        place["geocode_source"] = "citywide"
    elif candidate.stated_point is not None:
        lon, lat = candidate.stated_point
        place = {
            "lon": lon,
            "lat": lat,
            "precision_m": candidate.stated_precision_m or _digits_precision_m(lon, lat),
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
        if found.note:
            place["geocode_note"] = found.note
    if record["district"] is None and place["lon"] is not None and place["precision_m"]:
        derive = getattr(geocoder, "district_at", None)
        located = place["geocode_source"] not in ("district", "citywide", "unresolved")
        district = derive(place["lon"], place["lat"], place["precision_m"]) if derive else None
        if located and district:
            record["district"], record["district_basis"] = district, "derived"
    return {**record, **place}


def _digits_precision_m(lon: float, lat: float) -> float:
    """How far a point written with these decimals may be off: half its last digit, in metres
    (0.00001° ≈ 1.1 m here). It says nothing of how well that point stands for the site."""
    decimals = max(len(repr(v).split(".")[1]) if "." in repr(v) else 0 for v in (lon, lat))
    return round(111_320 * 10.0**-decimals / 2, 1)
