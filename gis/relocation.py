"""Relocations as the documents state them: once a site's move is done, the point the map
has for it is its old site (原址); where it went is shown only if a source says so.

The rule lives here once; the canvas, prints and the HTML export all ask it.
"""

from __future__ import annotations

from collections.abc import Sequence

from gis.model import Measure, Site, Status
from gis.site_table import measured

RELOCATION_WORDS = ("搬迁", "迁移")  # the documents' words for moving a facility or outfall
FORMER_SITE_ZH = "原址"
FORMER_SITE_EN = "former site"
NEW_SITE_UNKNOWN_ZH = "新址不详（文件未载明）"
NEW_SITE_UNKNOWN_EN = "new site unknown (no document says where)"


def relocation_measure(site: Site) -> Measure | None:
    """The site's own measure that moves it, when its quote says so (搬迁, 迁移)."""
    for measure in site.measures:
        quote = "".join(piece.quote for piece in measure.evidence)
        if any(word in measure.text_zh and word in quote for word in RELOCATION_WORDS):
            return measure
    return None


def is_former_site(site: Site) -> bool:
    """True when the site's relocation is completed (or closed out) in `site`'s measures, so
    that its point marks where it was, not where it is."""
    measure = relocation_measure(site)
    return measure is not None and measure.status.rank >= Status.COMPLETED.rank


def former_site_ids(sites: Sequence[Site]) -> set[str]:
    """Only sites with measures can be former sites: a SiteList's rows are not built."""
    return {site.id for site in measured(sites) if is_former_site(site)}
