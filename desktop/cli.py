"""`envmap`: the command line of `gis` plus `app`, which opens the window (also with no arguments).

Qt is imported only when the window is asked for, so the data commands run without PySide6.
"""

from __future__ import annotations

import argparse
import sys

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


def _add_desktop_commands(sub) -> None:
    sub.add_parser("app", help="open the map window (the default)").set_defaults(run=_cmd_app)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not [a for a in argv if not a.startswith("-")] and "-h" not in argv and "--help" not in argv:
        argv = [*argv, "app"]
    return cli.main(argv, extend=_add_desktop_commands)


def gui_main() -> int:
    return main(["app"])


if __name__ == "__main__":
    sys.exit(main())
