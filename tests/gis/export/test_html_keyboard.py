"""The exported map from the keyboard, in Chromium: search is a combobox whose hits the arrow
keys walk, a site chosen takes the focus to its popup or sheet and Escape gives it back, a panel
opened from its button takes the focus."""

from __future__ import annotations

import pytest

PHONE = (390, 844)


FOCUS_IN = "selector => document.activeElement.closest(selector) !== null"


@pytest.mark.parametrize("size", [(1366, 768), PHONE])
def test_keyboard_reads_a_found_site_and_comes_back(open_offline, map_html, size):
    page = open_offline(map_html, viewport=size).page
    page.keyboard.press("Tab")
    page.keyboard.type("良久商贸码头")
    page.keyboard.press("Enter")
    opened = ".envmap-sheet" if size == PHONE else ".leaflet-popup"
    page.wait_for_function("window.envmap.openId() === 'liangjiu-dock'")
    assert page.evaluate(FOCUS_IN, opened)  # Tab reads on in the popup, not from the top
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_IN, opened)
    page.keyboard.press("Escape")
    page.wait_for_function("window.envmap.openId() === null")
    page.wait_for_function(FOCUS_IN, arg=".envmap-search")  # back where the user was


@pytest.mark.parametrize("size", [(1366, 768), PHONE])
def test_keyboard_opens_a_panel_into_it_and_escape_closes_it(open_offline, map_html, size):
    page = open_offline(map_html, viewport=size).page
    toggle = page.locator(".envmap-toggle-filters")
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUS_IN, ".envmap-filters")
    page.keyboard.press("Tab")  # the panel's own controls come next
    assert page.evaluate(FOCUS_IN, ".envmap-filters")
    page.keyboard.press("Escape")
    assert page.locator(".envmap-filters").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('envmap-toggle-filters')")


def test_search_shows_its_results_again_when_clicked_back_into(open_offline, map_html):
    page = open_offline(map_html, viewport=(1366, 768)).page
    box = page.locator(".envmap-search input")
    box.fill("码头")
    results = page.locator(".envmap-results-box")
    assert results.is_visible()
    page.keyboard.press("Tab")  # on to the next control: the results close
    assert results.is_hidden()
    box.click()
    assert results.is_visible() and page.locator(".envmap-results li").count() >= 1
    page.locator(".envmap-results li", has_text="良久商贸码头").click()
    assert page.evaluate("window.envmap.openId()") == "liangjiu-dock"


ACTIVE_HIT = """() => {
  const input = document.querySelector('.envmap-search input');
  const hit = document.getElementById(input.getAttribute('aria-activedescendant') || '');
  if (!hit) return null;
  const r = hit.getBoundingClientRect();
  const list = hit.closest('[role=listbox]').getBoundingClientRect();
  return {text: hit.firstChild.textContent, role: hit.getAttribute('role'),
          selected: hit.getAttribute('aria-selected'),
          inSight: r.top >= list.top && r.bottom <= list.bottom};
}"""


def test_search_is_a_combobox_whose_arrowed_hit_is_named_and_in_sight(open_offline, map_html):
    page = open_offline(map_html, viewport=(1366, 768)).page
    box = page.locator(".envmap-search input")
    box.fill("区")  # many hits: the list scrolls
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    names = page.locator(".envmap-results [role=option]").all_inner_texts()
    assert len(names) >= 8
    for _ in range(len(names) - 1):
        page.keyboard.press("ArrowDown")
    hit = page.evaluate(ACTIVE_HIT)
    assert hit["role"] == "option" and hit["selected"] == "true" and hit["inSight"]
    assert names[-1].startswith(hit["text"])
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
