"""The print layout of a report: title, map, legend, scale bar, north arrow, date, sources and
credits on the first page, the map as large as the page allows; optionally a district's
measures table on the pages after it.

Positions are millimetres on paper, drawn in 96-dpi layout units (see `paper`), so one plan
serves both outputs (print_files.py writes them): a PDF through QPdfWriter (vector; fonts
embedded) and a PNG at 300 dpi.
The map is the canvas's own scene, so the page shows what the window shows: tracked
statuses, filters, hidden layers. Not the selection: its red outline is the window's pointer
to what the user clicked, so a page carries it only when asked (`LayoutOptions.highlight`,
e.g. a picture around one site).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTransform,
)

from desktop.map import decorations, style
from desktop.map.canvas import MapCanvas
from desktop.map.paper import Paper, mm
from desktop.map.print_fonts import print_font
from desktop.map.print_table import MeasuresTable, TableFlow
from gis import Catalog, MapData
from gis.boundaries import attribution
from gis.crs import to_web_mercator
from gis.water import WATER_ATTRIBUTION

PRINT_OVERSAMPLING = 2.0  # basemap tiles on a vector page: twice the layout's resolution

TITLE = "武汉环保行动地图 Wuhan EnvMap"
MARGIN_MM = 10.0
GAP_MM = 3.0
SITE_ZOOM = 6  # a site's map shows a sixth of Wuhan's width around it
NOTICE = "水源保护区为示意 zones are schematic · 仅供内部使用 internal use only (no 审图号)"
TEXT = QColor("#222222")


@dataclass(frozen=True)
class LayoutOptions:
    title: str = TITLE
    subtitle: str = ""
    extent: QRectF | None = None  # scene (Web Mercator) rectangle to show; None: all Wuhan
    credits: Sequence[str] = ()  # e.g. the basemap's credit, printed with the others
    table: MeasuresTable | None = None
    today: date = field(default_factory=date.today)
    highlight: str | None = None  # a site outlined in red as the window's selection is


@dataclass
class PagePlan:
    """Where everything goes on one page, in layout units; tests read it to find the map."""

    page: QRectF
    title: QRectF
    footer: QRectF
    map_frame: QRectF | None = None
    legend: QRectF | None = None
    legend_columns: int = 2
    table_area: QRectF | None = None
    rows: tuple[int, int] = (0, 0)


def view_extent(canvas: MapCanvas) -> QRectF:
    """What the window's map shows now."""
    return canvas.mapToScene(canvas.viewport().rect()).boundingRect()


def site_extent(canvas: MapCanvas, site_id: str) -> QRectF:
    """At least a sixth of Wuhan's width each way around the site."""
    side = canvas.wuhan_rect().width() / SITE_ZOOM
    rect = QRectF(0, 0, side, side)
    rect.moveCenter(canvas.site_scene_pos(site_id))
    return rect


def district_extent(map_data: MapData, district: str) -> QRectF:
    """The district's outline with a little room around it."""
    outline = next(f.shape for f in map_data.layer("districts") if f.name_zh == district)
    left, bottom, right, top = to_web_mercator(outline).bounds  # the scene's metres
    pad = max(right - left, top - bottom) * 0.05
    return QRectF(left - pad, -top - pad, right - left + 2 * pad, top - bottom + 2 * pad)


