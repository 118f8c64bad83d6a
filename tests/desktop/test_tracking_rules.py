"""The window's tracking applies the store's rules, not a copy of its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject

from desktop.status import Tracking
from gis.store import StoreError


def test_a_blank_close_out_is_refused_even_while_the_store_is_away(qtbot, catalog, tmp_path):
    """Evidence of spaces is no evidence: the edit is refused, not kept in the outbox to be
    refused by the server later."""
    owner = QObject()
    tracking = Tracking(catalog, tmp_path / "user", owner)
    assert tracking.store is None  # not opened: an edit now would go to the outbox
    values = {"status": "closed_out", "as_of": "2018-01-10", "note": "",
              "evidence": "   ", "attachment": " "}  # fmt: skip
    with pytest.raises(StoreError, match="已销号"):
        tracking.record("jiangxia-7", values)
    assert not (tmp_path / "user" / "outbox.jsonl").exists()
    kept = tracking.record("jiangxia-7", {**values, "evidence": "验收意见 2018-01-09"})
    assert "本机" in kept
    assert "验收意见" in (tmp_path / "user" / "outbox.jsonl").read_text(encoding="utf-8")
