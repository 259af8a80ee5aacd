"""Front matter of text without blank lines (pypdf, PyMuPDF): the agenda title and the document's
title are separate units, a wrapped agenda title stays one; the Chinese preliminary-list agenda line
is an agenda item. Cases from the pypdf text of unpdf's example report (en, zh), which the line-break
benchmark scores (bench/bench_linebreaks.py, rows unpdf_report_*), and an MNBVC-style wrapped title."""
import unmark

EN = """United Nations A/80/412
General Assembly
Distr.: General
26 August 2025
Original: English
Eightieth session
Item 131 of the preliminary list*
Pattern of conferences
Improving the multilingual digital archive of 
parliamentary documentation
Report of the Secretary-General
I. Introduction
1. The present report is submitted pursuant to General Assembly resolution 79/283, in which the As-
sembly requested the Secretary-General to report at its eightieth session on the measures taken to 
improve the accessibility, searchability and long-term preservation of parliamentary documentation 
in all six official languages.
"""

ZH = """联 合 国 A/80/412
大会
Distr.: General
26 August 2025
Chinese
Original: English
第八十届会议
暂定项目清单*项目 131
会议模式
改进议会文件多语种数字档案
秘书长的报告
一. 导言
1. 本报告是根据大会第 79/283 号决议提交的。大会在该决议中请秘书长在第八十届会议
上报告为改进以全部六种正式语文提供的议会文件的可查阅性、可检索性和长期保存
而采取的措施。
"""

WRAPPED = """General Assembly
Distr.: Limited
28 November 2001
Original: English
Fifty-sixth session
Agenda item 119 (b)
Human rights questions: human rights questions, including
alternative approaches for improving the effective enjoyment
of human rights and fundamental freedoms
1. The General Assembly recalled its resolutions on the subject and requested the Secretary-General
to submit a report on the implementation of the present resolution at its next session.
"""


def _front(text: str) -> tuple[dict[str, str], "unmark.model.Metadata"]:
    doc = unmark.parse(text)
    return {b.role: b.text for b in doc.blocks if b.type == "front"}, doc.metadata


def test_agenda_title_and_title_apart():
    roles, meta = _front(EN)
    assert roles["agenda_title"] == "Pattern of conferences"
    assert roles["title"] == "Improving the multilingual digital archive of parliamentary documentation"
    assert meta.agenda_item == "131"


def test_chinese_preliminary_list_agenda_line():
    roles, meta = _front(ZH)
    assert meta.agenda_item == "131"
    assert roles["agenda_title"] == "会议模式"
    assert roles["title"] == "改进议会文件多语种数字档案"
    assert roles["subtitle"] == "秘书长的报告"


def test_wrapped_agenda_title_stays_one():
    roles, _ = _front(WRAPPED)
    assert roles["agenda_title"] == ("Human rights questions: human rights questions, including alternative approaches "
                                     "for improving the effective enjoyment of human rights and fundamental freedoms")
