"""A document's bytes into text and numbered paragraphs, whatever encoding a notice came in.

The encodings are few and known (UTF-8 with or without BOM, UTF-16, GBK/GB18030), so they are
tried in a fixed order rather than guessed statistically, which misreads short Chinese texts.
Traditional characters are mapped to Simplified one for one, so that rules written for
Simplified text apply while every quote is still cut from the original characters.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zhconv import convert

from gis.documents import split_paragraphs
from gis.extract import readers
from gis.extract.readers import UnreadableDocument as UnreadableDocument

FORMATS = (".txt", ".docx", ".pdf", ".html", ".htm")  # what read_source reads


@dataclass(frozen=True)
class SourceText:
    name: str  # the file's name without extension: the evidence's `document`
    encoding: str
    paragraphs: tuple[str, ...]  # as written: quotes are cut from these
    simplified: tuple[str, ...]  # the same, character for character, in Simplified script
    warnings: tuple[str, ...]  # e.g. undecodable bytes replaced, with their line
    title: str | None = None  # the document's own heading, when it has one
    pages: tuple[int | None, ...] = ()  # per paragraph: its PDF page; None in other formats

    def __post_init__(self) -> None:
        if len(self.pages) != len(self.paragraphs):
            object.__setattr__(self, "pages", (None,) * len(self.paragraphs))


def read_source(path: Path, progress: Callable[[int, int], bool] | None = None) -> SourceText:
    """A .txt (any of the encodings above), .docx, .pdf (with a text layer) or saved .html
    page as numbered paragraphs; `progress(done, total)` is called per PDF page, and False
    cancels. Unreadable files raise UnreadableDocument naming the file."""
    suffix = path.suffix.lower()
    try:
        raw = b"" if suffix in (".docx", ".pdf") else path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot be read ({exc.strerror or exc})") from exc
    warnings: list[str] = []
    if suffix == ".docx":
        lines = readers.read_docx(path)
    elif suffix == ".pdf":
        lines = readers.read_pdf(path, progress)
    elif suffix in (".html", ".htm"):
        lines = readers.read_html(path, raw, decode)
    else:
        text, encoding, warnings = decode(raw, path.name)
        blocks = split_paragraphs(text)
        title = blocks[0] if blocks and readers.looks_like_heading(blocks[0]) else None
        lines = readers.Lines(list(blocks), [None] * len(blocks), title, encoding)
    paragraphs: list[str] = []
    pages: list[int | None] = []
    for line, page in zip(lines.lines, lines.pages, strict=True):
        for paragraph in split_paragraphs(line):
            paragraphs.append(paragraph)
            pages.append(page)
    return SourceText(
        name=path.stem,
        encoding=lines.encoding,
        paragraphs=tuple(paragraphs),
        simplified=tuple(to_simplified(p) for p in paragraphs),
        warnings=tuple(warnings),
        title=lines.title,
        pages=tuple(pages),
    )


def decode(raw: bytes, label: str) -> tuple[str, str, list[str]]:
    """Text, the encoding used, and warnings naming where characters were broken."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return _decode_or_replace(raw, encoding, label)
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if len(raw) % 2 == 0:  # UTF-16 without a BOM reads as plausible Chinese in one byte order
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible(text) > 0.95:
                return text, encoding, []
    try:
        return raw.decode("gb18030"), "gb18030", []
    except UnicodeDecodeError:
        pass
    best = max(("utf-8", "gb18030"), key=lambda e: _plausible(raw.decode(e, errors="replace")))
    return _decode_or_replace(raw, best, label)


def _plausible(text: str) -> float:
    """Share of characters a Chinese notice is made of: CJK, its punctuation, ASCII."""
    if not text:
        return 0.0
    usual = sum(1 for c in text if _usual(c))
    return usual / len(text)


def _usual(c: str) -> bool:
    if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef":
        return True
    return (c.isascii() and (c.isprintable() or c.isspace())) or c in "“”‘’…—·"


def _decode_or_replace(raw: bytes, encoding: str, label: str) -> tuple[str, str, list[str]]:
    try:
        return raw.decode(encoding), encoding, []
    except UnicodeDecodeError:
        text = raw.decode(encoding, errors="replace")
    warnings = [
        f"{label}:{number}: undecodable bytes shown as \ufffd ({encoding})"
        for number, line in enumerate(text.splitlines(), start=1)
        if "\ufffd" in line
    ]
    return text, encoding, warnings


def to_simplified(text: str) -> str:
    converted: str = convert(text, "zh-cn")
    if len(converted) == len(text):
        return converted
    return "".join(c if len(s := convert(c, "zh-cn")) != 1 else s for c in text)
