"""The document vocabulary the line joiner consults (segment.join.vocabulary_of): a word is a run
of letters, with marks, apostrophes or hyphens only between letters."""
from __future__ import annotations

from unmark.segment.join import vocabulary_of


def test_words_keep_inner_apostrophes_hyphens_and_marks():
    voc = vocabulary_of(["L'État et rock’n’roll: co-operation, te\u0301 -x- ''a'' 2020-21", "Co-operation"])
    assert voc["co-operation"] == 2
    assert voc["l'état"] == 1 and voc["rock’n’roll"] == 1
    assert voc["te"] == 1          # a mark after the last letter is not part of the word
    assert voc["x"] == 1 and voc["a"] == 1
    assert "2020-21" not in voc and "-x-" not in voc


def test_a_word_never_spans_lines():
    assert vocabulary_of(["state-", "of-the-art"]) == {"state": 1, "of-the-art": 1}
