"""Tile downloads on a worker thread: one QNetworkAccessManager with a size-limited disk cache.

The UI thread only ever sends lists of wanted tiles and receives decoded images, so a slow,
hanging or failing server cannot stall the map. A new list replaces the old one: tiles no
longer in view are dropped from the queue and their downloads aborted. Prefetch jobs share
the same manager and cache and use only the connections the view leaves free.
"""

from __future__ import annotations

import logging
from collections import deque
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QUrl, QUrlQuery, Signal, Slot, qVersion
from PySide6.QtGui import QImage
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkCacheMetaData,
    QNetworkDiskCache,
    QNetworkProxy,
    QNetworkProxyFactory,
    QNetworkReply,
    QNetworkRequest,
)

from gis.basemaps import redact
from gis.version import VERSION

if TYPE_CHECKING:
    from desktop.map.basemap import FetchConfig

log = logging.getLogger(__name__)

PREFETCH_CONNECTIONS = 2  # a prefetch never takes more than this, whatever the provider allows


@cache
def user_agent() -> str:
    """Tile servers ask apps to name themselves (the OSM policy requires it)."""
    return f"WuhanEnvMap/{VERSION} (desktop GIS; Qt {qVersion()})"


def network_proxy(setting: str) -> QNetworkProxy | None:
    """The proxy for a setting; None means the system's (QNetworkProxyFactory)."""
    if setting == "system":
        return None
    if setting == "none":
        return QNetworkProxy(QNetworkProxy.ProxyType.NoProxy)
    url = QUrl(setting if "://" in setting else f"http://{setting}")
    kind = (
        QNetworkProxy.ProxyType.Socks5Proxy
        if url.scheme().startswith("socks")
        else QNetworkProxy.ProxyType.HttpProxy
    )
    return QNetworkProxy(kind, url.host(), url.port(8080), url.userName(), url.password())


def keyless(url: QUrl | str) -> QUrl:
    """The URL without its `tk` (Tianditu key) parameter."""
    if isinstance(url, str):  # PySide6 lets a caller pass a string where Qt takes a QUrl
        url = QUrl(url)
    query = QUrlQuery(url)
    if not query.hasQueryItem("tk"):
        return url
    query.removeAllQueryItems("tk")
    clean = QUrl(url)
    clean.setQuery(query)
    return clean


class KeylessDiskCache(QNetworkDiskCache):
    """A disk cache that files tiles under their URL without the Tianditu key: the key is
    never written to disk here, and a new key still finds the tiles cached under the old."""

    def metaData(self, url: QUrl | str) -> QNetworkCacheMetaData:
        return super().metaData(keyless(url))

    def data(self, url: QUrl | str):
        return super().data(keyless(url))

    def remove(self, url: QUrl | str) -> bool:
        return super().remove(keyless(url))

    def prepare(self, meta: QNetworkCacheMetaData):
        meta.setUrl(keyless(meta.url()))
        return super().prepare(meta)

    def updateMetaData(self, meta: QNetworkCacheMetaData) -> None:
        meta.setUrl(keyless(meta.url()))
        super().updateMetaData(meta)


