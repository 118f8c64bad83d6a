"""One current state of every site, read by every view, export and command.

The catalog (with the user's accepted sites) says what the documents state; the status store's
events say what has been recorded since. `current_state` joins them once into a snapshot that
keeps both: per measure the document's status, the tracked one and where it comes from, per
site the corrected location. Its `catalog` is the effective one (tracked statuses, corrected
points), so a map symbol, a tooltip, a filter, a table and an export cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from shapely.geometry import Point

from gis import status_rules as rules
from gis.events import DOCUMENT_AUTHOR, Event, LocationEvent, StatusEvent
from gis.model import Catalog, Evidence, Location, LocationBasis, Measure, Site, Status
from gis.site_table import SiteList

if TYPE_CHECKING:
    from gis.store import StatusStore


@dataclass(frozen=True, slots=True)
class Tracked:
    """A measure's latest recorded status."""

    status: Status
    as_of: date
    author: str
    note: str
    evidence: str
    quoted: Evidence | None = None  # an imported document's words saying so

    @property
    def origin(self) -> str:
        """ "document" (the catalog's own), "imported" (a newer document the user imported)
        or "store" (recorded by a person)."""
        if self.author == DOCUMENT_AUTHOR:
            return "document"
        return "imported" if self.author.startswith(f"{DOCUMENT_AUTHOR}:") else "store"


@dataclass(frozen=True, slots=True)
class Correction:
    """A site's latest location correction: a person who knows the place put it there."""

    lon: float
    lat: float
    precision_m: float
    note: str
    as_of: date
    author: str


@dataclass(frozen=True, slots=True)
class MeasureState:
    measure: Measure  # as its document states it
    tracked: Tracked | None
    flags: frozenset[str]
    informed: date | None = None  # the day the latest information on it is true as of
    history: tuple[StatusEvent, ...] = ()  # its status events (recorded, imported), in order

    @property
    def status(self) -> Status:
        return self.tracked.status if self.tracked else self.measure.status

    @property
    def document_status(self) -> Status:
        return self.measure.status

    @property
    def source(self) -> str:
        """Where the current status comes from: "document", "imported" or "store"."""
        return self.tracked.origin if self.tracked else "document"

    @property
    def since(self) -> date | None:
        """The day of a status newer than the catalog's document (a date worth showing)."""
        return self.tracked.as_of if self.tracked and self.source != "document" else None

    def status_on(self, day: date) -> Status | None:
        """The status in effect at the end of `day` by its events and the rules that pick
        the one that holds; None before its first event."""
        held = [item for item in self.history if item.as_of <= day]
        return rules.holding_event(held).status if held else None


@dataclass(frozen=True, slots=True)
class CurrentState:
    documents: Catalog  # what the documents state, the user's accepted sites included
    catalog: Catalog  # the same with tracked statuses and corrected locations applied
    measures: Mapping[str, MeasureState]
    corrections: Mapping[str, Correction] = field(default_factory=dict)

    def site_status(self, site_id: str) -> Status | None:
        return self.catalog.site_status(site_id)

    def document_site_status(self, site_id: str) -> Status | None:
        return self.documents.site_status(site_id)

    def sites_tracked(self) -> set[str]:
        """The only sites whose status can differ from the documents': those a tracked
        measure concerns (its own site, the sites its site's relations lead to, the sites it
        names), so a view of many sites recomputes only these."""
        found: set[str] = set()
        for state in self.measures.values():
            if state.tracked is None:
                continue
            found.update(state.measure.concerns)
            frontier = [state.measure.site_id]
            while frontier:
                site_id = frontier.pop()
                if site_id not in found:
                    found.add(site_id)
                    frontier.extend(r.target for r in self.documents.site(site_id).relations)
        return found

    def site_measures(self, site_id: str) -> list[MeasureState]:
        """The states of the measures concerning a site, in the catalog's order."""
        return [self.measures[m.id] for m in self.documents.measures_concerning(site_id)]


