"""Generated letters with an annex (unpdf, both engines, en and zh), both backends: the letter's
title is front matter, its prose is body text, the annex heading restarts the numbering, and
CJK text is spaced as the page writes it (no made-up space between Han and digits)."""
from __future__ import annotations

import pytest

import unmark

from pdf_testutil import FIXTURES

LETTERS = sorted(FIXTURES.glob("letter_*.pdf"))


@pytest.mark.parametrize("pdf", LETTERS, ids=lambda p: p.stem)
def test_letter_structure(pdf, backend):
    doc = unmark.parse(str(pdf), backend=backend)
    zh = pdf.name.startswith("letter_zh")
    assert doc.metadata.symbol == "S/2026/117"
    assert doc.metadata.title.startswith("2026年2月12日" if zh else "Letter dated 12 February 2026")
    first_para = next(b for b in doc.blocks if b.type == "paragraph")
    assert first_para.text.startswith("谨随信转递" if zh else "I have the honour")
    assert [r.label for r in first_para.footnote_refs] == ["1"]
    assert not [b for b in doc.blocks if b.type == "front" and ("谨随信" in b.text or "I have the honour" in b.text)]
    annex = [b for b in doc.blocks if b.type == "heading" and b.text == ("附件" if zh else "Annex")]
    assert len(annex) == 1 and annex[0].level == 1
    assert [b.number for b in doc.blocks if b.type == "paragraph" and b.number] == [1, 2, 3]
    signed = [b for b in doc.blocks if "签名" in b.text or "(Signed)" in b.text]
    assert [b.type for b in signed] == ["paragraph"]
    if zh:
        assert "工作组2025年活动报告" in first_para.text
