"""What the ledger and state tests share: a site accepted in review into the user folder, as
a clerk accepts one in the window, and the rows or sites of what the commands write."""

from __future__ import annotations

import base64
import gzip
import json
import re
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from gis.geocode import GazetteerGeocoder
from gis.user_catalog import ACCEPTED, start_review

NOTICE = Path(__file__).resolve().parent / "extract" / "documents" / "water_notice_gbk.txt"
ACCEPTED_DOCK = "鑫达建材码头"  # in NOTICE; not in the shipped catalog


def accept_a_dock(catalog, user_folder: Path) -> str:
    """Accept NOTICE's 鑫达建材码头, placed by hand, into the user folder; its name."""
    review = start_review(user_folder, NOTICE, date(2017, 12, 1), GazetteerGeocoder(catalog))
    dock = [c["name"] for c in review.candidates].index(ACCEPTED_DOCK)
    review.edit(dock, lon=114.301, lat=30.502)
    review.decide(dock, ACCEPTED)
    review.finish()
    return ACCEPTED_DOCK


def xlsx_rows(path: Path) -> list[dict]:
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def sites_block(page: Path) -> dict:
    """The page's packed sites (gzip in base64 inside its envmap-sites script element)."""
    text = page.read_text(encoding="utf-8")
    block = re.search(r'id="envmap-sites"[^>]*>([^<]*)</script>', text).group(1)
    return json.loads(gzip.decompress(base64.b64decode(block)))
