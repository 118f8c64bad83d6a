"""Language switch and persisted layout, as a user meets them across restarts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.app import Desktop

CJK = re.compile(r"[\u4e00-\u9fff]")


def _visible_titles(window) -> list[str]:
    docks = [window.details_dock, window.layers_dock, window.measures_dock, window.document_dock]
    menus = [a.text() for a in window.menuBar().actions()]
    return [window.windowTitle(), *(d.windowTitle() for d in docks), *menus]


def test_chinese_by_default_english_on_switch(qtbot, map_data):
    desktop = Desktop(map_data)
    qtbot.addWidget(desktop.window)
    titles = _visible_titles(desktop.window)
    assert titles[0] == "武汉环保行动地图" and all(CJK.search(t) for t in titles)
    desktop.switch_language("en")
    qtbot.addWidget(desktop.window)
    titles = _visible_titles(desktop.window)
    assert titles[0] == "Wuhan EnvMap" and "Site details" in titles
    assert not any(CJK.search(t) for t in titles), titles
    assert QSettings().value("language") == "en"


def test_language_choice_survives_a_restart(qtbot, map_data):
    first = Desktop(map_data)
    qtbot.addWidget(first.window)
    first.switch_language("en")
    qtbot.addWidget(first.window)
    first.window.close()
    second = Desktop(map_data)
    qtbot.addWidget(second.window)
    assert second.window.windowTitle() == "Wuhan EnvMap"


def test_a_reload_that_reads_nothing_keeps_the_open_window(qtbot, map_data):
    # The data went unreadable between an accepted review and the reload: the dialog has
    # said why (open_map_data), and the window the user works in stays.
    desktop = Desktop(map_data, reload=lambda: None)
    qtbot.addWidget(desktop.window)
    before = desktop.window
    desktop.refresh()
    assert desktop.window is before and before.isVisible()


def test_dock_layout_is_restored(qtbot, map_data):
    desktop = Desktop(map_data)
    qtbot.addWidget(desktop.window)
    desktop.window.measures_dock.hide()
    desktop.window.close()
    again = Desktop(map_data)
    qtbot.addWidget(again.window)
    assert not again.window.measures_dock.isVisible()
    assert again.window.details_dock.isVisible()


def test_broken_data_folder_is_explained_and_the_shipped_data_opens(qtbot, data_copy, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.app import open_map_data

    water = data_copy / "catalog" / "water.yaml"
    original = water.read_text(encoding="utf-8").replace("kind: dock", "kind: dockyard", 1)
    water.write_text(original, encoding="utf-8")
    seen: list[str] = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(300, read_and_close)
    map_data = open_map_data(data_copy, tmp_path / "cache")
    assert seen and "water.yaml" in seen[0] and "dockyard" in seen[0]
    assert "内置数据" in seen[0]
    assert len(map_data.catalog.sites) == 41  # the shipped catalog
    assert water.read_text(encoding="utf-8") == original  # the user's file is untouched


START_APP = "from desktop.cli import main\nsys.exit(main(['app']))\n"  # a spy's last lines


def _reporting_env(home: Path) -> dict[str, str]:
    """An `envmap app` run that stamps its first frame, live map and ready window (then
    quits), its settings, caches and user data kept in `home`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ENVMAP_REPORT_FIRST_PAINT": "1"}
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[name] = str(home / name.lower())
    return env


def test_the_first_frame_comes_before_the_store_and_the_export_libraries(tmp_path):
    """`envmap app` as a user starts it (second start, map cache and the map's record in
    place; then once more without the record, as after the data changed): the first frame is
    the main window itself, its map area showing the record (or that the map is loading), and
    at that moment neither the status store's SQLAlchemy nor pandas/geopandas are loaded —
    they would cost the first frame a third of a second or more — nor NumPy and shapely, YAML,
    the geocoder, the review, basemap and print modules; the live map follows, still without
    the store, keyring and the panels, which come after it (window-ready)."""
    spy = (
        "import sys\n"
        "from desktop import app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "real = app.report_first_paint\n"
        "def report():\n"
        "    heavy = ('sqlalchemy', 'pandas', 'geopandas', 'pyogrio', 'folium', 'yaml',\n"
        "             'numpy', 'shapely', 'desktop.map.canvas',\n"
        "             'gis.geocode', 'desktop.review', 'desktop.basemap_dialog',\n"
        "             'desktop.map.print_layout')\n"
        "    print('loaded', [m for m in heavy if m in sys.modules], flush=True)\n"
        "    shown = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]\n"
        "    print('shown', shown, flush=True)\n"
        "    real()\n"
        "app.report_first_paint = report\n"
        "real_map = app.report_map_paint\n"
        "def report_map():\n"
        "    later = ('sqlalchemy', 'keyring', 'desktop.panels.details', 'desktop.window_tools')\n"
        "    print('map loaded', [m for m in later if m in sys.modules], flush=True)\n"
        "    real_map()\n"
        "app.report_map_paint = report_map\n"
        f"{START_APP}"
    )
    env = _reporting_env(tmp_path)
    for _ in range(2):  # the first start builds the map cache
        out = subprocess.run(
            [sys.executable, "-c", spy], env=env, capture_output=True, text=True, timeout=120
        )
    _first_frame_is_the_light_main_window(out)
    # The data or the program changed since: no record of this map, but the layout is saved.
    records = list((tmp_path / "xdg_cache_home").rglob("first-frame-*.picture"))
    assert records
    for record in records:
        record.unlink()
    out = subprocess.run(
        [sys.executable, "-c", spy], env=env, capture_output=True, text=True, timeout=120
    )
    _first_frame_is_the_light_main_window(out)


