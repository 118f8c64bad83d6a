"""File → 导入文件 in the window: the document is read in a worker thread with progress and
cancel, the user gives its date (offered as the text states it), then it is extracted there
and its review opens beside the map."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog

from desktop.file_dialogs import open_file_name
from desktop.html_export import start_job
from desktop.import_job import FILE_PATTERNS, ImportJob
from gis.user_folder import UserFolder

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.review import ReviewDialog


class WindowImports(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: ImportJob | None = None
        self.review_dialog: ReviewDialog | None = None

    def choose_document(self) -> None:
        name = open_file_name(
            self.window,
            self.tr("导入文件"),
            self.tr("文件（Word、PDF、网页、文本）")
            + f" ({FILE_PATTERNS});;"
            + self.tr("所有文件 (*)"),
        )
        if name:
            self.import_document(Path(name))

    def import_document(self, path: Path, document_date: date | None = None) -> ImportJob | None:
        """Read a new document in a worker thread, then open its review (the window's
        `importFinished` carries the dialog, or None); without `document_date` the user is
        asked for it once the file is read, never before (a large file would freeze the
        window) and never for a file that cannot be read."""
        window = self.window
        if window.user_folder is None:
            QMessageBox.warning(window, self.tr("无法导入"), self.tr("没有用户数据文件夹"))
            return None
        if self.job is not None:
            QMessageBox.information(window, self.tr("无法导入"), self.tr("正在导入另一份文件"))
            return None
        from gis.geocode import GazetteerGeocoder  # the gazetteer and YAML: with an import

        self.job = ImportJob(
            window.user_folder, path, document_date, GazetteerGeocoder(window.catalog)
        )
        self.progress = QProgressDialog(
            self.tr("正在读取文件…") + f"\n{path.name}", self.tr("取消"), 0, 0, window
        )
        # Not modal: a modal QProgressDialog runs the event loop inside setValue, which stalls
        # the window; the map stays usable and a second import is refused while this one runs.
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(300)
        # Direct: the job's own thread is busy running it and would never see a queued call.
        self.progress.canceled.connect(self.job.cancel, Qt.ConnectionType.DirectConnection)
        self.job.progressed.connect(self._progressed)
        self.job.dateNeeded.connect(self._date_needed)
        self.job.finished.connect(self._finished)
        self.job_thread = start_job(self.job, window)
        return self.job

    def cancel(self) -> None:
        """An import under way stops at its next step (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job_thread.wait()

    def _progressed(self, done: int, total: int) -> None:
        if self.progress.wasCanceled():
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _finished(self, review, message: str) -> None:
        self.job_thread.wait()
        self.progress.reset()
        assert self.job is not None  # the job that has just finished
        path, paragraphs = self.job.path, self.job.paragraphs
        self.job = None
        dialog = None
        if review is not None:
            dialog = self.open_review(review, paragraphs)
        elif message:
            QMessageBox.warning(self.window, self.tr("无法导入"), message)
        else:
            self.window.statusBar().showMessage(self.tr("已取消导入：") + path.name, 5000)
        self.window.importFinished.emit(dialog)

    def _date_needed(self, stated: date | None) -> None:
        """The job has read the file and waits for its date (the progress hides meanwhile)."""
        job = self.job
        assert job is not None  # the job that asks
        self.progress.reset()
        document_date = self._ask_date(job.path, stated)
        if document_date is None:
            job.cancel()
        else:
            job.answer_date(document_date)

    def _ask_date(self, path: Path, stated: date | None) -> date | None:
        """The document's date, offered as the notice states it, else asked with nothing
        filled in (today, offered for an old notice, would date its 今年底 this year); a
        mistyped one is explained and asked again, kept to be corrected; None when the user
        cancels."""
        text = stated.isoformat() if stated else ""
        where = (
            self.tr("（文件中写明的日期）") if stated else self.tr("（文件中未写明日期，请填写）")
        )
        while True:
            text, ok = QInputDialog.getText(
                self.window,
                self.tr("文件日期"),
                self.tr("这份文件的日期（YYYY-MM-DD），用于“今年”“去年”等：")
                + f"{where}\n{path.name}",
                text=text,
            )
            if not ok:
                return None
            try:
                return date.fromisoformat(text.strip())
            except ValueError:
                QMessageBox.warning(
                    self.window,
                    self.tr("日期无效"),
                    self.tr("不是有效的日期：")
                    + f"{text}\n"
                    + self.tr("请按 YYYY-MM-DD 填写，如 2024-05-20。"),
                )

    def resume(self, ident: str) -> ReviewDialog | None:
        """File → 继续审核: the review as last saved, or None when its file or its document's
        copy cannot be read; then a message names the file, which is kept (a damaged review
        is moved aside beside it by `resume_review`, never deleted)."""
        from gis.errors import EnvMapError
        from gis.user_catalog import resume_review

        window = self.window
        assert window.user_folder is not None  # the menu lists a user folder's reviews only
        path = UserFolder(window.user_folder).review(ident)
        try:
            return self.open_review(resume_review(window.user_folder, ident))
        except (EnvMapError, OSError, UnicodeDecodeError) as exc:
            lines = [self.tr("无法继续审核：") + str(path), str(exc)]
            kept = sorted(path.parent.glob(f"{path.name}.damaged-*"), key=_modified)
            if kept and not path.exists():
                lines.append(self.tr("原文件已保留为：") + str(kept[-1]))
            QMessageBox.warning(window, self.tr("无法继续审核"), "\n".join(lines))
            return None

    def open_review(self, review, paragraphs: tuple[str, ...] = ()) -> ReviewDialog:
        """The review beside the map; it shows what each candidate updates in the current
        state, and a pick on the map places the candidate it was asked for."""
        window = self.window
        if not paragraphs:  # a review resumed: its document is the imported UTF-8 copy
            from gis.documents import split_paragraphs

            # A review exists only in a user folder: File → 继续审核 lists the folder's.
            assert window.user_folder is not None
            copy = UserFolder(window.user_folder).document(review.document)
            paragraphs = split_paragraphs(copy.read_text(encoding="utf-8"))
        from desktop.review import ReviewDialog

        dialog = ReviewDialog(review, paragraphs, window, window.app_state.current)
        dialog.pickRequested.connect(
            lambda: window.canvas.pick_location(dialog.location_setter(dialog.index))
        )
        dialog.reviewFinished.connect(self._review_finished)
        dialog.show()
        self.review_dialog = dialog
        return dialog

    def _review_finished(self, accepted: int) -> None:
        self.window.statusBar().showMessage(self.tr("已加入用户目录的点位：") + str(accepted), 8000)
        self.window.tracking.share()  # to the office's shared store, when there is one
        self.window.userDataChanged.emit()


def _modified(path: Path) -> float:
    return path.stat().st_mtime
