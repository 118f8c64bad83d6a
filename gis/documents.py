"""The source documents: strict UTF-8 text, numbered paragraphs, and their manifest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gis.errors import CatalogInvalid, DocumentEncodingError, Problem
from gis.model import Document
from gis.yamlfile import line_of, load_yaml

_LEGACY_ENCODINGS = ("gb18030", "utf-16", "big5")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are the non-blank lines, stripped; evidence numbers them from 1."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def read_text(path: Path) -> str:
    """Read a document as UTF-8 (a BOM is dropped); anything else is refused, not guessed."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DocumentEncodingError(path, exc.start, line, _guess_encoding(raw)) from exc


def _guess_encoding(raw: bytes) -> str | None:
    for encoding in _LEGACY_ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding.upper()
    return None


def load_documents(folder: Path) -> dict[str, Document]:
    """Load every document the manifest lists; faults are collected, then raised together."""
    manifest = folder / "manifest.yaml"
    data = load_yaml(manifest)
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    for index, entry in enumerate((data or {}).get("documents") or []):
        place = f"documents[{index}]"
        try:
            doc_id = str(entry["id"])
            path = folder / entry["file"]
            documents[doc_id] = Document(
                id=doc_id,
                title_zh=entry["title_zh"],
                title_en=entry["title_en"],
                publisher_zh=entry["publisher_zh"],
                publisher_en=entry["publisher_en"],
                date_from=_as_date(entry["date_from"]),
                date_to=_as_date(entry["date_to"]),
                date_basis=entry["date_basis"],
                path=path,
                paragraphs=split_paragraphs(read_text(path)),
            )
        except KeyError as exc:
            problems.append(
                Problem(
                    manifest,
                    line_of(entry),
                    place,
                    "missing-field",
                    f"field {exc.args[0]!r} is required",
                )
            )
        except FileNotFoundError as exc:
            problems.append(
                Problem(
                    manifest,
                    line_of(entry),
                    place,
                    "missing-document",
                    f"document file not found: {exc.filename}",
                )
            )
    if problems:
        raise CatalogInvalid(problems)
    return documents


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
