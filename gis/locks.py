"""One writer at a time across processes, by lock files (the `filelock` package: an OS lock
that goes away with the process holding it, so a crash never leaves a folder locked).

`exclusive(path)` is held while a file is read, changed and replaced (the outbox, the
accepted sites): a second process waits its turn instead of losing the first one's change.
`FolderClaim` is held by a window for as long as it is open, so that a second window on the
same user folder learns that it is not alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from gis.errors import EnvMapError
from gis.user_folder import UserFolder

WAIT_S = 30.0  # a writer holds the lock for milliseconds; this long means something hangs


class FolderBusy(EnvMapError):
    """Another program kept a file locked longer than a writer waits; nothing was written."""


def lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def exclusive(path: Path, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold `path`'s lock (the file PATH.lock beside it) for the block; another process that
    asks for it waits until the block ends. Not re-entrant: never nest two on one path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_file(path), timeout=wait_s, thread_local=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise FolderBusy(
            f"{path}: another EnvMap has kept it locked for {wait_s:g} s; nothing was written"
        ) from exc
    try:
        yield
    finally:
        lock.release()


class FolderClaim:
    """A window's claim on a user folder (the file ROOT/window.lock) while it is open."""

    def __init__(self, folder: Path) -> None:
        self.path = UserFolder(folder).window_lock
        self._lock = FileLock(self.path, timeout=0, thread_local=False)

    def take(self) -> bool:
        """Claim the folder; False when another window holds it (this one may go on: each
        write still waits its turn)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