def _first_frame_is_the_light_main_window(out: subprocess.CompletedProcess[str]) -> None:
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "loaded []" in lines and "map loaded []" in lines, out.stdout
    assert "shown ['MainWindow']" in lines, out.stdout  # one window, from the first frame on
    names = ("first-paint", "map-paint", "window-ready")
    stamps = [line.split()[0] for line in lines if line.startswith(names)]
    assert stamps == list(names), out.stdout


def test_a_session_that_ended_without_closing_the_window_is_followed_by_a_fitted_one(tmp_path):
    """The map's record is written once the store's colours are drawn, the window's layout
    only when the window closes: after a session that ended without closing it (a crash, a
    power cut), a start finds a record but no layout, and lays the window out for the
    screen as a first start does, rather than opening it at Qt's default size."""
    spy = (
        "import sys\n"
        "from desktop import app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "real = app.report_window_ready\n"
        "def report():\n"
        "    window = next(w for w in QApplication.topLevelWidgets() if w.isVisible())\n"
        "    free = window.screen().availableGeometry()\n"
        "    print('window', window.width(), window.height(), flush=True)\n"
        "    print('screen', free.width(), free.height(), flush=True)\n"
        "    real()\n"
        "app.report_window_ready = report\n"
        f"{START_APP}"
    )
    env = _reporting_env(tmp_path)

    def start() -> dict[str, tuple[int, int]]:
        out = subprocess.run(
            [sys.executable, "-c", spy], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        sizes = [line.split() for line in out.stdout.splitlines()]
        return {s[0]: (int(s[1]), int(s[2])) for s in sizes if s[0] in ("window", "screen")}

    first = start()  # a first start: fitted to the screen, its layout saved as it closes
    settings = tmp_path / "xdg_config_home" / "WuhanEnvMap" / "EnvMap.conf"
    saved = settings.read_text(encoding="utf-8")
    assert "geometry=" in saved
    assert list((tmp_path / "xdg_cache_home").rglob("first-frame-*.picture"))
    kept = [line for line in saved.splitlines() if not line.startswith(("geometry=", "state="))]
    settings.write_text("\n".join(kept) + "\n", encoding="utf-8")  # as if never closed
    after = start()
    assert after["window"] == first["window"]
    width, height = after["screen"]
    assert after["window"][0] >= min(1000, width - 50) and after["window"][1] >= height // 2


HOLD = """
import sys
from pathlib import Path
from gis.locks import FolderClaim
claim = FolderClaim(Path(sys.argv[1]))
print("held" if claim.take() else "not held", flush=True)
sys.stdin.read()
"""


def test_a_second_window_on_the_same_user_folder_is_told_so(qtbot, map_data, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import claim_user_folder

    folder = tmp_path / "user"
    holder = subprocess.Popen(  # the first window, in another process
        [sys.executable, "-c", HOLD, str(folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    desktop = Desktop(map_data, folder)
    qtbot.addWidget(desktop.window)
    try:
        assert holder.stdout.readline().strip() == "held"
        claim = claim_user_folder(desktop.window, folder)
        box = desktop.window.findChild(QMessageBox, "folderInUse")
        assert box is not None and box.isVisible()
        assert "另一窗口正在使用此数据文件夹" in box.text() and str(folder) in box.text()
        box.close()
        claim.release()
    finally:
        holder.communicate("", timeout=30)
    alone = claim_user_folder(desktop.window, folder)  # the other window has closed
    assert len(desktop.window.findChildren(QMessageBox, "folderInUse")) == 1  # no new notice
    alone.release()


def test_app_options_read_as_the_full_command_line_reads_them(monkeypatch, tmp_path):
    """`envmap --data DIR app` opens DIR without the data commands' parser; anything the short
    path does not know (another global option, a misplaced one) goes to the full parser,
    which explains it as before."""
    from desktop import cli

    opened = []
    monkeypatch.setattr(cli, "_cmd_app", lambda args: opened.append(args.data) or 0)
    assert cli.main(["--data", str(tmp_path), "app"]) == 0
    assert cli.main([f"--data={tmp_path}", "-v"]) == 0
    assert opened == [tmp_path, tmp_path]
    assert cli._app_arguments(["--catalog-only", "app"]) is None
    with pytest.raises(SystemExit) as exit_:
        cli.main(["app", "--data", str(tmp_path)])  # global options come before the command
    assert exit_.value.code == 2
