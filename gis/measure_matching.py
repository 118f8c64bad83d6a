"""Which measure a place already has that a clause of a newly imported document reports on:
the one doing the same thing (搬迁, 拆除, 截污…), so that the import dates that measure's
status instead of adding a second one."""

from __future__ import annotations

from gis.model import USER_PREFIX, Measure, Site

# What a measure does: a new document's clause reports on the known measure doing the same.
_ACTIONS = (
    "搬迁", "迁移", "迁出", "拆除", "取缔", "关停", "关闭", "截污", "清淤", "整治",
    "修复", "改造", "封堵", "清理", "提标", "新建", "扩建", "销号", "调查", "评估",
)  # fmt: skip


def reported_measures(site: Site, measures: tuple[Measure, ...]) -> dict[int, Measure]:
    """Which of a new document's measures report on measures the site has (index -> the
    site's measure). A clause with no action of its own that follows one in its paragraph
    ("良久商贸码头已完成搬迁，原址已复绿") reports on the same measure."""
    found: dict[int, Measure] = {}
    for k, measure in enumerate(measures):
        matched = matching_measure(site, measure.text_zh)
        previous = found.get(k - 1)
        same_paragraph = (
            k and measures[k - 1].evidence[0].paragraph == measure.evidence[0].paragraph
        )
        if (
            matched is None
            and previous is not None
            and same_paragraph
            and not _actions_in(measure.text_zh)
        ):
            matched = previous
        if matched is not None:
            found[k] = matched
    return found


def _actions_in(text: str) -> set[str]:
    from gis.extract.text import to_simplified

    simplified = to_simplified(text)
    return {a for a in _ACTIONS if a in simplified}


def matching_measure(site: Site, text: str) -> Measure | None:
    """The site's measure that a clause of a new document reports on: the one sharing its
    action (搬迁, 拆除, 截污…), the closest wording first; None when it names a new one."""
    actions = _actions_in(text)
    if not actions:
        return None
    scored = [
        (len(actions & {a for a in _ACTIONS if a in m.text_zh}), _shared_pairs(text, m.text_zh), m)
        for m in site.measures
        if not m.id.startswith(USER_PREFIX)
    ]
    scored = [entry for entry in scored if entry[0]]
    return max(scored, key=lambda entry: entry[:2])[2] if scored else None


def _shared_pairs(a: str, b: str) -> int:
    pairs = {a[i : i + 2] for i in range(len(a) - 1)}
    return len(pairs & {b[i : i + 2] for i in range(len(b) - 1)})
