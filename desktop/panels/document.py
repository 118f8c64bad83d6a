"""The document viewer: a source text with numbered paragraphs, opened at a quote."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from gis.model import Catalog

HIGHLIGHT = "#ffe066"


class DocumentViewer(QTextBrowser):
    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.document_id: str | None = None
        self.paragraph: int | None = None

    def show_evidence(self, document_id: str, paragraph: int, quote: str) -> None:
        """Show the document, scrolled to `paragraph`, with `quote` highlighted in it."""
        document = self.catalog.documents[document_id]
        parts = [
            f"<h3>{escape(document.title_zh)}</h3>"
            f"<p><small>{escape(document.publisher_zh)} · {document.date_from}–"
            f"{document.date_to}</small></p>"
        ]
        for number, text in enumerate(document.paragraphs, start=1):
            body = escape(text)
            if number == paragraph and quote in text:
                body = body.replace(
                    escape(quote), f'<span style="background:{HIGHLIGHT}">{escape(quote)}</span>', 1
                )
            parts.append(f'<p><a name="p{number}"></a><small>[{number}]</small> {body}</p>')
        self.setHtml("\n".join(parts))
        self.document_id, self.paragraph = document_id, paragraph
        self.scrollToAnchor(f"p{paragraph}")
