"""One current state read by every command: the catalog with the user's accepted sites after
the status store's events; each export, `sites`, `render` and `status export` agree."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from gis.cli import main
from gis.geocode import GazetteerGeocoder
from gis.mapdata import build_map_data
from gis.model import USER_PREFIX, LocationBasis, Status
from gis.state import current_state, state_from_store
from gis.store import StatusStore
from gis.user_catalog import ACCEPTED, document_updates, start_review, with_user_sites

from .user_sites import accept_a_dock, sites_block, xlsx_rows

DOCK = "liangjiu-dock"


@pytest.fixture
def store(catalog, user_folder) -> StatusStore:
    """The window's default store, in the user folder the commands read."""
    return StatusStore(user_folder / "status.sqlite", catalog)


def _close_out_the_dock(store: StatusStore, catalog) -> str:
    measure = catalog.site(DOCK).measures[0].id
    store.set_status(measure, "closed_out", "2024-03-01", "验收", "区环保局", evidence="验收意见书")
    return measure


def test_a_state_keeps_the_document_s_status_beside_the_tracked_one(catalog, store):
    measure = _close_out_the_dock(store, catalog)
    state = state_from_store(store, today=date(2025, 1, 1))
    now = state.measures[measure]
    assert (now.status, now.document_status, now.source) == (
        Status.CLOSED_OUT,
        Status.COMPLETED,
        "store",
    )
    assert state.site_status(DOCK) is Status.CLOSED_OUT
    assert state.document_site_status(DOCK) is Status.COMPLETED
    assert state.catalog.site(DOCK).measures[0].status is Status.CLOSED_OUT
    assert catalog.site(DOCK).measures[0].status is Status.COMPLETED  # the catalog is as it was
    untouched = state.measures["jiangxia-7"]
    # due 2017 and planned, nothing recorded after its document: silence, not a tracked delay
    assert untouched.source == "document" and untouched.flags == {"no_update"}


def test_the_latest_event_holds_whatever_order_they_come_in(catalog, store):
    measure = catalog.site(DOCK).measures[0].id
    store.set_status(measure, "in_progress", "2019-01-01", "", "甲")
    store.set_status(measure, "completed", "2018-01-01", "", "乙")  # recorded later, true earlier
    events = store.events()
    for order in (events, events[::-1]):
        assert current_state(catalog, order).measures[measure].status is Status.IN_PROGRESS


def test_a_correction_moves_a_point_and_leaves_an_area_s_outline(catalog, store):
    store.move_site(DOCK, 114.2801, 30.5449, 30.0, "2024-05-01", "现场核实", "张工")
    zone = "pinghumen-primary-zone"
    store.move_site(zone, 114.28, 30.54, 30.0, "2024-05-01", "误点", "张工")
    state = state_from_store(store)
    moved = state.catalog.site(DOCK).location
    assert (moved.geometry.x, moved.geometry.y, moved.precision_m) == (114.2801, 30.5449, 30.0)
    assert moved.basis is LocationBasis.CORRECTED and "现场核实" in moved.source
    assert state.catalog.site(zone).location == catalog.site(zone).location
    feature = next(f for f in build_map_data(state.catalog).features if f.id == DOCK)
    original = next(f for f in build_map_data(catalog).features if f.id == DOCK)
    assert feature.shape.distance(original.shape) > 1e-4  # degrees, some 10 m: it moved


def test_export_xlsx_and_status_export_show_the_store_s_status(catalog, store, tmp_path):
    _close_out_the_dock(store, catalog)
    exported, ledger = tmp_path / "export.xlsx", tmp_path / "ledger.xlsx"
    assert main(["export", "xlsx", str(exported)]) == 0
    assert main(["status", "export", str(ledger)]) == 0
    first, second = xlsx_rows(exported), xlsx_rows(ledger)
    assert first == second  # one ledger, one column set
    dock = next(r for r in first if r["点位编号 Site id"] == DOCK)
    assert dock["整改状态 Status"] == "已销号（2024-03-01）"
    assert dock["原文状态 Document's status"] == "已完成"
    assert main(["--catalog-only", "export", "xlsx", str(exported)]) == 0
    shipped = next(r for r in xlsx_rows(exported) if r["点位编号 Site id"] == DOCK)
    assert shipped["整改状态 Status"] == "已完成"


