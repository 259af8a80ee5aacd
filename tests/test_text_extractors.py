"""Text other tools extracted: the decisions that failed on real documents, in general form
(footnote areas that end where the body resumes, one-word-per-line runs, meeting and date lines,
right-to-left punctuation in visual order, sponsor lines), the footnote warnings, and no text lost
over the benchmark inputs (../shared; skipped when absent)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import unmark
from unmark.evaluate import unaccounted_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# a 1994 typewriter resolution as pypdf gives it: no form feeds, "1/" notes under a rule, then
# the page's continuation mark, the running header and page label, and page 2's body
RES_1994 = """A/RES/48/999
11 May 1994
48/999. Financing of the United Nations Mission in Example
The General Assembly,
Having considered the report of the Secretary-General on the financing
of the United Nations Mission in Example 1/ and the oral report of the Advisory
Committee on Administrative and Budgetary Questions, 2/
Recalling its decision 48/477 of 23 December 1993 on the financing of
the Mission,
______________
1/ A/48/803.
2/ See A/C.5/48/SR.59.
/...
A/RES/48/999
Page 2
Recalling its previous decision regarding the fact that, in order to
meet the expenditures caused by the Mission, a different procedure is required
from the one applied to meet expenditures of the regular budget of the United
Nations,
1. Reaffirms the importance of the role of the Advisory Committee on
Administrative and Budgetary Questions as an advisory body to the General
Assembly in the budget process;
2. Endorses the recommendations made by the Advisory Committee in its
oral report; 2/
92nd plenary meeting
5 April 1994
"""


def test_footnote_area_ends_at_page_furniture():
    doc = unmark.parse(RES_1994, lang="auto")
    assert [(f.label, f.text) for f in doc.footnotes] == [("1/", "A/48/803."), ("2/", "See A/C.5/48/SR.59.")]
    texts = [b.text for b in doc.blocks]
    assert any(t.startswith("Recalling its previous decision") and t.endswith("of the United Nations,") for t in texts)
    assert [p.number for p in doc.paragraphs() if p.number] == [1, 2]
    assert any(f.rule == "notes.body_resumes" for f in doc.fixes)
    # the meeting line and the date stand alone
    assert texts[-2:] == ["92nd plenary meeting", "5 April 1994"]
    assert not [w for w in doc.warnings if w.code in ("W420", "W421")]


def test_footnote_area_ends_at_a_body_paragraph_without_furniture():
    text = RES_1994.replace("/...\nA/RES/48/999\nPage 2\n", "")
    doc = unmark.parse(text, lang="en")
    assert [f.label for f in doc.footnotes] == ["1/", "2/"]
    assert doc.footnotes[1].text == "See A/C.5/48/SR.59."
    assert [p.number for p in doc.paragraphs() if p.number] == [1, 2]


def test_runaway_footnote_is_a_warning():
    # nothing tells where the notes end: the note grows past the body of its page
    body = "The Committee considered the report and adopted it without a vote at its meeting.\n" * 3
    note = "\n".join(f"line {i} of a very long note that goes on and on and on and on and on" for i in range(15))
    doc = unmark.parse(body + "______________\n1 " + note + "\n")
    assert "W421" in [w.code for w in doc.warnings]


def test_footnote_across_a_page_break_is_a_warning():
    page = "The Committee considered the report and adopted it without a vote at its meeting.1\n" * 3
    doc = unmark.parse(page + "______________\n1 A note that starts here and\n\f" + page
                       + "______________\ngoes on at the foot of the next page.\n")
    assert "goes on at the foot" in doc.footnotes[0].text
    assert "W420" in [w.code for w in doc.warnings]


def test_one_word_per_line_run_is_one_line():
    from unmark.lang.linebreaks import hard_breaks

    lines = ["отсутствием полномочий применять санкции в связи с проявлениями антицыганских",
             "настроений.", "Европейская", "комиссия", "по", "борьбе", "против",
             "нетерпимости выразила обеспокоенность по поводу того, что НУРД не соответствует",
             "принципу независимости национальных органов."]
    assert hard_breaks(lines, "ru")[1:7] == [False] * 6


def test_country_list_is_not_a_split_line():
    from unmark.lang.linebreaks import split_line_pairs

    assert not split_line_pairs(["Albania", "Andorra", "Belgium", "Canada"])
    assert not split_line_pairs(["第一", "第二", "第三", "第四"])


def test_visual_order_punctuation_of_arabic_lines():
    text = "،إن الجمعية العامة\nإذ تؤكد من جديد أن جميع حقوق الإنسان والحريات الأساسية عالمية،\n"
    doc = unmark.parse(text, lang="ar")
    assert doc.blocks[0].text == "إن الجمعية العامة،"
    fx = [f for f in doc.fixes if f.rule == "text.rtl_punctuation"]
    assert len(fx) == 1 and fx[0].line == 1
    assert unaccounted_text(text, doc) == []


def test_sponsor_line_and_title_are_separate_units():
    text = ("Agenda item 119 (b)\nHuman rights questions: human rights questions, including\n"
            "alternative approaches for improving the effective enjoyment\nof human rights and fundamental freedoms\n"
            "South Africa:* draft resolution\nThe right to development\nThe General Assembly,\n"
            "Guided by the Charter of the United Nations, expressing, in particular, the\n"
            "determination to promote social progress and better standards of life in larger\n"
            "freedom as well as to employ international mechanisms for the promotion of the\n"
            "economic and social advancement of all peoples,\n")
    doc = unmark.parse(text)
    roles = [(b.role, b.text) for b in doc.blocks if b.type == "front"]
    assert ("subtitle", "South Africa:* draft resolution") in roles
    assert ("title", "The right to development") in roles


@pytest.mark.skipif(not (SHARED / "un_ga_55_100").is_dir(), reason="../shared corpus is absent")
@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "zh", "ar"])
def test_no_text_lost_one_paragraph_per_line(lang):
    text = (SHARED / "un_ga_55_100" / f"{lang}.txt").read_text(encoding="utf-8")
    for mode in ("auto", lang):
        assert unaccounted_text(text, unmark.parse(text, lang=mode)) == []


@pytest.mark.skipif(not (SHARED / "linebreaks").is_dir(), reason="../shared corpus is absent")
def test_no_text_lost_mnbvc():
    for raw in (SHARED / "linebreaks" / "un_linebreaks_dev.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(raw)["raw_text"]
        assert unaccounted_text(text, unmark.parse(text)) == []


def test_no_text_lost_seed():
    src = Path(__file__).resolve().parents[1] / "examples" / "CTOC_COP_WG.7_2020_2.zh.txt"
    text = src.read_text(encoding="utf-8")
    assert unaccounted_text(text, unmark.parse(text)) == []


CONF_2001 = """A/CONF.192/PC/L.4
Distr.: Limited
9 January 2001
Original: English
Preparatory Committee for the United Nations Conference on the Illicit
Trade in Small Arms and Light Weapons in All Its Aspects
Second session
New York, 8-19 January 2001
Draft report of the Preparatory Committee
1. The Preparatory Committee for the United Nations Conference on the Illicit Trade in Small Arms
and Light Weapons in All Its Aspects held its second session at United Nations Headquarters from
8 to 19 January 2001. The Committee held nine meetings during the session;
– the Chairman opened the session and made a statement on the organization of work of the session;
– the Committee adopted its agenda as contained in document A/CONF.192/PC/L.3 without a vote;
"""


@pytest.mark.parametrize("lang", ["auto", "en"])
def test_date_line_title_and_items_of_a_conference_draft(lang):
    doc = unmark.parse(CONF_2001, lang=lang)
    front = {b.role: b.text for b in doc.blocks if b.type == "front"}
    assert front["meeting"] == "New York, 8-19 January 2001"
    assert front["title"].endswith("Illicit Trade in Small Arms and Light Weapons in All Its Aspects")
    assert front["subtitle"] == "Draft report of the Preparatory Committee"
    para = doc.paragraphs()[0]
    assert para.number == 1 and para.text.endswith("during the session;")
    assert [it.label for it in para.items] == ["–", "–"]


def test_right_to_left_fragments_are_one_line():
    from unmark.lang.linebreaks import hard_breaks, rtl_fragmented

    # PyMuPDF prints every direction run of an Arabic line as a line of its own
    frag = ["وإذ تشير إلى أحكام الإعلان العالمي لحقوق الإنسان", "([1", "]) القرار217", "ألف د- (", "3",
            ") ). وإلى المادة 12 من العهد الدولي الخاص بالحقوق المدنية والسياسية،"] * 4
    assert rtl_fragmented(frag)
    assert hard_breaks(frag, "ar")[:4] == [False] * 4
    # whole Arabic lines (pdftotext) are not fragments; neither is Latin text
    whole = ["إذ تؤكد من جديد أن جميع حقوق الإنسان والحريات الأساسية عالمية ولا تتجزأ،"] * 25
    assert not rtl_fragmented(whole)
    assert not rtl_fragmented(["The General Assembly,", "(a)", "1", "2/"] * 8)


GOLDEN = Path(__file__).resolve().parent / "data" / "linebreaks"


def _lines_of(doc, text: str, needle: str) -> set:
    from unmark.evaluate import units_by_line

    units = units_by_line(doc)
    n = next(i for i, ln in enumerate(text.split("\n"), 1) if needle in ln)
    return units.get(n, set())


def test_marker_on_its_own_line_between_blank_lines_keeps_the_sentence():
    # pdftotext, right-to-left: the raised marker of a line is printed apart, a blank line after it
    text = (GOLDEN / "ga_55_100_ar.libreoffice.pdftotext.txt").read_text(encoding="utf-8")
    doc = unmark.parse(text, lang="ar")
    assert [f.line for f in doc.fixes if f.rule == "text.marker_gap"] == [20]
    assert _lines_of(doc, text, "وينبني كل") & _lines_of(doc, text, "منها على الآخر")


def test_marker_gap_never_joins_after_a_sentence_end():
    from unmark.lang.linebreaks import marker_gap_bridges

    # the line before the marker ends its sentence; the next opens a numbered paragraph
    assert marker_gap_bridges(["the end of it.", "1", "More text here"], [0, 0, 1], "en") == []
    assert marker_gap_bridges(["and so the text goes", "1", "2. Requests the"], [0, 0, 1], "en") == []
    assert marker_gap_bridges(["and so the text goes", "1", "on and on"], [0, 0, 1], "en") == [2]


def test_direction_runs_of_pymupdf_arabic():
    # PyMuPDF prints every direction run of an Arabic line on a line of its own: the operative
    # paragraph numbers alone on their lines are no footnote labels, spaces before a run are no
    # indentation, "- 13" of a date goes on, and the resolution number printed apart opens the title
    text = (GOLDEN / "ga_55_100_ar.libreoffice.pymupdf.txt").read_text(encoding="utf-8")
    doc = unmark.parse(text, lang="ar")
    assert not any("تهيب" in f.text for f in doc.footnotes)
    ops = [b.text for b in doc.blocks if b.type == "paragraph" and "تهيب" in b.text]
    assert len(ops) == 3
    title = [b.text for b in doc.blocks if b.type == "front" and b.role == "title"]
    assert title and "احترام حق الجميع" in title[0] and "لجمع شمل الأسرة" in title[0]
    assert _lines_of(doc, text, "القاهرة5") & _lines_of(doc, text, "أيلول سبتمبر")
    assert unaccounted_text(text, doc) == []


def test_text_split_at_direction_runs_is_told_apart():
    # (the rules above apply only to right-to-left text split at direction runs)
    from unmark.lang.linebreaks import rtl_fragmented

    assert not rtl_fragmented(RES_1994.split("\n"))
    text = (GOLDEN / "ga_55_100_ar.libreoffice.pymupdf.txt").read_text(encoding="utf-8")
    assert rtl_fragmented(text.split("\n"))
