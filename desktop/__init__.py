"""Wuhan EnvMap's PySide6 desktop: a thin view over `gis`, which it imports and never extends."""
