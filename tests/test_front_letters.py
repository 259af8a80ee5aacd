"""Front matter of letters and annexes: the letter's title ends where its prose starts, a title
wrapped before an organ name stays one title, and an annex heading restarts the numbering."""
from __future__ import annotations

import unmark

LETTER_EN = """United Nations                                                    S/2020/123
Security Council                                         Distr.: General
                                                          14 February 2020

                                                         Original: English

Letter dated 12 February 2020 from the Permanent Representative of
Norway to the United Nations addressed to the President of the
Security Council

I have the honour to transmit herewith the report of the Working Group on
Children and Armed Conflict (see annex).
I should be grateful if the present letter and its annex could be circulated as a
document of the Security Council.

(Signed) Mona Juul
Permanent Representative

Annex
Report of the Working Group
I. Introduction
1. The Working Group was established pursuant to resolution 1612 (2005).
2. It met three times.
II. Activities
3. The Working Group adopted conclusions.
"""

LETTER_ZH = """联 合 国                                                      S/2020/123
安全理事会                                              Distr.: General
                                                        14 February 2020
                                                        Chinese
                                                        Original: English

2020年2月12日挪威常驻联合国代表给安全理事会主席的信

谨随信转递儿童与武装冲突问题工作组的报告（见附件）。请将本信及其附件作为安全理事会的文件分发为荷。

常驻代表
莫娜·尤尔（签名）

附件
工作组的报告
一. 导言
1. 工作组是根据第1612（2005）号决议设立的。
"""


def test_letter_title_and_prose():
    doc = unmark.parse_text(LETTER_EN)
    assert doc.metadata.symbol == "S/2020/123"
    assert doc.metadata.title == ("Letter dated 12 February 2020 from the Permanent Representative of Norway to the "
                                  "United Nations addressed to the President of the Security Council")
    front = [b for b in doc.blocks if b.type == "front"]
    assert not any("I have the honour" in b.text for b in front)
    paras = [b.text for b in doc.blocks if b.type == "paragraph"]
    assert paras[0] == ("I have the honour to transmit herewith the report of the Working Group on Children and "
                        "Armed Conflict (see annex).")
    assert paras[1].startswith("I should be grateful")


def test_annex_heading_restarts_numbering():
    doc = unmark.parse_text(LETTER_EN)
    heads = [(b.text, b.level) for b in doc.blocks if b.type == "heading"]
    assert ("Annex", 1) in heads and ("Introduction", 1) in heads
    assert [b.number for b in doc.blocks if b.type == "paragraph" and b.number] == [1, 2, 3]
    assert not [w for w in doc.warnings if w.code == "W110"]


def test_chinese_letter():
    doc = unmark.parse_text(LETTER_ZH)
    assert doc.metadata.language == "zh"
    assert doc.metadata.title == "2020年2月12日挪威常驻联合国代表给安全理事会主席的信"
    paras = [b for b in doc.blocks if b.type == "paragraph"]
    assert paras[0].text.startswith("谨随信转递") and paras[0].text.endswith("分发为荷。")
    # the annex title between "附件" and the first chapter is a heading of its own
    assert [b.text for b in doc.blocks if b.type == "heading"][:3] == ["附件", "工作组的报告", "导言"]
    assert [b.number for b in paras if b.number] == [1]


REISSUED = """United Nations                                                    A/75/123*
General Assembly                                         Distr.: General
                                                          12 June 2020

                                                         Original: English

Seventy-fifth session
Item 24 of the preliminary list**
Eradication of poverty

            Report of the Secretary-General

 I. Introduction
 1. The present report is submitted in accordance with General Assembly
 resolution 74/234.
 __________________
 * Reissued for technical reasons on 3 July 2020.
 ** A/75/50.
 20-07654* (E)    030720
 *2007654*
"""


