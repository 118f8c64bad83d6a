"""The outbox (edits kept while the shared store is out of reach): a line torn by a crash or
one this EnvMap cannot read is set aside with a message and never costs the next edit; two
processes adding and sending at once lose nothing."""

from __future__ import annotations

import json
import os

import pytest

from gis.outbox import Outbox
from gis.store import StatusStore

EDIT = {"measure_id": "jiangxia-7", "status": "in_progress", "as_of": "2018-01-10"}


@pytest.fixture
def store(catalog, tmp_path):
    return StatusStore(tmp_path / "status.sqlite", catalog)


def test_a_torn_line_is_set_aside_and_the_next_edit_is_kept(store, tmp_path):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    outbox.add(**EDIT, note="第一条")
    with outbox.path.open("ab") as fh:  # a crash while the second edit was written
        fh.write(b'{"measure_id": "jiangxia-7", "status": "compl')
    outbox.add(**EDIT, note="崩溃后的修改")
    assert [e["note"] for e in outbox.pending()] == ["第一条", "崩溃后的修改"]
    assert outbox.send(store) == 2
    assert {"第一条", "崩溃后的修改"} <= {e.note for e in store.history("jiangxia-7")}
    (message,) = outbox.messages
    assert "outbox.jsonl:2: not a whole JSON object" in message
    (aside,) = [json.loads(line) for line in outbox.damaged.read_text("utf-8").splitlines()]
    assert aside["text"].startswith('{"measure_id"') and aside["line"] == 2


@pytest.mark.parametrize(
    "line",
    [
        {**EDIT, "event_id": "e1", "priority": "high"},  # written by a newer EnvMap
        {"status": "completed", "event_id": "e2"},  # no measure
        ["not", "an", "edit"],
        {**EDIT, "event_id": "e3", "note": 5},
    ],
)
def test_a_line_that_is_no_edit_is_set_aside_and_later_edits_are_sent(store, tmp_path, line):
    outbox = Outbox(tmp_path / "outbox.jsonl")
    outbox.path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    outbox.add(**EDIT, note="之后的修改")
    assert outbox.send(store) == 1
    assert "之后的修改" in {e.note for e in store.history("jiangxia-7")}
    assert outbox.pending() == [] and len(outbox.messages) == 1
    assert json.loads(outbox.damaged.read_text("utf-8"))["text"] == json.dumps(line)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="two forked processes: POSIX only")
def test_adding_while_another_process_sends_loses_no_edit(store, catalog, tmp_path):
    path, done, count = tmp_path / "outbox.jsonl", tmp_path / "done", 300
    adder = os.fork()
    if adder == 0:
        try:
            for i in range(count):
                Outbox(path).add(**EDIT, note=f"edit-{i}")
        finally:
            os._exit(0)
    sender = os.fork()
    if sender == 0:
        try:
            own = StatusStore(store.url, catalog)  # a connection of its own, not the parent's
            while not done.exists():
                Outbox(path).send(own)
        finally:
            os._exit(0)
    os.waitpid(adder, 0)
    done.touch()
    os.waitpid(sender, 0)
    Outbox(path).send(store)  # what the sender had not reached
    notes = [e.note for e in store.history("jiangxia-7")]
    assert sorted(n for n in notes if n.startswith("edit-")) == sorted(
        f"edit-{i}" for i in range(count)
    )
