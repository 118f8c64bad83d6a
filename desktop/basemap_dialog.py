"""Settings → 底图…: which tiles, the Tianditu key, offline mode, cache size and proxy; and
the dialog that plans a prefetch of Wuhan before any tile is asked for.

The key and the proxy's password live in the credential store (desktop/credentials.py), the
rest in QSettings; the key is never logged (URLs are redacted) and the HTML export asks for
its own.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.cache_folder import cache_dir
from desktop.credentials import (
    TIANDITU_KEY,
    load_url,
    masked,
    read_secret,
    save_url,
    unmasked,
    write_secret,
)
from desktop.dialogs import add_ok_cancel
from desktop.map.basemap import FetchConfig
from gis.basemaps import PROVIDERS, PrefetchPlan, Provider, plan_prefetch

PROXY_MODES = ("system", "none", "manual")
_T = TypeVar("_T")


def _setting(s: QSettings, key: str, default: _T) -> _T:
    """The setting as the type of `default`. QSettings.value(..., type=t) returns a t (its
    stub says object), so the isinstance check only tells mypy so."""
    value = s.value(key, default, type=type(default))
    return value if isinstance(value, type(default)) else default


@dataclass
class BasemapSettings:
    provider: str = "none"
    tianditu_key: str = ""
    offline: bool = False
    cache_mb: int = 200
    proxy: str = "system"  # a PROXY_MODES entry
    proxy_url: str = ""  # for "manual": host:port or http://host:port or socks5://host:port

    @classmethod
    def load(cls) -> BasemapSettings:
        s = QSettings()
        provider = str(s.value("basemap/provider", "none"))
        proxy = str(s.value("basemap/proxy", "system"))
        return cls(
            provider=provider if provider in PROVIDERS else "none",
            # an older version's key stays in the settings until a credential store takes it
            tianditu_key=read_secret(TIANDITU_KEY) or str(s.value(TIANDITU_KEY, "")),
            offline=_setting(s, "basemap/offline", False),
            cache_mb=max(10, _setting(s, "basemap/cache_mb", 200)),
            proxy=proxy if proxy in PROXY_MODES else "system",
            proxy_url=load_url("basemap/proxy_url"),
        )

    def save(self) -> str:
        """Store the settings, the secrets in the credential store; returns "" or what the
        user should know about where the secrets are kept."""
        s = QSettings()
        secrets = ("tianditu_key", "proxy_url")
        for name, value in vars(self).items():
            if name not in secrets:
                s.setValue(f"basemap/{name}", value)
        key_note = write_secret(TIANDITU_KEY, self.tianditu_key)
        if not key_note:
            s.remove(TIANDITU_KEY)  # an older version's copy
        notes = {key_note, save_url("basemap/proxy_url", self.proxy_url)}
        return " ".join(sorted(note for note in notes if note))

    def chosen(self) -> Provider | None:
        return PROVIDERS.get(self.provider)

    def key_for(self, provider: Provider) -> str:
        return self.tianditu_key if provider.needs_key else ""

    def fetch_config(self) -> FetchConfig:
        proxy = self.proxy_url.strip() if self.proxy == "manual" else self.proxy
        return FetchConfig(
            cache_dir=(cache_dir() or Path(tempfile.gettempdir())) / "tiles",
            cache_bytes=self.cache_mb * 2**20,
            offline=self.offline,
            proxy=proxy or "system",
        )


class BasemapDialog(QDialog):
    def __init__(self, settings: BasemapSettings, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("底图"))
        self.setMinimumWidth(440)  # key and proxy fields show their hints whole
        form = QFormLayout(self)
        self.provider = QComboBox()
        for value, name in names.items():
            self.provider.addItem(name, value)
        self.provider.setCurrentIndex(max(0, self.provider.findData(settings.provider)))
        form.addRow(self.tr("底图"), self.provider)
        self.key = QLineEdit(settings.tianditu_key)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("在天地图网站申请的密钥"))
        form.addRow(self.tr("天地图密钥 tk"), self.key)
        self.offline = QCheckBox(self.tr("离线模式（只用已缓存的瓦片）"))
        self.offline.setChecked(settings.offline)
        form.addRow(self.offline)
        self.cache_mb = QSpinBox()
        self.cache_mb.setRange(10, 20_000)
        self.cache_mb.setSuffix(" MB")
        self.cache_mb.setValue(settings.cache_mb)
        form.addRow(self.tr("瓦片缓存上限"), self.cache_mb)
        self.proxy = QComboBox()
        for value, label in zip(
            PROXY_MODES,
            (self.tr("系统代理"), self.tr("不用代理"), self.tr("手动代理")),
            strict=True,
        ):
            self.proxy.addItem(label, value)
        self.proxy.setCurrentIndex(self.proxy.findData(settings.proxy))
        form.addRow(self.tr("代理"), self.proxy)
        self._proxy_url = settings.proxy_url
        self.proxy_url = QLineEdit(masked(settings.proxy_url))
        self.proxy_url.setPlaceholderText("proxy.example.cn:8080")
        form.addRow(self.tr("代理地址"), self.proxy_url)
        add_ok_cancel(self, form)
        self.provider.currentIndexChanged.connect(self._enable)
        self.proxy.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        chosen = PROVIDERS.get(self.provider.currentData())
        self.key.setEnabled(bool(chosen and chosen.needs_key))
        self.proxy_url.setEnabled(self.proxy.currentData() == "manual")

    def settings(self) -> BasemapSettings:
        return BasemapSettings(
            provider=self.provider.currentData(),
            tianditu_key=self.key.text().strip(),
            offline=self.offline.isChecked(),
            cache_mb=self.cache_mb.value(),
            proxy=self.proxy.currentData(),
            proxy_url=unmasked(self.proxy_url.text().strip(), self._proxy_url),
        )


class PrefetchDialog(QDialog):
    """Choose zooms N–M; shows the tile count and size first and refuses what the provider's
    terms or the cache would not take."""

    def __init__(self, provider: Provider, cache_bytes: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.provider, self.cache_bytes = provider, cache_bytes
        self.setWindowTitle(self.tr("预取武汉瓦片"))
        form = QFormLayout(self)
        form.addRow(QLabel(provider.label))
        self.zoom_from, self.zoom_to = QSpinBox(), QSpinBox()
        for box, value in ((self.zoom_from, 10), (self.zoom_to, 12)):
            box.setRange(0, provider.max_zoom)
            box.setValue(value)
            box.valueChanged.connect(self._update)
        form.addRow(self.tr("从缩放级别"), self.zoom_from)
        form.addRow(self.tr("到缩放级别"), self.zoom_to)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        self.buttons = add_ok_cancel(self, form)
        self._update()

    def plan(self) -> PrefetchPlan:
        return plan_prefetch(
            self.provider,
            self.zoom_from.value(),
            self.zoom_to.value(),
            cache_bytes=self.cache_bytes,
        )

    def _update(self) -> None:
        plan = self.plan()
        text = self.tr("瓦片：") + f"{len(plan.tiles):,} ({plan.requests:,}) · "
        text += self.tr("约") + f" {plan.estimated_bytes / 2**20:,.1f} MB"
        if not plan.allowed:
            text += "\n" + self.tr("不能预取：") + plan.reason
        self.summary.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(plan.allowed)
