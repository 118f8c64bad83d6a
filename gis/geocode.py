"""Where a name read in a document is: the curated gazetteer first, then an optional online
geocoder. Every answer says where it came from and how far off it may be.

Order: exact name → alias → a normalised variant (原…厂, …门水厂, doubled characters, quotes
and placeholders) → a locality of data/gazetteer/localities.yaml (lake, river, plant, 街道…:
exact, alias, variant without a generic suffix such as 水厂, or the name followed by a
qualifier such as 江夏水域) → a 街道 or village named inside the text → the district named
in context (its interior point, with a radius to its
far edge) → unresolved, kept for review. An online geocoder (Tianditu or AMap, the user's
key, off by default) is tried before the district step when one is given.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

import shapely
from shapely.geometry.base import BaseGeometry

from gis import atomic
from gis.crs import gcj02_to_wgs84, to_metric
from gis.errors import EnvMapError
from gis.localities import Locality, load_default
from gis.model import Catalog, Kind


class GeocodeError(EnvMapError):
    """The online geocoder could not answer (no network, a bad key, a timeout)."""


@dataclass(frozen=True)
class GeocodeResult:
    lon: float | None
    lat: float | None
    precision_m: float | None
    source: (
        str  # gazetteer:exact|alias|variant|locality, online:tianditu|amap, district, unresolved
    )
    matched: str | None = None  # the gazetteer site or locality id, or the online answer's label
    kind: str | None = None  # for a locality: lake, water_plant, subdistrict … (gis.localities)
    note: str | None = None  # why it is unresolved when a service failed (ask again later)

    def __post_init__(self) -> None:
        # Plain Python floats: shapely/numpy hand back numpy scalars, which neither YAML nor
        # every JSON writer can represent (`envmap extract --format yaml` crashed on them).
        for name in ("lon", "lat", "precision_m"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, float(value))

    @property
    def resolved(self) -> bool:
        return self.lon is not None


UNRESOLVED = GeocodeResult(None, None, None, "unresolved")

# An online geocoder's answer as the JSON cache keeps it: [lon, lat, level], or [] for none.
_Answer = list[Any]


class Geocoder(Protocol):
    def geocode(self, name: str, district: str | None = None) -> GeocodeResult: ...


def normalise(name: str) -> str:
    """The spelling differences Wuhan notices show for one place."""
    text = re.sub(r"[“”\"'‘’「」《》()（）\s□]", "", name)
    text = re.sub(r"^(?:原|武汉市|武汉)", "", text)
    text = re.sub(r"(?:股份)?有限公司$", "", text)
    text = text.replace("化工场", "化工厂").replace("门水厂", "水厂")
    return re.sub(r"(.)\1", r"\1", text)  # "青江江" is a typing slip for "青江"


# Generic endings a notice adds to or drops from a locality's name: 宗关水厂 = 宗关.
_GENERIC_SUFFIX = re.compile(
    r"(?:污水处理厂|污水厂|净水厂|自来水厂|水厂|街道办事处|街道|街|乡|镇|村)$"
)
# What may follow a locality's name and still mean it: 汤逊湖江夏水域, 长江武汉段, 府河沿岸.
_WATER_PART = r"(?:水域|湖区|段|流域|沿岸|岸线|水体|水面)"
_QUALIFIER = re.compile(
    r"(?:[\u4e00-\u9fff]{1,4}?(?:区|街道|街))?(?:水域|湖区|段|流域|沿岸|岸线|周边|一带|附近|片区|区域|水体|水面)?"
    rf"|[\u4e00-\u9fff]{{1,4}}?{_WATER_PART}"
)
_IN_TEXT_KINDS = ("subdistrict", "village")


def _locality_key(name: str) -> str:
    return _GENERIC_SUFFIX.sub("", normalise(name))


class GazetteerGeocoder:
    """The places the curated catalog knows, by name, alias and normalised spelling; then the
    localities (lakes, rivers, plants, 街道 …) of data/gazetteer/localities.yaml."""

    def __init__(
        self,
        catalog: Catalog,
        online: Geocoder | None = None,
        localities: list[Locality] | None = None,
    ) -> None:
        self.online = online
        self._localities = {
            loc.id: loc for loc in (load_default() if localities is None else localities)
        }
        self._loc_exact: dict[str, str] = {}
        self._loc_key: dict[str, set[str]] = {}
        for loc in self._localities.values():
            for spelling in (loc.name_zh, *loc.aliases):
                self._loc_exact.setdefault(spelling, loc.id)
                for key in (normalise(spelling), _locality_key(spelling)):
                    if len(key) >= 2:
                        self._loc_key.setdefault(key, set()).add(loc.id)
        self._exact: dict[str, str] = {}
        self._alias: dict[str, str] = {}
        self._normal: dict[str, set[str]] = {}
        self._sites = {s.id: s for s in catalog.sites if s.kind is not Kind.CITYWIDE}
        for site in self._sites.values():
            self._exact.setdefault(site.name_zh, site.id)
            for alias in site.aliases:
                self._alias.setdefault(alias, site.id)
            for spelling in (site.name_zh, *site.aliases):
                self._normal.setdefault(normalise(spelling), set()).add(site.id)
        self._districts = {s.name_zh: s for s in self._sites.values() if s.kind is Kind.DISTRICT}
        # built at the first district_at
        self._metric_districts: dict[str, BaseGeometry] | None = None

    def geocode(self, name: str, district: str | None = None) -> GeocodeResult:
        for table, source in ((self._exact, "exact"), (self._alias, "alias")):
            if name in table:
                return self._site_result(table[name], f"gazetteer:{source}")
        variant = self._variant(normalise(name))
        if variant:
            return self._site_result(variant, "gazetteer:variant")
        locality = self.locality(name)
        if locality is not None:
            return locality
        if self.online is not None:
            try:
                answer = self.online.geocode(name, district)
            except GeocodeError as exc:  # this name stays for review; the run goes on
                return GeocodeResult(None, None, None, "unresolved", note=str(exc))
            if answer.resolved:
                return answer
        named = district or next((d for d in self._districts if d in name), None)
        if named in self._districts:
            return self._district_result(named)
        return UNRESOLVED

    def locality(self, name: str) -> GeocodeResult | None:
        """The locality `name` denotes: exact, alias, variant, or its name plus a qualifier
        (汤逊湖江夏水域 → 汤逊湖); then a 街道 or village named inside `name`."""
        if name in self._loc_exact:
            return self._locality_result(self._loc_exact[name])
        for key in (normalise(name), _locality_key(name)):
            ids = self._loc_key.get(key, set())
            if len(ids) == 1:
                return self._locality_result(next(iter(ids)))
        text = normalise(name)
        best: str | None = None
        for key, ids in self._loc_key.items():
            longer = best is None or len(key) > len(best)
            if len(ids) == 1 and longer and text.startswith(key):
                best = key if _QUALIFIER.fullmatch(text[len(key) :]) else best
        if best is not None:
            return self._locality_result(next(iter(self._loc_key[best])))
        return self.locate_in_text(name)

    def locate_in_text(self, text: str) -> GeocodeResult | None:
        """The longest 街道 or village name written anywhere in `text`, at its precision."""
        best: Locality | None = None
        best_len = 0
        for loc in self._localities.values():
            if loc.kind not in _IN_TEXT_KINDS:
                continue
            for spelling in (loc.name_zh, *loc.aliases):
                if len(spelling) >= 2 and spelling in text and len(spelling) > best_len:
                    best, best_len = loc, len(spelling)
        return self._locality_result(best.id) if best else None

    def _locality_result(self, locality_id: str) -> GeocodeResult:
        loc = self._localities[locality_id]
        return GeocodeResult(
            loc.lon, loc.lat, loc.precision_m, "gazetteer:locality", loc.id, loc.kind
        )

    def _variant(self, key: str) -> str | None:
        if len(key) < 2:
            return None
        if key in self._normal and len(self._normal[key]) == 1:
            return next(iter(self._normal[key]))
        # A name written with part of it blanked ("□□1135"片) or shortened: it lies inside one
        # known name. (A longer name holding a known one is a more specific, different place.)
        hits = {
            site_id
            for known, ids in self._normal.items()
            if len(key) >= 3 and key in known
            for site_id in ids
        }
        return next(iter(hits)) if len(hits) == 1 else None

    def _site_result(self, site_id: str, source: str) -> GeocodeResult:
        location = self._sites[site_id].location
        point = location.geometry.representative_point()
        return GeocodeResult(point.x, point.y, location.precision_m, source, site_id)

    def district_at(self, lon: float, lat: float, radius_m: float) -> str | None:
        """The district a located point lies in, when the whole circle of its uncertainty
        does: a site drawn within 2 km of a border is not given either side."""
        if self._metric_districts is None:
            self._metric_districts = {
                name: to_metric(site.location.geometry) for name, site in self._districts.items()
            }
        circle = to_metric(shapely.Point(lon, lat)).buffer(max(radius_m, 1.0))
        inside = [n for n, area in self._metric_districts.items() if area.contains(circle)]
        return inside[0] if len(inside) == 1 else None

    def _district_result(self, name: str) -> GeocodeResult:
        area = self._districts[name].location.geometry
        point = area.representative_point()
        metric_area, metric_point = to_metric(area), to_metric(point)
        radius = shapely.hausdorff_distance(metric_point, metric_area.boundary)
        return GeocodeResult(
            point.x, point.y, float(round(radius, -2)), "district", self._districts[name].id
        )


# How far an online answer may be off, by the level the service reports.
_LEVEL_PRECISION_M = {
    "门牌号": 30, "兴趣点": 50, "POI": 50, "门址": 30, "道路": 500, "村庄": 1000,
    "乡镇": 3000, "区县": 8000, "城市": 30000,
}  # fmt: skip


class OnlineGeocoder:
    """Tianditu or AMap with the user's key; answers are cached on disk, calls time out.

    AMap answers in GCJ-02 and is converted to WGS84; Tianditu answers in CGCS2000, which
    equals WGS84 at this precision."""

    ENDPOINTS: ClassVar[dict[str, str]] = {
        "tianditu": "https://api.tianditu.gov.cn/geocoder",
        "amap": "https://restapi.amap.com/v3/geocode/geo",
    }

    def __init__(
        self,
        provider: str,
        key: str,
        cache: Path | None = None,
        timeout_s: float = 5.0,
        endpoint: str | None = None,
    ) -> None:
        if provider not in self.ENDPOINTS:
            raise GeocodeError(f"unknown geocoder {provider!r}; choose {list(self.ENDPOINTS)}")
        if not key:
            raise GeocodeError(f"the {provider} geocoder needs your key")
        self.provider, self.key, self.cache, self.timeout_s = provider, key, cache, timeout_s
        self.endpoint = endpoint or self.ENDPOINTS[provider]
        self._cached: dict[str, _Answer] = {}
        if cache and cache.exists():
            try:
                self._cached = json.loads(cache.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._cached = {}  # a damaged cache is only a cache

    def geocode(self, name: str, district: str | None = None) -> GeocodeResult:
        query = f"武汉市{district or ''}{name}"
        cache_key = f"{self.provider}:{query}"
        if cache_key not in self._cached:
            self._cached[cache_key] = self._ask(query)
            self._save()
        answer = self._cached[cache_key]
        if not answer:
            return UNRESOLVED
        lon, lat, level = answer
        if self.provider == "amap":
            wgs_lon, wgs_lat = gcj02_to_wgs84([lon], [lat])
            lon, lat = float(wgs_lon[0]), float(wgs_lat[0])
        precision = _LEVEL_PRECISION_M.get(level, 1000)
        return GeocodeResult(lon, lat, precision, f"online:{self.provider}", level)

    def _ask(self, query: str) -> _Answer:
        if self.provider == "tianditu":
            params = {"ds": json.dumps({"keyWord": query}, ensure_ascii=False), "tk": self.key}
        else:
            params = {"address": query, "city": "武汉", "key": self.key, "output": "JSON"}
        url = f"{self.endpoint}?{urllib.parse.urlencode(params)}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout_s) as response:
                body = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise GeocodeError(
                f"{self.provider} geocoder answered HTTP {exc.code} for {query!r}"
            ) from exc
        except TimeoutError as exc:
            raise GeocodeError(
                f"{self.provider} geocoder did not answer within {self.timeout_s:g} s"
            ) from exc
        except urllib.error.URLError as exc:
            raise GeocodeError(f"{self.provider} geocoder unreachable: {exc.reason}") from exc
        except ValueError as exc:
            raise GeocodeError(f"{self.provider} geocoder sent something that is not JSON") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise GeocodeError(f"{self.provider} geocoder connection failed: {exc}") from exc
        try:
            return self._parse(body, query)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError) as exc:
            raise GeocodeError(
                f"{self.provider} geocoder sent an answer of an unknown form for {query!r}"
            ) from exc

    def _parse(self, body: dict[str, Any], query: str) -> _Answer:
        if self.provider == "tianditu":
            if str(body.get("status")) != "0":
                raise GeocodeError(f"tianditu geocoder refused {query!r}: {body.get('msg', body)}")
            location = body.get("location") or {}
            if "lon" not in location:
                return []
            return [float(location["lon"]), float(location["lat"]), location.get("level", "")]
        if str(body.get("status")) != "1":
            raise GeocodeError(f"amap geocoder refused {query!r}: {body.get('info', body)}")
        found = body.get("geocodes") or []
        if not found:
            return []
        lon, lat = (float(v) for v in found[0]["location"].split(","))
        return [lon, lat, found[0].get("level", "")]

    def _save(self) -> None:
        if self.cache is None:
            return
        try:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(self.cache, json.dumps(self._cached, ensure_ascii=False))
        except OSError:
            pass  # the answer is still used; only the next run asks again
