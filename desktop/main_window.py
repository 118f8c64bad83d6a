"""The main window: the map in the centre, site details in a dock, position and scale below."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from desktop.basemap_controls import BasemapControls
from desktop.html_export import HtmlExportDialog, HtmlExportJob, start_job
from desktop.i18n import LANGUAGES, saved_language
from desktop.import_job import FILE_PATTERNS, ImportJob
from desktop.map.canvas import MapCanvas
from desktop.panels.details import DetailsPanel
from desktop.panels.document import DocumentViewer
from desktop.panels.layers import LayersPanel
from desktop.panels.measures import MeasuresPanel
from desktop.panels.search import SearchDialog
from desktop.review import ReviewDialog
from desktop.status import StatusDialog, Tracking
from gis import MapData
from gis.boundaries import DISTRICT_NAMES_EN, attribution
from gis.filters import SiteFilter
from gis.geocode import GazetteerGeocoder
from gis.state import CurrentState, documents_state, state_from_store
from gis.user_catalog import resume_review, unfinished_reviews


class MainWindow(QMainWindow):
    languageChosen = Signal(str)
    userDataChanged = Signal()
    mapShown = Signal()  # the map's first frame is painted
    importFinished = Signal(object)  # the review dialog of an import, or None

    def __init__(self, map_data: MapData, user_folder: Path | None = None) -> None:
        super().__init__()
        self.user_folder = user_folder
        self.review_dialog: ReviewDialog | None = None
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("武汉环保行动地图"))
        self.map_data = map_data
        self.canvas = MapCanvas(map_data, self)
        self.setCentralWidget(self.canvas)
        self.catalog = catalog = map_data.catalog
        self.state: CurrentState | None = None  # the catalog after the store's events
        self.site_filter = SiteFilter()
        self.html_job: HtmlExportJob | None = None
        self.import_job: ImportJob | None = None
        self.details = DetailsPanel(catalog, self.canvas.districts, self)
        self.document_viewer = DocumentViewer(catalog, self)
        self.details_dock = self._dock("details-dock", self.tr("点位详情"), self.details)
        self.document_dock = self._dock("document-dock", self.tr("原文"), self.document_viewer)
        self.tabifyDockWidget(self.details_dock, self.document_dock)
        self.details_dock.raise_()
        self.layers = LayersPanel(catalog, list(DISTRICT_NAMES_EN), self)
        self.layers_dock = self._dock(
            "layers-dock",
            self.tr("图层与图例"),
            self.layers,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.layers.layerToggled.connect(self.canvas.set_layer_visible)
        self.layers.filterChanged.connect(self.apply_filter)
        self.measures = MeasuresPanel(catalog, self)
        self.measures_dock = self._dock(
            "measures-dock",
            self.tr("措施表"),
            self.measures,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.measures.siteChosen.connect(self.go_to_site)
        self.measures.export_csv.clicked.connect(lambda: self._export_rows("csv"))
        self.measures.export_xlsx.clicked.connect(lambda: self._export_rows("xlsx"))
        self.search_dialog = SearchDialog(catalog, self)
        self.search_dialog.siteChosen.connect(self.go_to_site)
        self.details.quoteActivated.connect(self.open_quote)
        self.basemaps = BasemapControls(self, self.canvas)
        self._build_menus()
        self.position = QLabel()
        self.scale_label = QLabel()
        self.statusBar().addWidget(self.position)
        self.statusBar().addWidget(self.scale_label)
        self.statusBar().addPermanentWidget(self.basemaps.credit)
        self.statusBar().addPermanentWidget(QLabel(attribution()))
        self.canvas.siteClicked.connect(self.details.show_site)
        self.store_state = QLabel()
        self.statusBar().addPermanentWidget(self.store_state)
        self.tracking = Tracking(catalog, user_folder, self)
        self.tracking.changed.connect(self._tracking_changed)
        self.tracking.availability.connect(self._store_availability)
        self.details.statusRequested.connect(self.change_status)
        self.details.moveRequested.connect(self.correct_location)
        # The store opens once the map has painted: SQLAlchemy and the database come after.
        self.canvas.viewport().installEventFilter(self)
        self.canvas.cursorMoved.connect(self._show_position)
        self.resize(1280, 800)
        self._restore_layout()

    def _dock(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def current(self) -> CurrentState:
        """What every view shows: the store's state once open, the documents' until then."""
        if self.state is None:
            self.state = documents_state(self.catalog, self.user_folder)
        return self.state

    def apply_filter(self, site_filter: SiteFilter) -> None:
        """Show the sites the filter keeps, by their current (tracked) status."""
        self.site_filter = site_filter
        everything = site_filter == SiteFilter()
        catalog = self.current().catalog
        visible = None if everything else site_filter.visible(catalog, self.canvas.districts)
        self.canvas.set_visible_sites(visible)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件"))
        export_image = file_menu.addAction(self.tr("导出地图图片…"))
        export_image.triggered.connect(self.export_image)
        file_menu.addAction(self.tr("打印版面…"), QKeySequence.StandardKey.Print, self.print_layout)
        export_html = file_menu.addAction(self.tr("导出HTML地图…"))
        export_html.triggered.connect(self.export_html)
        file_menu.addAction(self.tr("导出整改台账（当前状态）…"), self.export_ledger)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("导入文件…"), QKeySequence("Ctrl+I"), self.choose_document)
        for ident in unfinished_reviews(self.user_folder) if self.user_folder else []:
            file_menu.addAction(
                self.tr("继续审核：") + ident,
                lambda i=ident: self._open_review(resume_review(self.user_folder, i)),
            )
        file_menu.addSeparator()
        file_menu.addAction(self.tr("退出"), QKeySequence.StandardKey.Quit, self.close)
        view = self.menuBar().addMenu(self.tr("视图"))
        actions = [
            (self.tr("搜索…"), QKeySequence.StandardKey.Find, self.open_search),
            (self.tr("全市"), QKeySequence("Ctrl+0"), self.canvas.fit_to_wuhan),
            (self.tr("缩放至所选"), QKeySequence("Ctrl+J"), self.zoom_to_selection),
        ]
        for text, shortcut, slot in actions:
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.details_dock.toggleViewAction())
        view.addAction(self.document_dock.toggleViewAction())
        view.addAction(self.layers_dock.toggleViewAction())
        view.addAction(self.measures_dock.toggleViewAction())
        view.addSeparator()
        self.basemaps.add_to_view_menu(view)
        settings = self.menuBar().addMenu(self.tr("设置"))
        settings.addAction(self.tr("状态库…"), self.choose_store)
        self.basemaps.add_to_settings_menu(settings)
        languages = settings.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == saved_language())
            action.triggered.connect(lambda _=False, c=code: self.languageChosen.emit(c))
            group.addAction(action)

    def _export_rows(self, suffix: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出措施"), f"measures.{suffix}", f"*.{suffix}"
        )
        if name:
            self.measures.write_visible(Path(name))
            self.statusBar().showMessage(self.tr("已导出：") + name, 5000)

    def export_image(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出地图图片"), "wuhan-envmap.png", "PNG (*.png);;PDF (*.pdf)"
        )
        if name:
            self.write_image(Path(name))

    def write_image(self, path: Path) -> None:
        """Write the map as PNG or PDF centred on the selection; failures show, nothing is lost."""
        from desktop.map.export_image import render_map

        try:
            render_map(self.map_data, path, site_id=self.canvas.selected, state=self.state)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("导出失败"), str(exc))
            return
        self.statusBar().showMessage(self.tr("已导出：") + str(path), 5000)

    def print_layout(self) -> QDialog:
        """The report layout; its table reads the measures panel's rows (tracked statuses)."""
        from desktop.print_dialog import PrintLayoutDialog

        credit = self.canvas.basemap_credit()
        dialog = PrintLayoutDialog(
            self.canvas,
            self.map_data,
            self.measures.model.rows,
            self.site_filter,
            self,
            credits=(credit,) if credit else (),
        )
        dialog.written.connect(
            lambda files: self.statusBar().showMessage(self.tr("已导出：") + files, 8000)
        )
        dialog.open()
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas.viewport() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.tracking.open)
            QTimer.singleShot(0, self.basemaps.restore)  # tiles, too, after the first frame
            self.mapShown.emit()
        return super().eventFilter(watched, event)

    def _tracking_changed(self) -> None:
        """The store opened or changed: one new state, shown by every part of the window."""
        from gis.store import StoreError  # SQLAlchemy: loaded with the store, after the map

        store = self.tracking.store
        self.details.store = store
        if store is not None:  # (what was drawn stays when the store goes away)
            try:
                self.state = state_from_store(store, user_folder=self.user_folder)
            except StoreError as exc:
                self._store_availability(str(exc))
            else:
                self.canvas.show_state(self.state)
                self.details.state = self.state
                self.measures.set_state(self.state)
                self.apply_filter(self.site_filter)
        self.details.show_site(self.details.site_id)

    def _store_availability(self, problem: str) -> None:
        self.store_state.setText(self.tr("状态库只读：") + problem[:120] if problem else "")
        self.store_state.setToolTip(problem)

    def change_status(self, measure_id: str) -> None:
        measure = next(m for m in self.catalog.measures() if m.id == measure_id)
        dialog = StatusDialog(measure.text_zh, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_status(measure_id, dialog.values())

    def record_status(self, measure_id: str, values: dict) -> None:
        from gis.store import StoreError

        try:
            kept = self.tracking.record(measure_id, values)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("无法记录"), str(exc))
            return
        if kept:
            QMessageBox.information(self, self.tr("已暂存"), kept)
        else:
            self.statusBar().showMessage(self.tr("已记录状态：") + measure_id, 6000)

    def export_ledger(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出整改台账"),
            "rectification-ledger.xlsx",
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if name:
            self.write_ledger(Path(name))

    def write_ledger(self, path: Path) -> None:
        """The rectification ledger in the current state: the same rows as `envmap status
        export`, the measures table and the XLSX export."""
        from gis.export.files import write_rows_csv, write_rows_xlsx
        from gis.export.records import ledger_rows

        writer = write_rows_xlsx if path.suffix.lower() == ".xlsx" else write_rows_csv
        try:
            writer(ledger_rows(self.current()), path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("导出失败"), str(exc))
            return
        self.statusBar().showMessage(self.tr("已导出：") + str(path), 5000)

    def correct_location(self, site_id: str) -> None:
        """The next click on the map is the site's better location; a note and precision follow."""
        self.statusBar().showMessage(self.tr("请在地图上点击该点位的正确位置"), 10000)
        self.canvas.pick_location(lambda lon, lat: self._located(site_id, lon, lat))

    def _located(self, site_id: str, lon: float, lat: float) -> None:
        note, ok = QInputDialog.getText(self, self.tr("更正位置"), self.tr("依据（如现场核实）："))
        if not ok:
            return
        precision, ok = QInputDialog.getInt(
            self, self.tr("更正位置"), self.tr("精度（米）："), 50, 1, 100_000
        )
        if ok:
            self.record_location(site_id, lon, lat, float(precision), note)

    def record_location(
        self, site_id: str, lon: float, lat: float, precision_m: float, note: str
    ) -> None:
        problem = self.tracking.move(site_id, lon, lat, precision_m, note)
        if problem:
            QMessageBox.warning(self, self.tr("无法记录"), problem)

    def choose_store(self) -> None:
        current = QSettings().value("store/url", "")
        url, ok = QInputDialog.getText(
            self,
            self.tr("状态库"),
            self.tr("数据库地址（留空＝本机SQLite；办公室共享用 postgresql+psycopg://…）："),
            text=str(current),
        )
        if ok:
            QSettings().setValue("store/url", url.strip())
            self.tracking.open()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.tracking.refresh()  # another PC may have recorded something meanwhile
        super().changeEvent(event)

    def choose_document(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("导入文件"),
            "",
            self.tr("文件（Word、PDF、网页、文本）")
            + f" ({FILE_PATTERNS});;"
            + self.tr("所有文件 (*)"),
        )
        if name:
            self.import_document(Path(name))

    def import_document(self, path: Path, document_date: date | None = None) -> ImportJob | None:
        """Read a new document in a worker thread, then open its review (`importFinished`
        carries the dialog, or None); the user gives its date first."""
        if self.user_folder is None:
            QMessageBox.warning(self, self.tr("无法导入"), self.tr("没有用户数据文件夹"))
            return None
        if document_date is None:
            document_date = self._ask_date(path)
            if document_date is None:
                return None
        if self.import_job is not None:
            QMessageBox.information(self, self.tr("无法导入"), self.tr("正在导入另一份文件"))
            return None
        self.import_job = ImportJob(
            self.user_folder, path, document_date, GazetteerGeocoder(self.catalog)
        )
        self.import_progress = QProgressDialog(
            self.tr("正在读取文件…") + f"\n{path.name}", self.tr("取消"), 0, 0, self
        )
        # Not modal: a modal QProgressDialog runs the event loop inside setValue, which stalls
        # the window; the map stays usable and a second import is refused while this one runs.
        self.import_progress.setWindowModality(Qt.WindowModality.NonModal)
        self.import_progress.setMinimumDuration(300)
        # Direct: the job's own thread is busy running it and would never see a queued call.
        self.import_progress.canceled.connect(
            self.import_job.cancel, Qt.ConnectionType.DirectConnection
        )
        self.import_job.progressed.connect(self._import_progressed)
        self.import_job.finished.connect(self._import_finished)
        self.import_thread = start_job(self.import_job, self)
        return self.import_job

    def _import_progressed(self, done: int, total: int) -> None:
        if self.import_progress.wasCanceled():
            return
        self.import_progress.setMaximum(total)
        self.import_progress.setValue(done)

    def _import_finished(self, review, message: str) -> None:
        self.import_thread.wait()
        self.import_progress.reset()
        path, paragraphs = self.import_job.path, self.import_job.paragraphs
        self.import_job = None
        dialog = None
        if review is not None:
            dialog = self._open_review(review, paragraphs)
        elif message:
            QMessageBox.warning(self, self.tr("无法导入"), message)
        else:
            self.statusBar().showMessage(self.tr("已取消导入：") + path.name, 5000)
        self.importFinished.emit(dialog)

    def _ask_date(self, path: Path) -> date | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("文件日期"),
            self.tr("这份文件的日期（YYYY-MM-DD），用于“今年”“去年”等：") + f"\n{path.name}",
            text=date.today().isoformat(),
        )
        if not ok:
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            QMessageBox.warning(self, self.tr("日期无效"), text)
            return None

    def _open_review(self, review, paragraphs: tuple[str, ...] = ()) -> ReviewDialog:
        if not paragraphs:  # a review resumed: its document is the imported UTF-8 copy
            from gis.documents import split_paragraphs

            copy = self.user_folder / "documents" / f"{review.document}.txt"
            paragraphs = split_paragraphs(copy.read_text(encoding="utf-8"))
        dialog = ReviewDialog(review, paragraphs, self, self.current())
        dialog.pickRequested.connect(
            lambda: self.canvas.pick_location(dialog.location_setter(dialog.index))
        )
        dialog.reviewFinished.connect(self._review_finished)
        dialog.show()
        self.review_dialog = dialog
        return dialog

    def _review_finished(self, accepted: int) -> None:
        self.statusBar().showMessage(self.tr("已加入用户目录的点位：") + str(accepted), 8000)
        self.userDataChanged.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls()[:1]:
            self.import_document(Path(url.toLocalFile()))

    def export_html(self) -> None:
        dialog = HtmlExportDialog(self.site_filter != SiteFilter(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出HTML地图"), "wuhan-envmap.html", "HTML (*.html)"
        )
        if name:  # the file shows what the window shows: the current state
            options = replace(dialog.options(self.site_filter), state=self.current())
            self.write_html(Path(name), options)

    def write_html(self, path: Path, options) -> HtmlExportJob:
        """Export in a worker thread; the window stays usable and the dialog can cancel."""
        self.html_job = HtmlExportJob(self.map_data, path, options)
        self.html_progress = QProgressDialog(
            self.tr("正在导出HTML地图…"), self.tr("取消"), 0, 0, self
        )
        self.html_progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.html_progress.setMinimumDuration(400)
        self.html_progress.canceled.connect(self.html_job.cancel)
        self.html_job.progressed.connect(self._html_progressed)
        self.html_job.finished.connect(self._html_finished)
        self.html_thread = start_job(self.html_job, self)
        return self.html_job

    def _html_progressed(self, done: int, total: int) -> None:
        self.html_progress.setMaximum(total)
        self.html_progress.setValue(done)

    def _html_finished(self, ok: bool, message: str) -> None:
        self.html_thread.wait()
        self.html_progress.reset()
        path = self.html_job.out
        if ok:
            self.statusBar().showMessage(self.tr("已导出：") + f"{path} ({message})", 8000)
        elif message:
            QMessageBox.warning(self, self.tr("导出失败"), message)
        else:
            self.statusBar().showMessage(self.tr("已取消导出"), 5000)

    def zoom_to_selection(self) -> None:
        if self.canvas.selected:
            self.canvas.zoom_to_site(self.canvas.selected)

    def open_search(self) -> None:
        self.search_dialog.query.selectAll()
        self.search_dialog.show()
        self.search_dialog.query.setFocus()

    def go_to_site(self, site_id: str) -> None:
        """Select a site, centre the map on it and show its details."""
        self.canvas.select(site_id)
        self.canvas.zoom_to_site(site_id)
        self.details.show_site(site_id)
        self.details_dock.raise_()

    def open_quote(self, document_id: str, paragraph: int, quote: str) -> None:
        self.document_viewer.show_evidence(document_id, paragraph, quote)
        self.document_dock.show()
        self.document_dock.raise_()

    def _restore_layout(self) -> None:
        settings = QSettings()
        if settings.contains("window/geometry"):
            self.restoreGeometry(settings.value("window/geometry"))
            self.restoreState(settings.value("window/state"))

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        self.canvas.set_basemap(None)  # ends the tile worker thread
        if self.import_job is not None:  # an import under way stops at its next step
            self.import_job.cancel()
            self.import_thread.wait()
        super().closeEvent(event)

    def _show_position(self, lon: float, lat: float) -> None:
        self.position.setText(f"{lon:.5f}°E, {lat:.5f}°N (WGS84)")
        self.scale_label.setText(f"1:{self.canvas.scale_denominator():,.0f}")
