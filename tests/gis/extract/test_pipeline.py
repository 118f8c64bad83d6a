"""extract_file as the CLI and the window use it: plain numbers in its records (YAML and JSON
load back), progress reported on one scale, and a cancel that stops the work."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from gis.catalog import load_catalog
from gis.extract.pipeline import STEPS, ExtractionCancelled, extract_file
from gis.geocode import GazetteerGeocoder
from gis.paths import data_root

FORMATS = Path(__file__).parent / "formats"
# A real notice (development corpus 11): its parcel resolves to a district, whose radius
# shapely computes as a numpy number; `envmap extract --format yaml` crashed on that.
NOTICE = FORMATS / "11_wuhan-aluminium-parcel.txt"


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


@pytest.fixture(scope="module")
def geocoder():
    return GazetteerGeocoder(load_catalog(data_root()))


def test_records_hold_plain_python_values(geocoder):
    records, _ = extract_file(NOTICE, geocoder, date(2023, 7, 18))
    assert records and any(r["precision_m"] is not None for r in records)
    assert all(_plain(r) for r in records)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_envmap_extract_output_loads_back(fmt, envmap_cli):
    result = envmap_cli("extract", str(NOTICE), "--format", fmt, "--date", "2023-07-18")
    assert result.returncode == 0, result.stderr
    loaded = yaml.safe_load(result.stdout) if fmt == "yaml" else json.loads(result.stdout)
    assert loaded and all(r["document"] == NOTICE.stem for r in loaded)
    assert any(isinstance(r["precision_m"], float) for r in loaded)


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_progress_climbs_to_the_end_on_one_scale(geocoder, suffix):
    seen: list[tuple[int, int]] = []
    extract_file(
        FORMATS / f"11_wuhan-aluminium-parcel{suffix}",
        geocoder,
        date(2023, 7, 18),
        lambda done, total: seen.append((done, total)) or True,
    )
    assert {total for _, total in seen} == {STEPS}
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == STEPS and len(done) > 3


def test_progress_returning_false_cancels(geocoder):
    calls = []

    def stop_at_the_third(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 3

    with pytest.raises(ExtractionCancelled, match="11_wuhan"):
        extract_file(NOTICE, geocoder, date(2023, 7, 18), stop_at_the_third)
    assert len(calls) == 3
