"""The JSON of a document is the text json.dumps gives, made in bounded memory: json.dumps with
an indent collects every piece its encoder yields (five for each [start, end] sentence span) in
one list before joining them, and a 16 MB text of one-character Chinese sentences took its
caller to 1,444 MB that way (bench/bench_hostile.py, table caller)."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

import unmark
from unmark import limits
from unmark.io.render import render
from unmark.model import _JSON_BATCH, json_text

ROOT = Path(__file__).resolve().parents[2]


def _dumps(doc, indent=1, provenance=True) -> str:
    return json.dumps(doc.to_dict(provenance), ensure_ascii=False, indent=indent)


@pytest.fixture(scope="module")
def many_sentences():
    # a block of 30,000 one-character sentences: far more encoder pieces than one batch
    return unmark.parse_text("决。" * 30_000)


def test_the_same_text_as_json_dumps(many_sentences):
    docs = [unmark.parse_file(p) for p in sorted((ROOT / "examples").glob("*.txt"))[:3]]
    docs.append(many_sentences)
    assert sum(len(b.sentences) for b in many_sentences.blocks) * 5 > 4 * _JSON_BATCH
    for doc in docs:
        for indent in (1, None, 2):
            for prov in (True, False):
                assert doc.to_json(indent=indent, provenance=prov) == _dumps(doc, indent, prov)
        assert render(doc, "json") == _dumps(doc) + "\n"
        assert render(doc, "json", provenance=False) == _dumps(doc, 1, False) + "\n"
    # the tuples handed to the encoder read back as the lists of the public dictionary
    assert json.loads(many_sentences.to_json()) == json.loads(json.dumps(many_sentences.to_dict()))
    assert json_text({"a": [(1, 2)], "b": ()}, end="\n") == json.dumps({"a": [[1, 2]], "b": []}, indent=1) + "\n"


def test_memory_is_about_the_text_itself(many_sentences):
    """The peak while rendering is the text and its batches, not a list of every piece: under twice
    the text's own size (json.dumps: about five times)."""
    tracemalloc.start()
    try:
        out = many_sentences.to_json()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = len(out) * 2   # (a text with Chinese in it: two bytes a character)
    assert peak < 2 * size, (peak, size)


def test_rendering_is_checked_against_the_deadline(many_sentences, monkeypatch):
    """Rendering under a deadline (unmark parse, batch) stops at it, between batches of pieces."""
    monkeypatch.setattr(limits, "_BUDGET_EVERY_S", 0.0)
    rss = [100 << 20]
    calls = []

    def resident():
        calls.append(1)
        rss[0] += 1 << 20      # one more megabyte each time it is read
        return rss[0]

    monkeypatch.setattr(limits, "_resident", resident)
    with limits.memory_budget(2):
        with pytest.raises(limits.MemoryBudgetExceeded) as ei:
            many_sentences.to_json()
    assert ei.value.code == "E153" and len(calls) >= 3   # the budget's start, then checks inside
