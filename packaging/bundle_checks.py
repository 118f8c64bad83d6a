"""Checks on a built bundle (Linux or Windows) that its self-test cannot make: nothing
test-only inside it, and every CRS the app uses still present in its proj.db.

    ENVMAP_BUNDLE=dist/envmap python3 packaging/bundle_checks.py
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

# gis/crs.py's constants (WGS84, CGCS2000, METRIC, WEB_MERCATOR); doctor transforms 4326 -> 4547.
CRS_CODES = ("4326", "4490", "4547", "3857")
TEST_ONLY = ("icuuc.dll",)  # the mingw stand-in for Windows' ICU lives in the Wine prefix only


def check(bundle: Path) -> list[str]:
    faults = []
    for path in bundle.rglob("*"):
        if path.name.lower() in TEST_ONLY:
            faults.append(f"test-only file in the bundle: {path.relative_to(bundle)}")
    dbs = list(bundle.rglob("proj.db"))
    if len(dbs) != 1:
        faults.append(f"expected one proj.db, found {len(dbs)}")
    else:
        with sqlite3.connect(f"file:{dbs[0]}?mode=ro", uri=True) as db:
            for code in CRS_CODES:
                row = db.execute(
                    "SELECT name FROM crs_view WHERE auth_name = 'EPSG' AND code = ?", (code,)
                ).fetchone()
                if row is None:
                    faults.append(f"EPSG:{code} is missing from {dbs[0].name}")
                else:
                    print(f"EPSG:{code} {row[0]}")
    return faults


def main() -> int:
    bundle = Path(os.environ.get("ENVMAP_BUNDLE", "dist/envmap"))
    faults = check(bundle)
    for fault in faults:
        print(fault, file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
