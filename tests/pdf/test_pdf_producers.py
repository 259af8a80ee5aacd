"""Chinese PDFs from many producers (a stratified sample of bench/bench_producers.py's matrix):
unpdf LibreOffice (tagged), Word-like (untagged) and Word-like tagged as Word 365 tags PDFs, and cjkpdf PDFs with non-embedded
standard Asian fonts under predefined CMaps, synthetic bold, label and footnote separators,
marker styles, letter-spaced mastheads, A4/Letter, full-width labels. Each against its truth,
on both backends, and against the parse of the text pdftotext made of the same PDF."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import unmark

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "producers"))
from score import agreement, block_keys, lost_chars, truth_failures  # noqa: E402

DIR = Path(__file__).resolve().parent / "fixtures" / "producers"
TRUTHS = sorted(DIR.glob("*.truth.json"))


def _ids(p: Path) -> str:
    v = json.loads(p.read_text())["variant"]
    extra = v.get("cmap") or ("tagged" if v.get("tagged") else "untagged")
    return f"{p.name.split('.truth')[0]}-{v['producer']}-{extra}-{v['labels']}"


def test_the_sample_covers_the_matrix():
    vs = [json.loads(p.read_text())["variant"] for p in TRUTHS]
    assert len(vs) >= 30
    seen = {(k, str(v[k])) for v in vs for k in v}
    for axis, values in {"producer": ["unpdf-lo", "unpdf-wl", "unpdf-wt", "cjkpdf"],
                         "cmap": ["UniGB-UCS2-H", "UniGB-UTF16-H", "GBK-EUC-H", "UniCNS-UCS2-H"],
                         "bold": ["font", "stroke", "double", "none"], "label_sep": ["gap", "space", "ideo", "none"],
                         "fn_sep": ["line", "underscores", "none"], "labels": ["ascii", "fullstop", "fullwidth"],
                         "page": ["A4", "letter"], "masthead": ["spaced", "tracked", "plain"]}.items():
        for val in values:
            assert (axis, val) in seen, (axis, val)


@pytest.mark.parametrize("tf", TRUTHS, ids=_ids)
def test_blocks_notes_metadata(tf, backend, parsed):
    assert truth_failures(parsed(tf, backend), json.loads(tf.read_text())) == []


@pytest.mark.parametrize("tf", TRUTHS, ids=_ids)
def test_both_backends_give_the_same_blocks(tf, parsed):
    pytest.importorskip("pypdfium2")
    assert block_keys(parsed(tf, "pypdf")) == block_keys(parsed(tf, "pdfium"))


def _han(s: str) -> int:
    return sum(1 for c in s if "\u4e00" <= c <= "\u9fff")


@pytest.mark.parametrize("tf", TRUTHS, ids=_ids)
def test_pdf_and_its_pdftotext_text_agree(tf, parsed):
    """parse(pdf) and parse(the text pdftotext -layout made of it) take the same decisions
    (whitespace aside). Where poppler lacks glyphs of a non-embedded CNS1/Japan1/Korea1 font
    for simplified characters its text is incomplete: nothing to compare."""
    doc = parsed(tf, "pypdf")
    txt = tf.with_name(tf.name.replace(".truth.json", ".pdftotext.txt")).read_text(encoding="utf-8")
    if _han(txt) < 0.98 * sum(_han(b.full_text("")) for b in doc.blocks):
        pytest.skip("pdftotext could not map this font's characters (poppler-data CMap lacks them)")
    lost = lost_chars(doc, txt)
    a = block_keys(doc, False, lost)
    t = block_keys(unmark.parse(txt, lang="zh", sentences=False), False, lost)
    assert agreement(a, t) >= TEXT_AGREEMENT, [x for x in a if x not in t][:3]


@pytest.mark.parametrize("tf", TRUTHS, ids=_ids)
def test_pdf_and_its_pdfium_plain_text_agree(tf, parsed):
    """The same with the plain text PDFium gives (no layout: no blank lines, no indentation),
    on every fixture: also those whose fonts pdftotext cannot read."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = parsed(tf, "pypdf")
    pdf = pdfium.PdfDocument(str(tf.with_name(tf.name.replace(".truth.json", ".pdf"))))
    try:
        txt = "\f".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    lost = lost_chars(doc, txt)
    a = block_keys(doc, False, lost)
    t = block_keys(unmark.parse(txt, lang="zh", sentences=False), False, lost)
    assert agreement(a, t) >= TEXT_AGREEMENT, [x for x in a if x not in t][:3]


# the target: parse(pdf) and parse(text) agree on >= 99% of blocks
TEXT_AGREEMENT = 0.99