class TileFetcher(QObject):
    """Lives on its own thread; create it, move it there and call `start` through a signal."""

    loaded = Signal(object, QImage)  # tile key, image ready to paint
    failed = Signal(object, str)  # tile key, why (keys redacted)
    prefetched = Signal(int, int, int)  # done, total, failed
    prefetchFinished = Signal(bool)  # True when every tile was tried, False when cancelled

    def __init__(self, config: FetchConfig) -> None:
        super().__init__()
        self.config = config
        self.nam: QNetworkAccessManager | None = None
        self._queue: deque[tuple[object, str]] = deque()
        self._view: dict[QNetworkReply, object] = {}
        self._prefetch_queue: deque[str] = deque()
        self._prefetching: set[QNetworkReply] = set()
        self._prefetch_counts = [0, 0, 0]  # done, total, failed
        self._aborted: set[QNetworkReply] = set()  # stale or cancelled: ended without a word

    @Slot()
    def start(self) -> None:
        """Build the network objects on the worker thread, which then owns them."""
        QNetworkProxyFactory.setUseSystemConfiguration(True)
        self.nam = QNetworkAccessManager(self)
        cache = KeylessDiskCache(self.nam)
        self.config.cache_dir.mkdir(parents=True, exist_ok=True)
        cache.setCacheDirectory(str(self.config.cache_dir))
        cache.setMaximumCacheSize(self.config.cache_bytes)
        self.nam.setCache(cache)
        proxy = network_proxy(self.config.proxy)
        if proxy is not None:
            self.nam.setProxy(proxy)
        self.nam.setTransferTimeout(self.config.timeout_ms)

    @Slot(object)
    def want(self, jobs: list[tuple[object, str]]) -> None:
        """Fetch these (key, url) tiles, in this order; forget any other view tiles."""
        keys = {key for key, _ in jobs}
        stale = [reply for reply, key in self._view.items() if key not in keys]
        for reply, key in self._view.items():
            if key in keys:  # wanted again while a dropped cache read was still running
                self._aborted.discard(reply)
        busy = {key for key in self._view.values() if key in keys}
        # The new list is queued before the stale downloads are aborted: each abort frees a
        # connection, which must go to the view, not to a prefetch waiting behind it.
        self._queue = deque(job for job in jobs if job[0] not in busy)
        for reply in stale:
            self._abort(reply)
        self._pump()

    @Slot(object)
    def prefetch(self, urls: list[str]) -> None:
        self._prefetch_queue = deque(urls)
        self._prefetch_counts = [0, len(urls), 0]
        self._pump()
        if not urls:
            self.prefetchFinished.emit(True)

    @Slot()
    def cancel_prefetch(self) -> None:
        self._prefetch_queue.clear()
        for reply in list(self._prefetching):
            self._abort(reply)
        self.prefetchFinished.emit(False)

    @Slot()
    def stop(self) -> None:
        """Abort everything and end the worker thread's event loop."""
        self._queue.clear()
        self._prefetch_queue.clear()
        for reply in [*self._view, *self._prefetching]:
            self._abort(reply)
        self.deleteLater()  # with the manager and cache, once the thread has finished
        QThread.currentThread().quit()

    def _abort(self, reply: QNetworkReply) -> None:
        if reply.isFinished():  # a finished one has its finished() on the way
            return
        self._aborted.add(reply)
        if self.config.offline:
            # A cache-only reply aborted before Qt has started it still starts afterwards,
            # fails a second time ("QNetworkReplyImplPrivate::error: ... must only be called
            # once") and finishes twice. Reading the disk cache ends by itself at once: it is
            # left to end and its answer is dropped, like an aborted one.
            return
        reply.abort()  # finished() follows at once

    def _request(self, url: str) -> QNetworkReply:
        request = QNetworkRequest(QUrl(url))
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, user_agent())
        control = (
            QNetworkRequest.CacheLoadControl.AlwaysCache
            if self.config.offline
            else QNetworkRequest.CacheLoadControl.PreferCache
        )
        request.setAttribute(QNetworkRequest.Attribute.CacheLoadControlAttribute, control)
        request.setTransferTimeout(self.config.timeout_ms)
        assert self.nam is not None, "_pump asks only once start() has made it"
        return self.nam.get(request)

    def _pump(self) -> None:
        if self.nam is None:
            return
        limit = self.config.max_connections
        while self._queue and len(self._view) + len(self._prefetching) < limit:
            key, url = self._queue.popleft()
            reply = self._request(url)
            self._view[reply] = key
            reply.finished.connect(lambda r=reply: self._view_done(r))
        prefetch_limit = min(limit, PREFETCH_CONNECTIONS)
        while (
            self._prefetch_queue
            and not self._queue
            and len(self._prefetching) < prefetch_limit
            and len(self._view) + len(self._prefetching) < limit
        ):
            reply = self._request(self._prefetch_queue.popleft())
            self._prefetching.add(reply)
            reply.finished.connect(lambda r=reply: self._prefetch_done(r))

    def _problem(self, reply: QNetworkReply) -> str:
        if reply.error() != QNetworkReply.NetworkError.NoError:
            return redact(reply.errorString())
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        return "" if status in (None, 200) else f"HTTP {status}"

    def _view_done(self, reply: QNetworkReply) -> None:
        key = self._view.pop(reply, None)
        if key is None:  # a cache reply can report finished twice when aborted
            return
        reply.deleteLater()
        if reply in self._aborted:
            self._aborted.discard(reply)
            self._pump()
            return
        problem = self._problem(reply)
        image = QImage()
        if not problem and not image.loadFromData(reply.readAll()):
            problem = "not an image"
        if problem:
            log.debug("tile %s failed: %s", key, problem)
            self.failed.emit(key, problem)
        else:
            self.loaded.emit(key, image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied))
        self._pump()

    def _prefetch_done(self, reply: QNetworkReply) -> None:
        if reply not in self._prefetching:
            return
        self._prefetching.discard(reply)
        reply.deleteLater()
        if reply in self._aborted:
            self._aborted.discard(reply)
            return
        counts = self._prefetch_counts
        counts[0] += 1
        if self._problem(reply):
            counts[2] += 1
        self.prefetched.emit(*counts)
        if counts[0] == counts[1]:
            self.prefetchFinished.emit(True)
        self._pump()
