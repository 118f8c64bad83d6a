"""File → 导入文件: read and extract a notice in a worker thread, with a progress dialog whose
Cancel stops the extraction (the pipeline asks between paragraphs and records)."""

from __future__ import annotations

import logging
import sys
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gis import EnvMapError
from gis.user_folder import UserFolder

log = logging.getLogger(__name__)

# What the file dialog offers: every format gis.extract.text.read_source reads.
# Upper case too: the file dialog matches case-sensitively where the file system does.
FILE_PATTERNS = " ".join(
    f"*{suffix} *{suffix.upper()}" for suffix in (".txt", ".docx", ".pdf", ".html", ".htm")
)
# While the worker runs, the interpreter changes hands every 0.5 ms rather than 5: the UI
# thread enters Python for every item it paints and would otherwise wait 5 ms each time.
SWITCH_S = 0.0005


class ImportJob(QObject):
    """Runs in a worker thread; `cancel()` from the UI thread stops it at the next step."""

    progressed = Signal(int, int)  # at most every EVERY_S seconds: the window is not flooded
    finished = Signal(object, str)  # the Review (None if none), and the error ("" if cancelled)
    EVERY_S = 0.04

    def __init__(self, folder: Path, path: Path, document_date: date, geocoder) -> None:
        super().__init__()
        self.folder, self.path, self.document_date = folder, path, document_date
        self.geocoder = geocoder
        self._cancelled = False
        self._last = 0.0
        self.paragraphs: tuple[str, ...] = ()  # the imported copy's, read here, not in the UI

    def cancel(self) -> None:
        self._cancelled = True

    def _step(self, done: int, total: int) -> bool:
        if self._cancelled:
            return False
        # Hand the interpreter to the UI thread at every step: Qt calls into Python for each
        # painted item, and each call would otherwise wait out a switch interval (5 ms).
        time.sleep(0)
        now = time.monotonic()
        if now - self._last >= self.EVERY_S or done >= total:
            self._last = now
            self.progressed.emit(done, total)
        return True

    def run(self) -> None:
        from gis.documents import split_paragraphs
        from gis.extract.pipeline import ExtractionCancelled
        from gis.user_catalog import start_review

        switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_S)
        try:
            review = start_review(
                self.folder, self.path, self.document_date, self.geocoder, self._step
            )
        except ExtractionCancelled:
            self.finished.emit(None, "")
        except (EnvMapError, OSError) as exc:
            message = str(exc)
            self.finished.emit(
                None, message if str(self.path) in message else f"{self.path}: {exc}"
            )
        except Exception as exc:  # a bug must still end the dialog and reach the user
            log.exception("import failed")
            self.finished.emit(None, f"{self.path}: {type(exc).__name__}: {exc}")
        else:
            copy = UserFolder(self.folder).document(review.document)
            self.paragraphs = split_paragraphs(copy.read_text(encoding="utf-8"))
            self.finished.emit(review, "")
        finally:
            sys.setswitchinterval(switch)
