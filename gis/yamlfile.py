"""Read YAML keeping line numbers, so that every error can name the line it is about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gis.errors import CatalogSyntaxError


class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers the line it starts on (1-based)."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def load_yaml(path: Path) -> Any:
    """Parse a UTF-8 YAML file; mappings come back as `LineDict` with their line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogSyntaxError(
            path, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise CatalogSyntaxError(path, line, str(exc.problem or exc)) from exc
    except yaml.YAMLError as exc:
        raise CatalogSyntaxError(path, None, str(exc)) from exc


def line_of(node: Any) -> int | None:
    return getattr(node, "line", None)
