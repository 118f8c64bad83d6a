"""District as the text states it: each rule on a real sentence, its source named."""

from __future__ import annotations

from datetime import date


def test_located_at(extract_text):
    # 原武汉铝厂地块公示 2023-07-18 (corpus 11)
    found = extract_text(
        "武汉铝厂地块位于江岸区谌家矶大道21号，占地209亩，位于武汉市江岸区谌家矶片区。"
    )
    parcel = found["武汉铝厂地块"]
    assert (parcel["district"], parcel["district_basis"]) == ("江岸区", "stated")
    assert "谌家矶片区" not in found and "武汉市江岸区谌家矶片区" not in found


def test_written_before_the_name(extract_text):
    # 汉网 2017-11-25 (corpus 05): "江夏區金鞭港"
    found = extract_text("影响汤逊湖水质的黑臭水体江夏区金鞭港整治工程已基本完工。")
    assert found["金鞭港"]["district"] == "江夏区"
    assert found["汤逊湖"]["district"] is None


def test_a_district_government_acting_in_the_sentence(extract_text):
    # 湖北日报 2021-12-01 (corpus 12)
    found = extract_text(
        "2016年开始，硚口区政府分三期组织实施汉江湾土壤修复，一期已于去年完成验收。"
    )
    assert found["汉江湾"]["district"] == "硚口区"


def test_a_visit_to_a_district_named_short(extract_text):
    # 武汉市环保局 8月25日 (corpus 3, 04): "到江夏督促指导" states 江夏区 for the sites visited
    found = extract_text(
        "8月25日，市环保局局长到江夏督促指导突出环境问题整改工作，先后前往法泗污水处理厂"
        "了解污水处理运行情况。"
    )
    assert found["法泗污水处理厂"]["district"] == "江夏区"
    road = extract_text("记者到江汉路步行街检查，巡司河已完成清淤。")
    assert road["巡司河"]["district"] is None
    flows = extract_text("汤逊湖的湖水流到江夏区以后，经巡司河进入长江。")
    assert flows["巡司河"]["district"] is None  # flowing to a district is no visit


def test_a_district_that_acts_on_a_site(extract_text):
    # 长江日报 2018 (own corpus 05): "武昌区开始对…码头进行取缔"
    found = extract_text("3月以来，武汉市武昌区开始对江滩临江段13个非法码头和余家头码头进行取缔。")
    assert found["余家头码头"]["district"] == "武昌区"


def test_the_title_states_the_district_of_the_whole_notice(extract_text):
    # 荆楚网 2023-03-06 (corpus 07)
    found = extract_text(
        "洪山区推进汤逊湖流域水环境综合治理工作\n在汤逊湖程家湖堤，调研组检查了先建村排口整改情况。\n",
        date(2023, 3, 6),
    )
    assert found["先建村排口"]["district"] == "洪山区"


def test_a_table_column(extract_text):
    # 武汉市生态环境局 2025-11-26 (corpus 02), one cell per line as the page gave it
    cells = (
        "序号 县级行政区划 乡镇/街道 行政村名称 水体名称 水体类型 "
        "1 新洲区 邾城街 城北村 城北村汪套湾东部水沟 沟渠"
    )
    found = extract_text("\n".join(cells.split()) + "\n")
    assert found["城北村汪套湾东部水沟"]["district"] == "新洲区"


def test_no_district_is_given_where_the_text_states_none(extract_text):
    # 长江日报 2019-02-21 (corpus 09)
    found = extract_text(
        "涉及的范围主要是在武汉长江核心区和汉江核心区，计划今年4月20日前完成优化调整工作。"
    )
    assert found["汉江核心区"]["district"] is None


