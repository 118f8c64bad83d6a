"""One catalog file's YAML read into model objects: types, limits and the verbatim rule
checked on the way, every fault noted with its file and line (gis.catalog gathers the files
and checks the rules across them)."""

from __future__ import annotations

import math
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from gis.documents import quote_problem
from gis.errors import Problem
from gis.gazetteer import Gazetteer
from gis.model import (
    Category,
    Document,
    Evidence,
    Indicator,
    Kind,
    Leader,
    Measure,
    Relation,
    RelationType,
    Site,
    Status,
)
from gis.yamlfile import line_of, load_yaml

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

MAX_NAME = 200  # characters in a name or alias: it is a label on the map and in popups
# Fields that hold one line or paragraph of text (numbers, lists and mappings are checked
# where they are read).
_TEXT_FIELDS = frozenset((
    "id", "name_zh", "name_en", "kind", "location", "text_zh", "text_en", "category",
    "responsible_zh", "responsible_en", "status", "status_words", "document", "quote", "unit",
    "type", "target", "name", "title_zh", "title_en",
))  # fmt: skip


def _whole(items: list[T | None]) -> tuple[T, ...] | None:
    """Every item, or None when one could not be read (its fault is noted already)."""
    kept = tuple(item for item in items if item is not None)
    return kept if len(kept) == len(items) else None


