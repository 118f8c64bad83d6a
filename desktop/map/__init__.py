"""The native Qt map canvas (QGraphicsView in Web Mercator) and its layer items."""
