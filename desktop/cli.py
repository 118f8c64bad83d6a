"""`envmap`: the command line of `gis` plus `app`, which opens the window (also with no arguments).

Qt is imported only when the window is asked for, so the data commands run without PySide6;
`envmap app` is parsed without the data commands' parser, whose imports (NumPy, shapely, the
exporters) would delay the window's first frame.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

DEFAULT_SIZE = "1600x1200"


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


def _usage_problem(args: argparse.Namespace) -> str:
    """What is wrong with the options themselves, before anything is loaded."""
    if args.layout and args.size:
        return "--size is for the plain image and --layout chooses a page; give one of them"
    if not args.layout and args.district:
        return "--district goes with --layout"
    if args.out.suffix.lower() not in (".png", ".pdf"):
        return f"{args.out}: the file must end in .png or .pdf"
    return ""


def _cmd_render(args: argparse.Namespace) -> int:
    problem = _usage_problem(args)
    if problem:
        print(f"envmap: {problem}", file=sys.stderr)
        return 2
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from desktop.fonts import install_fallback_font
        from desktop.map.export_image import render_map
        from desktop.map.paper import PRESETS
    except ImportError as exc:
        print(f"envmap: rendering needs PySide6 ({exc})", file=sys.stderr)
        return 1
    from desktop.app import name_application
    from desktop.cache_folder import cache_dir
    from gis import load_map_data
    from gis.boundaries import DISTRICT_NAMES_EN
    from gis.paths import user_data_dir

    if args.layout and args.layout not in PRESETS:
        print(
            f"envmap: unknown layout {args.layout!r}; known: {', '.join(PRESETS)}", file=sys.stderr
        )
        return 2
    if args.district is not None and args.district not in DISTRICT_NAMES_EN:
        known = "、".join(DISTRICT_NAMES_EN)
        print(f"envmap: unknown district {args.district!r}; known: {known}", file=sys.stderr)
        return 2  # a usage error, as an unknown layout or site is
    from gis import cli

    name_application()
    # The window's map cache and catalog; the store's state is drawn over it, as the window does.
    user = None if args.catalog_only else user_data_dir()
    map_data = load_map_data(args.data, cache_dir(), user)
    state = cli.current_state_of(args, map_data.catalog)
    if args.site is not None and args.site not in {s.id for s in state.catalog.sites}:
        print(f"envmap: unknown site {args.site!r}", file=sys.stderr)
        return 2
    _app = QApplication.instance() or QApplication([])
    install_fallback_font()  # a bundle on a PC without Chinese fonts
    titled = {"title": args.title} if args.title else {}
    try:
        if args.layout:
            written = _render_layout(args, map_data, state, PRESETS[args.layout], titled)
        else:
            width, height = (int(v) for v in (args.size or DEFAULT_SIZE).lower().split("x"))
            render_map(map_data, args.out, (width, height), args.site, state=state, **titled)
            written = [args.out]
    except OSError as exc:
        from gis.failures import failure_message

        print(f"envmap: {failure_message(exc, args.out)}", file=sys.stderr)
        return 1
    print("wrote " + ", ".join(str(path) for path in written))
    return 0


def _render_layout(args: argparse.Namespace, map_data, state, paper, titled: dict) -> list[Path]:
    """The print layout: the district's map and measures table if asked, in the current
    state (the store's statuses and corrections, as the window shows them)."""
    from desktop.map.canvas import MapCanvas
    from desktop.map.print_files import write_layout
    from desktop.map.print_layout import LayoutOptions, district_extent, site_extent
    from desktop.map.print_table import MeasuresTable
    from gis.boundaries import DISTRICT_NAMES_EN
    from gis.export.records import ledger_rows, rows_in_district

    canvas = MapCanvas(map_data)
    canvas.show_state(state)
    rows = ledger_rows(state)
    options = LayoutOptions(**titled)
    if args.district:
        district = next(f for f in map_data.layer("districts") if f.name_zh == args.district)
        canvas.select(district.id)
        table = MeasuresTable(
            district.name_zh, rows_in_district(rows, map_data.districts, district.name_zh)
        )
        options = replace(
            options,
            table=table,
            extent=district_extent(map_data, args.district),
            subtitle=f"{args.district} {DISTRICT_NAMES_EN[args.district]}",  # on the map page too
        )
    if args.site:
        canvas.select(args.site)
        options = replace(options, extent=site_extent(canvas, args.site))
    return write_layout(canvas, paper, options, args.out)


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
    render.add_argument(
        "--size", type=_size, help=f"WIDTHxHEIGHT pixels of a plain image (default {DEFAULT_SIZE})"
    )
    render.add_argument(
        "--layout",
        help="a print layout: a4-landscape, a4-portrait, a3-landscape or a3-portrait; "
        "PDF, or PNG at 300 dpi (one file per page)",
    )
    render.add_argument("--title", help="the title printed on the map")
    render.add_argument("--site", help="centre on and highlight this site id")
    render.add_argument("--district", help="with --layout: map this district, list its measures")
    render.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        help="statuses and corrections from this status store (as the global --store)",
    )
    render.set_defaults(run=_cmd_render)
    doctor = sub.add_parser("doctor", help="check that every part works here: one line each")
    doctor.set_defaults(run=_cmd_doctor)


def _cmd_doctor(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.doctor import run_checks

    return run_checks()


def _app_arguments(argv: list[str]) -> argparse.Namespace | None:
    """`[--data DIR] [-v] app`, the options `app` reads, as the full parser would read them;
    None for anything else, which the full parser reads (and explains)."""
    args = argparse.Namespace(data=None, verbose=False, run=_cmd_app)
    tokens = iter(argv)
    for token in tokens:
        if token in ("-v", "--verbose"):
            args.verbose = True
        elif token == "--data" or token.startswith("--data="):
            value = token.partition("=")[2] if "=" in token else next(tokens, "")
            if not value or value.startswith("-"):
                return None
            args.data = Path(value)
        else:
            return args if token == "app" and next(tokens, None) is None else None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not [a for a in argv if not a.startswith("-")] and "-h" not in argv and "--help" not in argv:
        argv = [*argv, "app"]
    app = _app_arguments(argv)
    if app is not None:
        # The window does no linear algebra: OpenBLAS's thread pool, started as NumPy loads,
        # would only cost the start-up CPU time (a sixth of a bare Qt window's start).
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from gis.failures import log_to_stderr

        log_to_stderr(app.verbose)
        return _cmd_app(app)
    from gis import cli

    return cli.main(argv, extend=_add_desktop_commands)


def gui_main() -> int:
    return main(["app"])


if __name__ == "__main__":
    sys.exit(main())
