"""Layers & legend: switch layers on and off, read the symbology, filter what is shown."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QSettings, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import saved_language
from desktop.map import decorations, style
from gis.boundaries import DISTRICT_NAMES_EN
from gis.filters import SiteFilter
from gis.model import LAYER_KINDS, Catalog, Kind, Status

LAYER_TITLES = {
    "districts": QT_TRANSLATE_NOOP("LayersPanel", "行政区"),
    "functional_zones": QT_TRANSLATE_NOOP("LayersPanel", "功能区"),
    "protection_zones": QT_TRANSLATE_NOOP("LayersPanel", "水源保护区（示意）"),
    "rivers": QT_TRANSLATE_NOOP("LayersPanel", "河湖"),
    "sites": QT_TRANSLATE_NOOP("LayersPanel", "点位"),
}
SWATCH_PX = 16


def swatch(what: str, paint: object) -> QPixmap:
    """A legend row's symbol as the map draws it (see `decorations.legend_entries`)."""
    pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    decorations.draw_swatch(painter, what, paint, QPointF(SWATCH_PX / 2, SWATCH_PX / 2))
    painter.end()
    return pixmap


class LayersPanel(QWidget):
    layerToggled = Signal(str, bool)
    filterChanged = Signal(object)  # a SiteFilter

    def __init__(self, catalog: Catalog, districts: list[str], parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layers = QGroupBox(self.tr("图层"), self)
        layers_layout = QVBoxLayout(layers)
        self.layer_boxes: dict[str, QCheckBox] = {}
        for name in LAYER_KINDS:
            if name == "city":
                continue
            # str(): QT_TRANSLATE_NOOP returns its message, which its stub calls an object
            box = QCheckBox(self.tr(str(LAYER_TITLES[name])), layers)
            box.setChecked(True)
            box.toggled.connect(lambda on, n=name: self.layerToggled.emit(n, on))
            layers_layout.addWidget(box)
            self.layer_boxes[name] = box
        layout.addWidget(layers)

        legend = QGroupBox(self.tr("图例"), self)
        legend_layout = QFormLayout(legend)
        rows: list[tuple[str, object, str]] = [
            ("circle", style.status_colour(s), f"{s.label_zh} {s.label_en}") for s in Status
        ]
        rows.append(("circle", style.status_colour(None), "无措施 no measure"))
        rows += [
            (shape, decorations.KIND_SWATCH, f"{kind.label_zh} {kind.label_en}")
            for kind, shape in style.KIND_SHAPES.items()
        ]
        rows += [
            ("former", None, self.tr("原址（已搬迁）")),
            ("area", (style.WATER_FILL, style.WATER_EDGE), self.tr("水系（江河湖泊）")),
            ("line", (style.WATER_LINE, style.WATER_LINE_PX), self.tr("河流中心线")),
        ]
        self.legend_rows: list[tuple[QLabel, QLabel]] = []
        for what, paint, text in rows:
            icon, words = QLabel(), QLabel(text)
            icon.setPixmap(swatch(what, paint))
            legend_layout.addRow(icon, words)
            self.legend_rows.append((icon, words))
        halo = QLabel(self.tr("虚线圆：位置不确定范围"))
        halo.setWordWrap(True)
        halo.setToolTip(self.tr("视野内的点位不超过300个时显示"))
        legend_layout.addRow(halo)
        legend_layout.addRow(QLabel(self.tr("黑边：用户导入并确认的点位")))
        layout.addWidget(legend)

        filters = QGroupBox(self.tr("筛选"), self)
        form = QFormLayout(filters)
        self.kind = self._combo([(f"{k.label_zh} {k.label_en}", k) for k in Kind])
        self.status = self._combo([(f"{s.label_zh} {s.label_en}", s) for s in Status])
        english = saved_language() == "en"
        self.district = self._combo(
            [(f"{DISTRICT_NAMES_EN.get(d, d)} {d}" if english else d, d) for d in districts]
        )
        self.document = self._combo(
            [
                (d.title_en[:40] if english else d.title_zh[:18], d.id)
                for d in catalog.documents.values()
            ]
        )
        self.combos = {
            "kind": self.kind,
            "status": self.status,
            "district": self.district,
            "document": self.document,
        }
        settings = QSettings()  # the filter as it was left (across a language switch too)
        for key, combo in self.combos.items():
            saved = str(settings.value(f"filter/{key}", 0))
            index = int(saved) if saved.isdigit() else 0
            combo.setCurrentIndex(index if index < combo.count() else 0)
        for label, combo in [
            (self.tr("类型"), self.kind),
            (self.tr("状态"), self.status),
            (self.tr("行政区"), self.district),
            (self.tr("文件"), self.document),
        ]:
            form.addRow(label, combo)
            combo.currentIndexChanged.connect(self._emit_filter)
        layout.addWidget(filters)
        layout.addStretch(1)

    def _combo(self, entries: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(self.tr("全部"), None)
        for text, value in entries:
            combo.addItem(text, value)
        return combo

    def current_filter(self) -> SiteFilter:
        def chosen(combo: QComboBox) -> frozenset:
            value = combo.currentData()
            return frozenset() if value is None else frozenset({value})

        return SiteFilter(
            kinds=chosen(self.kind),
            statuses=chosen(self.status),
            districts=chosen(self.district),
            documents=chosen(self.document),
        )

    def _emit_filter(self) -> None:
        settings = QSettings()
        for key, combo in self.combos.items():
            settings.setValue(f"filter/{key}", combo.currentIndex())
        self.filterChanged.emit(self.current_filter())
