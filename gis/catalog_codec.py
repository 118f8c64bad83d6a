"""The catalog as plain JSON data and back, for the map cache: an explicit encoder and
decoder per model type, so reading builds nothing but the model's own types.

Sites are stored as columns, one JSON list per field in the dataclass's field order (the
location's fields after the site's), so that a reader builds each field for every site in one
pass and each Site in one call; nested objects (measures, evidence …) are JSON arrays in their
field order. Enums are their values, dates ISO strings, tuples lists. Geometries are indices
into a list the caller stores as WKB, one entry per geometry object however often it is
used. Paths are indices into a table of (base, relative path) pairs, where the base is a name
such as "data" that the reader maps to a folder: a moved data folder still resolves, and each
path is made once. Strings that many sites share (a datum, a source, a district) are read as
one object each, as they mostly were before writing, rather than once a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from shapely.geometry.base import BaseGeometry

from gis.model import (
    Category,
    Document,
    Evidence,
    Indicator,
    Kind,
    Leader,
    Location,
    LocationBasis,
    Measure,
    Relation,
    RelationType,
    Site,
    Status,
)

ABSOLUTE = ""  # the base of a path under none of the named folders
SITE_COLUMNS = 12 + 7  # Site's fields but its location, then Location's
# Columns with few distinct values (aliases, kind, stated districts and their source;
# precision, basis, datum, source, estimated_from) are stored as [distinct values, one index
# per site].
_CODED = (3, 4, 5, 6, 14, 15, 16, 17, 18)


_E = TypeVar("_E", bound=Enum)


def _members(enum: type[_E]) -> dict[str, _E]:
    """Value -> member: a dict lookup, many times faster than calling the enum with a value;
    an unknown value raises KeyError."""
    return {member.value: member for member in enum}


KINDS = _members(Kind)
STATUSES = _members(Status)
_CATEGORIES = _members(Category)
_RELATIONS = _members(RelationType)
_BASES = _members(LocationBasis)


class SharedTexts(dict[str, str]):
    """text -> the one object kept for it: `texts[s]` gives the first equal string read, so
    that a value repeated over many rows is held once."""

    def __missing__(self, text: str) -> str:
        self[text] = text
        return text

    def optional(self, text: str | None) -> str | None:
        """The shared copy of an optional text; None stays None."""
        return None if text is None else self[text]


class CatalogEncoder:
    """Turns a catalog into JSON-able lists, collecting its geometries and paths on the way."""

    def __init__(self, bases: Mapping[str, Path | None], geometries: list[BaseGeometry]) -> None:
        self.bases = {name: folder for name, folder in bases.items() if folder is not None}
        self.geometries = geometries
        self.paths: dict[Path, int] = {}
        self._geometry_index: dict[int, int] = {}  # by id(): a shared shape is stored once

    def path_table(self) -> list[list[str]]:
        """The paths met so far, for the decoder; complete once every row is encoded."""
        return [self._relative(p) for p in self.paths]

    def geometry(self, shape: BaseGeometry) -> int:
        """The shape's index; the same object twice (a point site's location and its map
        feature) gets one index, so a reader decodes and keeps it once."""
        known = self._geometry_index.get(id(shape))
        if known is None:  # the shapes live in the data being encoded, so ids stay unique
            known = self._geometry_index[id(shape)] = len(self.geometries)
            self.geometries.append(shape)
        return known

    def path(self, path: Path) -> int:
        return self.paths.setdefault(path, len(self.paths))

    def _relative(self, path: Path) -> list[str]:
        for name, folder in self.bases.items():
            if path.is_relative_to(folder):
                return [name, path.relative_to(folder).as_posix()]
        return [ABSOLUTE, str(path)]

    def document(self, d: Document) -> list[Any]:
        return [
            d.id,
            d.title_zh,
            d.title_en,
            d.publisher_zh,
            d.publisher_en,
            d.date_from.isoformat(),
            d.date_to.isoformat(),
            d.date_basis,
            self.path(d.path),
            list(d.paragraphs),
        ]

    def site_columns(self, sites: Sequence[Site]) -> list[list[Any]]:
        """The sites as SITE_COLUMNS lists, one per field."""
        rows = [self.site(s) for s in sites]
        if not rows:
            return [[] for _ in range(SITE_COLUMNS)]
        columns = [list(column) for column in zip(*rows, strict=True)]
        locations = columns.pop(5)
        columns += [list(column) for column in zip(*locations, strict=True)]
        return [coded(c) if i in _CODED else c for i, c in enumerate(columns)]

    def site(self, s: Site) -> list[Any]:
        return [
            s.id,
            s.name_zh,
            s.name_en,
            list(s.aliases),
            s.kind.value,
            self.location(s.location, s.id),
            list(s.stated_districts),
            s.stated_districts_source,
            encode_leader(s.leader) if s.leader is not None else None,
            [[r.type.value, r.target, _encode_evidence(r.evidence)] for r in s.relations],
            [_encode_measure(m) for m in s.measures],
            [_encode_indicator(i) for i in s.indicators],
            self.path(s.source_file),
        ]

    def location(self, x: Location, site_id: str) -> list[Any]:
        return [
            None if x.place_id == site_id else x.place_id,  # most places are the site's own
            self.geometry(x.geometry),
            x.precision_m,
            x.basis.value,
            x.datum,
            x.source,
            x.estimated_from,
        ]


def coded(column: list[Any]) -> list[Any]:
    """[the distinct values, each row's index among them]: small integers to parse, and one
    object per distinct value after reading. Lists (of strings) count as their tuples."""
    codes: dict[Any, int] = {}
    indices = [codes.setdefault(tuple(v) if isinstance(v, list) else v, len(codes)) for v in column]
    return [[list(v) if isinstance(v, tuple) else v for v in codes], indices]


def uncoded(column: Any, convert: Callable[[Any], Any]) -> list[Any]:
    """The rows of a `coded` column, each distinct value converted once."""
    table, indices = column
    values = [convert(v) for v in table]
    return [values[i] for i in indices]


def _encode_evidence(items: tuple[Evidence, ...]) -> list[Any]:
    return [[e.document, e.paragraph, e.quote] for e in items]


def encode_leader(x: Leader) -> list[Any]:
    return [x.name, x.title_zh, x.title_en, _encode_evidence(x.evidence)]


def _encode_measure(m: Measure) -> list[Any]:
    return [
        m.id,
        m.site_id,
        m.text_zh,
        m.text_en,
        m.category.value,
        m.responsible_zh,
        m.responsible_en,
        m.target_date,
        m.status.value,
        m.status_words,
        list(m.concerns),
        _encode_evidence(m.evidence),
    ]


def _encode_indicator(x: Indicator) -> list[Any]:
    return [x.id, x.text_zh, x.text_en, x.value, x.unit, _encode_evidence(x.evidence)]


class CatalogDecoder:
    """The inverse of CatalogEncoder; a malformed value raises ValueError, TypeError,
    KeyError or IndexError, which the cache treats as damage."""

    def __init__(
        self,
        bases: Mapping[str, Path | None],
        geometries: Sequence[BaseGeometry],
        path_table: list[list[str]],
    ) -> None:
        self.geometries = geometries
        self.paths = [_absolute(bases, base, relative) for base, relative in path_table]
        self.texts = SharedTexts()

    def documents(self, rows: list[Any]) -> dict[str, Document]:
        return {d.id: d for d in map(self.document, rows)}

    def document(self, data: list[Any]) -> Document:
        ident, title_zh, title_en, pub_zh, pub_en, since, until, basis, path, paras = data
        return Document(
            id=self.texts[ident],
            title_zh=title_zh,
            title_en=title_en,
            publisher_zh=pub_zh,
            publisher_en=pub_en,
            date_from=date.fromisoformat(since),
            date_to=date.fromisoformat(until),
            date_basis=basis,
            path=self.paths[path],
            paragraphs=tuple(paras),
        )

    def sites(self, columns: list[Any]) -> tuple[Site, ...]:
        """The sites of SITE_COLUMNS columns, each field decoded for all sites at once (an
        empty list becomes the one empty tuple: most sites have no aliases, relations …)."""
        if len(columns) != SITE_COLUMNS or not all(isinstance(c, list) for c in columns):
            raise ValueError(f"expected {SITE_COLUMNS} site columns")
        texts, shapes = self.texts, self.geometries
        shared = texts.__getitem__
        convert: dict[int, Callable[[Any], Any]] = {
            3: tuple,
            4: KINDS.__getitem__,
            5: lambda names: tuple(map(shared, names)),
            6: texts.optional,
            14: float,
            15: _BASES.__getitem__,
            16: shared,
            17: shared,
            18: texts.optional,
        }
        columns = [uncoded(c, convert[i]) if i in _CODED else c for i, c in enumerate(columns)]
        if len({len(c) for c in columns}) > 1:
            raise ValueError("site columns of different lengths")
        ids, names_zh, names_en, aliases, kinds, districts, district_sources, leaders = columns[:8]
        relations, measures, indicators, source_files = columns[8:12]
        places, geometries, precisions, bases, datums, sources, estimated = columns[12:]
        locations = map(
            Location,
            [i if p is None else p for i, p in zip(ids, places, strict=True)],
            [shapes[g] for g in geometries],
            precisions,
            bases,
            datums,
            sources,
            estimated,
        )
        return tuple(
            map(
                Site,
                ids,
                names_zh,
                names_en,
                aliases,
                kinds,
                list(locations),
                districts,
                district_sources,
                [self.leader(x) if x is not None else None for x in leaders],
                [tuple(map(self.relation, r)) if r else () for r in relations],
                [tuple(map(self.measure, m)) if m else () for m in measures],
                [tuple(map(self.indicator, i)) if i else () for i in indicators],
                [self.paths[f] for f in source_files],
            )
        )

    def relation(self, data: list[Any]) -> Relation:
        rtype, target, evidence = data
        return Relation(_RELATIONS[rtype], self.texts[target], self.evidence(evidence))

    def evidence(self, data: list[Any]) -> tuple[Evidence, ...]:
        texts = self.texts
        return tuple(Evidence(texts[doc], paragraph, quote) for doc, paragraph, quote in data)

    def leader(self, data: list[Any]) -> Leader:
        name, title_zh, title_en, evidence = data
        return Leader(name, title_zh, title_en, self.evidence(evidence))

    def measure(self, data: list[Any]) -> Measure:
        ident, site, text_zh, text_en, category, resp_zh, resp_en, due, status = data[:9]
        words, concerns, evidence = data[9:]
        texts = self.texts
        return Measure(
            id=ident,
            site_id=texts[site],
            text_zh=text_zh,
            text_en=text_en,
            category=_CATEGORIES[category],
            responsible_zh=texts[resp_zh],
            responsible_en=texts[resp_en],
            target_date=due,
            status=STATUSES[status],
            status_words=words,
            concerns=tuple(texts[c] for c in concerns),
            evidence=self.evidence(evidence),
        )

    def indicator(self, data: list[Any]) -> Indicator:
        ident, text_zh, text_en, value, unit, evidence = data
        return Indicator(ident, text_zh, text_en, value, unit, self.evidence(evidence))


def _absolute(bases: Mapping[str, Path | None], base: str, relative: str) -> Path:
    if base == ABSOLUTE:
        return Path(relative)
    folder = bases[base]
    if folder is None:
        raise KeyError(f"no folder for the cache's paths under {base!r}")
    return folder / relative
