"""The broken-catalog corpus: the shipped data folder with one change each, as a curator (or an
attacker) might make it. Every case is refused by `validate` and `export html` with exit 1, a
message naming the file (and the line where there is one) and no traceback; nothing vanishes
silently."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from gis import CatalogInvalid, EnvMapError, load_catalog
from gis.catalog import validate_catalog
from gis.cli import main

Change = Callable[[Path], str]  # breaks the data folder; returns the file a message must name


def _sub(relative: str, pattern: str, replacement: str) -> Change:
    """Replace the first match of `pattern` in one file."""

    def change(data: Path) -> str:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        changed, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, f"{pattern!r} not in {path}"
        path.write_text(changed, encoding="utf-8")
        return path.name

    return change


def _write(relative: str, text: str) -> Change:
    def change(data: Path) -> str:
        (data / relative).write_text(text, encoding="utf-8")
        return Path(relative).name

    return change


def _remove(relative: str) -> Change:
    def change(data: Path) -> str:
        target = data / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        return target.name

    return change


_FIRST_PARAGRAPH = r"paragraph: 21\b"
_BOMB = "sites:\n  - &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  - &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)

CORPUS: dict[str, Change] = {
    "paragraph-word": _sub("catalog/water.yaml", _FIRST_PARAGRAPH, "paragraph: abc"),
    "paragraph-list": _sub("catalog/water.yaml", _FIRST_PARAGRAPH, "paragraph: [21]"),
    "paragraph-fraction": _sub("catalog/water.yaml", _FIRST_PARAGRAPH, "paragraph: 21.9"),
    "status-words-number": _sub("catalog/water.yaml", r"status_words: \S+", "status_words: 123"),
    "status-words-list": _sub("catalog/water.yaml", r"status_words: (\S+)", r"status_words: [\1]"),
    "aliases-number": _sub("catalog/water.yaml", r"aliases: \[\]", "aliases: 5"),
    "value-words": _sub("catalog/citywide.yaml", r"value: 28", "value: twenty-eight"),
    "value-nan": _sub("catalog/citywide.yaml", r"value: 28", "value: .nan"),
    "line-of-one-point": _sub(
        "gazetteer/places.yaml", r"(?s)line: \[\[.*?\]\]", "line: [[114.2830, 30.5100]]"
    ),
    "point-nan": _sub("gazetteer/places.yaml", r"point: \[[^\]]*\]", "point: [.nan, .nan]"),
    "manifest-bad-date": _sub(
        "documents/manifest.yaml", r"date_from: 2017-11-26", "date_from: 2017-13-45"
    ),
    "manifest-date-words": _sub(
        "documents/manifest.yaml", r"date_from: 2017-11-26", "date_from: late autumn"
    ),
    "manifest-entry-string": _sub(
        "documents/manifest.yaml", r"documents:\n", "documents:\n  - 000_7bb25cce70125377.txt\n"
    ),
    "manifest-list": _write("documents/manifest.yaml", "- 000_7bb25cce70125377.txt\n"),
    "manifest-outside-folder": _sub(
        "documents/manifest.yaml", r"file: 000_7bb25cce70125377.txt", "file: ../catalog/soil.yaml"
    ),
    "places-missing": _remove("gazetteer/places.yaml"),
    "manifest-missing": _remove("documents/manifest.yaml"),
    "catalog-folder-missing": _remove("catalog"),
    "deep-nesting": _write("catalog/zz_deep.yaml", "sites: " + "[" * 3000 + "]" * 3000 + "\n"),
    "deep-block-nesting": _write(
        "catalog/zz_deep.yaml", "sites:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    ),
    "alias-bomb": _write("catalog/zz_bomb.yaml", _BOMB),
    "measure-evidence-empty": _sub(
        "catalog/water.yaml", r"(relocation\n(?:.*\n)*?\s+)evidence: \{[^}]*\}", r"\1evidence: []"
    ),
    "relation-evidence-empty": _sub("catalog/water.yaml", r"evidence: \{[^}]*\}", "evidence: []"),
    "relation-evidence-empty-mapping": _sub(
        "catalog/water.yaml", r"evidence: \{[^}]*\}", "evidence: {}"
    ),
    "duplicate-key": _sub(
        "catalog/water.yaml",
        r"\n(\s+)status: in_progress\n",
        r"\n\1status: in_progress\n\1status: closed_out\n",
    ),
    "lone-surrogate": _sub("catalog/water.yaml", r"name_en: [^\n]+", r'name_en: "Qing\\ud800shan"'),
    "rtl-override": _sub("catalog/water.yaml", r"name_zh: (\S)", "name_zh: \u202e\\1"),
    "control-character": _sub("catalog/water.yaml", r"name_en: [^\n]+", r'name_en: "bell\\x07"'),
    "megabyte-name": _sub("catalog/water.yaml", r"name_en: [^\n]+", "name_en: " + "x" * 1_000_000),
    "long-name": _sub("catalog/water.yaml", r"name_en: [^\n]+", "name_en: " + "河" * 500),
    "name-is-a-list": _sub("catalog/water.yaml", r"name_zh: ([^\n]+)", r"name_zh: [\1]"),
    "concerns-number": _sub("catalog/districts.yaml", r"concerns: \[\]", "concerns: 3"),
    "sites-not-a-list": _write("catalog/zz_odd.yaml", "sites: 5\n"),
    "places-not-a-list": _sub("gazetteer/places.yaml", r"\nplaces:\n", "\nplaces: 5\nold:\n"),
    "raw-control-byte": _sub("catalog/water.yaml", r"name_en: ", "name_en: \x01"),
}


@pytest.fixture(params=sorted(CORPUS))
def broken(request, data_copy: Path) -> tuple[Path, str]:
    named = CORPUS[request.param](data_copy)
    return data_copy, named


def test_every_broken_catalog_is_refused_naming_the_file(broken):
    data, named = broken
    problems = validate_catalog(data)
    assert problems, "accepted as sound"
    # the file, and the line wherever the fault is inside a file that exists
    assert any(p.path.name == named and (p.line or not p.path.is_file()) for p in problems), (
        problems
    )
    with pytest.raises(EnvMapError):
        load_catalog(data)


def test_validate_and_export_html_exit_1_with_file_and_line(broken, tmp_path, capsys):
    data, named = broken
    assert main(["--data", str(data), "validate"]) == 1
    said = capsys.readouterr()
    assert named in said.err and "Traceback" not in said.err
    assert "sound" not in said.out
    out = tmp_path / "out" / "map.html"
    out.parent.mkdir()
    assert main(["--data", str(data), "--catalog-only", "export", "html", str(out)]) == 1
    said = capsys.readouterr()
    assert named in said.err and "Traceback" not in said.err
    assert not out.exists()
    assert len(said.err) < 20_000  # a megabyte name is not echoed back


def test_messages_name_the_line_of_the_fault(data_copy):
    water = data_copy / "catalog" / "water.yaml"
    CORPUS["paragraph-word"](data_copy)
    line = next(
        n for n, t in enumerate(water.read_text("utf-8").splitlines(), 1) if "paragraph: abc" in t
    )
    (problem,) = validate_catalog(data_copy)
    assert problem.line == line
    assert f"water.yaml:{line}:" in str(problem) and "'abc' is not a whole number" in str(problem)


def test_a_duplicate_key_names_the_second_key(data_copy):
    water = data_copy / "catalog" / "water.yaml"
    CORPUS["duplicate-key"](data_copy)
    line = next(
        n for n, t in enumerate(water.read_text("utf-8").splitlines(), 1) if "closed_out" in t
    )
    with pytest.raises(EnvMapError, match=rf"water\.yaml:{line}: .*'status' is given twice"):
        load_catalog(data_copy)


def test_an_empty_evidence_is_said_not_dropped(data_copy):
    CORPUS["measure-evidence-empty"](data_copy)
    problems = validate_catalog(data_copy)
    assert [p.code for p in problems] == ["missing-field"]
    assert "evidence" in problems[0].message


def test_the_rtl_override_is_named(data_copy):
    CORPUS["rtl-override"](data_copy)
    (problem,) = validate_catalog(data_copy)
    assert "U+202E" in problem.message and "RIGHT-TO-LEFT OVERRIDE" in problem.message


def test_nan_coordinates_are_not_read_as_a_place(data_copy):
    CORPUS["point-nan"](data_copy)
    problems = validate_catalog(data_copy)
    assert any(p.code == "bad-point" and "finite" in p.message for p in problems)
    assert not any("(0.0" in p.message for p in problems)


def test_the_alias_bomb_is_refused_quickly_by_size_not_time(data_copy):
    CORPUS["alias-bomb"](data_copy)
    with pytest.raises(EnvMapError, match="aliases"):
        load_catalog(data_copy)


def test_a_missing_catalog_folder_is_not_a_sound_empty_catalog(data_copy):
    CORPUS["catalog-folder-missing"](data_copy)
    with pytest.raises(CatalogInvalid, match="no catalog files"):
        load_catalog(data_copy)
