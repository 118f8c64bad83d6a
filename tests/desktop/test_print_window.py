"""The window's print layout read back from the PDF: every table cell whole (compared with
pdftotext's text), the due date printed, the map filling the first page, the choices
remembered, and the same pages sent to a printer and shown in the print preview."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import QSettings

from desktop.map.print_table import COLUMNS
from gis.export.records import rows_in_district
from tests.desktop.test_print_layout import flat_text, page_size, pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def _record(qtbot, window, measure_id: str, status: str, as_of: str) -> None:
    values = {"status": status, "as_of": as_of, "note": "", "evidence": "验收报告",
              "attachment": "", "author": "测试"}  # fmt: skip
    with qtbot.waitSignal(window.tracking.changed):
        assert window.recording.record_status(measure_id, values)


@pytest.mark.parametrize("district", ["江夏区", "江岸区"])
def test_every_printed_cell_is_whole_in_the_pdf(qtbot, tracked, map_data, tmp_path, district):
    window = tracked
    rows = rows_in_district(window.measures.model.rows, map_data.districts, district)
    # dated statuses, the long cells that used to be cut ("计划（2017-12-")
    dated = [r for r in rows if r["target_date"]][:1] + [r for r in rows if not r["target_date"]][
        :2
    ]
    for row, status in zip(dated, ("planned", "in_progress", "closed_out"), strict=False):
        _record(qtbot, window, row["measure_id"], status, "2017-12-31")
    dialog = window.exports.print_layout()
    dialog.district.setCurrentIndex(dialog.district.findData(district))
    dialog.orientation.setCurrentIndex(dialog.orientation.findData("portrait"))  # narrowest
    table = dialog.options().table
    assert table is not None and len(table.rows) == len(rows)
    out = tmp_path / "cells.pdf"
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(out)
    text = flat_text(out, "-raw")  # drawing order: each cell's lines stay together
    cells = [_flat(str(row[key] or "")) for row in table.rows for key, _ in COLUMNS]
    missing = [cell for cell in cells if cell not in text]
    assert not missing, missing[:5]
    assert "计划（2017-12-31）" in text
    due = [row for row in table.rows if row["target_date"]]
    assert all(_flat(row["measure"] + row["status"] + row["target_date"]) in text for row in due)
    if district == "江夏区":  # jiangxia-7 is due by the end of 2017
        assert any(row["measure_id"] == "jiangxia-7" for row in due)


def test_the_map_fills_the_first_page_and_the_table_follows(qtbot, window, tmp_path):
    dialog = window.exports.print_layout()
    dialog.district.setCurrentIndex(dialog.district.findData("洪山区"))
    out = tmp_path / "big.pdf"
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(out)
    from desktop.map.paper import PRESETS
    from desktop.map.print_layout import Layout

    layout = Layout(PRESETS[dialog.preset()], dialog.options(), window.canvas, window.canvas)
    first = layout.pages[0]
    page = first.page.width() * first.page.height()
    assert first.map_frame.width() * first.map_frame.height() > 0.55 * page
    assert first.table_area is None and pages(out) == len(layout.pages) >= 2


def test_layout_choices_are_remembered(qtbot, window, tmp_path):
    dialog = window.exports.print_layout()
    dialog.paper.setCurrentIndex(dialog.paper.findData("a3"))
    dialog.orientation.setCurrentIndex(dialog.orientation.findData("portrait"))
    dialog.title.setText("江岸区整改进展")
    dialog.format.setCurrentIndex(dialog.format.findData(".png"))
    dialog.remember()
    dialog.close()
    again = window.exports.print_layout()
    assert again.preset() == "a3-portrait"
    assert again.title.text() == "江岸区整改进展" and again.format.currentData() == ".png"
    assert QSettings().value("print/paper") == "a3"


def test_printer_and_preview_get_the_pdfs_pages(qtbot, window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    dialog = window.exports.print_layout()
    dialog.district.setCurrentIndex(dialog.district.findData("洪山区"))
    pdf = tmp_path / "saved.pdf"
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(pdf)
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    printed = tmp_path / "printed.pdf"
    assert pages(printed) == pages(pdf)
    assert all(abs(a - b) <= 1 for a, b in zip(page_size(printed), page_size(pdf), strict=True))
    preview = dialog.preview()
    qtbot.addWidget(preview)
    preview.show()
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == pages(pdf), timeout=30_000)


@pytest.mark.parametrize("width_mm", [90, 140])
def test_a_narrow_table_still_prints_every_cell_whole(qapp, map_data, tmp_path, width_mm):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPainter, QPdfWriter

    from desktop.map.paper import LAYOUT_DPI, PRESETS, mm
    from desktop.map.print_table import MeasuresTable, TableFlow
    from gis.export.records import ledger_rows

    rows = rows_in_district(ledger_rows(map_data.catalog), map_data.districts, "江夏区")
    statuses = ("计划（2017-12-31） 逾期", "已销号（2018-03-01）", "推进中（2017-12-31）")
    rows = [{**row, "status": statuses[i % 3]} for i, row in enumerate(rows[:12])]
    out = tmp_path / "narrow.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(PRESETS["a4-portrait"].page_size)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(int(LAYOUT_DPI))
    flow = TableFlow(MeasuresTable("江夏区", rows), mm(width_mm), writer, mm(270))
    painter = QPainter(writer)
    flow.draw(painter, mm(10), mm(10), 0, flow.fit(0, mm(270)))
    painter.end()
    text = flat_text(out, "-raw")
    shown = flow.fit(0, mm(270))
    assert shown >= 3
    missing = [
        cell for row in rows[:shown] for key, _ in COLUMNS
        if (cell := _flat(str(row[key] or ""))) not in text
    ]  # fmt: skip
    assert not missing, missing[:5]
    # …and none runs over its column's edge (a clipped cell's text stays in the PDF, so
    # only the words' positions show a cut): no word crosses a column boundary.
    edges, x = [], mm(10)
    for width in flow.widths:
        x += width
        edges.append(x * 72 / LAYOUT_DPI)  # points, as pdftotext reports them
    crossing = [
        (word, edge) for word, left, right in _word_boxes(out) for edge in edges
        if left < edge - 0.5 and right > edge + 0.5
    ]  # fmt: skip
    assert not crossing, crossing[:5]


def _word_boxes(pdf) -> list[tuple[str, float, float]]:
    """Every word pdftotext finds on page 1 with its left and right edge in points."""
    from tests.desktop.test_print_layout import run

    html = run("pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', html
    )
    return [(text, float(left), float(right)) for left, right, text in found]


def test_the_selected_district_s_red_outline_stays_on_screen_not_on_paper(
    qtbot, window, map_data, tmp_path
):
    """The selection is the window's pointer, not a map symbol: the saved PDF and the pages
    sent to a printer (which the preview shows) carry no red outline unless 用红框标出所选点位
    is ticked; the window keeps it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage
    from PySide6.QtPrintSupport import QPrinter

    from desktop.map import style
    from desktop.map.paper import PRESETS
    from desktop.map.print_layout import Layout
    from tests.desktop.test_print_layout import count, run, scaled

    district = next(f.id for f in map_data.layer("districts") if f.name_zh == "洪山区")
    window.go_to_site(district)
    screen = window.canvas.viewport().grab().toImage()
    assert count(screen, QRectF(screen.rect()), style.SELECTION, 30, 2) > 50  # shown here
    dialog = window.exports.print_layout()
    dialog.extent.setCurrentIndex(dialog.extent.findData("district"))
    dialog.district.setCurrentIndex(dialog.district.findData("洪山区"))
    saved, printed = tmp_path / "saved.pdf", tmp_path / "printed.pdf"
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(saved)
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer)
    layout = Layout(PRESETS[dialog.preset()], dialog.options(), window.canvas, window.canvas)
    frame = scaled(layout.pages[0].map_frame, 50)
    district_colour = style.DISTRICT_FILL
    for pdf in (saved, printed):
        run("pdftoppm", "-r", "50", "-png", "-singlefile", "-f", "1", pdf, tmp_path / pdf.stem)
        page = QImage(str(tmp_path / f"{pdf.stem}.png"))
        assert count(page, frame, district_colour, 12, 2) > 500, pdf  # the map is there
        assert count(page, frame, style.SELECTION, 30, 1) == 0, pdf
    assert window.canvas.selected == district  # the window's selection is kept
    after = window.canvas.viewport().grab().toImage()
    assert count(after, QRectF(after.rect()), style.SELECTION, 30, 2) > 50
    # …and the page carries it when asked for, the choice remembered
    assert dialog.highlight.isVisible() and not dialog.highlight.isChecked()
    dialog.highlight.setChecked(True)
    asked = tmp_path / "asked.pdf"
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(asked)
    run("pdftoppm", "-r", "50", "-png", "-singlefile", "-f", "1", asked, tmp_path / "asked")
    page = QImage(str(tmp_path / "asked.png"))
    assert count(page, frame, style.SELECTION, 30, 1) > 50
    dialog.remember()  # as Save, Print and the preview do
    assert window.exports.print_layout().highlight.isChecked()
