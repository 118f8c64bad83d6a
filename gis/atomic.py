"""Files written whole or not at all. Each file the program writes goes to a temporary file
beside it, is fsynced, then renamed over the old one (os.replace): a crash, a full disk or an
error half-way leaves the old file as it was and no partial file behind.

Writers that take a file name (GeoPackage, XLSX, Qt's PDF and PNG writers) write to the path
`replacing` gives; writers of text or bytes use `writing`, `write_text` or `write_bytes`."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

TEMPORARY_SUFFIX = ".tmp"  # a write under way; readers of a folder skip such files


def _default_mode() -> int:
    """The mode a new file gets from the process's umask (mkstemp's 0600 is for secrets)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_NEW_FILE_MODE = _default_mode()


@contextlib.contextmanager
def replacing(path: Path, suffix: str = "") -> Iterator[Path]:
    """A temporary path beside `path`; when the block ends without an error its file replaces
    `path` (made durable first), otherwise it is removed and `path` is left as it was.
    `suffix` ends the temporary name, for writers that choose the format by it."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX + suffix, dir=path.parent
        )
    except OSError as exc:  # named by the user's file, not the hidden one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        try:
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        except FileNotFoundError:
            os.chmod(temporary, _NEW_FILE_MODE)
        yield temporary
        publish(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def publish(temporary: Path, path: Path) -> None:
    """Put the finished `temporary` file in the place of `path` in one step, durably: the
    data reaches the disk before the rename, and the rename before this returns."""
    handle = os.open(temporary, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
    os.replace(temporary, path)
    sync_folder(Path(path).parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no handle on a folder for it)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextlib.contextmanager
def writing(path: Path, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """A text file to write that replaces `path` when the block ends without an error."""
    with (
        replacing(path) as temporary,
        temporary.open("w", encoding=encoding, newline=newline) as fh,
    ):
        yield fh


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    with writing(path, encoding=encoding) as fh:
        fh.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    with replacing(path) as temporary, temporary.open("wb") as fh:
        fh.write(data)
