"""The user's own additions: documents imported into the app, their review in progress, and the
candidates accepted from them. All of it lives in the user's data folder (its layout is
`gis.user_folder.UserFolder`), never in data/."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry import Point

from gis import atomic
from gis.errors import EnvMapError
from gis.events import DOCUMENT_AUTHOR, StatusEvent
from gis.locks import exclusive
from gis.measure_matching import reported_measures
from gis.model import USER_PREFIX as USER_PREFIX
from gis.model import (
    Catalog,
    Category,
    Document,
    Evidence,
    Kind,
    Location,
    LocationBasis,
    Measure,
    Site,
    Status,
)
from gis.user_folder import UserFolder, read_accepted, set_aside

if TYPE_CHECKING:
    from gis.extract.text import SourceText
    from gis.geocode import Geocoder

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
_BASIS_OF_SOURCE = {
    "gazetteer": LocationBasis.LOCALITY,
    "online": LocationBasis.ADDRESS,
    "district": LocationBasis.DISTRICT_CENTROID,
    "map": LocationBasis.LANDMARK,
}


class ReviewError(EnvMapError):
    """A decision that cannot be taken (e.g. accepting a candidate with no location)."""


def _write_json(path: Path, payload: Any) -> None:
    """Write whole or not at all: a crash mid-write leaves the previous file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.writing(path) as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=1)


@dataclass
class Review:
    """One document's candidates and the user's decision on each."""

    folder: Path
    document: str
    document_date: str
    candidates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return UserFolder(self.folder).review(self.document)

    def save(self) -> None:
        _write_json(self.path, {"document": self.document, "document_date": self.document_date,
                                "candidates": self.candidates})  # fmt: skip

    def edit(self, index: int, **changes: Any) -> None:
        """Change name, kind, district or location (lon, lat, precision_m) before deciding."""
        candidate = self.candidates[index]
        if {"lon", "lat"} <= set(changes):
            candidate["geocode_source"] = "map"
            candidate.setdefault("precision_m", 200.0)
        candidate.update({k: v for k, v in changes.items() if v is not None})
        self.save()

    def decide(self, index: int, decision: str) -> None:
        candidate = self.candidates[index]
        if decision == ACCEPTED and candidate.get("lon") is None:
            raise ReviewError(
                f"{candidate['name']}：尚未定位，请先在地图上点选位置再接受"
                " / no location yet — place it on the map before accepting"
            )
        if decision == ACCEPTED:
            self._check_quotes(candidate)
        candidate["decision"] = decision
        self.save()

    def _check_quotes(self, candidate: dict[str, Any]) -> None:
        """The catalog's rule for an accepted candidate too: every quote is verbatim in the
        paragraph it names, in the imported copy of the document."""
        from gis.documents import quote_problem, split_paragraphs

        copy = UserFolder(self.folder).document(self.document)
        paragraphs = split_paragraphs(copy.read_text(encoding="utf-8"))
        for measure in candidate["measures"]:
            for piece in [measure["evidence"], *measure.get("evidence_continued", [])]:
                number, quote = piece["paragraph"], piece["quote"]
                problem = quote_problem(paragraphs, number, quote)
                if problem == "no-such-paragraph":
                    raise ReviewError(f"{copy}: no paragraph {number} for “{quote}”")
                if problem is not None:
                    raise ReviewError(f"{copy} ¶{number}: “{quote}” is not verbatim there")

    def finish(self) -> int:
        """Add the accepted candidates to the user's catalog; returns how many."""
        accepted = [c for c in self.candidates if c["decision"] == ACCEPTED]
        store = UserFolder(self.folder).accepted
        with exclusive(store):  # another window finishing a review waits: neither is lost
            try:
                existing = read_accepted(store.read_bytes() if store.exists() else b"[]")
            except ValueError as exc:
                existing = []
                set_aside(store, str(exc))
            kept = [e for e in existing if e["document"] != self.document]
            for candidate in accepted:
                kept.append(
                    {**candidate, "document": self.document, "document_date": self.document_date}
                )
            _write_json(store, kept)
            self.path.unlink(missing_ok=True)
        return len(accepted)


