"""The text path on text other tools pulled out of UN PDFs: pdftotext plain and -layout output of
generated UN documents whose truth is known (tests/data/pdftotext: unpdf examples in English and
Chinese, LibreOffice-tagged and Word-like engines), and of the real huridocs PDFs when present."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import unmark
from unmark.evaluate import score_paragraph_list, score_truth

from unmark_testutil import ROOT, shared_path

DATA = ROOT / "tests" / "data" / "pdftotext"
FILES = sorted(DATA.glob("*.txt"))


def _truth(f):
    return json.loads((DATA / (f.name.rsplit(".", 2)[0] + ".truth.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("f", [f for f in FILES if ".layout." in f.name or "report_zh" in f.name], ids=lambda f: f.name)
def test_generated_documents_exact(f):
    doc = unmark.parse(f)
    s = score_truth(doc, _truth(f))
    assert s.paragraphs_exact == s.paragraphs, s.misses
    assert s.items_exact == s.items, s.misses
    assert s.headings_exact == s.headings, s.misses
    assert s.footnotes_exact == s.footnotes, s.misses
    assert s.markers_placed == s.markers, s.misses
    assert not s.furniture_left
    t = _truth(f)
    assert doc.metadata.symbol == t["symbol"]
    assert doc.metadata.job_number == t["job_number"]


@pytest.mark.parametrize("f", [f for f in FILES if "report_en" in f.name and ".plain." in f.name], ids=lambda f: f.name)
def test_scrambled_plain_output_degrades_without_losing_text(f):
    """pdftotext's plain mode scrambles the reading order of these tagged pages (labels apart
    from their text): unmark must still keep every word and leave no furniture."""
    doc = unmark.parse(f)
    s = score_truth(doc, _truth(f))
    assert not s.furniture_left
    words_in = set(f.read_text(encoding="utf-8").split())
    words_out = set(doc.text().split())
    lost = {w for w in words_in - words_out if w.isalpha() and len(w) > 3}
    assert len(lost) <= 6, sorted(lost)  # hyphen-joined word parts only


def test_broken_field_and_markers_in_english_layout():
    doc = unmark.parse(DATA / "report_en.wordlike.layout.txt")
    assert any(f.rule == "artifact.broken_field" for f in doc.fixes)
    assert "Error!" not in doc.text()
    assert doc.footnote("2").text.endswith("Conference Management.")
    assert "unaffordable" in doc.text() and "unaf-" not in doc.text()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
@pytest.mark.parametrize("name, main, minimum", [("ohchr_1_en", "ohchr_1_en_ru", 0.92), ("ohchr_1_ru", "ohchr_1_ru_en", 0.9),
                                                 ("plan_1_en", "plan_1_en_es", 0.85), ("plan_1_es", "plan_1_es_en", 0.85)])
def test_real_un_pdfs_through_pdftotext_layout(tmp_path, name, main, minimum):
    pdf = shared_path("corpus", "huridocs", "pdfs", f"{name}.pdf")
    labels = json.loads(shared_path("corpus", "huridocs", "labels", f"{main}.json").read_text(encoding="utf-8"))
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True)
    doc = unmark.parse(out)
    found, total, misses = score_paragraph_list(doc, [p["main_language"] for p in labels["paragraphs"]])
    assert found / total >= minimum, misses[:10]
    text = "\n".join(t.text for _, t in doc.iter_texts())
    assert "GE.19-13879" not in text and "Page 2" not in text and "/..." not in text
