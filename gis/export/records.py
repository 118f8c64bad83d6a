"""The catalog as plain records: nested per site (GeoJSON) and flat per measure (ledger)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from shapely.geometry import mapping

from gis.model import Catalog, Evidence, Measure, RelationType, Site, Status

if TYPE_CHECKING:
    from gis.store import StatusEvent

LEDGER_COLUMNS: dict[str, str] = {
    "area_site": "地区/点位 Area/site",
    "problem": "问题 Problem",
    "measure": "整改措施 Measure",
    "responsible": "责任单位 Responsible",
    "target_date": "完成时限 Target date",
    "status": "整改状态 Status",
    "evidence": "依据原文 Evidence",
    "document": "来源文件 Document",
    "paragraph": "段落 Paragraph",
    "measure_id": "措施编号 Measure id",
    "site_id": "点位编号 Site id",
    "category": "类别 Category",
    "status_words": "原文状态用语 Status words",
    "as_of": "状态日期 As of",
}

_PROBLEM_WORDING = {
    RelationType.INSIDE_ZONE: "位于{target}内",
    RelationType.DISCHARGED_INTO_ZONE: "排入{target}",
}


def _evidence(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [{"document": e.document, "paragraph": e.paragraph, "quote": e.quote} for e in evidence]


def _as_of(catalog: Catalog, measure: Measure) -> str:
    document = catalog.documents[measure.evidence[0].document]
    return f"{document.date_from.isoformat()}/{document.date_to.isoformat()}"


def measure_record(catalog: Catalog, measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.id,
        "text_zh": measure.text_zh,
        "text_en": measure.text_en,
        "category": measure.category.value,
        "responsible_zh": measure.responsible_zh,
        "responsible_en": measure.responsible_en,
        "target_date": measure.target_date,
        "status": measure.status.value,
        "status_zh": measure.status.label_zh,
        "status_words": measure.status_words,
        "as_of": _as_of(catalog, measure),
        "evidence": _evidence(measure.evidence),
    }


def site_feature(catalog: Catalog, site: Site, districts: tuple[str, ...]) -> dict[str, Any]:
    """A GeoJSON feature with the site, its location's precision and its measures."""
    status = catalog.site_status(site.id)
    location = site.location
    properties = {
        "id": site.id,
        "name_zh": site.name_zh,
        "name_en": site.name_en,
        "aliases": list(site.aliases),
        "kind": site.kind.value,
        "kind_zh": site.kind.label_zh,
        "districts": list(districts),
        "status": status.value if status else None,
        "precision_m": location.precision_m,
        "location_basis": location.basis.value,
        "datum": location.datum,
        "location_source": location.source,
        "estimated_from": location.estimated_from,
        "leader": None
        if site.leader is None
        else {
            "name": site.leader.name,
            "title_zh": site.leader.title_zh,
            "title_en": site.leader.title_en,
            "evidence": _evidence(site.leader.evidence),
        },
        "relations": [
            {"type": r.type.value, "target": r.target, "evidence": _evidence(r.evidence)}
            for r in site.relations
        ],
        "measures": [measure_record(catalog, m) for m in catalog.measures_concerning(site.id)],
        "indicators": [
            {
                "id": i.id,
                "text_zh": i.text_zh,
                "text_en": i.text_en,
                "value": i.value,
                "unit": i.unit,
                "evidence": _evidence(i.evidence),
            }
            for i in site.indicators
        ],
    }
    return {
        "type": "Feature",
        "id": site.id,
        "geometry": mapping(site.location.geometry),
        "properties": properties,
    }


def sites_feature_collection(
    catalog: Catalog, districts: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    """Every site as GeoJSON; `districts` is the spatial join when the caller already has it."""
    if districts is None:
        from gis.layers import site_districts  # geopandas: only when no join was given

        districts = site_districts(catalog)
    joined = districts
    return {
        "type": "FeatureCollection",
        "features": [site_feature(catalog, s, joined[s.id]) for s in catalog.sites],
    }


def _problem(catalog: Catalog, site: Site) -> str:
    parts = [
        _PROBLEM_WORDING[r.type].format(target=catalog.site(r.target).name_zh)
        for r in site.relations
        if r.type in _PROBLEM_WORDING
    ]
    return "；".join(parts)


def ledger_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """One row per measure, in the columns of a rectification ledger (LEDGER_COLUMNS keys)."""
    rows = []
    for site in catalog.sites:
        for measure in site.measures:
            first = measure.evidence[0]
            rows.append(
                {
                    "area_site": site.name_zh,
                    "problem": _problem(catalog, site),
                    "measure": measure.text_zh,
                    "responsible": measure.responsible_zh,
                    "target_date": measure.target_date or "",
                    "status": measure.status.label_zh,
                    "evidence": " …… ".join(e.quote for e in measure.evidence),
                    "document": catalog.documents[first.document].title_zh,
                    "paragraph": "、".join(str(e.paragraph) for e in measure.evidence),
                    "measure_id": measure.id,
                    "site_id": site.id,
                    "category": measure.category.label_zh,
                    "status_words": measure.status_words,
                    "as_of": _as_of(catalog, measure),
                }
            )
    return rows


def apply_tracked(
    rows: list[dict[str, Any]],
    current: Mapping[str, StatusEvent],
    flags: Mapping[str, set[str]],
) -> None:
    """Put each measure's tracked status (from the status store) into its ledger row, as of
    its date, marking overdue ones: the window's table and a printed table read the same."""
    for row in rows:
        latest = current.get(row["measure_id"])
        if latest is None:
            continue
        text = f"{Status(latest.status).label_zh}（{latest.as_of.isoformat()}）"
        if "overdue" in flags.get(row["measure_id"], ()):
            text += " 逾期"
        row["status"] = text


def rows_in_district(
    rows: list[dict[str, Any]], site_districts: Mapping[str, tuple[str, ...]], district: str
) -> list[dict[str, Any]]:
    """The ledger rows of sites that lie in (or reach into) `district`: the district's own
    sites first, then those spanning more districts, city-wide last; ledger order within."""
    chosen = [row for row in rows if district in site_districts.get(row["site_id"], ())]
    return sorted(chosen, key=lambda row: len(site_districts[row["site_id"]]))
