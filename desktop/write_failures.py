"""A file the window could not write, said as a clerk can act on it: the file, why in the
interface's language (on an office PC a ledger still open in Excel is the usual cause), then
the system's own words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.i18n import saved_language
from gis.failures import OS_REASONS, failure_message


def write_failure(exc: OSError, path: Path) -> str:
    known = OS_REASONS.get(exc.errno or 0)
    if known is None:
        reason = QCoreApplication.translate("WriteFailure", "无法写入")
    else:
        reason = known[1] if saved_language() == "en" else known[0]
    return f"{path}\n{reason}\n\n{failure_message(exc, path)}"
