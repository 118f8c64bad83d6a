"""The exported map on paper, in Chromium: printed from an office screen the map takes the
paper's width with the open site at its centre on the districts and water, its details below."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def _blue_share(ppm: bytes) -> float:
    """The share of a PPM picture's pixels that are water blue (blue well above red)."""
    header = ppm.split(b"\n", 3)
    pixels = header[3]
    blue = sum(1 for i in range(0, len(pixels) - 2, 3) if pixels[i + 2] > pixels[i] + 40)
    return blue / (len(pixels) // 3)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm: apt-get poppler-utils")
def test_printing_from_a_wide_screen_centres_the_site_on_the_ground(
    open_offline, map_html, tmp_path
):
    """A site beside the office screen's panels is printed at the map's centre, on the river
    and districts (the canvas of sites printed opaque over them), its details below."""
    page = open_offline(map_html, viewport=(1366, 768)).page
    page.click(".envmap-toggle-filters")
    page.click(".envmap-toggle-list")
    page.fill(".envmap-search input", "长江海事巡航救助基地")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)  # the popup's pan into its room
    page.emulate_media(media="print")
    paper = page.locator(".folium-map").bounding_box()
    assert paper["width"] <= 720  # A4's printable width at 96 px an inch
    credits = page.locator(".leaflet-control-attribution").bounding_box()
    assert credits["height"] <= 0.03 * paper["height"]  # one small line, not a band over the map
    site = page.evaluate(
        "(() => { const s = window.envmap.site('changjiang-msa-rescue-base');"
        " return window.envmap.map.latLngToContainerPoint([s.lat, s.lng]); })()"
    )
    assert abs(site["x"] - paper["width"] / 2) < 20 and abs(site["y"] - paper["height"] / 2) < 20
    details = page.locator(".envmap-print-details")
    assert details.is_visible() and "推动长江海事巡航救助基地搬迁" in details.inner_text()
    pdf = tmp_path / "map.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    picture = subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            "0",
            "-y",
            "40",
            "-W",
            "240",
            "-H",
            "180",
            str(pdf),
        ],
        capture_output=True,
        check=True,
    ).stdout
    assert _blue_share(picture) > 0.1  # the Yangtze under the site, not a grey sheet
