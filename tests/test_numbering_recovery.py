"""The paragraph numbering state machine never loses every later number because one line
was miscast: a sub-heading numbered 1 inside a run becomes a heading by what follows it, and
a restart at 1 that the run later continues past is reported (W400) and recovered."""
from __future__ import annotations

import unmark

HEAD = "1. 本文件由秘书处编写。\n\n2. 本文件载有建议。\n\n"


def _paras(doc):
    return [(b.label, b.type) for b in doc.blocks if b.type in ("paragraph", "heading")]


def test_subheading_numbered_1_before_the_next_paragraph_is_a_heading():
    text = HEAD + "三. 问题概述\n1. 偷运移民及其主要路线\n3. 偷运移民是一项极为有利可图的生意。\n4. 偷运移民的费用会有所不同。\n"
    doc = unmark.parse(text, lang="zh")
    assert _paras(doc) == [("1.", "paragraph"), ("2.", "paragraph"), ("三.", "heading"), ("1.", "heading"),
                           ("3.", "paragraph"), ("4.", "paragraph")]
    assert not [w for w in doc.warnings if w.code in ("W110", "W400")]


def test_a_restart_at_1_resumes_at_the_next_number_of_the_run_with_a_warning():
    text = (HEAD + "3. 工作组审议了下列问题：\n\n1. 第一个问题是如何加强合作，这一问题已在上文讨论。\n\n"
            "4. 工作组还审议了其他问题。\n\n5. 工作组通过了建议。\n")
    doc = unmark.parse(text, lang="zh")
    nums = [b.number for b in doc.blocks if b.type == "paragraph"]
    assert nums == [1, 2, 3, 1, 4, 5]
    w = [w for w in doc.warnings if w.code == "W400"]
    assert len(w) == 1 and "resumes at 4" in w[0].message


def test_a_miscast_heading_like_restart_becomes_a_heading_when_the_run_resumes():
    text = HEAD + "3. 工作组审议了下列问题。\n\n1. 偷运移民路线\n其他内容在这里继续说明，没有编号。\n\n4. 工作组还审议了其他问题。\n"
    doc = unmark.parse(text, lang="zh")
    heads = [(b.label, b.text) for b in doc.blocks if b.type == "heading"]
    assert ("1.", "偷运移民路线") in heads
    assert [b.number for b in doc.blocks if b.type == "paragraph" and b.number] == [1, 2, 3, 4]
