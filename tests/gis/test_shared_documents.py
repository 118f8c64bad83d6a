"""Documents imported and sites accepted on one PC reach every PC through the shared store:
the same map from each, two offices accepting one place meet one site, a viewer receives
but sends nothing, and an SQLite store shares nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine

from gis.shared_documents import sync
from gis.user_catalog import ACCEPTED, start_review, with_user_sites

NOTICE = Path(__file__).resolve().parent / "extract" / "documents" / "water_notice_gbk.txt"
DOCK = "鑫达建材码头"


def _accept_dock(folder: Path, path: Path, when: date, lon: float, lat: float) -> str:
    review = start_review(folder, path, when)
    index = [c["name"] for c in review.candidates].index(DOCK)
    review.edit(index, lon=lon, lat=lat)
    review.decide(index, ACCEPTED)
    review.finish()
    return review.document


def _sites(catalog, folder: Path) -> dict[str, list[str]]:
    merged = with_user_sites(catalog, folder)
    return {
        s.id: sorted(m.text_zh for m in s.measures) for s in merged.sites if s.id.startswith("user")
    }


def test_two_offices_share_documents_and_meet_one_site(shared_store, catalog, tmp_path):
    office_a, office_b, bureau = tmp_path / "a", tmp_path / "b", tmp_path / "viewer"
    notice_b = tmp_path / "notice_b.txt"
    notice_b.write_text("洪山区鑫达建材码头已于2018年3月完成搬迁，原址已复绿。\n", encoding="utf-8")
    a = create_engine(shared_store.login("district-editor", "洪山区"))
    b = create_engine(shared_store.login("district-editor", "武昌区"))
    viewer = create_engine(shared_store.login("viewer"))
    first = _accept_dock(office_a, NOTICE, date(2017, 12, 1), 114.301, 30.502)
    assert sync(a, office_a) is False  # sent; nothing new to bring
    second = _accept_dock(office_b, notice_b, date(2018, 4, 1), 114.302, 30.503)
    assert sync(b, office_b) is True  # A's document arrived
    assert sync(a, office_a) is True  # and B's at A
    assert sync(viewer, bureau, send=False) is True
    seen = [_sites(catalog, folder) for folder in (office_a, office_b, bureau)]
    assert seen[0] == seen[1] == seen[2]
    (dock,) = seen[0].values()  # one site, with the measures of both documents
    assert any("2018年3月" in text for text in dock) and len(dock) >= 2
    merged = with_user_sites(catalog, bureau)
    for ident in (first, second):  # every quote verbatim in the document copy that arrived
        assert (bureau / "documents" / f"{ident}.txt").exists()
    for site in merged.sites:
        for measure in site.measures:
            for piece in measure.evidence:
                assert piece.quote in merged.documents[piece.document].paragraph(piece.paragraph)
    assert sync(a, office_a) is False  # twice is harmless


def test_a_shared_site_whose_quote_is_not_in_its_document_is_left_out(
    shared_store, catalog, tmp_path
):
    import json

    from sqlalchemy import text

    office, receiver = tmp_path / "office", tmp_path / "receiver"
    _accept_dock(office, NOTICE, date(2017, 12, 1), 114.301, 30.502)
    editor = create_engine(shared_store.login("district-editor", "洪山区"))
    sync(editor, office)
    record = json.loads((office / "accepted.json").read_text(encoding="utf-8"))[0]
    record["uid"] = "forged"
    record["measures"][0]["evidence"]["quote"] = "码头已被彻底取缔并处罚款一百万元"
    with editor.begin() as db:  # typed by hand, past the program's own review
        db.execute(
            text("INSERT INTO envmap_accepted (document, uid, record) VALUES (:d, 'forged', :r)"),
            {"d": record["document"], "r": json.dumps(record, ensure_ascii=False)},
        )
    sync(create_engine(shared_store.login("viewer")), receiver, send=False)
    uids = {r["uid"] for r in json.loads((receiver / "accepted.json").read_text("utf-8"))}
    assert "forged" not in uids and len(uids) >= 1


def test_an_sqlite_store_shares_nothing(catalog, tmp_path):
    folder = tmp_path / "user"
    _accept_dock(folder, NOTICE, date(2017, 12, 1), 114.301, 30.502)
    before = (folder / "accepted.json").read_bytes()
    engine = create_engine(f"sqlite:///{tmp_path / 'status.sqlite'}")
    assert sync(engine, folder) is False
    assert (folder / "accepted.json").read_bytes() == before


def test_the_ledger_from_the_command_line_holds_what_another_office_shared(
    shared_store, catalog, tmp_path, capsys
):
    from gis.cli import main

    office = tmp_path / "office"
    _accept_dock(office, NOTICE, date(2017, 12, 1), 114.301, 30.502)
    sync(create_engine(shared_store.login("district-editor", "洪山区")), office)
    ledger = tmp_path / "ledger.csv"
    viewer = shared_store.login("viewer")
    assert main(["--store", viewer, "status", "export", str(ledger)]) == 0
    assert DOCK in ledger.read_text(encoding="utf-8-sig")


def test_a_bad_shared_row_is_left_out_and_loses_nothing(shared_store, tmp_path):
    """A row another PC (or a hand-written INSERT) shared that no site can be built from, or
    whose document name is a path, is left out: the good rows still arrive, this PC's own
    accepted sites stay, and no file is written outside the user folder."""
    editor = create_engine(shared_store.login("district-editor", "洪山区"))
    office_a, office_b = tmp_path / "a", tmp_path / "b"
    _accept_dock(office_a, NOTICE, date(2017, 12, 1), 114.301, 30.502)
    sync(editor, office_a)
    own = tmp_path / "own_notice.txt"
    own.write_text("洪山区鑫达建材码头已于2018年3月完成搬迁，原址已复绿。\n", encoding="utf-8")
    _accept_dock(office_b, own, date(2018, 4, 1), 114.302, 30.503)
    kept = (office_b / "accepted.json").read_text("utf-8")
    escape = tmp_path / "escaped"
    with editor.begin() as db:
        db.exec_driver_sql(
            "INSERT INTO envmap_documents (id, body, document_date) VALUES "
            "(%s, 'x', '2018-01-01'), ('no-site-doc', 'x', '2018-01-01')",
            ("../../escaped",),
        )
        db.exec_driver_sql(
            "INSERT INTO envmap_accepted (document, uid, record) VALUES "
            "(%s, 'u1', '{\"measures\": []}'), ('no-site-doc', 'u2', '{\"name\": \"x\"}')",
            ("../../escaped",),
        )
    assert sync(editor, office_b, send=False) is True  # office A's site arrived
    assert not escape.with_suffix(".txt").exists() and not escape.exists()
    assert not list(office_b.glob("accepted.json.damaged-*"))
    records = (office_b / "accepted.json").read_text("utf-8")
    assert all(r["document"] in records for r in json.loads(kept))
    assert "no-site-doc" not in records
    assert sync(editor, office_b, send=False) is False  # nothing new arrives again and again
