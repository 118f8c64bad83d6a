"""What a user is told when something they caused fails: one line naming what and where,
with every password masked (messages, logs, the window's status bar): a URL's, one given as
a URL's query parameter, and one in a libpq connection string."""

from __future__ import annotations

import errno
import logging
import re

from gis.errors import CatalogInvalid

MASK = "***"
# scheme://user:password@ — a password may hold anything but whitespace and "@"
_URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*://[^\s/@:]*):([^\s@]*)@")
# password=… as a URL's query parameter (?password=…&) or in a libpq string (password=… host=…,
# quoted when it holds spaces); also passwd, pwd, sslpassword, PGPASSWORD
_PARAMETER = re.compile(
    r"(?i)(\b[a-z_]*(?:password|passwd|pwd)\s*=\s*)"
    r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s&'\"]+)"
)


def mask_passwords(text: str) -> str:
    """`text` with every password in it replaced by ***."""
    text = _URL_PASSWORD.sub(rf"\g<1>:{MASK}@", text)
    return _PARAMETER.sub(rf"\g<1>{MASK}", text)


_WITH_USER = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s/@:]+@")
_QUERY_PASSWORD = re.compile(r"([?&])password=([^&#\s]*)(&?)")


def split_password(url: str) -> tuple[str, str]:
    """(the URL without its password, that password; "" when none). A password given as the
    `password` query parameter of a URL with a user name is taken out too: put back after
    the user name (desktop.credentials.join_password) it means the same to libpq."""
    match = _URL_PASSWORD.match(url)
    if match is not None:
        return f"{match.group(1)}@{url[match.end() :]}", match.group(2)
    query = _QUERY_PASSWORD.search(url)
    if query is None or not _WITH_USER.match(url):
        return url, ""
    rest = query.group(1) if query.group(3) else ""  # ?password=X&a=b keeps its "?"
    return url[: query.start()] + rest + url[query.end() :], query.group(2)


# libpq's words when the server wants a password it was not given, or refused the one given
_PASSWORD_WANTED = ("no password supplied", "password authentication failed")


def asks_for_password(message: str) -> bool:
    """The store could not be opened because its server wants a (right) password."""
    return any(words in message for words in _PASSWORD_WANTED)


class MaskPasswords(logging.Filter):
    """A log filter: a record's message is masked before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_passwords(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def log_to_stderr(verbose: bool) -> None:
    """The command line's logging: warnings (everything with `verbose`), passwords masked."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, MaskPasswords) for f in handler.filters):
            handler.addFilter(MaskPasswords())


_DENIED = (
    "没有权限，或文件正被其他程序（如 Excel）打开",
    "permission denied, or the file is open in another program (such as Excel)",
)
# Why the system refused a file, by errno, in Chinese and in English: the command line says
# the English, the window its interface's language (desktop/write_failures.py).
OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "the disk is full (no space left on the device)"),
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.EROFS: ("磁盘只读", "the disk is read-only"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "is a folder, not a file"),
}


def is_database_error(exc: BaseException) -> bool:
    """An error of the database driver or SQLAlchemy (a server that is down, a lost
    connection), told without importing either."""
    return any(c.__module__.split(".")[0] in ("sqlalchemy", "psycopg") for c in type(exc).__mro__)


def failure_message(exc: BaseException, output: object = None) -> str:
    """What went wrong in one line (a catalog's faults one per line), passwords masked.
    `output` is the file being written, named when a failed write does not say its file."""
    if isinstance(exc, CatalogInvalid):
        return mask_passwords(str(exc))
    where = getattr(exc, "filename", None) or output
    if isinstance(exc, OSError) and where is not None:
        known = OS_REASONS.get(exc.errno or 0)
        reason = known[1] if known else exc.strerror or str(exc)
        text = f"{where}: {reason}"
    elif is_database_error(exc):
        cause = getattr(exc, "orig", None) or exc
        text = f"the status store's database failed: {cause}"
    else:
        text = str(exc)
    return mask_passwords(" ".join(text.split()))
