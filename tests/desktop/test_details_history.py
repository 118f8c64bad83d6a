"""The details of a measure whose status a newer imported notice gives: the notice's own words
with their paragraph, and months coloured by the rules that pick the status that holds."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QUrl

from desktop.map.style import status_colour
from desktop.panels.details import DetailsPanel
from gis import Status
from gis.geocode import GazetteerGeocoder
from gis.layers import site_districts
from gis.state import state_from_store
from gis.store import StatusStore
from gis.user_catalog import ACCEPTED, document_updates, start_review, with_user_sites

DOCK = "liangjiu-dock"
REPORT = "武昌区通报饮用水水源保护区整治进展\n2025年5月20日，良久商贸码头已完成搬迁。\n"
SAID = "2025年5月20日，良久商贸码头已完成搬迁。"


def _panel(
    qtbot, catalog, user_folder, tmp_path, closed_out: bool, site: str = DOCK, text: str = REPORT
) -> DetailsPanel:
    notice = tmp_path / "notice.txt"
    notice.write_text(text, encoding="utf-8")
    review = start_review(user_folder, notice, date(2025, 6, 1), GazetteerGeocoder(catalog))
    for index, candidate in enumerate(review.candidates):
        if candidate.get("lon") is not None:
            review.decide(index, ACCEPTED)
    review.finish()
    mine = with_user_sites(catalog, user_folder)
    store = StatusStore(tmp_path / "status.sqlite", mine)
    if closed_out:
        measure = mine.site(DOCK).measures[0].id
        store.set_status(measure, "closed_out", "2024-03-01", "验收", "区环保局", evidence="验收书")
    panel = DetailsPanel(mine, site_districts(mine))
    qtbot.addWidget(panel)
    panel.store = store
    panel.state = state_from_store(store, imported=document_updates(mine, user_folder))
    panel.show_site(site)
    return panel


def test_a_status_from_an_imported_notice_shows_its_words_and_opens_them(
    qtbot, catalog, user_folder, tmp_path
):
    panel = _panel(qtbot, catalog, user_folder, tmp_path, closed_out=False)
    text = panel.toPlainText()
    assert "现状 Now: 已完成 completed 截至 as of 2025-05-20 · 新文件所述" in text
    assert f"“{SAID}”" in text and "第2段 paragraph 2" in text
    links = re.findall(r'href="(quote:\d+)"', panel.toHtml())
    link = next(u for u in links if panel.quotes[int(u.split(":")[1])]["quote"] == SAID)
    with qtbot.waitSignal(panel.quoteActivated) as opened:
        panel.anchorClicked.emit(QUrl(link))
    document, paragraph, quote = opened.args
    assert (paragraph, quote) == (2, SAID)
    assert panel.catalog.documents[document].path.read_text(encoding="utf-8") == REPORT


def _months(panel: DetailsPanel) -> dict[tuple[int, int], str]:
    """The strip's colour of each month, from its cells and its caption's first month."""
    colours = re.findall(r'<td width="8" bgcolor="(#[0-9a-f]{6})"', panel.toHtml())
    year, month = map(int, re.search(r"By month: (\d{4})-(\d{2})", panel.toPlainText()).groups())
    shown = {}
    for colour in colours:
        shown[(year, month)] = colour
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return shown


def test_the_months_follow_the_notice_and_the_rules_that_pick_the_status(
    qtbot, catalog, user_folder, tmp_path
):
    base = "changjiang-msa-rescue-base"  # in progress in its 2017 document
    text = "武汉市通报饮用水水源保护区整治进展\n2025年5月20日，长江海事巡航救助基地已完成搬迁。\n"
    months = _months(_panel(qtbot, catalog, user_folder, tmp_path, False, base, text))
    done = status_colour(Status.COMPLETED).name()
    assert months[(2025, 5)] == done and months[max(months)] == done
    assert months[(2025, 4)] == status_colour(Status.IN_PROGRESS).name()


def test_the_months_after_a_close_out_stay_closed_out_when_a_notice_says_completed(
    qtbot, catalog, user_folder, tmp_path
):
    panel = _panel(qtbot, catalog, user_folder, tmp_path, closed_out=True)
    assert "现状 Now: 已销号 closed out 截至 as of 2024-03-01" in panel.toPlainText()
    months = _months(panel)
    assert set(months.values()) == {status_colour(Status.CLOSED_OUT).name()}
    assert (2025, 6) in months  # after the notice's "completed"
