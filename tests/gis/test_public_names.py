"""gis's public names are imported on first use at run time (gis/__init__.py's __getattr__)
and, for mypy, in its TYPE_CHECKING block: a name listed in one place and not the other
would reach the desktop untyped (Any) or not at all."""

from __future__ import annotations

import ast
from pathlib import Path

import gis


def _typed_names() -> dict[str, str]:
    """The names gis/__init__.py imports for mypy, with their modules."""
    tree = ast.parse(Path(gis.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    return {
        alias.asname or alias.name: str(node.module)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_every_public_name_is_typed_from_the_module_it_loads_from():
    assert _typed_names() == gis._MODULE_OF