class Layout:
    """A report's pages planned for a paint device, then painted one by one."""

    def __init__(
        self, paper: Paper, options: LayoutOptions, canvas: MapCanvas, device: QPaintDevice
    ):
        self.options = options
        self.extent = options.extent or canvas.wuhan_rect()
        self.device = device
        size = paper.size_mm
        self.page = QRectF(0, 0, mm(size.width()), mm(size.height()))
        self.landscape = size.width() > size.height()
        self.title_points = min(22.0, max(12.0, 16.0 * min(size.width(), size.height()) / 210))
        self.sources = self._sources(canvas.catalog)
        self.flow: TableFlow | None = None  # the table's pages, after the map's
        self.pages = self._plan()

    def _sources(self, catalog: Catalog) -> str:
        documents = "；".join(d.title_zh for d in catalog.documents.values())
        credits = " · ".join([attribution(), WATER_ATTRIBUTION, *self.options.credits])
        return f"来源 Sources: {documents}\n{credits}\n{NOTICE}"

    def _metrics(self, points: float, bold: bool = False) -> QFontMetricsF:
        return QFontMetricsF(print_font(points, bold), self.device)

    def _content(self) -> QRectF:
        margin = mm(MARGIN_MM)
        return self.page.adjusted(margin, margin, -margin, -margin)

    def _footer(self, content: QRectF, text: str) -> QRectF:
        wrap = Qt.TextFlag.TextWordWrap
        width = content.width() - mm(50)
        height = self._metrics(6.5).boundingRect(QRectF(0, 0, width, 1e6), wrap, text).height()
        height = max(height, 2 * self._metrics(7).height())
        return QRectF(content.left(), content.bottom() - height, content.width(), height)

    def _plan(self) -> list[PagePlan]:
        content = self._content()
        title_h = self._metrics(self.title_points, bold=True).height()
        if self.options.subtitle:
            title_h += self._metrics(10).height()
        title = QRectF(content.left(), content.top(), content.width(), title_h)
        footer = self._footer(content, self.sources)
        body = QRectF(
            content.left(),
            title.bottom() + mm(GAP_MM),
            content.width(),
            footer.top() - title.bottom() - 2 * mm(GAP_MM),
        )
        first = PagePlan(self.page, title, footer)
        self._place_map(first, body)  # the whole first page: the map as large as it allows
        table = self.options.table
        if table is None:
            return [first]
        heading = self._metrics(9, bold=True).height() + mm(1)
        next_title = QRectF(title.topLeft(), QPointF(title.right(), title.top() + heading))
        next_footer = self._footer(content, "")
        next_area = QRectF(
            content.left(),
            next_title.bottom() + mm(GAP_MM),
            content.width(),
            next_footer.top() - next_title.bottom() - 2 * mm(GAP_MM),
        )
        self.flow = TableFlow(table, next_area.width(), self.device, next_area.height())
        pages, count = [first], 0
        while count < len(table.rows) or len(pages) == 1:  # the table follows the map
            taken = max(1, self.flow.fit(count, next_area.height()))  # a row always moves on
            rows = (count, min(count + taken, len(table.rows)))
            pages.append(
                PagePlan(self.page, next_title, next_footer, table_area=next_area, rows=rows)
            )
            count += taken
        return pages

    def _place_map(self, plan: PagePlan, area: QRectF) -> None:
        """Put the legend beside or below the map where the map's shape leaves room for it,
        else inside the frame's lower-left corner."""
        aspect = self.extent.width() / self.extent.height()
        gap = mm(GAP_MM)
        side = decorations.Legend(self.device, columns=1).size()
        if area.width() - side.width() - gap >= area.height() * aspect * 0.9:
            plan.map_frame = QRectF(
                area.left(), area.top(), area.width() - side.width() - gap, area.height()
            )
            plan.legend = QRectF(QPointF(plan.map_frame.right() + gap, area.top()), side)
            plan.legend_columns = 1
            return
        below = decorations.Legend(self.device, columns=2).size()
        if area.height() - below.height() - gap >= area.width() / aspect * 0.9:
            plan.map_frame = QRectF(
                area.left(), area.top(), area.width(), area.height() - below.height() - gap
            )
            plan.legend = QRectF(QPointF(area.left(), plan.map_frame.bottom() + gap), below)
            return
        inset = mm(decorations.INSET_MM)
        plan.map_frame = area
        plan.legend = QRectF(
            QPointF(area.left() + inset, area.bottom() - inset - below.height()), below
        )

    def paint(self, painter: QPainter, canvas: MapCanvas, index: int) -> None:
        plan = self.pages[index]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(plan.page, QColor("white"))
        painter.setPen(TEXT)
        if plan.map_frame is not None:
            assert plan.legend is not None  # _place_map places both
            self._paint_title(painter, plan.title)
            scene = paint_map(painter, canvas, plan.map_frame, self.extent, self.options.highlight)
            legend = decorations.Legend(painter.device(), plan.legend_columns)
            legend.draw(painter, plan.legend.topLeft())
            decorations.draw_scale_bar(painter, plan.map_frame, scene)
            decorations.draw_north_arrow(painter, plan.map_frame)
        else:
            table = self.options.table
            assert table is not None  # only a table continues on further pages
            painter.setFont(print_font(9, bold=True))
            heading = f"{self.options.title} — {table.heading}"
            if plan.rows[0] > 0:
                heading += "（续 continued）"
            painter.drawText(plan.title, Qt.AlignmentFlag.AlignVCenter, heading)
        if plan.table_area is not None:
            self._paint_table(painter, plan)
        self._paint_footer(painter, plan, index)

    def _paint_title(self, painter: QPainter, rect: QRectF) -> None:
        painter.setFont(print_font(self.title_points, bold=True))
        painter.drawText(rect, Qt.AlignmentFlag.AlignTop, self.options.title)
        if self.options.subtitle:
            painter.setFont(print_font(10))
            painter.drawText(rect, Qt.AlignmentFlag.AlignBottom, self.options.subtitle)

    def _paint_table(self, painter: QPainter, plan: PagePlan) -> None:
        # _plan gives a page a table area, and makes the flow, only when there is a table.
        area, flow = plan.table_area, self.flow
        assert area is not None and flow is not None
        flow.draw(painter, area.left(), area.top(), *plan.rows)

    def _paint_footer(self, painter: QPainter, plan: PagePlan, index: int) -> None:
        footer = plan.footer
        painter.setPen(TEXT)
        if index == 0:
            painter.setFont(print_font(6.5))
            text_rect = QRectF(
                footer.left(), footer.top(), footer.width() - mm(50), footer.height()
            )
            painter.drawText(text_rect, Qt.TextFlag.TextWordWrap, self.sources)
        painter.setFont(print_font(7))
        lines = [f"制图日期 Date: {self.options.today.isoformat()}"]
        if len(self.pages) > 1:
            lines.append(
                f"第 {index + 1}/{len(self.pages)} 页 Page {index + 1} of {len(self.pages)}"
            )
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        painter.drawText(footer, right, "\n".join(lines))


