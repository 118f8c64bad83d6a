"""Basemap controls as a user meets them: the View menu switch, Settings → 底图…, the credit
in the status bar, the prefetch dialog's counts and refusals. Offline mode throughout, so the
real providers' URLs are never fetched."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtNetwork import QNetworkProxy
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.basemap_dialog import BasemapDialog, BasemapSettings, PrefetchDialog
from desktop.map import style
from desktop.map.tiles import network_proxy
from gis.basemaps import PROVIDERS


@pytest.fixture(autouse=True)
def offline_tiles(monkeypatch, tmp_path):
    """Tiles from the disk cache only (an empty one), kept under the test's folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    QSettings().setValue("basemap/offline", True)


def _district_brush(window):
    area = window.canvas._areas["hannan"]
    return area.brush().color() if area.brush().style().value else None


def test_view_menu_switches_the_basemap_and_the_status_bar_credits_it(qtbot, window, tmp_path):
    assert window.canvas.basemap is None and window.basemaps.credit.text() == ""
    window.basemaps.actions["osm"].trigger()
    assert window.canvas.basemap.provider.id == "osm"
    assert window.canvas.basemap.config.offline
    assert window.canvas.basemap.config.cache_dir.is_relative_to(tmp_path / "cache")
    assert window.basemaps.credit.text() == "© OpenStreetMap contributors"
    assert _district_brush(window) is None  # streets show through the districts
    assert QSettings().value("basemap/provider") == "osm"
    window.basemaps.actions["amap"].trigger()
    assert window.canvas.datum == "gcj02" and "高德" in window.basemaps.credit.text()
    window.basemaps.actions["none"].trigger()
    assert window.canvas.basemap is None and window.canvas.datum == "wgs84"
    assert window.basemaps.credit.text() == "" and window.canvas.basemap_credit() == ""
    assert _district_brush(window) == style.DISTRICT_FILL


def test_tianditu_asks_for_its_key_first_and_keeps_it_in_the_credential_store(qtbot, window):
    def fill_in_key():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BasemapDialog)
        assert dialog.provider.currentData() == "tianditu" and dialog.key.isEnabled()
        dialog.key.setText("  my-tianditu-key ")
        dialog.accept()

    QTimer.singleShot(0, fill_in_key)
    window.basemaps.actions["tianditu"].trigger()
    assert window.canvas.basemap.provider.id == "tianditu"
    assert window.canvas.basemap.key == "my-tianditu-key"
    assert window.basemaps.actions["tianditu"].isChecked()
    assert QSettings().value("basemap/tianditu_key") is None  # not in the settings file
    assert keyring.get_password("WuhanEnvMap", "basemap/tianditu_key") == "my-tianditu-key"


def test_cancelled_key_dialog_keeps_the_previous_basemap(qtbot, window):
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    window.basemaps.actions["tianditu_img"].trigger()
    assert window.canvas.basemap is None and window.basemaps.actions["none"].isChecked()


def test_settings_round_trip_and_build_the_fetch_configuration(qtbot):
    chosen = BasemapSettings("amap", "k", True, 64, "manual", "proxy.example.cn:3128")
    dialog = BasemapDialog(chosen, {"none": "-", "amap": "AMap"})
    qtbot.addWidget(dialog)
    assert not dialog.key.isEnabled() and dialog.proxy_url.isEnabled()
    dialog.settings().save()
    loaded = BasemapSettings.load()
    assert loaded == chosen
    config = loaded.fetch_config()
    assert config.offline and config.cache_bytes == 64 * 2**20
    assert config.cache_dir.name == "tiles" and config.proxy == "proxy.example.cn:3128"
    proxy = network_proxy(config.proxy)
    assert proxy.type() == QNetworkProxy.ProxyType.HttpProxy
    assert (proxy.hostName(), proxy.port()) == ("proxy.example.cn", 3128)
    socks = network_proxy("socks5://10.0.0.1:1080")
    assert socks.type() == QNetworkProxy.ProxyType.Socks5Proxy and socks.port() == 1080
    assert network_proxy("system") is None
    assert network_proxy("none").type() == QNetworkProxy.ProxyType.NoProxy


def test_prefetch_dialog_shows_counts_and_refuses_what_the_terms_forbid(qtbot):
    osm = PrefetchDialog(PROVIDERS["osm"], 200 * 2**20)
    qtbot.addWidget(osm)
    ok = osm.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "不能预取" in osm.summary.text()
    tianditu = PrefetchDialog(PROVIDERS["tianditu"], 200 * 2**20)
    qtbot.addWidget(tianditu)
    ok = tianditu.buttons.button(QDialogButtonBox.StandardButton.Ok)
    plan = tianditu.plan()
    assert ok.isEnabled() and f"{len(plan.tiles):,} ({plan.requests:,})" in tianditu.summary.text()
    tianditu.zoom_to.setValue(16)
    assert not ok.isEnabled() and "2,000" in tianditu.summary.text()


def test_prefetch_needs_a_basemap_and_a_network(qtbot, window):
    seen: list[str] = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.basemaps.prefetch()
    window.basemaps.actions["osm"].trigger()
    QTimer.singleShot(0, read_and_close)
    window.basemaps.prefetch()
    assert "选择底图" in seen[0] and "离线" in seen[1]


def test_the_last_basemap_comes_back_after_the_first_frame(qtbot, map_data):
    from desktop.main_window import MainWindow

    QSettings().setValue("basemap/provider", "osm")
    window = MainWindow(map_data)
    qtbot.addWidget(window)
    assert window.canvas.basemap is None  # nothing before the map has painted
    window.show()
    qtbot.waitUntil(lambda: window.canvas.basemap is not None)
    assert window.basemaps.actions["osm"].isChecked()
    window.close()
    assert window.canvas.basemap is None


def test_tiles_that_cannot_be_had_are_explained_in_the_status_bar(qtbot, window):
    """Offline with an empty cache every tile fails: one note says so (not one per tile)."""
    window.basemaps.actions["osm"].trigger()
    qtbot.waitUntil(lambda: "部分底图瓦片无法加载" in window.statusBar().currentMessage())
