"""What a command reads: the catalog, user folder and status store the window uses (the
shipped catalog with the user's accepted sites, the user folder's store), unless told
otherwise (--data, --store, --catalog-only)."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gis.model import Catalog
    from gis.state import CurrentState
    from gis.store import StatusStore

log = logging.getLogger("envmap")


def catalog_of(args: argparse.Namespace) -> Catalog:
    """The catalog the window shows: shipped (or --data) plus the user's accepted sites,
    unless --catalog-only asks for the shipped catalog alone."""
    from gis.catalog import load_catalog  # YAML: not for `envmap app`, which reads its cache

    catalog = load_catalog(args.data)
    if args.catalog_only:
        return catalog
    from gis.paths import user_data_dir
    from gis.user_catalog import with_user_sites

    return with_user_sites(catalog, user_data_dir())


def current_state_of(args: argparse.Namespace, catalog: Catalog | None = None) -> CurrentState:
    """What the window shows: the catalog (`catalog_of`'s unless given) after the status store's
    events and the user's imported documents. The default store is read only when it exists;
    one named with --store must open, or the command fails."""
    from gis.paths import user_data_dir
    from gis.state import current_state, state_from_store
    from gis.user_catalog import document_updates

    catalog = catalog or catalog_of(args)
    if args.catalog_only:
        return current_state(catalog)
    imported = document_updates(catalog, user_data_dir())
    where, named = store_location(args)
    if not named and not Path(where).exists():
        return current_state(catalog, imported)
    check_named_store(where)
    if not isinstance(where, str) or "://" not in where:  # an SQLite file: no SQLAlchemy
        from gis.store_read import sqlite_events

        events = sqlite_events(Path(where), catalog)
        if events is not None:
            return current_state(catalog, [*events, *imported])
    from gis.store import StatusStore

    store = StatusStore(where, catalog, read_only=True)
    if shared_arrived(store, args):  # another PC's documents and sites: read them too
        catalog = catalog_of(args)
        imported = document_updates(catalog, user_data_dir())
        store = StatusStore(where, catalog, read_only=True)
    return state_from_store(store, imported=imported)


def shared_arrived(store: StatusStore, args: argparse.Namespace) -> bool:
    """With a shared store, the user folder receives the documents and sites the office
    shares (as the window does), and, when the store was opened to write, sends this PC's;
    True when something arrived."""
    if args.catalog_only or store.engine.dialect.name != "postgresql":
        return False
    from gis.paths import user_data_dir
    from gis.shared_documents import sync

    viewer = store.identity is not None and store.identity.role == "viewer"
    try:
        return sync(store.engine, user_data_dir(), send=not (viewer or store.read_only))
    except (OSError, ValueError) as exc:  # a read-only or damaged user folder: show the rest
        log.warning("the office's shared documents were not received: %s", exc)
        return False


def check_named_store(where: str | Path) -> None:
    """A store file the user named must be there to be read: a mistyped name or a shared drive
    that is not connected would otherwise read as a store with no recorded statuses."""
    from gis.errors import EnvMapError

    if (not isinstance(where, str) or "://" not in where) and not Path(where).exists():
        raise EnvMapError(
            f"{where}: no such status store (--store or $ENVMAP_STORE); "
            "`envmap status set` creates one"
        )


def store_location(args: argparse.Namespace) -> tuple[str | Path, bool]:
    """The store a command uses and whether the user named it (--store, $ENVMAP_STORE)."""
    from gis.paths import user_data_dir
    from gis.user_folder import UserFolder

    named = args.store or os.environ.get("ENVMAP_STORE")
    return (named, True) if named else (UserFolder(user_data_dir()).store, False)
