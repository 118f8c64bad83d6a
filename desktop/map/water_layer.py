"""Two things the canvas draws beside its layers: the water beneath them (gis/water.py) and
the 原址 notes of sites whose relocation is done (gis/relocation.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from desktop.map import items, style
from desktop.map.items import AreaItem
from desktop.map.site_layer import SiteLayer
from gis.model import Catalog
from gis.relocation import FORMER_SITE_ZH, former_site_ids, is_former_site
from gis.water import WaterShape

if TYPE_CHECKING:  # the store's state comes after the map's first paint
    from gis.state import CurrentState

Z_WATER = 0.5  # over the districts' fill (their ground), under every other layer
FORMER_LABEL_UNITS_PER_PX = 30.0  # 原址 notes from about 1:110,000, where sites stand apart


def water_items(water: Sequence[WaterShape]) -> list[AreaItem]:
    """The lakes and rivers, projected together (items.in_mercator)."""
    return [water_item(shown) for shown in items.in_mercator(water)]


def water_item(shown: WaterShape) -> AreaItem:
    """A lake or river polygon filled, or a centre line stroked, in Web Mercator."""
    line = shown.kind == "river_line"
    item = AreaItem(
        shown,
        None if line else style.WATER_FILL,
        style.WATER_LINE if line else style.WATER_EDGE,
        style.WATER_LINE_PX if line else 0.5,
    )
    item.setZValue(Z_WATER)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


class FormerSites:
    """The 原址 notes beside the sites whose move is done; the symbols are the site layer's."""

    def __init__(self, scene: QGraphicsScene, points: SiteLayer, z: float) -> None:
        self.scene, self.points, self.z = scene, points, z
        self.labels: dict[str, QGraphicsItem] = {}
        self._documents: Catalog | None = None  # the documents of the last state marked

    def __contains__(self, site_id: str) -> bool:
        return site_id in self.labels

    def mark(self, catalog: Catalog, units_per_px: float, changed: set[str] | None = None) -> None:
        """Mark the point sites whose relocation is completed in `catalog`'s measures. With
        `changed`, only those sites can differ from the last mark (a state recomputes only
        its tracked sites): the rest keep their mark, so a state change at 100,000 sites
        does not ask every site again."""
        if changed is None:
            former = {s for s in former_site_ids(catalog.sites) if s in self.points.index}
        else:
            again = {s for s in changed if s in self.points.index}
            former = (set(self.labels) - again) | {
                s for s in again if is_former_site(catalog.site(s))
            }
        self.points.set_former(former)
        for site_id in set(self.labels) - former:
            self.scene.removeItem(self.labels.pop(site_id))
        for site_id in former - set(self.labels):
            label = items.note_item(FORMER_SITE_ZH)
            label.setZValue(self.z)
            self.scene.addItem(label)
            self.labels[site_id] = label
        self.place(units_per_px)

    def mark_state(self, state: CurrentState, units_per_px: float, changed: set[str]) -> None:
        """Mark the former sites of `state`, where only the `changed` sites can differ from
        the last state as long as the documents are the same ones."""
        same = state.documents is self._documents
        self._documents = state.documents
        self.mark(state.catalog, units_per_px, changed if same else None)

    def place(self, units_per_px: float) -> None:
        """Beside each site, shown once the map is zoomed in enough to tell sites apart."""
        near = units_per_px <= FORMER_LABEL_UNITS_PER_PX
        for site_id, label in self.labels.items():
            label.setPos(self.points.scene_pos(site_id))
            label.setVisible(near and bool(self.points.shown[self.points.index[site_id]]))
