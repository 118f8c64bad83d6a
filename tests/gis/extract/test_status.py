"""Status as the text states it, never stronger: each rule on a real sentence, its source
named (the development corpus files are ../shared/corpus/NN_*, passages of public pages)."""

from __future__ import annotations

from datetime import date

import pytest

from gis.extract.status import read_status
from gis.model import Status

CASES = [
    # (sentence, status or None, source)
    ("排污口已被堵住", Status.COMPLETED, "长江日报 2013-11-09, corpus 06"),
    ("民营工业园截污工程已开工1个多月", Status.IN_PROGRESS, "长江日报 2013-11-09, corpus 06"),
    ("开发区已要求区水务局在5天内完成排污口对接市政主管网作业", Status.PLANNED, "corpus 06"),
    ("汤逊湖“一湖一策”方案编制工作已启动", Status.IN_PROGRESS, "汉网 2017-11-25, corpus 05"),
    ("已完成截污51个", Status.IN_PROGRESS, "汉网 2017-11-25, corpus 05 (51 of 59)"),
    ("纸坊港整治完成前期清淤工作", Status.IN_PROGRESS, "corpus 05"),
    (
        "目前潜流人工湿地和截污调蓄池完成工程量80%以上",
        Status.IN_PROGRESS,
        "湖北日报 2018-11-03, corpus 10",
    ),
    ("生态清淤完成62%", Status.IN_PROGRESS, "corpus 10"),
    ("经检查水质为Ⅳ类，水质尚未达标", None, "荆楚网 2023-03-06, corpus 07: a problem"),
    ("一期已于去年完成验收", Status.IN_PROGRESS, "湖北日报 2021-12-01, corpus 12: a phase"),
    ("目前二期修复项目已通过修复效果技术评审", Status.COMPLETED, "corpus 12"),
    (
        "地块内全部污染土壤采用水泥窑修复技术并于2023613日完成所有污染土壤修复",
        Status.COMPLETED,
        "原武汉铝厂地块公示 2023-07-18, corpus 11",
    ),
    ("现将以上黑臭水体排查结果予以公示", None, "经开区 2025-03-24, corpus 03: boilerplate"),
    ("码头被拆除", Status.COMPLETED, "长江日报 2019-02-21, corpus 09"),
    (
        "市排水公司对东湖南路管网按季度实施了一般维护工作",
        Status.IN_PROGRESS,
        "武汉市水务局 2022 (corpus 3, 08): recurring work goes on",
    ),
    (
        "标志着武汉正式启动长江、汉江两江核心区港口码头岸线资源优化调整工作",
        Status.IN_PROGRESS,
        "corpus 09",
    ),
    ("计划今年4月20日前完成优化调整工作", Status.PLANNED, "corpus 09"),
    (
        "到5月9日，余家头水厂水源地一级保护区内11个码头、9个砂场全被拆除",
        Status.COMPLETED,
        "楚天都市报 2017-01-18, news.cnhan.com/jdt/20170118/778042.htm",
    ),
    (
        "截至去年5月20日，武汉沿江122个拟取缔码头全部予以销号",
        Status.CLOSED_OUT,
        "楚天都市报 2017-01-18, news.cnhan.com/jdt/20170118/778042.htm",
    ),
    ("目前清理工作已经完成", Status.COMPLETED, "新华网 2016-05-19, chinacourt.org …/id/1874036"),
    ("严肃查处填湖占湖违法行为", None, "武汉市城乡建设局 2020-12-28, corpus 01: a requirement"),
    ("经治理后已实现长制久清", Status.COMPLETED, "corpus 03"),
    ("江夏区金鞭港整治工程已基本完工", Status.IN_PROGRESS, "corpus 05: 基本 is not all"),
    (
        "始建于1980年的武汉长江沙鸥植物油有限公司趸船",
        None,
        "长江商报 2020-09, cj.chenjian1982.cn/2020/09/609410.html: history",
    ),
]


@pytest.mark.parametrize(("sentence", "expected", "source"), CASES, ids=[c[0][:12] for c in CASES])
def test_a_clause_reads_as_the_text_states(sentence, expected, source):
    reading = read_status(sentence)
    assert (reading.status if reading else None) is expected, source


def test_started_is_not_finished_even_when_approved():
    # "已获国家发改委批准" is named in issue #13 from the notices it was tried on.
    assert read_status("项目已获国家发改委批准").status is Status.IN_PROGRESS


def test_a_concession_keeps_what_precedes_but_from_counting_as_done():
    # Both punctuations, as real pages carry them (issue #13: "虽开展了…，但…尚未实施").
    for comma in ("，", ","):
        reading = read_status(f"虽开展了排查{comma}但整治方案尚未实施")
        assert reading.status is not Status.COMPLETED