def test_reissued_symbol_and_job_number_carry_a_note_mark():
    doc = unmark.parse_text(REISSUED)
    assert doc.metadata.symbol == "A/75/123"
    assert doc.metadata.job_number == "20-07654"
    assert "20-07654" not in doc.text()
    assert [f.label for f in doc.footnotes] == ["*", "**"]
    assert doc.metadata.title is None or "A/75/123" not in doc.metadata.title
    assert any(f.rule == "furniture.job_number" for f in doc.fixes)


SUMMARY = """United Nations                                                    A/75/123
General Assembly                                         Distr.: General
                                                          12 June 2020
                                                         Original: English

Seventy-fifth session
Item 24 of the preliminary list
Eradication of poverty

            Report of the Secretary-General

Summary
The present report is submitted pursuant to General Assembly resolution 74/234. It reviews progress
made in the implementation of the Third United Nations Decade for the Eradication of Poverty.

 I. Introduction
 1. The present report is submitted in accordance with General Assembly resolution 74/234.
"""


def test_summary_opens_the_body_as_a_heading():
    doc = unmark.parse_text(SUMMARY)
    assert doc.metadata.subtitle == "Report of the Secretary-General"
    heads = [(b.text, b.level) for b in doc.blocks if b.type == "heading"]
    assert heads == [("Summary", 1), ("Introduction", 1)]
    assert not [b for b in doc.blocks if b.type == "front" and "Summary" in b.text]


EXECUTIVE_BOARD = """United Nations                                                    DP/2021/1
Executive Board of the United Nations                    Distr.: General
Development Programme, the United Nations                 20 November 2020
Population Fund and the United Nations                    Original: English
Office for Project Services

First regular session 2021
1-4 February 2021, New York
Item 1 of the provisional agenda
Organizational matters

            Provisional agenda, annotations and workplan

 1. Organizational matters
 The Executive Board will elect its President and four Vice-Presidents for 2021.
"""


def test_wrapped_organ_name_session_and_meeting_lines():
    doc = unmark.parse_text(EXECUTIVE_BOARD)
    m = doc.metadata
    assert m.symbol == "DP/2021/1"
    assert m.organ == ("Executive Board of the United Nations Development Programme, the United Nations "
                       "Population Fund and the United Nations Office for Project Services")
    assert m.session == "First regular session 2021"
    assert m.title == "Provisional agenda, annotations and workplan"
    roles = {b.role: b.text for b in doc.blocks if b.type == "front"}
    assert roles["meeting"] == "1-4 February 2021, New York"


FRENCH_REPORT = """Nations Unies                                                    A/75/123
Assemblée générale                                       Distr. générale
                                                          12 juin 2020
                                                          Français
                                                          Original : anglais

Soixante-quinzième session
Point 24 de la liste préliminaire
Élimination de la pauvreté

            Rapport du Secrétaire général

Résumé
Le présent rapport est soumis en application de la résolution 74/234 de l’Assemblée générale.

Table des matières
                                                                          Page
   I.   Introduction . . . . . . . . . . . . . . . . . . . . . . . . . . .    3
  II.   Progrès accomplis . . . . . . . . . . . . . . . . . . . . . . . . .    4

 I. Introduction
 1. Le présent rapport est soumis en application de la résolution 74/234 de
 l’Assemblée générale.
 II. Progrès accomplis
 2. Les États Membres ont adopté des politiques de protection sociale.
"""


def test_french_report_front_summary_and_contents():
    doc = unmark.parse_text(FRENCH_REPORT)
    m = doc.metadata
    assert (m.language, m.distribution, m.date, m.original_language) == ("fr", "générale", "12 juin 2020", "anglais")
    assert (m.agenda_item, m.agenda_title, m.subtitle) == ("24", "Élimination de la pauvreté", "Rapport du Secrétaire général")
    assert [(b.text, b.level) for b in doc.blocks if b.type == "heading"] == [
        ("Résumé", 1), ("Introduction", 1), ("Progrès accomplis", 1)]
    assert [f.rule for f in doc.fixes if f.rule.startswith("contents.")] == ["contents.heading"] + ["contents.entry"] * 3


