"""The wording rules of Wuhan rectification texts that are not about names, status or dates:
a leader's enumerated pledges ("一是…二是…") and the category a measure belongs to."""

from __future__ import annotations

import re

from gis.model import Category

_ENUMERATORS = ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是")
ENUMERATOR_RE = re.compile("|".join(_ENUMERATORS))


_CATEGORY_WORDS = (
    (Category.SOIL, ("土壤", "地块", "修复")),
    (Category.AIR, ("大气", "空气", "蓝天", "扬尘", "尾气", "喷涂", "颗粒物", "干洗")),
    (Category.WATER, ("水", "河", "湖", "排口", "污水", "管网", "雨污")),
    (Category.ENFORCEMENT, ("执法", "问责", "追责", "督察", "查处", "审批", "排查")),
)


def category_of(text: str) -> Category:
    for category, words in _CATEGORY_WORDS:
        if any(w in text for w in words):
            return category
    return Category.GOVERNANCE