def test_the_words_that_say_so_are_quoted_from_the_clause():
    text = "排污口已被堵住"
    reading = read_status(text)
    assert text[reading.where] == "已被堵住"


def test_a_requirement_reaches_over_the_rest_of_its_sentence(extract_text, strongest):
    # 市政府办公厅专报第53期 2017-11-06 (corpus 04): everything after 要求 is required.
    found = extract_text(
        "陈瑞峰等实地视察了金鞭港黑臭水体治理工程和斧头湖，并要求江夏区委、区政府进一步加大"
        "金鞭港黑臭水体治理力度，确保按期完工、验收；进一步加大斧头湖等重点湖泊水环境生态保护"
        "力度，大力推进湖泊生态修复。"
    )
    assert strongest(found["斧头湖"]) == "planned"
    assert strongest(found["金鞭港"]) == "planned"


def test_a_completion_is_never_claimed_for_a_place_the_clause_does_not_name(
    extract_text, strongest
):
    # 汉网 2017-11-25 (corpus 05): the plan's steps are done, the lake's works are not.
    found = extract_text(
        "改善水环境 汤逊湖周边51个污水排口完成截污\n"
        "为改善水环境，汤逊湖截污工程目前正在实施。\n"
        "截至目前，已完成基础资料收集、区域水系防洪排涝评估和湖泊形态保护评估。\n",
        date(2017, 11, 25),
    )
    lake = found["汤逊湖"]
    assert strongest(lake) == "in_progress"
    assert any("推断" in reason for reason in lake["review"])


def test_a_doubtful_reading_is_flagged_for_review(extract_text):
    # 武汉市城乡建设局 2020-12-28 (corpus 01): "完成…" without 已 is a report's line.
    found = extract_text(
        "二、问题整改情况\n完成青山和汉阳四新示范区海绵城市建设，持续推进全市海绵城市建设。\n"
    )
    assert found["青山示范区"]["review"]


def test_a_clause_naming_no_place_carries_on_the_paragraph_s_places(extract_text):
    # 湖北日报 via hb.cri.cn 2019-04-04 (own corpus 03): "按计划" continues the two core areas.
    found = extract_text(
        "连日来，武汉市两江核心区港口码头岸线资源优化调整工作有序进行，将对武汉长江核心区"
        "（鹦鹉洲长江大桥—二七长江大桥）、汉江核心区（古田桥—汉江口）的103个码头进行拆除、"
        "迁移或整合。按计划，4月20日优化调整完成后，两江核心区码头数量将减少61.2%。\n",
        date(2019, 4, 4),
    )
    for area in ("武汉长江核心区", "汉江核心区"):
        assert "2019-04-20" in [m["target_date"] for m in found[area]["measures"]], area
    assert "全市" not in found


def test_every_place_the_title_joins_is_its_subject(extract_text):
    # mex-live.com 2017-09-14 (own corpus 22): the title names two rivers' works.
    found = extract_text(
        "武汉市领导视察黄孝河、机场河水环境综合治理一期工程\n"
        "目前已进入施工准备期，计划9月22日开工，11月20日完成，历时60天。\n",
        date(2017, 9, 14),
    )
    for river in ("黄孝河", "机场河水环境综合治理一期工程"):
        assert "2017-11-20" in [m["target_date"] for m in found[river]["measures"]], river


def test_places_listed_after_a_counted_set_take_its_measure_flagged(extract_text, strongest):
    # cqfkzl.com 2013-07-29 (own corpus 15): the 29 lakes, then the district's share of them.
    found = extract_text(
        "记者了解到，2013年内，对全市开发热点区域的29个湖泊，建设211公里的环湖道路。\n"
        "环湖路具体规划为：黄陂区57.5公里，涉及长湖、西塞湖、后湖。\n",
        date(2013, 7, 29),
    )
    for lake in ("长湖", "西塞湖", "后湖"):
        assert [m["target_date"] for m in found[lake]["measures"]] == ["2013-12"], lake
        assert strongest(found[lake]) == "planned"
        assert any("29个湖泊" in reason for reason in found[lake]["review"])


def test_done_belongs_to_the_place_its_own_clause_names(extract_text, strongest):
    # 荆楚网 2018-01-18 (own corpus 07): the bank hosts the work, the docks are removed.
    found = extract_text(
        "1月16日，江夏区交通运输局联合区城管等单位120多名执法队员赴金口江滩，"
        "拆除了汉阳港务公司码头和八一船家鱼馆两家无证非法经营的码头企业。\n",
        date(2018, 1, 18),
    )
    assert strongest(found["汉阳港务公司码头"]) == "completed"
    assert strongest(found["金口江滩"]) == "in_progress"
    assert found["金口江滩"]["review"]