def test_a_located_point_gives_a_derived_district(catalog, tmp_path):
    # 原武汉铝厂地块公示 2023-07-18 (corpus 11), without the sentence that names the district
    from gis.extract.pipeline import extract_file
    from gis.geocode import GazetteerGeocoder

    path = tmp_path / "notice.txt"
    path.write_text(
        "该项目武汉铝厂地块场地中心坐标：东经114°21′42.62″，北纬30°40′22.08″，地块规划用地为第一类用地。\n",
        encoding="utf-8",
    )
    records, _ = extract_file(path, GazetteerGeocoder(catalog))
    parcel = next(r for r in records if r["name_simplified"] == "武汉铝厂地块")
    assert (parcel["district"], parcel["district_basis"]) == ("江岸区", "derived")


def test_no_district_is_derived_for_a_point_whose_circle_crosses_a_border(catalog):
    from gis.geocode import GazetteerGeocoder

    geocoder = GazetteerGeocoder(catalog)
    assert geocoder.district_at(114.36184, 30.67280, 100) == "江岸区"
    assert geocoder.district_at(114.36184, 30.67280, 20_000) is None


def test_the_ends_of_a_stretch_and_its_water_system_are_landmarks(extract_text):
    # 楚天都市报 2017-09-21 (corpus 3, 05); 长江日报 (own corpus 22): "北至府河南岸的后湖泵站"
    found = extract_text(
        "巡司河北起武泰闸，南至青菱河，属于汤逊湖水系。巡司河综合整治工程正在施工。"
        "黄孝河北至府河南岸的后湖泵站，正在进行清淤。"
    )
    assert "巡司河" in found and "后湖泵站" in found
    assert not {"武泰闸", "青菱河", "汤逊湖", "府河"} & set(found)


def test_a_facility_after_its_district_s_short_name(extract_text):
    # 湖北日报 2011-05-12 (corpus 3, 10); 荆楚网 2018-01-18 (own corpus 07): a company dock, 江夏
    found = extract_text("该市近日启动汉阳赫山地块的污染土地修复工程。")
    assert found["汉阳赫山地块"]["district"] == "汉阳区"
    dock = extract_text("执法队员赶赴现场，对汉阳港务公司码头进行拆除工作。")
    assert dock["汉阳港务公司码头"]["district"] is None
    lake = extract_text("今年，汉阳后官湖将实施截污。")
    assert all(c["district"] is None for c in lake.values())


def test_a_river_s_stretch_named_by_its_district(extract_text):
    # 楚天都市报 2018-07-19 (corpus 3, 13)
    found = extract_text("其中，巡司河武昌段等水体已开始着手治理。")
    assert found["巡司河武昌段"]["district"] == "武昌区"


def test_examples_listed_district_by_district_take_their_district(extract_text):
    # 硚口区 notice on petitions, 2025-01-03 (corpus4 05): "如江岸区…；江汉区…；…汉阳区…"
    found = extract_text(
        "如江岸区兴业南路金桥卫生院通往地铁站路段摊贩油烟扰民，幸福明渠异味扰民等；"
        "江汉区南国中心二期商业区楼顶风机噪声和油烟扰民问题长期未解决；"
        "汉阳区四新连通渠与芳草溪虽进行了治理，但水质仍呈轻度黑臭等。\n"
    )
    assert found["幸福明渠"]["district"] == "江岸区"
    assert found["南国中心二期商业区"]["district"] == "江汉区"
    assert found["芳草溪"]["district"] == "汉阳区"


def test_a_district_opening_a_modifier_of_the_names_after_it(extract_text):
    """ "X区连通某湖的A、B等水体": A and B are the district's; the lake in the modifier and a
    place after another district are not."""
    found = extract_text(
        "督察情况通报\n"
        "督察发现，新洲区连通涨渡湖的王家港、刘家渠等水体长期黑臭，江夏区的李家河也有污水直排，"
        "而黄陂区以外的张家河水质较差。\n"
    )
    assert found["王家港"]["district"] == "新洲区"
    assert found["刘家渠"]["district"] == "新洲区"
    assert found["涨渡湖"]["district"] is None
    assert found["李家河"]["district"] == "江夏区"
    assert found["张家河"]["district"] is None
