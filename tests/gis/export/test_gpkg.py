"""The GeoPackage writer needs no GDAL, and GDAL reads back what it wrote: same geometries."""

from __future__ import annotations

import sys

import pyogrio
import shapely

from gis.export.files import write_geopackage
from gis.layers import build_layers


def test_written_without_gdal_and_read_back_by_gdal(catalog, tmp_path, monkeypatch):
    path = tmp_path / "wuhan.gpkg"
    monkeypatch.setitem(sys.modules, "pyogrio", None)  # as in the office bundle
    written = write_geopackage(catalog, path)
    monkeypatch.undo()
    layers = build_layers(catalog)
    for name in written[:-1]:
        back = pyogrio.read_dataframe(path, layer=name)
        assert len(back) == len(layers[name])
        ours_all = [row["geometry"] for row in layers[name]]
        for ours, theirs in zip(ours_all, back.geometry, strict=True):
            assert shapely.equals_exact(ours, theirs, tolerance=1e-12)
    assert pyogrio.read_info(path, layer="sites")["geometry_type"] in ("Unknown", "Geometry")
