"""The `envmap` command as a user runs it: its entry point (in this process), real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def envmap(envmap_cli):
    """`envmap ARGS…` through its entry point, in this process."""
    return envmap_cli


def test_validate_passes_on_shipped_data(envmap):
    result = envmap("validate")
    assert result.returncode == 0, result.stderr
    assert "catalog is sound" in result.stdout


def test_validate_fails_with_file_and_line_on_bad_data(data_copy, envmap):
    water = data_copy / "catalog" / "water.yaml"
    water.write_text(
        water.read_text(encoding="utf-8").replace("kind: dock", "kind: pier", 1), encoding="utf-8"
    )
    result = envmap("--data", str(data_copy), "validate")
    assert result.returncode == 1
    assert f"{water}:" in result.stderr and "unknown-kind" in result.stderr


def test_data_folder_from_environment(data_copy, envmap):
    (data_copy / "catalog" / "soil.yaml").write_text("sites: [", encoding="utf-8")
    result = envmap("validate", env={**os.environ, "ENVMAP_DATA": str(data_copy)})
    assert result.returncode == 1 and "soil.yaml" in result.stderr


def test_sites_geojson_is_wgs84_with_measures_and_evidence(catalog, envmap):
    result = envmap("sites", "--format", "geojson")
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    features = {f["id"]: f for f in collection["features"]}
    assert len(features) == len(catalog.sites)
    dock = features["liangjiu-dock"]
    lon, lat = dock["geometry"]["coordinates"]
    assert 114.0 < lon < 114.6 and 30.4 < lat < 30.7
    props = dock["properties"]
    assert props["districts"] == ["武昌区"] and props["precision_m"] >= 500
    (measure,) = props["measures"]
    assert measure["status"] == "completed"
    assert "良久商贸码头" in measure["evidence"][0]["quote"]


def test_sites_csv_has_a_row_per_measure(catalog, envmap):
    result = envmap("sites", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    hannan = [r for r in rows if r["site_id"] == "hannan"]
    assert len(hannan) == len(catalog.measures_concerning("hannan"))
    assert all(r["districts"] == "汉南区" and r["evidence_quote"] for r in hannan)


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv", "xlsx"])
def test_export_writes_a_file(tmp_path: Path, fmt, envmap):
    out = tmp_path / f"wuhan.{fmt}"
    result = envmap("export", fmt, str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


def _export_without_gdal_or_pandas(fmt: str, out: Path) -> subprocess.CompletedProcess[str]:
    """`envmap export` as in the office bundle, which leaves GDAL, pandas and geopandas out."""
    blocked = (
        "import sys\n"
        "for name in ('pyogrio', 'osgeo', 'pandas', 'geopandas'): sys.modules[name] = None\n"
        "from gis.cli import main\n"
        f"sys.exit(main(['export', {fmt!r}, {str(out)!r}]))"
    )
    return subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, text=True, encoding="utf-8",
        timeout=120,
    )  # fmt: skip


def test_geopackage_without_gdal_is_written_all_the_same(tmp_path: Path):
    """The office bundle leaves GDAL and pandas out: `envmap export gpkg` still writes every
    table."""
    import sqlite3

    out = tmp_path / "wuhan.gpkg"
    result = _export_without_gdal_or_pandas("gpkg", out)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(out) as db:
        tables = {name for (name,) in db.execute("SELECT table_name FROM gpkg_contents")}
        districts = db.execute("SELECT count(*) FROM districts").fetchone()[0]
    db.close()
    assert {"districts", "sites", "measures"} <= tables
    assert districts == 13


@pytest.mark.parametrize("fmt", ["geojson", "csv", "xlsx", "html"])
def test_every_other_export_needs_no_pandas(tmp_path: Path, fmt: str):
    out = tmp_path / f"wuhan.{fmt}"
    result = _export_without_gdal_or_pandas(fmt, out)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


def test_paragraphs_prints_numbered_text(envmap):
    result = envmap("paragraphs", "001_f7bf8be44076ee18")
    assert result.stdout.splitlines()[8].split(maxsplit=1) == ["9", "管委会(汉南区)主任(区长) 彭浩"]
