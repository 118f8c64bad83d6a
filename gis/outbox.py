"""Edits made while the shared store was unreachable, kept in a local file (one JSON object a
line) until sent.

Each edit carries the event id it will be recorded under, so sending it twice (a crash
between sending and forgetting it) records it once. One process at a time reads or changes
the file (`gis.locks.exclusive`): an edit added while another window sends is never lost.
A line that is not an edit (torn by a crash, or with fields this EnvMap does not know) is
moved to a second file with a message, never read as part of the next line nor retried;
an edit the store refuses is set aside in a third."""

from __future__ import annotations

import json
import logging
import os
import uuid
from pathlib import Path
from typing import Any

from gis import atomic
from gis.locks import exclusive
from gis.store import StatusStore, StoreError
from gis.user_folder import UserFolder

log = logging.getLogger(__name__)

FIELDS = frozenset(
    {"measure_id", "status", "as_of", "note", "author", "evidence", "attachment", "event_id"}
)  # set_status's arguments
REQUIRED = frozenset({"measure_id", "status", "as_of", "event_id"})


def _problem(line: bytes) -> str | None:
    """Why a line of the file is not an edit this EnvMap can send; None when it is."""
    try:
        edit = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8 text (torn by a crash?)"
    except ValueError:
        return "not a whole JSON object (torn by a crash?)"
    if not isinstance(edit, dict):
        return "not a JSON object"
    unknown, missing = set(edit) - FIELDS, REQUIRED - set(edit)
    if unknown:
        return f"fields this EnvMap does not know: {', '.join(sorted(unknown))}"
    if missing:
        return f"fields missing: {', '.join(sorted(missing))}"
    if not all(isinstance(value, str) for value in edit.values()):
        return "a field that is not text"
    return None


class Outbox:
    def __init__(self, path: Path) -> None:
        """`path`: a user folder's outbox (UserFolder.outbox), its companions beside it."""
        self.path = path
        folder = UserFolder(path.parent)
        self.refused, self.damaged = folder.outbox_refused, folder.outbox_damaged
        self.messages: list[str] = []  # each line set aside, said once (also logged)

    def add(self, **edit: Any) -> None:
        """Keep an edit (set_status's arguments), with the id it will be recorded under."""
        edit.setdefault("event_id", str(uuid.uuid4()))
        unknown = set(edit) - FIELDS
        if unknown:
            raise TypeError(f"not an edit's fields: {', '.join(sorted(unknown))}")
        line = json.dumps(edit, ensure_ascii=False, default=str).encode("utf-8") + b"\n"
        with exclusive(self.path):
            _append(self.path, line)

    def pending(self) -> list[dict[str, Any]]:
        """The edits kept, oldest first; lines that are not edits are set aside."""
        with exclusive(self.path):
            return self._read()

    def send(self, store: StatusStore) -> int:
        """Write the kept edits to the store; returns how many were recorded."""
        sent = 0
        for edit in self.pending():
            refusal = None
            try:
                store.set_status(**edit)
                sent += 1
            except StoreError as exc:
                refusal = str(exc)
            self._forget(edit["event_id"], refusal)
        return sent

    def _forget(self, event_id: str, refusal: str | None) -> None:
        with exclusive(self.path):
            edits = self._read()
            for edit in edits if refusal is not None else []:
                if edit["event_id"] == event_id:
                    _append(self.refused, _json_line({**edit, "refused": refusal}))
            rest = [e for e in edits if e["event_id"] != event_id]
            atomic.write_text(self.path, "".join(_json_line(e).decode("utf-8") for e in rest))

    def _read(self) -> list[dict[str, Any]]:
        """The edits in the file (the caller holds the lock); the rest moved aside."""
        if not self.path.exists():
            return []
        edits, bad = [], []
        for number, line in enumerate(self.path.read_bytes().split(b"\n"), start=1):
            if not line.strip():
                continue
            problem = _problem(line)
            if problem is None:
                edits.append(json.loads(line))
            else:
                bad.append((number, line, problem))
        if bad:
            for number, line, problem in bad:
                text = line.decode("utf-8", errors="replace")
                record = {"line": number, "text": text, "problem": problem}
                _append(self.damaged, _json_line(record))
                message = f"{self.path}:{number}: {problem}; set aside in {self.damaged.name}"
                log.warning(message)
                self.messages.append(message)
            atomic.write_text(self.path, "".join(_json_line(e).decode("utf-8") for e in edits))
        return edits


def _json_line(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8") + b"\n"


def _append(path: Path, line: bytes) -> None:
    """Add a line durably. A last line torn by a crash is ended first, so that it stays a
    line of its own (set aside when read) instead of swallowing this one."""
    created = not path.exists()
    with path.open("a+b") as fh:
        fh.seek(0, os.SEEK_END)
        if fh.tell():
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                fh.write(b"\n")
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    if created:
        atomic.sync_folder(path.parent)
