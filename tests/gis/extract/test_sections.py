"""The part of a notice a measure sits in, and deadlines that open a clause: each rule on a
real passage, its source named."""

from __future__ import annotations

from datetime import date

# 武汉市水务局, "关于第二轮省生态环境保护督察反馈意见(序号21)整改情况的公示", corpus 01: the same
# words ("强力推动城乡生活污水治理") are a plan under 整改措施 and a report under 整改完成情况.
SWJ_21 = (
    "三、整改措施\n"
    "强力推动城乡生活污水治理，开展河湖排污口溯源整治，推进湖泊综合治理，加快改善水环境质量。\n"
    "四、整改完成情况\n"
    "1.强力推动城乡生活污水治理。2023年—2024年，全市共完成龙王嘴、豹澥等5座污水处理厂"
    "新改扩建项目建设，新增污水处理能力55.5万吨/日。\n"
)
# 黄陂区, 汤仁海湖/后湖 rectification notice, corpus 12 (ends mid-word as stored)
HUANGPI = (
    "三、整改措施\n"
    "（一）加强生活污水基础设施建设。以后湖、汤仁海湖汇水范围为重点进行管网排查，结合排查出的问题，"
    "有针对性地补齐市政管网缺失管段、改造市政管网混错接，对重点社区开展雨污分流改造。"
    "推进盘龙城区域污水管网改\n"
)
# 武汉市人民政府, 河湖流域水环境“三清”行动方案 (武政〔2019〕26号), corpus4 07
THREE_CLEAN = (
    "一、工作目标\n"
    "2019年，以南湖、北湖、汤逊湖，黄孝河、巡司河、机场河（以下称“三湖三河”）流域水污染治理为重点，"
    "全面开展全市河湖流域水环境“三清”行动。2019年9月底之前，解决南湖污水直排问题，"
    "全面消除全市建成区及武汉军运会环境保障范围内的黑臭水体。\n"
)


def test_measures_listed_under_a_measures_heading_are_plans(extract_text, strongest):
    found = extract_text(HUANGPI, date(2025, 10, 27))
    assert strongest(found["盘龙城区域污水管网"]) == "planned"
    assert strongest(found["后湖"]) == "planned"


def test_a_completion_part_keeps_what_it_reports(extract_text, strongest):
    found = extract_text(SWJ_21, date(2025, 12, 9))
    assert strongest(found["龙王嘴污水处理厂"]) == "completed"  # "共完成": a tally of work done


def test_the_targets_of_an_action_plan_are_plans(extract_text, strongest):
    found = extract_text(THREE_CLEAN, date(2019, 8, 30))
    for lake in ("北湖", "汤逊湖", "黄孝河", "机场河"):
        assert strongest(found[lake]) == "planned", lake


def test_a_deadline_ahead_gives_a_place_named_without_a_status_word_a_target(extract_text):
    found = extract_text(THREE_CLEAN, date(2019, 8, 30))
    dues = {m["target_date"] for m in found["南湖"]["measures"] if m["status"] == "planned"}
    assert "2019-09" in dues


def test_a_deadline_already_past_is_a_report_not_a_target(extract_text):
    paragraph = THREE_CLEAN.split("\n", 1)[1]  # without its heading, which makes it a target
    found = extract_text(paragraph, date(2020, 3, 1))
    assert "2019-09" not in {m["target_date"] for m in found["南湖"]["measures"]}


# 长江日报 on 江夏区's fixes, corpus4 02 (Traditional as stored)
JIANGXIA = (
    "針對江夏區大橋新區柏木嶺小區違規占用湯遜湖問題，區水務局和大橋新區辦事處立即督促責任方"
    "大橋新區柏木嶺村迅速進行整改，恢復湖泊原貌。該處已于2016年12月16日前全部整改恢復完畢。\n"
)
# 汉钢水泥厂为环保而外迁, corpus4 06: what a works intends (打算) is a plan
HANGANG = (
    "水泥廠負責人告訴記者，工廠打算遷到中環線以外，同時打算調整產品生產方式，"
    "做大品牌水泥廠的“一個車間”，完成水泥后階段的加工，“省”去污染最大的前段工序。\n"
)


def test_this_place_done_is_said_of_the_place_named_before(extract_text, strongest):
    found = extract_text(JIANGXIA, date(2016, 12, 26))
    assert strongest(found["大桥新区柏木岭小区"]) == "completed"  # "該處…整改恢復完畢"


def test_what_a_works_intends_is_a_plan(extract_text, strongest):
    found = extract_text(HANGANG)
    assert found  # the works named in it ("…品牌水泥廠") is found, and nothing is claimed done
    assert all(strongest(record) == "planned" for record in found.values())


# 镇江市征润州和黄岗饮用水水源地保护方案, corpus4 08: tasks with a responsible unit and a deadline
ZHENJIANG = (
    "镇江市征润州和黄岗饮用水水源地保护方案\n"
    "  8.对引河进行全面清淤和适当扩容，使其既可作为取水的前池，又可作为事故水库以备应急。"
    "责任单位市建设局，配合单位润州区政府，2005年底完成。\n"
)
# 湖北省, 长江经济带生态环境警示片 notice 2020-04-20, corpus4 10: a measure with no status word
HUBEI = "（一）整改措施\n  一是全面实施沙河城区段截污工程。\n"


def test_a_task_handed_out_with_its_deadline_is_a_plan(extract_text, strongest):
    found = extract_text(ZHENJIANG)
    assert strongest(found["引河"]) == "planned"


def test_a_measure_listed_under_the_measures_heading_is_a_plan_without_a_status_word(
    extract_text, strongest
):
    found = extract_text(HUBEI, date(2020, 4, 20))
    assert [strongest(r) for r in found.values()] == ["planned"]
