"""Hard vs soft line breaks."""
from __future__ import annotations

import json

from lang_shared import shared_or_skip
from unmark.lang import hard_breaks, is_hard_break, line_break_context

BODY = [
    "Recalling that the Declaration on the Right to Development, adopted by the",
    "General Assembly in its resolution 41/128 of 4 December 1986, confirmed that the",
    "right to development is an inalienable human right and that equality of",
    "opportunity for development is a prerogative of nations,",
    "1. Reaffirms that the right to development is a universal and inalienable right and",
    "an integral part of fundamental human rights;",
    "2. Decides to continue its consideration of the question at its next session.",
]


def test_context_statistics():
    ctx = line_break_context(BODY)
    assert 70 <= ctx["full_width"] <= 85
    assert ctx["n"] == len(BODY)


def test_wraps_and_paragraph_ends():
    assert hard_breaks(BODY, "en") == [False, False, False, True, False, True]


def test_blank_line_is_hard():
    assert is_hard_break("Some text", "", "en") is True


def test_hyphen_wrap_is_soft():
    ctx = line_break_context(BODY)
    assert is_hard_break("the United Nations and its organ-", "ized meetings", "en", context=ctx) is False


def test_without_context_uses_default_width():
    assert is_hard_break("The General Assembly,", "Recalling its resolution", "en") is True


def test_human_labels_dev_corpus():
    """>= 99% of the human labels of the line-break corpus."""
    path = shared_or_skip("corpus/linebreaks/un_linebreaks_dev.jsonl")
    total = ok = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(raw)
        lines = rec["raw_text"].split("\n")
        pred = hard_breaks(lines, "en")
        for p, h in zip(pred, rec["is_hard_linebreak"]):
            total += 1
            ok += p == h
    assert ok / total >= 0.99, (ok, total)
