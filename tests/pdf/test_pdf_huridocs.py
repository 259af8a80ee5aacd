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

    from unmark.pipeline import run_stages

    ex = run_stages(extract_pdf(HURIDOCS / "pdfs" / "ohchr_1_en.pdf", backend=backend), upto="pdf_furniture").ex
    assert ex.metadata_hints["job_number"] == "GE.19-13879"


@pytest.mark.parametrize("name,expected", [
    # 1994 layout: the symbol is printed between "Distr. GENERAL" and the date
    ("plan_1_en.pdf", "Distr. GENERAL A/RES/48/246 11 May 1994"),
    ("plan_1_es.pdf", "Distr. GENERAL A/RES/48/246 11 de mayo de 1994"),
    # modern layout: the symbol sits in the top bar, above the fields, and stays furniture
    ("ohchr_1_en.pdf", "Distr.: General 14 August 2019 Original: English"),
])
def test_masthead_block_as_printed(backend, name, expected):
    import unmark

    doc = unmark.parse(str(HURIDOCS / "pdfs" / name), backend=backend)
    masthead = [b for b in doc.blocks if b.role == "masthead"]
    assert [b.text for b in masthead] == [expected]
    assert doc.metadata.symbol in ("A/RES/48/246", "A/HRC/WG.6/34/ITA/3")
    # a symbol kept in the masthead block is not also reported as removed furniture
    kept = doc.metadata.symbol in expected
    removed_on_page1 = [f for f in doc.fixes if f.rule == "furniture.header" and f.page == 1 and f.before == doc.metadata.symbol]
    assert (not removed_on_page1) if kept else bool(removed_on_page1)
