"""Many plain point sites held as columns instead of objects, for catalogs of 100,000 sites.

A Site with its Location, Point and map feature costs about 700 bytes of Python objects; a
site that is only a named point (no measures, relations or indicators of its own) needs its
id, names, coordinates and a few small codes. `PointRows` holds such sites as lists and NumPy
arrays; `SiteList` is the catalog's sequence of sites, objects for the others and rows for
these, in the catalog's order, and builds a Site only when one is asked for (the site a user
clicks, searches or exports). Below COLUMNS_FROM plain sites a catalog keeps its objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

import numpy as np
import shapely
from shapely.geometry import Point

from gis.model import LAYER_KINDS, Kind, Location, Measure, Site
from gis.text_column import TextColumn

BATCH = 4096  # rows built together when a SiteList or FeatureList is iterated
COLUMNS_FROM = 1000  # fewer plain point sites than this cost too little for a second form
# The fields of a plain site that few distinct values fill, each stored as a table of those
# values and one code per row; the site's own fields first, then its location's.
CODED_FIELDS = (
    "aliases",
    "kind",
    "stated_districts",
    "stated_districts_source",
    "leader",
    "source_file",
    "precision_m",
    "basis",
    "datum",
    "source",
    "estimated_from",
)
_T = TypeVar("_T")
_CITY_KINDS = frozenset(LAYER_KINDS["city"])


def is_plain(site: Site) -> bool:
    """A site that rows can hold: a 2-D point of its own place with nothing nested but the
    shared values (aliases, leader …) and not the city as a whole (which the map omits)."""
    location, shape = site.location, site.location.geometry
    return (
        not site.measures
        and not site.relations
        and not site.indicators
        and site.kind not in _CITY_KINDS
        and location.place_id == site.id
        and isinstance(shape, Point)
        and not shape.has_z
    )


@dataclass(frozen=True, eq=False, slots=True)
class PointRows:
    """Plain point sites as columns: `codes[field][i]` indexes `tables[field]`."""

    ids: list[str]
    names_zh: TextColumn  # one string each (gis/text_column.py): no object per name
    names_en: TextColumn
    lon: np.ndarray
    lat: np.ndarray
    tables: Mapping[str, Sequence[Any]]
    codes: Mapping[str, np.ndarray]

    def __post_init__(self) -> None:
        lengths = {len(self.ids), len(self.names_zh), len(self.names_en), len(self.lon)}
        lengths |= {len(self.lat), *(len(c) for c in self.codes.values())}
        if (
            len(lengths) > 1
            or set(self.codes) != set(CODED_FIELDS)
            or set(self.tables) != set(CODED_FIELDS)
        ):
            raise ValueError("point site columns of different lengths or fields")
        for name in CODED_FIELDS:
            codes = self.codes[name]
            if len(codes) and (codes.min() < 0 or codes.max() >= len(self.tables[name])):
                raise ValueError(f"point site column {name}: a code outside its table")

    def __len__(self) -> int:
        return len(self.ids)

    def value(self, name: str, i: int) -> Any:
        return self.tables[name][self.codes[name][i]]

    def column(self, name: str) -> list[Any]:
        """Every row's value of a coded field (each distinct value one shared object)."""
        table = self.tables[name]
        return [table[c] for c in self.codes[name].tolist()]

    def sites(self, at: list[int]) -> list[Site]:
        """Rows `at` as Sites, each field taken for all of them at once and their points
        made in one vectorised call (a Point made alone costs more than the rest)."""
        where = np.array(at, dtype=np.int64)
        fields = {name: self.taken(name, where) for name in CODED_FIELDS}
        ids = [self.ids[i] for i in at]
        locations = map(
            Location,
            ids,
            np.asarray(shapely.points(self.lon[where], self.lat[where])).tolist(),
            fields["precision_m"],
            fields["basis"],
            fields["datum"],
            fields["source"],
            fields["estimated_from"],
        )
        none = [()] * len(at)
        return list(
            map(
                Site,
                ids,
                [self.names_zh[i] for i in at],
                [self.names_en[i] for i in at],
                fields["aliases"],
                fields["kind"],
                locations,
                fields["stated_districts"],
                fields["stated_districts_source"],
                fields["leader"],
                none,
                none,
                none,
                fields["source_file"],
            )
        )

    def taken(self, name: str, where: np.ndarray) -> list[Any]:
        """The coded field's values of the rows `where`."""
        table = self.tables[name]
        return [table[c] for c in self.codes[name][where].tolist()]

    @classmethod
    def of(cls, sites: Sequence[Site]) -> PointRows:
        """The rows of these plain sites (is_plain)."""
        tables: dict[str, list[Any]] = {}
        codes: dict[str, np.ndarray] = {}
        for name in CODED_FIELDS:
            on_location = name in ("precision_m", "basis", "datum", "source", "estimated_from")
            values = [getattr(s.location if on_location else s, name) for s in sites]
            tables[name], codes[name] = code(values)
        shapes = np.array([s.location.geometry for s in sites], dtype=object)
        return cls(
            [s.id for s in sites],
            TextColumn.of(s.name_zh for s in sites),
            TextColumn.of(s.name_en for s in sites),
            shapely.get_x(shapes).astype(float),
            shapely.get_y(shapes).astype(float),
            tables,
            codes,
        )


