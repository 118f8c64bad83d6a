"""Coordinates written in real Wuhan notices (shared corpus), read as WGS84 lon/lat."""

from pathlib import Path

import pytest

from gis.extract.coordinates import find_coordinates

CORPUS = Path("/work/shared/corpus")


def _corpus(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus file {name} not present")
    return path.read_text(encoding="utf-8")


def test_dms_in_aluminium_parcel_notice():
    # 11_wuhan-aluminium-parcel.txt: "项目场地中心坐标:东经114°21′42.62″,北纬30°40′22.08″"
    text = _corpus("11_wuhan-aluminium-parcel.txt")
    found = find_coordinates(text)
    assert len(found) == 1
    c = found[0]
    assert c.form == "dms" and c.plausible and c.datum == "WGS84"
    assert c.lon == pytest.approx(114 + 21 / 60 + 42.62 / 3600, abs=1e-6)
    assert c.lat == pytest.approx(30 + 40 / 60 + 22.08 / 3600, abs=1e-6)
    assert text[c.start : c.end] == "东经114°21′42.62″,北纬30°40′22.08″"


def test_table_cells_one_per_line_in_rural_black_odour_table():
    # 02_rural-black-odour-TABLE.txt: start and end points in adjacent table cells/lines
    text = _corpus("02_rural-black-odour-TABLE.txt")
    found = find_coordinates(text)
    pairs = [(c.lon, c.lat) for c in found]
    assert (114.79295, 30.85783) in pairs  # 汪套湾东南20米 (城北村, 邾城街, 新洲区)
    assert (114.79426, 30.85835) in pairs  # 汪套湾东700米
    assert all(c.plausible for c in found)
    first = next(c for c in found if c.lon == 114.79295)
    assert text[first.start : first.end].split() == ["114.79295", "30.85783"]
    # the table's other numbers (length 4004 m, width 308 …) are not read as coordinates
    assert all(113 < c.lon < 116 and 29 < c.lat < 32 for c in found)


@pytest.mark.parametrize(
    ("text", "lon", "lat", "form"),
    [
        ("东经114.36184°，北纬30.67280°", 114.36184, 30.6728, "decimal"),
        ("位置(114.36,30.67)", 114.36, 30.67, "decimal"),
        ("东经114°21'42.62\", 北纬30°40'22.08\"", 114.3618389, 30.6728, "dms"),
        ("114度21分42.62秒，30度40分22.08秒", 114.3618389, 30.6728, "dms"),
        ("北纬30°40′22.08″，东经114°21′42.62″", 114.3618389, 30.6728, "dms"),
    ],
)
def test_written_forms(text, lon, lat, form):
    (c,) = find_coordinates(text)
    assert (c.lon, c.lat, c.form) == (pytest.approx(lon, abs=1e-6), pytest.approx(lat), form)


def test_outside_wuhan_is_flagged_not_dropped():
    (c,) = find_coordinates("东经120°0′0″，北纬30°0′0″")
    assert not c.plausible


def test_long_digit_runs_are_fast():
    import time

    text = "1" * 20000 + "." + "2" * 20000 + " ," * 5000
    started = time.perf_counter()
    find_coordinates(text)
    assert time.perf_counter() - started < 2.0
