"""`envmap render --layout --store S`: the page shows the store's location corrections, as the
window does (a site moved in the window is drawn where it was moved to)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.map import style
from gis.model import Status
from gis.store import StatusStore

SITE = "east-lake-scenic-area"  # a point site in 武昌区, drawn in its status's colour


@pytest.fixture
def render(envmap_cli):
    """`envmap render ARGS…` through the entry point, in this process."""
    from desktop.cli import main

    return lambda *args: envmap_cli("render", *args, entry=main)


def _pixels_of(path: str, colour) -> set[tuple[int, int]]:
    """(x, y) of every pixel of this colour (within a few levels) on the page."""
    image = QImage(path).convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    bgr = rows[:, : image.width(), :3].astype(int)
    red, green, blue = colour.red(), colour.green(), colour.blue()
    near = (np.abs(bgr - (blue, green, red)) <= 6).all(axis=2)
    ys, xs = np.nonzero(near)
    return set(zip(xs.tolist(), ys.tolist(), strict=True))


def test_layout_draws_a_site_where_the_store_moved_it(tmp_path, catalog, render, user_folder):
    pages = {}
    for name in ("recorded", "moved"):
        store = StatusStore(tmp_path / f"{name}.sqlite", catalog)
        # closed out: a colour few symbols on the page have (and the legend's swatch)
        for measure in catalog.site(SITE).measures:
            store.set_status(
                measure.id, "closed_out", "2024-03-01", "验收", "区环保局", evidence="验收"
            )
        if name == "moved":
            shown = catalog.site(SITE).location.geometry
            store.move_site(SITE, shown.x + 0.02, shown.y, 30.0, "2024-05-01", "现场核实", "张工")
        store.engine.dispose()
        out = tmp_path / f"{name}.png"
        result = render(
            "--layout", "a4-landscape", "--district", "武昌区", "--store", store.label, str(out)
        )
        assert result.returncode == 0, result.stderr
        first_page = result.stdout.removeprefix("wrote ").split(", ")[0].strip()
        pages[name] = _pixels_of(first_page, style.status_colour(Status.CLOSED_OUT))
    left, arrived = pages["recorded"] - pages["moved"], pages["moved"] - pages["recorded"]
    assert len(left) > 20 and len(arrived) > 20  # the symbol left its place, and is drawn anew
    dx = np.mean([x for x, _ in arrived]) - np.mean([x for x, _ in left])
    dy = np.mean([y for _, y in arrived]) - np.mean([y for _, y in left])
    assert dx > 50 and abs(dy) < dx / 4  # moved east on the page, as its longitude was


def test_render_with_the_user_s_store_does_not_load_sqlalchemy(catalog, tmp_path, user_folder):
    writer = StatusStore(user_folder / "status.sqlite", catalog)
    writer.set_status("jiangxia-7", "completed", "2019-03-01", "完工", "乙")
    writer.engine.dispose()
    probe = (
        "import sys; from desktop.cli import main; code = main(sys.argv[1:]); "
        "print('sqlalchemy' in sys.modules); sys.exit(code)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, "render", str(tmp_path / "map.png"), "--size", "400x300"],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], check=True,
    )  # fmt: skip
    assert out.stdout.split()[-1] == "False"
    assert (tmp_path / "map.png").stat().st_size > 0
