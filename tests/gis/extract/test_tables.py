"""A table that reached us one cell per line (武汉市生态环境局 2025-11-26, "农村黑臭水体治理情况
的公示", corpus 02): one candidate per row, with its district, point and completion time."""

from __future__ import annotations

from datetime import date

HEADER = [
    "序号",
    "县级行政区划",
    "乡镇/街道",
    "行政村名称",
    "水体名称",
    "水体类型",
    "水域面积(m2)",
    "长(m)",
    "宽(m)",
    "起点名称",
    "起点经度",
    "起点纬度",
    "终点名称",
    "终点经度",
    "终点纬度",
    "监管清单级别",
    "主要污染问题编码",
    "治理完成时间",
    "治理后是否常年有水",
]
ROW_1 = [
    "1",
    "新洲区",
    "邾城街",
    "城北村",
    "城北村汪套湾东部水沟",
    "沟渠",
    "4004",
    "308",
    "13",
    "汪套湾东南20米",
    "114.79295",
    "30.85783",
    "汪套湾东700米",
    "114.79426",
    "30.85835",
    "国家监管",
    "a",
    "2025年第四季度",
    "常年有水",
]
# The page left this row's end point empty: its cells shift left.
ROW_2 = [
    "2",
    "新洲区",
    "邾城街",
    "城北村",
    "城北村汪套湾东部堰塘",
    "坑塘",
    "27500",
    "550",
    "50",
    "汪套湾10组西北",
    "114.79445",
    "30.86024",
    "汪套湾10组西北20米",
    "国家监管",
    "a",
    "2025年第四季度",
    "常年有水",
]


def _table(*rows: list[str]) -> str:
    return "农村黑臭水体治理情况\n" + "\n".join(HEADER + [c for row in rows for c in row]) + "\n"


def test_each_row_is_one_candidate_with_its_own_facts(extract_text):
    found = extract_text(_table(ROW_1, ROW_2), date(2025, 11, 26))
    ditch, pond = found["城北村汪套湾东部水沟"], found["城北村汪套湾东部堰塘"]
    assert (ditch["district"], pond["district"]) == ("新洲区", "新洲区")
    assert (ditch["lon"], ditch["lat"]) == (114.79295, 30.85783)
    assert (pond["lon"], pond["lat"]) == (114.79445, 30.86024)
    assert ditch["geocode_source"] == "text"
    assert "汪套湾东南20米" not in found  # a start point's name is no site


def test_a_completion_period_holding_the_notice_date_is_not_yet_done(extract_text):
    found = extract_text(_table(ROW_1), date(2025, 11, 26))
    measure = found["城北村汪套湾东部水沟"]["measures"][0]
    assert (measure["status"], measure["target_date"]) == ("in_progress", "2025-12")
    assert found["城北村汪套湾东部水沟"]["review"]


def test_a_completion_period_before_the_notice_is_done(extract_text):
    found = extract_text(_table(ROW_1), date(2026, 2, 1))
    measure = found["城北村汪套湾东部水沟"]["measures"][0]
    assert (measure["status"], measure["completed_date"]) == ("completed", "2025-12")


def test_quotes_are_the_row_as_written(extract_text):
    found = extract_text(_table(ROW_1), date(2025, 11, 26))
    evidence = found["城北村汪套湾东部水沟"]["measures"][0]
    quotes = [evidence["evidence"]["quote"]] + [e["quote"] for e in evidence["evidence_continued"]]
    assert "城北村汪套湾东部水沟" in quotes and "2025年第四季度" in quotes


def test_a_point_written_after_a_place_is_that_place_s(extract_text):
    # 原武汉铝厂地块公示 2023-07-18 (corpus 11): the site centre in 度分秒
    found = extract_text(
        "武汉铝厂地块位于江岸区谌家矶大道21号，项目场地中心坐标：东经114°21′42.62″，"
        "北纬30°40′22.08″，地块规划用地为第一类用地。\n"
    )
    parcel = found["武汉铝厂地块"]
    assert (round(parcel["lon"], 5), round(parcel["lat"], 5)) == (114.36184, 30.67280)
    assert parcel["geocode_source"] == "text" and parcel["precision_m"] < 1
