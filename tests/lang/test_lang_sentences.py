"""Sentence spans: properties, UN references, Chinese punctuation, real UNPC text."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lang_shared import shared_or_skip
from unmark.lang import LANGUAGES, detokenize_zh, sentence_texts, split_sentences


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab. ?!。”》《Mr.No1\n “(")), max_size=60),
       lang=st.sampled_from(LANGUAGES))
def test_spans_are_ordered_stripped_and_cover_text(text, lang):
    spans = split_sentences(text, lang)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e
    # everything outside the spans is whitespace
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_empty():
    assert split_sentences("", "en") == []
    assert split_sentences("   ", "zh") == []


@pytest.mark.parametrize("ref", ["para.", "paras.", "No.", "Nos.", "art.", "arts.", "Mr.", "Ms.", "Dr.", "vol.", "p.", "pp."])
def test_en_abbreviation_before_number_or_name(ref):
    text = f"See {ref} 12 Smith of the report. The Committee agreed."
    assert len(sentence_texts(text, "en")) == 2


def test_zh_book_title_never_cut():
    text = "见《公约。议定书！》第3条。委员会同意。"
    assert sentence_texts(text, "zh") == ["见《公约。议定书！》第3条。", "委员会同意。"]


def test_zh_semicolon_does_not_end():
    assert len(sentence_texts("甲；乙；丙。丁。", "zh")) == 2


def test_zh_closing_bracket_stays_left():
    assert sentence_texts("（见附件。）大会决定。", "zh") == ["（见附件。）", "大会决定。"]


def test_detokenize_zh():
    assert detokenize_zh("第六十九 届 会议") == "第六十九届会议"
    assert detokenize_zh("10 .   委员会 商定") == "10. 委员会商定"
    assert detokenize_zh("每 100 000 活产儿") == "每100 000活产儿"
    assert detokenize_zh("《 宪章 》 的 原则 ， 也") == "《宪章》的原则，也"


def _unpc(lang):
    name = "UNv1.0.devset.en" if lang == "en" else "UNv1.0.devset.zh.tok"
    p = shared_or_skip(f"corpus/unpc-dev/{name}")
    lines = p.read_text(encoding="utf-8").splitlines()
    return [detokenize_zh(l) for l in lines] if lang == "zh" else [l.strip() for l in lines]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_unpc_paragraph_f1(lang):
    """Paragraphs of 3-6 consecutive real UN sentences: boundaries recovered with F1 >= 0.98."""
    import re

    final = re.compile(r"[.?!][\"'”’)\]]*$" if lang == "en" else r"[。！？][”’」』）》)]*$")
    sents = [s for s in _unpc(lang) if s and final.search(s)]
    rng = random.Random(0)
    tp = fp = fn = 0
    i = 0
    sep = "" if lang == "zh" else " "
    while i < len(sents):
        chunk = sents[i:i + rng.randint(3, 6)]
        i += len(chunk)
        text, gold = "", set()
        for j, s in enumerate(chunk):
            text += (sep if j else "") + s
            if j < len(chunk) - 1:
                gold.add(len(text))
        pred = {e for _, e in split_sentences(text, lang)[:-1]}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.98, f1
