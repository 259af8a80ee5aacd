"""Small UN-style texts, written for these tests, each exercising one structural rule of the text
path (the real documents are in test_seed.py and test_text_inputs.py)."""
from __future__ import annotations

import unmark

TYPEWRITER_1994 = """\
UNITED                                                                     A
NATIONS

                 General Assembly

                                                          Distr.
                                                          GENERAL

                                                          A/RES/48/999
                                                          11 May 1994




Forty-eighth session
Agenda item 165


      48/999. Financing of the United Nations Mission in Example

      The General Assembly,

      Having considered the report of the Secretary-General on the financing
of the Mission 1/ and the oral report of the Advisory Committee, 2/

      Recalling its decision 48/477 of 23 December 1993 on the financing of
the Mission,

      1.    Decides to appropriate the amount of 1,000 dollars gross for the
operation of the Mission for the period from 23 March to 30 June 1994;
______________

     1/     A/48/803.

      2/    See A/C.5/48/SR.59.

                                                                           /...
\fA/RES/48/999
Page 2



      2.    Requests the Secretary-General to submit the performance report of
the Mission to the General Assembly at its forty-ninth session.

                                                      92nd plenary meeting
                                                      5 April 1994
"""


def test_1994_resolution_layout():
    doc = unmark.parse(TYPEWRITER_1994)
    m = doc.metadata
    assert (m.symbol, m.distribution, m.date, m.session, m.agenda_item) == (
        "A/RES/48/999", "GENERAL", "11 May 1994", "Forty-eighth session", "165")
    assert m.title == "48/999. Financing of the United Nations Mission in Example"
    masthead = next(b for b in doc.blocks if b.role == "masthead")
    assert "Distr. GENERAL" in masthead.text and "11 May 1994" in masthead.text
    texts = [b.text for b in doc.blocks if b.type == "paragraph"]
    # preambular paragraphs open with a first-line indent; the body starts at "The General Assembly,"
    assert texts[0] == "The General Assembly,"
    assert texts[1].startswith("Having considered the report") and texts[1].endswith("the Advisory Committee,")
    assert texts[2] == "Recalling its decision 48/477 of 23 December 1993 on the financing of the Mission,"
    # old-style "1/" notes and markers
    assert [(f.label, f.text) for f in doc.footnotes] == [("1/", "A/48/803."), ("2/", "See A/C.5/48/SR.59.")]
    assert doc.blocks[[b.text for b in doc.blocks].index(texts[1])].all_footnote_labels() == ["1/", "2/"]
    # the "/..." mark and "Page 2" are furniture; paragraph 2 follows on page 2
    paras = {p.number: p for p in doc.paragraphs()}
    assert paras[2].text.startswith("Requests the Secretary-General") and paras[2].pages == (2,)
    all_text = doc.text()
    assert "/..." not in all_text and "Page 2" not in all_text


ENDNOTES = """\
1. The Working Group recommended that States strengthen cooperation.1 It noted the data.2
2. The Working Group also discussed training.3
\f3. States were invited to share good practices on the protection of smuggled migrants.
4. The secretariat was requested to report on progress at the next session of the Working Group.
\fNotes
1 See CTOC/COP/WG.7/2019/4.
2 Ibid., para. 12.
3 A/RES/73/195, annex.
"""


def test_endnotes_under_a_notes_heading():
    doc = unmark.parse(ENDNOTES)
    assert [f.label for f in doc.footnotes] == ["1", "2", "3"]
    assert doc.footnote("3").text == "A/RES/73/195, annex."
    paras = {p.number: p for p in doc.paragraphs()}
    assert paras[1].text == "The Working Group recommended that States strengthen cooperation. It noted the data."
    assert [r.label for r in paras[1].footnote_refs] == ["1", "2"]
    assert paras[2].text.endswith("discussed training.") and [r.label for r in paras[2].footnote_refs] == ["3"]
    assert not any(w.code == "W120" for w in doc.warnings)


def test_printed_page_numbers_are_furniture():
    pages = []
    for n in range(1, 5):
        pages.append(f"A/80/100\n\n{n}. Paragraph {n} of the report on the work of the Committee, which met twice.\n\n{n + 10}\n")
    doc = unmark.parse("\f".join(pages))
    assert [p.number for p in doc.paragraphs()] == [1, 2, 3, 4]
    assert all(p.text.endswith("which met twice.") for p in doc.paragraphs())
    assert sum(1 for f in doc.fixes if f.rule == "furniture.page_number") == 4


def test_heading_does_not_swallow_the_next_line():
    doc = unmark.parse("A. Background\n1 见 A/75/123。\n")
    assert doc.blocks[0].type == "heading" and doc.blocks[0].text == "Background"
    assert doc.blocks[1].text == "1 见 A/75/123。"


def test_txt_output_round_trips_pages_and_units(seed_doc):
    again = unmark.parse_text(seed_doc.text())
    assert [b.text for b in again.blocks] == [b.text for b in seed_doc.blocks]
    assert [b.pages for b in again.blocks if b.type == "paragraph"] == [b.pages[:1] for b in seed_doc.blocks if b.type == "paragraph"]
    assert [f.text for f in again.footnotes] == [f.text for f in seed_doc.footnotes]
