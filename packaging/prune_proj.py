"""proj.db pruned to the CRSs the app uses (gis/crs.py: EPSG:4326, 4490, 4547, 3857) and what
they are made of, for the bundles. PROJ reads the whole database only to look objects up;
the ~9 MB of other CRSs and transformations are never used. Kept: those CRSs, their base
CRSs, datums (and datum-ensemble members), ellipsoids, prime meridians, coordinate systems,
conversions, extents and usages, the transformations among them, and every small table.
packaging/bundle_checks.py checks each CRS still resolves in the bundle.

    python3 packaging/prune_proj.py SRC_PROJ_DB DST_PROJ_DB
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

CRS_CODES = ("4326", "4490", "4547", "3857")


def prune(src: Path, dst: Path, codes: tuple[str, ...] = CRS_CODES) -> None:
    shutil.copyfile(src, dst)
    db = sqlite3.connect(dst)
    q = db.execute
    tables = {name for (name,) in q("SELECT name FROM sqlite_master WHERE type = 'table'")}
    crs = {("EPSG", c) for c in codes}
    # base CRSs of the projected ones, and the 3D/geocentric forms nothing asks for are dropped
    for auth, code in list(crs):
        for row in q(
            "SELECT geodetic_crs_auth_name, geodetic_crs_code FROM projected_crs "
            "WHERE auth_name = ? AND code = ?",
            (auth, code),
        ):
            crs.add((row[0], str(row[1])))
    q("CREATE TEMP TABLE keep_crs (auth_name TEXT, code TEXT)")
    db.executemany("INSERT INTO keep_crs VALUES (?, ?)", sorted(crs))
    keep = "(auth_name, code) IN (SELECT auth_name, code FROM keep_crs)"
    for table in ("geodetic_crs", "projected_crs"):
        q(f"DELETE FROM {table} WHERE NOT {keep}")
    for table in (
        "vertical_crs",
        "compound_crs",
        "engineering_crs",
        "grid_transformation",
        "other_transformation",
        "concatenated_operation",
        "concatenated_operation_step",
        "grid_alternatives",
        "geoid_model",
        "vertical_datum_ensemble_member",
        "vertical_datum",
        "engineering_datum",
    ):
        if table in tables:  # PROJ versions differ in which tables they have
            q(f"DELETE FROM {table}")
    both = (
        "(source_crs_auth_name, source_crs_code) IN (SELECT * FROM keep_crs) AND "
        "(target_crs_auth_name, target_crs_code) IN (SELECT * FROM keep_crs)"
    )
    q(f"DELETE FROM helmert_transformation_table WHERE NOT ({both})")
    q(
        "DELETE FROM conversion_table WHERE (auth_name, code) NOT IN "
        "(SELECT conversion_auth_name, conversion_code FROM projected_crs)"
    )
    datums = "(SELECT datum_auth_name, datum_code FROM geodetic_crs)"
    q(
        f"DELETE FROM geodetic_datum_ensemble_member WHERE (ensemble_auth_name, ensemble_code) "
        f"NOT IN {datums}"
    )
    q(
        f"DELETE FROM geodetic_datum WHERE (auth_name, code) NOT IN {datums} AND (auth_name, code) "
        "NOT IN (SELECT member_auth_name, member_code FROM geodetic_datum_ensemble_member)"
    )
    objects = (
        "SELECT 'geodetic_crs', auth_name, code FROM geodetic_crs UNION ALL "
        "SELECT 'projected_crs', auth_name, code FROM projected_crs UNION ALL "
        "SELECT 'conversion', auth_name, code FROM conversion_table UNION ALL "
        "SELECT 'helmert_transformation', auth_name, code FROM helmert_transformation_table "
        "UNION ALL SELECT 'geodetic_datum', auth_name, code FROM geodetic_datum"
    )
    q(
        "DELETE FROM usage WHERE (object_table_name, object_auth_name, object_code) "
        f"NOT IN ({objects})"
    )
    q(f"DELETE FROM alias_name WHERE (table_name, auth_name, code) NOT IN ({objects})")
    q(
        "DELETE FROM supersession WHERE (superseded_table_name, superseded_auth_name, "
        f"superseded_code) NOT IN ({objects})"
    )
    q(
        f"DELETE FROM deprecation WHERE (table_name, deprecated_auth_name, deprecated_code) "
        f"NOT IN ({objects})"
    )
    q(
        "DELETE FROM extent WHERE (auth_name, code) NOT IN "
        "(SELECT extent_auth_name, extent_code FROM usage)"
    )
    q(
        "DELETE FROM scope WHERE (auth_name, code) NOT IN "
        "(SELECT scope_auth_name, scope_code FROM usage)"
    )
    db.commit()
    q("VACUUM")
    db.close()


if __name__ == "__main__":
    prune(Path(sys.argv[1]), Path(sys.argv[2]))
