"""Which part of a notice a paragraph sits in, and deadlines that open a sentence.

Rectification notices (整改情况的公示) are cut into numbered parts: "一、反馈问题", "二、整改目标",
"三、整改措施", "四、整改完成情况". What a targets or measures part lists is to be done, however
it is worded ("开展…整治，推进…治理"); what a completion part reports keeps its own words. A
sentence that opens with a deadline still ahead ("2023年6月底前，完成…") sets a target too.
"""

from __future__ import annotations

import re
from datetime import date

from gis.extract import dates
from gis.model import Status

# "三、整改措施", "（二）下一步工作计划：", "第三部分 保障措施": a numbered heading, its title short
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)"
    r"\s*(?P<title>[^，。；：:]{2,16}?)\s*(?:[：:]|$)"
)
_PLANNED_PART = re.compile(
    r"整改措施|整改目标|整改要求|整改时限|工作目标|工作措施|主要措施|主要任务|重点任务|下一步|"
    r"工作计划|工作安排|保障措施|推进计划"
)
# "2023年6月底前，", "到2019年9月底之前，", "6月30日前，": a clause that is only a deadline
# ("日前，" alone means "recently" and is none)
_DEADLINE_OPENING = re.compile(
    r"(?:^|(?<=[，,：:]))\s*(?:到|在|于|力争)?(?:(?:\d{4}年)?(?:\d{1,2}月)?底|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|季度)"
    r"之?前[，,]"
)


# "责任单位市建设局，2005年底完成": a task handed out with its deadline is still to be done
_TASK = re.compile(r"责任单位|牵头单位|配合单位|责任部门|实施主体|完成时限|整改时限")


# "为确保全面实现攻坚目标，我市将落实…": a paragraph that opens with what its authority will do
_WILL_OPENING = re.compile(
    r"^[^。；]{0,16}?(?:我|该|本)[市区县州省]将(?![^，。；]{1,30}?(?:作为|纳入|列入))"
)


def task_mood(paragraph: str, current: Status | None) -> Status | None:
    """A paragraph that hands out a task (its 责任单位, its 完成时限), or opens with what the
    city will do ("我市将…"), lists plans; a clause with its own aspect (已, 正在) still says
    what it says."""
    return Status.PLANNED if _TASK.search(paragraph) or _WILL_OPENING.match(paragraph) else current


def part_mood(text: str, current: Status | None) -> Status | None:
    """The mood of the part a heading opens (a plan under 整改措施, none under 完成情况, 反馈问题);
    a paragraph that is no heading stays in the part it is in."""
    heading = _HEADING.match(text)
    if heading is None:
        return current
    return Status.PLANNED if _PLANNED_PART.search(heading.group("title")) else None


_CONTINUES = re.compile(r"\s*其中[，,]")


def period_of(text: str, start: int) -> int:
    """Where the sentence a clause at `start` belongs to begins; one opened by "其中，" goes on
    with the sentence before (its plans and their deadline)."""
    period = text.rfind("。", 0, start) + 1
    if period and _CONTINUES.match(text, period):
        return text.rfind("。", 0, period - 1) + 1
    return period


def deadline_ahead(clauses: str, document_date: date | None) -> tuple[str, slice] | None:
    """A clause that is only a deadline, its date and where it is written, when it is not past:
    "2019年9月底之前，解决南湖污水直排问题" in a notice of 2019-08 is a target for the rest of the
    sentence; in one of 2020, a report of what was done by then."""
    opening = _DEADLINE_OPENING.search(clauses)
    if opening is None:
        return None
    due = dates.due_date(opening.group(), document_date)
    if due is None:
        return None
    if document_date is not None and due < document_date.isoformat()[: len(due)]:
        return None
    return due, slice(opening.start(), opening.end() - 1)
