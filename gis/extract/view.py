"""The text the rules read: a block's Simplified copy with one punctuation (full-width), no
pinyin that mirror sites insert ("环(huán)境"), no stock tickers ("(601099,股吧)"), no
injected spam runs and no doubled commas, each character mapped back to its place in the
original so quotes stay verbatim. One pass, linear in the length."""

from __future__ import annotations

import re

_PUNCTUATION = str.maketrans(
    {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
)
# A pinyin syllable (tone marks or a lost "?" for one) in brackets right after a CJK character.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])(?:[（(?][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）])+")
_INVISIBLE = re.compile(r"[\u200b\ufeff]+")
# Mirrors double commas ("沙湖,、二廊庙,、落步咀", "执行,,"): a comma before another mark.
_DOUBLED = re.compile(r"[,，](?=[,，、。；])")
_TICKER = re.compile(r"[（(]\d{6}[，,]股吧[)）]")
_SPAM = re.compile(
    r"(?:\d{3}[\u4e00-\u9fffA-Za-z]{0,10}?(?:投注网址|投注|博彩|彩票|娱乐城|棋牌|怎么下载)_?)+"
)
_NOISE_LINE = re.compile(
    r"^(?:https?://\S+|扫一扫在手机.*|打印\s*(?:本页)?\s*关闭(?:窗口)?|关闭窗口|打印本页|"
    r"返回顶部|字体\s*大\s*中\s*小|上一篇.*|下一篇.*|上一条.*|下一条.*|【字体.*|"
    r"分享到.*|责编.*|责任编辑.*|相关阅读.*|关键词.*|为你推荐|热点推荐|即时新闻|"
    r"(?:发布时间|发布日期|来源|作者|编辑|浏览次数|索引号|点击数|日期)[：:].{0,80}|"
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}[：:]\d{2}(?:[：:]\d{2})?.{0,40})$"
)


_ENUMERATOR = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[)）])"
)


_BETWEEN_DIGITS = re.compile(r"(?<=\d)[,:](?=\d)")


def _unified(text: str) -> str:
    """Full-width punctuation, but "1,500" and "09:43" keep theirs (one character each)."""
    kept = [m.start() for m in _BETWEEN_DIGITS.finditer(text)]
    unified = text.translate(_PUNCTUATION)
    if not kept:
        return unified
    chars = list(unified)
    for at in kept:
        chars[at] = text[at]
    return "".join(chars)


def rule_view(simplified: str) -> tuple[str, list[int], bool]:
    """The rules' text, its map to original positions, and whether the block is page noise."""
    cuts = [
        match.span()
        for pattern in (_PINYIN, _TICKER, _SPAM, _INVISIBLE, _DOUBLED)
        for match in pattern.finditer(simplified)
    ]
    if not cuts:  # the usual case: one translation, positions unchanged
        view, index = _unified(simplified), list(range(len(simplified)))
    else:
        drop = bytearray(len(simplified))
        for start, end in cuts:
            drop[start:end] = b"\x01" * (end - start)
        index = [i for i in range(len(simplified)) if not drop[i]]
        view = _unified("".join(simplified[i] for i in index))
    enumerator = _ENUMERATOR.match(view)
    if enumerator:  # "一、白沙洲水厂…": the item's number is no part of a name
        view = "\u3000" * enumerator.end() + view[enumerator.end() :]
    return view, index, bool(_NOISE_LINE.match(view.strip()))
