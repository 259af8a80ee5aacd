"""Arabic (right-to-left) PDFs: logical order on both backends.

Fixture: ``crc_ar.libreoffice.pdf`` (unpdf, LibreOffice engine, tagged; source
``fixtures/src/crc_ar.json``). LibreOffice lays its Arabic paragraphs flush left and ragged
at the line starts, labels are followed by a space (no TAB), and numbers, symbols and the
Latin masthead sit inside the Arabic lines: the cases :mod:`unmark.extract.pdf.bidi` is for.

The shared back half has no Arabic labels yet (see test_pdf_generated.CORE_NO_LABELS), so
the blocks are compared as label + text here.
"""
from __future__ import annotations

import json
import unicodedata

import pytest
import regex as re
from pdf_testutil import FIXTURES

import unmark
from unmark.extract.pdf import extract_pdf
from unmark.extract.pdf.bidi import logical_runs, mirror
from unmark.extract.pdf.runs import Run

PDF = FIXTURES / "crc_ar.libreoffice.pdf"
TRUTH = json.loads((FIXTURES / "crc_ar.libreoffice.truth.json").read_text())
PRESENTATION = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")


def norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def parsed():
    return {}


def _doc(parsed, backend):
    if backend not in parsed:
        parsed[backend] = unmark.parse(str(PDF), backend=backend)
    return parsed[backend]


def _labelled(b: dict) -> str:
    lab = b.get("label") or ""
    return norm((lab + " " if lab else "") + b["text"])


def test_blocks_in_logical_order_with_markers(parsed, backend):
    doc = _doc(parsed, backend)
    got = {norm(b.text): b for b in doc.blocks}
    for b in doc.blocks:
        for it in b.items:
            got[norm(it.text)] = it
    for t in TRUTH["blocks"]:
        want = norm(t["text"])  # labels (1 -, (أ), أولا -) are recognised and kept apart
        assert want in got, want
        if t.get("label"):
            assert got[want].label == t["label"], (want[:40], got[want].label)
        refs = {(r.label, r.offset) for r in got[want].footnote_refs}
        for m in t.get("markers", []):
            assert (m["label"], m["offset"]) in refs, (want[:40], m)
    # no block beyond the truth's, masthead lines apart (kept as one front block)
    rest = [norm(b.text) for b in doc.blocks if norm(b.text) not in {norm(t["text"]) for t in TRUTH["blocks"]}]
    assert all(t.startswith(("Distr.", "الجمعية العامة")) for t in rest), rest


def test_footnotes_complete_and_broken_field_removed(parsed, backend):
    doc = _doc(parsed, backend)
    got = [(f.label, norm(f.text)) for f in doc.footnotes]
    assert got == [(f["label"], norm(f["text"])) for f in TRUTH["footnotes"]]
    assert any(f.rule == "artifact.broken_field" for f in doc.fixes)


def test_language_metadata_and_furniture(parsed, backend):
    doc = _doc(parsed, backend)
    assert doc.metadata.language == "ar"
    assert doc.metadata.symbol == TRUTH["symbol"]
    assert doc.metadata.job_number == TRUTH["job_number"]
    assert doc.metadata.original_language == "English"
    texts = " ".join(b.full_text(" ") for b in doc.blocks) + " ".join(f.text for f in doc.footnotes)
    assert TRUTH["barcode"] not in texts
    assert TRUTH["job_number"] not in texts
    for f in TRUTH["running_footer"]:
        assert f["left"] not in texts and f["text"] not in texts
    # the running header (the symbol) is gone from page 2
    assert not any(TRUTH["symbol"] in b.text for b in doc.blocks if 2 in b.pages)


def test_no_presentation_forms_and_nfc(parsed, backend):
    doc = _doc(parsed, backend)
    for s in [b.full_text(" ") for b in doc.blocks] + [f.text for f in doc.footnotes]:
        assert not PRESENTATION.search(s), s
        assert unicodedata.is_normalized("NFC", s)


def test_both_backends_give_the_same_lines():
    from pdf_testutil import HAVE_PDFIUM

    if not HAVE_PDFIUM:
        pytest.skip("pypdfium2 not installed")
    from unmark.pipeline import run_stages

    # the lines as the PDF stages leave them (zones, line breaks)
    a, b = (run_stages(extract_pdf(PDF, backend=be), upto="pdf_breaks").ex for be in ("pypdf", "pdfium"))
    key = lambda ex: [(ln.page, ln.zone, ln.s, ln.hard_end, ln.gap_before, ln.markers) for p in ex.pages for ln in p.lines]
    assert key(a) == key(b)


def test_boxes_stay_in_page_coordinates(backend):
    ex = extract_pdf(PDF, backend=backend)
    page = ex.pages[0]
    first = next(ln for ln in page.lines if ln.s.startswith("1 -"))
    # the label "1" stands at the right margin, the line runs leftwards from it
    assert first.bbox.x1 > 0.8 * page.width and first.bbox.x0 < 0.2 * page.width
    sym = next(ln for ln in page.lines if ln.s == TRUTH["symbol"])
    assert sym.bbox.x0 < 0.2 * page.width   # the symbol is top left on an Arabic page


# --------------------------------------------------------------------------- units
W = 600.0


def _runs(*spec):
    """(visual text, x0, x1) left to right as drawn, mirrored and sorted as layout does."""
    runs = [Run(t, x0, 100.0, x1, 12.0, "F") for t, x0, x1 in spec]
    m = mirror(runs, W)
    m.sort(key=lambda r: r.x0)
    return m


def _text(runs):
    return "".join(r.text for r in logical_runs(runs, W))


def test_number_with_slash_keeps_its_order():
    # logical "القرار 80/186، الذي" drawn: "يذلا ،" "80" "/" "186" " رارقلا"
    runs = _runs(("يذلا ،", 100, 140), ("80", 140, 152), ("/", 152, 156), ("186", 156, 174), (" رارقلا", 174, 220))
    assert _text(runs) == "القرار 80/186، الذي"


def test_latin_symbol_island_and_label():
    runs = _runs((".", 100, 103), ("A/80/229/Corr.1", 103, 180), (" رظنا", 180, 210), ("1", 220, 225))
    assert _text(runs) == "1انظر A/80/229/Corr.1."


def test_numbers_apart_stay_right_to_left():
    # two numbers separated by a space inside Arabic text are drawn right to left
    runs = _runs(("ءزج", 100, 120), (" 45 ", 120, 140), ("12", 140, 150), (" نم", 150, 170))
    assert _text(runs) == "من 12 45 جزء"


def test_left_to_right_line_on_an_arabic_page():
    runs = _runs(("26-11342 (A)    200726", 100, 200))
    assert _text(runs) == "26-11342 (A)    200726"
