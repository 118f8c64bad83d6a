"""Every name the exported map gives its controls is Chinese first (with English): the bar,
the panels, Leaflet's own buttons and the popup, in Chromium."""

from __future__ import annotations

import re

import pytest

# Each control's names: its tooltip, accessible name, placeholder and, for a button, its text.
NAMES = """() => {
  const names = [], named = '[title], [aria-label], [placeholder], button, a[role=button]';
  for (const node of document.querySelectorAll(named)) {
    if (node.closest('.leaflet-control-attribution') || node.offsetParent === null) continue;
    for (const attribute of ['title', 'aria-label', 'placeholder']) {
      const value = node.getAttribute(attribute);
      if (value) names.push([node.className, attribute, value]);
    }
    if (node.matches('button') && node.textContent.trim() && node.textContent.trim() !== '×')
      names.push([node.className, 'text', node.textContent.trim()]);
  }
  return names;
}"""
CHINESE = re.compile(r"^[^A-Za-z]*[\u4e00-\u9fff]")  # Chinese before any English word


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_every_control_is_named_in_chinese_first(open_offline, map_html, size):
    page = open_offline(map_html, viewport=size).page
    page.click(".envmap-toggle-filters")
    names = page.evaluate(NAMES)
    page.evaluate("window.envmap.open('liangjiu-dock')")
    page.wait_for_timeout(300)
    names += page.evaluate(NAMES)
    assert len(names) > 10
    english_only = [name for name in names if not CHINESE.search(name[2])]
    assert english_only == []


def test_a_location_note_names_its_document_by_title_in_both_languages(
    open_offline, map_html, catalog
):
    """The popup's basis reads as the window's details do: no curator's document numbers or
    research file names, the Chinese on its own line above the English."""
    page = open_offline(map_html, viewport=(1366, 768)).page
    page.evaluate("window.envmap.open('changjiang-msa-rescue-base')")
    page.wait_for_selector(".leaflet-popup-content dd")
    facts = page.locator(".leaflet-popup-content dl").inner_text()
    document = next(d for i, d in catalog.documents.items() if i.startswith("000_"))
    assert f"《{document.title_zh}》" in facts and document.title_en in facts
    assert not re.search(r"doc \d{3}|文件\d{3}|gazetteer\.md|domain\.md", facts)


@pytest.mark.parametrize("site_id", ["changjiang-msa-rescue-base", "pinghumen-water-plant"])
def test_a_location_says_how_it_was_found_in_the_windows_words(
    open_offline, map_html, catalog, site_id
):
    """Not a bare "估计 estimate" for every estimate: 示意 schematic, 地标 landmark … as the
    window's details say it (gis.notes_zh.basis_words)."""
    from gis.notes_zh import basis_words

    page = open_offline(map_html, viewport=(1366, 768)).page
    page.evaluate(f"window.envmap.open('{site_id}')")
    page.wait_for_selector(".leaflet-popup-content dd")
    facts = page.locator(".leaflet-popup-content dl").inner_text()
    assert basis_words(catalog.site(site_id).location.basis) in facts


def test_a_status_from_an_imported_notice_is_quoted_in_the_popup(
    open_offline, catalog, user_folder, tmp_path
):
    """The popup says what a newer notice's status rests on: its words, title and paragraph."""
    from datetime import date

    from gis.cli import main
    from gis.geocode import GazetteerGeocoder
    from gis.user_catalog import ACCEPTED, start_review

    notice = tmp_path / "notice.txt"
    notice.write_text(
        "武汉市通报\n2025年5月20日，长江海事巡航救助基地已完成搬迁。\n", encoding="utf-8"
    )
    review = start_review(user_folder, notice, date(2025, 6, 1), GazetteerGeocoder(catalog))
    for index, candidate in enumerate(review.candidates):
        if candidate.get("lon") is not None:
            review.decide(index, ACCEPTED)
    review.finish()
    page_file = tmp_path / "map.html"
    assert main(["export", "html", str(page_file)]) == 0
    page = open_offline(page_file, viewport=(1366, 768)).page
    page.evaluate("window.envmap.open('changjiang-msa-rescue-base')")
    page.wait_for_selector(".leaflet-popup")
    said = page.inner_text(".leaflet-popup")
    assert "新文件所述 as a newer document states" in said
    assert "2025年5月20日，长江海事巡航救助基地已完成搬迁。" in said and "第2段" in said
