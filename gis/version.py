"""The app's version, written once: setuptools reads it for the installed distribution's
metadata (pyproject.toml), and the app reads it here rather than through importlib.metadata,
whose import alone costs a start-up 17 ms of CPU (tests/gis/test_version.py checks that the
two agree). A bundle carries it as compiled code, with no sources or metadata needed."""

VERSION = "0.1.0"
