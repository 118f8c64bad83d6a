"""File → 导入文件: read and extract a notice in a worker thread, with a progress dialog whose
Cancel stops the extraction (the pipeline asks between paragraphs and records). The file is
read once, here: the window asks for the document's date once it is read (`dateNeeded`) and
the review shows the paragraphs read (`paragraphs`)."""

from __future__ import annotations

import logging
import sys
import threading
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gis import EnvMapError

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
    """Runs in a worker thread; `cancel()` from the UI thread stops it at the next step.
    Without a date it reads the file, emits `dateNeeded` with the date the text states (or
    None) and waits for `answer_date()` or `cancel()`."""

    progressed = Signal(int, int)  # at most every EVERY_S seconds: the window is not flooded
    dateNeeded = Signal(object)  # the date the notice states near its top, or None
    finished = Signal(object, str)  # the Review (None if none), and the error ("" if cancelled)
    EVERY_S = 0.04

    def __init__(self, folder: Path, path: Path, document_date: date | None, geocoder) -> None:
        super().__init__()
        self.folder, self.path, self.document_date = folder, path, document_date
        self.geocoder = geocoder
        self._cancelled = False
        self._answered = threading.Event()  # the date given, or the import cancelled
        self._last = 0.0
        self.paragraphs: tuple[str, ...] = ()  # as read here, not in the UI: the review's text

    def cancel(self) -> None:
        self._cancelled = True
        self._answered.set()

    def answer_date(self, document_date: date) -> None:
        """The user's date for the document: the extraction goes on (from the UI thread)."""
        self.document_date = document_date
        self._answered.set()

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
        from gis.extract.pipeline import ExtractionCancelled

        switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_S)
        try:
            review = self._import()
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
            self.finished.emit(review, "")
        finally:
            sys.setswitchinterval(switch)

    def _import(self):
        """The Review, or None when the user cancels while asked for the date."""
        from gis.extract.dates import document_date_in
        from gis.extract.pipeline import read_file
        from gis.user_catalog import start_review

        source = read_file(self.path, self._step)
        if self.document_date is None:
            self.dateNeeded.emit(document_date_in(source.paragraphs))
            self._answered.wait()
        if self._cancelled or self.document_date is None:
            return None
        review = start_review(
            self.folder, self.path, self.document_date, self.geocoder, self._step, source
        )
        # The imported copy is these paragraphs joined by lines: the review reads them here.
        self.paragraphs = source.paragraphs
        return review
