"""The failures a user can meet, each its own type, each naming the file and the place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EnvMapError(Exception):
    """Base of every error the app shows to a user and then goes on."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data: where it is, what kind of fault, and what to do."""

    path: Path
    line: int | None
    place: str
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.place}: {self.message} [{self.code}]"


class CatalogInvalid(EnvMapError):
    """The catalog was read but breaks its rules; `problems` lists every fault found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the catalog:\n{lines}")


class CatalogSyntaxError(EnvMapError):
    """A catalog or gazetteer file is not valid YAML, so nothing in it can be read."""

    def __init__(self, path: Path, line: int | None, detail: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: not valid YAML: {detail}")


class DocumentEncodingError(EnvMapError):
    """A document is not UTF-8 text (e.g. saved as GBK), so its paragraphs cannot be quoted."""

    def __init__(self, path: Path, offset: int, line: int, guess: str | None) -> None:
        self.path = path
        self.offset = offset
        self.line = line
        hint = f"; it decodes as {guess}: save it as UTF-8" if guess else ""
        super().__init__(f"{path}:{line}: not UTF-8 text (first bad byte at offset {offset}){hint}")


class BoundaryDataError(EnvMapError):
    """The district boundary package is missing or does not hold Wuhan's 13 districts."""
