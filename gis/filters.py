"""Which sites a user's filter keeps: by kind, status, district and source document."""

from __future__ import annotations

from dataclasses import dataclass, field

from gis.model import Catalog, Kind, Status
from gis.site_table import named


@dataclass(frozen=True)
class SiteFilter:
    """Empty sets mean "any"; a site must pass every non-empty criterion."""

    kinds: frozenset[Kind] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    districts: frozenset[str] = field(default_factory=frozenset)
    documents: frozenset[str] = field(default_factory=frozenset)

    def visible(self, catalog: Catalog, districts: dict[str, tuple[str, ...]]) -> set[str]:
        """Ids of the sites that pass; `districts` is the spatial join (site id -> names)."""
        kept = set()
        # ids and kinds as stored: many point sites held as rows are not built
        for site_id, _, _, _, kind, _ in named(catalog.sites):
            if self.kinds and kind not in self.kinds:
                continue
            measures = catalog.measures_concerning(site_id)
            if self.statuses and not {m.status for m in measures} & self.statuses:
                continue
            if self.districts and not set(districts[site_id]) & self.districts:
                continue
            cited = {e.document for m in measures for e in m.evidence}
            if self.documents and not cited & self.documents:
                continue
            kept.add(site_id)
        return kept