JOINT = """United Nations                                          A/74/760–S/2020/214
General Assembly                                         Distr.: General
Security Council                                         20 March 2020

                                                         Original: English

General Assembly                           Security Council
Seventy-fourth session                     Seventy-fifth year
Agenda item 36
The situation in the occupied territories of Azerbaijan

            Letter dated 18 March 2020 from the Permanent Representative of
            Azerbaijan to the United Nations addressed to the Secretary-General

I have the honour to transmit herewith the statement of the Ministry of Foreign Affairs
of the Republic of Azerbaijan on the situation in the region (see annex).
"""


def test_joint_general_assembly_and_security_council_document():
    doc = unmark.parse_text(JOINT)
    m = doc.metadata
    assert m.symbol == "A/74/760"
    assert set(m.symbols_all) >= {"A/74/760", "S/2020/214"}
    assert m.title == ("Letter dated 18 March 2020 from the Permanent Representative of Azerbaijan to the "
                       "United Nations addressed to the Secretary-General")
    assert (m.session, m.agenda_item) == ("Seventy-fourth session", "36")
    assert [b.text for b in doc.blocks if b.role == "organ"].count("Security Council") == 2


DRAFT = """United Nations                                                   A/C.3/75/L.21
General Assembly                                         Distr.: Limited
                                                          30 October 2020

                                                         Original: English

Seventy-fifth session
Third Committee
Agenda item 66 (a)
Promotion and protection of the rights of children

            Albania, Andorra, Argentina, Australia, Austria and Belgium: draft resolution

            Rights of the child

            The General Assembly,
            Reaffirming its previous resolutions on the rights of the child,
            1. Welcomes the report of the Secretary-General;
"""


def test_draft_resolution_sponsors_line_is_no_title():
    m = unmark.parse_text(DRAFT).metadata
    assert (m.symbol, m.distribution) == ("A/C.3/75/L.21", "Limited")
    assert m.title == "Rights of the child"
    assert m.subtitle.endswith(": draft resolution")


VERBATIM = """United Nations                                                        S/PV.8500
Security Council                                                      Provisional
Seventy-fourth year

8500th meeting
Tuesday, 9 April 2019, 10 a.m.
New York

President:   Mr. Heusgen . . . . . . . . . . . . . . . . . . . . . (Germany)
Members:     Belgium . . . . . . . . . . . . . . . . . . . . . . . Mr. Pecsteen de Buytswerve
             China . . . . . . . . . . . . . . . . . . . . . . . . Mr. Ma Zhaoxu

Agenda
Maintenance of international peace and security

The meeting was called to order at 10.10 a.m.
The President: I thank the Secretary-General for his briefing.
"""


def test_security_council_verbatim_record_front_matter():
    doc = unmark.parse_text(VERBATIM)
    m = doc.metadata
    assert (m.symbol, m.organ, m.distribution, m.session) == ("S/PV.8500", "Security Council", "Provisional",
                                                              "Seventy-fourth year")
    meeting = [b.text for b in doc.blocks if b.role == "meeting"]
    assert meeting[:3] == ["8500th meeting", "Tuesday, 9 April 2019, 10 a.m.", "New York"]
    assert any(t.startswith("China") for t in meeting)
    assert "Maintenance of international peace and security" in m.title
    assert [b.text for b in doc.blocks if b.type == "paragraph"][0] == "The meeting was called to order at 10.10 a.m."


def test_corrigendum_keeps_the_report_title():
    text = """United Nations                                                    A/75/123/Corr.1
General Assembly                                         Distr.: General
                                                          3 July 2020
                                                         Original: English

Seventy-fifth session
Item 24 of the preliminary list
Eradication of poverty

            Report of the Secretary-General

            Corrigendum

1. Paragraph 5, second sentence
For 2019 read 2020
"""
    m = unmark.parse_text(text).metadata
    assert (m.symbol, m.title, m.subtitle) == ("A/75/123/Corr.1", "Eradication of poverty", "Report of the Secretary-General")
