"""The map's tools around the window: a toolbar (zoom, all of Wuhan, identify/pan, measure a
distance or an area), the right-click menu on the map (copy the coordinates, zoom here, the
status of the sites under the cursor) and Help (shortcuts, about)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
)

from desktop.i18n import saved_language
from desktop.map.measure_tool import AREA, DISTANCE, MeasureTool, describe
from gis.boundaries import attribution
from gis.version import VERSION

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

ZOOM_HERE = 2.0
MENU_TEXT = 36  # characters of a measure shown in the right-click menu


class WindowTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.measure = MeasureTool(window.canvas)
        self.measure.measured.connect(self._show_measure)
        self.toolbar = self._toolbar()
        window.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.canvas.customContextMenuRequested.connect(self._open_context_menu)
        self.context_menu: QMenu | None = None
        help_menu = window.menus["help"]
        help_menu.addAction(
            self.tr("快捷键…"), QKeySequence.StandardKey.HelpContents, self.shortcuts
        )
        help_menu.addAction(self.tr("关于…"), self.about)

    def _toolbar(self) -> QToolBar:
        window, canvas = self.window, self.window.canvas
        bar = window.toolbar  # made, empty, with the window
        for text, key, slot in (
            (self.tr("放大"), QKeySequence.StandardKey.ZoomIn, lambda: canvas.zoom(1.5)),
            (self.tr("缩小"), QKeySequence.StandardKey.ZoomOut, lambda: canvas.zoom(1 / 1.5)),
            (self.tr("全市"), QKeySequence(), canvas.fit_to_wuhan),
        ):
            action = bar.addAction(text, slot)
            action.setShortcut(key)
        bar.addSeparator()
        group = QActionGroup(self)
        self.modes: dict[str | None, QAction] = {}
        for mode, label, shortcut in (
            (None, self.tr("识别/平移"), "Ctrl+Shift+I"),
            (DISTANCE, self.tr("测距离"), "Ctrl+Shift+D"),
            (AREA, self.tr("测面积"), "Ctrl+Shift+A"),
        ):
            action = bar.addAction(label, partial(self.measure.start, mode))
            action.setCheckable(True)
            action.setShortcut(QKeySequence(shortcut))
            group.addAction(action)
            self.modes[mode] = action
        self.modes[None].setChecked(True)
        return bar

    def _show_measure(self, mode: str, length_m: float, area_m2: float) -> None:
        length, area = describe(length_m, area_m2, mode)
        if mode == AREA:
            text = self.tr("面积 %1 · 周长 %2").replace("%1", area or "—").replace("%2", length)
        else:
            text = self.tr("距离 %1").replace("%1", length)
        self.window.statusBar().showMessage(text + self.tr("（椭球面测量，双击结束）"))

    def _open_context_menu(self, pos: QPoint) -> None:
        self.build_context_menu(pos).popup(self.window.canvas.viewport().mapToGlobal(pos))

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right click at `pos` (viewport pixels)."""
        window, canvas = self.window, self.window.canvas
        scene = canvas.mapToScene(pos)
        lon, lat = canvas.lonlat_at(scene)
        menu = QMenu(canvas)
        coordinates = f"{lon:.6f}, {lat:.6f}"
        menu.addAction(
            self.tr("复制坐标 %1 (WGS84)").replace("%1", coordinates),
            lambda: QGuiApplication.clipboard().setText(coordinates),
        )
        menu.addAction(self.tr("在此放大"), lambda: self.zoom_here(scene))
        english = saved_language() == "en"
        sites = [window.catalog.site(s) for s in canvas.sites_at(pos)]
        for site in [s for s in sites if s.measures][:3]:
            name = site.name_en if english else site.name_zh
            menu.addSeparator()
            menu.addAction(
                self.tr("查看详情：%1").replace("%1", name), partial(window.go_to_site, site.id)
            )
            statuses = menu.addMenu(self.tr("设置状态：%1").replace("%1", name))
            statuses.setEnabled(not window.tracking.read_only)
            for measure in site.measures:
                text = measure.text_en if english else measure.text_zh
                short = text if len(text) <= MENU_TEXT else text[: MENU_TEXT - 1] + "…"
                statuses.addAction(short, partial(window.recording.change_status, measure.id))
        self.context_menu = menu
        return menu

    def zoom_here(self, scene) -> None:
        canvas = self.window.canvas
        canvas.centerOn(scene)
        canvas.zoom(ZOOM_HERE)

    def shortcuts(self) -> QDialog:
        """Every keyboard shortcut of the window and the map's own keys, in a table."""
        window = self.window
        rows = []
        for action in window.findChildren(QAction):
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if key and action.text():
                rows.append((action.text().replace("&", ""), key))
        rows += [
            (self.tr("地图放大/缩小"), self.tr("+ / − 或鼠标滚轮")),
            (self.tr("平移地图"), self.tr("方向键或拖动")),
            (self.tr("结束测量 / 清除测量"), self.tr("双击或回车 / Esc")),
        ]
        dialog = QDialog(window)
        dialog.setWindowTitle(self.tr("快捷键"))
        rows = sorted(set(rows))  # an action in two menus is listed once, with no blank row
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("操作"), self.tr("按键")])
        for row, (text, key) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(text))
            table.setItem(row, 1, QTableWidgetItem(key))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the keys take the rest of the width
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        QVBoxLayout(dialog).addWidget(table)
        dialog.resize(520, 480)
        dialog.open()
        return dialog

    def about(self) -> QMessageBox:
        """Version, the date of the newest document, the documents and the data's licences."""
        window = self.window
        catalog = window.catalog
        newest = max(d.date_to for d in catalog.documents.values())
        english = saved_language() == "en"
        documents = "".join(
            f"<li>{d.title_en if english else d.title_zh} ({d.date_to.isoformat()})</li>"
            for d in catalog.documents.values()
        )
        credits = [attribution()]
        if window.canvas.basemap_credit():
            credits.append(window.canvas.basemap_credit())
        words = {
            "title": self.tr("武汉环保行动地图"),
            "as_of": self.tr("数据截至："),
            "documents": self.tr("来源文件"),
            "licences": self.tr("数据与许可"),
            "qt": self.tr("界面：Qt for Python (PySide6)，LGPL v3"),
            "notice": self.tr("水源保护区为示意；仅供内部使用。"),
        }
        text = (
            f"<h3>{words['title']} {VERSION}</h3>"
            f"<p>{words['as_of']}{newest.isoformat()}</p>"
            f"<p><b>{words['documents']}</b></p><ul>{documents}</ul>"
            f"<p><b>{words['licences']}</b></p><ul>"
            + "".join(f"<li>{c}</li>" for c in credits)
            + f"<li>{words['qt']}</li></ul><p>{words['notice']}</p>"
        )
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("关于"), text, parent=window)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.open()
        return box
