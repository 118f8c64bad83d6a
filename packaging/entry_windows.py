"""The Windows bundle's one program, envmap.exe: a windowed program (no console window from
the Start menu) that is also the command line. Started from a console with a command
(`envmap.exe doctor`), it attaches to that console so its lines are seen; in a pipe or a
redirect (`envmap.exe doctor | more`, PowerShell, a script) Windows hands it the handles.
One program instead of two keeps a second copy of the Python archive out of the bundle."""

import sys

if sys.stdout is None and len(sys.argv) > 1:
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115

from desktop.cli import main

sys.exit(main())
