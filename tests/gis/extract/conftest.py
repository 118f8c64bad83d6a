"""Run the extractor on a real passage written to a file, as `envmap extract` reads one."""

from __future__ import annotations

from datetime import date

import pytest

from gis.extract.pipeline import extract_file


@pytest.fixture
def extract_text(tmp_path):
    def run(text: str, when: date | None = None) -> dict[str, dict]:
        path = tmp_path / "notice.txt"
        path.write_text(text, encoding="utf-8")
        records, _ = extract_file(path, None, when)
        return {r["name_simplified"]: r for r in records}

    return run


@pytest.fixture
def strongest():
    """The strongest status a candidate's measures give, as the corpus scorer reads it."""
    order = ["planned", "in_progress", "completed", "closed_out"]

    def of(record: dict) -> str | None:
        statuses = [m["status"] for m in record["measures"]]
        return max(statuses, key=order.index) if statuses else None

    return of