def test_a_completion_dated_after_the_notice_is_a_plan(extract_text, strongest):
    # 楚天金报 2006-01-07 (corpus 3, 14): "2010年全部截污完毕" written in 2006
    found = extract_text(
        "到2008年底前，南湖的主要排污口实现截流，2010年南湖全部截污完毕。",
        date(2006, 1, 7),
    )
    assert strongest(found["南湖"]) == "planned"
    assert "2010" in {m["target_date"] for m in found["南湖"]["measures"]}
    past = extract_text("2010年南湖全部截污完毕。", date(2011, 1, 7))
    assert strongest(past["南湖"]) == "completed"


def test_a_campaign_named_is_no_work_started(extract_text, strongest):
    # 楚天都市报 2018-07-19 (corpus 3, 13): 攻坚战 is the campaign's name
    found = extract_text(
        "除了纳入攻坚战的41个水体外，东湖作为武汉最靓丽的一张名片，水质也将再上一个台阶。"
    )
    assert strongest(found["东湖"]) == "planned"


def test_places_that_describe_another_do_not_take_its_measure(extract_text, strongest):
    # 湖北日报 2020-12 (own corpus 19): the two lakes describe the channel being dredged
    found = extract_text(
        "12月21日，武汉市武昌区连通外沙湖和水果湖的人工河——楚河，截流抽排河水后，"
        "正在进行河底清淤施工。"
    )
    assert strongest(found["楚河"]) == "in_progress"
    assert found["外沙湖"]["measures"] == [] and found["水果湖"]["measures"] == []


# 中国网 湖北 2020-09-21 on 荆门's black-odour waters (corpus5 05), Traditional as stored
JINGMEN = (
    "程林介紹,荊門市目前有3條黑臭水體,分別是竹皮河城區段(凱龍集團、海慧2橋至襄荊高速段,"
    "長22.5公里)、王林港河道(泉水大道至竹皮河匯流口,含范家垱、楊家衝等,長11.6公里)、"
    "楊樹港河道(關公大道至楊樹港污水處理廠,長7.1公里),全長41.2公里,均為輕度黑臭,"
    "全部上報納入全國城市黑臭水體整治監管平臺。\n\n"
    "通過持續不斷的治理,目前,中心城區三條黑臭水體均實現銷號清零,消除率達100%。\n"
)


def test_a_completion_stated_once_for_a_list_named_before_is_each_member_s(extract_text, strongest):
    found = extract_text(JINGMEN, date(2020, 9, 21))
    for name in ("竹皮河城区段", "王林港", "杨树港"):
        assert strongest(found[name]) == "completed", name
        assert "上文列出" in found[name]["measures"][0]["doubt"]


def test_a_whole_list_claims_nothing_when_its_count_differs_from_the_places_named(
    extract_text, strongest
):
    found = extract_text(JINGMEN.replace("三條黑臭水體", "四條黑臭水體"), date(2020, 9, 21))
    assert all(strongest(found[n]) is None for n in ("竹皮河城区段", "王林港", "杨树港"))


def test_a_policy_issued_before_the_places_are_named_is_not_their_completion(
    extract_text, strongest
):
    # 湖北日報 on 猇亭's shoreline (corpus5 04), Traditional as stored
    found = extract_text(
        "針對沿江碼頭整治,猇亭區出臺政策,按照“取締非法、保護合法、綜合施策、一企一策”的原則,"
        "全面推進15個沿江碼頭集並整合,對於中華鱘保護核心區內的6家碼頭,將積極啟動關閉搬遷,"
        "最終形成“3+1”格局,即古老背、紅溪港、云池集中作業區和化工園區危化品碼頭。\n"
    )
    assert strongest(found["红溪港"]) == "in_progress"
    assert all(m["status"] != "completed" for m in found["红溪港"]["measures"])


def test_a_paragraph_opening_with_what_the_city_will_do_is_a_plan(extract_text, strongest):
    # 荆楚网 黄石 (corpus5 08): the plan's second sentence has no 将 of its own
    found = extract_text(
        "为确保全面实现攻坚目标,我市将落实各级河湖长制度,推动大冶湖、网湖、保安湖、磁湖等省控重点湖泊"
        "考核断面的治理,推进重点湖泊全面消除劣五类水质。以长江干流、主要支流及大冶湖和富河为重点,"
        "实施入河排污口“查、测、溯、治”等排查整治工作。持续开展饮用水水源地专项行动。\n"
    )
    assert strongest(found["富河"]) == "planned"
    assert strongest(found["大冶湖"]) == "planned"
