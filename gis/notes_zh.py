"""Chinese for the curators' English notes on where a site is and why (data/gazetteer/
notes_zh.yaml), so the Chinese interface can show each note in Chinese with the English
beneath it; and the Chinese words for how a location was found."""

from __future__ import annotations

from functools import cache

from gis.model import LocationBasis
from gis.paths import data_root

BASIS_ZH: dict[LocationBasis, str] = {
    LocationBasis.SURVEYED: "实测",
    LocationBasis.CORRECTED: "人工更正",
    LocationBasis.ADDRESS: "地址",
    LocationBasis.LANDMARK: "地标",
    LocationBasis.REFERENCE_POINT: "参考点",
    LocationBasis.LOCALITY: "地名",
    LocationBasis.DISTRICT_CENTROID: "行政区中心",
    LocationBasis.BOUNDARY: "边界",
    LocationBasis.SCHEMATIC: "示意",
}


@cache
def _notes() -> dict[str, str]:
    from gis.yamlfile import load_yaml  # YAML loads at the first note, not before the map

    entries = load_yaml(data_root() / "gazetteer" / "notes_zh.yaml") or []
    return {str(entry["en"]): str(entry["zh"]) for entry in entries}


def note_zh(english: str) -> str | None:
    """The Chinese of an English location note, or None when none has been written."""
    return _notes().get(english)
