"""The formats offices receive, read into lines of text: Word (.docx), PDF with a text layer
and saved web pages (.html/.htm). Each reader returns the lines (one per paragraph), the page
each line is on (PDF only) and the document's own title, and raises UnreadableDocument naming
the file when the file cannot be read; plain text is decoded in gis.extract.text.

PDF: pypdf (BSD-3, pure Python, no dependencies) reads the text layer. A PDF holds glyphs at
positions, not paragraphs, so lines the layout wrapped are joined back: a line that reaches
the page's text width continues in the next one. Spaces in a PDF are positions too, so a
paragraph may differ from its source in whitespace, never in characters.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from gis.errors import EnvMapError

if TYPE_CHECKING:
    from pypdf import PageObject

TERMINAL = "。！？；：”」.!?;:"
# Bytes and the file's label in; text, the encoding used and warnings out (gis.extract.text).
Decoder = Callable[[bytes, str], tuple[str, str, list[str]]]


class UnreadableDocument(EnvMapError):
    """A document file that cannot be read as text: corrupt, encrypted or a scan."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(f"{path}: {why}")


@dataclass(frozen=True)
class Lines:
    lines: list[str]
    pages: list[int | None]
    title: str | None
    encoding: str


def looks_like_heading(line: str) -> bool:
    """A document's first line is its title when short and not ending like a sentence."""
    line = line.strip()
    return 0 < len(line) <= 60 and line[-1] not in TERMINAL + "，,、"


# --- Word -----------------------------------------------------------------------------------


def read_docx(path: Path) -> Lines:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(path, f"not a readable Word (.docx) file ({exc})") from exc
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a damaged package
        raise UnreadableDocument(path, f"damaged Word (.docx) file ({exc})") from exc
    lines: list[str] = []
    heading = None
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            lines += paragraph.text.splitlines()
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if heading is None and style.startswith(("Heading", "Title")) and paragraph.text:
                heading = paragraph.text.strip()
        elif tag == "tbl":  # a table's cells, row by row, one line each
            table = Table(child, document)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per column
                        continue
                    seen.add(id(cell._tc))
                    lines += cell.text.splitlines()
    title = (document.core_properties.title or "").strip() or heading
    return Lines(lines, [None] * len(lines), title, "docx")


# --- PDF ------------------------------------------------------------------------------------


