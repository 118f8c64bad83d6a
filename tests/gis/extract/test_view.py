"""What the rules read: mirror noise removed, punctuation made one, quotes still verbatim."""

from __future__ import annotations

from gis.extract.text import to_simplified
from gis.extract.view import rule_view


def _view(text: str) -> str:
    return rule_view(to_simplified(text))[0]


def test_pinyin_a_mirror_inserts_is_dropped():
    # 漢網 mirror, 2017-11-25 (corpus 05)
    assert (
        _view("改善水環(huán)境 湯遜湖周邊51個(gè)污水排口") == "改善水环境 汤逊湖周边51个污水排口"
    )
    assert _view("長江日?qǐng)?bào)融媒體") == "长江日融媒体"


def test_a_stock_ticker_inside_a_name_is_dropped():
    # cyicd.com reprint, 2012-04-24 (corpus 08)
    assert _view("將實施太平洋(601099,股吧)、湯遜湖泵站") == "将实施太平洋、汤逊湖泵站"


def test_injected_spam_is_dropped_and_the_sentence_kept():
    # gambling-spam mirror of 湖北日报, 2021-12-01 (corpus 12)
    text = (
        "2016年开始,365三式投注_365bet体育投注网址_365商城怎么下载硚口区政府分三期组织实施土壤修复"
    )
    assert _view(text) == "2016年开始，硚口区政府分三期组织实施土壤修复"


def test_doubled_commas_a_mirror_inserts_become_one_mark():
    # feifmx.com mirror of 央广网, 2017-09-19 (own corpus 10)
    assert _view("對原來的沙湖,、二廊廟,、落步咀污水處理廠實施搬遷,,四廠合一") == (
        "对原来的沙湖、二廊庙、落步咀污水处理厂实施搬迁，四厂合一"
    )


def test_every_view_character_maps_back_to_the_same_original_character():
    original = "改善水環(huán)境,太平洋(601099,股吧)、湯遜湖泵站"
    simplified = to_simplified(original)
    view, index, _ = rule_view(simplified)
    punctuation = dict(zip(",;:()!?", "，；：（）！？", strict=True))
    for i, c in enumerate(view):
        assert punctuation.get(simplified[index[i]], simplified[index[i]]) == c


def test_page_furniture_is_noise():
    for line in ("扫一扫在手机上查看当前页面", "发布时间:2020-12-28 16:27 来源:武汉市城乡建设局"):
        assert rule_view(line)[2], line
    assert not rule_view("排污口已被堵住。")[2]


def test_quotes_from_a_noisy_traditional_page_are_verbatim(extract_text):
    text = (
        "為改善水環(huán)境,湯遜湖截污工程目前正在實(shí)施:湯遜湖周邊的59個(gè)污水排口,"
        "已完成截污51個(gè)。\n"
    )
    found = extract_text(text)
    lake = found["汤逊湖"]
    assert lake["name"] == "湯遜湖"
    for measure in lake["measures"]:
        assert measure["evidence"]["quote"] in text
