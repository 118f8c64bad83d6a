"""The shared status store under load, on demand (issue #19): client processes, each logged in
as its own district editor, record statuses and read as the window does, against a fresh
database on a local PostgreSQL server; optionally the server is restarted in the middle.

    python benchmarks/store_load_bench.py --url postgresql+psycopg://envmap@127.0.0.1:PORT/x \\
        [--clients 20] [--seconds 60] [--pgdata DIR]   # --pgdata: restart that server midway

The URL's role must be able to create databases and roles (the server's owner). Reports:
writes acknowledged and found afterwards (nothing lost), p50/p95 write and read latency, and
the window's refresh (the state built from the store) with at least 10,000 events.
Targets: nothing lost, p95 write <= 100 ms, refresh <= 200 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

DISTRICTS = ("江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区",
             "东西湖区", "蔡甸区", "江夏区", "黄陂区", "新洲区", "汉南区")  # fmt: skip
PAUSE_S = 0.05  # a person's client between two actions: the poll, a click


def client(url: str, district: str, seconds: float, out: Path, go: Path) -> None:
    """One PC: write a status, poll for changes, now and then read everything; a write that
    fails (the server restarting) is sent again under the same event id until it is stored."""
    from sqlalchemy import text

    from gis import load_catalog
    from gis.store import StatusStore

    catalog = load_catalog()
    store = StatusStore(url, catalog)
    with store.engine.connect() as db:
        mine = list(
            db.execute(
                text("SELECT measure_id FROM envmap_measure_districts WHERE district = :d"),
                {"d": district},
            ).scalars()
        )
    rng = random.Random(district)
    out.with_suffix(".ready").touch()
    while not go.exists():
        time.sleep(0.01)
    writes: list[float] = []
    reads: list[float] = []
    stored: list[str] = []
    retries = 0
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        event_id = str(uuid.uuid4())
        status = rng.choice(("in_progress", "completed"))
        start = time.perf_counter()
        while True:
            try:
                store.set_status(rng.choice(mine), status, "2020-01-01", f"n{n}", event_id=event_id)
                break
            except Exception:  # the server went away: the same event once it is back
                retries += 1
                time.sleep(0.2)
        writes.append(time.perf_counter() - start)
        stored.append(event_id)
        start = time.perf_counter()
        try:
            store.last_change() if n % 20 else store.events()
            reads.append(time.perf_counter() - start)
        except Exception:
            retries += 1
        n += 1
        time.sleep(PAUSE_S)
    payload = {"stored": stored, "writes": writes, "reads": reads, "retries": retries}
    out.write_text(json.dumps(payload), encoding="utf-8")


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0


def run(url: str, clients: int, seconds: float, pgdata: str | None = None) -> dict[str, float]:
    """The whole load test on a fresh database (dropped afterwards); returns the figures."""
    import psycopg
    from sqlalchemy.engine import make_url

    from gis import admin, load_catalog

    tag = uuid.uuid4().hex[:8]
    server = make_url(url)
    plain = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as db:
        db.execute(f"CREATE DATABASE envmap_load_{tag}")
    owner = server.set(database=f"envmap_load_{tag}").render_as_string(hide_password=False)
    catalog = load_catalog()
    admin.init(owner, catalog)
    logins = []
    for k in range(clients):
        name = f"load_{tag}_{k}"
        admin.add_user(owner, name, "district-editor", [DISTRICTS[k % 13]], f"pw-{name}")
        login = make_url(owner).set(username=name, password=f"pw-{name}")
        logins.append((login.render_as_string(hide_password=False), DISTRICTS[k % 13]))
    try:
        return _measure(owner, logins, seconds, pgdata, catalog)
    finally:
        with psycopg.connect(plain, autocommit=True) as db:
            db.execute(f"DROP DATABASE envmap_load_{tag} WITH (FORCE)")
            for k in range(clients):
                db.execute(f"DROP ROLE IF EXISTS load_{tag}_{k}")


def _measure(
    owner: str, logins: list[tuple[str, str]], seconds: float, pgdata: str | None, catalog: Any
) -> dict[str, float]:
    """Start the clients together, restart the server midway if asked, then count and time."""
    import psycopg
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from gis.state import state_from_store
    from gis.store import StatusStore

    work = Path(tempfile.mkdtemp(prefix="envmap-load-"))
    go = work / "go"
    procs = []
    for k, (login, district) in enumerate(logins):
        out = work / f"client{k}.json"
        command = [sys.executable, __file__, "client", login, district, str(seconds), str(out),
                   str(go)]  # fmt: skip
        procs.append((subprocess.Popen(command), out))
    while not all(out.with_suffix(".ready").exists() for _, out in procs):
        time.sleep(0.05)
    go.touch()
    if pgdata:
        time.sleep(seconds / 2)
        restart = ["runuser", "-u", "postgres", "--", _pg_ctl(), "-D", pgdata, "-l",
                   f"{pgdata}/log", "-m", "fast", "-w", "restart"]  # fmt: skip
        # The restarted server keeps its output: to its log, never to a pipe we would wait on.
        subprocess.run(restart, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("server restarted in the middle", flush=True)
    for proc, _ in procs:
        proc.wait()
    results = [json.loads(out.read_text(encoding="utf-8")) for _, out in procs]
    stored = {e for r in results for e in r["stored"]}
    store = StatusStore(owner, catalog)
    with store.engine.connect() as db:
        found = set(db.execute(text("SELECT id FROM status_events")).scalars())
        count = db.execute(text("SELECT count(*) FROM status_events")).scalar()
    lost = len(stored - found)
    _fill_to(store, 10_000)
    refresh, refresh_cpu, anchor = [], [], []
    plain = make_url(owner).set(drivername="postgresql").render_as_string(hide_password=False)
    for _ in range(5):
        start, cpu = time.perf_counter(), time.process_time()
        state_from_store(store)
        refresh.append(time.perf_counter() - start)
        refresh_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()  # the anchor: the same rows fetched bare, no Python work
        with psycopg.connect(plain) as db:
            db.execute("SELECT * FROM status_events ORDER BY as_of, recorded_at").fetchall()
        anchor.append(time.perf_counter() - start)
    writes = [w for r in results for w in r["writes"]]
    reads = [w for r in results for w in r["reads"]]
    return {
        "clients": len(logins),
        "acknowledged": len(stored),
        "lost": lost,
        "events_after_run": float(count or 0),
        "retries": sum(r["retries"] for r in results),
        "write_p50_ms": _p(writes, 50),
        "write_p95_ms": _p(writes, 95),
        "read_p50_ms": _p(reads, 50),
        "read_p95_ms": _p(reads, 95),
        "refresh_median_ms": statistics.median(refresh) * 1000,
        "refresh_cpu_ms": statistics.median(refresh_cpu) * 1000,
        "anchor_fetch_ms": statistics.median(anchor) * 1000,
        "refresh_over_anchor": statistics.median(refresh) / statistics.median(anchor),
        "refresh_events": float(len(store.events())),
    }


def _fill_to(store: Any, total: int) -> None:
    """Bring the store to `total` events (as the owner, in one transaction) for the refresh."""
    from sqlalchemy import func, insert, select

    from gis.store import events_table

    with store.engine.begin() as db:
        have = db.execute(select(func.count()).select_from(events_table)).scalar() or 0
        measures = store.catalog.measures()
        rows = [
            {"id": f"fill-{uuid.uuid4()}", "kind": "status", "measure_id": m.id,
             "site_id": m.site_id, "status": "in_progress", "as_of": "2019-06-01", "note": "",
             "evidence": "", "attachment": "", "author": "load", "recorded_at": "", "sequence": 1}
            for m in (measures[k % len(measures)] for k in range(total - have))
        ]  # fmt: skip
        if rows:
            db.execute(insert(events_table), rows)


def _pg_ctl() -> str:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return str(found[-1]) if found else "pg_ctl"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "client":
        _, _, url, district, seconds, out, go = sys.argv
        client(url, district, float(seconds), Path(out), Path(go))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server owner's URL")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pgdata", help="restart this server (pg_ctl -D) in the middle")
    args = parser.parse_args()
    figures = run(args.url, args.clients, args.seconds, args.pgdata)
    for key, value in figures.items():
        print(f"{key:<20} {value:10.1f}")
    ok = figures["lost"] == 0 and figures["write_p95_ms"] <= 100
    ok = ok and figures["refresh_median_ms"] <= 200
    print("targets met" if ok else "targets NOT met")


if __name__ == "__main__":
    main()
