"""The status store as an office uses it: dated events, bad input refused, files never
overwritten, crash-safe writes, two writers at once, hand-over between PCs."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from gis import status_rules as rules
from gis.state import state_from_store
from gis.store import SCHEMA_VERSION, StatusStore, StoreError

ROOT = Path(__file__).resolve().parents[2]
WRITES = 1000  # per writer in the two-writer test: long enough for the two to overlap
WRITER = """
import os, random, sys, time
from pathlib import Path
from gis import load_catalog
from gis.store import StatusStore
catalog = load_catalog()
store = StatusStore(Path(sys.argv[1]), catalog)
ids = [m.id for m in catalog.measures()]
rng = random.Random(int(sys.argv[3]))
go = Path(sys.argv[1] + ".go")
if len(sys.argv) > 4:  # say "ready", then wait so that both writers start together
    Path(sys.argv[1] + f".ready{sys.argv[3]}").touch()
    while not go.exists():
        time.sleep(0.002)
for i in range(int(sys.argv[2])):
    note = f"s{sys.argv[3]}-{i}"
    event = store.set_status(rng.choice(ids), "in_progress", f"2018-01-{1 + i % 28:02d}", note)
    print(event.id, flush=True)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, catalog, tmp_path):
    """The same tests on the embedded store and, when one is given, a PostgreSQL server."""
    if request.param == "sqlite":
        return StatusStore(tmp_path / "status.sqlite", catalog)
    url = os.environ.get("ENVMAP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip(
            "no PostgreSQL server for this run: set ENVMAP_TEST_POSTGRES_URL "
            "(e.g. postgresql+psycopg://user@127.0.0.1/envmap_test); .ci/run starts one when it can"
        )
    from sqlalchemy import text

    opened = StatusStore(url, catalog)
    with opened.engine.begin() as db:
        db.execute(text("DELETE FROM status_events WHERE author <> 'document'"))
    return opened


def _now(store, measure_id: str, today: date | None = None):
    """A measure's current state as every view reads it."""
    return state_from_store(store, today).measures[measure_id]


def test_documents_give_the_first_events(store, catalog):
    first = [e for e in store.events() if e.author == "document"]
    assert sorted(e.measure_id for e in first) == sorted(m.id for m in catalog.measures())
    state = state_from_store(store)
    assert all(state.measures[m.id].tracked.status is m.status for m in catalog.measures())
    assert all(state.measures[m.id].source == "document" for m in catalog.measures())


def test_a_new_status_becomes_current_and_history_keeps_both(store):
    store.set_status("jiangxia-7", "in_progress", "2018-01-10", "开工", author="clerk")
    store.set_status("jiangxia-7", "completed", date(2018, 5, 2), "完工", author="clerk")
    history = store.history("jiangxia-7")
    assert [h.status for h in history] == ["planned", "in_progress", "completed"]
    assert _now(store, "jiangxia-7").status == "completed"
    assert "completed_not_closed" in _now(store, "jiangxia-7", date(2019, 1, 1)).flags


def test_overdue_when_the_due_date_passed_unfinished(store):
    """Due 2017 and planned: with nothing recorded since the document it is 未见更新, not red;
    once someone records it unfinished after the due date it is overdue (逾期)."""
    silent = _now(store, "jiangxia-7", date(2018, 1, 1))
    assert silent.flags == {"no_update"} and silent.informed == date(2017, 12, 31)
    assert "未见更新" in rules.flag_words("no_update", silent.informed)
    assert "2017-12-31" in rules.flag_words("no_update", silent.informed)
    assert not _now(store, "jiangxia-7", date(2017, 6, 1)).flags & {"overdue", "no_update"}
    store.set_status("jiangxia-7", "in_progress", "2018-03-01", "still building", "甲")
    tracked = _now(store, "jiangxia-7", date(2018, 4, 1))
    assert tracked.flags == {"overdue"}


def test_closing_out_needs_acceptance_evidence(store):
    with pytest.raises(StoreError, match="acceptance evidence"):
        store.set_status("jiangxia-7", "closed_out", "2018-06-01")
    store.set_status("jiangxia-7", "closed_out", "2018-06-01", evidence="验收意见 2018-05-30")
    assert _now(store, "jiangxia-7").status == "closed_out"


