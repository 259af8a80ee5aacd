"""Composite fonts (Identity-H) without /ToUnicode: read from the embedded font program's own
cmap table or glyph names, on both backends; refused with the font named when the program
names nothing. Fixtures: tests/pdf/fixtures/no_tounicode/ made from letter_zh.wordlike.pdf
(ToUnicode maps) by bench/producers/no_tounicode.py (--mode cmap | post | bare)."""
from __future__ import annotations

from pathlib import Path

import pytest

import unmark
from unmark.extract.pdf.fontmap import _rank

FIX = Path(__file__).parent / "fixtures"
SRC = FIX / "letter_zh.wordlike.pdf"
BACKENDS = ["pypdf", "pdfium"]


def _blocks(path, backend):
    d = unmark.parse(str(path), backend=backend, lang="zh", sentences=False)
    return d, [(b.type, b.label, b.text) for b in d.blocks]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("mode", ["cmap", "post"])
def test_font_program_gives_the_text_the_tounicode_map_gave(backend, mode):
    pytest.importorskip("pypdfium2") if backend == "pdfium" else None
    _, want = _blocks(SRC, backend)
    doc, got = _blocks(FIX / "no_tounicode" / f"letter_zh.{mode}.pdf", backend)
    assert got == want
    assert any("安全理事会" in t for _, _, t in got) or "安全理事会" in doc.metadata.get("organ", "")
    codes = {w.code for w in doc.warnings}
    assert "W201" not in codes
    w401 = [w.message for w in doc.warnings if w.code == "W401"]
    assert w401 and "Noto Serif CJK SC Regular" in w401[0]
    assert ("post glyph names" if mode == "post" else "TrueType cmap") in w401[0]


@pytest.mark.parametrize("backend", BACKENDS)
def test_font_program_without_names_is_refused_naming_the_font(backend):
    pytest.importorskip("pypdfium2") if backend == "pdfium" else None
    with pytest.raises(unmark.UnmarkError) as ei:
        unmark.parse(str(FIX / "no_tounicode" / "letter_zh.bare.pdf"), backend=backend, lang="zh")
    assert ei.value.code == "E208"
    msg = str(ei.value)
    assert ("Noto Serif CJK SC Regular (Identity-H, Adobe-Identity, embedded TrueType without a Unicode cmap or glyph "
            "names, no ToUnicode)") in msg
    # the heading font is whole (not a subset) and keeps its cmap: it is read, so not named
    assert "Noto Sans CJK SC Bold (" not in msg


def test_running_text_character_wins_over_compatibility_and_radical_twins():
    # one glyph for U+6236 戶 and its twins: the unified ideograph is the character
    assert min([0xF905, 0x2F3E, 0x6236], key=_rank) == 0x6236
    assert min([0xE001, 0x41], key=_rank) == 0x41
