"""The `envmap status` subcommands: record a measure's status, show its history, write the
ledger, and hand events over to another PC."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gis import status_rules as rules
from gis.cli_state import (
    catalog_of,
    check_named_store,
    current_state_of,
    shared_arrived,
    store_location,
)
from gis.errors import EnvMapError

if TYPE_CHECKING:
    from gis.model import Catalog
    from gis.state import CurrentState
    from gis.store import StatusStore


def add_parser(sub: Any) -> None:
    """`envmap status …`."""
    status = sub.add_parser("status", help="track measures' status over time (a dated log)")
    status.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        help="SQLite file or database URL (as the global --store; default: user data folder)",
    )
    actions = status.add_subparsers(dest="action", required=True)
    set_ = actions.add_parser("set", help="record a measure's new status")
    set_.add_argument("measure")
    set_.add_argument("status", help="planned | in_progress | completed | closed_out")
    set_.add_argument("--date", required=True, help="the date it is true as of, YYYY-MM-DD")
    set_.add_argument("--note", default="")
    set_.add_argument("--author")
    set_.add_argument("--evidence", default="", help="acceptance evidence (needed to close out)")
    set_.add_argument("--attachment", default="", help="path of a file that proves it")
    history = actions.add_parser("history", help="a measure's dated events")
    history.add_argument("measure")
    ledger = actions.add_parser("export", help="the ledger with current statuses (.xlsx/.csv)")
    ledger.add_argument("out", type=Path)
    out = actions.add_parser("export-events", help="the recorded events, for another PC")
    out.add_argument("out", type=Path)
    into = actions.add_parser("import-events", help="events from another PC (twice is harmless)")
    into.add_argument("file", type=Path)
    status.set_defaults(run=_cmd_status)


def _store(args: argparse.Namespace) -> StatusStore:
    from gis.store import StatusStore

    where, named = store_location(args)
    reading = args.action in ("history", "export-events")  # these never write
    if reading and named:
        check_named_store(where)
    if not reading and (not isinstance(where, str) or "://" not in where):
        Path(where).parent.mkdir(parents=True, exist_ok=True)
    store = StatusStore(where, catalog_of(args), read_only=reading)
    if shared_arrived(store, args):
        return StatusStore(where, catalog_of(args), read_only=reading)
    return store


def _cmd_status(args: argparse.Namespace) -> int:
    if args.action == "export":
        return _export_ledger(args)
    store = _store(args)
    if args.action == "set":
        missing = rules.attachment_problem(args.attachment or "")
        if missing:  # no proof: refuse
            raise EnvMapError(f"{missing} (--attachment)")
        author = args.author or _login()
        done = store.set_status(
            args.measure, args.status, args.date, args.note, author, args.evidence, args.attachment
        )
        print(f"{done.measure_id}: {done.status} as of {done.as_of} (event {done.id})")
    elif args.action == "history":
        _check_measure(store.catalog, args.measure)
        _print_history(_state(store, args), args.measure)
    elif args.action == "export-events":
        print(f"wrote {store.export_events(args.out)} events to {args.out}")
    elif args.action == "import-events":
        print(f"{store.import_events(args.file)} new events from {args.file}")
    return 0


def _state(store: StatusStore, args: argparse.Namespace) -> CurrentState:
    """The store's catalog after its events and the user's imported documents' reports, as
    the window shows it; with --catalog-only the shipped catalog alone, as for every command
    (no tracked status, no imported document)."""
    from gis.state import current_state, state_from_store

    if args.catalog_only:
        return current_state(store.catalog)
    from gis.paths import user_data_dir
    from gis.user_catalog import document_updates

    return state_from_store(store, imported=document_updates(store.catalog, user_data_dir()))


_FROM = {
    "document": "the catalog's document",
    "imported": "a document you imported",
    "store": "a recorded status",
}


def _print_history(state: CurrentState, measure_id: str) -> None:
    """Each status event of the measure, oldest first, with the evidence it was given (an
    imported document's quote, its title and paragraph), then the status that holds."""
    from gis.export.records import quoted_words

    now = state.measures[measure_id]
    for item in now.history:
        print(f"{item.as_of}  {item.status:<12} {item.author:<10} {item.note}".rstrip())
        if item.quoted is not None:
            print(f"            {quoted_words(state.documents, item.quoted)}")
        elif item.evidence:
            print(f"            evidence: {item.evidence}")
    print(f"now: {now.status} ({now.status.label_zh}), from {_FROM[now.source]}")


def _export_ledger(args: argparse.Namespace) -> int:
    """The ledger of what `envmap export` shows, read the same way: with --catalog-only the
    shipped catalog's statuses alone, as the flag says for every command (a ledger of the
    documents as published is what a user asking for it expects, not a refusal)."""
    from gis.export.files import write_rows_csv, write_rows_xlsx
    from gis.export.records import ledger_rows

    rows = ledger_rows(current_state_of(args))
    writer = write_rows_xlsx if args.out.suffix.lower() == ".xlsx" else write_rows_csv
    writer(rows, args.out)
    print(f"wrote {args.out} ({len(rows)} measures)")
    return 0


def _login() -> str:
    """Who is logged in to this PC (USER on Linux, USERNAME on Windows); "" when unknown."""
    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):  # no login name anywhere: the store says unknown
        return ""


def _check_measure(catalog: Catalog, measure_id: str) -> None:
    """An id that is no measure is said so, with the measures of the site it may name."""
    if any(m.id == measure_id for m in catalog.measures()):
        return
    if measure_id in {s.id for s in catalog.sites}:
        ids = ", ".join(m.id for m in catalog.measures_concerning(measure_id)) or "none"
        raise EnvMapError(f"{measure_id!r} is a site, not a measure; its measures: {ids}")
    raise EnvMapError(f"unknown measure id {measure_id!r} (`envmap sites` lists them)")
