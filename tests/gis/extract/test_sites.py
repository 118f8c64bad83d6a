"""Sites notices name without a facility ending the rules knew: works named without 公司
(…厂, …处置中心), streams (…溪), channels named 连通渠, stretches of a river or bank described by
their ends; and offices and history that name no site. Each on a real sentence, source named."""

from __future__ import annotations

import pytest

from gis.extract.names import find_names
from gis.extract.status import read_status
from gis.model import Status


def _names(text: str) -> list[str]:
    return [s.name for s in find_names(text) if not s.group and not s.generic]


@pytest.mark.parametrize(
    ("sentence", "expected", "source"),
    [
        (
            "武汉市人大城建环保委员会明确要求：汉钢水泥厂必须尽快搬迁。",
            ["汉钢水泥厂"],
            "汉钢水泥厂为环保而外迁, corpus4 06",
        ),
        (
            "针对江夏区山坡街湖北危险废物处理处置中心周边1000米内有居民的问题",
            ["江夏区山坡街湖北危险废物处理处置中心"],
            "长江日报 on 江夏区's fixes, corpus4 02 (湖北 is the province, no lake)",
        ),
        (
            "汉阳区四新连通渠与芳草溪虽进行了治理，但水质仍呈轻度黑臭等。",
            ["汉阳区四新连通渠", "芳草溪"],
            "硚口区 notice 2025-01-03, corpus4 05",
        ),
        (
            "完成了忠孝河东 城段、清江河龙潭桥到腾龙洞段、三道河入口处至老河村、回龙沟段的清漂除杂",
            ["忠孝河东 城段", "清江河龙潭桥到腾龙洞段", "三道河", "回龙沟"],
            "利川市 河长制 news, corpus4 04 (a line wrap inside the stretch)",
        ),
        (
            "而毗邻水厂的武昌江滩余家头至二七长江大桥1.6公里临江段，数10年来形成了13个非法码头",
            ["武昌江滩余家头至二七长江大桥1.6公里临江段"],
            "余家头 docks report, corpus 06",
        ),
    ],
)
def test_sites_named_without_a_known_ending(sentence, expected, source):
    assert _names(sentence) == expected, source


@pytest.mark.parametrize(
    ("sentence", "former", "source"),
    [
        (
            "作为武汉传统工业和化工企业聚集地，远大制药集团、武汉力诺化学集团、武汉无机盐厂及武汉环宇化工、"
            "武汉第二电线电缆厂等企业都曾在此扎根。",
            ["武汉无机盐厂", "武汉第二电线电缆厂"],
            "湖北日报 on 汉江湾, shared corpus 12 (former occupants)",
        ),
        (
            "该土地原属武汉染料厂，1965年由国营武汉新康化工厂北部厂区、武汉香料厂、武汉扬子化工厂合并而成",
            ["武汉香料厂"],
            "荆楚网 2012-09-06, corpus3 06 (the plant's predecessors)",
        ),
    ],
)
def test_works_of_the_past_are_no_sites(sentence, former, source):
    found = _names(sentence)
    assert not [name for name in former if name in found], source


def test_offices_named_after_a_zone_are_no_sites():
    # 鄂州市水利和湖泊局 2023-05-15, corpus4 03
    sentence = (
        "华容区河湖办联合武汉东湖高新区水务科、左岭街道河湖长办，"
        "葛店开发区河湖办组织开展严家湖联合巡查"
    )
    assert _names(sentence) == ["严家湖"]


@pytest.mark.parametrize(
    ("clause", "source"),
    [
        (
            "新沟镇振华渔业项目生物接触池、生物刷大面积破损，不正常运行。",
            "corpus4 09 (正常 is not 正在)",
        ),
        ("部分区域污水直排问题突出，对洪湖水质造成影响。", "corpus4 09 (部分 counts areas)"),
    ],
)
def test_a_problem_is_not_work_under_way(clause, source):
    reading = read_status(clause)
    assert reading is None or reading.status is not Status.IN_PROGRESS, source


def test_money_spent_is_not_the_work_done():
    # dowater.com 2010-04-13, a sewage plant's phase 2: "累计完成投资" is money, not the works
    reading = read_status("截止目前，累计完成投资1300万元，完成土石方开挖回填24300立方米")
    assert reading is not None and reading.status is Status.IN_PROGRESS


def test_a_tally_of_works_done_is_done():
    # 武汉市水务局 序号21 notice, corpus 01: "共完成" counts works finished
    reading = read_status("2023年—2024年，全市共完成龙王嘴、豹澥等5座污水处理厂新改扩建项目建设")
    assert reading is not None and reading.status is Status.COMPLETED


def test_some_residents_is_not_part_of_the_work():
    clause = "数10年来形成了13个非法码头，部分居民搭建违法建筑圈地种菜、饲养家禽"  # corpus 06
    reading = read_status(clause)
    assert reading is None or reading.status is not Status.IN_PROGRESS


def test_a_works_named_in_a_plan_after_according_to():
    # 汉钢水泥厂为环保而外迁, corpus4 06: "按照" opens the phrase, it is no part of the works' name
    sentence = "据悉，按照月湖风景区二期工程规划，占地50亩的水泥厂有15亩属规划建设道路范畴"
    assert "月湖风景区二期工程" in _names(sentence)


def test_a_works_director_is_a_person_not_a_site():
    sentence = "市人大副主任杨向玲特别提醒水泥厂厂长"  # corpus4 06
    assert _names(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected", "source"),
    [
        ("禁止向引河倾倒各类垃圾", ["引河"], "镇江 water-source plan, corpus4 08"),
        (
            "标志着武汉正式启动长江、汉江两江核心区港口码头岸线资源优化调整工作。",
            ["长江核心区", "汉江核心区"],
            "汉网 2019-02-21, shared corpus 09 (the two rivers share 核心区)",
        ),
        (
            "连日来，武汉市两江核心区港口码头岸线资源优化调整工作有序进行",
            [],
            "長江日報, corpus 03 (the two core zones together: no one site)",
        ),
        (
            "监利市毛市镇光荣村项目治理设施长期停运，养殖废水直排；新沟镇振华渔业项目生物接触池、"
            "生物刷大面积破损",
            ["监利市毛市镇光荣村项目"],
            "洪湖 inspection, corpus4 09 (新沟镇 is a town; 接触池 a tank)",
        ),
        (
            "荆州市管网排查任务目前仅完成城区65%，错混接问题依然严重",
            [],
            "洪湖 inspection, corpus4 09 (a city's sewers)",
        ),
        (
            "江汉区南国中心二期商业区楼顶风机噪声和油烟扰民问题长期未解决，"
            "唐家墩万科公园旁建筑垃圾中转点扬尘污染严重等",
            ["江汉区南国中心二期商业区", "唐家墩万科公园旁建筑垃圾中转点"],
            "硚口区 notice 2025-01-03, corpus4 05 (a mall, a waste transfer point)",
        ),
        (
            "主要涉及交通噪声、垃圾中转站异味、商混企业噪音粉尘",
            [],
            "same notice (a kind of facility, none named)",
        ),
        (
            "抽查发现，部分已建成水产养殖尾水治理项目运行也不正常。监利市毛市镇光荣村项目治理设施长期停运",
            ["监利市毛市镇光荣村项目"],
            "洪湖 inspection, corpus4 09 (works named by their village)",
        ),
    ],
)
def test_short_names_and_the_words_that_are_none(sentence, expected, source):
    assert _names(sentence) == expected, source
