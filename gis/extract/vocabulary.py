"""The words a place name is made of in Wuhan notices: the facility endings that close a
name and the kind each makes, the verbs and particles that open one on its left, and the
generic words a name made only of is no name. Data, with the one helper that reads it."""

from __future__ import annotations

import re

from gis.model import Kind

# Facility endings, each with the kind it makes; the alternation tries the longest first.
ENDINGS: dict[str, Kind] = {
    "污水处理厂": Kind.SEWAGE_PLANT,
    "净水厂": Kind.SEWAGE_PLANT,
    "水质净化厂": Kind.SEWAGE_PLANT,
    "水源保护区": Kind.PROTECTION_ZONE,
    "一级保护区": Kind.PROTECTION_ZONE,
    "二级保护区": Kind.PROTECTION_ZONE,
    "水源地": Kind.PROTECTION_ZONE,
    "新技术开发区": Kind.FUNCTIONAL_ZONE,
    "经济技术开发区": Kind.FUNCTIONAL_ZONE,
    "经济开发区": Kind.FUNCTIONAL_ZONE,
    "开发区": Kind.FUNCTIONAL_ZONE,
    "风景区": Kind.FUNCTIONAL_ZONE,
    "化工区": Kind.FUNCTIONAL_ZONE,
    "高新区": Kind.FUNCTIONAL_ZONE,
    "示范区": Kind.FUNCTIONAL_ZONE,
    "核心区": Kind.FUNCTIONAL_ZONE,
    "汇水区": Kind.LOCALITY,
    "片区": Kind.LOCALITY,
    "生态新城": Kind.INDUSTRIAL_AREA,
    "工业园区": Kind.INDUSTRIAL_AREA,
    "工业园": Kind.INDUSTRIAL_AREA,
    "产业园": Kind.INDUSTRIAL_AREA,
    "园区": Kind.INDUSTRIAL_AREA,
    "养殖场": Kind.INDUSTRIAL_AREA,
    "渔场": Kind.INDUSTRIAL_AREA,
    "养殖基地": Kind.INDUSTRIAL_AREA,
    "猪场": Kind.INDUSTRIAL_AREA,
    "合作社": Kind.INDUSTRIAL_AREA,
    "处置中心": Kind.INDUSTRIAL_AREA,
    "处理中心": Kind.INDUSTRIAL_AREA,
    "中转站": Kind.INDUSTRIAL_AREA,
    "转运站": Kind.INDUSTRIAL_AREA,
    "中转点": Kind.INDUSTRIAL_AREA,
    "商业区": Kind.LOCALITY,
    "厂": Kind.INDUSTRIAL_AREA,
    "小区": Kind.LOCALITY,
    "调蓄池": Kind.OUTFALL,
    "污水系统": Kind.SEWAGE_PLANT,
    "管网": Kind.OUTFALL,
    "管道": Kind.OUTFALL,
    "救助基地": Kind.DOCK,
    "码头": Kind.DOCK,
    "泵船": Kind.DOCK,
    "趸船": Kind.DOCK,
    "港": Kind.RIVER_LAKE,
    "排污口": Kind.OUTFALL,
    "排水口": Kind.OUTFALL,
    "排口": Kind.OUTFALL,
    "泵站": Kind.OUTFALL,
    "闸": Kind.OUTFALL,
    "化工厂": Kind.CONTAMINATED_PARCEL,
    "化工场": Kind.CONTAMINATED_PARCEL,
    "染料厂": Kind.CONTAMINATED_PARCEL,
    "农药厂": Kind.CONTAMINATED_PARCEL,
    "地块": Kind.CONTAMINATED_PARCEL,
    "水厂": Kind.WATER_PLANT,
    "处理站": Kind.SEWAGE_PLANT,
    "公园": Kind.LOCALITY,
    "碧道": Kind.LOCALITY,
    "廊道": Kind.LOCALITY,
    "走廊": Kind.LOCALITY,
    "填埋场": Kind.INDUSTRIAL_AREA,
    "矿区": Kind.INDUSTRIAL_AREA,
    "采石场": Kind.INDUSTRIAL_AREA,
    "度假村": Kind.LOCALITY,
    "取水口": Kind.WATER_PLANT,
    "江滩": Kind.LOCALITY,
    "绿道": Kind.LOCALITY,
    "断面": Kind.RIVER_LAKE,
    "明渠": Kind.RIVER_LAKE,
    "渠": Kind.RIVER_LAKE,
    "水沟": Kind.RIVER_LAKE,
    "溪": Kind.RIVER_LAKE,
    "沟": Kind.RIVER_LAKE,
    "大塘": Kind.RIVER_LAKE,
    "堰塘": Kind.RIVER_LAKE,
    "塘堰": Kind.RIVER_LAKE,
    "水库": Kind.RIVER_LAKE,
    "湿地": Kind.RIVER_LAKE,
    "塘": Kind.RIVER_LAKE,
    "堤": Kind.RIVER_LAKE,
    "咀": Kind.LOCALITY,
    "湾": Kind.LOCALITY,
}
ENDING_RE = re.compile("|".join(sorted(map(re.escape, ENDINGS), key=len, reverse=True)))
# An ending these characters follow is part of a longer word, not a name's end.
NOT_AN_END = {
    "港": "口区务湾城澳台航镇乡村街路容貌",
    "渠": "道",
    "沟": "通渠镇乡村街路",
    "塘": "坝",
    "堤": "防岸坝还段",
    "闸": "门口站",
    "湾": "区镇乡村街路市县",
    "咀": "",
    "片区": "长",
    "厂": "区房长家方界内外商址部矿务",
    "溪": "流水",
    "公园": "城",  # "公园城市" is a city's slogan
    "江滩": "公",  # "江滩公园": the park is the name's end
    "管网": "络",  # "监管网络"
    "湿地": "公",  # "湿地公园": the park is the name's end
}
# Words that end a name on its left: verbs, prepositions, conjunctions, quantifiers. Literal
# words only: a character class among them ("[东南西北]起") makes every search ~15x slower.
LEFT_STOPS = re.compile(
    r"推动|推进|促进|落实|实施了|实施|开展|启动|督促|加快|全面|完成|建成|建设|整治|治理|打造成|开发成|联合|"
    r"横穿|穿越|途经|横跨|跨越|制定|制订|确定|据|尽管|虽然|"
    r"编制|组织|部分|发现|确保|规范|防止|涉及|涉|其他|其它|各类|各种|以上|以下|"
    r"打造|成为|清理|关于|加大|加强|强化|提升|改善|保护|恢复|号称|锁定|按照|翻|连通(?![渠港河])|抽排|"
    r"拆卸|毗邻|威胁|狠抓|整合|集并|影响|实现|停靠|优化调整|调整|动真格|下决心|众多|些|而|暨|"
    r"收集|激活|接纳|覆盖|服务|项目|清除|保障|仅剩|剩余|剩下|优化|修复|此次|本次|这次|消除|铲除|"
    r"填占|侵占|占用|填埋|直排|偷排|排放|完善|只见|变身|变成|形成|探索|反映|改建成|改建|埋设|铺设|敷设|含|无(?!锡|害化)|水源地(?![保一二])|"
    r"做好|做实|抓好|抓实|筑牢|织密|绘制|守牢|守好|打好|打赢|擦亮|扮靓|美化|亮化|绿化|构建|做大|做强|做优|加固|之间|更换|"
    r"维护|养护|管护|巡护|打通|贯通|疏通|修通|"
    r"聚焦于|聚焦|前往|来到|最|目前|当前|此前|之前|东起|南起|西起|北起|东至|南至|西至|北至|上起|下起|上至|下至|起于|止于|"
    r"表明|属于|属|认定|确定为|作为|评估|沿(?![岸线湖江河])|经(?![济开营])|"
    r"视察了|视察|检查了|检查|调研|巡查|听取|位于|地处|坐落于|用于|关闭|进入|进行|经过|通过|"
    r"流向|流入|排入|汇入|注入|接入|并入|纳入|划入|连接|涉及|包括|其中|以及|覆盖|沿线|周边的|周边|附近|"
    r"原黑臭水体|黑臭水体|水体|问题|已经|已|被|将|把|对|在|和|与|及|、|内|的|各|等|从|向|为|是|了解|了|"
    r"至|及时|进一步|积极|深入|重点|所有|全市|全区|我区|我市|本市|辖区|辖内|以|由|使|让|即|有(?!限)|了解|"
    r"拆除|取缔|搬迁(?!场地)|迁移|关停|新建|扩建|改造|提标|截污|清淤|堵住|堵上|封堵|中标|赴|到|去|"
    r"该|此|这|其|仅|仍|还|也|都|均|共|约|个|座|处(?![理置])|条|艘"
)
# Characters that begin no place name: a name found after them started earlier or not at all.
GENERIC_NAMES = {
    "反冲洗废水排口", "废水排口", "污水排口", "排口", "排污口", "入河排污口", "雨水排口",
    "街乡污水处理厂", "污水处理厂", "水厂", "码头", "河湖", "江河", "沿湖", "入河", "入江",
    "清水入江", "湖", "河", "污染地块", "重点污染地块", "地块", "自来水厂", "港", "渠",
    "沟渠", "水沟", "港渠", "堤", "闸", "泵站", "园区", "片区", "示范区", "开发区",
    "水源地", "保护区", "一级保护区", "二级保护区", "水源保护区", "断面", "湾", "塘",
    "坑塘", "大塘", "明渠", "核心区", "绿道", "汇水区", "工业园", "趸船", "泵船", "咀",
    "项目地块", "周边", "港口码头", "非法码头", "砂石码头", "污水处理厂排口",
    "厂", "工厂", "船厂", "溪", "合作社", "池塘", "碧道", "廊道", "走廊", "填埋场",
    "管道", "塘堰", "水库", "湿地", "干渠", "支渠", "斗渠", "农渠", "毛渠", "直排口",
    "矿区", "采石场", "度假村", "取水口",
}  # fmt: skip
# Words that describe a kind of facility rather than name one: a name made only of these
# ("非法码头", "造船码头", "仅保存码头") is not a site.
GENERIC_WORDS = re.compile(
    r"非法|违法|违规|砂石|造船|修船|港口|货运|客运|散货|渡口|临时|小型|简易|废弃|老旧|"
    r"一批|剩余|保留|保存|现有|仅|各类|各|所有|相关|沿江|沿湖|沿河|周边|城市|农村|市政|"
    r"不少|许多|大量|一些|多数|个别|露天|样板|(?:标准|规范|无害|资源|减量|集约)化|取水|出水|进水|处理|"
    r"集中式|饮用水|污水|雨水|废水|入河|入湖|入江|自来|重点|污染|新增|黑臭|原|该|此|其|"
    r"这|本|上述|以上|下游|上游|沿岸|岸边|周围|内部|两江|全市|全区|武汉市|湖泊|河流|河道|港渠|"
    r"村湾|村|水厂|沟渠|地面|路面|管道|管网|臭水|鱼|精养|环湖|土|唯一|人工|小|大小|"
    r"生产性|公务|旅游|景观|船厂|采砂|乱象|僵尸|黑|老|众多|省控|国控|市控|考核|城镇|进展|缓慢|"
    r"主要|[东南西北]{1,2}侧|附近|身边|码头|趸船|毒|化工|臭|大|死|(?:长江|汉江)(?=入)|雨洪|道路|经营性|母亲|"
    r"水泥|造纸|印染|电镀|磷肥|混凝土|搅拌|饮用|排灌|灌溉|导流|排洪|泄洪|省考|国考|水质|县域|市域|流域|"
    r"世界级|生态|人文|亲水|休闲|绿色|海绵|口袋|湿地|滨水|社区|郊野|街头|断头|国家级|省级|市级|区级|县级|乡镇级|某|散乱|品牌|经济|交通|文化|输油|燃气|供水|供气|输水|病险|非正规|\d+(?:\.\d+)?(?:米|公里|千米)|雨污|混流|合流|分流|潜流|表流|遗留|事故|应急|备用|口径|直径|地下|直$|^段|^[固筑护加挖疏填围拆]$|"
    r"[\u4e00-\u9fff]{1,2}式|"
    r"[一二三四五六七八九十\d]+次|[一二三四五六七八九十]+|市|区|湖|河|港|渠|沟|塘|"
    r"江|城区|中心城区|项目|工程|企业|工业|一级|二级|水源|水体|生活|生产|排污|排水|排涝|连通|养殖|黄砂|池|建筑垃圾|垃圾|生活垃圾"
)
LAST_ENDING = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, ENDINGS), key=len, reverse=True)) + ")$"
)
LAST_ENDING_INSIDE = re.compile(
    "|".join(sorted((e for e in ENDINGS if len(e) > 1), key=len, reverse=True))
)
# "…危险废物处理处置中心" is a works; "…监测中心" is an office.
ORG_TAIL = re.compile(
    r"(?:局|委|办|办公室|政府|公司|集团|(?<!处置)(?<!处理)中心|大队|支队|(?<![泵理转运])站|所|院|会)$"
)


# A one-character stop after these is part of a name ("桐湖办事处排灌港渠"); kept out of the
# pattern, where a lookbehind would slow every search about threefold
_STOP_INSIDE = {"处": "事"}


def after_stops(stops: re.Pattern[str], text: str, start: int, end: int) -> int:
    """The start moved past the last stop word in text[start:end], including one that the
    walk back cut in two ("完成郭郑湖" walked back to "成郭郑湖")."""
    cut_in_two = start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"
    # one character past the end, so a stop's lookahead ("连通" not before 渠) sees the name
    window = stops.finditer(text, max(0, start - 4) if cut_in_two else start, end + 1)
    found = [m for m in window if m.end() <= end and _stops(text, m)]
    return max(start, found[-1].end()) if found else start


def _stops(text: str, match: re.Match[str]) -> bool:
    inside = _STOP_INSIDE.get(match.group())
    return inside is None or match.start() == 0 or text[match.start() - 1] not in inside
