"""The status store under the faults a user meets: a kill while a new store is first opened
or while it is written, three processes creating one at once, a read-only folder, another
writer holding the lock, files that are not a store. Kills are real SIGKILLs of a forked
process (benchmarks/fault_bench.py runs a few hundred of them)."""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import signal
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from gis.store import StatusStore, StoreError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills forked processes: POSIX")


def _fork(body) -> int:
    """Run `body` in a forked process; returns its wait status."""
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            body()
        finally:
            os._exit(0)
    return os.waitpid(pid, 0)[1]


def _statements_of(action) -> int:
    """How many SQL statements `action` sends."""
    count = itertools.count()

    def counted(*_args):
        next(count)

    event.listen(Engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(Engine, "before_cursor_execute", counted)
    return next(count)


def _killed_before_statement(number: int, action) -> None:
    """In a forked process: SIGKILL it just before its `number`-th SQL statement."""
    count = itertools.count(1)

    def kill(*_args):
        if next(count) == number:
            os.kill(os.getpid(), signal.SIGKILL)

    def body():
        event.listen(Engine, "before_cursor_execute", kill)
        action()

    status = _fork(body)
    assert os.WIFSIGNALED(status) or os.waitstatus_to_exitcode(status) == 0


def test_a_kill_at_any_point_of_a_first_open_leaves_a_store_that_opens(catalog, tmp_path):
    total = _statements_of(lambda: StatusStore(tmp_path / "counted.sqlite", catalog))
    # every statement of the creation, then a few of the documents' first events
    points = [*range(1, 16), *random.Random(16).sample(range(16, total), 4)]
    for number in points:
        path = tmp_path / f"kill-{number}.sqlite"
        _killed_before_statement(number, lambda p=path: StatusStore(p, catalog))
        store = StatusStore(path, catalog)  # neither "schema None" nor any other refusal
        documents = [e for e in store.events() if e.author == "document"]
        assert len(documents) == len(catalog.measures()), f"killed before statement {number}"
        store.engine.dispose()


def test_a_store_an_older_envmap_left_half_created_is_finished(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    with sqlite3.connect(path) as db:  # what a kill after its first CREATE TABLE left
        db.execute("CREATE TABLE envmap_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200))")
    store = StatusStore(path, catalog)
    assert len(store.events()) == len(catalog.measures())


def test_a_store_whose_creator_was_killed_with_a_hot_journal_opens(catalog, tmp_path):
    """Killed while SQLite still journalled the new file (before WAL mode took hold): the
    journal is rolled back by SQLite, then the store is created (the benchmark's case)."""
    path = tmp_path / "status.sqlite"

    def creating():
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA cache_size=1")  # pages spill to the file before the commit
        db.execute("BEGIN")
        db.execute("CREATE TABLE envmap_meta (key VARCHAR(40) PRIMARY KEY, value VARCHAR(200))")
        for i in range(3000):
            db.execute("INSERT INTO envmap_meta VALUES (?, ?)", (f"k{i}", "x" * 150))
        os.kill(os.getpid(), signal.SIGKILL)

    _fork(creating)
    assert (tmp_path / "status.sqlite-journal").exists()
    reader = StatusStore(path, catalog, read_only=True)
    assert len(reader.history("jiangxia-7")) == 1
    store = StatusStore(path, catalog)
    assert len(store.events()) == len(catalog.measures())


def test_every_acknowledged_write_survives_a_kill(catalog, tmp_path):
    ids = [m.id for m in catalog.measures()]
    rng = random.Random(7)
    for trial in range(5):
        path = tmp_path / f"trial-{trial}.sqlite"
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                store = StatusStore(path, catalog)
                for i in itertools.count():
                    done = store.set_status(rng.choice(ids), "in_progress", "2018-01-10", f"{i}")
                    os.write(write, f"{done.id}\n".encode())  # acknowledged to the user
            finally:
                os._exit(0)
        os.close(write)
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read, "rb") as pipe:
            acknowledged = {line for line in pipe.read().decode().split("\n")[:-1]}
        stored = {e.id for e in StatusStore(path, catalog).events()}
        assert acknowledged <= stored, f"trial {trial}: lost {len(acknowledged - stored)}"


def _open_at_once(where: str, catalog, said: Path, count: int = 3) -> list[str]:
    """`count` forked processes open (and so create) the store at `where` at the same moment;
    what each one said: "opened", or why it refused."""
    go_read, go_write = os.pipe()
    pids = []
    for k in range(count):
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            try:
                os.close(go_write)
                os.read(go_read, 1)  # blocks until the parent closes its end: all start together
                StatusStore(where if "://" in where else Path(where), catalog)
                (said / f"{k}").write_text("opened")
            except BaseException as exc:
                (said / f"{k}").write_text(f"refused: {exc!r}")
            finally:
                os._exit(0)
        pids.append(pid)
    os.close(go_read)
    os.close(go_write)
    deadline = time.monotonic() + 120  # a child stuck on a lock its fork copied is killed
    for pid in pids:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.01)
    return [
        (said / f"{k}").read_text() if (said / f"{k}").exists() else "died" for k in range(count)
    ]


