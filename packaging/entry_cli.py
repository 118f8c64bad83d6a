"""The bundle's console program: `envmap doctor`, `envmap export …`, or the window."""

import sys

from desktop.cli import main

sys.exit(main())
