"""`envmap`: the command line of `gis` plus `app`, which opens the window (also with no arguments).

Qt is imported only when the window is asked for, so the data commands run without PySide6.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gis import cli


def _cmd_app(args: argparse.Namespace) -> int:
    try:
        from desktop.app import run
    except ImportError as exc:
        print(
            f"envmap: the desktop needs PySide6 ({exc}); pip install -e '.[desktop]'",
            file=sys.stderr,
        )
        return 1
    return run(args.data)


def _cmd_render(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from desktop.map.export_image import render_map
    except ImportError as exc:
        print(f"envmap: rendering needs PySide6 ({exc})", file=sys.stderr)
        return 1
    width, height = (int(v) for v in args.size.lower().split("x"))
    from gis import build_map_data, load_catalog

    catalog = load_catalog(args.data)
    if args.site is not None and args.site not in {s.id for s in catalog.sites}:
        print(f"envmap: unknown site {args.site!r}", file=sys.stderr)
        return 2
    _app = QApplication.instance() or QApplication([])
    render_map(build_map_data(catalog), args.out, (width, height), args.site)
    print(f"wrote {args.out}")
    return 0


def _size(text: str) -> str:
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() and 100 <= int(p) <= 10000 for p in parts):
        raise argparse.ArgumentTypeError(
            f"size must be WIDTHxHEIGHT in pixels, e.g. 1600x1200, not {text!r}"
        )
    return text


def _add_desktop_commands(sub) -> None:
    sub.add_parser("app", help="open the map window (the default)").set_defaults(run=_cmd_app)
    render = sub.add_parser("render", help="write the map to a PNG or PDF, headless")
    render.add_argument("out", type=Path, help="OUT.png or OUT.pdf")
    render.add_argument("--size", type=_size, default="1600x1200", help="WIDTHxHEIGHT")
    render.add_argument("--site", help="centre on and highlight this site id")
    render.set_defaults(run=_cmd_render)
    doctor = sub.add_parser("doctor", help="check that every part works here: one line each")
    doctor.set_defaults(run=_cmd_doctor)


def _cmd_doctor(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.doctor import run_checks

    return run_checks()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not [a for a in argv if not a.startswith("-")] and "-h" not in argv and "--help" not in argv:
        argv = [*argv, "app"]
    return cli.main(argv, extend=_add_desktop_commands)


def gui_main() -> int:
    return main(["app"])


if __name__ == "__main__":
    sys.exit(main())
