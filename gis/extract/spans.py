"""Where a name is written in a block's rule view, and what the finder knows of it."""

from __future__ import annotations

from dataclasses import dataclass

from gis.model import Kind


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    name: str
    kind: Kind
    group: bool = False  # a counted, unnamed set ("6个非法码头"): never a named site
    generic: bool = False  # "排口", "反冲洗废水排口": a site only with the zone it lies in
    inferred: bool = False  # named from the text around it, not written out
