"""MappedText.edit (many span edits in one pass) gives exactly what replace_span gives edit by
edit from the end: the same text and the same origins, for any texts and edits."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unmark.model import MappedText


@st.composite
def texts(draw):
    """A text of several source runs (different lines, some inserted), as joins build them."""
    parts = []
    for k in range(draw(st.integers(0, 5))):
        s = draw(st.text(alphabet="ab  \t中", max_size=8))
        if draw(st.booleans()):
            parts.append(MappedText.from_source(s, 1, k + 1, draw(st.integers(0, 3))))
        else:
            parts.append(MappedText.inserted(s, 1, k + 1))
    return MappedText.join(parts)


@st.composite
def text_and_edits(draw):
    mt = draw(texts())
    n = len(mt.text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=8)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        edits.append((a, b, draw(st.text(alphabet="xy ", max_size=3))))
    return mt, edits


def one_by_one(mt: MappedText, edits) -> MappedText:
    for a, b, new in reversed(edits):
        mt = mt.replace_span(a, b, new)
    return mt


@settings(max_examples=400, deadline=None)
@given(text_and_edits())
def test_edit_is_replace_span_from_the_end(case):
    mt, edits = case
    got = mt.edit(edits)
    want = one_by_one(mt, edits)
    assert got.text == want.text
    assert got.origins == want.origins


def test_insertion_before_a_replaced_span_anchors_on_the_replacement():
    mt = MappedText.join([MappedText.from_source("abcd", 1, 1), MappedText.from_source("efgh", 1, 2)])
    edits = [(4, 4, "-"), (4, 6, "XY"), (8, 8, "!")]
    assert mt.edit(edits) == one_by_one(mt, edits)
    assert mt.edit([]) is mt


def test_overlapping_edits_apply_one_by_one_and_disorder_is_refused():
    mt = MappedText.from_source("abcdef", 1, 1)
    edits = [(0, 3, "x"), (2, 4, "")]
    assert mt.edit(edits) == one_by_one(mt, edits)
    with pytest.raises(ValueError):
        mt.edit([(2, 4, ""), (0, 1, "")])
