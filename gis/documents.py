"""The source documents: strict UTF-8 text, numbered paragraphs, and their manifest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from gis.errors import CatalogInvalid, DocumentEncodingError, Problem
from gis.model import Document
from gis.yamlfile import line_of, load_yaml

_LEGACY_ENCODINGS = ("gb18030", "utf-16", "big5")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are the non-blank lines, stripped; evidence numbers them from 1."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def quote_problem(paragraphs: Sequence[str], paragraph: int, quote: str) -> str | None:
    """Why words are not evidence in a document of these paragraphs: "no-such-paragraph"
    or "quote-not-found"; None when they are, verbatim in the paragraph they name. The one
    rule for the catalog's quotes and for a reviewed candidate's."""
    if not 1 <= paragraph <= len(paragraphs):
        return "no-such-paragraph"
    if not quote.strip() or quote not in paragraphs[paragraph - 1]:
        return "quote-not-found"
    return None


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


_MANIFEST_TEXTS = ("id", "file", "title_zh", "title_en", "publisher_zh", "publisher_en")


def load_documents(folder: Path) -> dict[str, Document]:
    """Load every document the manifest lists; faults are collected, then raised together."""
    manifest = folder / "manifest.yaml"
    data = load_yaml(manifest)
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problem = Problem(
            manifest,
            line_of(data),
            "file",
            "bad-file",
            "the manifest is a mapping with a list 'documents' (one mapping per document)",
        )
        raise CatalogInvalid([problem])
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    for index, entry in enumerate(entries):
        place = f"documents[{index}]"
        try:
            document = _document(folder, entry)
        except _Fault as fault:
            line = line_of(entry, entries, index)
            problems.append(Problem(manifest, line, place, fault.code, str(fault)))
            continue
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
            continue
        except OSError as exc:
            message = f"document file cannot be read: {exc.filename}: {exc.strerror}"
            problems.append(
                Problem(manifest, line_of(entry), place, "unreadable-document", message)
            )
            continue
        documents[document.id] = document
    if problems:
        raise CatalogInvalid(problems)
    return documents


class _Fault(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _document(folder: Path, entry: object) -> Document:
    if not isinstance(entry, dict):
        raise _Fault("bad-entry", f"a document is a mapping of its fields, not {entry!r}")
    missing = [
        k for k in (*_MANIFEST_TEXTS, "date_from", "date_to", "date_basis") if k not in entry
    ]
    if missing:
        raise _Fault("missing-field", f"field {missing[0]!r} is required")
    wrong = [k for k in (*_MANIFEST_TEXTS, "date_basis") if not isinstance(entry[k], str)]
    if wrong:
        raise _Fault("not-text", f"{wrong[0]} {entry[wrong[0]]!r} is not text")
    name = entry["file"]
    if Path(name).name != name or name in ("", ".", ".."):
        raise _Fault("bad-file-name", f"file {name!r} must name a file in {folder}")
    path = folder / name
    return Document(
        id=entry["id"],
        title_zh=entry["title_zh"],
        title_en=entry["title_en"],
        publisher_zh=entry["publisher_zh"],
        publisher_en=entry["publisher_en"],
        date_from=_as_date(entry, "date_from"),
        date_to=_as_date(entry, "date_to"),
        date_basis=entry["date_basis"],
        path=path,
        paragraphs=split_paragraphs(read_text(path)),
    )


def _as_date(entry: dict[str, object], key: str) -> date:
    value = entry[key]
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _Fault("bad-date", f"{key} {value!r} is not a date (write YYYY-MM-DD)") from None