def read_pdf(path: Path, progress: Callable[[int, int], bool] | None = None) -> Lines:
    """Lines with their page numbers; `progress(page, pages)` returning False stops."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(path, "this PDF is password-protected; save it unprotected")
        pages = list(reader.pages)
        texts = []
        for number, page in enumerate(pages, start=1):
            if progress is not None and not progress(number - 1, len(pages)):
                from gis.extract.extractor import ExtractionCancelled

                raise ExtractionCancelled(path.name)
            texts.append(_page_lines(page))
        metadata_title = (reader.metadata.title if reader.metadata else None) or None
    except UnreadableDocument:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(path, f"not a readable PDF ({exc})") from exc
    if not any(row[2] for page_lines in texts for row in page_lines):
        raise UnreadableDocument(
            path,
            "this PDF has no text layer (a scan?); extraction needs text — run OCR first",
        )
    lines: list[str] = []
    numbers: list[int | None] = []
    for number, page_lines in enumerate(texts, start=1):
        for line in _paragraphs(page_lines):
            lines.append(line)
            numbers.append(number)
    title = (metadata_title or "").strip() or None
    if title is None and lines and looks_like_heading(lines[0]):
        title = lines[0]
    return Lines(lines, numbers, title, "pdf")


def _page_lines(page: PageObject) -> list[tuple[float, float, str]]:
    """The page's text lines, top to bottom: baseline height, glyph size, text."""
    import pypdf

    rows: dict[float, list[str]] = {}
    sizes: dict[float, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            matrix = pypdf.mult(tm, cm)
            y = round(matrix[5] * 2) / 2
            rows.setdefault(y, []).append(text.replace("\n", ""))
            sizes[y] = max(sizes.get(y, 0.0), round(size * abs(matrix[3] or 1.0), 1))

    page.extract_text(visitor_text=visit)
    lines = [(y, sizes[y], "".join(parts).strip()) for y, parts in rows.items()]
    return sorted((row for row in lines if row[2]), key=lambda row: -row[0])


def _width(line: str) -> float:
    """A line's width in ems: CJK and full-width forms one, the rest about half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.5 for c in line)


def _paragraphs(lines: list[tuple[float, float, str]]) -> list[str]:
    """Lines back into paragraphs. A change of glyph size (a heading) ends one. Where the
    layout sets paragraphs apart by more than a line's pitch, a wider gap starts one;
    otherwise a line that fills the text width (it wrapped) continues in the next one, unless
    it ends a sentence."""
    if not lines:
        return []
    gaps = [a[0] - b[0] for a, b in itertools.pairwise(lines)]
    same = [a[1] == b[1] for a, b in itertools.pairwise(lines)]
    pitch: dict[float, float] = {}  # per glyph size, the closest lines: a paragraph's pitch
    for gap, alike, (_, size, _) in zip(gaps, same, lines, strict=False):
        if alike and gap > 0:
            pitch[size] = min(gap, pitch.get(size, gap))
    spaced = any(g > 1.3 * pitch[row[1]] for g, s, row in zip(gaps, same, lines, strict=False) if s)
    full = 0.9 * max(_width(text) for _, _, text in lines)
    joined: list[str] = []
    current = last = lines[0][2]
    for gap, alike, (_, size, _), (_, _, line) in zip(gaps, same, lines, lines[1:], strict=False):
        if not alike:
            wrapped = False
        elif spaced:
            wrapped = gap <= 1.3 * pitch[size]
        else:
            wrapped = _width(last) >= full and last[-1] not in "。！？"
        if wrapped:
            current += line if _cjk(current[-1]) or _cjk(line[0]) else " " + line
        else:
            joined.append(current)
            current = line
        last = line
    joined.append(current)
    return [_tidy(line) for line in joined]


def _cjk(c: str) -> bool:
    return ord(c) >= 0x2E80


_SPACE_BESIDE_CJK = re.compile(r"(?<=[^\x00-\u2e7f]) +| +(?=[^\x00-\u2e7f])")


def _tidy(line: str) -> str:
    """Spaces a PDF reader puts between a Chinese glyph and a digit or letter are positions,
    not characters of the text (Chinese text sets none there)."""
    return _SPACE_BESIDE_CJK.sub("", line)


# --- Web pages ------------------------------------------------------------------------------

_BLOCK = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "td", "th", "tr", "ul",
}  # fmt: skip
# Furniture, not the notice: scripts, styles, menus, page headers and footers, forms.
_SKIP = {
    "aside", "button", "footer", "form", "head", "header", "iframe", "nav", "noscript",
    "object", "script", "select", "style", "svg", "template",
}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w-]{2,30})""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []  # the open furniture elements
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.in_title = False
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if self.skipping:
            if tag in _SKIP and tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _SKIP:
            self.skipping.append(tag)
            return
        if tag in _BLOCK:
            self._break()
        if tag == "h1" and self.h1 is None:
            self.h1, self.in_h1 = [], True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in _BLOCK:
            self._break()
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skipping:
            return
        self.current.append(data)
        if self.in_h1 and self.h1 is not None:
            self.h1.append(data)

    def _break(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def close(self) -> None:
        super().close()
        self._break()


def read_html(path: Path, raw: bytes, decode: Decoder) -> Lines:
    """A saved web page: the text of its body blocks, the page's furniture left out."""
    text, encoding, _ = _decode_html(raw, path.name, decode)
    page = _Page()
    try:
        page.feed(text)
        page.close()
    except Exception as exc:  # html.parser is lenient; anything raised means a broken file
        raise UnreadableDocument(path, f"not a readable web page ({exc})") from exc
    title = _SPACES.sub(" ", unescape("".join(page.title))).strip() or None
    if title is None and page.h1:
        title = _SPACES.sub(" ", "".join(page.h1)).strip() or None
    return Lines(page.lines, [None] * len(page.lines), title, encoding)


def _decode_html(raw: bytes, label: str, decode: Decoder) -> tuple[str, str, list[str]]:
    """The charset the page declares (meta charset or http-equiv), else the text decoder's."""
    declared = _CHARSET.search(raw[:4096])
    if declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk"):
            name = "gb18030"  # pages labelled GB2312 routinely use GBK's characters
        try:
            return raw.decode(name), name, []
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw, label)
