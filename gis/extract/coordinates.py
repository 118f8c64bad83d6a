"""Coordinates written in notices: decimal pairs and degrees-minutes-seconds.

Every value is read as WGS84 (CGCS2000, the datum of Chinese official notices, equals it at
map scale); a notice that says GCJ-02 or BD-09 must be converted by the caller. A pair is
`plausible` only inside Wuhan's bounding box (113.68–115.08 E, 29.97–31.37 N); pairs
outside it are still returned, flagged, so a reviewer can see a swapped or mistyped value.
All patterns are linear: no nested quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gis.extract.candidates import Candidate

WUHAN_BBOX = (113.68, 29.97, 115.08, 31.37)  # lon_min, lat_min, lon_max, lat_max
DATUM = "WGS84"  # assumed; notices rarely say, and CGCS2000 equals it at this scale


@dataclass(frozen=True)
class FoundCoordinate:
    lon: float
    lat: float
    start: int  # span of the text the pair was read from, text[start:end]
    end: int
    form: str  # "dms" or "decimal"
    plausible: bool  # inside Wuhan's bounding box
    datum: str = DATUM


# One angle: degrees, optional minutes, optional seconds, with ° ′ ″, ASCII ' ", or 度分秒.
_DMS = (
    r"(?P<{p}d>\d{{2,3}}(?:\.\d+)?)\s?(?:°|度|º)\s?"
    r"(?:(?P<{p}m>\d{{1,2}}(?:\.\d+)?)\s?(?:′|'|’|分)\s?)?"
    r"(?:(?P<{p}s>\d{{1,2}}(?:\.\d+)?)\s?(?:″|\"|”|''|秒))?"
)
_HEMI_E = r"(?:东经|E|e)\s?[:：]?\s?"
_HEMI_N = r"(?:北纬|N|n)\s?[:：]?\s?"
_SEP = r"[\s,，、;；/]{0,4}"
_DMS_PAIR = re.compile(
    rf"{_HEMI_E}{_DMS.format(p='a')}{_SEP}{_HEMI_N}{_DMS.format(p='b')}"
    rf"|{_HEMI_N}{_DMS.format(p='c')}{_SEP}{_HEMI_E}{_DMS.format(p='e')}"
)
_DMS_BARE = re.compile(rf"(?<![\d.]){_DMS.format(p='a')}{_SEP}{_DMS.format(p='b')}")
_DEC = r"\d{2,3}\.\d{2,8}"
# 东经114.36184°，北纬30.67280° / (114.36,30.67) / 114.79295 and 30.85783 on adjacent lines
_DEC_LABELLED = re.compile(
    rf"{_HEMI_E}(?P<lon>{_DEC})\s?°?{_SEP}{_HEMI_N}(?P<lat>{_DEC})\s?°?"
    rf"|{_HEMI_N}(?P<lat2>{_DEC})\s?°?{_SEP}{_HEMI_E}(?P<lon2>{_DEC})\s?°?"
)
_DEC_BARE = re.compile(
    rf"(?<![\d.])(?P<a>{_DEC})(?![\d.])[\s,，、;；()（）]{{1,12}}(?P<b>{_DEC})(?![\d.])"
)


def _angle(match: re.Match[str], p: str) -> float:
    value = float(match[f"{p}d"])
    if match[f"{p}m"]:
        value += float(match[f"{p}m"]) / 60.0
    if match[f"{p}s"]:
        value += float(match[f"{p}s"]) / 3600.0
    return value


def plausible(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = WUHAN_BBOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def _found(lon: float, lat: float, start: int, end: int, form: str) -> FoundCoordinate:
    return FoundCoordinate(round(lon, 7), round(lat, 7), start, end, form, plausible(lon, lat))


def _looks_like_pair(a: float, b: float) -> tuple[float, float] | None:
    """Bare numbers: a longitude is 73–136 and a latitude 3–54 in China; either order."""
    if 73 <= a <= 136 and 3 <= b <= 54:
        return a, b
    if 73 <= b <= 136 and 3 <= a <= 54:
        return b, a
    return None


def find_coordinates(text: str) -> list[FoundCoordinate]:
    """Every coordinate pair written in `text`, in reading order, read as WGS84."""
    found: list[FoundCoordinate] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _DMS_PAIR.finditer(text):
        if m["ad"] is not None:
            lon, lat = _angle(m, "a"), _angle(m, "b")
        else:
            lat, lon = _angle(m, "c"), _angle(m, "e")
        form = (
            "dms"
            if any(m[g] for g in ("am", "as", "bm", "bs", "cm", "cs", "em", "es"))
            else "decimal"
        )
        found.append(_found(lon, lat, m.start(), m.end(), form))
        taken.append(m.span())
    for m in _DMS_BARE.finditer(text):  # 114度21分42.62秒，30度40分22.08秒: minutes required
        if not free(*m.span()) or not (m["am"] and m["bm"]):
            continue
        pair = _looks_like_pair(_angle(m, "a"), _angle(m, "b"))
        if pair is not None:
            found.append(_found(pair[0], pair[1], m.start(), m.end(), "dms"))
            taken.append(m.span())
    for m in _DEC_LABELLED.finditer(text):
        if not free(*m.span()):
            continue
        lon = float(m["lon"] or m["lon2"])
        lat = float(m["lat"] or m["lat2"])
        found.append(_found(lon, lat, m.start(), m.end(), "decimal"))
        taken.append(m.span())
    for m in _DEC_BARE.finditer(text):
        if not free(*m.span()):
            continue
        pair = _looks_like_pair(float(m["a"]), float(m["b"]))
        if pair is None:
            continue
        found.append(_found(pair[0], pair[1], m.start(), m.end(), "decimal"))
        taken.append(m.span())
    return sorted(found, key=lambda f: f.start)


def stated_points(text: str, named_at: list[tuple[int, Candidate]]) -> None:
    """ "武汉铝厂地块位于…，项目场地中心坐标：东经114°21′42.62″…": a point written after a
    place, in the same paragraph, is that place's (the nearest named before it)."""
    for found in find_coordinates(text):
        before = [c for at, c in named_at if at < found.start]
        if found.plausible and before and before[-1].stated_point is None:
            before[-1].stated_point = [round(found.lon, 7), round(found.lat, 7)]
            before[-1].stated_precision_m = _written_precision_m(
                text[found.start : found.end], found.form
            )


def _written_precision_m(written: str, form: str) -> float:
    """Half the last written digit, in metres: 0.01″ is 0.15 m, 0.00001° is 0.6 m here. It says
    how exactly the text gives the point, not how well the point stands for the whole site."""
    decimals = max((len(d) for d in re.findall(r"\.(\d+)", written)), default=0)
    unit_m = 30.9 if form == "dms" else 111_320.0
    return round(unit_m * 10.0**-decimals / 2, 2)
