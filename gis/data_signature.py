"""Which files a map is drawn from, and a cheap signature of them (names, sizes, modification
times and the status store's latest event) that reads no file's content: enough to tell at
start-up, before NumPy and the map data load, whether a picture of the last start's map still
shows the same data."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

from gis.user_folder import UserFolder


def source_files(source: Path) -> list[tuple[str, Path]]:
    """(name relative to `source`, path) of a file or of every file in a folder, in order;
    none when it does not exist; temporary files of a write under way and compiled Python
    (written whenever a module is first loaded) are not data."""
    if source.is_file():
        return [("", source)]
    found = sorted(p for p in source.rglob("*") if p.is_file() and p.suffix not in (".tmp", ".pyc"))
    return [(p.relative_to(source).as_posix(), p) for p in found]


def map_sources(root: Path, user: Path | None) -> dict[str, Path]:
    """What a map is built from besides the code: the data folder, the user's accepted
    sites and the documents they were accepted from."""
    sources = {"data": root}
    if user:
        folder = UserFolder(user)
        sources |= {"accepted": folder.accepted, "documents": folder.documents}
    return sources


def data_signature(root: Path, user: Path | None, program: tuple[Path, ...] = ()) -> str:
    """A digest that changes when a file a map is drawn from is added, removed or rewritten,
    when the user's own status store records an event (its file's time does not tell:
    SQLite rewrites it when it checkpoints), or when a file of `program` (what draws the
    map: an executable, or the folders of its code) is replaced. OSError when a file goes
    while it is looked at."""
    digest = hashlib.sha256(str(root.resolve()).encode())
    sources = map_sources(root, user) | {f"program{k}": p for k, p in enumerate(program)}
    for label, source in sources.items():
        for name, path in source_files(source):
            stat = path.stat()
            digest.update(f"\0{label}\0{name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    if user:
        digest.update(f"\0store\0{_latest_event(UserFolder(user).store)}".encode())
    return digest.hexdigest()


def _latest_event(store: Path) -> str:
    """How many events the user's SQLite store holds and when the last was recorded; empty
    when there is no store or it cannot be read (a store being created, a damaged file)."""
    if not store.is_file():
        return ""
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "SELECT count(*), max(recorded_at) FROM status_events"
            ).fetchone()
        finally:
            connection.close()
        return f"{row[0]}\0{row[1]}"
    return ""
