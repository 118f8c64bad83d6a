"""How extraction compares with the curated catalog: recall and precision of named places,
and how often a matched measure's status equals the catalog's (and whether it is ever
stronger). Used by the tests and by benchmarks/extract_eval.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from gis.geocode import normalise
from gis.model import Catalog, Kind, Status

MIN_SHARED_CHARS = 10


@dataclass
class Report:
    expected: list[str]  # catalog site ids named in the documents
    found: set[str] = field(default_factory=set)
    candidates: int = 0
    matched_candidates: int = 0
    unmatched: list[str] = field(default_factory=list)
    measures_matched: int = 0
    statuses_equal: int = 0
    stronger: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.found & set(self.expected)) / len(self.expected)

    @property
    def precision(self) -> float:
        return self.matched_candidates / self.candidates if self.candidates else 0.0

    @property
    def status_agreement(self) -> float:
        return self.statuses_equal / self.measures_matched if self.measures_matched else 0.0

    @property
    def missed(self) -> list[str]:
        return [s for s in self.expected if s not in self.found]


def site_for(catalog: Catalog, record: dict[str, Any]) -> str | None:
    """The catalog site a candidate names: by its geocoder match, or the citywide entry."""
    if record["kind"] == Kind.CITYWIDE.value:
        return next(s.id for s in catalog.sites if s.kind is Kind.CITYWIDE)
    if record.get("geocode_source", "").startswith("gazetteer"):
        matched: str | None = record["geocode_match"]
        return matched
    key = normalise(record["name"])
    for site in catalog.sites:
        if key in {normalise(n) for n in (site.name_zh, *site.aliases)}:
            return site.id
    return None


def evaluate(catalog: Catalog, records_by_document: dict[str, list[dict[str, Any]]]) -> Report:
    report = Report(expected=[s.id for s in catalog.sites])
    for records in records_by_document.values():
        for record in records:
            report.candidates += 1
            site_id = site_for(catalog, record)
            if site_id is None:
                report.unmatched.append(record["name"])
                continue
            report.matched_candidates += 1
            report.found.add(site_id)
            _compare_measures(catalog, site_id, record, report)
    return report


def _compare_measures(
    catalog: Catalog, site_id: str, record: dict[str, Any], report: Report
) -> None:
    for expected in catalog.site(site_id).measures:
        piece = expected.evidence[0]
        best = None
        for measure in record["measures"]:
            got = measure["evidence"]
            if (got["document"], got["paragraph"]) != (piece.document, piece.paragraph):
                continue
            shared = _shared(got["quote"], piece.quote)
            if shared >= min(MIN_SHARED_CHARS, len(piece.quote)) and (
                best is None or shared > best[0]
            ):
                best = (shared, measure)
        if best is None:
            continue
        measure = best[1]
        report.measures_matched += 1
        ours, theirs = Status(measure["status"]), expected.status
        if ours is theirs:
            report.statuses_equal += 1
        elif ours.rank > theirs.rank:
            report.stronger.append(f"{expected.id}: {ours.value} > {theirs.value}")
        else:
            report.different.append(f"{expected.id}: {ours.value} < {theirs.value}")


def _shared(a: str, b: str) -> int:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size
