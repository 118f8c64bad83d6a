"""The domain types: documents, evidence, sites, measures, statuses and locations.

Every fact shown about a site is one of these, and every one of them that a document states
carries `Evidence` pointing at the exact words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from shapely.geometry.base import BaseGeometry


class Kind(StrEnum):
    """What a site is; the Chinese label is what the UI shows."""

    DISTRICT = "district"
    FUNCTIONAL_ZONE = "functional_zone"
    WATER_PLANT = "water_plant"
    PROTECTION_ZONE = "protection_zone"
    DOCK = "dock"
    OUTFALL = "outfall"
    CONTAMINATED_PARCEL = "contaminated_parcel"
    RIVER_LAKE = "river_lake"
    SEWAGE_PLANT = "sewage_plant"
    INDUSTRIAL_AREA = "industrial_area"
    LOCALITY = "locality"
    CITYWIDE = "citywide"

    @property
    def label_zh(self) -> str:
        return _KIND_ZH[self]

    @property
    def label_en(self) -> str:
        return self.value.replace("_", " ")


_KIND_ZH = {
    Kind.DISTRICT: "行政区",
    Kind.FUNCTIONAL_ZONE: "功能区",
    Kind.WATER_PLANT: "水厂",
    Kind.PROTECTION_ZONE: "水源保护区",
    Kind.DOCK: "码头",
    Kind.OUTFALL: "排口",
    Kind.CONTAMINATED_PARCEL: "污染地块",
    Kind.RIVER_LAKE: "河湖",
    Kind.SEWAGE_PLANT: "污水处理厂",
    Kind.INDUSTRIAL_AREA: "工业片区",
    Kind.LOCALITY: "街道片区",
    Kind.CITYWIDE: "全市",
}


USER_PREFIX = "user-"  # ids of the sites a user accepted from an imported document

# Which kinds each map layer draws; "city" is the whole municipality, drawn as no shape.
LAYER_KINDS: dict[str, tuple[Kind, ...]] = {
    "city": (Kind.CITYWIDE,),
    "districts": (Kind.DISTRICT,),
    "functional_zones": (Kind.FUNCTIONAL_ZONE,),
    "protection_zones": (Kind.PROTECTION_ZONE,),
    "rivers": (Kind.RIVER_LAKE,),
    "sites": (
        Kind.WATER_PLANT,
        Kind.DOCK,
        Kind.OUTFALL,
        Kind.CONTAMINATED_PARCEL,
        Kind.SEWAGE_PLANT,
        Kind.INDUSTRIAL_AREA,
        Kind.LOCALITY,
    ),
}


_STATUS_RANK = {"planned": 0, "in_progress": 1, "completed": 2, "closed_out": 3}


class Status(StrEnum):
    """How far a measure has come, in the order it advances."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED_OUT = "closed_out"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self.value]

    @property
    def label_zh(self) -> str:
        return {
            "planned": "计划",
            "in_progress": "推进中",
            "completed": "已完成",
            "closed_out": "已销号",
        }[self.value]

    @property
    def label_en(self) -> str:
        return self.value.replace("_", " ")


class Category(StrEnum):
    WATER = "water"
    AIR = "air"
    SOIL = "soil"
    ENFORCEMENT = "enforcement"
    GOVERNANCE = "governance"

    @property
    def label_zh(self) -> str:
        return {
            "water": "水",
            "air": "大气",
            "soil": "土壤",
            "enforcement": "执法",
            "governance": "治理机制",
        }[self.value]


class RelationType(StrEnum):
    INSIDE_ZONE = "inside_zone"
    DISCHARGED_INTO_ZONE = "discharged_into_zone"
    PART_OF = "part_of"


