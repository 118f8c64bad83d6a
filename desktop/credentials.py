"""Passwords and keys in the operating system's credential store (Windows Credential Manager,
the Secret Service of a Linux desktop, macOS Keychain) through `keyring`, never in the
settings file; and the settings file itself private to the user.

Three secrets: the Tianditu key, the password in the proxy's URL and the password in the
status store's URL. The settings keep each URL without its password. A PC with no credential
store (a bare Linux session without D-Bus) keeps a newly entered secret for this session
only, and says so; a secret already in the settings file from an older version stays there
(it is not thrown away) and is moved the first time a credential store is there.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from gis.failures import MASK, split_password

log = logging.getLogger(__name__)

SERVICE = "WuhanEnvMap"
TIANDITU_KEY = "basemap/tianditu_key"
PROXY_PASSWORD = "basemap/proxy_password"
STORE_PASSWORD = "store/password"
# which settings value each password belongs to: (settings key, secret name)
_URL_SECRETS = (("basemap/proxy_url", PROXY_PASSWORD), ("store/url", STORE_PASSWORD))

_session: dict[str, str] = {}  # secrets entered while no credential store could take them


class NoCredentialStore(Exception):
    """The PC has no usable credential store (or it refused)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("Credentials", text)


def join_password(url: str, password: str) -> str:
    """`url` (given without a password) with `password` put back after the user name."""
    if not password or "@" not in url or "://" not in url:
        return url
    head, _, rest = url.partition("@")
    return f"{head}:{password}@{rest}"


def masked(url: str) -> str:
    """The URL as shown in a dialog: its password, if any, as ***."""
    bare, password = split_password(url)
    return join_password(bare, MASK) if password else url


def unmasked(entered: str, current: str) -> str:
    """What the user confirmed in a dialog that showed `masked(current)`: *** keeps the
    current password, anything else is taken as typed."""
    bare, password = split_password(entered)
    if password == MASK:
        return join_password(bare, split_password(current)[1])
    return entered


def _keyring_call(what: str, *args: str) -> str | None:
    try:
        import keyring

        ring = keyring.get_keyring()
        # keyring's own scale: below 1 is a plain file (keyrings.alt) or none at all
        if getattr(ring, "priority", 0) < 1:
            raise NoCredentialStore(f"{ring} is not a credential store of the system")
        result: str | None = getattr(ring, what)(SERVICE, *args)
    except NoCredentialStore:
        raise
    except Exception as exc:  # no backend, D-Bus absent, the store locked or refused
        if what == "delete_password" and type(exc).__name__ == "PasswordDeleteError":
            return None
        raise NoCredentialStore(str(exc)) from exc
    return result


def read_secret(name: str) -> str:
    """The secret `name`: entered this session, else from the credential store; "" when
    there is none."""
    if name in _session:
        return _session[name]
    try:
        found = _keyring_call("get_password", name)
    except NoCredentialStore:
        found = None
    return found or ""


def write_secret(name: str, value: str) -> str:
    """Keep `value` in the credential store ("" forgets it). Returns "" when done, else
    what the user should know: no store, so it is kept until the app closes."""
    try:
        if value:
            _keyring_call("set_password", name, value)
        else:
            _keyring_call("delete_password", name)
    except NoCredentialStore as exc:
        _session[name] = value
        if not value:
            return ""  # nothing to keep
        log.warning("no credential store for %s: %s", name, exc)
        return _tr("此电脑没有可用的凭据存储：密码和密钥只保留到程序关闭。")
    _session.pop(name, None)
    return ""


def save_url(settings_key: str, url: str) -> str:
    """Keep a URL in the settings without its password, the password in the credential
    store; returns what write_secret says."""
    settings = QSettings()
    bare, password = split_password(url)
    note = write_secret(dict(_URL_SECRETS)[settings_key], password)
    older = str(settings.value(settings_key, "") or "")
    # an older version's URL with its password stays until a credential store takes it, unless
    # the user chose another address
    if not note or not split_password(older)[1] or split_password(older)[0] != bare:
        settings.setValue(settings_key, bare)
    return note


def load_url(settings_key: str) -> str:
    """A URL from the settings with its password from the credential store put back."""
    bare = str(QSettings().value(settings_key, "") or "")
    if split_password(bare)[1] or "://" not in bare or "@" not in bare:
        return bare  # an older version's URL not moved yet, or one with no user name
    return join_password(bare, read_secret(dict(_URL_SECRETS)[settings_key]))


def move_secrets_out_of_settings() -> None:
    """Move every secret an older version wrote into the settings file to the credential
    store; where there is none they stay (nothing is lost) and a warning says so."""
    settings = QSettings()
    key = str(settings.value(TIANDITU_KEY, "") or "")
    if key and not _moved(TIANDITU_KEY, key):
        return
    if key:
        settings.remove(TIANDITU_KEY)
    for settings_key, secret in _URL_SECRETS:
        bare, password = split_password(str(settings.value(settings_key, "") or ""))
        if password and _moved(secret, password):
            settings.setValue(settings_key, bare)
    settings.sync()


def _moved(name: str, value: str) -> bool:
    try:
        _keyring_call("set_password", name, value)
    except NoCredentialStore as exc:
        log.warning("secrets stay in the settings file until a credential store is there: %s", exc)
        return False
    return True


def make_settings_private() -> Path:
    """The settings file readable by its user only (0600, and the app's own folder 0700)
    on POSIX; Qt replaces the file keeping its mode. Returns the file."""
    settings = QSettings()
    settings.sync()
    path = Path(settings.fileName())
    if os.name != "posix" or not path.is_absolute():
        return path
    previous = os.umask(0o077)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    finally:
        os.umask(previous)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    if path.parent.name == QCoreApplication.organizationName():  # the app's own folder
        path.parent.chmod(stat.S_IRWXU)
    return path
