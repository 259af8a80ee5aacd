"""Text input whose footnote labels were printed apart from their notes' text (plain pdftotext
prints the column of labels before or after the column of note texts, a page label may stand
between them): each note gets its own text, in English, French and Chinese, labels before or
after; pages printed the usual way are left as they are."""
from __future__ import annotations

from pathlib import Path
import shutil
import subprocess

import pytest

import unmark
from unmark.segment.footnotes import _gap_scores, _starts

BODY_1 = """United Nations
General Assembly
Distr.: General
3 March 2031
Original: {orig}

{title}

1. {p1}
"""


def _doc(p1: str, notes: list[tuple[str, str]], p2: str, labels_first: bool, orig: str = "English",
         title: str = "Report of the Secretary-General") -> str:
    """Page 1: a paragraph and its notes with the labels printed as a column of their own; page 2:
    more body text. ``notes``: (label, text; a text may hold a line break)."""
    labels = "\n".join(lab for lab, _ in notes)
    texts = "\n".join(t for _, t in notes)
    foot = f"{labels}\n\n{texts}" if labels_first else f"{texts}\n\n{labels}"
    return (BODY_1.format(p1=p1, orig=orig, title=title) + "\n__________________\n" + foot
            + "\n\n31-00001 (E)\n\f" + "A/86/1\n\n" + p2 + "\n")


EN_NOTES = [("*", "A/86/50."),
            ("1", "See General Assembly resolution 85/17, para. 4."),
            ("2", "The replies are available on the website of the Department for General Assembly\n"
                  "and Conference Management, in all six official languages.")]
EN_P1 = ("The present report* is submitted pursuant to resolution 85/17,1 in which the Assembly\n"
         "requested a report on the archive of its documents.2 It summarizes the replies received.")
EN_P2 = "2. The second paragraph of the report goes on here on the next page of the document."


@pytest.mark.parametrize("labels_first", [True, False])
def test_each_note_gets_its_own_text(labels_first):
    doc = unmark.parse(_doc(EN_P1, EN_NOTES, EN_P2, labels_first), lang="en")
    got = {f.label: f.text for f in doc.footnotes}
    assert got == {lab: " ".join(t.split("\n")) for lab, t in EN_NOTES}
    assert [b.number for b in doc.paragraphs()] == [1, 2]
    assert any(f.rule == "notes.labels_apart" for f in doc.fixes)


def test_a_page_label_between_the_labels_and_the_texts_does_not_end_the_notes():
    # page 2 as plain pdftotext prints it: the labels, the page label, then the note texts
    text = (_doc(EN_P1, EN_NOTES, "2. The archive is consulted widely by delegations3 and by researchers.4", False)
            + "\n__________________\n3\n4\n\n2/3\n\nIncluding the Official Document System and the Digital Library.\n"
            "Pilot project on the conversion of the documents of the first sessions, internal\n"
            "evaluation report, March 2030.\n31-00001\n")
    doc = unmark.parse(text, lang="en")
    got = {f.label: f.text for f in doc.footnotes}
    assert got["3"] == "Including the Official Document System and the Digital Library."
    assert got["4"] == ("Pilot project on the conversion of the documents of the first sessions, internal "
                        "evaluation report, March 2030.")
    assert not any("Pilot project" in b.text for b in doc.blocks)
    assert not [w for w in doc.warnings if w.code == "W420"]


def test_french_notes_with_labels_after_their_texts():
    notes = [("1", "Voir la résolution 85/17 de l’Assemblée générale, par. 4."),
             ("2", "Les réponses peuvent être consultées sur le site Web du Département de l’Assemblée\n"
                   "générale et de la gestion des conférences.")]
    p1 = ("Le présent rapport est soumis en application de la résolution 85/17,1 dans laquelle\n"
          "l’Assemblée a demandé un rapport sur les archives de ses documents2.")
    doc = unmark.parse(_doc(p1, notes, "2. Le deuxième paragraphe du rapport se poursuit ici.", False,
                            orig="français", title="Rapport du Secrétaire général"), lang="fr")
    assert {f.label: f.text for f in doc.footnotes} == {lab: " ".join(t.split("\n")) for lab, t in notes}


def test_chinese_notes_with_labels_before_their_texts():
    notes = [("1", "见大会第 85/17 号决议，第 4 段。"), ("2", "调查问卷和汇总的答复可在大会和会议管理部网站上查阅。")]
    p1 = "本报告是根据大会第 85/17 号决议1提交的。大会在该决议中请秘书长就其文件档案提出报告。2"
    doc = unmark.parse(_doc(p1, notes, "2. 报告第二段在下一页继续。", True, orig="中文", title="秘书长的报告"),
                       lang="zh")
    assert {f.label: f.text for f in doc.footnotes} == dict(notes)


def test_notes_printed_with_their_labels_are_left_as_they_are():
    text = (BODY_1.format(p1=EN_P1, orig="English", title="Report of the Secretary-General")
            + "\n__________________\n* A/86/50.\n1 See General Assembly resolution 85/17,\npara. 4.\n"
            "2 The replies are available on the website.\n")
    doc = unmark.parse(text, lang="en")
    assert {f.label: f.text for f in doc.footnotes} == {
        "*": "A/86/50.", "1": "See General Assembly resolution 85/17, para. 4.", "2": "The replies are available on the website."}
    assert not any(f.rule == "notes.labels_apart" for f in doc.fixes)


def test_numbers_that_are_no_sequence_of_labels_are_left_as_they_are():
    # "7" and "3" alone are no note sequence: nothing is moved
    text = (BODY_1.format(p1=EN_P1, orig="English", title="Report of the Secretary-General")
            + "\n__________________\n1 See General Assembly resolution 85/17.\n7\n3\n")
    doc = unmark.parse(text, lang="en")
    assert not any(f.rule == "notes.labels_apart" for f in doc.fixes)


def test_where_the_next_note_begins():
    texts = ["A/86/50.", "See resolution 85/17, para. 4.", "The replies are available on the website of the",
             "Department for General Assembly and Conference Management."]
    # a sentence end before a capital wins over a line that goes on; lower case never opens a note
    assert _starts(texts, [False] * 4, [None, None, None]) == [0, 1, 2]
    assert _starts(texts, [False] * 4, [0, None]) == [0, 1]
    assert _starts(["Pilot project on the conversion of the documents, internal", "evaluation report, March 2030."],
                   [False, False], [None, None]) == [0, 1]  # (two notes need two lines: no better choice)
    assert _starts(["one line"], [False], [None, None]) is None
    s = _gap_scores(["Voir le rapport", "annuel.", "Les réponses."], [False, False, False])
    assert s[1] < s[2]


UNPDF = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "unpdf" / "examples"


@pytest.mark.skipif(shutil.which("pdftotext") is None or not (UNPDF / "report_en.wordlike.pdf").exists(),
                    reason="needs pdftotext and ../shared/tools/unpdf/examples")
def test_generated_word_like_report_through_plain_pdftotext():
    import json

    pdf = UNPDF / "report_en.wordlike.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    truth = json.loads(pdf.with_name("report_en.wordlike.truth.json").read_text(encoding="utf-8"))
    doc = unmark.parse(text, lang="en")
    assert [(f.label, f.text) for f in doc.footnotes] == [(f["label"], f["text"]) for f in truth["footnotes"]]
