"""Kill benchmark, run on demand (not in the test suite; tests/gis/test_store_faults.py keeps
a handful of these trials): SIGKILL a writer at a random moment and check what survived.

    python benchmarks/fault_bench.py --trials 300

Each trial forks a process that opens a NEW status store (its first open: schema, version
row, the documents' first events) and records statuses one after another, telling the parent
each event id once `set_status` has returned (acknowledged to the user). The parent kills it
(SIGKILL) after a random delay spanning the first open and the writes, then opens the store
again. The same for the outbox (edits kept offline): a process adds edits, each
acknowledged once `add` returns, and is killed; the parent reads what is pending.

Reported per kind: trials, acknowledged (events or edits acknowledged before the kill),
lost (acknowledged but not found after), unopenable (a store refused or unreadable after
the kill; for the outbox, a file whose pending edits cannot be read). lost and unopenable
must be 0.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gis import load_catalog
from gis.model import Catalog
from gis.outbox import Outbox
from gis.store import StatusStore, StoreError


def _killed(body: Callable[[int], None], delay: float) -> set[str]:
    """Fork `body(pipe)`, SIGKILL it after `delay` s; the ids it acknowledged before."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            body(write)
        finally:
            os._exit(0)
    os.close(write)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read, "rb") as pipe:
        return set(pipe.read().decode().split("\n")[:-1])


def store_trial(catalog: Catalog, path: Path, delay: float, seed: int) -> tuple[int, int, int]:
    """(acknowledged, lost, unopenable) of one kill of a store's first open and writes."""
    ids = [m.id for m in catalog.measures()]

    def write(pipe: int) -> None:
        rng = random.Random(seed)
        store = StatusStore(path, catalog)
        for i in range(10**9):
            done = store.set_status(rng.choice(ids), "in_progress", "2018-01-10", f"n{i}")
            os.write(pipe, f"{done.id}\n".encode())

    acknowledged = _killed(write, delay)
    try:
        store = StatusStore(path, catalog)
        stored = {e.id for e in store.events()}
        documents = sum(e.author == "document" for e in store.events())
        store.engine.dispose()
    except StoreError as exc:
        print(f"  unopenable: {exc}", file=sys.stderr)
        return len(acknowledged), 0, 1
    unopenable = int(documents != len(ids))  # the documents' first events are all there
    return len(acknowledged), len(acknowledged - stored), unopenable


def outbox_trial(path: Path, delay: float) -> tuple[int, int, int]:
    """(acknowledged, lost, unopenable) of one kill of a process adding edits."""

    def add(pipe: int) -> None:
        outbox = Outbox(path)
        for i in range(10**9):
            event_id = f"edit-{i}"
            outbox.add(measure_id="jiangxia-7", status="in_progress", as_of="2018-01-10",
                       event_id=event_id)  # fmt: skip
            os.write(pipe, f"{event_id}\n".encode())

    acknowledged = _killed(add, delay)
    try:
        pending = {e["event_id"] for e in Outbox(path).pending()}
    except (OSError, ValueError) as exc:
        print(f"  unreadable outbox: {exc}", file=sys.stderr)
        return len(acknowledged), 0, 1
    return len(acknowledged), len(acknowledged - pending), 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=300, help="kills of each kind")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    catalog = load_catalog()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        StatusStore(Path(work) / "timing.sqlite", catalog).engine.dispose()
        first_open = time.perf_counter() - started
        print(f"a first open takes {first_open * 1000:.0f} ms here; kills fall in 0..3x that")
        for kind in ("store", "outbox"):
            totals = [0, 0, 0]
            for trial in range(args.trials):
                delay = rng.uniform(0, 3 * first_open)
                if kind == "store":
                    path = Path(work) / f"store-{trial}.sqlite"
                    result = store_trial(catalog, path, delay, rng.randrange(2**32))
                else:
                    result = outbox_trial(Path(work) / f"outbox-{trial}.jsonl", delay / 3)
                totals = [a + b for a, b in zip(totals, result, strict=True)]
            acknowledged, lost, unopenable = totals
            print(
                f"{kind}: trials={args.trials} acknowledged={acknowledged} lost={lost} "
                f"unopenable={unopenable}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
