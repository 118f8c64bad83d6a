"""Where a name begins and whether it names a site at all: list separators, roads named
after a lake, places a works runs through or borders, shared endings of a pair, vague
quantities, a county before generic words. Every sentence here is invented for its rule."""

from __future__ import annotations

import pytest

from gis.extract.names import find_names
from gis.extract.status import read_status
from gis.model import Status


def _names(text: str) -> list[str]:
    return [s.name for s in find_names(text) if not s.group and not s.generic]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a character that ends a name elsewhere (三, 环, 进) is the item's own in a list
        (
            "区里正在清淤双桥港、环镇河、三合江、前进河等水体",
            ["双桥港", "环镇河", "三合江", "前进河"],
        ),
        ("截至去年底，奋进河、向阳河2条河道治理基本完成", ["奋进河", "向阳河"]),
        # outside a list of waters the same characters still end a name
        ("加强环湖、沿河垃圾清理", []),
        ("今年湖长巡湖12次", []),
    ],
)
def test_list_separators_bound_the_waters_listed(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("翠湖路雨污分流改造已完工", []),
        ("沿青河大道新建截污管道", []),
        ("翠湖水质持续改善", ["翠湖"]),
    ],
)
def test_a_road_named_after_a_water_is_not_the_water(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新建干管全长6公里，途经东风片区、红星片区和光明片区", []),
        ("东风片区雨污分流工程已完工", ["东风片区"]),
        ("该湖西面与云山经济开发区相连", []),
        ("施工人员正在清理云山经济开发区青鱼湖的淤泥", ["青鱼湖"]),
        # a zone followed by generic words is the site the finding is about
        ("督察发现云山经济开发区污水管网不完善", ["云山经济开发区"]),
    ],
)
def test_places_a_works_runs_through_or_borders_only_say_where(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("青石及白杨污水泵站已建成投运", ["青石污水泵站", "白杨污水泵站"]),
        ("红旗和跃进水库完成除险加固", ["红旗水库", "跃进水库"]),
        # "A、B泵站" may name A beside B's station: only the station named whole is read
        ("改造青石、白杨泵站", ["白杨泵站"]),
    ],
)
def test_a_pair_shares_its_station_ending(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("对青峰山矿区开展生态修复", ["青峰山矿区"]),
        ("关停石门采石场", ["石门采石场"]),
        ("保护区内的松涛度假村已停业", ["松涛度假村"]),
        ("封堵了白沙水库取水口旁的排污管", ["白沙水库取水口"]),
        # kinds, not places
        ("合理确定矿区修复范围", []),
        ("拆除取水管道和出水管道", []),
    ],
)
def test_mines_quarries_resorts_and_intakes_are_named_sites(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全市仍有不少简易填埋场未封场",
        "关闭露天垃圾填埋场",
        "建设一座标准化处理厂",
        "将该湖作为样板湖打造",
        "清水县饮用水水源地水质达标",
        "江城市农村垃圾填埋场全部关闭",
        "据东方工业园统计",
    ],
)
def test_vague_quantities_kinds_and_a_county_before_generic_words_name_no_site(sentence):
    assert _names(sentence) in ([], ["东方工业园"])
    assert "据东方工业园" not in _names(sentence)


def test_a_county_or_city_before_a_proper_ending_is_the_name():
    assert _names("清水县红星化工厂已搬迁") == ["清水县红星化工厂"]
    assert _names("武汉染料厂旧址") == ["武汉染料厂"]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("双桥港仍处于项目前期阶段", Status.PLANNED),
        ("青鱼湖整治尚在设计阶段", Status.PLANNED),
        ("双桥港整治已完成前期工作", Status.IN_PROGRESS),
    ],
)
def test_works_before_construction_are_planned(clause, expected):
    reading = read_status(clause)
    assert reading is not None and reading.status is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("实施松林大道雨污分流改造工程", ["松林大道雨污分流改造工程"]),
        (
            "三是青年路（东门街—西门街）污水管线改造工程于5月完工",
            ["青年路（东门街—西门街）污水管线改造工程"],
        ),
        # at a road on a lake the works is its own site; the lake's own works is the lake
        ("查看了柳岸路青鱼湖综合整治项目", ["柳岸路青鱼湖综合整治项目"]),
        ("青鱼湖综合整治项目已开工", ["青鱼湖"]),
        ("推进道路改造工程", []),
    ],
)
def test_works_named_by_the_road_they_lie_along(sentence, expected):
    assert _names(sentence) == expected


def test_a_treatment_works_named_by_its_kind_alone_is_none():
    assert _names("新建一座无害化处理厂") == []
    assert _names("松林垃圾处理厂扩建") == ["松林垃圾处理厂"]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("已对松涛度假村旁的排污管进行了拆除", Status.COMPLETED),
        ("对白沙水库取水口进行了封堵", Status.COMPLETED),
        ("对青鱼湖进行了整治", Status.IN_PROGRESS),  # rectified some: not said to be done
        ("正在对青鱼湖进行清淤", Status.IN_PROGRESS),
    ],
)
def test_an_act_carried_out_with_its_aspect_is_done(clause, expected):
    reading = read_status(clause)
    assert reading is not None and reading.status is expected


def test_a_list_whose_count_is_its_items_names_each_works():
    sentence = "上游村段河道清淤、下游村段护岸加固、南溪堤防整治3个分部工程顺利通过验收"
    assert _names(sentence) == ["上游村段河道清淤", "下游村段护岸加固", "南溪堤防整治"]
    assert read_status(sentence).status is Status.COMPLETED  # type: ignore[union-attr]


def test_a_list_whose_count_differs_names_no_works_from_it():
    assert _names("上游村段河道清淤、下游村段护岸加固等5个项目正在施工") == []
