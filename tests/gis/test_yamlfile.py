"""The YAML reader's refusals name the line a person must look at."""

from __future__ import annotations

import pytest

from gis.errors import CatalogInvalid, CatalogSyntaxError
from gis.yamlfile import MAX_DEPTH, load_yaml


def test_a_forbidden_character_after_chinese_text_is_found_on_its_own_line(tmp_path):
    path = tmp_path / "notes.yaml"
    path.write_text("a: 1\nb: 汉阳区汉阳区汉阳区汉阳区\nc: x\x00y\nd: 2\n", encoding="utf-8")
    with pytest.raises(CatalogSyntaxError) as caught:
        load_yaml(path)
    assert f"{path}:3:" in str(caught.value) and "U+0000" in str(caught.value)


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_past_the_limit_is_refused_at_its_line(tmp_path, style):
    depth = MAX_DEPTH + 10
    path = tmp_path / "deep.yaml"
    if style == "flow":
        text = "ok: 1\nsites: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "ok: 1\nsites:\n" + "".join("  " * i + "- \n" for i in range(1, depth))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogInvalid) as caught:
        load_yaml(path)
    problem = caught.value.problems[0]
    assert problem.code == "too-deep" and problem.line is not None and problem.line >= 2


def test_nesting_within_the_limit_and_shared_aliases_are_read(tmp_path):
    path = tmp_path / "fine.yaml"
    path.write_text(
        "base: &b {kind: dock, names: [甲, 乙]}\n"
        "sites: [*b, *b]\n" + "deep: " + "[" * 10 + "1" + "]" * 10 + "\n",
        encoding="utf-8",
    )
    data = load_yaml(path)
    assert data["sites"] == [{"kind": "dock", "names": ["甲", "乙"]}] * 2
    assert data.line == 1 and data["sites"].line == 2


def test_an_alias_inside_the_value_it_names_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("ok: 1\nsites: &all [1, *all]\n", encoding="utf-8")
    with pytest.raises(CatalogInvalid) as caught:
        load_yaml(path)
    problem = caught.value.problems[0]
    assert problem.code == "recursive-alias" and problem.line == 2
