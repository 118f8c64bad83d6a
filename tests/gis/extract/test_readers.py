"""Notices as offices receive them: Word, PDF, saved web pages and text give the same paragraphs.

The fixtures in formats/ are two real passages (development corpus 09 and 11, public pages) and
their .docx, LibreOffice-printed .pdf and GBK-saved .html copies (formats/make_fixtures.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gis.errors import EnvMapError
from gis.extract.text import UnreadableDocument, read_source

FORMATS = Path(__file__).parent / "formats"
NAMES = ("09_tiejilu-dock-removed", "11_wuhan-aluminium-parcel")
TITLE_11 = "关于《原武汉铝厂地块土壤污染修复治理工程修复效果评估报告》的公示"


def _bare(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_word_and_web_page_give_the_texts_paragraphs_exactly(name, suffix):
    text = read_source(FORMATS / f"{name}.txt")
    other = read_source(FORMATS / f"{name}{suffix}")
    assert other.paragraphs == text.paragraphs
    assert other.simplified == text.simplified
    assert other.pages == (None,) * len(text.paragraphs)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_gives_the_same_paragraphs_with_their_page(name):
    """A PDF keeps glyph positions, not space characters: the characters are the same, in the
    same paragraphs; the spaces may differ (so a quote is cut from the PDF's own text)."""
    text = read_source(FORMATS / f"{name}.txt")
    pdf = read_source(FORMATS / f"{name}.pdf")
    assert [_bare(p) for p in pdf.paragraphs] == [_bare(p) for p in text.paragraphs]
    assert pdf.pages == (1,) * len(text.paragraphs)


def test_titles_come_from_each_formats_own_heading():
    name = "11_wuhan-aluminium-parcel"
    for suffix in (".txt", ".docx", ".pdf", ".html"):
        assert read_source(FORMATS / f"{name}{suffix}").title == TITLE_11, suffix
    # 09 opens with a sentence, not a heading: no title from its text; the page's <title> is one
    assert read_source(FORMATS / "09_tiejilu-dock-removed.txt").title is None
    assert read_source(FORMATS / "09_tiejilu-dock-removed.html").title == "武汉市人民政府门户网站"


def test_web_page_furniture_is_left_out():
    source = read_source(FORMATS / "11_wuhan-aluminium-parcel.html")
    text = "\n".join(source.paragraphs)
    for furniture in ("首页", "统计", "扫一扫", "武汉市生态环境局", "track()"):
        assert furniture not in text
    assert source.encoding == "gb18030"  # declared gb2312, read as its superset


def test_html_charset_missing_falls_back_to_the_text_decoders(tmp_path):
    page = tmp_path / "notice.htm"
    page.write_bytes("<html><body><p>汤逊湖截污&nbsp;工程</p></body></html>".encode("gbk"))
    source = read_source(page)
    assert source.paragraphs == ("汤逊湖截污\xa0工程",)
    assert source.encoding == "gb18030"


def test_pdf_with_no_text_layer_is_refused_by_name(tmp_path):
    import pypdf

    scan = tmp_path / "扫描件.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    with scan.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(UnreadableDocument) as caught:
        read_source(scan)
    assert isinstance(caught.value, EnvMapError)
    message = str(caught.value)
    assert "扫描件.pdf" in message and "no text layer" in message and "OCR" in message


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_corrupt_files_say_which_file_and_leave_it_alone(tmp_path, suffix):
    good = (FORMATS / f"11_wuhan-aluminium-parcel{suffix}").read_bytes()
    broken = tmp_path / f"broken{suffix}"
    broken.write_bytes(good[: len(good) // 3])
    with pytest.raises(UnreadableDocument, match="broken"):
        read_source(broken)
    assert broken.read_bytes() == good[: len(good) // 3]


def test_a_docx_that_is_some_other_zip_is_refused(tmp_path):
    fake = tmp_path / "notice.docx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("hello.txt", "not word")
    with pytest.raises(UnreadableDocument, match=r"notice\.docx"):
        read_source(fake)


def test_docx_tables_are_read_row_by_row(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("表1 整治清单")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("序号", "名称"), ("1", "金鞭港"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "table.docx"
    document.save(str(path))
    assert read_source(path).paragraphs == ("表1 整治清单", "序号", "名称", "1", "金鞭港")
