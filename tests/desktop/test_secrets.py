"""Passwords and keys: masked wherever they are shown, kept in the credential store (here a
real file-based one in a folder of its own, see conftest), never in a file the app writes; the
settings file is private to the user."""

from __future__ import annotations

import logging
import os
import socket
import stat
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop import credentials
from desktop.basemap_dialog import BasemapDialog, BasemapSettings
from desktop.main_window import MainWindow
from gis.cli import main as cli_main

STORE_PASSWORD = "Tst_StorePw_9183"
TIANDITU_KEY = "tk0a9b8c7d6e5f4test"
PROXY_PASSWORD = "Prx_Pw_5521x"
SECRETS = (STORE_PASSWORD, TIANDITU_KEY, PROXY_PASSWORD)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _files_holding_a_secret(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path}: {s}" for s in SECRETS if s.encode() in data]
    return found


def test_no_file_the_app_writes_holds_a_password_or_key(
    qtbot, map_data, tmp_path, user_folder, private_settings, caplog, capsys
):
    caplog.set_level(logging.DEBUG)
    store_url = f"postgresql+psycopg://envmap:{STORE_PASSWORD}@127.0.0.1:{_free_port()}/envmap"
    proxy_url = f"http://proxyuser:{PROXY_PASSWORD}@127.0.0.1:3128"
    # what an older version left in the settings file, moved out at the next start
    old = QSettings()
    old.setValue("basemap/tianditu_key", TIANDITU_KEY)
    old.setValue("basemap/proxy_url", proxy_url)
    old.setValue("store/url", store_url)
    old.sync()
    settings_file = credentials.make_settings_private()
    credentials.move_secrets_out_of_settings()
    assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
    assert keyring.get_password(credentials.SERVICE, credentials.TIANDITU_KEY) == TIANDITU_KEY
    # the basemap settings read them back from the store and write them there again
    loaded = BasemapSettings.load()
    assert loaded.tianditu_key == TIANDITU_KEY and loaded.proxy_url == proxy_url
    dialog = BasemapDialog(loaded, {"none": "-", "tianditu": "天地图"})
    qtbot.addWidget(dialog)
    assert PROXY_PASSWORD not in dialog.proxy_url.text() and "***" in dialog.proxy_url.text()
    assert dialog.settings() == loaded  # *** kept the password
    assert dialog.settings().save() == ""
    # the window opens the (unreachable) store with its password from the credential store
    window = MainWindow(map_data, tmp_path / "user")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "只读" in window.store_state.text(), timeout=15_000)
    shown = window.store_state.text() + window.store_state.toolTip()
    assert "127.0.0.1" in shown or "envmap" in shown
    assert STORE_PASSWORD not in shown

    def confirm_store_dialog():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QInputDialog)
        assert STORE_PASSWORD not in box.textValue() and "envmap:***@" in box.textValue()
        box.accept()

    QTimer.singleShot(0, confirm_store_dialog)
    window.recording.choose_store()  # the dialog shows the URL masked; OK keeps it
    window.close()
    # the command line with the same URL, logging on
    assert cli_main(["-v", "--catalog-only", "--store", store_url, "status", "history", "x"]) == 1
    said = capsys.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [s for s in SECRETS if s in said.out + said.err + logged]
    QSettings().sync()
    assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
    assert _files_holding_a_secret(private_settings, user_folder, tmp_path) == []
    assert BasemapSettings.load().tianditu_key == TIANDITU_KEY  # nothing was lost
    assert credentials.load_url("store/url") == store_url


def test_without_a_credential_store_a_secret_lasts_the_session_and_the_user_is_told(
    private_settings,
):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    chosen = BasemapSettings("tianditu", TIANDITU_KEY)
    note = chosen.save()
    assert "凭据存储" in note
    assert BasemapSettings.load().tianditu_key == TIANDITU_KEY  # for this session
    QSettings().sync()
    assert _files_holding_a_secret(private_settings) == []


def test_an_older_versions_key_stays_until_a_store_takes_it(private_settings):
    from keyring.backends import fail

    ring = keyring.get_keyring()
    QSettings().setValue("basemap/tianditu_key", TIANDITU_KEY)
    keyring.set_keyring(fail.Keyring())
    credentials.move_secrets_out_of_settings()
    assert BasemapSettings.load().tianditu_key == TIANDITU_KEY  # not thrown away
    keyring.set_keyring(ring)
    credentials.move_secrets_out_of_settings()
    assert QSettings().value("basemap/tianditu_key") is None
    assert BasemapSettings.load().tianditu_key == TIANDITU_KEY


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://envmap:S3cret@db.office/envmap", "envmap:***@db.office"),
        ("http://u:p%40ss@proxy:3128", "u:***@proxy"),
        ("sqlite:////home/u/status.sqlite", "sqlite:////home/u/status.sqlite"),
    ],
)
def test_urls_are_masked_and_the_mask_keeps_the_password(url, shown):
    assert shown in credentials.masked(url)
    assert credentials.unmasked(credentials.masked(url), url) == url
    bare, password = credentials.split_password(url)
    assert credentials.join_password(bare, password) == url


def test_a_password_given_as_a_query_parameter_goes_to_the_credential_store(
    credential_store, private_settings
):
    url = "postgresql+psycopg://wang@db.office:5432/envmap?password=Query_Pw_9&sslmode=require"
    assert credentials.save_url("store/url", url) == ""
    QSettings().sync()
    written = "".join(p.read_text("utf-8", "replace") for p in private_settings.rglob("*.ini"))
    assert "sslmode=require" in written and "Query_Pw_9" not in written
    assert credential_store.get_password(credentials.SERVICE, credentials.STORE_PASSWORD) == (
        "Query_Pw_9"
    )
    back = credentials.load_url("store/url")
    assert back == "postgresql+psycopg://wang:Query_Pw_9@db.office:5432/envmap?sslmode=require"
    assert "Query_Pw_9" not in credentials.masked(url)


def test_settings_folder_is_private(private_settings):
    path = credentials.make_settings_private()
    assert path.is_relative_to(private_settings)
    if os.name == "posix":
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_plain_text_keyring_file_is_not_taken_for_a_credential_store(tmp_path, private_settings):
    from keyrings.alt.file import PlaintextKeyring

    plain = PlaintextKeyring()  # what keyring picks by itself where keyrings.alt is installed
    plain.file_path = str(tmp_path / "plain" / "keyring.cfg")
    keyring.set_keyring(plain)
    note = BasemapSettings("tianditu", TIANDITU_KEY).save()
    assert "凭据存储" in note
    assert _files_holding_a_secret(tmp_path) == []


def test_without_a_credential_store_no_secret_means_no_warning(private_settings):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    assert BasemapSettings("osm").save() == ""  # switching basemaps says nothing