class LocationBasis(StrEnum):
    """Why a location is where it is, from best to worst."""

    SURVEYED = "surveyed"
    CORRECTED = "corrected"  # moved on the map by someone who knows the site (a store event)
    ADDRESS = "address"
    LANDMARK = "landmark"
    REFERENCE_POINT = "reference_point"
    LOCALITY = "locality"
    DISTRICT_CENTROID = "district_centroid"
    BOUNDARY = "boundary"
    SCHEMATIC = "schematic"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a document says something: its id, paragraph (from 1) and the exact words."""

    document: str
    paragraph: int
    quote: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title_zh: str
    title_en: str
    publisher_zh: str
    publisher_en: str
    date_from: date
    date_to: date
    date_basis: str
    path: Path
    paragraphs: tuple[str, ...]

    def paragraph(self, number: int) -> str:
        """Paragraph `number`, counted from 1 as evidence counts it."""
        return self.paragraphs[number - 1]


@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    title_zh: str
    title_en: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType
    target: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    site_id: str
    text_zh: str
    text_en: str
    category: Category
    responsible_zh: str
    responsible_en: str
    target_date: str | None
    status: Status
    status_words: str
    concerns: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Indicator:
    """A figure a document reports, e.g. 243 good-air days."""

    id: str
    text_zh: str
    text_en: str
    value: float
    unit: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """A site's geometry in WGS84 and how far it may be from the truth."""

    place_id: str
    geometry: BaseGeometry
    precision_m: float
    basis: LocationBasis
    datum: str
    source: str
    estimated_from: str | None = None

    @property
    def is_estimate(self) -> bool:
        return self.basis not in (
            LocationBasis.SURVEYED,
            LocationBasis.CORRECTED,
            LocationBasis.BOUNDARY,
        )


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    kind: Kind
    location: Location
    stated_districts: tuple[str, ...]
    stated_districts_source: str | None
    leader: Leader | None
    relations: tuple[Relation, ...]
    measures: tuple[Measure, ...]
    indicators: tuple[Indicator, ...]
    source_file: Path


@dataclass(frozen=True, slots=True)
class Catalog:
    documents: dict[str, Document]
    sites: Sequence[Site]  # a tuple, or a gis.site_table.SiteList for many point sites
    _by_id: Mapping[str, Site] = field(init=False, repr=False, compare=False)
    _relating: dict[str, list[Site]] = field(init=False, repr=False, compare=False)
    _concerning: dict[str, list[Measure]] = field(init=False, repr=False, compare=False)
    _own_measures: Callable[[str], tuple[Measure, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # Indexes built once, so that per-site questions stay cheap with many sites; only
        # the sites that can have relations and measures are walked (gis/site_table.py).
        from gis.site_table import SiteList, SitesById, measured

        relating: dict[str, list[Site]] = {}
        concerning: dict[str, list[Measure]] = {}
        for site in measured(self.sites):
            for relation in site.relations:
                relating.setdefault(relation.target, []).append(site)
            for measure in site.measures:
                for target in measure.concerns:
                    concerning.setdefault(target, []).append(measure)
        sites = self.sites
        by_id = SitesById(sites) if isinstance(sites, SiteList) else {s.id: s for s in sites}
        object.__setattr__(self, "_by_id", by_id)
        # a point site held as a row has no measures, and is not built to say so
        own = sites.own_measures if isinstance(sites, SiteList) else lambda i: by_id[i].measures
        object.__setattr__(self, "_own_measures", own)
        object.__setattr__(self, "_relating", relating)
        object.__setattr__(self, "_concerning", concerning)

    def site(self, site_id: str) -> Site:
        return self._by_id[site_id]

    def measures(self) -> list[Measure]:
        from gis.site_table import measured

        return [m for s in measured(self.sites) for m in s.measures]

    def related_sites(self, site_id: str) -> list[Site]:
        """Sites whose relations lead, directly or through others, to this one (a dock in a
        plant's zone is related to the zone and to the plant)."""
        found: list[Site] = []
        frontier = [site_id]
        while frontier:
            for site in self._relating.get(frontier.pop(), []):
                if site not in found and site.id != site_id:
                    found.append(site)
                    frontier.append(site.id)
        return found

    def measures_concerning(self, site_id: str) -> list[Measure]:
        """The site's own measures, those of related sites, and those naming it in `concerns`."""
        found = list(self._own_measures(site_id))  # KeyError for an unknown site
        for site in self.related_sites(site_id):
            found.extend(m for m in site.measures if m not in found)
        found.extend(m for m in self._concerning.get(site_id, []) if m not in found)
        return found

    def site_status(self, site_id: str) -> Status | None:
        """The least advanced status among the measures concerning a site: never overstated."""
        statuses = [m.status for m in self.measures_concerning(site_id)]
        return min(statuses, key=lambda s: s.rank) if statuses else None
