"""The catalog as plain records: nested per site (GeoJSON) and flat per measure (ledger)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shapely.geometry import mapping

from gis import status_rules as rules
from gis.model import Catalog, Evidence, Measure, RelationType, Site, Status
from gis.state import CurrentState, MeasureState, current_state

LEDGER_COLUMNS: dict[str, str] = {  # in the order of a public rectification notice
    "problem": "问题 Problem",
    "area_site": "地区/点位 Area/site",
    "measure": "整改措施 Measure",
    "responsible": "责任单位 Responsible",
    "target_date": "完成时限 Target date",
    "status": "整改状态 Status",
    "as_of": "状态日期 As of",
    "flags": "提示 Flags",
    "status_source": "状态来源 Status from",
    "status_evidence": "状态依据 Status evidence",
    "document_status": "原文状态 Document's status",
    "status_words": "原文状态用语 Status words",
    "evidence": "依据原文 Evidence",
    "document": "来源文件 Document",
    "paragraph": "段落 Paragraph",
    "category": "类别 Category",
    "measure_id": "措施编号 Measure id",
    "site_id": "点位编号 Site id",
}
_SOURCE_WORDS = {
    "document": "原文 document",
    "imported": "新文件 new document",
    "store": "跟踪记录 tracked",
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


def measure_record(catalog: Catalog, now: MeasureState) -> dict[str, Any]:
    """A measure as its document states it, with its current status beside."""
    measure = now.measure
    return {
        "id": measure.id,
        "text_zh": measure.text_zh,
        "text_en": measure.text_en,
        "category": measure.category.value,
        "responsible_zh": measure.responsible_zh,
        "responsible_en": measure.responsible_en,
        "target_date": measure.target_date,
        "status": now.status.value,
        "status_zh": now.status.label_zh,
        "status_source": now.source,
        "status_as_of": now.since.isoformat() if now.since else None,
        "status_evidence": _evidence((now.tracked.quoted,))[0]
        if now.tracked and now.tracked.quoted
        else None,
        "flags": sorted(now.flags),
        "flag_words": [rules.flag_words(f, now.informed) for f in sorted(now.flags)],
        "document_status": measure.status.value,
        "status_words": measure.status_words,
        "as_of": _as_of(catalog, measure),
        "evidence": _evidence(measure.evidence),
    }


def site_feature(state: CurrentState, site_id: str, districts: tuple[str, ...]) -> dict[str, Any]:
    """A GeoJSON feature with the site (at its corrected location, if any), its location's
    precision and its measures with their current statuses."""
    site = state.catalog.site(site_id)
    status = state.site_status(site_id)
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
        "document_status": _value(state.document_site_status(site_id)),
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
        "measures": [measure_record(state.documents, m) for m in state.site_measures(site_id)],
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
    source: Catalog | CurrentState, districts: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    """Every site as GeoJSON; `districts` is the spatial join when the caller already has it."""
    state = as_state(source)
    if districts is None:
        from gis.layers import site_districts  # the spatial join: only when none was given

        districts = site_districts(state.catalog)
    joined = districts
    return {
        "type": "FeatureCollection",
        "features": [site_feature(state, s.id, joined[s.id]) for s in state.catalog.sites],
    }


def as_state(source: Catalog | CurrentState) -> CurrentState:
    """A catalog alone is the documents' state: nothing tracked, nothing moved."""
    return source if isinstance(source, CurrentState) else current_state(source)


def _value(status: Status | None) -> str | None:
    return status.value if status else None


def _problem(catalog: Catalog, site: Site) -> str:
    parts = [
        _PROBLEM_WORDING[r.type].format(target=catalog.site(r.target).name_zh)
        for r in site.relations
        if r.type in _PROBLEM_WORDING
    ]
    return "；".join(parts)


def ledger_rows(source: Catalog | CurrentState) -> list[dict[str, Any]]:
    """One row per measure, in the columns of a rectification ledger (LEDGER_COLUMNS keys),
    with each measure's current status: the one tracked, else the document's."""
    state = as_state(source)
    documents = state.documents
    rows = []
    for site in documents.sites:
        for measure in site.measures:
            now = state.measures[measure.id]
            first = measure.evidence[0]
            dated = now.since
            status = now.status.label_zh + (f"（{dated.isoformat()}）" if dated else "")
            if rules.OVERDUE in now.flags:
                status += " 逾期"
            rows.append(
                {
                    "problem": _problem(documents, site),
                    "area_site": site.name_zh,
                    "measure": measure.text_zh,
                    "responsible": measure.responsible_zh,
                    "target_date": measure.target_date or "",
                    "status": status,
                    "as_of": dated.isoformat() if dated else _as_of(documents, measure),
                    "flags": "；".join(
                        rules.flag_words(f, now.informed) for f in sorted(now.flags)
                    ),
                    "status_source": _SOURCE_WORDS[now.source],
                    "status_evidence": _status_evidence(documents, now),
                    "document_status": measure.status.label_zh,
                    "status_words": measure.status_words,
                    "evidence": " …… ".join(e.quote for e in measure.evidence),
                    "document": documents.documents[first.document].title_zh,
                    "paragraph": "、".join(str(e.paragraph) for e in measure.evidence),
                    "category": measure.category.label_zh,
                    "measure_id": measure.id,
                    "site_id": site.id,
                }
            )
    return rows


def _status_evidence(catalog: Catalog, now: MeasureState) -> str:
    """What a status newer than the document rests on: the imported document's words with
    its title and paragraph, or what the person who recorded it gave (evidence, else note)."""
    tracked = now.tracked
    if tracked is None or now.source == "document":
        return ""
    if tracked.quoted is not None:
        return quoted_words(catalog, tracked.quoted)
    return f"{tracked.author}：{tracked.evidence or tracked.note}"


def quoted_words(catalog: Catalog, quoted: Evidence) -> str:
    """A document's words with where they are: its title, the paragraph, the quote."""
    known = catalog.documents.get(quoted.document)
    title = known.title_zh if known else quoted.document
    return f"{title}，第{quoted.paragraph}段：“{quoted.quote}”"


def rows_in_district(
    rows: list[dict[str, Any]], site_districts: Mapping[str, tuple[str, ...]], district: str
) -> list[dict[str, Any]]:
    """The ledger rows of sites that lie in (or reach into) `district`: the district's own
    sites first, then those spanning more districts, city-wide last; ledger order within."""
    chosen = [row for row in rows if district in site_districts.get(row["site_id"], ())]
    return sorted(chosen, key=lambda row: len(site_districts[row["site_id"]]))
