"""How far a clause says its work has come, read from aspect and negation, never stronger.

A clause takes the weakest status its words give. Completion needs a completion verb with
its aspect (已/全部/均/被/于…日, or 了 after it); started work (已开工, 正式启动, 已获批准) and
part of a job (一期, 前期, 51个 of 59, 完成工程量80%) and recurring work (按季度实施了维护) are
in progress; a negated verb
(尚未实施) and a requirement (已要求…完成) are not done; "虽/尽管…但" keeps what precedes 但
from counting as done, across any punctuation. History (2009年停产) and boilerplate
(现将…公示如下) give no status. A clause read with doubt says why, for the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gis.model import Status

_BOILERPLATE = re.compile(
    r"现将|予以公示|公示如下|特此公示|公示期|如有异议|联系电话|监督举报|进行报道|予以报道|报道了"
)
_NEGATED = re.compile(r"(?:尚未|仍未|暂未|还未|并未|未能|未|没有|不再|无)(?=[\u4e00-\u9fff])")
_CONCESSION = ("虽然", "虽", "尽管")
_BUT = ("但是", "但", "却", "然而")
_REQUIREMENT = re.compile(
    r"(?<!有关)(?<!按照)(?<!的)(?:已|并)?要求|责令|确保|力争|争取|务必|必须|需要|须"
)
_PLANNED = re.compile(
    r"下一步|将(?![^，。；]{1,30}?(?:作为|纳入|列入|分解为|打造成))|计划|"
    r"拟(?![\u4e00-\u9fff]{1,3}的?(?:码头|企业|项目|地块|排口))|预计|预期|有望|"
    r"年内|年底前|月底前|之前完成|前完成|即将|着力|打算|(?<![重需主必纲摘])要(?![求点素闻务件])|"
    r"(?:处于|处在|尚在|仍在|还在)[^，。；]{0,6}?(?:前期|筹备|规划|设计|立项)(?:工作)?阶段"
)  # the last: works still before construction ("处于项目前期阶段")
_COMPLETION_VERB = (
    r"拆除|取缔|关停|关闭|搬迁|迁移|迁出|完工|竣工|通过[^，。；]{0,10}?(?:验收|评审)|"
    r"完成[^，。；]{0,6}?验收|消除黑臭|清零|销号|完成|建成|投运|投入使用|封堵|堵住|堵上|截污|"
    r"整治到位|治理到位|长制久清|修复达标|达到修复目标|实现|复绿|退出|清除|清理完毕"
)
_STARTED = re.compile(
    r"已开工|开工|动工|进场|已启动|正式启动|启动了|启动|已获[^，。；]{0,12}?批准|获批|已下达|下达|"
    r"着手|中标|签约|招标|立项|已编制|编制|已开展|开展|正在|正(?![常确规面])|加快|加速|推进|推动|实施中|施工(?!人员|单位|方)|"
    r"进行(?!了(?:"
    + _COMPLETION_VERB
    + "))|持续|深入|扎实|全力|治理中|整治中|攻坚(?!战)|督促|狠抓|组织对|定期通报|建立完善|"
    r"按季度|按月|每月|每周|定期|常态化|"
    r"(?:查看|察看|视察|巡查|检查|调研)了?[^。；]{0,60}?(?:建设|推进|施工)(?:情况|进度)"
)  # the last: a visit to works under way ("查看了A、B的建设情况")
_PARTIAL = re.compile(
    r"一期|前期(?!(?:工作)?阶段)|大体|部分(?=(?:已经|已)?(?:完成|完工|建成|拆除|投运|通水|实施|开工|整改|整治|治理|关停|搬迁|截污|清淤|工程))|初步|基本|阶段性|主体|完成工程量|(?:完成|完工|进度|已达)(?:了)?\d+(?:\.\d+)?[%％]|"
    r"完成[^，。；]{0,8}?\d+个|已完成[^，。；]{0,6}\d+(?:个|处|座|条|家)|完成了?(?:年度)?投资"
)
_COMPLETED = re.compile(
    r"(?:已经|已于[^，。；]{0,14}?|已|全部|均已|均|被|业已|先后|共|累计|顺利)(?:被)?(?:全部)?(?:"
    + _COMPLETION_VERB
    + ")"
    r"|于\d{4}年?\d{0,2}月?\d{0,2}日?(?:" + _COMPLETION_VERB + ")"
    r"|(?:" + _COMPLETION_VERB + r")了"
    r"|进行了(?:" + _COMPLETION_VERB + ")"  # "对…进行了封堵": the act carried out
    r"|(?:拆除|取缔|关停|搬迁|整改)到位"
    r"|(?:整改|恢复|清理|清运|清除|清挖|清淤|拆除|整治|治理|修复|处置|封堵|搬迁|回填|复绿|施工)完毕"
)
_BARE_DONE = re.compile(r"(?:^|[，：。])(?:完成|建成)(?!率)")  # "完成青山…建设": a report's line
# Acts a report states as done by naming them: a plan issued, a meeting held, a group set up.
_REPORTED_ACT = re.compile(
    r"修订并发布|修订印发|印发了?(?!的)|发布了?(?!的|时间|日期)|交办了?|召开了?(?!的)|制定了?(?!的)|"
    r"制订了?(?!的)|出台了?(?!的)|成立了?(?!的)|"
    r"建立了|实施了|开展了|完成了|做到了?|建成投运|已全部接入|下发了?|签订了?"
)
_CLOSED = re.compile(r"已销号|已经销号|完成销号|予以销号")
_HISTORY = re.compile(
    r"(?:19\d\d|20[01]\d)年(?:后|起|前)?(?:改建|停产|关闭|搬迁|建成|成立|投产|开始)|曾(?:经)?"
)


@dataclass(frozen=True)
class Reading:
    status: Status
    where: slice  # the words that say so, in the clause
    doubt: str | None = None  # why a reviewer should look (Chinese / English)


def read_status(text: str) -> Reading | None:
    """The status a clause states, or None when it states none (a problem, a fact, history)."""
    if _BOILERPLATE.search(text):
        return None
    cut = _concession_cut(text)
    readings: list[Reading] = []
    if cut:
        before = _read(text[:cut], concession=True)
        if before is not None:
            readings.append(before)
    after = _read(text[cut:])
    if after is not None:
        where = slice(after.where.start + cut, after.where.stop + cut)
        readings.append(Reading(after.status, where, after.doubt))
    if not readings:
        return None
    return min(readings, key=lambda r: r.status.rank)


def _concession_cut(text: str) -> int:
    """Where the 但 of a 虽/尽管 clause stands (linear: two finds), or 0."""
    first = min((i for i in (text.find(w) for w in _CONCESSION) if i >= 0), default=-1)
    if first < 0:
        return 0
    but = min((i for i in (text.find(w, first + 1) for w in _BUT) if i >= 0), default=-1)
    return but if but > 0 else 0


def _read(text: str, *, concession: bool = False) -> Reading | None:
    if not text.strip():
        return None
    negated = [m for m in _NEGATED.finditer(text)]
    found: list[Reading] = []
    closed = _CLOSED.search(text)
    if closed and not _negated_at(closed.start(), negated):
        found.append(Reading(Status.CLOSED_OUT, _slice(closed)))
    for match in _COMPLETED.finditer(text):
        if _negated_at(match.start(), negated) or _history_at(text, match.start()):
            continue
        if closed and match.start() < closed.end() and closed.start() < match.end():
            continue  # "已销号" is closed out, more than done
        found.append(Reading(Status.COMPLETED, _slice(match)))
    for match in _REPORTED_ACT.finditer(text):
        if closed and match.start() < closed.end() and closed.start() < match.end():
            continue
        if not _negated_at(match.start(), negated) and not _history_at(text, match.start()):
            found.append(Reading(Status.COMPLETED, _slice(match)))
    if not found:
        bare = _BARE_DONE.search(text)
        if bare and not _negated_at(bare.start(), negated):
            where = slice(bare.end() - 2, bare.end())
            found.append(Reading(Status.COMPLETED, where, "完成未言明已 / done without 已"))
    for match in _PARTIAL.finditer(text):
        found.append(
            Reading(Status.IN_PROGRESS, _slice(match), "部分完成 / part of the work")
            if found
            else Reading(Status.IN_PROGRESS, _slice(match))
        )
    for match in _STARTED.finditer(text):
        if not _negated_at(match.start(), negated):
            found.append(Reading(Status.IN_PROGRESS, _slice(match)))
    for pattern in (_PLANNED, _REQUIREMENT):
        for match in pattern.finditer(text):
            found.append(Reading(Status.PLANNED, _slice(match)))
    for match in negated:
        if any(r.where.start >= match.end() for r in found) or not found:
            found.append(Reading(Status.PLANNED, _slice(match), "否定 / negated"))
            break
    if not found:
        return None
    weakest = min(found, key=lambda r: r.status.rank)
    if concession and weakest.status.rank > Status.IN_PROGRESS.rank:
        return Reading(Status.IN_PROGRESS, weakest.where, "虽…但 / concession")
    if weakest.status is Status.PLANNED and all(
        r.doubt == "否定 / negated" for r in found if r.status is Status.PLANNED
    ):
        strong = [r for r in found if r.status is not Status.PLANNED]
        if not strong:
            return None  # only a negation: a problem stated, no measure
    doubt = weakest.doubt
    if doubt is None and len({r.status for r in found}) > 1:
        doubt = "多种状态词 / mixed status words"
    return Reading(weakest.status, weakest.where, doubt)


def _negated_at(start: int, negated: list[re.Match[str]]) -> bool:
    return any(m.end() <= start <= m.end() + 3 for m in negated)


def _history_at(text: str, start: int) -> bool:
    return any(m.end() <= start + 2 and start - m.end() <= 4 for m in _HISTORY.finditer(text))


def _slice(match: re.Match[str]) -> slice:
    return slice(match.start(), match.end())


_MOOD = re.compile(r"要求|责令|将(?![^，。；]{1,30}?(?:作为|纳入|列入))|计划|拟|确保|力争|打算")
_OWN_ASPECT = re.compile(r"已|正在|目前|现已|截至|截止")


def mood_after(clause: str, mood: Status | None) -> Status | None:
    """After "要求…"/"将…"/"计划…", the rest of the sentence speaks of what is to be done."""
    if mood is not None or _MOOD.search(clause):
        return Status.PLANNED
    return None


def in_mood(reading: Reading, mood: Status | None, clause: str) -> Reading:
    """A clause in a sentence that began as a requirement or a plan is a plan, unless it
    carries its own aspect (已, 正在, 截至目前)."""
    if mood is None or reading.status.rank <= mood.rank or _OWN_ASPECT.search(clause):
        return reading
    return Reading(mood, reading.where, reading.doubt)


_ANY = re.compile(
    "|".join(
        p.pattern
        for p in (_CLOSED, _COMPLETED, _REPORTED_ACT, _BARE_DONE, _PARTIAL, _STARTED, _PLANNED)
    )
    + "|"
    + _REQUIREMENT.pattern
)


def has_status_word(text: str) -> bool:
    """A quick test, for cutting sentences into units, whether a clause may state a status."""
    return _ANY.search(text) is not None


def concession_cut(text: str) -> int:
    """Where 但 answers a 虽/尽管 in a sentence, or 0: what precedes it is not done."""
    return _concession_cut(text)


def conceded(reading: Reading) -> Reading:
    """What a 虽/尽管 clause says was done is, given its 但, still in progress."""
    if reading.status.rank <= Status.IN_PROGRESS.rank:
        return reading
    return Reading(Status.IN_PROGRESS, reading.where, "虽…但 / concession")


def split_at(text: str, cut: int) -> Reading | None:
    """A unit that holds the 但 of a concession begun earlier in its sentence."""
    before, after = _read(text[:cut]), _read(text[cut:])
    readings = [conceded(before)] if before else []
    if after is not None:
        where = slice(after.where.start + cut, after.where.stop + cut)
        readings.append(Reading(after.status, where, after.doubt))
    return min(readings, key=lambda r: r.status.rank) if readings else None
