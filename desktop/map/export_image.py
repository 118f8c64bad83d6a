"""The map as a plain picture of a given pixel size (the quick export and `envmap render
--size`): the print layout on a custom page, at screen resolution, centred on a site if asked.
"""

from __future__ import annotations

from pathlib import Path

from desktop.map.canvas import MapCanvas
from desktop.map.paper import LAYOUT_DPI, Paper
from desktop.map.print_files import write_pdf, write_png
from desktop.map.print_layout import TITLE, LayoutOptions, site_extent
from gis import MapData
from gis.state import CurrentState


def render_map(
    map_data: MapData,
    out: Path,
    size: tuple[int, int] = (1600, 1200),
    site_id: str | None = None,
    title: str = TITLE,
    state: CurrentState | None = None,
) -> None:
    """Write the map to `out` (.png or .pdf), `size` pixels at 96 dpi, around `site_id`, in
    the current `state` when given (as the window shows it)."""
    canvas = MapCanvas(map_data)
    if state is not None:
        canvas.show_state(state)
    options = LayoutOptions(title=title)
    if site_id is not None:  # the picture of a site points it out
        extent = site_extent(canvas, site_id)
        options = LayoutOptions(title=title, extent=extent, highlight=site_id)
    paper = Paper.of_pixels(*size)
    try:
        if out.suffix.lower() == ".pdf":
            write_pdf(canvas, paper, options, out)
        else:
            write_png(canvas, paper, options, out, dpi=LAYOUT_DPI)
    finally:
        canvas.deleteLater()
