"""The main window: the map in the centre, site details in a dock, position and scale below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from desktop.map.canvas import MapCanvas
from desktop.panels.details import DetailsPanel
from gis.boundaries import attribution
from gis.model import Catalog


class MainWindow(QMainWindow):
    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("武汉环保行动地图 Wuhan EnvMap"))
        self.canvas = MapCanvas(catalog, self)
        self.setCentralWidget(self.canvas)
        self.details = DetailsPanel(catalog, self)
        dock = QDockWidget(self.tr("点位详情 Site details"), self)
        dock.setObjectName("details-dock")
        dock.setWidget(self.details)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.position = QLabel()
        self.scale_label = QLabel()
        self.statusBar().addWidget(self.position)
        self.statusBar().addWidget(self.scale_label)
        self.statusBar().addPermanentWidget(QLabel(attribution()))
        self.canvas.siteClicked.connect(self.details.show_site)
        self.canvas.cursorMoved.connect(self._show_position)
        self.resize(1280, 800)

    def _show_position(self, lon: float, lat: float) -> None:
        self.position.setText(f"{lon:.5f}°E, {lat:.5f}°N (WGS84)")
        self.scale_label.setText(f"1:{self.canvas.scale_denominator():,.0f}")
