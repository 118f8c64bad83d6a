"""A real headless Chromium (Debian's) with every network request refused and recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--proxy-server=127.0.0.1:9",  # a closed port: nothing leaves even if routing missed it
]


@pytest.fixture(scope="session")
def chromium():
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page that opens a local file; every non-file request is aborted and remembered, every
    console message, page error and dialog (alert/confirm/prompt) is remembered too."""

    def __init__(
        self, browser, path: Path, viewport: tuple[int, int] = (1280, 800), fragment: str = ""
    ) -> None:
        width, height = viewport
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.blocked: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("window.envmap !== undefined")

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.console if m[0] in ("error", "pageerror")]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_offline(chromium):
    pages: list[OfflinePage] = []

    def opener(
        path: Path, viewport: tuple[int, int] = (1280, 800), fragment: str = ""
    ) -> OfflinePage:
        pages.append(OfflinePage(chromium, path, viewport, fragment))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def map_data(catalog):
    """The shipped catalog's map data, built once."""
    from gis import build_map_data

    return build_map_data(catalog)


@pytest.fixture(scope="session")
def map_html(map_data, tmp_path_factory) -> Path:
    """The shipped catalog as an HTML map with the default options, written once: the pages
    opened from it only read it."""
    from gis.export.html import write_html

    out = tmp_path_factory.mktemp("html") / "map.html"
    write_html(map_data, out)
    return out
