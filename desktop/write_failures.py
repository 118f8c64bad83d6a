"""A file the window could not write, said as a clerk can act on it: the file, why in the
interface's language (on an office PC a ledger still open in Excel is the usual cause), then
the system's own words."""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from gis.failures import failure_message


def write_failure(exc: OSError, path: Path) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("WriteFailure", text)

    locked = tr("没有写入权限，或文件正被其他程序（如 Excel）打开")
    reasons = {
        errno.EACCES: locked,
        errno.EPERM: locked,
        errno.ENOENT: tr("文件夹不存在"),
        errno.ENOSPC: tr("磁盘已满"),
        errno.EROFS: tr("磁盘只读"),
        errno.EISDIR: tr("这是一个文件夹，不是文件"),
    }
    reason = reasons.get(exc.errno or 0, tr("无法写入"))
    return f"{path}\n{reason}\n\n{failure_message(exc, path)}"