def code(values: Sequence[Any]) -> tuple[list[Any], np.ndarray]:
    """(the distinct values in order of appearance, each value's index among them)."""
    index: dict[Any, int] = {}
    codes = [index.setdefault(v, len(index)) for v in values]
    return list(index), np.array(codes, dtype=np.int32)


def slots_from_runs(runs: Sequence[Sequence[int]]) -> np.ndarray:
    """Where each position's item is: row i as i, object k as -1 - k; `runs` are [is_row,
    count] pairs in order (rows and objects each keep their own order)."""
    flags = np.repeat(
        np.array([bool(r) for r, _ in runs], dtype=bool), [int(n) for _, n in runs]
    ).astype(bool)
    if any(int(n) < 0 for _, n in runs):
        raise ValueError("a negative run length")
    slots = np.empty(len(flags), dtype=np.int64)
    slots[flags] = np.arange(int(flags.sum()))
    slots[~flags] = -1 - np.arange(int((~flags).sum()))
    return slots


def runs_of(is_row: Sequence[bool]) -> list[list[int]]:
    """The [is_row, count] runs of a sequence of flags (see slots_from_runs)."""
    runs: list[list[int]] = []
    for flag in is_row:
        if runs and runs[-1][0] == int(flag):
            runs[-1][1] += 1
        else:
            runs.append([int(flag), 1])
    return runs


class Interleaved(Sequence[_T]):
    """`objects` and `rows` in one order, `slots` as in slots_from_runs; a row becomes an
    object (by `_built`) each time it is read, so iterating builds every row, a batch at a
    time (a loop over 100,000 sites is for exports, not for a frame)."""

    __slots__ = ("objects", "rows", "slots")

    def __init__(self, objects: tuple[_T, ...], rows: PointRows, slots: np.ndarray) -> None:
        if int((slots >= 0).sum()) != len(rows) or int((slots < 0).sum()) != len(objects):
            raise ValueError(f"{type(self).__name__}: the order does not match the items")
        self.objects, self.rows, self.slots = objects, rows, slots

    def _built(self, at: list[int]) -> list[_T]:
        """Rows `at` as objects, made together."""
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.slots)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[_T, ...]: ...
    def __getitem__(self, index: int | slice) -> _T | tuple[_T, ...]:
        if isinstance(index, slice):
            return tuple(map(self._at, self.slots[index].tolist()))
        return self._at(int(self.slots[index]))

    def _at(self, slot: int) -> _T:
        return self._built([slot])[0] if slot >= 0 else self.objects[-1 - slot]

    def __iter__(self) -> Iterator[_T]:
        return in_batches(self.slots, self.objects, self._built)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, so never a dict key