def current_state(
    catalog: Catalog,
    events: Iterable[Event] = (),
    today: date | None = None,
) -> CurrentState:
    """The snapshot of `catalog` after `events` (any order; the rules pick each latest)."""
    today = today or date.today()
    by_measure: dict[str, list[StatusEvent]] = {}
    moved: dict[str, LocationEvent] = {}
    for item in events:
        if isinstance(item, StatusEvent):
            by_measure.setdefault(item.measure_id, []).append(item)
        else:
            previous = moved.get(item.site_id)
            if previous is None or rules.event_key(item) >= rules.event_key(previous):
                moved[item.site_id] = item
    histories = {
        key: tuple(sorted(items, key=rules.event_key)) for key, items in by_measure.items()
    }
    measures: dict[str, MeasureState] = {}
    for measure in catalog.measures():
        history = histories.get(measure.id, ())
        tracked = None
        if history:
            e = rules.holding_event(history)
            tracked = Tracked(e.status, e.as_of, e.author, e.note, e.evidence, e.quoted)
        status = tracked.status if tracked else measure.status
        informed = tracked.as_of if tracked else _document_date(catalog, measure)
        flags = rules.flags(status, measure.target_date, today, informed)
        measures[measure.id] = MeasureState(measure, tracked, flags, informed, history)
    corrections = {  # an area keeps its outline: a click on the map corrects only a point
        site_id: Correction(e.lon, e.lat, e.precision_m, e.note, e.as_of, e.author)
        for site_id, e in moved.items()
        if _is_point(catalog, site_id)
    }
    effective = Catalog(
        documents=catalog.documents, sites=_effective_sites(catalog, measures, corrections)
    )
    return CurrentState(catalog, effective, measures, corrections)


def _is_point(catalog: Catalog, site_id: str) -> bool:
    try:
        return catalog.site(site_id).location.geometry.geom_type == "Point"
    except KeyError:  # a correction of a site the catalog no longer has
        return False


def _effective_sites(
    catalog: Catalog, measures: Mapping[str, MeasureState], corrections: Mapping[str, Correction]
) -> Sequence[Site]:
    """The sites with their current statuses and locations. Of a SiteList only its objects
    and the corrected sites are looked at: its rows have no measures of their own."""
    sites = catalog.sites
    if not isinstance(sites, SiteList):
        return tuple(_effective(site, measures, corrections.get(site.id)) for site in sites)
    objects = {site.id for site in sites.objects}
    looked_at = [*sites.objects, *(catalog.site(i) for i in corrections if i not in objects)]
    changed = {}
    for site in looked_at:
        now = _effective(site, measures, corrections.get(site.id))
        if now is not site:
            changed[site.id] = now
    return sites.with_sites(changed)


def state_from_store(
    store: StatusStore, today: date | None = None, imported: Iterable[Event] = ()
) -> CurrentState:
    """The snapshot of the store's catalog after all its events and the status reports of
    the user's imported documents (`gis.user_catalog.document_updates`, read once by the
    caller: the user folder changes only when a review ends)."""
    return current_state(store.catalog, [*store.events(), *imported], today)


def _document_date(catalog: Catalog, measure: Measure) -> date | None:
    """The latest day the measure's document can be true as of (its date range's end)."""
    document = catalog.documents.get(measure.evidence[0].document)
    return document.date_to if document else None


def _effective(site: Site, measures: Mapping[str, MeasureState], moved: Correction | None) -> Site:
    changed = tuple(
        m if measures[m.id].status is m.status else replace(m, status=measures[m.id].status)
        for m in site.measures
    )
    location = site.location if moved is None else _corrected(site.location, moved)
    same = all(a is b for a, b in zip(changed, site.measures, strict=True))
    if same and location is site.location:
        return site
    return replace(site, measures=changed, location=location)


def _corrected(location: Location, moved: Correction) -> Location:
    return replace(
        location,
        geometry=Point(moved.lon, moved.lat),
        precision_m=moved.precision_m,
        basis=LocationBasis.CORRECTED,
        datum="WGS84",
        source=f"location correction of {moved.as_of.isoformat()} by {moved.author}: {moved.note}",
        estimated_from=None,
    )
