"""Chinese for the curators' English notes on where a site is and why (data/gazetteer/
notes_zh.yaml), so the Chinese interface can show each note in Chinese with the English
beneath it; the Chinese words for how a location was found; and both made readable for a
clerk, who knows documents by their titles rather than by the curators' file numbers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from gis.model import Document, LocationBasis
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


def basis_words(basis: LocationBasis) -> str:
    """How a location was found, in Chinese then English ("地标 landmark"): the window's
    details and the HTML map's popup say it alike."""
    return f"{BASIS_ZH[basis]} {basis.value}"


@cache
def _notes() -> dict[str, str]:
    from gis.yamlfile import load_yaml  # YAML loads at the first note, not before the map

    entries = load_yaml(data_root() / "gazetteer" / "notes_zh.yaml") or []
    return {str(entry["en"]): str(entry["zh"]) for entry in entries}


def note_zh(english: str) -> str | None:
    """The Chinese of an English location note, or None when none has been written."""
    return _notes().get(english)


# The curators cite documents by number and their research files by name; a reader gets the
# document's title and a plain name for the research record the figure came from.
_DOCUMENT_EN = re.compile(r"\bdoc (\d{3})\b")
_DOCUMENT_ZH = re.compile(r"文件(\d{3})")
_RESEARCH_EN = (
    (re.compile(r"\bgazetteer\.md #(\w+)"), r"the project's place research, entry \1"),
    (re.compile(r"\bdomain\.md\b"), "the project's notes on the rules"),
)
_RESEARCH_ZH = (
    (re.compile(r"地名表第(\w+)条"), r"本项目地名考证第\1条"),
    (re.compile(r"\s*domain\.md\s*"), "本项目规则考证"),
)


def readable_note(english: str, documents: Mapping[str, Document]) -> tuple[str | None, str]:
    """(Chinese or None, English) of a location note, each document number replaced by the
    document's title and each research file by what it is."""
    by_number = {doc_id.split("_", 1)[0]: doc for doc_id, doc in documents.items()}

    def title(match: re.Match[str], chinese: bool) -> str:
        doc = by_number.get(match.group(1))
        if doc is None:
            return match.group(0)
        return f"《{doc.title_zh}》" if chinese else f"“{doc.title_en}”"

    en = _DOCUMENT_EN.sub(lambda m: title(m, False), english)
    for pattern, words in _RESEARCH_EN:
        en = pattern.sub(words, en)
    zh = note_zh(english)
    if zh is not None:
        zh = _DOCUMENT_ZH.sub(lambda m: title(m, True), zh)
        for pattern, words in _RESEARCH_ZH:
            zh = pattern.sub(words, zh)
    return zh, en
