"""The white halos around map text, built once per machine rather than once per start.

A halo is the union of the stroked outlines of a text's glyphs (QPainterPath.simplified):
about 5 ms a name, so the 13 district names cost a start's first map paint 65 ms of CPU,
more than building the rest of the canvas. A halo depends only on the text's outline, the
stroke and Qt, so it is kept in the user's cache folder under a digest of exactly those
and read back at the next start. The file is plain QDataStream data behind a checksum: a
damaged or foreign file is ignored and rewritten, and reading it runs no code.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt, QTimer, qVersion
from PySide6.QtGui import QPainterPath, QPainterPathStroker

from desktop.cache_folder import cache_dir
from gis.atomic import write_bytes

log = logging.getLogger(__name__)

HALO_PX = 3.5  # the halo's width: 1.75 px around every glyph
FILE_NAME = "text-halos.cache"
MAGIC = b"ENVMAP-HALOS-1\n"
_DIGEST = 32  # bytes of the payload's SHA-256 after the magic
_STREAM = QDataStream.Version.Qt_6_0


def build_halo(text: QPainterPath) -> QPainterPath:
    """The halo of a text outline: its glyphs stroked with round joins, united into one
    outline without overlaps (so it fills once, whatever the fill rule)."""
    stroker = QPainterPathStroker()
    stroker.setWidth(HALO_PX)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(text).simplified()


def _key(text: QPainterPath) -> bytes:
    """What a halo is a function of: the outline's exact elements, the stroke and Qt."""
    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    stream.setVersion(_STREAM)
    stream << text
    stroke = f"{HALO_PX}|round|{qVersion()}".encode()
    return hashlib.sha256(bytes(data.data()) + stroke).digest()


class HaloStore:
    """Halos by key, read from `folder` at first use and written back (once per batch of
    new halos, after the paint that built them) when there are new ones. Without a folder
    they are kept for this process only."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._halos: dict[bytes, QPainterPath] | None = None  # read at first use
        self._unsaved = False

    @property
    def path(self) -> Path | None:
        return self.folder / FILE_NAME if self.folder is not None else None

    def halo(self, text: QPainterPath) -> QPainterPath:
        halos = self._loaded()
        key = _key(text)
        found = halos.get(key)
        if found is None:
            found = halos[key] = build_halo(text)
            if self.path is not None and not self._unsaved:
                self._unsaved = True
                QTimer.singleShot(0, self.save)  # after the paint: one write for all
        return found

    def save(self) -> None:
        """Write every halo known (a failure is only logged: halos can always be built)."""
        self._unsaved = False
        path = self.path
        if path is None or self._halos is None:
            return
        payload = QByteArray()
        stream = QDataStream(payload, QIODevice.OpenModeFlag.WriteOnly)
        stream.setVersion(_STREAM)
        for key, halo in self._halos.items():
            stream << QByteArray(key) << halo
        body = bytes(payload.data())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(path, MAGIC + hashlib.sha256(body).digest() + body)
        except OSError as exc:
            log.warning("could not write text halos %s: %s", path, exc)

    def _loaded(self) -> dict[bytes, QPainterPath]:
        if self._halos is None:
            self._halos = _read(self.path) if self.path is not None else {}
        return self._halos


def _read(path: Path) -> dict[bytes, QPainterPath]:
    """The halos in `path`; none when there is no file or it is damaged (logged)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("ignoring unreadable text halos %s: %s", path, exc)
        return {}
    body = data[len(MAGIC) + _DIGEST :]
    digest = data[len(MAGIC) : len(MAGIC) + _DIGEST]
    if not data.startswith(MAGIC) or hashlib.sha256(body).digest() != digest:
        log.warning("ignoring damaged text halos %s", path)
        return {}
    buffer = QByteArray(body)  # kept: the stream does not hold on to it
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    stream.setVersion(_STREAM)
    halos: dict[bytes, QPainterPath] = {}
    while not stream.atEnd() and stream.status() == QDataStream.Status.Ok:
        key, halo = QByteArray(), QPainterPath()
        stream >> key >> halo
        halos[bytes(key.data())] = halo
    if stream.status() != QDataStream.Status.Ok:
        log.warning("ignoring damaged text halos %s", path)
        return {}
    return halos


_store: HaloStore | None = None


def halo_store() -> HaloStore:
    """The process's halos, kept in the user's cache folder (as the map data's cache)."""
    global _store
    if _store is None:
        _store = HaloStore(cache_dir())
    return _store


def keep_halos_in(folder: Path | None) -> None:
    """Keep halos in `folder` from now on (None: in memory only), e.g. a test's own folder."""
    global _store
    _store = HaloStore(folder)
