"""Documents are read as UTF-8 and numbered by paragraph; anything else is refused clearly."""

from __future__ import annotations

import pytest

from gis.documents import read_text, split_paragraphs
from gis.errors import DocumentEncodingError


def test_paragraphs_are_non_blank_lines_numbered_from_one(catalog):
    doc = catalog.documents["001_f7bf8be44076ee18"]
    assert doc.paragraph(1) == "提高政治站位 强化责任担当"
    assert doc.paragraph(9) == "管委会(汉南区)主任(区长) 彭浩"
    assert len(doc.paragraphs) == 82


def test_split_paragraphs_strips_and_skips_blank_lines():
    assert split_paragraphs("\n\n  甲  \n\n\n乙\r\n \n") == ("甲", "乙")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff武汉\n".encode())
    assert read_text(path) == "武汉\n"


def test_gbk_document_is_refused_with_file_line_and_hint(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes("第一段\n\n青山区港东水厂".encode("gbk"))
    with pytest.raises(DocumentEncodingError) as raised:
        read_text(path)
    message = str(raised.value)
    assert str(path) in message and ":1:" in message
    assert "GB18030" in message and "UTF-8" in message


def test_manifest_dates_bracket_the_text(catalog):
    doc = catalog.documents["000_7bb25cce70125377"]
    assert doc.date_from.isoformat() == "2017-11-26"
    assert "截至11月26日" in doc.date_basis
    assert any("截至11月26日" in p for p in doc.paragraphs)