class Reader:
    """Turns one catalog file's YAML into model objects, noting every fault on the way."""

    def __init__(self, path: Path, documents: dict[str, Document], gazetteer: Gazetteer) -> None:
        self.path = path
        self.documents = documents
        self.gazetteer = gazetteer
        self.declared_ids: set[str] = set()
        self.problems: list[Problem] = []

    def fault(self, node: Any, place: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, line_of(node), place, code, message))

    def sites(self) -> list[Site]:
        data = load_yaml(self.path)
        if not isinstance(data, dict) or not isinstance(data.get("sites"), list):
            self.fault(data, "file", "bad-file", "a catalog file is a mapping with a list 'sites'")
            return []
        sites = []
        for index, node in enumerate(data["sites"]):
            known = len(self.problems)
            if not isinstance(node, dict):
                line = line_of(node, data["sites"], index)
                problem = Problem(
                    self.path, line, f"sites[{index}]", "bad-site", "a site is a mapping"
                )
                self.problems.append(problem)
                continue
            site = self.site(node, f"sites[{index}]")
            if site is not None:
                sites.append(site)
            elif len(self.problems) == known:  # a site never vanishes without a word
                self.fault(node, f"sites[{index}]", "unreadable-site", "this site cannot be read")
        return sites

    def site(self, node: dict[str, Any], place: str) -> Site | None:
        if isinstance(node.get("id"), str):
            place = f"site {node['id']!r}"
        if not self.has(node, ("id", "name_zh", "name_en", "kind", "location"), place):
            return None
        aliases = self.texts(node, "aliases", place)
        districts = self.texts(node, "stated_districts", place)
        names = [node["name_zh"], node["name_en"], *(aliases or ())]
        if any(len(name) > MAX_NAME for name in names):
            self.fault(node, place, "name-too-long", f"a name is at most {MAX_NAME} characters")
            return None
        kind = self.enum(Kind, node, "kind", place, "unknown-kind")
        self.declared_ids.add(str(node["id"]))
        location = self.gazetteer.locations.get(str(node["location"]))
        if location is None and str(node["location"]) not in self.gazetteer.declared:
            self.fault(
                node,
                place,
                "unknown-place",
                f"location {node['location']!r} is not in the gazetteer",
            )
        site_id = str(node["id"])
        measures = _whole(
            [
                self.measure(m, site_id, f"{place} measures[{i}]")
                for i, m in enumerate(node.get("measures") or [])
            ]
        )
        indicators = _whole(
            [
                self.indicator(n, f"{place} indicators[{i}]")
                for i, n in enumerate(node.get("indicators") or [])
            ]
        )
        relations = _whole(
            [
                self.relation(r, f"{place} relations[{i}]")
                for i, r in enumerate(node.get("relations") or [])
            ]
        )
        leader = self.leader(node["leader"], f"{place} leader") if node.get("leader") else None
        if (
            kind is None
            or location is None
            or measures is None
            or indicators is None
            or relations is None
            or aliases is None
            or districts is None
        ):
            return None
        return Site(
            id=site_id,
            name_zh=str(node["name_zh"]),
            name_en=str(node["name_en"]),
            aliases=aliases,
            kind=kind,
            location=location,
            stated_districts=districts,
            stated_districts_source=node.get("stated_districts_source"),
            leader=leader,
            relations=relations,
            measures=measures,
            indicators=indicators,
            source_file=self.path,
        )

    def measure(self, node: Any, site_id: str, place: str) -> Measure | None:
        fields = (
            "id",
            "text_zh",
            "text_en",
            "category",
            "responsible_zh",
            "responsible_en",
            "status",
            "status_words",
            "evidence",
        )
        if not self.has(node, fields, place):
            return None
        place = f"measure {node['id']!r}"
        category = self.enum(Category, node, "category", place, "unknown-category")
        status = self.enum(Status, node, "status", place, "unknown-status")
        evidence = self.evidence(node["evidence"], place)
        if evidence and not any(node["status_words"] in e.quote for e in evidence):
            self.fault(
                node,
                place,
                "status-words-not-quoted",
                f"status_words {node['status_words']!r} is not in the evidence quote",
            )
        target = node.get("target_date")
        if isinstance(target, bool) or not isinstance(target, (str, date, int, type(None))):
            message = f"target_date {target!r} is not a date, a year or text"
            self.fault(node, place, "bad-date", message)
            return None
        concerns = self.texts(node, "concerns", place)
        if category is None or status is None or not evidence or concerns is None:
            return None
        return Measure(
            id=str(node["id"]),
            site_id=site_id,
            text_zh=node["text_zh"],
            text_en=node["text_en"],
            category=category,
            responsible_zh=node["responsible_zh"],
            responsible_en=node["responsible_en"],
            target_date=None if target is None else str(target),
            status=status,
            status_words=node["status_words"],
            concerns=concerns,
            evidence=evidence,
        )

    def indicator(self, node: Any, place: str) -> Indicator | None:
        if not self.has(node, ("id", "text_zh", "text_en", "value", "unit", "evidence"), place):
            return None
        place = f"indicator {node['id']!r}"
        evidence = self.evidence(node["evidence"], place)
        value = node["value"]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            self.fault(
                node, place, "bad-value", f"value {value!r} is not a number (write 28, not words)"
            )
            return None
        if not evidence:
            return None
        return Indicator(
            id=str(node["id"]),
            text_zh=node["text_zh"],
            text_en=node["text_en"],
            value=float(value),
            unit=str(node["unit"]),
            evidence=evidence,
        )

    def relation(self, node: Any, place: str) -> Relation | None:
        if not self.has(node, ("type", "target", "evidence"), place):
            return None
        kind = self.enum(RelationType, node, "type", place, "unknown-relation")
        evidence = self.evidence(node["evidence"], place)
        if kind is None or not evidence:
            return None
        return Relation(type=kind, target=str(node["target"]), evidence=evidence)

    def leader(self, node: Any, place: str) -> Leader | None:
        if not self.has(node, ("name", "title_zh", "title_en", "evidence"), place):
            return None
        evidence = self.evidence(node["evidence"], place)
        if evidence and not any(node["name"] in e.quote for e in evidence):
            self.fault(node, place, "leader-not-quoted", f"{node['name']!r} is not in the quote")
        return (
            Leader(node["name"], node["title_zh"], node["title_en"], evidence) if evidence else None
        )

    def evidence(self, node: Any, place: str) -> tuple[Evidence, ...]:
        pieces = node if isinstance(node, list) else [node]
        if not pieces:
            self.fault(node, place, "missing-evidence", "evidence is empty: quote the document")
            return ()
        found = []
        for piece in pieces:
            if not self.has(piece, ("document", "paragraph", "quote"), f"{place} evidence"):
                return ()
            paragraph = piece["paragraph"]
            if isinstance(paragraph, bool) or not isinstance(paragraph, int):
                self.fault(
                    piece,
                    f"{place} evidence",
                    "bad-paragraph",
                    f"paragraph {paragraph!r} is not a whole number (write 21)",
                )
                return ()
            evidence = Evidence(piece["document"], paragraph, piece["quote"])
            if self.quote_ok(piece, evidence, place):
                found.append(evidence)
        return tuple(found) if len(found) == len(pieces) else ()

    def quote_ok(self, node: Any, evidence: Evidence, place: str) -> bool:
        document = self.documents.get(evidence.document)
        if document is None:
            self.fault(node, place, "unknown-document", f"no document {evidence.document!r}")
            return False
        problem = quote_problem(document.paragraphs, evidence.paragraph, evidence.quote)
        if problem == "no-such-paragraph":
            self.fault(
                node,
                place,
                problem,
                f"{evidence.document} has paragraphs 1-{len(document.paragraphs)}, "
                f"not {evidence.paragraph}",
            )
            return False
        if problem is not None:
            self.fault(
                node,
                place,
                problem,
                f"quote {evidence.quote!r} is not verbatim in {evidence.document} "
                f"paragraph {evidence.paragraph}",
            )
            return False
        return True

    def has(self, node: Any, fields: tuple[str, ...], place: str) -> bool:
        if not isinstance(node, dict):
            self.fault(node, place, "bad-entry", "expected a mapping")
            return False
        missing = [f for f in fields if node.get(f) in (None, "", [], {})]
        if missing:
            self.fault(node, place, "missing-field", f"required: {', '.join(missing)}")
            return False
        wrong = [f for f in fields if f in _TEXT_FIELDS and not isinstance(node[f], str)]
        for field in wrong:
            self.fault(node, place, "not-text", f"{field} {node[field]!r} is not text")
        return not wrong

    def texts(self, node: dict[str, Any], key: str, place: str) -> tuple[str, ...] | None:
        """An optional list of texts, or None (and a fault) when it is something else."""
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fault(node, place, "not-a-list", f"{key} {value!r} is not a list of texts")
            return None
        return tuple(value)

    def enum(
        self, enum: type[E], node: dict[str, Any], key: str, place: str, code: str
    ) -> E | None:
        try:
            return enum(node[key])
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            self.fault(node, place, code, f"{key} {node[key]!r} is not one of: {allowed}")
            return None
