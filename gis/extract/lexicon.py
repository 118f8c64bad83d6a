"""Names of Wuhan's lakes and rivers, so that a lake of any length ("汤仁海湖", "三角湖") is
read whole and a verb before 湖 ("围湖", "填湖") is not taken for one.

Names only, no positions (those live in the gazetteer). Compiled from the lakes of Wuhan's
lake-protection lists (武汉市湖泊保护名录, 166 lakes) and the rivers of its river-chief lists
as published by the city's water authority; a name missing here is still found by the
generic rule, only less surely.
"""

from __future__ import annotations

_LAKES = """
东湖 沙湖 南湖 汤逊湖 墨水湖 月湖 莲花湖 北湖 晒湖 内沙湖 菱角湖 后襄河 机器荡子 小南湖
野芷湖 紫阳湖 四美塘 水果湖 杨春湖 严西湖 严东湖 竹子湖 青潭湖 北太子湖 南太子湖 龙阳湖
三角湖 后官湖 知音湖 金银湖 墨水湖 塔子湖 后湖 西湖 张毕湖 竹叶海 黄家湖 青菱湖 野湖
汤仁海湖 太白湖 金湖 银湖 东西湖 杜公湖 巨龙湖 马投潭 黄塘湖 小奓湖 万家湖 桃花湖
汉阳后官湖 高湖 下银湖 上银湖 郭家湖 刘家湖 鲁湖 斧头湖 梁子湖 牛山湖 上涉湖 道观湖
枯竹海 安山湖 海口湖 豹澥湖 车墩湖 五加湖 严家湖 汤湖 神山湖 涨渡湖 武湖 草湖 后湖
什湖 童家湖 柴泊湖 盘龙湖 南湖 西北湖 鲁湖 官莲湖 沉湖 张家大湖 小奓湖 西湖 独山湖
野猪湖 木兰湖 任凯湖 长林湖 清潭湖 杨家湖 西北湖 菱角湖 老人湖 南湖 北湖 龙灯堤
陶家大湖 兰家湖 东汊湖 西汊湖 槎湖 珍珠湖 潘家湖 红莲湖 龙泉湖 夏家湖 安山湖 杨泗湖
后港湖 前湖 墨湖 月湖 倒口湖 程家湖 后官湖 三角湖 万家湖 汤逊湖 青菱湖 外沙湖 长湖
西塞湖 汤仁湖 金潭湖 马家湖 黄家湖
"""
_RIVERS = """
长江 汉江 汉水 府河 府澴河 滠水 滠水河 举水 举水河 倒水 倒水河 沙河 金水河 巡司河
青山港 黄孝河 机场河 东沙湖渠 南湖连通渠 金鞭港 纸坊港 通顺河 东荆河 沦河 泥湖河 汤山渠
纱帽河 朱家河 马影河 沙湖港 罗家港 新沟渠 东湖港 武湖河 竹子湖港 后湖港 澴河 大咀河
长港 南湖港 青菱河 黄家湖港 汤逊湖港 建设渠 杨泗港 巡司港 黄陂河 界河 武湖港 龙王咀
""".replace("龙王咀", "")

WATER_NAMES: frozenset[str] = frozenset((_LAKES + _RIVERS).split())
