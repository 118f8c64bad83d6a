"""Every text the interface shows is in its language: in the Chinese interface no English-only
text (bilingual is fine: Chinese first with the English beside it), in the English interface
no Chinese-only text except the data's own names and quotes. Walks every widget, action,
header, item and tooltip of the window and its dialogs, and the details of every site."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from desktop.app import Desktop

CJK = re.compile(r"[\u4e00-\u9fff]")
# Names, formats and units that read the same in both languages
NEUTRAL = {
    "WGS84", "CGCS2000", "CSV", "XLSX", "PDF", "PNG", "HTML", "SQLite", "GeoPackage", "Ctrl",
    "Shift", "Esc", "dpi", "km", "mm", "OpenStreetMap", "cnmaps", "data", "MIT", "AMap",
    "GCJ", "PySide6", "Python", "Qt", "LGPL", "postgresql", "psycopg", "English", "EnvMap",
    "Wuhan", "OSM", "Tianditu", "Esri", "CartoDB", "Carto", "Gaode", "ODbL", "MSA", "GitHub",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def english_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in NEUTRAL and not w.startswith("http")]


def texts_of(root: QObject) -> list[tuple[str, str]]:
    """(where, text) for everything a user reads in `root` and its children, contents of
    text browsers and table cells (the documents' own words) aside."""
    found: list[tuple[str, str]] = []
    for obj in [root, *root.findChildren(QObject)]:
        where = f"{type(obj).__name__} {obj.objectName()}"
        if isinstance(obj, QWidget):
            found += [(where + " title", obj.windowTitle()), (where + " tip", obj.toolTip())]
        if isinstance(obj, QAction):
            found += [(where, obj.text()), (where + " tip", obj.toolTip())]
        if isinstance(obj, (QLabel, QAbstractButton, QGroupBox)):
            found.append((where, obj.title() if isinstance(obj, QGroupBox) else obj.text()))
        if isinstance(obj, (QLineEdit, QTextEdit)):
            found.append((where + " placeholder", obj.placeholderText()))
        if isinstance(obj, QComboBox):
            found += [(where + " item", obj.itemText(i)) for i in range(obj.count())]
        if isinstance(obj, QTabBar):
            found += [(where + " tab", obj.tabText(i)) for i in range(obj.count())]
        if isinstance(obj, QDockWidget):
            found.append((where, obj.windowTitle()))
        if isinstance(obj, QTableView) and obj.model() is not None:
            model = obj.model()
            found += [
                (where + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(obj.horizontalHeader().count())
            ]
    return [(w, t.replace("&", "")) for w, t in found if t and "<" not in t]


def wrong_language(texts: list[tuple[str, str]], language: str, data: set[str]) -> list:
    wrong = []
    for where, text in texts:
        if text in data:
            continue
        if language == "zh" and english_words(text) and not CJK.search(text):
            wrong.append((where, text))
        if language == "en" and CJK.search(text) and not english_words(text):
            wrong.append((where, text))
    return wrong


def data_names(window) -> set[str]:
    catalog = window.catalog
    names = {s.name_zh for s in catalog.sites} | {"中文", "English"}
    names |= {d.title_zh for d in catalog.documents.values()}
    names |= set(window.canvas.districts.get("wuhan-citywide", ()))
    return names


def open_dialogs(window) -> list[QWidget]:
    from desktop.html_export import HtmlExportDialog
    from desktop.status import StatusDialog

    measure = window.catalog.sites[0].measures[0]
    dialogs = [
        window.exports.print_layout(),
        StatusDialog(f"{measure.text_zh}\n{measure.text_en}", measure.status, window),
        HtmlExportDialog(False, window),
        window.search_dialog,
        window.tools.shortcuts(),
        window.tools.about(),
    ]
    return dialogs


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_widget_speaks_the_interface_language(qtbot, map_data, language):
    desktop = Desktop(map_data)
    if language == "en":
        desktop.switch_language("en")
    window = desktop.window
    qtbot.addWidget(window)
    roots = [window, *open_dialogs(window)]
    texts = [t for root in roots for t in texts_of(root)]
    assert len(texts) > 150
    wrong = wrong_language(texts, language, data_names(window))
    assert sorted({text for _, text in wrong}) == [], wrong


def detail_lines(window) -> list[list[str]]:
    """The details panel's text as blocks (paragraphs) of lines."""
    document = window.details.document()
    block, blocks = document.begin(), []
    while block.isValid():
        lines = [line.strip() for line in block.text().split("\u2028")]
        blocks.append([line for line in lines if line])
        block = block.next()
    return blocks


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_site_s_details_speak_the_interface_language(qtbot, map_data, language):
    """Chinese first with the English beneath is bilingual: an English-only line must follow
    a Chinese one in its paragraph, and a Chinese-only line be followed by its English, or be
    the data's own words (names, quotes, glosses)."""
    desktop = Desktop(map_data)
    if language == "en":
        desktop.switch_language("en")
    window = desktop.window
    qtbot.addWidget(window)
    data = data_names(window)
    catalog = window.catalog
    data |= {e.quote for m in catalog.measures() for e in m.evidence}
    data |= {s.name_en for s in catalog.sites} | {m.text_en for m in catalog.measures()}
    wrong = []
    for site in catalog.sites:
        window.details.show_site(site.id)
        for lines in detail_lines(window):
            for index, line in enumerate(lines):
                if line in data or line[1:-1] in data:  # a quote comes in “…”
                    continue
                before = lines[index - 1] if index else ""
                after = lines[index + 1] if index + 1 < len(lines) else ""
                english_only = english_words(line) and not CJK.search(line)
                chinese_only = CJK.search(line) and not english_words(line)
                untranslated = (language == "zh" and english_only and not CJK.search(before)) or (
                    language == "en" and chinese_only and not english_words(after)
                )
                if untranslated:
                    wrong.append((site.id, line))
    assert sorted({text for _, text in wrong}) == [], wrong


def test_every_site_note_has_its_chinese(catalog):
    from gis.notes_zh import note_zh

    notes = {s.location.estimated_from or s.location.source for s in catalog.sites}
    assert [note for note in notes if not note_zh(note)] == []


def test_chinese_details_show_the_site_note_in_chinese(qtbot, window):
    from gis.notes_zh import readable_note

    for site in window.catalog.sites:
        window.details.show_site(site.id)
        english = site.location.estimated_from or site.location.source
        note, _ = readable_note(english, window.catalog.documents)
        assert note and note in window.details.toPlainText().replace("\u2028", "\n")


def test_details_cite_documents_by_title_not_by_the_curators_numbers(qtbot, window):
    import re

    cryptic = re.compile(r"doc \d{3}|文件\d{3}|gazetteer\.md|domain\.md")
    for site in window.catalog.sites:
        window.details.show_site(site.id)
        assert not cryptic.search(window.details.toPlainText()), site.id


def test_english_keeps_the_district_filter_and_shows_the_whole_placeholder(qtbot, map_data):
    desktop = Desktop(map_data)
    qtbot.addWidget(desktop.window)
    layers = desktop.window.layers
    layers.district.setCurrentIndex(layers.district.findData("江岸区"))
    shown = desktop.window.measures.proxy.rowCount()
    desktop.switch_language("en")
    window = desktop.window
    qtbot.addWidget(window)
    assert window.layers.district.currentData() == "江岸区"
    assert "Jiang'an" in window.layers.district.currentText()
    assert window.site_filter.districts == frozenset({"江岸区"})
    assert window.measures.proxy.rowCount() == shown
    assert window.layers.document.itemText(0) == "All"
    label = next(w for w in window.layers.findChildren(QLabel) if w.text() == "Document")
    assert label is not None
    details = window.details
    details.show_site(None)
    text = details.placeholderText()
    assert text.startswith("Click")
    room = details.viewport().width() - 2 * details.document().documentMargin()
    assert details.fontMetrics().horizontalAdvance(text) <= room


def test_review_dialog_speaks_chinese_about_locations(qtbot, user_window, warning_of):
    from tests.desktop.test_review import _imported

    dialog = _imported(qtbot, user_window)
    qtbot.addWidget(dialog)
    located = [i for i, c in enumerate(dialog.review.candidates) if c.get("lon") is not None]
    unlocated = [i for i, c in enumerate(dialog.review.candidates) if c.get("lon") is None]
    assert located and unlocated
    for index in located:
        dialog.list.setCurrentRow(index)
        text = dialog.location.text()
        assert CJK.search(text) and ":" not in text.split("(")[-1], text  # no "gazetteer:exact"
    dialog.list.setCurrentRow(unlocated[0])
    assert "尚未定位" in warning_of(dialog.accept_button.click)


def test_english_table_statuses_and_map_tooltips_carry_english(qtbot, map_data):
    from desktop.panels.measures import SHOWN

    desktop = Desktop(map_data)
    desktop.switch_language("en")
    window = desktop.window
    qtbot.addWidget(window)
    proxy = window.measures.proxy
    for key in ("status", "category"):
        column = SHOWN.index(key)
        cells = {proxy.index(r, column).data() for r in range(proxy.rowCount())}
        assert cells and all(english_words(cell) for cell in cells), cells
    canvas = window.canvas
    for site_id in list(canvas.points.index)[:10]:
        canvas.zoom_to_site(site_id)
        tip = canvas.tooltip_at(canvas.mapFromScene(canvas.site_scene_pos(site_id)))
        assert english_words(tip) and CJK.search(tip), tip
