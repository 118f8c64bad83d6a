"""Checks on a built bundle (Linux or Windows) that its self-test cannot make: nothing
test-only inside it, no Python sources of the app (they are compiled into the archive; the
map cache is keyed on the app's version, not on code), and every CRS the app uses still in
its pruned proj.db, resolving and transforming Wuhan's centre as the full database does
(figures below, from PROJ 9 with the full proj.db of pyproj 3.7.2). Run with a Python that
has pyproj (build.py's venv; under Wine, the Windows Python):

    ENVMAP_BUNDLE=dist/envmap python packaging/bundle_checks.py
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

# gis/crs.py's constants (WGS84, CGCS2000, METRIC, WEB_MERCATOR); doctor transforms 4326 -> 4547.
CRS_CODES = ("4326", "4490", "4547", "3857")
CENTRE = (114.3055, 30.5928)  # lon, lat (WGS84)
EXPECTED = {
    "4326": CENTRE,
    "4490": CENTRE,
    "4547": (529299.860, 3385869.453),
    "3857": (12724430.055, 3579978.621),
}
TEST_ONLY = ("icuuc.dll",)  # the mingw stand-in for Windows' ICU lives in the Wine prefix only
APP_SOURCES = ("_internal/gis/", "_internal/desktop/")  # where PyInstaller would put them
# Qt's own Chinese (file, print and message dialogs) and our supplement for the strings it lacks
QT_CHINESE = ("qtbase_zh_CN.qm", "qt_extra_zh_CN.qm")


def check(bundle: Path) -> list[str]:
    faults = []
    for path in bundle.rglob("*"):
        if path.name.lower() in TEST_ONLY:
            faults.append(f"test-only file in the bundle: {path.relative_to(bundle)}")
        inside = path.relative_to(bundle).as_posix()
        if path.suffix == ".py" and inside.startswith(APP_SOURCES):
            faults.append(f"app source in the bundle: {inside}")
    for name in QT_CHINESE:
        if not any(bundle.rglob(name)):
            faults.append(f"{name} is missing: Qt's dialogs would speak English")
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
        faults += resolve(dbs[0].parent)
    return faults


def resolve(proj_dir: Path) -> list[str]:
    import pyproj

    pyproj.datadir.set_data_dir(str(proj_dir))
    faults = []
    for code in CRS_CODES:
        for source in ("4326", "4490"):
            transformer = pyproj.Transformer.from_crs(
                f"EPSG:{source}", f"EPSG:{code}", always_xy=True
            )
            x, y = transformer.transform(*CENTRE)
            want = EXPECTED[code]
            if abs(x - want[0]) > 1e-3 or abs(y - want[1]) > 1e-3:
                faults.append(f"EPSG:{source} -> {code} gives {x:.3f} {y:.3f}, not {want}")
            else:
                print(f"EPSG:{source} -> EPSG:{code}: {x:.3f} {y:.3f} ok")
    return faults


# What Qt asks of ICU's data (packaging/filter_icu.py keeps zh/en only): Chinese (pinyin) and
# English collation, case mapping, the converters for Chinese and Western text. Run once on the
# bundle's filtered library and once on the full one the build venv has; the two must agree.
ICU_PROBE = r"""
import functools
from PySide6.QtCore import QCollator, QLocale, QStringDecoder
for name, words in (("zh_CN", "张 李 王 安 武汉 汉阳 江岸"), ("en_US", "b B a A é e")):
    collator = QCollator(QLocale(name))
    print(name, *sorted(words.split(), key=functools.cmp_to_key(collator.compare)))
print(QLocale("zh_CN").toUpper("straße ǆ"), QLocale("en_US").toLower("İSTANBUL"))
for codec in ("GB18030", "GBK", "GB2312", "Big5", "Big5-HKSCS", "windows-1252", "ISO-8859-15"):
    print(codec, QStringDecoder(codec).isValid())
print(next(line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line))
"""


def icu(bundle: Path) -> list[str]:
    """Qt's collation, case mapping and converters give with the bundle's ICU data what they
    give with the full data (Linux; Windows' Qt uses the system's ICU)."""
    libraries = list(bundle.rglob("libicudata.so*"))
    if not libraries:
        return []
    lib = libraries[0].parent
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": os.environ.get("PATH", "")}
    ours, full = (
        subprocess.run(
            [sys.executable, "-c", ICU_PROBE], env=extra | env, capture_output=True, text=True
        )
        for extra in ({"LD_LIBRARY_PATH": str(lib)}, {})
    )
    *answers, loaded = ours.stdout.strip().splitlines() or [""]
    *expected, _ = full.stdout.strip().splitlines() or [""]
    print("ICU with the bundle's data:", " | ".join(answers))
    faults = []
    if not loaded.startswith(str(lib)):
        faults.append(f"the ICU probe did not load the bundle's ICU data ({loaded or ours.stderr})")
    if answers != expected or ours.stderr.strip() or "False" in ours.stdout:
        faults.append(f"ICU: the bundle's data gives {answers} {ours.stderr}, the full {expected}")
    return faults


def main() -> int:
    bundle = Path(os.environ.get("ENVMAP_BUNDLE", "dist/envmap"))
    faults = check(bundle) + icu(bundle)
    for fault in faults:
        print(fault, file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
