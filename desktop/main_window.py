"""The main window: the map in the centre, site details in a dock, position and scale below.

It keeps the menus and docks; the current state lives in `AppState` (panels subscribe to it),
and what the window writes, imports and records lives in `WindowExports`, `WindowImports` and
`WindowTracking`.

At start-up the map comes first: the window is shown with the empty docks, menus and toolbar
where the saved layout puts them and its map area showing the last start's record of the map
(desktop/first_frame.py; without one, that the map is loading) until the map data is read
(`open_map`); the panels, menus' actions and tools fill in right after the live map's first
paint (`ready`); the status store opens after that (see `StoreOpening`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStackedWidget, QToolBar

from desktop.i18n import LANGUAGES, saved_language
from desktop.window_layout import GEOMETRY, WindowLayout
from desktop.window_panels import build_panels

if TYPE_CHECKING:  # the map (NumPy, shapely) once its data is read; the rest after it
    from desktop.app_state import AppState
    from desktop.basemap_controls import BasemapControls
    from desktop.first_frame import MapRecord
    from desktop.map.canvas import MapCanvas
    from desktop.panels.details import DetailsPanel
    from desktop.panels.document import DocumentViewer
    from desktop.panels.layers import LayersPanel
    from desktop.panels.measures import MeasuresPanel
    from desktop.panels.search import SearchDialog
    from desktop.store_opening import ReadableTracking
    from desktop.window_exports import WindowExports
    from desktop.window_imports import WindowImports
    from desktop.window_tools import WindowTools
    from desktop.window_tracking import WindowTracking
    from gis import Catalog, MapData
    from gis.filters import SiteFilter

FILTERS = ("kind", "status", "district", "document")  # the saved filter (desktop.panels.layers)


class MainWindow(QMainWindow):
    languageChosen = Signal(str)
    userDataChanged = Signal()
    mapShown = Signal()  # the map's first frame is painted
    ready = Signal()  # the panels, menus and tools are there too (after the map's first frame)
    settled = Signal()  # then the store's statuses are drawn (or it said why not)
    importFinished = Signal(object)  # the review dialog of an import, or None
    # set by open_map, once the map data is read
    map_data: MapData
    catalog: Catalog
    canvas: MapCanvas
    site_filter: SiteFilter
    position: QLabel  # the cursor's coordinates, in the status bar from the start
    # built by build_panels, after the map's first paint at start-up
    app_state: AppState
    exports: WindowExports
    imports: WindowImports
    recording: WindowTracking
    details: DetailsPanel
    document_viewer: DocumentViewer
    layers: LayersPanel
    measures: MeasuresPanel
    search_dialog: SearchDialog
    basemaps: BasemapControls
    tools: WindowTools
    tracking: ReadableTracking
    scale_label: QLabel
    store_state: QLabel
    login: QLabel

    def __init__(
        self,
        map_data: MapData | None,
        user_folder: Path | None = None,
        panels_later: bool = False,
        record: MapRecord | None = None,
    ) -> None:
        """`panels_later`: build the panels, menus' actions and tools after the map's first
        paint (at start-up) rather than before it; a first start (no saved layout) and a
        saved filter (which the first frame must already show) build them at once. No
        `map_data` yet (a start): the map area shows `record` until `open_map` is called."""
        super().__init__()
        self.user_folder = user_folder
        self.setWindowTitle(self.tr("武汉环保行动地图"))
        self.complete = False  # the panels, menus' actions and tools are built
        self.has_map = False  # the live map is there (open_map)
        self._panels_later = panels_later
        self._frame()
        self.window_layout = WindowLayout(self)
        self.record = record
        # One central widget from the start, which the live map joins: a central widget
        # replaced after the layout is restored loses its share of the window to the docks.
        self.map_area = QStackedWidget()
        self.setCentralWidget(self.map_area)
        if record is not None:
            self.map_area.addWidget(record)
            record.setFocus()  # the keys move the map from the start
            self.window_layout.restore()  # the map area has its final size from the first frame
        if map_data is not None:
            self.open_map(map_data)

    def open_map(self, map_data: MapData) -> None:
        """The live map in the map area, at the view the record showed (or the user moved it
        to); a click made on the record is taken by it. The rest comes once it has painted."""
        from desktop.map.canvas import MapCanvas
        from gis.filters import SiteFilter

        self.map_data = map_data
        self.catalog = map_data.catalog
        self.canvas = MapCanvas(map_data, self)
        record, self.record = self.record, None
        kept = record.hand_over(self.canvas) if record is not None else None
        self.map_area.addWidget(self.canvas)
        self.map_area.setCurrentWidget(self.canvas)
        self.canvas.setFocus()
        if record is not None:  # a start's window: laid out already
            self.map_area.removeWidget(record)
            record.deleteLater()
        self.has_map = True
        self.site_filter = SiteFilter()
        settings = QSettings()
        saved_filter = any(str(settings.value(f"filter/{k}", 0)) != "0" for k in FILTERS)
        if self._panels_later and settings.contains(GEOMETRY) and not saved_filter:
            if record is None:
                self.window_layout.restore()  # the map has its final size from the first frame
        else:
            build_panels(self)
            if record is not None:
                self.window_layout.keep_on_screen()
            else:  # the saved layout, or (none saved) the screen filled, the docks sized
                self.window_layout.restore()
        self._kept_click = kept  # taken once the map has its size and has painted
        self.canvas.viewport().installEventFilter(self)

    def _frame(self) -> None:
        """The window's parts that take room: the docks (empty until `_complete`), the
        menus, the toolbar and the status bar, so the map does not move when they fill."""
        translate = QCoreApplication.translate
        self.details_dock = self._dock("details-dock", self.tr("点位详情"))
        self.document_dock = self._dock("document-dock", self.tr("原文"))
        self.tabifyDockWidget(self.details_dock, self.document_dock)
        self.details_dock.raise_()
        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        self.layers_dock = self._dock("layers-dock", self.tr("图层与图例"), left)
        self.measures_dock = self._dock("measures-dock", self.tr("措施表"), bottom)
        bar = self.menuBar()
        self.menus = {
            "file": bar.addMenu(self.tr("文件")),
            "view": bar.addMenu(self.tr("视图")),
            "settings": bar.addMenu(self.tr("设置")),
            "help": bar.addMenu(translate("WindowTools", "帮助")),
        }
        self.toolbar = QToolBar(translate("WindowTools", "地图工具"), self)
        self.toolbar.setObjectName("map-toolbar")  # saveState() keeps where the user put it
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMinimumHeight(_tool_row_height())
        self.addToolBar(self.toolbar)
        self.position = QLabel()  # the cursor's coordinates: the status bar's height now
        self.statusBar().addWidget(self.position)

    def _dock(
        self, name: str, title: str, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        return dock

    def apply_filter(self, site_filter: SiteFilter) -> None:
        """Show the sites the filter keeps, by their current (tracked) status."""
        from gis.filters import SiteFilter

        self.site_filter = site_filter
        everything = site_filter == SiteFilter()
        catalog = self.app_state.current.catalog
        visible = None if everything else site_filter.visible(catalog, self.canvas.districts)
        self.canvas.set_visible_sites(visible)
        self.measures.show_sites(visible)

    def tracking_changed(self) -> None:
        store = self.details.store = self.tracking.store
        if store is not None:  # (what was drawn stays when the store goes away)
            self.app_state.read(store)
            return
        self.details.show_site(self.details.site_id)

    def show_state(self, state) -> None:
        """A new current state: the map, details and table follow it themselves (they
        subscribe to it); the window says who is logged in and filters by the new statuses."""
        from desktop.roles import login_text

        self.login.setText(
            login_text(self.tracking.store.identity if self.tracking.store else None)
        )
        self.apply_filter(self.site_filter)

    def build_menus(self) -> None:
        from gis.user_catalog import unfinished_reviews

        exports, imports = self.exports, self.imports
        file_menu = self.menus["file"]
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
        view = self.menus["view"]
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
        settings = self.menus["settings"]
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
            QTimer.singleShot(0, self._after_first_frame)  # once this frame is on screen
            self.mapShown.emit()
        return super().eventFilter(watched, event)

    def _after_first_frame(self) -> None:
        """The rest of the window, then the store (in the background) and the basemap."""
        if self._kept_click is not None:
            self.canvas.click(self.canvas.mapFromScene(self._kept_click))
            self._kept_click = None
        if not self.complete:
            build_panels(self)
            self.window_layout.keep_on_screen()
        self.ready.emit()
        from desktop.store_opening import StoreOpening

        self.store_opening = StoreOpening(self, then=self._settle)

    def _settle(self) -> None:
        """The store is open (or has said why not): the basemap's tiles, then `settled`."""
        self.basemaps.restore()
        self.settled.emit()

    def store_availability(self, problem: str) -> None:
        from gis.failures import mask_passwords

        problem = mask_passwords(problem)  # a store URL's password is never shown
        self.store_state.setText(self.tr("状态库只读：") + problem[:120] if problem else "")
        self.store_state.setToolTip(problem)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.complete:
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
        if self.complete:  # (closed before it was: the saved layout stays as it was)
            self.window_layout.save()
            self.imports.cancel()
        if self.has_map:
            self.canvas.set_basemap(None)  # ends the tile worker thread
        super().closeEvent(event)

    def show_position(self, lon: float, lat: float) -> None:
        self.position.setText(f"{lon:.5f}°E, {lat:.5f}°N (WGS84)")
        self.scale_label.setText(f"1:{self.canvas.scale_denominator():,.0f}")


def _tool_row_height() -> int:
    """The height the toolbar will have once its tools are there (desktop/window_tools.py):
    it has it from the start, so the map below does not move when they arrive."""
    probe = QToolBar()
    probe.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    probe.addAction("放大")
    height = probe.sizeHint().height()
    probe.deleteLater()
    return height
