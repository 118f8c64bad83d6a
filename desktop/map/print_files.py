"""A report's pages written to files: a PDF (vector, fonts embedded) or one PNG per page at
300 dpi, the dpi recorded so Word prints it to size. Each is written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

from desktop.map.canvas import MapCanvas
from desktop.map.paper import LAYOUT_DPI, MM_PER_INCH, Paper
from desktop.map.print_layout import TITLE, Layout, LayoutOptions
from gis.atomic import replacing, write_bytes


def write_pdf(canvas: MapCanvas, paper: Paper, options: LayoutOptions, out: Path) -> Layout:
    """Write the report as a PDF of the paper's real size; OSError if it cannot be written
    (then the file that was there is left as it was). The PDF is made in memory: Qt's PDF
    writer does not report a full disk, Python's file writing does."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    buffer.setParent(writer)  # lives as long as the writer the returned layout keeps
    writer.setPageSize(paper.page_size)
    writer.setPageOrientation(paper.orientation)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(int(LAYOUT_DPI))
    writer.setTitle(options.title)
    writer.setCreator(TITLE)
    layout = Layout(paper, options, canvas, writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {out}")
    for index in range(len(layout.pages)):
        if index:
            writer.newPage()
        layout.paint(painter, canvas, index)
    if not painter.end():
        raise OSError(f"could not write {out}")
    buffer.close()
    write_bytes(out, bytes(buffer.data().data()))
    return layout


def page_image(paper: Paper, dpi: float) -> QImage:
    """A white page whose logical unit is the layout's (96 dpi) and whose pixels are `dpi`."""
    image = QImage(*paper.pixels(dpi), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    per_metre = round(LAYOUT_DPI / MM_PER_INCH * 1000)
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    image.setDevicePixelRatio(dpi / LAYOUT_DPI)
    return image


def png_paths(out: Path, count: int) -> list[Path]:
    """OUT.png, then OUT-2.png, OUT-3.png … for a table's further pages."""
    return [out] + [out.with_name(f"{out.stem}-{n}{out.suffix}") for n in range(2, count + 1)]


def write_png(
    canvas: MapCanvas, paper: Paper, options: LayoutOptions, out: Path, dpi: float = 300.0
) -> list[Path]:
    """Write each page as a PNG at `dpi`, with the dpi recorded so Word prints it to size."""
    image = page_image(paper, dpi)
    layout = Layout(paper, options, canvas, image)
    paths = png_paths(out, len(layout.pages))
    for index, path in enumerate(paths):
        if index:
            image = page_image(paper, dpi)
        painter = QPainter(image)
        layout.paint(painter, canvas, index)
        painter.end()
        _save_png(image, path, dpi)
    return paths


def _save_png(image: QImage, path: Path, dpi: float) -> None:
    """Save with `dpi` recorded, then give the image back its layout units: the first page's
    image is also the device the table's text is measured and laid out for, page by page."""
    units = image.dotsPerMeterX()
    image.setDotsPerMeterX(round(dpi / MM_PER_INCH * 1000))
    image.setDotsPerMeterY(image.dotsPerMeterX())
    try:  # PySide6's stub types `format` as bytes, but QImage.save accepts only a str there.
        with replacing(path, ".png") as temporary:
            if not image.save(str(temporary), "PNG"):  # type: ignore[call-overload]
                raise OSError(f"could not write {path}")
    finally:
        image.setDotsPerMeterX(units)
        image.setDotsPerMeterY(units)


def write_layout(canvas: MapCanvas, paper: Paper, options: LayoutOptions, out: Path) -> list[Path]:
    """PDF or PNG by the file's suffix; returns the files written."""
    if out.suffix.lower() == ".pdf":
        write_pdf(canvas, paper, options, out)
        return [out]
    return write_png(canvas, paper, options, out)