def test_sites_and_exports_include_the_sites_accepted_in_the_window(
    catalog, user_folder, tmp_path, capsys
):
    accept_a_dock(catalog, user_folder)
    assert main(["sites"]) == 0
    names = [f["properties"]["name_zh"] for f in json.loads(capsys.readouterr().out)["features"]]
    assert "鑫达建材码头" in names
    out = tmp_path / "ledger.csv"
    assert main(["export", "csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert any(r["地区/点位 Area/site"] == "鑫达建材码头" for r in rows)
    assert len(rows) > len(catalog.measures())
    assert main(["--catalog-only", "sites"]) == 0
    assert "鑫达建材码头" not in capsys.readouterr().out


def test_export_html_reads_the_store_and_refuses_one_it_cannot_reach(
    catalog, store, tmp_path, capsys
):
    plain, tracked = tmp_path / "plain.html", tmp_path / "tracked.html"
    assert main(["--catalog-only", "export", "html", str(plain)]) == 0
    _close_out_the_dock(store, catalog)
    assert main(["export", "html", str(tracked), "--store", store.label]) == 0
    assert plain.read_bytes() != tracked.read_bytes()
    assert "closed_out" in json.dumps(sites_block(tracked), ensure_ascii=False)
    assert "closed_out" not in json.dumps(sites_block(plain), ensure_ascii=False)
    capsys.readouterr()
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/envmap"
    assert main(["export", "html", str(tmp_path / "x.html"), "--store", unreachable]) == 1
    assert "127.0.0.1" in capsys.readouterr().err


def test_status_history_says_when_an_id_is_no_measure(catalog, store, capsys):
    assert main(["status", "history", "no-such-measure"]) == 1
    assert "unknown measure id 'no-such-measure'" in capsys.readouterr().err
    assert main(["status", "history", DOCK]) == 1
    error = capsys.readouterr().err
    assert "is a site, not a measure" in error and catalog.site(DOCK).measures[0].id in error


def _import(catalog, user_folder: Path, text: str, when: date, tmp_path: Path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(text, encoding="utf-8")
    review = start_review(user_folder, notice, when, GazetteerGeocoder(catalog))
    for index, candidate in enumerate(review.candidates):
        if candidate.get("lon") is not None:
            review.decide(index, ACCEPTED)
    review.finish()


def test_an_imported_report_dates_the_known_measure_instead_of_adding_one(
    catalog, store, user_folder, tmp_path
):
    # issue #15: "良久商贸码头已完成搬迁" added two measures and undid the close-out.
    measure = _close_out_the_dock(store, catalog)
    text = "武昌区通报饮用水水源保护区整治进展\n良久商贸码头已完成搬迁，原址已复绿。\n"
    _import(catalog, user_folder, text, date(2025, 5, 1), tmp_path)
    state = state_from_store(store, imported=document_updates(catalog, user_folder))
    assert [m.id for m in state.documents.site(DOCK).measures] == [
        m.id for m in catalog.site(DOCK).measures
    ]
    assert state.measures[measure].status is Status.CLOSED_OUT  # a report does not undo it
    later = StatusStore(tmp_path / "other.sqlite", catalog)  # no close-out recorded there
    imported = document_updates(catalog, user_folder)
    reported = state_from_store(later, imported=imported).measures[measure]
    assert (reported.status, reported.source, reported.since) == (
        Status.COMPLETED,
        "imported",
        date(2025, 5, 1),
    )


def test_an_imported_measure_the_site_lacks_joins_it(catalog, user_folder, tmp_path):
    text = "武昌区通报\n良久商贸码头原址将新建亲水平台。\n"
    _import(catalog, user_folder, text, date(2025, 5, 1), tmp_path)
    mine = with_user_sites(catalog, user_folder)
    state = current_state(mine, document_updates(mine, user_folder))
    added = [m for m in state.documents.site(DOCK).measures if m.id.startswith(USER_PREFIX)]
    assert [m.text_zh for m in added] == ["良久商贸码头原址将新建亲水平台。"]


@pytest.mark.parametrize("status", [Status.PLANNED, Status.CLOSED_OUT])
def test_the_sites_a_tracked_measure_concerns_are_all_that_can_change(catalog, status):
    """A view of many sites recomputes only `sites_tracked()`: every site whose status moved
    is among them, through its own measures, a related site's or one naming it."""
    from gis.events import StatusEvent

    measures = catalog.measures()[::3]
    events = [
        StatusEvent(f"e{i}", m.id, m.site_id, status, date(2024, 1, 1), "", "", "", "test", "")
        for i, m in enumerate(measures)
    ]
    state = current_state(catalog, events, today=date(2025, 1, 1))
    tracked = state.sites_tracked()
    moved = {
        s.id for s in catalog.sites if state.site_status(s.id) != state.document_site_status(s.id)
    }
    assert moved and moved <= tracked
    assert {m.site_id for m in measures} <= tracked
    assert current_state(catalog, today=date(2025, 1, 1)).sites_tracked() == set()


REPORT = "武昌区通报饮用水水源保护区整治进展\n2025年5月20日，良久商贸码头已完成搬迁。\n"


def test_history_and_ledger_show_an_imported_report_with_its_words(
    catalog, store, user_folder, tmp_path, capsys
):
    """issue #15: the status of a newer notice showed as current, but `status history` had
    no trace of it and the ledger cited only the 2017 document."""
    measure = catalog.site(DOCK).measures[0].id
    _import(catalog, user_folder, REPORT, date(2025, 6, 1), tmp_path)
    capsys.readouterr()
    assert main(["status", "history", measure]) == 0
    said = capsys.readouterr().out
    assert "2025-05-20  completed" in said  # the day the notice says it was done
    assert "，第2段：“2025年5月20日，良久商贸码头已完成搬迁。”" in said
    assert said.rstrip().endswith("now: completed (已完成), from a document you imported")
    ledger = tmp_path / "ledger.csv"
    assert main(["status", "export", str(ledger)]) == 0
    row = next(
        r
        for r in csv.DictReader(ledger.open(encoding="utf-8-sig"))
        if r["措施编号 Measure id"] == measure
    )
    assert row["整改状态 Status"] == "已完成（2025-05-20）"
    assert row["状态依据 Status evidence"].endswith(
        "第2段：“2025年5月20日，良久商贸码头已完成搬迁。”"
    )
    assert "良久商贸码头搬迁" in row["依据原文 Evidence"]  # the measure's own quote stays


def test_history_prints_a_close_out_s_evidence_and_what_holds(catalog, store, capsys):
    measure = _close_out_the_dock(store, catalog)
    assert main(["status", "history", measure]) == 0
    said = capsys.readouterr().out
    assert "2024-03-01  closed_out" in said and "evidence: 验收意见书" in said
    assert said.rstrip().endswith("now: closed_out (已销号), from a recorded status")


def test_a_completion_day_before_the_catalog_s_document_dates_the_report_by_the_notice(
    catalog, store, user_folder, tmp_path
):
    """A 2025 notice that says the base was moved on 2017-11-20, before the 2017-12-31 document
    that still calls it in progress: the newer notice must hold with a store as without."""
    measure = catalog.site("changjiang-msa-rescue-base").measures[0].id
    text = "武汉市通报\n2017年11月20日，长江海事巡航救助基地已完成搬迁。\n"
    _import(catalog, user_folder, text, date(2025, 6, 1), tmp_path)
    imported = document_updates(catalog, user_folder)
    alone = current_state(catalog, imported).measures[measure]
    stored = state_from_store(store, imported=imported).measures[measure]
    assert alone.status is stored.status is Status.COMPLETED
    assert alone.since == stored.since == date(2025, 6, 1)  # the notice's day, not a day before


def test_history_under_catalog_only_shows_no_tracked_status(catalog, store, capsys):
    measure = _close_out_the_dock(store, catalog)
    assert main(["--catalog-only", "status", "history", measure]) == 0
    said = capsys.readouterr().out
    assert "closed_out" not in said and "验收" not in said
    assert said.rstrip().endswith("now: completed (已完成), from the catalog's document")
