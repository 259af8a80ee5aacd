"""Labels that plain pdftotext printed stacked before the texts they number (a paragraph label and
the label of the chapter whose title follows the paragraph, or two chapter labels): each label
goes before its own text, in English, French, Spanish and Russian, and on the real generated
report as pdftotext's plain mode gives it (both PDF engines); stacks that do not read so are left
as they are."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import unmark
import unmark.evaluate
from unmark.evaluate import score_truth
from unmark.segment.stacked import stacked_labels

DATA = Path(__file__).parent / "data" / "pdftotext"

HEAD = "United Nations\nGeneral Assembly\nDistr.: General\n3 March 2031\nOriginal: English\n\nReport of the Secretary-General\n\n"


def _blocks(doc) -> list[tuple]:
    return [(b.type, b.label, b.text[:30]) for b in doc.blocks if b.type != "front"]


@pytest.mark.parametrize("engine", ["wordlike", "libreoffice"])
def test_generated_report_as_plain_pdftotext(engine):
    """The Word-like and LibreOffice renders of unpdf's report: ``I.`` / ``II.`` stacked before
    ``Introduction`` and ``5.`` / ``III.`` before paragraph 5's text: every paragraph and heading."""
    truth = json.loads((DATA / f"report_en.{engine}.truth.json").read_text(encoding="utf-8"))
    doc = unmark.parse(DATA / f"report_en.{engine}.plain.txt")
    s = score_truth(doc, truth)
    assert (s.paragraphs_exact, s.paragraphs) == (8, 8) and (s.headings_exact, s.headings) == (7, 7), s.misses
    heads = [(b.label, b.text) for b in doc.headings()]
    assert ("I.", "Introduction") in heads and ("II.", "Current situation") in heads and ("III.", "Proposals") in heads
    p5 = next(b for b in doc.paragraphs() if b.number == 5)
    assert p5.text.startswith("A pilot project carried out in 2024") and p5.text.endswith("unaffordable.")
    assert not any(w.code == "W110" for w in doc.warnings)
    moved = [f for f in doc.fixes if f.rule == "text.labels_stacked"]
    assert [f.before for f in moved] == ["II.", "III."] and "'Proposals'" in moved[1].note
    # nothing lost: the lines the labels left are accounted for by the fixes
    lost = unmark.evaluate.unaccounted_text((DATA / f"report_en.{engine}.plain.txt").read_text(encoding="utf-8"), doc)
    assert not {f.line for f in moved} & {n for n, _, _ in lost}


CASES = {
    "en": ("4. The fourth paragraph of the report ends its sentence here.\n\n5.\n\nIII.\n\n"
           "The pilot project converted some twelve thousand documents into structured text, and\n"
           "its results were reviewed by the translators of every language service.\n\n"
           "Proposals\n6.\n\nThe Secretary-General proposes to take the following measures.\n",
           "Proposals"),
    "fr": ("4. Le quatrième paragraphe du rapport se termine ici par une phrase complète.\n\n5.\n\nIII.\n\n"
           "Le projet pilote a converti quelque douze mille documents en texte structuré, et ses\n"
           "résultats ont été examinés par les traducteurs de chaque service linguistique.\n\n"
           "Propositions\n6.\n\nLe Secrétaire général propose de prendre les mesures suivantes.\n",
           "Propositions"),
    "es": ("4. El cuarto párrafo del informe termina aquí con una oración completa.\n\n5.\n\nIII.\n\n"
           "El proyecto piloto convirtió unos doce mil documentos en texto estructurado, y sus\n"
           "resultados fueron examinados por los traductores de cada servicio lingüístico.\n\n"
           "Propuestas\n6.\n\nEl Secretario General propone adoptar las medidas siguientes.\n",
           "Propuestas"),
    "ru": ("4. Четвертый пункт доклада заканчивается здесь полным предложением.\n\n5.\n\nIII.\n\n"
           "В рамках экспериментального проекта около двенадцати тысяч документов были\n"
           "преобразованы в структурированный текст, и результаты рассмотрели переводчики.\n\n"
           "Предложения\n6.\n\nГенеральный секретарь предлагает принять следующие меры.\n",
           "Предложения"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_paragraph_and_chapter_label_stacked(lang):
    body, title = CASES[lang]
    doc = unmark.parse(HEAD + "I. First chapter\n\n1. " + "x " * 3 + "The first paragraph.\n\n"
                       + "2. The second paragraph.\n\n3. The third paragraph.\n\nII. Second chapter\n\n" + body, lang=lang)
    paras = {b.number: b.text for b in doc.paragraphs()}
    assert sorted(paras) == [1, 2, 3, 4, 5, 6]
    assert paras[5].split()[0] in ("The", "Le", "El", "В")
    assert ("III.", title) in [(b.label, b.text) for b in doc.headings()]
    assert not any(w.code == "W110" for w in doc.warnings)


def test_three_labels_of_three_classes():
    text = (HEAD + "II. Chapter two\n\n4. The fourth paragraph ends here.\n\n5.\n\nIII.\n\nA.\n\n"
            "The fifth paragraph opens the last part of the chapter and ends here.\n\n"
            "Proposals\n\nFirst proposals\n6.\n\nThe sixth paragraph.\n")
    doc = unmark.parse(text, lang="en")
    assert ("III.", "Proposals") in [(b.label, b.text) for b in doc.headings()]
    assert ("A.", "First proposals") in [(b.label, b.text) for b in doc.headings()]
    assert [b.number for b in doc.paragraphs()] == [4, 5, 6]


def test_two_chapter_labels_in_sequence():
    text = (HEAD + "I.\n\nII.\n\nIntroduction\n1.\n\nThe first paragraph of the introduction ends here.\n\n"
            "2.\n\nThe second paragraph ends here too.\n\nCurrent situation\n3.\n\nThe third paragraph.\n")
    doc = unmark.parse(text, lang="en")
    assert [(b.label, b.text) for b in doc.headings()] == [("I.", "Introduction"), ("II.", "Current situation")]
    assert [b.number for b in doc.paragraphs()] == [1, 2, 3]


@pytest.mark.parametrize("text", [
    # the next chapter label comes before any title: not this layout
    HEAD + "5.\n\nIII.\n\nThe fifth paragraph ends here.\n\nIV. Conclusions\n\n6. The sixth.\n",
    # two chapter labels out of sequence
    HEAD + "II.\n\nIV.\n\nIntroduction\n1.\n\nThe first paragraph ends here.\n\nCurrent situation\n",
    # dashes and item labels are never moved
    HEAD + "1. The list:\n\n–\n\n–\n\nthe first item;\n\nthe second item.\n",
])
def test_stacks_that_do_not_read_so_are_left_alone(text):
    doc = unmark.parse(text, lang="en")
    assert not any(f.rule == "text.labels_stacked" for f in doc.fixes)


def test_pdf_lines_and_text_without_stacks_are_returned_as_they_are():
    from unmark.extract.text import extract_text

    ex = extract_text(HEAD + "1. One paragraph.\n\n2. Another.\n")
    lines = [ln for p in ex.pages for ln in p.lines if ln.s.strip()]
    assert stacked_labels(lines, []) is lines
