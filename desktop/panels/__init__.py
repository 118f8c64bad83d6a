"""Dock panels around the map: site details (more come with layers, measures, search)."""
