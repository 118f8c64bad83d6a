"""The map as a picture for reports: title, map, legend, scale bar, north arrow, date, sources.

PNG renders to an image; PDF renders through QPdfWriter, so areas and text stay vector.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageSize, QPainter, QPdfWriter, QPen, QPolygonF

from desktop.map import items, style
from desktop.map.canvas import MapCanvas
from gis import Catalog, MapData, Status
from gis.boundaries import attribution
from gis.crs import from_web_mercator

TITLE = "武汉环保行动地图 Wuhan EnvMap"
NICE_STEPS = (1, 2, 5)
SITE_ZOOM = 6  # a site's map shows a sixth of Wuhan's width around it


def render_map(
    map_data: MapData, out: Path, size: tuple[int, int] = (1600, 1200), site_id: str | None = None
) -> None:
    """Write the map to `out` (.png or .pdf), centred on `site_id` if given."""
    catalog = map_data.catalog
    canvas = MapCanvas(map_data)
    source = canvas.wuhan_rect()
    if site_id is not None:
        canvas.select(site_id)
        width = source.width() / SITE_ZOOM
        source = QRectF(0, 0, width, width * size[1] / size[0])
        source.moveCenter(canvas.site_scene_pos(site_id))
    if out.suffix.lower() == ".pdf":
        writer = QPdfWriter(str(out))
        writer.setPageSize(QPageSize(QSizeF(size[0], size[1]), QPageSize.Unit.Point))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setResolution(72)
        writer.setTitle(TITLE)
        painter = QPainter(writer)
        _compose(painter, canvas, source, QRectF(0, 0, *size), catalog)
        painter.end()
    else:
        image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        _compose(painter, canvas, source, QRectF(0, 0, *size), catalog)
        painter.end()
        if not image.save(str(out)):
            raise OSError(f"could not write {out}")
    canvas.deleteLater()


def _compose(
    painter: QPainter, canvas: MapCanvas, source: QRectF, page: QRectF, catalog: Catalog
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = page.width() * 0.02
    title_h = page.height() * 0.06
    footer_h = page.height() * 0.06
    map_rect = QRectF(
        margin,
        margin + title_h,
        page.width() - 2 * margin,
        page.height() - 2 * margin - title_h - footer_h,
    )
    painter.setFont(QFont("sans-serif", max(10, int(title_h * 0.45))))
    painter.drawText(
        QRectF(margin, margin, page.width(), title_h), Qt.AlignmentFlag.AlignVCenter, TITLE
    )
    painter.fillRect(map_rect, style.BACKGROUND)
    fitted = _fit(source, map_rect)
    canvas.scene().render(painter, map_rect, fitted, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.setPen(QPen(QColor("#333"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(map_rect)
    _legend(painter, map_rect)
    _scale_bar(painter, map_rect, fitted)
    _north_arrow(painter, map_rect)
    painter.setFont(QFont("sans-serif", max(7, int(footer_h * 0.2))))
    documents = "；".join(d.title_zh for d in catalog.documents.values())
    footer = (
        f"{date.today().isoformat()} · 来源 Sources: {documents} · {attribution()} · "
        "水源保护区为示意 zones are schematic · 仅供内部使用 internal use only (no 审图号)"
    )
    painter.drawText(
        QRectF(margin, page.height() - margin - footer_h, page.width() - 2 * margin, footer_h),
        Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter,
        footer,
    )


def _fit(source: QRectF, target: QRectF) -> QRectF:
    """Grow the scene rectangle to the target's aspect ratio, so the map is not distorted."""
    aspect = target.width() / target.height()
    width, height = source.width(), source.height()
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return QRectF(source.center().x() - width / 2, source.center().y() - height / 2, width, height)


def _legend(painter: QPainter, map_rect: QRectF) -> None:
    row = max(14.0, map_rect.height() * 0.03)
    entries = [(style.status_colour(s), f"{s.label_zh} {s.label_en}") for s in Status]
    box = QRectF(
        map_rect.left() + 10,
        map_rect.bottom() - 10 - row * (len(entries) + 0.6),
        row * 9,
        row * (len(entries) + 0.4),
    )
    painter.setPen(QPen(QColor("#666"), 1))
    painter.setBrush(QColor(255, 255, 255, 220))
    painter.drawRect(box)
    painter.setFont(QFont("sans-serif", max(7, int(row * 0.5))))
    for index, (colour, text) in enumerate(entries):
        y = box.top() + row * (index + 0.7)
        painter.save()
        painter.translate(box.left() + row * 0.6, y)
        painter.setBrush(colour)
        painter.setPen(QPen(QColor("white"), 1))
        painter.drawPath(items.symbol_path("circle", row * 0.6))
        painter.restore()
        painter.setPen(QColor("#222"))
        painter.drawText(QPointF(box.left() + row * 1.2, y + row * 0.2), text)


def _scale_bar(painter: QPainter, map_rect: QRectF, scene: QRectF) -> None:
    centre_lat = from_web_mercator(scene.center().x(), -scene.center().y())[1]
    ground_per_unit = (scene.width() / map_rect.width()) * math.cos(math.radians(centre_lat))
    target = map_rect.width() * 0.2 * ground_per_unit
    exponent = 10 ** math.floor(math.log10(target))
    length_m = max(s * exponent for s in NICE_STEPS if s * exponent <= target)
    length = length_m / ground_per_unit
    x, y = map_rect.right() - length - 20, map_rect.bottom() - 20
    painter.setPen(QPen(QColor("#222"), 2))
    painter.drawLine(QPointF(x, y), QPointF(x + length, y))
    for tick in (x, x + length):
        painter.drawLine(QPointF(tick, y - 5), QPointF(tick, y + 1))
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    painter.drawText(QPointF(x, y - 8), label)


def _north_arrow(painter: QPainter, map_rect: QRectF) -> None:
    size = max(16.0, map_rect.height() * 0.05)
    x, y = map_rect.right() - size, map_rect.top() + size * 0.4
    arrow = QPolygonF(
        [
            QPointF(x, y),
            QPointF(x + size * 0.35, y + size),
            QPointF(x, y + size * 0.75),
            QPointF(x - size * 0.35, y + size),
        ]
    )
    painter.setPen(QPen(QColor("#222"), 1))
    painter.setBrush(QColor("#222"))
    painter.drawPolygon(arrow)
    painter.setFont(QFont("sans-serif", max(7, int(size * 0.35))))
    painter.drawText(
        QRectF(x - size / 2, y + size, size, size * 0.6), Qt.AlignmentFlag.AlignCenter, "N 北"
    )
