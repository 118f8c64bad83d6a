"""Dates as notices write them, to the day where they say so; sources named."""

from __future__ import annotations

from datetime import date

import pytest

from gis.extract.dates import document_date_in, due_date, first_date


@pytest.mark.parametrize(
    ("clause", "when", "expected", "source"),
    [
        (
            "计划今年4月20日前完成优化调整工作",
            date(2019, 2, 21),
            "2019-04-20",
            "长江日报, corpus 09",
        ),
        ("预计明年7月", date(2018, 11, 3), "2019-07", "湖北日报, corpus 10"),
        ("到明年底基本消除环境安全隐患", date(2012, 4, 24), "2013-12", "cyicd.com, corpus 08"),
        ("并于2023613日完成所有污染土壤修复", None, "2023-06-13", "corpus 11: damaged day"),
        ("已于20237月编制完成", None, "2023-07", "corpus 11: damaged month"),
        ("20253月25日前完成", None, "2025-03-25", "issue #13: another damaged form"),
        ("今年12月底前彻底关闭", date(2017, 11, 26), "2017-12", "issue #13"),
        ("到2020年底实现建成区20%以上面积达到海绵城市建设要求", None, "2020-12", "corpus 01"),
        (
            "须在2020年9月30日前完成整治工作",
            None,
            "2020-09-30",
            "人民网 2020-06-05, hb.people.com.cn/n2/2020/0605/c194063-34065188.html",
        ),
    ],
)
def test_dates(clause, when, expected, source):
    assert first_date(clause, when) == expected, source


@pytest.mark.parametrize(
    ("clause", "when", "expected", "source"),
    [
        (
            "目前已进入施工准备期，计划9月22日开工，11月20日完成，历时60天",
            date(2017, 9, 14),
            "2017-11-20",
            "mex-live.com 2017-09-14 (own corpus 22): the end, not the start",
        ),
        (
            "黄家湖综合整治工程将于下月开工",
            date(2019, 4, 22),
            "2019-05",
            "长江日报 2019-04-22 (own corpus 14): a planned start when no end is given",
        ),
        (
            "2013年内，对全市开发热点区域的29个湖泊，建设211公里的环湖道路",
            date(2013, 7, 29),
            "2013-12",
            "cqfkzl.com 2013-07-29 (own corpus 15): 年内 is itself the deadline",
        ),
        (
            "按计划，4月20日优化调整完成后，两江核心区码头数量将减少61.2%",
            date(2019, 4, 4),
            "2019-04-20",
            "湖北日报 via hb.cri.cn 2019-04-04 (own corpus 03): the day the work ends",
        ),
        (
            "3月28日，工作人员对武汉轮渡武昌曾家巷码头实施拆除",
            date(2019, 4, 4),
            None,
            "the same caption: a day that passed is no deadline",
        ),
        (
            "巡司河综合整治工程2010年开工",
            date(2017, 9, 21),
            None,
            "楚天都市报 2017-09-21 (corpus 3, 05): a start long past is history",
        ),
        (
            "工程通过优化污水管网走向的措施推进，12月可实现主要排污口全面截污",
            date(2017, 11, 1),
            "2017-12",
            "a Wuhan paper, November 2017 (corpus 3, 11): the month the work is to achieve",
        ),
        (
            "3年内，市中心城区38个湖泊的主要排污口将被截断",
            date(2006, 2, 24),
            None,
            "楚天都市报 2006-02-24 (corpus 3, 12): three years is not this year",
        ),
        (
            "根据计划，明年5月即汛期前，巡司河全线可达到通水条件",
            date(2017, 9, 21),
            "2018-05",
            "楚天都市报 2017-09-21 (corpus 3, 05): a month put as 'before the flood season'",
        ),
    ],
)
def test_due_dates(clause, when, expected, source):
    assert due_date(clause, when) == expected, source


def test_relative_years_need_a_date():
    assert first_date("计划今年4月20日前完成", None) is None


def test_a_notice_gives_its_own_date():
    # 武汉市城乡建设局 (corpus 01) and cyicd.com (corpus 08)
    assert document_date_in(["标题", "发布时间:2020-12-28 16:27 来源:武汉市城乡建设局"]) == date(
        2020, 12, 28
    )
    assert document_date_in(["发布日期:2012/4/24 10:27:34"]) == date(2012, 4, 24)


def test_a_completion_date_is_kept_apart_from_a_due_date(extract_text):
    found = extract_text(
        "原武汉铝厂地块内全部污染土壤采用水泥窑修复技术并于2023613日完成所有污染土壤修复。\n"
    )
    measure = found["原武汉铝厂地块"]["measures"][0]
    assert (measure["completed_date"], measure["target_date"]) == ("2023-06-13", None)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("今年，区里将对该段堤防进行加固", "2025"),
        ("明年，城南计划新建两座泵站", "2026"),
        ("2026年3月，县里拟完成清淤", "2026-03"),
        ("今年，率先在城区两湖实现截污", "2025"),
        ("今年，城区两湖已实现截污", None),  # done: a report
        ("去年，区里将该段堤防列入计划", None),  # a past year
        ("今年，区里完成了该段堤防加固", None),  # no plan word: a report
        ("2月10日，记者获悉区里将加固堤防", None),  # a day opening a sentence is its dateline
        # a deadline the clause states itself is more precise than the year opening it
        ("今年，区里将三条河列入民生工程，计划于10月底前完成整治", "2025-10"),
        ("2026年，县里拟加固堤防，确保6月底前完工", "2026-06"),
    ],
)
def test_a_year_opening_a_sentence_of_plans_is_their_due_date(clause, expected):
    assert due_date(clause, date(2025, 2, 10)) == expected


def test_a_sentence_opened_by_qizhong_keeps_the_deadline_before_it(extract_text):
    """ "今年，…预计新开工…。其中，…完成A、B…": the part of the year's plan has its year."""
    found = extract_text(
        "今年，全市预计新开工水务项目30个。其中，将完成北港碧道、南岸堤防改造主体工程。\n",
        date(2025, 3, 1),
    )
    assert [m["target_date"] for m in found["北港碧道"]["measures"]] == ["2025"]


def test_a_place_in_a_sentence_opened_by_a_year_target_is_planned(extract_text):
    """ "今年，率先在A湖、B湖实现截污": no status word, but a target for the year."""
    found = extract_text("治水通报\n今年，率先在杨家湖、李家湖实现截污。\n", date(2025, 3, 1))
    measures = found["杨家湖"]["measures"]
    assert [(m["status"], m["target_date"]) for m in measures] == [("planned", "2025")]