@contextmanager
def _selecting(canvas: MapCanvas, site_id: str | None) -> Iterator[None]:
    """Draw the scene with only `site_id` selected (None: nothing), then give the window
    its own selection back."""
    selected = canvas.selected
    canvas.select(site_id)
    try:
        yield
    finally:
        canvas.select(selected)


@contextmanager
def _declutter_at(canvas: MapCanvas, scale: float) -> Iterator[None]:
    """Choose which district labels show for the print's scale, then give the view back."""
    saved = canvas.transform()
    scroll = canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value()
    canvas.setTransform(QTransform.fromScale(scale, scale))
    canvas.declutter_labels()
    try:
        yield
    finally:
        canvas.setTransform(saved)
        canvas.horizontalScrollBar().setValue(scroll[0])
        canvas.verticalScrollBar().setValue(scroll[1])
        canvas.declutter_labels()


def fit_extent(extent: QRectF, frame: QRectF) -> QRectF:
    """Grow the scene rectangle to the frame's aspect ratio, so the map is not distorted."""
    aspect = frame.width() / frame.height()
    width, height = extent.width(), extent.height()
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return QRectF(extent.center().x() - width / 2, extent.center().y() - height / 2, width, height)


def paint_map(
    painter: QPainter,
    canvas: MapCanvas,
    frame: QRectF,
    extent: QRectF,
    highlight: str | None = None,
) -> QRectF:
    """The canvas's scene, vector, clipped to the frame, with `highlight` (a site) outlined
    and no other selection; returns the scene rectangle shown. A basemap's tiles for the
    page's resolution are loaded first (they are images)."""
    scene = fit_extent(extent, frame)
    painter.save()
    painter.setClipRect(frame)
    painter.fillRect(frame, style.BACKGROUND)
    with ExitStack() as stack:
        if canvas.basemap is not None:
            pixels = frame.width() * max(PRINT_OVERSAMPLING, painter.device().devicePixelRatio())
            stack.enter_context(canvas.basemap.tiles_for_print(scene, scene.width() / pixels))
        stack.enter_context(_declutter_at(canvas, frame.width() / scene.width()))
        stack.enter_context(_selecting(canvas, highlight))
        canvas.scene().render(painter, frame, scene, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()
    painter.setPen(QPen(QColor("#333333"), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    return scene
