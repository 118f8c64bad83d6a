"""The bundle's windowed program, started from the Start menu: opens the map."""

import sys

from desktop.cli import gui_main

sys.exit(gui_main())
