"""Runs inside the bundle before the app: point PROJ at the bundle's own data.

An office PC may carry PROJ_LIB / PROJ_DATA from another GIS (QGIS, ArcGIS) whose proj.db
is another version; pyproj would read it and fail. The bundle's data always wins, and PROJ
never reaches for the network.
"""

import os
import sys

_proj = os.path.join(sys._MEIPASS, "pyproj", "proj_dir", "share", "proj")
os.environ.pop("PROJ_LIB", None)
os.environ["PROJ_DATA"] = _proj
os.environ["PROJ_NETWORK"] = "OFF"
