"""The main window: the map in the centre, site details in a dock, position and scale below.

It keeps the menus and docks; the current state lives in `AppState` (panels subscribe to it),
and what the window writes, imports and records lives in `WindowExports`, `WindowImports` and
`WindowTracking`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from desktop.app_state import AppState
from desktop.basemap_controls import BasemapControls
from desktop.i18n import LANGUAGES, saved_language
from desktop.map.canvas import MapCanvas
from desktop.panels.details import DetailsPanel
from desktop.panels.document import DocumentViewer
from desktop.panels.layers import LayersPanel
from desktop.panels.measures import MeasuresPanel
from desktop.panels.search import SearchDialog
from desktop.roles import login_text
from desktop.store_opening import ReadableTracking
from desktop.window_exports import WindowExports
from desktop.window_imports import WindowImports
from desktop.window_layout import WindowLayout, scrolling
from desktop.window_tools import WindowTools
from desktop.window_tracking import WindowTracking
from gis import MapData
from gis.boundaries import DISTRICT_NAMES_EN, attribution
from gis.failures import mask_passwords
from gis.filters import SiteFilter
from gis.user_catalog import unfinished_reviews
from gis.water import WATER_ATTRIBUTION


class MainWindow(QMainWindow):
    languageChosen = Signal(str)
    userDataChanged = Signal()
    mapShown = Signal()  # the map's first frame is painted
    importFinished = Signal(object)  # the review dialog of an import, or None

    def __init__(self, map_data: MapData, user_folder: Path | None = None) -> None:
        super().__init__()
        self.user_folder = user_folder
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("武汉环保行动地图"))
        self.map_data = map_data
        self.catalog = catalog = map_data.catalog
        self.app_state = AppState(catalog, user_folder, self)
        self.canvas = MapCanvas(map_data, self)
        self.setCentralWidget(self.canvas)
        self.site_filter = SiteFilter()
        self.exports = WindowExports(self)
        self.imports = WindowImports(self)
        self.recording = WindowTracking(self)
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
            scrolling(self.layers),
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
        self.measures.export_csv.clicked.connect(lambda: self.exports.export_rows("csv"))
        self.measures.export_xlsx.clicked.connect(lambda: self.exports.export_rows("xlsx"))
        self.apply_filter(self.layers.current_filter())  # as the user left it
        self.search_dialog = SearchDialog(catalog, self)
        self.search_dialog.siteChosen.connect(self.go_to_site)
        self.details.quoteActivated.connect(self.open_quote)
        self.basemaps = BasemapControls(self, self.canvas)
        self.window_layout = WindowLayout(self)
        self._build_menus()
        self.tools = WindowTools(self)  # toolbar, measuring, right-click menu, Help
        self._build_status_bar()
        self.canvas.siteClicked.connect(self.details.show_site)
        self.canvas.siteClicked.connect(self.measures.follow_selection)
        self.tracking = ReadableTracking(catalog, user_folder, self)
        self.tracking.changed.connect(self._tracking_changed)
        self.tracking.availability.connect(self._store_availability)
        self.tracking.sharedArrived.connect(self.userDataChanged.emit)
        self.app_state.changed.connect(self._show_state)
        self.app_state.failed.connect(self._store_availability)
        self.details.statusRequested.connect(self.recording.change_status)
        self.details.moveRequested.connect(self.recording.correct_location)
        self.details.reviewRequested.connect(self.recording.review)
        # The store opens once the map has painted: SQLAlchemy and the database come after.
        self.canvas.viewport().installEventFilter(self)
        self.canvas.cursorMoved.connect(self._show_position)
        self.window_layout.restore()

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

    def _build_status_bar(self) -> None:
        self.position = QLabel()
        self.scale_label = QLabel()
        self.store_state = QLabel()
        self.login = QLabel()  # who is logged in to a shared store with roles, and as what
        bar = self.statusBar()
        bar.addWidget(self.position)
        bar.addWidget(self.scale_label)
        bar.addPermanentWidget(self.basemaps.credit)
        bar.addPermanentWidget(QLabel(f"{attribution()} · {WATER_ATTRIBUTION}"))
        bar.addPermanentWidget(self.store_state)
        bar.addPermanentWidget(self.login)

    def apply_filter(self, site_filter: SiteFilter) -> None:
        """Show the sites the filter keeps, by their current (tracked) status."""
        self.site_filter = site_filter
        everything = site_filter == SiteFilter()
        catalog = self.app_state.current.catalog
        visible = None if everything else site_filter.visible(catalog, self.canvas.districts)
        self.canvas.set_visible_sites(visible)
        self.measures.show_sites(visible)

    def _tracking_changed(self) -> None:
        store = self.tracking.store
        if store is not None:  # (what was drawn stays when the store goes away)
            self.app_state.read(store)
            return
        self.details.store = None
        self.details.show_site(self.details.site_id)

    def _show_state(self, state) -> None:
        """A new current state: every part of the window shows it."""
        self.details.store = self.tracking.store
        self.login.setText(
            login_text(self.tracking.store.identity if self.tracking.store else None)
        )
        self.canvas.show_state(state)
        self.details.state = state
        self.measures.set_state(state)
        self.apply_filter(self.site_filter)
        self.details.show_site(self.details.site_id)

    def _build_menus(self) -> None:
        exports, imports = self.exports, self.imports
        file_menu = self.menuBar().addMenu(self.tr("文件"))
        file_menu.addAction(self.tr("导出地图图片…"), exports.export_image)
        file_menu.addAction(
            self.tr("打印版面…"), QKeySequence.StandardKey.Print, exports.print_layout
        )
        file_menu.addAction(self.tr("导出HTML地图…"), exports.export_html)
        file_menu.addAction(self.tr("导出整改台账（当前状态）…"), exports.export_ledger)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("导入文件…"), QKeySequence("Ctrl+I"), imports.choose_document)
        folder = self.user_folder
        if folder is not None:
            for ident in unfinished_reviews(folder):
                action = file_menu.addAction(self.tr("继续审核：") + ident)

                # A def, not a lambda: mypy cannot infer a lambda with default arguments.
                def resume(
                    _: bool = False, i: str = ident, a: QAction = action, f: Path = folder
                ) -> None:
                    if imports.resume(i) is None and i not in unfinished_reviews(f):
                        a.setVisible(False)  # damaged and set aside: nothing to resume

                action.triggered.connect(resume)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("退出"), QKeySequence.StandardKey.Quit, self.close)
        view = self.menuBar().addMenu(self.tr("视图"))
        actions: list[tuple[str, QKeySequence | QKeySequence.StandardKey, Callable[[], None]]] = [
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
        for dock in (self.details_dock, self.document_dock, self.layers_dock, self.measures_dock):
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        self.basemaps.add_to_view_menu(view)
        view.addSeparator()
        view.addAction(self.tr("重置窗口布局"), self.window_layout.reset)
        settings = self.menuBar().addMenu(self.tr("设置"))
        settings.addAction(self.tr("状态库…"), self.recording.choose_store)
        settings.addAction(self.tr("登录状态库…"), self.recording.log_in_again)
        self.basemaps.add_to_settings_menu(settings)
        languages = settings.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == saved_language())
            action.triggered.connect(lambda _=False, c=code: self.languageChosen.emit(c))
            group.addAction(action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas.viewport() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.tracking.open)
            QTimer.singleShot(0, self.basemaps.restore)  # tiles, too, after the first frame
            self.mapShown.emit()
        return super().eventFilter(watched, event)

    def _store_availability(self, problem: str) -> None:
        problem = mask_passwords(problem)  # a store URL's password is never shown
        self.store_state.setText(self.tr("状态库只读：") + problem[:120] if problem else "")
        self.store_state.setToolTip(problem)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.tracking.refresh()  # another PC may have recorded something meanwhile
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls()[:1]:
            self.imports.import_document(Path(url.toLocalFile()))

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.window_layout.save()
        self.canvas.set_basemap(None)  # ends the tile worker thread
        self.imports.cancel()
        super().closeEvent(event)

    def _show_position(self, lon: float, lat: float) -> None:
        self.position.setText(f"{lon:.5f}°E, {lat:.5f}°N (WGS84)")
        self.scale_label.setText(f"1:{self.canvas.scale_denominator():,.0f}")
