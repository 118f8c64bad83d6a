"""Names held as one string and where each ends (gis/text_column.py): read back exactly."""

from __future__ import annotations

import numpy as np
import pytest

from gis.text_column import TextColumn

NAMES = ["良久商贸码头", "", "Gedian 𠀀 works", "港东水厂", "a"]  # an empty name, one past the BMP


def test_every_name_reads_back_as_it_was():
    column = TextColumn.of(NAMES)
    assert len(column) == len(NAMES)
    assert [column[i] for i in range(len(NAMES))] == NAMES
    assert list(column) == NAMES and column == NAMES
    assert [column[-i] for i in range(1, len(NAMES) + 1)] == [NAMES[-i] for i in range(1, 6)]
    assert column[1:4] == NAMES[1:4] and column[::-2] == NAMES[::-2]
    assert TextColumn.of([]) == [] and not list(TextColumn.of([]))


def test_a_name_beyond_the_column_is_an_index_error_as_in_a_list():
    column = TextColumn.of(NAMES)
    for index in (len(NAMES), -len(NAMES) - 1):
        with pytest.raises(IndexError):
            column[index]


@pytest.mark.parametrize(
    "ends",
    [[2, 1, 3], [-1, 3], [1, 2], [1, 4], [0.5, 3.0], [[1, 3]]],
    ids=["decreasing", "negative", "short", "past the end", "fractions", "two-dimensional"],
)
def test_ends_that_do_not_divide_the_text_are_refused(ends):
    with pytest.raises(ValueError, match="text ends"):
        TextColumn("abc", np.array(ends))