def document_id(path: Path) -> str:
    return re.sub(r"[^\w-]+", "_", path.stem).strip("_") or "document"


def start_review(
    folder: Path,
    path: Path,
    document_date: date,
    geocoder: Geocoder | None = None,
    progress: Callable[[int, int], bool] | None = None,
    source: SourceText | None = None,
) -> Review:
    """Import `path` (.txt, .docx, .pdf, .html) and list its candidates; a review left
    unfinished is resumed as it was. `progress(done, total)` returning False cancels: then
    ExtractionCancelled is raised and the user's folder is left as it was. `source` is the
    file as already read (by `gis.extract.pipeline.read_file`): the file is read once."""
    from gis.extract.pipeline import extract_source, read_file  # loads only when one imports

    if source is None:
        source = read_file(path, progress)
    text = "\n".join(source.paragraphs) + "\n"
    ident = document_id(path)
    copy = UserFolder(folder).document(ident)
    if copy.exists() and copy.read_text(encoding="utf-8") != text:
        # Another document with this name was imported before: keep both apart.
        ident = f"{ident}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
        copy = UserFolder(folder).document(ident)
    if UserFolder(folder).review(ident).exists():
        return resume_review(folder, ident)
    # The paragraphs (with a PDF's pages) are the copy's.
    records, _ = extract_source(source, geocoder, document_date, progress)
    _name_document(records, ident)
    copy.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(copy, text)
    review = Review(folder, ident, document_date.isoformat())
    # Each candidate keeps one id for good: the site it becomes is known by it.
    review.candidates = [{**r, "uid": uuid.uuid4().hex[:12], "decision": PENDING} for r in records]
    review.save()
    return review


def _name_document(value: Any, ident: str) -> None:
    """Every piece of evidence in the records names the imported copy's id."""
    if isinstance(value, dict):
        if {"document", "paragraph", "quote"} <= value.keys():
            value["document"] = ident
        for item in value.values():
            _name_document(item, ident)
    elif isinstance(value, list):
        for item in value:
            _name_document(item, ident)


def resume_review(folder: Path, ident: str) -> Review:
    """The review as last saved; a damaged file is moved aside (ReviewError says so)."""
    path = UserFolder(folder).review(ident)
    raw = path.read_bytes()
    try:
        saved = json.loads(raw)
        candidates = list(saved["candidates"])
        for number, candidate in enumerate(candidates, 1):
            _check_candidate(number, candidate)
        return Review(folder, ident, str(saved["document_date"]), candidates)
    except (ValueError, TypeError, KeyError) as exc:
        with exclusive(path):
            set_aside(path, f"{type(exc).__name__}: {exc}", raw)
        raise ReviewError(
            f"{path}: damaged ({exc}); moved aside, import the document again"
        ) from exc


def _check_candidate(number: int, candidate: object) -> None:
    """ValueError naming the candidate when it lacks what the review reads of it."""
    if not isinstance(candidate, dict):
        raise ValueError(f"candidate {number} is not an object")
    for key in ("uid", "name", "kind", "decision"):
        if not isinstance(candidate.get(key), str):
            raise ValueError(f"candidate {number}: '{key}' missing or not text")
    Kind(candidate["kind"])
    if candidate["decision"] not in (PENDING, ACCEPTED, REJECTED):
        raise ValueError(f"candidate {number}: unknown decision {candidate['decision']!r}")
    measures = candidate.get("measures")
    if not isinstance(measures, list) or not all(isinstance(m, dict) for m in measures):
        raise ValueError(f"candidate {number}: 'measures' is not a list of objects")
    for measure in measures:
        Status(measure.get("status"))