@contextmanager
def _new_database(kind: str, tmp_path: Path, name: str):
    """The address of a store not created yet: an SQLite path, or a new PostgreSQL database."""
    if kind == "sqlite":
        yield str(tmp_path / f"{name}.sqlite")
        return
    url = os.environ.get("ENVMAP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostgreSQL server for this run: set ENVMAP_TEST_POSTGRES_URL")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    database = f"envmap_faults_{name}_{os.getpid()}"
    with admin.connect() as db:
        db.execute(text(f"CREATE DATABASE {database}"))
    try:
        yield make_url(url).set(database=database).render_as_string(hide_password=False)
    finally:
        with admin.connect() as db:
            db.execute(text(f"DROP DATABASE {database} WITH (FORCE)"))
        admin.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_three_processes_creating_a_store_at_once_all_open_it(catalog, tmp_path, kind):
    for round_ in range(3):
        said = tmp_path / f"said-{round_}"
        said.mkdir()
        with _new_database(kind, tmp_path, f"r{round_}") as where:
            assert _open_at_once(where, catalog, said) == ["opened"] * 3
            store = StatusStore(where if "://" in where else Path(where), catalog)
            assert len(store.events()) == len(catalog.measures())
            store.engine.dispose()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_history_reads_a_store_on_a_read_only_disk(
    catalog, tmp_path, small_filesystems, envmap_cli
):
    disk = small_filesystems.mount("4m")
    store = StatusStore(disk / "status.sqlite", catalog)
    store.set_status("jiangxia-7", "in_progress", "2018-01-10", "开工", author="clerk")
    store.engine.dispose()
    before = _digest(disk / "status.sqlite")
    small_filesystems.remount(disk, "ro")
    result = envmap_cli("--store", str(disk / "status.sqlite"), "status", "history", "jiangxia-7")
    assert result.returncode == 0, result.stderr
    assert "开工" in result.stdout and "document" in result.stdout
    assert _digest(disk / "status.sqlite") == before


def test_reading_does_not_wait_for_a_writer_nor_write(catalog, tmp_path):
    path = tmp_path / "status.sqlite"
    StatusStore(path, catalog).set_status("jiangxia-7", "completed", "2018-02-01", "完工")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another window in the middle of recording
    writer.execute("DELETE FROM status_events WHERE note = '完工'")
    try:
        reader = StatusStore(path, catalog, read_only=True)
        assert [e.note for e in reader.history("jiangxia-7")][-1] == "完工"
        with pytest.raises(StoreError, match="read only"):
            reader.set_status("jiangxia-7", "completed", "2018-03-01")
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_reading_a_store_not_there_yet_creates_nothing(catalog, tmp_path):
    reader = StatusStore(tmp_path / "status.sqlite", catalog, read_only=True)
    assert len(reader.history("jiangxia-7")) == 1  # the document's own status
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE status_events (id TEXT PRIMARY KEY, amount REAL)",
        "CREATE TABLE envmap_meta (key TEXT, value TEXT, owner TEXT)",
        "CREATE TABLE status_events (id TEXT); CREATE VIEW totals AS SELECT 1",
    ],
)
def test_a_file_with_the_store_table_names_but_not_its_columns_is_refused_untouched(
    catalog, tmp_path, schema
):
    path = tmp_path / "status.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(schema)
    before = _digest(path)
    with pytest.raises(StoreError, match="not a status store"):
        StatusStore(path, catalog)
    assert _digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["status.sqlite"]


def test_a_geopackage_is_refused_untouched(catalog, tmp_path):
    from gis.export.files import write_geopackage

    path = tmp_path / "layers.gpkg"
    write_geopackage(catalog, path)
    before = _digest(path)
    with pytest.raises(StoreError, match="not a status store"):
        StatusStore(path, catalog)
    assert _digest(path) == before
