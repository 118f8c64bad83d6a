"""How the map names a site where the cursor points: the tooltip and the entries of the menu
that asks which of several overlapping symbols a click meant. Chinese first, then English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gis.relocation import FORMER_SITE_EN, FORMER_SITE_ZH, NEW_SITE_UNKNOWN_EN, NEW_SITE_UNKNOWN_ZH

if TYPE_CHECKING:
    from gis import Site, Status


def site_tip(site: Site, status: Status | None, former: bool, others: int) -> str:
    """Name, kind and current status; a relocated site's former place says that the new one is
    not known; `others`: how many more symbols lie under the cursor."""
    shown = f"{status.label_zh} {status.label_en}" if status else "无措施 no measure"
    moved = f"\n{FORMER_SITE_ZH} {FORMER_SITE_EN} · {NEW_SITE_UNKNOWN_ZH} {NEW_SITE_UNKNOWN_EN}"
    more = f"\n(+{others})" if others else ""
    moved = moved if former else ""
    return f"{site.name_zh}\n{site.name_en}\n{kind_words(site)} · {shown}{moved}{more}"


def menu_entry(site: Site) -> str:
    """One overlapping symbol's entry in the menu a click on several opens."""
    return f"{site.name_zh} {site.name_en} · {kind_words(site)}"


def kind_words(site: Site) -> str:
    return f"{site.kind.label_zh} {site.kind.label_en}"
