"""The user's data folder, laid out in one place (the window and the command line share it):

ROOT/documents/ID.txt   each imported document, as UTF-8 (quotes are cut from it)
ROOT/reviews/ID.json    a review in progress, saved after every decision
ROOT/accepted.json      every accepted candidate, with its evidence and location
ROOT/status.sqlite      the status store, unless the office shares a server
ROOT/outbox.jsonl       edits kept while the shared server was out of reach
ROOT/outbox.refused.jsonl, ROOT/outbox.damaged.jsonl
                        outbox lines the server refused, or that could not be read
ROOT/window.lock        held by the window that has the folder open
ROOT/NAME.damaged-XXXX  a damaged file set aside (set_aside), kept for whoever can mend it
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gis.atomic import sync_folder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserFolder:
    root: Path

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    def document(self, ident: str) -> Path:
        return self.documents / f"{ident}.txt"

    @property
    def reviews(self) -> Path:
        return self.root / "reviews"

    def review(self, ident: str) -> Path:
        return self.reviews / f"{ident}.json"

    @property
    def accepted(self) -> Path:
        return self.root / "accepted.json"

    @property
    def store(self) -> Path:
        return self.root / "status.sqlite"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox.jsonl"

    @property
    def outbox_refused(self) -> Path:
        return self.root / "outbox.refused.jsonl"

    @property
    def outbox_damaged(self) -> Path:
        return self.root / "outbox.damaged.jsonl"

    @property
    def window_lock(self) -> Path:
        return self.root / "window.lock"


def read_accepted(raw: bytes) -> list[dict[str, Any]]:
    """The records of accepted.json's bytes; ValueError when they are not a list of them."""
    accepted = json.loads(raw)
    if not isinstance(accepted, list) or not all(
        isinstance(r, dict) and isinstance(r.get("document"), str) for r in accepted
    ):
        raise ValueError("not a list of accepted sites")
    return accepted


def set_aside(path: Path, problem: str, expected: bytes | None = None) -> None:
    """Move a damaged user file aside (NAME.damaged-XXXX: kept for whoever can mend it,
    no longer read as what it was) so that the app goes on without it; said in the log.
    The caller holds the file's lock; with `expected`, a file changed since it was read
    is left alone."""
    if not path.exists() or (expected is not None and path.read_bytes() != expected):
        return  # set aside or replaced by another window meanwhile
    aside = path.with_name(f"{path.name}.damaged-{uuid.uuid4().hex[:8]}")
    os.replace(path, aside)
    sync_folder(path.parent)
    log.warning("%s: damaged (%s); moved to %s, the app goes on without it", path, problem, aside)
