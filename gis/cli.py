"""The `envmap` command line: validate, list sites, export, show a document's paragraphs."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gis.admin_cli import add_parser as add_admin_parser
from gis.basemaps import HTML_BASEMAPS
from gis.cli_state import catalog_of
from gis.cli_state import current_state_of as current_state_of
from gis.errors import EnvMapError
from gis.export.files import FORMATS, export
from gis.export.records import sites_feature_collection
from gis.failures import failure_message, is_database_error, log_to_stderr
from gis.filters import SiteFilter
from gis.model import Kind, Status
from gis.status_cli import add_parser as add_status_parser

if TYPE_CHECKING:
    from datetime import date


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
    "status_as_of",
    "document_status",
    "status_words",
    "evidence_document",
    "evidence_paragraph",
    "evidence_quote",
)


def _cmd_validate(args: argparse.Namespace) -> int:
    from gis.catalog import load_catalog, validate_catalog

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
    collection = sites_feature_collection(current_state_of(args))
    if args.format == "geojson":
        json.dump(collection, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=SITE_CSV_COLUMNS)
    writer.writeheader()
    for feature in collection["features"]:
        writer.writerows(_site_csv_rows(feature))
    return 0


def _site_csv_rows(feature: dict[str, Any]) -> list[dict[str, Any]]:
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
                status_as_of=m["status_as_of"] or "",
                document_status=m["document_status"],
                status_words=m["status_words"],
                evidence_document=first["document"],
                evidence_paragraph=first["paragraph"],
                evidence_quote=" …… ".join(e["quote"] for e in m["evidence"]),
            )
        rows.append(row)
    return rows


def _representative_lonlat(feature: dict[str, Any]) -> tuple[float, float]:
    from shapely.geometry import shape

    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def _cmd_export(args: argparse.Namespace) -> int:
    html_only = [a for a in ("basemap", "title", "filter", "tianditu_key") if getattr(args, a)]
    if args.format != "html":
        if html_only or args.embed_key:
            flag = html_only[0].replace("_", "-") if html_only else "embed-key"
            print(f"envmap: --{flag} is for html only", file=sys.stderr)
            return 2
        export(current_state_of(args), args.format, args.out)
        print(f"wrote {args.out}")
        return 0
    from gis.export.html import DEFAULT_TITLE, HtmlOptions, write_html
    from gis.mapdata import build_map_data

    key = args.tianditu_key or os.environ.get("ENVMAP_TIANDITU_KEY")
    try:
        site_filter = parse_filters(args.filter or [])
    except EnvMapError as exc:  # a usage error
        print(f"envmap: {exc}", file=sys.stderr)
        return 2
    options = HtmlOptions(
        basemap=args.basemap or "none",
        title=args.title or DEFAULT_TITLE,
        site_filter=site_filter,
        tianditu_key=key,
        embed_key=args.embed_key,
    )
    if args.embed_key and options.basemap != "tianditu":
        print("envmap: --embed-key is for --basemap tianditu only", file=sys.stderr)
        return 2
    if options.basemap == "tianditu" and args.embed_key and not key:
        print("envmap: --embed-key needs --tianditu-key or $ENVMAP_TIANDITU_KEY", file=sys.stderr)
        return 2
    from gis.paths import data_root
    from gis.water import load_water

    state = current_state_of(args)
    map_data = build_map_data(state.documents, water=load_water(args.data or data_root()))
    options = replace(options, state=state)
    if options.site_filter and not options.site_filter.visible(state.catalog, map_data.districts):
        print(
            "envmap: warning: the filter keeps no site; the map shows districts only",
            file=sys.stderr,
        )
    size = write_html(map_data, args.out, options)
    note = " (Tianditu key written into the file)" if options.embed_key and key else ""
    print(f"wrote {args.out} ({size / 1024:,.0f} KB){note}")
    return 0


def parse_filters(items: list[str]) -> SiteFilter | None:
    """`kind=dock,outfall`, `status=…`, `district=洪山区`, `document=ID` into a SiteFilter."""
    if not items:
        return None
    from gis.boundaries import DISTRICT_NAMES_EN

    parsed: dict[str, list[str]] = {"kind": [], "status": [], "district": [], "document": []}
    choices = {
        "kind": [k.value for k in Kind],
        "status": [s.value for s in Status],
        "district": list(DISTRICT_NAMES_EN),  # a mistyped one would leave an empty map
    }
    for item in items:
        key, _, values = item.partition("=")
        if key not in parsed or not values:
            raise EnvMapError(f"--filter {item!r}: use KEY=V1,V2 with KEY one of {list(parsed)}")
        for value in values.split(","):
            known = choices.get(key)
            if known is not None and value not in known:
                raise EnvMapError(
                    f"--filter {item!r}: unknown {key} {value!r}; known: {', '.join(known)}"
                )
            parsed[key].append(value)
    return SiteFilter(
        kinds=frozenset(Kind(v) for v in parsed["kind"]),
        statuses=frozenset(Status(v) for v in parsed["status"]),
        districts=frozenset(parsed["district"]),
        documents=frozenset(parsed["document"]),
    )


def _cmd_extract(args: argparse.Namespace) -> int:
    from gis.extract.pipeline import extract_file
    from gis.geocode import GazetteerGeocoder, OnlineGeocoder

    online = None
    if args.geocoder != "none":
        key = args.key or os.environ.get(f"ENVMAP_{args.geocoder.upper()}_KEY")
        online = OnlineGeocoder(args.geocoder, key or "", cache=args.geocode_cache)
    geocoder = GazetteerGeocoder(catalog_of(args), online)
    output: list[dict[str, Any]] = []
    for path in args.files:
        if not path.is_file():
            raise EnvMapError(f"{path}: no such file")
        records, warnings = extract_file(path, geocoder, args.date)
        for warning in warnings:
            print(f"envmap: warning: {warning}", file=sys.stderr)
        for record in records:
            record["document"] = path.stem
            if record.get("geocode_note"):
                note = f"{path}: {record['name_simplified']}: {record['geocode_note']}"
                print(f"envmap: warning: {note}; left unresolved", file=sys.stderr)
        output += records
    if args.format == "yaml":
        import yaml

        yaml.safe_dump(output, sys.stdout, allow_unicode=True, sort_keys=False)
    else:
        json.dump(output, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 0


def _iso_date(text: str) -> date:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD, not {text!r}") from exc


def _cmd_paragraphs(args: argparse.Namespace) -> int:
    from gis.catalog import load_catalog

    catalog = load_catalog(args.data)
    if args.document not in catalog.documents:
        print(
            f"envmap: unknown document {args.document!r}; known: {', '.join(catalog.documents)}",
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
    parser.add_argument(
        "--store",
        help="status store: SQLite file or database URL (default: the window's, in the user "
        "data folder, or $ENVMAP_STORE)",
    )
    parser.add_argument(
        "--catalog-only",
        action="store_true",
        help="the shipped (or --data) catalog alone: no imported sites, no tracked statuses",
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
    exp.add_argument("format", choices=(*FORMATS, "html"))
    exp.add_argument("out", type=Path)
    html = exp.add_argument_group("html", "options of the self-contained HTML map")
    html.add_argument("--basemap", choices=HTML_BASEMAPS, help="default none")
    html.add_argument("--title", help="the map's title")
    html.add_argument(
        "--filter",
        action="append",
        metavar="KEY=V1,V2",
        help="keep sites by kind, status, district or document (repeatable), e.g. status=planned",
    )
    html.add_argument("--tianditu-key", help="your Tianditu tk (or $ENVMAP_TIANDITU_KEY)")
    exp.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        help="statuses and corrections from this status store (as the global --store)",
    )
    html.add_argument(
        "--embed-key",
        action="store_true",
        help="write the Tianditu key into the file (otherwise the page asks the reader for one)",
    )
    exp.set_defaults(run=_cmd_export)
    ext = sub.add_parser("extract", help="read new documents: candidate sites, measures, status")
    ext.add_argument("files", nargs="+", type=Path, help="text files (UTF-8, GBK, UTF-16 …)")
    ext.add_argument("--format", choices=("json", "yaml"), default="json")
    ext.add_argument(
        "--date", type=_iso_date, help="the documents' date, to resolve 今年/去年 (YYYY-MM-DD)"
    )
    ext.add_argument(
        "--geocoder",
        choices=("none", "tianditu", "amap"),
        default="none",
        help="also ask an online geocoder for names the gazetteer lacks (needs --key)",
    )
    ext.add_argument("--key", help="the online geocoder's key (or $ENVMAP_TIANDITU_KEY/…AMAP_KEY)")
    ext.add_argument("--geocode-cache", type=Path, help="a JSON file caching online answers")
    ext.set_defaults(run=_cmd_extract)
    add_status_parser(sub)
    add_admin_parser(sub, catalog_of)
    paragraphs = sub.add_parser("paragraphs", help="print a document's numbered paragraphs")
    paragraphs.add_argument("document")
    paragraphs.set_defaults(run=_cmd_paragraphs)
    if extend is not None:
        extend(sub)
    return parser


def main(argv: list[str] | None = None, extend: Callable[[Any], None] | None = None) -> int:
    args = build_parser(extend).parse_args(argv)
    log_to_stderr(args.verbose)
    try:
        code: int = args.run(args)
        return code
    except BrokenPipeError:  # e.g. `envmap sites | head`: the reader left, nothing is wrong
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except KeyboardInterrupt:
        print("envmap: interrupted", file=sys.stderr)
        return 130
    except (EnvMapError, OSError) as exc:
        print(f"envmap: {failure_message(exc, getattr(args, 'out', None))}", file=sys.stderr)
        return 1
    except Exception as exc:
        if not is_database_error(exc):
            raise
        print(f"envmap: {failure_message(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
