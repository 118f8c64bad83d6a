"""The corpus scoring rules (corpus README): match by contained spelling, containers left
out, hard and soft upgrades, stated districts, due dates."""

from __future__ import annotations

from gis.extract.scoring import report, score_file

KEY = [["汤逊湖", "汤逊湖流域"], ["金鞭港"], ["纸坊污水处理厂"]]
TRUTH = [
    {"site": "汤逊湖", "status": "in_progress", "district": "江夏区"},
    {"site": "金鞭港", "status": "planned", "district": None, "due": "2018-06"},
    {"site": "纸坊污水处理厂", "status": "planned", "district": None},
]


def _candidate(name, status=None, district=None, due=None):
    measures = [{"status": status, "target_date": due}] if status else []
    return {"name": name, "name_simplified": name, "district": district, "measures": measures}


def test_a_run_is_scored_as_the_corpus_rules_say():
    found = [
        _candidate("汤逊湖江夏水域", "completed", "洪山区"),  # contains a spelling; hard; wrong
        _candidate("金鞭港", "in_progress", due="2018-06"),  # soft upgrade, due right
        _candidate("江夏区", "planned"),  # a container: neither precision nor recall
        _candidate("造船码头", "planned"),  # not a site: counts against precision
    ]
    score = score_file("05", KEY, TRUTH, found)
    assert (len(score.found), score.sites) == (2, 3)
    assert score.missed == ["纸坊污水处理厂"]
    assert (score.good, score.candidates) == (2, 3)
    assert len(score.hard) == 1 and len(score.soft) == 1
    assert (score.districts_stated, score.districts_given, len(score.districts_wrong)) == (1, 1, 1)
    assert (score.dues_stated, score.dues_right) == (1, 1)
    assert report([score])[-1].startswith(
        "recall 2/3 = 67% · precision 2/3 = 67% · hard upgrades 1"
    )


def test_a_short_fragment_matches_only_when_long_enough():
    key = [["汤逊湖（铁路技师学院-枫香咀）排口"]]
    truth = [{"site": key[0][0], "status": "in_progress", "district": None}]
    assert score_file("07", key, truth, [_candidate("排口")]).missed
    long_enough = _candidate("汤逊湖（铁路技师学院-枫香咀）")
    assert not score_file("07", key, truth, [long_enough]).missed
