"""The window's panels, menus' actions, tools and status bar: built, with what they import,
after the map's first paint at start-up (see `MainWindow`), or at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from desktop.window_layout import scrolling

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def build_panels(window: MainWindow) -> None:
    """The panels, menus' actions, tools and status bar; the store is opened later."""
    from desktop.app_state import AppState
    from desktop.basemap_controls import BasemapControls
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
    from gis.boundaries import DISTRICT_NAMES_EN

    catalog, user_folder = window.catalog, window.user_folder
    window.app_state = AppState(catalog, user_folder, window)
    window.exports = WindowExports(window)
    window.imports = WindowImports(window)
    window.recording = WindowTracking(window)
    window.details = DetailsPanel(catalog, window.canvas.districts, window)
    window.document_viewer = DocumentViewer(catalog, window)
    window.details_dock.setWidget(window.details)
    window.document_dock.setWidget(window.document_viewer)
    window.layers = LayersPanel(catalog, list(DISTRICT_NAMES_EN), window)
    window.layers_dock.setWidget(scrolling(window.layers))
    window.layers.layerToggled.connect(window.canvas.set_layer_visible)
    window.layers.filterChanged.connect(window.apply_filter)
    window.measures = MeasuresPanel(catalog, window)
    window.measures_dock.setWidget(window.measures)
    window.measures.siteChosen.connect(window.go_to_site)
    window.measures.export_csv.clicked.connect(lambda: window.exports.export_rows("csv"))
    window.measures.export_xlsx.clicked.connect(lambda: window.exports.export_rows("xlsx"))
    window.apply_filter(window.layers.current_filter())  # as the user left it
    window.search_dialog = SearchDialog(catalog, window)
    window.search_dialog.siteChosen.connect(window.go_to_site)
    window.details.quoteActivated.connect(window.open_quote)
    window.basemaps = BasemapControls(window, window.canvas)
    window.build_menus()
    window.tools = WindowTools(window)  # toolbar, measuring, right-click menu, Help
    _status_bar(window)
    window.canvas.siteClicked.connect(window.details.show_site)
    window.canvas.siteClicked.connect(window.measures.follow_selection)
    if window.canvas.selected:  # clicked on the map before the panels were there
        window.details.show_site(window.canvas.selected)
        window.measures.follow_selection(window.canvas.selected)
    window.tracking = ReadableTracking(catalog, user_folder, window)
    window.tracking.changed.connect(window.tracking_changed)
    window.tracking.availability.connect(window.store_availability)
    window.tracking.sharedArrived.connect(window.userDataChanged.emit)
    for follower in (window.canvas, window.details, window.measures):  # before the filter
        window.app_state.changed.connect(follower.show_state)
    window.app_state.changed.connect(window.show_state)
    window.app_state.failed.connect(window.store_availability)
    window.details.statusRequested.connect(window.recording.change_status)
    window.details.moveRequested.connect(window.recording.correct_location)
    window.details.reviewRequested.connect(window.recording.review)
    window.canvas.cursorMoved.connect(window.show_position)
    window.setAcceptDrops(True)
    window.complete = True


def _status_bar(window: MainWindow) -> None:
    from gis.boundaries import attribution
    from gis.water import WATER_ATTRIBUTION

    window.scale_label = QLabel()
    window.store_state = QLabel()
    window.login = QLabel()  # who is logged in to a shared store with roles, and as what
    bar = window.statusBar()
    bar.addWidget(window.scale_label)  # after the position (MainWindow._frame)
    bar.addPermanentWidget(window.basemaps.credit)
    bar.addPermanentWidget(QLabel(f"{attribution()} · {WATER_ATTRIBUTION}"))
    bar.addPermanentWidget(window.store_state)
    bar.addPermanentWidget(window.login)