def unfinished_reviews(folder: Path) -> list[str]:
    return sorted(p.stem for p in UserFolder(folder).reviews.glob("*.json"))


def with_user_sites(catalog: Catalog, folder: Path | None) -> Catalog:
    """The catalog plus the user's imported documents and accepted sites. A measure of a
    place the catalog knows joins that place, unless it reports on a measure the place has:
    then it is a dated status event of that measure (`document_updates`), not a second one."""
    documents = dict(catalog.documents)
    sites = {s.id: s for s in catalog.sites}
    placed: dict[str, str] = {}  # a new place's name → its site
    for _, _, new, known in _accepted(catalog, folder, documents):
        if known is None:
            first = placed.setdefault(new.name_zh.strip(), new.id)
            if first != new.id and _near(sites[first], new):
                # Two documents (two offices) accepted the same new place: one site.
                moved = tuple(replace(m, site_id=first) for m in new.measures)
                sites[first] = replace(sites[first], measures=(*sites[first].measures, *moved))
            else:
                sites[new.id] = new
            continue
        updates = reported_measures(catalog.site(known), new.measures)
        fresh = [replace(m, site_id=known) for k, m in enumerate(new.measures) if k not in updates]
        sites[known] = replace(sites[known], measures=(*sites[known].measures, *fresh))
    return Catalog(documents=documents, sites=tuple(sites.values()))


def _near(a: Site, b: Site, degrees: float = 0.02) -> bool:
    """Within about 2 km: the same name there is the same place, farther it is another."""
    pa, pb = a.location.geometry.centroid, b.location.geometry.centroid
    return abs(pa.x - pb.x) <= degrees and abs(pa.y - pb.y) <= degrees


def document_updates(catalog: Catalog, folder: Path | None) -> list[StatusEvent]:
    """The status events the user's imported documents give measures the catalog has:
    "良久商贸码头已完成搬迁" in a new notice dates the dock's relocation, as of that notice."""
    events = []
    documents = dict(catalog.documents)
    for record, ident, new, known in _accepted(catalog, folder, documents):
        if known is None:
            continue
        updates = reported_measures(catalog.site(known), new.measures)
        # One event per measure reported on: its first clause's status and quote.
        first = {matched.id: k for k, matched in sorted(updates.items(), reverse=True)}
        for k in sorted(first.values()):
            measure, matched = new.measures[k], updates[k]
            piece = measure.evidence[0]
            published = documents[ident].date_to
            events.append(
                StatusEvent(
                    id=f"{DOCUMENT_AUTHOR}:{ident}:{record.get('uid')}:{k}",
                    measure_id=matched.id,
                    site_id=known,
                    status=measure.status,
                    as_of=_stated_day(record["measures"][k], published, catalog, matched),
                    note=f"as {ident} states: “{measure.status_words}”",
                    evidence=f"{piece.document} ¶{piece.paragraph}: {piece.quote}",
                    attachment="",
                    author=f"{DOCUMENT_AUTHOR}:{ident}",
                    recorded_at=published.isoformat(),
                    quoted=piece,
                )
            )
    return events


def _stated_day(
    measure: dict[str, Any], published: date, catalog: Catalog, updated: Measure
) -> date:
    """The day a status is true as of: the completion day the notice states for it
    ("5月20日已完成搬迁"), else the notice's own date. A month without its day, a day after
    the notice, or one no later than the catalog's document on the measure is not used: the
    newer notice must not sort before the older document it supersedes."""
    stated = measure.get("completed_date")
    try:
        day = date.fromisoformat(stated) if isinstance(stated, str) and len(stated) == 10 else None
    except ValueError:
        day = None
    older = catalog.documents[updated.evidence[0].document].date_to
    return day if day is not None and older < day <= published else published


