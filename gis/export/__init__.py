"""Exports of the catalog: files for QGIS and spreadsheets (HTML maps come later)."""
