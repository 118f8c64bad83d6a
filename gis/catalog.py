"""Load data/ into the model and check every rule; each fault names its file and line.

The loader never stops at the first fault: `validate_catalog` returns all of them so that a
curator can fix a file in one pass, and `load_catalog` raises them together.
"""

from __future__ import annotations

import logging
from pathlib import Path

from gis.catalog_reader import Reader
from gis.documents import load_documents
from gis.errors import CatalogInvalid, CatalogSyntaxError, EnvMapError, Problem
from gis.gazetteer import load_places
from gis.localities import load_localities
from gis.model import Catalog, Site
from gis.paths import data_root

log = logging.getLogger(__name__)


def _cross_checks(sites: list[Site], declared_ids: set[str]) -> list[Problem]:
    """Rules across files: unique ids, and every reference points at something real."""
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for site in sites:
        for item_id in [site.id, *(m.id for m in site.measures), *(i.id for i in site.indicators)]:
            if item_id in seen:
                problems.append(
                    Problem(
                        site.source_file,
                        None,
                        f"site {site.id!r}",
                        "duplicate-id",
                        f"id {item_id!r} is also used in {seen[item_id]}",
                    )
                )
            seen[item_id] = site.source_file
    for site in sites:
        targets = [("relation", r.target) for r in site.relations]
        targets += [(f"measure {m.id!r} concerns", c) for m in site.measures for c in m.concerns]
        for what, target in targets:
            if target not in declared_ids:
                problems.append(
                    Problem(
                        site.source_file,
                        None,
                        f"site {site.id!r} {what}",
                        "unknown-site",
                        f"refers to unknown site {target!r}",
                    )
                )
    return problems


def _read(root: Path) -> tuple[Catalog, list[Problem]]:
    if not root.is_dir():
        raise EnvMapError(f"{root}: no such data folder (--data or $ENVMAP_DATA)")
    documents = load_documents(root / "documents")
    gazetteer = load_places(root / "gazetteer" / "places.yaml")
    problems = list(gazetteer.problems)
    sites: list[Site] = []
    declared_ids: set[str] = set()
    files = sorted((root / "catalog").glob("*.yaml"))
    if not files:
        problems.append(
            Problem(
                root / "catalog", None, "folder", "no-catalog", "no catalog files (*.yaml) here"
            )
        )
    for path in files:
        reader = Reader(path, documents, gazetteer)
        sites.extend(reader.sites())
        problems.extend(reader.problems)
        declared_ids |= reader.declared_ids
    problems.extend(_cross_checks(sites, declared_ids))
    log.info("read %d sites from %d catalog files", len(sites), len(files))
    return Catalog(documents=documents, sites=tuple(sites)), problems


def validate_catalog(root: Path | None = None) -> list[Problem]:
    """Every fault in the catalog under `root` (default: the shipped data); empty when sound."""
    root = root or data_root()
    try:
        problems = _read(root)[1]
    except CatalogInvalid as exc:
        problems = exc.problems
    except CatalogSyntaxError as exc:
        problems = [Problem(exc.path, exc.line, "file", "bad-yaml", str(exc))]
    localities = root / "gazetteer" / "localities.yaml"
    if localities.exists():
        try:
            problems = [*problems, *load_localities(localities).problems]
        except CatalogSyntaxError as exc:
            problems = [*problems, Problem(localities, exc.line, "file", "bad-yaml", str(exc))]
    return problems


def load_catalog(root: Path | None = None) -> Catalog:
    """The catalog under `root`; raises CatalogInvalid listing every fault if it is not sound."""
    catalog, problems = _read(root or data_root())
    if problems:
        raise CatalogInvalid(problems)
    return catalog
