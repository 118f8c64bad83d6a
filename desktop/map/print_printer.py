"""The print layout sent to a printer or shown in a print preview: the very pages the PDF
has (same plan, same painting), each rendered at the printer's resolution, up to 300 dpi, and
placed on the whole sheet."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop.map.canvas import MapCanvas
from desktop.map.paper import Paper
from desktop.map.print_files import page_image
from desktop.map.print_layout import Layout, LayoutOptions

MAX_DPI = 300.0


def prepare(printer: QPrinter, paper: Paper) -> None:
    """Ask the printer for the layout's paper, edge to edge (the layout has its margins)."""
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(paper.page_size, paper.orientation, QMarginsF(0, 0, 0, 0)))


def print_layout(canvas: MapCanvas, paper: Paper, options: LayoutOptions, printer: QPrinter) -> int:
    """Paint every page of the layout on `printer`; returns the number of pages. OSError
    when the printer cannot be opened."""
    dpi = min(MAX_DPI, float(printer.resolution()))
    layout = Layout(paper, options, canvas, page_image(paper, dpi))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {printer.printerName() or printer.outputFileName()}")
    try:
        for index in range(len(layout.pages)):
            if index:
                printer.newPage()
            page = page_image(paper, dpi)
            page_painter = QPainter(page)
            layout.paint(page_painter, canvas, index)
            page_painter.end()
            sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(0, 0, sheet.width(), sheet.height()), page)
    finally:
        painter.end()
    return len(layout.pages)
