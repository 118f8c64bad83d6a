"""Read YAML keeping line numbers, so that every error can name the line it is about.

The loader is PyYAML's safe loader (on libyaml's parser) with limits a hand-edited or
hostile file cannot pass: no duplicate keys (the later one would silently win), nesting at
most MAX_DEPTH deep, aliases that expand to at most MAX_ALIAS_NODES nodes (a 1 KB "billion
laughs" file), and text without control or bidirectional-override characters, lone
surrogates or absurd lengths.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from gis.errors import CatalogInvalid, CatalogSyntaxError, Problem

MAX_DEPTH = 64  # the catalog nests 6 deep; the composer recurses and fails near 1,000
MAX_ALIAS_NODES = 100_000  # nodes that aliases may add in one file
MAX_TEXT = 10_000  # characters in one value; the longest shipped is under 400
MAX_FILE_BYTES = 50_000_000
# Characters that change how text around them is shown without being visible themselves.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# control characters but tab and newline, lone surrogates, and the bidirectional controls
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers the line it starts on (1-based)."""

    line: int | None = None


class LineList(list[Any]):
    """A YAML sequence that remembers the line it and each of its items start on."""

    line: int | None = None
    item_lines: tuple[int, ...] = ()


def text_fault(value: str) -> str | None:
    """Why a text cannot be shown as it is written, or None when it can."""
    if len(value) > MAX_TEXT:
        return f"is {len(value):,} characters long; at most {MAX_TEXT:,} are allowed"
    found = _UNSHOWABLE.search(value)
    if found is None:
        return None
    char, at = found.group(), found.start() + 1
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"holds a lone surrogate U+{code:04X} at character {at} (not text)"
    if char in _BIDI:
        name = unicodedata.name(char, "bidirectional control")
        return (
            f"holds the invisible U+{code:04X} ({name}) at character {at}, which changes how "
            "the text around it is shown; delete it"
        )
    return f"holds the control character U+{code:04X} at character {at}"


# libyaml's parser where PyYAML was built with it (it is in the wheels): it reads the catalog
# five times as fast as PyYAML's own, and refuses nesting deeper than 1,000 itself.
if TYPE_CHECKING:
    _Loader = yaml.SafeLoader
else:
    _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Loader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise _Refused(key_node.start_mark, "bad-key", "a key must be a plain value")
            if key in seen and key != "<<":
                raise _Refused(
                    key_node.start_mark,
                    "duplicate-key",
                    f"the key {key!r} is given twice in one mapping; only one can be meant",
                )
            seen.add(key)
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_line_list(self, node: yaml.SequenceNode) -> Any:
        items = LineList()
        items.line = node.start_mark.line + 1
        items.item_lines = tuple(child.start_mark.line + 1 for child in node.value)
        yield items
        items.extend(self.construct_sequence(node))

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        value = str(self.construct_scalar(node))
        fault = text_fault(value)
        if fault:
            raise _Refused(node.start_mark, "bad-text", f"the text {fault}")
        return value

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _Refused(
                node.start_mark, "bad-date", f"{node.value!r} is not a real date ({exc})"
            ) from exc


def _check_limits(root: yaml.Node) -> None:
    """Refuse a document nested deeper than MAX_DEPTH or whose aliases expand to more than
    MAX_ALIAS_NODES values, before anything is built from it. An alias is the node it names,
    met again: its expanded size is counted at each meeting. The walk recurses no deeper than
    MAX_DEPTH."""
    sizes: dict[int, int] = {}  # each node's expanded size; -1 while its children are counted
    alias_nodes = 0

    def size(node: yaml.Node, depth: int) -> int:
        nonlocal alias_nodes
        known = sizes.get(id(node))
        if known is not None:  # met again: an alias
            if known < 0:  # of a value it lies inside: it would never end
                raise _Refused(
                    node.start_mark,
                    "recursive-alias",
                    "an alias (*name) stands for a value that contains it",
                )
            alias_nodes += known
            if alias_nodes > MAX_ALIAS_NODES:
                raise _Refused(
                    node.start_mark,
                    "alias-bomb",
                    f"aliases (*name) expand to more than {MAX_ALIAS_NODES:,} values",
                )
            return known
        if depth > MAX_DEPTH:
            raise _Refused(node.start_mark, "too-deep", f"nested more than {MAX_DEPTH} levels deep")
        sizes[id(node)] = -1
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        sizes[id(node)] = total
        return total

    size(root, 1)


class _Refused(Exception):
    """A value or a limit this loader refuses, at the place in the file it was met."""

    def __init__(self, mark: Any, code: str, message: str) -> None:
        super().__init__(message)
        self.line: int | None = mark.line + 1 if mark is not None else None
        self.code = code


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _LineLoader.construct_yaml_str)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_line_list)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_checked_timestamp)


def load_yaml(path: Path) -> Any:
    """Parse a UTF-8 YAML file; mappings come back as `LineDict` with their line number.

    A missing or unreadable file, bad YAML and text this loader refuses all raise an
    EnvMapError naming the file and line."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CatalogSyntaxError(path, None, f"larger than {MAX_FILE_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        problem = Problem(path, None, "file", "missing-file", "this file is missing")
        raise CatalogInvalid([problem]) from exc
    except UnicodeDecodeError as exc:
        raise CatalogSyntaxError(
            path, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from exc
    except OSError as exc:
        problem = Problem(path, None, "file", "unreadable-file", f"cannot be read: {exc.strerror}")
        raise CatalogInvalid([problem]) from exc
    try:
        return _parse(text)
    except _Refused as exc:
        raise CatalogInvalid([Problem(path, exc.line, "file", exc.code, str(exc))]) from exc
    except yaml.reader.ReaderError as exc:
        detail = f"the character U+{exc.character:04X} is not allowed in a YAML file"
        # its first place: libyaml counts the position in UTF-8 bytes, PyYAML in characters
        first = text.find(chr(exc.character))
        line = text.count("\n", 0, first) + 1 if first >= 0 else None
        raise CatalogSyntaxError(path, line, detail) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CatalogSyntaxError(
            path, mark.line + 1 if mark else None, str(exc.problem or exc)
        ) from exc
    except yaml.YAMLError as exc:
        raise CatalogSyntaxError(path, None, str(exc)) from exc


def _parse(text: str) -> Any:
    """The document built once its tree has passed the limits (_check_limits)."""
    loader = _LineLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_limits(root)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def line_of(node: Any, parent: Any = None, index: int | None = None) -> int | None:
    """The line `node` starts on; for a plain value, the line of item `index` of `parent`."""
    line = getattr(node, "line", None)
    if line is None and isinstance(parent, LineList) and index is not None:
        return parent.item_lines[index] if index < len(parent.item_lines) else parent.line
    return line
