"""`envmap status export` writes the ledger `envmap export` writes, from the same reading of
the catalog, store and user folder: with --catalog-only, the shipped catalog alone."""

from __future__ import annotations

from .user_sites import accept_a_dock
from .user_sites import xlsx_rows as _rows

SITE, STATUS = "点位编号 Site id", "整改状态 Status"


def test_both_ledgers_leave_the_store_and_user_sites_out_under_catalog_only(
    envmap_cli, catalog, user_folder, tmp_path
):
    accepted = accept_a_dock(catalog, user_folder)
    measure = "liangjiu-dock-relocation"
    said = envmap_cli(
        "status", "set", measure, "closed_out", "--date", "2024-03-01", "--evidence", "验收意见书"
    )
    assert said.returncode == 0, said.stderr
    ledgers = {}
    for command in (("export", "xlsx"), ("status", "export")):
        for only in (True, False):
            out = tmp_path / f"{'-'.join(command)}-{only}.xlsx"
            flags = ("--catalog-only",) if only else ()
            assert envmap_cli(*flags, *command, str(out)).returncode == 0
            ledgers[command[0], only] = _rows(out)
    assert ledgers["export", True] == ledgers["status", True]
    assert ledgers["export", False] == ledgers["status", False]
    for only, status in ((True, "已完成"), (False, "已销号（2024-03-01）")):
        dock = next(r for r in ledgers["status", only] if r[SITE] == "liangjiu-dock")
        assert dock[STATUS] == status
        names = {r["地区/点位 Area/site"] for r in ledgers["status", only]}
        assert (accepted in names) is not only
