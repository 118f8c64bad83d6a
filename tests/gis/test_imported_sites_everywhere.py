"""A site accepted in the window's review is in every ledger a command writes: `export xlsx`,
`export html` and `status export` (`sites` and `export csv`: tests/gis/test_state.py), and not
with --catalog-only."""

from __future__ import annotations

import json

from gis.cli import main

from .user_sites import ACCEPTED_DOCK as NAME
from .user_sites import accept_a_dock, sites_block, xlsx_rows


def _names(rows: list[dict]) -> set[str]:
    return {str(r["地区/点位 Area/site"]) for r in rows}


def test_xlsx_and_status_export_list_the_accepted_site(catalog, user_folder, tmp_path):
    exported, ledger = tmp_path / "export.xlsx", tmp_path / "ledger.xlsx"
    assert main(["export", "xlsx", str(exported)]) == 0
    assert NAME not in _names(xlsx_rows(exported))  # the user folder holds nothing yet
    accept_a_dock(catalog, user_folder)
    assert main(["export", "xlsx", str(exported)]) == 0
    assert main(["status", "export", str(ledger)]) == 0
    for rows in (xlsx_rows(exported), xlsx_rows(ledger)):
        assert NAME in _names(rows)
        assert len(rows) > len(catalog.measures())
    assert main(["--catalog-only", "export", "xlsx", str(exported)]) == 0
    assert NAME not in _names(xlsx_rows(exported))


def test_export_html_shows_the_accepted_site(catalog, user_folder, tmp_path):
    accept_a_dock(catalog, user_folder)
    page, shipped = tmp_path / "map.html", tmp_path / "shipped.html"
    assert main(["export", "html", str(page)]) == 0
    assert main(["--catalog-only", "export", "html", str(shipped)]) == 0
    assert NAME in json.dumps(sites_block(page), ensure_ascii=False)
    assert NAME not in json.dumps(sites_block(shipped), ensure_ascii=False)
