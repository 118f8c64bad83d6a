"""The rectification ledger with each measure's current status from the store, in the column
order of a public rectification notice: problem, target, measures, completion."""

from __future__ import annotations

from datetime import date
from typing import Any

from gis.export.records import ledger_rows
from gis.model import Status
from gis.store import StatusStore

NOTICE_COLUMNS = {
    "problem": "问题 Problem",
    "target": "整改目标 Target",
    "measure": "整改措施 Measures",
    "responsible": "责任单位 Responsible",
    "target_date": "完成时限 Due",
    "completion": "完成情况 Completion",
    "as_of": "状态日期 As of",
    "flags": "提示 Flags",
    "evidence": "依据原文 Evidence",
    "measure_id": "措施编号 Measure id",
}
_FLAG_WORDS = {"overdue": "逾期 overdue", "completed_not_closed": "已完成未销号 not closed out"}


def notice_rows(store: StatusStore, today: date | None = None) -> list[dict[str, Any]]:
    current = store.current()
    flags = store.flags(today)
    rows = []
    for row in ledger_rows(store.catalog):
        latest = current.get(row["measure_id"])
        status = Status(latest.status) if latest else None
        rows.append(
            {
                "problem": row["problem"],
                "target": row["area_site"],
                "measure": row["measure"],
                "responsible": row["responsible"],
                "target_date": row["target_date"],
                "completion": f"{status.label_zh} {status.label_en}" if status else "",
                "as_of": latest.as_of.isoformat() if latest else "",
                "flags": "；".join(
                    _FLAG_WORDS[f] for f in sorted(flags.get(row["measure_id"], ()))
                ),
                "evidence": row["evidence"],
                "measure_id": row["measure_id"],
            }
        )
    return rows


def _completion(status: Status | None) -> str:
    return f"{status.label_zh} {status.label_en}" if status else ""
