"""Text state in the pypdf backend, checked against the pdfium backend on the same pages:
q/Q restore the character spacing (a Tc set inside q ... Q must not widen later text), and
letter-spaced text (a character spacing of a blank, 1994 typewriter layouts) keeps its spaces."""
from __future__ import annotations

import pytest

import unmark

from pdf_makers import content_pdf
from pdf_testutil import HURIDOCS

BODY = b"BT /F1 10 Tf 72 700 Td (1. The Working Group met in Vienna to review the report.) Tj ET\n"


def _texts(path, backend):
    doc = unmark.parse(str(path), backend=backend, lang="en")
    return [b.label + " " + b.text if b.label else b.text for b in doc.blocks]


def test_character_spacing_inside_q_does_not_leak(tmp_path):
    # without q/Q the blank-wide spacing of the letter-spaced heading spread the paragraph too
    content = (b"q BT /F1 10 Tf 6 Tc 72 720 Td (Annex) Tj ET Q\n"
               b"BT /F1 10 Tf 72 700 Td [(1. The Working Group met) -250 (in Vienna to review the report.)] TJ ET\n")
    pdf = content_pdf(tmp_path / "tc.pdf", content)
    got = _texts(pdf, "pypdf")
    assert got[-1] == "1. The Working Group met in Vienna to review the report."
    assert got[-1] == _texts(pdf, "pdfium")[-1]


def test_letter_spaced_words_keep_their_blanks(tmp_path):
    # "3 y 4 de la" drawn as "3y4d" + "el" + "a" with a character spacing of one blank (Courier-like)
    content = (b"BT /F1 10 Tf 72 700 Td (2. Recalling paragraphs) Tj ET\n"
               b"BT /F1 10 Tf 6 Tc 72 686 Td [(3y4d) 600 (el) 600 (a)] TJ 0 Tc ( resolution 43/232.) Tj ET\n")
    pdf = content_pdf(tmp_path / "spaced.pdf", content)
    got = " ".join(_texts(pdf, "pypdf"))
    assert "3 y 4 de la" in got, got
    assert got == " ".join(_texts(pdf, "pdfium"))


@pytest.mark.skipif(not (HURIDOCS / "pdfs").is_dir(), reason=f"huridocs corpus not found at {HURIDOCS} (needs ../shared)")
@pytest.mark.parametrize("name", ["ohchr_1_en.pdf", "ohchr_1_ru.pdf", "plan_1_en.pdf", "plan_1_es.pdf"])
def test_backends_give_the_same_text_on_real_documents(name):
    path = HURIDOCS / "pdfs" / name
    a, b = unmark.parse(str(path), backend="pypdf"), unmark.parse(str(path), backend="pdfium")
    assert [x.text for x in a.blocks] == [x.text for x in b.blocks]
    assert [n.text for n in a.footnotes] == [n.text for n in b.footnotes]
