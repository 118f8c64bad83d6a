"""The `envmap` command line: validate, list sites, export, show a document's paragraphs."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gis.catalog import load_catalog, validate_catalog
from gis.errors import EnvMapError
from gis.export.files import FORMATS, export
from gis.export.records import sites_feature_collection

log = logging.getLogger("envmap")

SITE_CSV_COLUMNS = (
    "site_id",
    "name_zh",
    "name_en",
    "kind",
    "districts",
    "precision_m",
    "location_basis",
    "lon",
    "lat",
    "measure_id",
    "measure_zh",
    "status",
    "status_words",
    "evidence_document",
    "evidence_paragraph",
    "evidence_quote",
)


def _cmd_validate(args: argparse.Namespace) -> int:
    problems = validate_catalog(args.data)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    catalog = load_catalog(args.data)
    measures = catalog.measures()
    quotes = sum(len(m.evidence) for m in measures)
    print(
        f"catalog is sound: {len(catalog.sites)} sites, {len(measures)} measures, "
        f"{quotes} measure quotes verified verbatim in {len(catalog.documents)} documents"
    )
    return 0


def _cmd_sites(args: argparse.Namespace) -> int:
    collection = sites_feature_collection(load_catalog(args.data))
    if args.format == "geojson":
        json.dump(collection, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=SITE_CSV_COLUMNS)
    writer.writeheader()
    for feature in collection["features"]:
        writer.writerows(_site_csv_rows(feature))
    return 0


def _site_csv_rows(feature: dict) -> list[dict]:
    """One row per measure concerning the site (one bare row when there is none)."""
    p = feature["properties"]
    centre = _representative_lonlat(feature)
    base = {
        "site_id": p["id"],
        "name_zh": p["name_zh"],
        "name_en": p["name_en"],
        "kind": p["kind"],
        "districts": "、".join(p["districts"]),
        "precision_m": p["precision_m"],
        "location_basis": p["location_basis"],
        "lon": round(centre[0], 6),
        "lat": round(centre[1], 6),
    }
    rows = []
    for m in p["measures"] or [None]:
        row = dict(base)
        if m is not None:
            first = m["evidence"][0]
            row.update(
                measure_id=m["id"],
                measure_zh=m["text_zh"],
                status=m["status"],
                status_words=m["status_words"],
                evidence_document=first["document"],
                evidence_paragraph=first["paragraph"],
                evidence_quote=" …… ".join(e["quote"] for e in m["evidence"]),
            )
        rows.append(row)
    return rows


def _representative_lonlat(feature: dict) -> tuple[float, float]:
    from shapely.geometry import shape

    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def _cmd_export(args: argparse.Namespace) -> int:
    export(load_catalog(args.data), args.format, args.out)
    print(f"wrote {args.out}")
    return 0


def _cmd_paragraphs(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.data)
    if args.document not in catalog.documents:
        print(
            f"unknown document {args.document!r}; known: {', '.join(catalog.documents)}",
            file=sys.stderr,
        )
        return 2
    for number, text in enumerate(catalog.documents[args.document].paragraphs, start=1):
        print(f"{number:>3}  {text}")
    return 0


def build_parser(extend: Callable[[Any], None] | None = None) -> argparse.ArgumentParser:
    """The parser; `extend` may add subcommands (the desktop adds `app`) to the subparsers."""
    parser = argparse.ArgumentParser(prog="envmap", description="武汉环保行动地图 Wuhan EnvMap")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: the shipped data/, or $ENVMAP_DATA)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the catalog; exit 0 when sound").set_defaults(
        run=_cmd_validate
    )
    sites = sub.add_parser("sites", help="print every site and area with its measures")
    sites.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    sites.set_defaults(run=_cmd_sites)
    exp = sub.add_parser("export", help="write the catalog to a file")
    exp.add_argument("format", choices=FORMATS)
    exp.add_argument("out", type=Path)
    exp.set_defaults(run=_cmd_export)
    paragraphs = sub.add_parser("paragraphs", help="print a document's numbered paragraphs")
    paragraphs.add_argument("document")
    paragraphs.set_defaults(run=_cmd_paragraphs)
    if extend is not None:
        extend(sub)
    return parser


def main(argv: list[str] | None = None, extend: Callable[[Any], None] | None = None) -> int:
    args = build_parser(extend).parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.run(args)
    except EnvMapError as exc:
        print(f"envmap: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `envmap sites | head`: the reader left, nothing is wrong
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


if __name__ == "__main__":
    sys.exit(main())