def candidate_updates(catalog: Catalog, candidate: dict[str, Any]) -> dict[int, Measure]:
    """For a candidate the gazetteer matched to a catalog place: which of its measures
    report on the place's measures (index -> that measure); the rest would be new."""
    known = candidate.get("geocode_match")
    if not str(candidate.get("geocode_source")).startswith("gazetteer"):
        return {}
    if known not in {s.id for s in catalog.sites} or candidate.get("lon") is None:
        return {}
    preview = _site(candidate, f"{USER_PREFIX}preview", Path())
    return reported_measures(catalog.site(known), preview.measures)


def _accepted(
    catalog: Catalog, folder: Path | None, documents: dict[str, Document]
) -> Iterator[tuple[dict[str, Any], str, Site, str | None]]:
    """Each accepted record with its document id, the site it makes, and the catalog site it
    is (when the gazetteer matched a place the catalog knows), in the order accepted."""
    if folder is None:
        return
    store = UserFolder(folder).accepted
    if not store.exists():
        return
    known_ids = {s.id for s in catalog.sites}
    found, read, raw = [], dict(documents), store.read_bytes()
    try:
        for number, record in enumerate(read_accepted(raw)):
            ident = record["document"]
            if ident not in read:
                read[ident] = _document(folder, ident, record["document_date"])
            uid = record.get("uid") or str(number)
            new = _site(record, f"{USER_PREFIX}{ident}-{uid}", read[ident].path)
            match = record.get("geocode_match")
            known = match if str(record.get("geocode_source")).startswith("gazetteer") else None
            found.append((record, ident, new, known if known in known_ids else None))
    except (ValueError, TypeError, KeyError, AttributeError, OSError) as exc:
        with exclusive(store):
            set_aside(store, f"{type(exc).__name__}: {exc}", raw)
        return
    documents.update(read)
    yield from found


def _document(folder: Path, ident: str, when: str) -> Document:
    from gis.documents import split_paragraphs

    path = UserFolder(folder).document(ident)
    day = date.fromisoformat(when)
    return Document(
        id=ident,
        title_zh=ident,
        title_en=ident,
        publisher_zh="用户导入",
        publisher_en="imported by the user",
        date_from=day,
        date_to=day,
        date_basis="the date the user gave when importing",
        path=path,
        paragraphs=split_paragraphs(path.read_text(encoding="utf-8")),
    )


def _site(record: dict[str, Any], site_id: str, source: Path) -> Site:
    origin = str(record.get("geocode_source", "map")).split(":")[0]
    location = Location(
        place_id=site_id,
        geometry=Point(record["lon"], record["lat"]),
        precision_m=float(record.get("precision_m") or 200.0),
        basis=_BASIS_OF_SOURCE.get(origin, LocationBasis.LANDMARK),
        datum="WGS84",
        source=f"user review: {record.get('geocode_source')}",
        estimated_from=record.get("geocode_match"),
    )
    measures = tuple(
        Measure(
            id=f"{site_id}-m{k}",
            site_id=site_id,
            text_zh=m["text"],
            text_en="",
            category=Category(m["category"]),
            responsible_zh=m.get("responsible") or "",
            responsible_en="",
            target_date=m.get("target_date"),
            status=Status(m["status"]),
            status_words=m["status_words"],
            concerns=(),
            evidence=tuple(
                Evidence(e["document"], e["paragraph"], e["quote"])
                for e in [m["evidence"], *m.get("evidence_continued", [])]
            ),
        )
        for k, m in enumerate(record["measures"])
    )
    return Site(
        id=site_id,
        name_zh=record["name"],
        name_en="",
        aliases=tuple(record.get("aliases", ())),
        kind=Kind(record["kind"]) if record["kind"] != Kind.CITYWIDE.value else Kind.LOCALITY,
        location=location,
        stated_districts=(record["district"],) if record.get("district") else (),
        stated_districts_source=None,
        leader=None,
        relations=(),
        measures=measures,
        indicators=(),
        source_file=source,
    )
