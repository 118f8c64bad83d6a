"""Exports on a disk that fills up: the file exported before is left whole and no partial
file is left beside it (a real tmpfs of 8 MB, filled to the last byte)."""

from __future__ import annotations

import hashlib

import pytest

from gis.export.files import export
from gis.export.html import write_html
from gis.mapdata import build_map_data
from gis.store import StatusStore


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _writers(catalog, tmp_path):
    """name -> a function writing that export to a path."""
    store = StatusStore(tmp_path / "status.sqlite", catalog)
    store.set_status("jiangxia-7", "in_progress", "2018-01-10", "开工", author="clerk")
    map_data = build_map_data(catalog)
    writers = {f"ledger.{fmt}": (lambda path, f=fmt: export(catalog, f, path)) for fmt in
               ("gpkg", "geojson", "csv", "xlsx")}  # fmt: skip
    writers["map.html"] = lambda path: write_html(map_data, path)
    writers["events.jsonl"] = store.export_events
    return writers


def test_a_full_disk_leaves_every_old_export_whole_and_no_partial_file(
    catalog, tmp_path, small_filesystems
):
    disk = small_filesystems.mount("8m")
    writers = _writers(catalog, tmp_path)
    before = {}
    for name, write in writers.items():
        write(disk / name)
        before[name] = _digest(disk / name)
    small_filesystems.fill(disk)
    for name, write in writers.items():
        with pytest.raises(OSError):
            write(disk / name)
        with pytest.raises(OSError):
            write(disk / f"new-{name}")  # an export with no old file fails all the same
        assert _digest(disk / name) == before[name], name
    assert sorted(p.name for p in disk.iterdir()) == sorted([*writers, "filler"])
