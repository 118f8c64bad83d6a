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


# 滁州市住房和城乡建设局 2020-06-22, "关于滁州市黑臭水体2020年上半年治理情况的公布" (corpus5 06):
# rows numbered under 编号, a stretch's ends in their own cell, a status cell that runs on
# (its rows 1 and 4, the second renumbered 2 as rows follow each other).
CHUZHOU = [
    "滁州市黑臭水体清单",
    *("编号", "水体名称", "(起始边界)", "水体类型", "面积/长度", "所在区域"),
    *("黑臭级别", "水质现状", "责任人", "达标期限"),
    *("1", "内城河", "(上水关-下水关)", "河流", "1700", "琅琊区", "轻度"),
    *("完成整治,通过“初见成效”复核,无黑臭", "许光友", "已完成"),
    *("2", "会峰路渠", "(京沪铁路-清流河)", "渠道", "1500", "南谯区", "中度"),
    "完成整治,通过“初见成效”复核,无黑臭;正在推进涉铁部分管道建设,年底前全面完成",
    *("许光友", "已完成", "", "滁州市住房和城乡建设局"),
]


def test_rows_numbered_under_bianhao_are_read_past_a_long_status_cell(extract_text, strongest):
    found = extract_text("\n\n".join(CHUZHOU) + "\n", date(2020, 6, 22))
    assert strongest(found["内城河"]) == "completed"
    assert strongest(found["会峰路渠"]) == "completed"
    # the rest of its work has a deadline in the same row ("年底前全面完成")
    assert found["会峰路渠"]["measures"][0]["target_date"] == "2020-12"
    assert found["内城河"]["measures"][0]["target_date"] is None
    assert "上水关-下水关" not in "".join(found)  # a stretch's ends are no site


# 湖南省生态环境厅 2021-01-15, contaminated-land register (corpus5 07): each cell copied with
# the column rule after it.
HUNAN = """湖南省建设用地污染风险管控或修复名录(更新至2021年1月)
序号 |
所在市州 |
所在县(市、区) |
地块名称 |
地块面积(m2) |
地址 |
1 |
长沙市 |
岳麓区 |
原长沙铬盐厂 |
170085 |
长沙市岳麓区 |
2 |
株洲市 |
石峰区 |
株洲邦化化工有限公司原厂址 |
20970.48 |
株洲市石峰区湘珠路131 号 |
"""


def test_cells_copied_with_their_column_rule_are_rows(extract_text):
    found = extract_text(HUNAN, date(2021, 1, 15))
    assert {"原长沙铬盐厂", "株洲邦化化工有限公司原厂址"} <= set(found)
    assert "长沙市岳麓区" not in found
