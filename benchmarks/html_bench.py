"""HTML export benchmark, run on demand (not in the test suite): prints medians on this machine.

    pip install -e ".[bench]" && python benchmarks/html_bench.py

For the shipped catalog and for 10,000 synthetic sites it writes the map three ways and
reports time (median of 5), size and the external scripts/styles each file needs:
  envmap   gis.export.html.write_html (self-contained)
  folium   folium's defaults: a Map with the same districts and sites as GeoJson layers
           (popups with the name and status), saved with Map.save
  explore  geopandas' GeoDataFrame.explore() of the same sites over the districts
Targets (issue #4), shipped catalog: <= 0.3 s, <= 600 KB, and it works offline.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import synthetic_catalog  # noqa: E402

from gis import build_map_data, load_catalog  # noqa: E402
from gis.boundaries import load_districts  # noqa: E402
from gis.export.html import write_html  # noqa: E402
from gis.layers import sites_frame  # noqa: E402

EXTERNAL = re.compile(r"<(?:script[^>]*\bsrc|link[^>]*\bhref)=[\"']?(https?://[^\"' >]+)")


def _median_seconds(run, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _folium_default(catalog, districts, out: Path) -> None:
    import folium

    frame = sites_frame(catalog, districts)
    points = frame[frame.geometry.geom_type == "Point"]
    fmap = folium.Map(location=[30.6, 114.3], zoom_start=9)
    folium.GeoJson(load_districts()[["name_zh", "geometry"]], name="districts").add_to(fmap)
    folium.GeoJson(
        points[["id", "name_zh", "status_zh", "geometry"]],
        name="sites",
        popup=folium.GeoJsonPopup(fields=["name_zh", "status_zh"]),
    ).add_to(fmap)
    folium.LayerControl().add_to(fmap)
    fmap.save(str(out))


def _explore(catalog, districts, out: Path) -> None:
    frame = sites_frame(catalog, districts)
    points = frame[frame.geometry.geom_type == "Point"][["id", "name_zh", "status_zh", "geometry"]]
    fmap = load_districts()[["name_zh", "geometry"]].explore()
    points.explore(m=fmap, column="status_zh")
    fmap.save(str(out))


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        for sites in (0, 10_000):
            catalog = synthetic_catalog(sites) if sites else load_catalog()
            map_data = build_map_data(catalog)
            label = f"{len(catalog.sites)} sites"
            runs = {
                "envmap": lambda out, m=map_data: write_html(m, out),
                "folium": lambda out, c=catalog, d=map_data.districts: _folium_default(c, d, out),
                "explore": lambda out, c=catalog, d=map_data.districts: _explore(c, d, out),
            }
            for name, run in runs.items():
                out = Path(work) / f"{name}-{sites}.html"
                seconds = _median_seconds(lambda r=run, o=out: r(o))
                text = out.read_text(encoding="utf-8")
                external = EXTERNAL.findall(text)
                offline = "works offline" if not external else f"needs {len(external)} CDN files"
                print(
                    f"{label:>12} {name:<8} {seconds:7.3f} s  {out.stat().st_size / 1024:9,.0f} KB"
                    f"  {offline}"
                )


if __name__ == "__main__":
    main()
