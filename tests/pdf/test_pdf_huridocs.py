"""Real UN PDFs with human paragraph lists (../shared/corpus/huridocs); skipped without it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pdf_testutil import HURIDOCS

pytestmark = pytest.mark.skipif(
    not (HURIDOCS / "pdfs").is_dir(), reason=f"huridocs corpus not found at {HURIDOCS} (needs ../shared)"
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


def test_paragraphs_found_and_no_furniture(backend):
    from bench_pdf import FLOOR_FOUND, eval_huridocs

    rows = eval_huridocs(HURIDOCS.parent.parent, backend)
    n = sum(r["n"] for r in rows)
    found = sum(r["found"] + r["front"] for r in rows)
    assert found / n >= FLOOR_FOUND, [m for r in rows for m in r["missing"]]
    assert not [f for r in rows for f in r["furniture"]]


def test_masthead_metadata(backend):
    import unmark

    doc = unmark.parse(str(HURIDOCS / "pdfs" / "ohchr_1_en.pdf"), backend=backend)
    m = doc.metadata
    assert m.symbol == "A/HRC/WG.6/34/ITA/3"
    assert m.distribution == "General" and m.date == "14 August 2019" and m.original_language == "English"
    from unmark.extract.pdf import extract_pdf

    ex = extract_pdf(HURIDOCS / "pdfs" / "ohchr_1_en.pdf", backend=backend)
    assert ex.metadata_hints["job_number"] == "GE.19-13879"
