"""Classes of phrasing learnt from corpus 6's misses and false positives, each on short
sentences written for the test (not copied from a notice): what names a site, what only
names a kind, a slogan or a verb's object."""

from __future__ import annotations

import pytest

from gis.extract.names import find_names


def _names(text: str) -> list[str]:
    return [s.name for s in find_names(text) if not s.group and not s.generic]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("区里正在建设青林大道排水走廊和北港碧道", ["青林大道排水走廊", "北港碧道"]),
        ("沿汉江的十里生态廊道已经贯通", ["十里生态廊道"]),
        ("下周将对桂园路过江污水管道进行检修", ["桂园路过江污水管道"]),
        ("镇里对新增水源地石门张家塘堰进行保护区划分", ["石门张家塘堰"]),
        ("白石水库和府河湿地水质稳定", ["白石水库", "府河湿地"]),
    ],
)
def test_corridors_greenways_pipes_and_pond_weirs_end_a_name(sentence, expected):
    """走廊, 廊道, 碧道, 管道, 塘堰, 水库 and 湿地 close a name as 渠 or 管网 do; a kind
    written before the name ("新增水源地…") is not part of it."""
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全区农村排灌港渠整治正在推进",
        "今年新修干、支渠40公里，斗、农、毛渠80公里",
        "工程内容包括导流渠和护栏",
        "每月对县域饮用水源地开展水质监测",
        "确保国、省考水质断面稳定达标",
        "施工中埋设管道收集渗滤液",
        "平均每月对该段管道进行一次维护",
        "两座泵站之间由大口径地下管道连接",
        "建成区基本无生活污水直排口",
        "区里新建了亲水平台、人文廊道和绿色走廊",
        "以打造世界级城市江滩公园为目标",
        "全年新改建江滩5公里",
        "各区建设海绵公园、口袋公园和湿地公园",
        "打通断头渠，扮靓滨水公园，构建生态廊道",
        "每季度维护泵站一次",
        "该排口为雨污混流排口",
        "关停化工企业遗留地块",
        "池塘可作为事故水库，尾水经潜流人工湿地净化后变成湿地",
        "建设省级工业园区和国家级生态示范区",
        "清理散乱小码头，做大品牌水泥厂",
        "三坝之间1.5公里管网",
        "更换燃气管道，打造交通走廊，整治非正规垃圾填埋场和病险水库",
    ],
)
def test_kinds_of_channel_pipe_and_amenity_are_no_site(sentence):
    """Grades and uses of channels (支渠, 排灌港渠, 导流渠), a pipe by its size or depth, a
    section by its class (省考断面), what a district has none of (无…直排口), amenities by
    their style (人文廊道, 口袋公园), an outfall by what it carries (雨污混流) and verbs of upkeep
    (维护, 扮靓): kinds, not places."""
    assert _names(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "织密水源地监管网络，做好水源地巡查，绘制水源地保护蓝图",
        "探索“固堤、疏浚、还湖”的新路子",
        "为建设公园城市提供支撑",
        "旧厂房将变身生态公园",
        "2000年后改建成化工工业园",
    ],
)
def test_slogans_and_verbs_before_an_ending_name_no_site(sentence):
    """Campaign verbs (织密, 做好, 绘制), a verb with a bare ending (固堤), "公园城市" (a city's
    slogan) and what a place turns into (变身…, 改建成…) are no site."""
    assert _names(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("调研组看望了黄溪办事处排灌港渠", ["黄溪办事处排灌港渠"]),
        ("详细了解流域片区水系情况", []),
        ("二、王家河（含李家河）整治已完工", ["王家河", "李家河"]),
        ("三、杨下河整治已完工；四、李上湖清淤已启动", ["杨下河", "李上湖"]),
        ("对以下河道进行清淤", []),
        ("沉湖湿地公园和百步亭社区公园", ["沉湖湿地公园", "百步亭社区公园"]),
        ("城南沿湖大道工业搬迁场地地块已完成修复", ["城南沿湖大道工业搬迁场地地块"]),
    ],
)
def test_a_name_is_not_cut_by_a_word_inside_it(sentence, expected):
    """An office's name (…办事处…), a road named 沿湖…, a 搬迁场地 and a river with 上/下 after
    a family name stay whole; 了解 and 含 are words before a name, not part of it."""
    assert _names(sentence) == expected


def test_a_counted_shared_ending_after_a_list_names_each_item():
    """ "甲、乙、丙三大垃圾填埋场": the list shares the ending its count ("三大") precedes."""
    assert _names("城东、马鞍山、白沙洲三大垃圾填埋场正在修复") == [
        "城东垃圾填埋场",
        "马鞍山垃圾填埋场",
        "白沙洲垃圾填埋场",
    ]


def test_a_pilot_or_upkeep_works_of_a_water_is_the_water():
    """ "X湖清淤试点工程", "X渠疏通工程": the water is the site, as for "X湖整治工程"."""
    assert _names("梁子湖清淤试点工程进展顺利") == ["梁子湖"]
    assert _names("青山港疏通工程已启动") == ["青山港"]


def test_landmarks_that_bound_a_stretch_are_no_site(extract_text):
    """ "上起A，下至B", "某路至C闸的D碧道": the ends of a stretch say where it is."""
    found = extract_text(
        "沿江通报\n北港碧道上起刘家巷泵站，下至江北码头，长2公里。"
        "此外，和平路至新河闸的南岸碧道尚未贯通。\n"
    )
    assert {"北港碧道", "南岸碧道"} <= set(found)
    assert not {"刘家巷泵站", "江北码头", "新河闸"} & set(found)


def test_a_works_listed_with_former_companies_is_no_site(extract_text):
    """ "地块中原有…冶炼厂和…公司旧址": former occupants of a parcel, not sites of their own."""
    found = extract_text(
        "地块说明\n城北地块中涉及的企业有原东风化工有限公司、金山冶炼厂和通达纺织有限公司旧址。\n"
    )
    assert "城北地块" in found and "金山冶炼厂" not in found


def test_a_visit_to_works_under_way_puts_them_in_progress(extract_text, strongest):
    """ "查看了A、B的建设情况": the works visited are under way."""
    found = extract_text("调研通报\n副区长先后查看了李家港治理工程和张家渠的建设情况。\n")
    assert strongest(found["张家渠"]) == "in_progress"


def test_an_anonymised_name_is_no_site():
    """ "某小区", "某某泵站": a notice that masks a name gives no place to map."""
    assert _names("群众反映某小区旁污水直排，某某排水泵站溢流") == []
