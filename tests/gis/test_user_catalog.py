"""The user's own catalog: review decisions survive a crash, accepted sites join the map with
their evidence, known places gain measures instead of twins, and data/ is never written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gis import load_map_data
from gis.geocode import GazetteerGeocoder
from gis.paths import data_root
from gis.user_catalog import (
    ACCEPTED,
    REJECTED,
    ReviewError,
    resume_review,
    start_review,
    unfinished_reviews,
    with_user_sites,
)

NOTICE = Path(__file__).resolve().parent / "extract" / "documents" / "water_notice_gbk.txt"
OTHER = NOTICE


@pytest.fixture
def review(catalog, tmp_path):
    return start_review(tmp_path / "user", NOTICE, date(2017, 12, 1), GazetteerGeocoder(catalog))


def _index(review, name: str) -> int:
    return [c["name"] for c in review.candidates].index(name)


def test_accepting_needs_a_location_and_every_decision_is_saved_at_once(review, tmp_path):
    dock = _index(review, "鑫达建材码头")
    with pytest.raises(ReviewError, match="place it on the map"):
        review.decide(dock, ACCEPTED)
    review.edit(dock, lon=114.301, lat=30.502, name="鑫达建材码头（旧址）")
    review.decide(dock, ACCEPTED)
    review.decide(_index(review, "白沙洲水厂"), REJECTED)
    # The app closes here without finishing: a new start finds everything as it was.
    assert unfinished_reviews(tmp_path / "user") == ["water_notice_gbk"]
    again = resume_review(tmp_path / "user", "water_notice_gbk")
    assert again.candidates[dock]["decision"] == ACCEPTED
    assert again.candidates[dock]["name"] == "鑫达建材码头（旧址）"
    assert again.candidates[dock]["geocode_source"] == "map"
    assert start_review(tmp_path / "user", NOTICE, date(2020, 1, 1)).document_date == "2017-12-01"


def test_finished_review_adds_sites_with_their_evidence(review, catalog, tmp_path):
    dock = _index(review, "鑫达建材码头")
    review.edit(dock, lon=114.301, lat=30.502)
    review.decide(dock, ACCEPTED)
    hongshan = _index(review, "洪山区")  # the gazetteer knows it
    review.decide(hongshan, ACCEPTED)
    assert review.finish() == 2
    assert unfinished_reviews(tmp_path / "user") == []
    merged = with_user_sites(catalog, tmp_path / "user")
    added = [s for s in merged.sites if s.id.startswith("user-")]
    assert [s.name_zh for s in added] == ["鑫达建材码头"]
    site = added[0]
    assert (site.location.geometry.x, site.location.geometry.y) == (114.301, 30.502)
    assert site.location.is_estimate and site.location.precision_m == 200.0
    for measure in site.measures:
        for piece in measure.evidence:
            assert piece.quote in merged.documents[piece.document].paragraph(piece.paragraph)
    assert merged.documents["water_notice_gbk"].date_to == date(2017, 12, 1)
    before = len(catalog.site("hongshan").measures)
    assert len(merged.site("hongshan").measures) == before + 1  # no second 洪山区
    assert len(merged.sites) == len(catalog.sites) + 1


def test_the_shipped_data_is_never_written(catalog, tmp_path):
    stamps = {p: p.stat().st_mtime_ns for p in data_root().rglob("*") if p.is_file()}
    review = start_review(tmp_path / "user", NOTICE, date(2017, 12, 1), GazetteerGeocoder(catalog))
    dock = _index(review, "鑫达建材码头")
    review.edit(dock, lon=114.3, lat=30.5)
    review.decide(dock, ACCEPTED)
    review.finish()
    assert {p: p.stat().st_mtime_ns for p in data_root().rglob("*") if p.is_file()} == stamps
    assert json.loads((tmp_path / "user" / "accepted.json").read_text(encoding="utf-8"))


def test_map_data_shows_accepted_sites_and_follows_changes(review, tmp_path):
    cache = tmp_path / "cache"
    plain = load_map_data(None, cache, tmp_path / "user")
    dock = _index(review, "鑫达建材码头")
    review.edit(dock, lon=114.301, lat=30.502)
    review.decide(dock, ACCEPTED)
    review.finish()
    with_user = load_map_data(None, cache, tmp_path / "user")
    assert len(with_user.features) == len(plain.features) + 1
    added = [f for f in with_user.features if f.id.startswith("user-")]
    assert added[0].name_zh == "鑫达建材码头" and added[0].layer == "sites"


def test_site_ids_stay_when_a_review_is_done_again(catalog, tmp_path):
    folder = tmp_path / "user"
    first = start_review(folder, NOTICE, date(2017, 12, 1))
    dock = _index(first, "鑫达建材码头")
    first.edit(dock, lon=114.3, lat=30.5)
    first.decide(dock, ACCEPTED)
    first.finish()
    other = OTHER.parent / "lake_broken_utf8.txt"
    second = start_review(folder, other, date(2018, 1, 1))
    lake = _index(second, "后官湖")
    second.edit(lake, lon=113.95, lat=30.55)
    second.decide(lake, ACCEPTED)
    second.finish()
    ids = {s.name_zh: s.id for s in with_user_sites(catalog, folder).sites}
    again = start_review(folder, NOTICE, date(2017, 12, 1))  # the first document once more
    again.candidates = json.loads((folder / "accepted.json").read_text(encoding="utf-8"))[:1]
    again.finish()
    assert {s.name_zh: s.id for s in with_user_sites(catalog, folder).sites} == ids


def test_two_documents_with_one_name_stay_apart(catalog, tmp_path):
    folder = tmp_path / "user"
    elsewhere = tmp_path / "elsewhere" / NOTICE.name
    elsewhere.parent.mkdir()
    elsewhere.write_text("汉阳区将于2018年6月底前完成琴断口排口截污改造。\n", encoding="gbk")
    one = start_review(folder, NOTICE, date(2017, 12, 1))
    two = start_review(folder, elsewhere, date(2017, 12, 1))
    assert one.document != two.document
    assert len(one.candidates) != len(two.candidates)
    assert "鑫达建材码头" in (folder / "documents" / f"{one.document}.txt").read_text("utf-8")


@pytest.mark.parametrize("garbage", ["[{", "[null]", '{"a": 1}', '[{"document": "x"}]', "[[]]"])
def test_a_damaged_user_catalog_is_set_aside_and_the_app_goes_on(
    catalog, tmp_path, caplog, garbage
):
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "accepted.json").write_text(garbage, encoding="utf-8")
    with caplog.at_level("WARNING"):
        shown = with_user_sites(catalog, folder)
    assert [s.id for s in shown.sites] == [s.id for s in catalog.sites]
    assert "accepted.json: damaged" in caplog.text and "moved to" in caplog.text
    (aside,) = folder.glob("accepted.json.damaged-*")  # kept for whoever can mend it
    assert aside.read_text(encoding="utf-8") == garbage
    assert not (folder / "accepted.json").exists()


def test_accepting_checks_every_quote_is_verbatim_in_the_imported_copy(review, tmp_path):
    dock = _index(review, "鑫达建材码头")
    review.edit(dock, lon=114.301, lat=30.502)
    review.candidates[dock]["measures"][0]["evidence"]["quote"] = "一句文件里没有的话"
    with pytest.raises(ReviewError, match="is not verbatim there"):
        review.decide(dock, ACCEPTED)
    assert review.candidates[dock]["decision"] != ACCEPTED


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="forked processes: POSIX")
def test_two_processes_finishing_reviews_at_once_lose_none(review, tmp_path):
    import os

    from gis.user_catalog import Review

    dock = _index(review, "鑫达建材码头")
    review.edit(dock, lon=114.301, lat=30.502)
    review.decide(dock, ACCEPTED)
    folder, each = tmp_path / "user", 100
    reviews = {
        side: [Review(folder, f"{side}-{k}", "2017-12-01", review.candidates) for k in range(each)]
        for side in ("a", "b")
    }
    for pending in reviews.values():
        for one in pending:
            one.save()
    children = []
    for pending in reviews.values():
        pid = os.fork()
        if pid == 0:
            try:
                for one in pending:
                    one.finish()
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    accepted = json.loads((folder / "accepted.json").read_text(encoding="utf-8"))
    finished = {r["document"] for r in accepted}
    assert finished == {one.document for pending in reviews.values() for one in pending}
    assert unfinished_reviews(folder) == ["water_notice_gbk"]  # only the one never finished


def test_a_damaged_review_is_set_aside_and_said_so(tmp_path):
    folder = tmp_path / "user"
    (folder / "reviews").mkdir(parents=True)
    (folder / "reviews" / "notice.json").write_text('{"document": "notice", "cand', "utf-8")
    assert unfinished_reviews(folder) == ["notice"]
    with pytest.raises(ReviewError, match=r"notice\.json: damaged .*moved aside"):
        resume_review(folder, "notice")
    assert unfinished_reviews(folder) == []
    assert len(list((folder / "reviews").glob("notice.json.damaged-*"))) == 1


@pytest.mark.parametrize(
    ("candidates", "problem"),
    [
        ([1, 2], "candidate 1 is not an object"),
        ([{"uid": "a", "name": "码头", "decision": "pending", "measures": []}], "'kind'"),
        ([{"uid": "a", "name": "码头", "kind": "dock", "decision": "maybe"}], "decision"),
        (
            [{"uid": "a", "name": "码头", "kind": "dock", "decision": "pending",
              "measures": [{"status": "finished-ish"}]}],
            "finished-ish",
        ),
    ],
)  # fmt: skip
def test_a_review_whose_candidates_cannot_be_shown_is_set_aside(tmp_path, candidates, problem):
    """Valid JSON is not enough: a review the dialog could not show is damaged too."""
    folder = tmp_path / "user"
    (folder / "reviews").mkdir(parents=True)
    saved = {"document_date": "2017-12-01", "candidates": candidates}
    (folder / "reviews" / "notice.json").write_text(json.dumps(saved), "utf-8")
    with pytest.raises(ReviewError, match=rf"notice\.json: damaged .*{problem}"):
        resume_review(folder, "notice")
    assert unfinished_reviews(folder) == []
    (aside,) = (folder / "reviews").glob("notice.json.damaged-*")
    assert json.loads(aside.read_text("utf-8")) == saved  # nothing lost
