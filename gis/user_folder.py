"""The user's data folder, laid out in one place (the window and the command line share it):

ROOT/documents/ID.txt   each imported document, as UTF-8 (quotes are cut from it)
ROOT/reviews/ID.json    a review in progress, saved after every decision
ROOT/accepted.json      every accepted candidate, with its evidence and location
ROOT/status.sqlite      the status store, unless the office shares a server
ROOT/outbox.jsonl       edits kept while the shared server was out of reach
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
