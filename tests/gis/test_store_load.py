"""The load benchmark in a short form (a few clients for a few seconds): every write a
client was told is stored is in the store afterwards. Timings live in the benchmark."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "store_load_bench.py"


def test_clients_recording_and_reading_at_once_lose_nothing(postgres_url):
    spec = importlib.util.spec_from_file_location("store_load_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    figures = bench.run(postgres_url, clients=3, seconds=3)
    assert figures["acknowledged"] > 0
    assert figures["lost"] == 0
    assert figures["events_after_run"] >= figures["acknowledged"]
    assert figures["refresh_events"] >= 10_000