@pytest.mark.parametrize(
    ("measure", "status", "when", "message"),
    [
        ("no-such-measure", "completed", "2018-01-01", "unknown measure id"),
        ("jiangxia-7", "done", "2018-01-01", "not on the scale"),
        ("jiangxia-7", "completed", "2018/01/01", "not YYYY-MM-DD"),
    ],
)
def test_bad_input_is_refused_clearly(store, measure, status, when, message):
    before = len(store.events())
    with pytest.raises(StoreError, match=message):
        store.set_status(measure, status, when)
    assert len(store.events()) == before


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_foreign_sqlite_file_is_refused_untouched(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (name TEXT)")
    before = _digest(path)
    with pytest.raises(StoreError, match="other tables"):
        StatusStore(path, catalog)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.sqlite"]  # no -wal, no -shm


def test_future_dates_are_refused(store):
    with pytest.raises(StoreError, match="in the future"):
        store.set_status("jiangxia-7", "completed", "2099-01-01")


def test_a_corrupt_file_is_refused_and_left_as_it_is(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    path.write_bytes(b"this is somebody's spreadsheet, not a database" * 20)
    before = _digest(path)
    with pytest.raises(StoreError, match="not a status store"):
        StatusStore(path, catalog)
    assert _digest(path) == before


def test_a_newer_schema_is_refused_and_left_as_it_is(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    StatusStore(path, catalog).engine.dispose()
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE envmap_meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,)
        )
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(path)
    with pytest.raises(StoreError, match="newer EnvMap"):
        StatusStore(path, catalog)
    assert _digest(path) == before


def test_location_corrections_are_events_and_data_stays(store, catalog):
    original = catalog.site("liangjiu-dock").location.geometry
    store.move_site("liangjiu-dock", 114.2801, 30.5449, 50.0, "2018-02-01", "现场核实")
    moved = [e for e in store.events() if e.kind == "location"]
    assert moved and (moved[0].lon, moved[0].lat, moved[0].precision_m) == (114.2801, 30.5449, 50.0)
    assert catalog.site("liangjiu-dock").location.geometry.equals(original)
    with pytest.raises(StoreError, match="unknown site"):
        store.move_site("nowhere", 114.0, 30.0, 10.0, "2018-02-01", "")


def test_hand_over_between_pcs_is_idempotent(catalog, tmp_path):
    office = StatusStore(tmp_path / "office.sqlite", catalog)
    field = StatusStore(tmp_path / "field.sqlite", catalog)
    field.set_status("jiangxia-7", "in_progress", "2018-01-10", "开工")
    field.move_site("liangjiu-dock", 114.2801, 30.5449, 50.0, "2018-02-01", "现场核实")
    handover = tmp_path / "events.jsonl"
    assert field.export_events(handover) == 2
    assert office.import_events(handover) == 2
    assert office.import_events(handover) == 0  # twice changes nothing
    assert _now(office, "jiangxia-7").status == "in_progress"
    joined = tmp_path / "joined.jsonl"  # two hand-over files run together: repeated lines
    joined.write_text(handover.read_text(encoding="utf-8") * 2, encoding="utf-8")
    fresh = StatusStore(tmp_path / "fresh.sqlite", catalog)
    assert fresh.import_events(joined) == 2
    assert len(fresh.events()) == len(catalog.measures()) + 2
    wrong = tmp_path / "wrong.jsonl"
    event = json.loads(handover.read_text(encoding="utf-8").splitlines()[0])
    wrong.write_text(json.dumps({**event, "id": "x1", "status": "done"}) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"wrong\.jsonl:1: .*not on the scale"):
        fresh.import_events(wrong)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.jsonl:1"):
        office.import_events(bad)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_writer_loses_no_acknowledged_write(catalog, tmp_path, seed):
    path = tmp_path / "status.sqlite"
    StatusStore(path, catalog).engine.dispose()
    stop_after = random.Random(seed).randrange(5, 150)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "200", str(seed)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(),
    )
    acknowledged = []
    for line in writer.stdout:
        acknowledged.append(line.strip())
        if len(acknowledged) >= stop_after:
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    store = StatusStore(path, catalog)
    recorded = {e.id for e in store.events()}
    assert set(acknowledged) <= recorded
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_writers_at_once_lose_nothing(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    StatusStore(path, catalog).engine.dispose()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(WRITES), str(seed), "wait"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=_env(),
        )
        for seed in (11, 12)
    ]
    ready = [Path(f"{path}.ready{seed}") for seed in (11, 12)]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    Path(str(path) + ".go").touch()  # both have loaded the catalog: start them together
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]
    assert all("locked" not in err for _, err in outputs)
    written = {line for out, _ in outputs for line in out.split()}
    assert len(written) == 2 * WRITES
    store = StatusStore(path, catalog)
    assert written <= {e.id for e in store.events()}
    assert len(store.events()) == len(catalog.measures()) + 2 * WRITES
    stamps = {seed: [e.recorded_at for e in store.events() if e.note.startswith(f"s{seed}-")]
              for seed in (11, 12)}  # fmt: skip
    # The two ran at the same time: each began before the other ended.
    assert min(stamps[11]) < max(stamps[12]) and min(stamps[12]) < max(stamps[11])


def test_cli_sets_shows_and_exports_the_ledger(tmp_path, envmap_cli):
    store = ["--store", str(tmp_path / "cli.sqlite")]

    def envmap(*args: str):
        return envmap_cli("status", *store, *args)

    done = envmap("set", "jiangxia-7", "completed", "--date", "2018-05-02", "--note", "完工")
    assert done.returncode == 0 and "jiangxia-7: completed as of 2018-05-02" in done.stdout
    assert "完工" in envmap("history", "jiangxia-7").stdout
    refused = envmap("set", "jiangxia-7", "finished", "--date", "2018-05-02")
    assert refused.returncode == 1 and "not on the scale" in refused.stderr
    ledger = tmp_path / "ledger.csv"
    assert envmap("export", str(ledger)).returncode == 0
    lines = ledger.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("问题 Problem,地区/点位 Area/site,整改措施 Measure")
    row = next(line for line in lines if "jiangxia-7" in line)
    assert "已完成（2018-05-02）" in row


def test_a_second_pc_sees_the_update(store, catalog):
    other_pc = StatusStore(store.url, catalog)
    before = other_pc.last_change()
    store.set_status("jiangxia-7", "in_progress", "2018-01-10", "开工", author="district")
    assert other_pc.last_change() > before
    assert _now(other_pc, "jiangxia-7").status == "in_progress"
    assert state_from_store(other_pc).site_status("jiangxia") is not None


def test_edits_kept_offline_are_sent_once(store, tmp_path):
    from gis.outbox import Outbox

    outbox = Outbox(tmp_path / "outbox.jsonl")
    outbox.add(measure_id="jiangxia-7", status="in_progress", as_of="2018-01-10", note="离线")
    kept = outbox.pending()
    assert len(kept) == 1
    store.set_status(**kept[0])  # sent, then the PC crashed before the outbox was emptied
    assert outbox.send(store) == 1
    assert outbox.pending() == []
    assert [e.note for e in store.history("jiangxia-7")].count("离线") == 1
