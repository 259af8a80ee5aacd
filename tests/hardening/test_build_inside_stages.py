"""The build's memory budget and deadline hold inside a stage, not only between pages, blocks and
stages: a block of millions of sentences is checked while it is split (limits.tick), and what a
stage cannot get (a MemoryError, a RecursionError) is a coded error, never a traceback."""
from __future__ import annotations

import random
import sys
import traceback

import pytest

import unmark
from unmark import limits, pipeline
from unmark.errors import UnmarkError
from unmark.segment import front


def _frames(exc: BaseException) -> list[str]:
    return [f.name for f in traceback.extract_tb(exc.__traceback__)]


def test_budget_is_checked_while_one_block_is_split(monkeypatch):
    """Memory that grows only while the sentence splitter runs (one block of 20,000 sentences)
    is caught there, inside the one call that splits the block."""
    base = 100 << 20

    def resident():
        f = sys._getframe(1)
        while f is not None:
            if f.f_code.co_name == "split_with_rules":
                return base + (1 << 30)      # a gigabyte more while the block is split
            f = f.f_back
        return base

    monkeypatch.setattr(limits, "_resident", resident)
    monkeypatch.setattr(limits, "_BUDGET_EVERY_S", 0.0)
    text = "决。" * 20_000
    with pytest.raises(UnmarkError) as ei:
        unmark.parse_text(text, build_memory_mb=100)
    assert ei.value.code == "E153"
    assert "split_with_rules" in _frames(ei.value)
    monkeypatch.setattr(limits, "_resident", lambda: base)
    assert len(unmark.parse_text(text, build_memory_mb=100).blocks[0].sentences) == 20_000


def test_deadline_is_checked_while_one_block_is_split(monkeypatch):
    calls = []
    real = limits.check

    def check():
        f = sys._getframe(1)
        while f is not None:
            if f.f_code.co_name == "split_with_rules":
                calls.append(1)
                break
            f = f.f_back
        real()

    monkeypatch.setattr(limits, "check", check)
    unmark.parse_text("决。" * 20_000)
    assert len(calls) >= 20_000 // limits._TICKS_PER_CHECK - 1


@pytest.mark.parametrize("exc, code", [(MemoryError, "E155"), (RecursionError, "E156")])
def test_exhaustion_inside_a_stage_is_coded(monkeypatch, exc, code):
    def split(text, lang):
        raise exc()

    monkeypatch.setattr(pipeline, "split_sentences", split)
    with pytest.raises(UnmarkError) as ei:
        unmark.parse_text("1. The General Assembly decides to include the item.\n")
    assert ei.value.code == code
    assert "unmark.pipeline._sentences" in ei.value.message


def test_long_line_cells_are_the_regex_cells(monkeypatch):
    """cell_spans finds on a long line what the cell pattern finds (whose regex engine gives up with
    a MemoryError past a few million words on one line)."""
    rng = random.Random(18)
    alphabet = ["a", "b", " ", "  ", "   ", "    ", "\t", "\u3000", "\x1c", "\xa0", "大", "\x85", "\u2028"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts.append(("ab " * 5 + "   ") * 3000)
    monkeypatch.setattr(front, "_LONG_LINE", -1)          # the long-line way for every text
    for s in texts:
        assert front.cell_spans(s) == {m.group(): m.span() for m in front._CELL.finditer(s)}, repr(s)