class SiteList(Interleaved[Site]):
    """A catalog's sites in order: `objects` for most, `rows` for many plain points.
    `objects` are the only sites with measures or relations."""

    __slots__ = ("_objects_by_id", "_position")

    def __init__(self, objects: tuple[Site, ...], rows: PointRows, slots: np.ndarray) -> None:
        super().__init__(objects, rows, slots)
        self._position: dict[str, int] | None = None
        self._objects_by_id: dict[str, Site] | None = None

    @classmethod
    def of(cls, sites: Sequence[Site]) -> Sequence[Site]:
        """These sites with the plain points as rows, or as they are when too few are plain."""
        plain = [is_plain(s) for s in sites]
        if sum(plain) < COLUMNS_FROM:
            return sites
        objects = tuple(s for s, p in zip(sites, plain, strict=True) if not p)
        rows = PointRows.of([s for s, p in zip(sites, plain, strict=True) if p])
        return cls(objects, rows, slots_from_runs(runs_of(plain)))

    def _built(self, at: list[int]) -> list[Site]:
        return self.rows.sites(at)

    def ids(self) -> list[str]:
        """Every site's id in order, without building the row sites."""
        row_ids, objects = self.rows.ids, self.objects
        return [row_ids[s] if s >= 0 else objects[-1 - s].id for s in self.slots.tolist()]

    def position(self, site_id: str) -> int:
        """The site's place in the list (KeyError for an unknown id); indexed on first use."""
        if self._position is None:
            self._position = {site_id: i for i, site_id in enumerate(self.ids())}
        return self._position[site_id]

    def own_measures(self, site_id: str) -> tuple[Measure, ...]:
        """The site's own measures, () for a row, without building it (KeyError for an
        unknown id): asked of every site when a filter changes."""
        site = self.object_site(site_id)
        if site is not None:
            return site.measures
        self.position(site_id)
        return ()

    def object_site(self, site_id: str) -> Site | None:
        """The site if it is one of the objects (None for a row or an unknown id), found
        without indexing every row: the map asks for its districts' sites at start."""
        if self._objects_by_id is None:
            self._objects_by_id = {s.id: s for s in self.objects}
        return self._objects_by_id.get(site_id)

    def with_sites(self, changed: Mapping[str, Site]) -> SiteList:
        """The same list with these sites (by id) replaced: each becomes an object."""
        if not changed:
            return self
        slots, objects = self.slots.copy(), list(self.objects)
        for site_id, site in changed.items():
            at = self.position(site_id)
            if slots[at] < 0:
                objects[-1 - int(slots[at])] = site
            else:
                slots[at] = -1 - len(objects)
                objects.append(site)
        return _reordered(tuple(objects), self.rows, slots)


def in_batches(
    slots: np.ndarray, objects: tuple[_T, ...], build: Callable[[list[int]], list[_T]]
) -> Iterator[_T]:
    """The items of `slots` in order, rows built BATCH at a time by `build`: a loop over
    100,000 point sites makes their objects in few vectorised calls and holds few at once."""
    every = slots.tolist()
    for start in range(0, len(every), BATCH):
        chunk = every[start : start + BATCH]
        built = iter(build([s for s in chunk if s >= 0]))
        for slot in chunk:
            yield next(built) if slot >= 0 else objects[-1 - slot]


def _reordered(objects: tuple[Site, ...], rows: PointRows, slots: np.ndarray) -> SiteList:
    """A SiteList whose rows may be skipped (a replaced row stays in `rows`, unused)."""
    result = SiteList.__new__(SiteList)
    result.objects, result.rows, result.slots = objects, rows, slots
    result._position, result._objects_by_id = None, None
    return result


class SitesById(Mapping[str, Site]):
    """id -> Site over a SiteList, building a row site when it is looked up."""

    __slots__ = ("sites",)

    def __init__(self, sites: SiteList) -> None:
        self.sites = sites

    def __getitem__(self, site_id: str) -> Site:
        found = self.sites.object_site(site_id)
        return found if found is not None else self.sites[self.sites.position(site_id)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.sites.ids())

    def __len__(self) -> int:
        return len(self.sites)


def measured(sites: Sequence[Site]) -> Sequence[Site]:
    """The sites that can have measures, relations or indicators: a SiteList's objects (its
    rows have none), or all of any other sequence."""
    return sites.objects if isinstance(sites, SiteList) else sites


def named(
    sites: Sequence[Site],
) -> Iterator[tuple[str, str, str, tuple[str, ...], Kind, tuple[Measure, ...]]]:
    """(id, name_zh, name_en, aliases, kind, measures) of every site in order, read from a
    SiteList's columns without building its rows (a search looks at every site)."""
    if not isinstance(sites, SiteList):
        for s in sites:
            yield s.id, s.name_zh, s.name_en, s.aliases, s.kind, s.measures
        return
    rows, objects = sites.rows, sites.objects
    ids, names_zh, names_en = rows.ids, list(rows.names_zh), list(rows.names_en)
    aliases, kinds = rows.column("aliases"), rows.column("kind")
    for slot in sites.slots.tolist():
        if slot >= 0:
            yield ids[slot], names_zh[slot], names_en[slot], aliases[slot], kinds[slot], ()
        else:
            s = objects[-1 - slot]
            yield s.id, s.name_zh, s.name_en, s.aliases, s.kind, s.measures
