"""`envmap doctor`, as IT would run it after installing: one line per check, exit 0 when all
pass, a FAIL line and exit 1 when a part is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _doctor(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "doctor"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
    )


def test_every_check_passes_here():
    done = _doctor()
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split(":")[0] for line in lines] == [
        "ok   PROJ", "ok   boundaries", "ok   map render", "ok   translations", "ok   HTML export",
        "ok   file exports", "ok   status store", "ok   reading notices",
    ]  # fmt: skip
    assert "13 districts" in lines[1] and "no external reference" in lines[4]
    assert "GeoPackage with 7 tables" in lines[5]


def test_a_missing_part_fails_loudly(tmp_path):
    empty = tmp_path / "no-data"
    empty.mkdir()
    done = _doctor(ENVMAP_DATA=str(empty))  # an install that lost its data folder
    assert done.returncode == 1
    assert "FAIL map render" in done.stdout and "FAIL status store" in done.stdout
    assert "ok   PROJ" in done.stdout


def test_a_bundle_without_its_translations_says_so(tmp_path):
    done = _doctor(ENVMAP_RESOURCES=str(tmp_path))  # resources/ left out of a build
    assert done.returncode == 1
    assert (
        f"FAIL translations: AssertionError: the English interface file is missing from {tmp_path}"
        in done.stdout
    )
