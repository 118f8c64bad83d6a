"""Make the .docx, .pdf and .html copies of the two real notices here (run by hand, not by the
tests; the files are kept in git). The texts are passages of public pages from the project's
development corpus: 09 (长江日报, the Tiejilu dock removed) and 11 (the Wuhan Aluminium plant
parcel's remediation notice). The PDF is printed by LibreOffice headless from the .docx:

    .venv/bin/python tests/gis/extract/formats/make_fixtures.py   # needs soffice on PATH
"""

from __future__ import annotations

import subprocess
import tempfile
from html import escape
from pathlib import Path

import docx

HERE = Path(__file__).parent
NAMES = ("09_tiejilu-dock-removed", "11_wuhan-aluminium-parcel")


def lines(name: str) -> list[str]:
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def make_docx(name: str, heading: bool) -> Path:
    document = docx.Document()
    for number, line in enumerate(lines(name)):
        if number == 0 and heading:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    path = HERE / f"{name}.docx"
    document.save(str(path))
    return path


def make_pdf(source: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}", "--headless", "--convert-to",
             "pdf", "--outdir", str(HERE), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip


def make_html(name: str, heading: bool) -> None:
    """A page as a browser saves it: declared GBK, menus, scripts, a footer."""
    body = lines(name)
    title = body[0] if heading else "武汉市人民政府门户网站"
    first = f"<h1>{escape(body[0])}</h1>" if heading else f"<p>{escape(body[0])}</p>"
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in body[1:])
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(title)}</title>
<style>p {{ text-indent: 2em; }}</style>
<script>var nav = "<p>首页</p>"; if (a < b) {{ track(); }}</script>
</head><body>
<header><div class="logo">武汉市生态环境局</div></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/xxgk">信息公开</a></li></ul></nav>
<div class="article">
{first}
{paragraphs}
</div>
<footer><p>扫一扫在手机上查看当前页面</p><p>打印 关闭</p></footer>
<script type="text/javascript">document.write("<p>统计</p>");</script>
</body></html>
"""
    (HERE / f"{name}.html").write_bytes(page.encode("gbk"))


if __name__ == "__main__":
    for name in NAMES:
        heading = name.startswith("11")  # 11 opens with its title; 09 with its first sentence
        make_pdf(make_docx(name, heading))
        make_html(name, heading)
