"""Location notes as a clerk reads them: documents by title, no curators' file names."""

from __future__ import annotations

import re

import pytest

from gis import load_catalog
from gis.notes_zh import readable_note

CURATORS_NAMES = re.compile(r"doc \d{3}|文件\d{3}|gazetteer\.md|地名表|domain\.md")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _notes(catalog):
    return sorted({s.location.estimated_from or s.location.source for s in catalog.sites})


def test_no_shown_note_names_a_curators_file_or_document_number(catalog):
    shown = [readable_note(note, catalog.documents) for note in _notes(catalog)]
    leftovers = [text for pair in shown for text in pair if text and CURATORS_NAMES.search(text)]
    assert leftovers == []


def test_a_document_number_becomes_that_documents_title_in_each_language(catalog):
    cited = [note for note in _notes(catalog) if re.search(r"\bdoc 000\b", note)]
    assert cited, "the shipped notes cite document 000"
    document = next(d for i, d in catalog.documents.items() if i.startswith("000_"))
    zh, en = readable_note(cited[0], catalog.documents)
    assert f"《{document.title_zh}》" in (zh or "")
    assert document.title_en in en


def test_a_note_citing_an_unknown_document_keeps_its_words(catalog):
    zh, en = readable_note("doc 999 says so", catalog.documents)
    assert en == "doc 999 says so"
    assert zh is None
