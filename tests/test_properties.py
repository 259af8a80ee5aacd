"""Property-based tests of the text path (unmark.parse_text).

1. It never raises anything but an UnmarkError (a coded error).
2. It is idempotent: parsing its own plain-text output gives the same blocks.
3. No CJK character is lost unless a recorded fix removed it.

Inputs mix realistic UN lines (numbered paragraphs, headings, symbols, job numbers, page
furniture, footnotes, Chinese and English) with arbitrary Unicode, so shrinking finds small,
readable counter-examples.
"""
from __future__ import annotations

from collections import Counter

import pytest
import regex as re
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from unmark import UnmarkError, parse_text

CJK = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")

UN_LINES = [
    "CTOC/COP/WG.7/2020/2", "A/80/590", "V.20-03807 (C)", "2/14", "V.20-03807", "*2003807*", "联 合 国",
    "United Nations", "General Assembly", "Distr.: General", "4 December 2025", "Original: English",
    "一. 导言", "二. 背景", "I. Introduction", "A. Background",
    "1. 本背景文件由秘书处编写，旨在便利偷运移民问题工作组第七次会议的各项讨",
    "论。本文件就该专题，包括主要挑战和相关做法做了背景介绍。",
    "2. 大会回顾其1999年10月8日第54/1号决议，决定将题为“人权与赤贫”的项目列入临时议程。",
    "(a) 加强国际合作；", "(b) 交流良好做法。", "(i) 执法合作；",
    "1. The General Assembly, recalling its resolution 54/1 of 8 October 1999, decides to",
    "include the item in the provisional agenda of its fifty-sixth session.",
    "2. Requests the Secretary-General to submit a report (A/55/602/Add.2, para. 94).",
    "(a) Strengthening international cooperation;", "__________________", "1 见 A/75/123。",
    "2 See E/CN.15/2020/1.", "错误!超链接引用无效。", "www.unodc.org", "https://undocs.org/A/RES/55/100",
    "", " ", "\f",
]


def _line() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(UN_LINES),
        st.sampled_from(UN_LINES).map(lambda s: s + " "),
        st.text(min_size=0, max_size=30),
        st.text(alphabet=st.characters(whitelist_categories=("Lo",), max_codepoint=0x9FFF, min_codepoint=0x4E00), min_size=1, max_size=25),
    )


UN_TEXT = st.lists(_line(), min_size=1, max_size=25).map("\n".join)
ANY_TEXT = st.one_of(UN_TEXT, st.text(min_size=0, max_size=300))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse(text: str):
    try:
        return parse_text(text, name="prop")
    except UnmarkError:
        return None


# --------------------------------------------------------------------------- 1. no uncoded errors
@SETTINGS
@given(ANY_TEXT)
@example("\x00")
@example("\ud800")
@example("1.\n\n\n(a)")
@example("\f\f\f")
@example("__________________\n1")
def test_never_raises_anything_but_coded_errors(text):
    try:
        doc = parse_text(text)
    except UnmarkError as exc:
        assert re.match(r"^E\d{3}$", exc.code)
        return
    doc.to_json()
    doc.to_markdown()
    doc.text()


# --------------------------------------------------------------------------- 2. idempotence
def _blocks(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def idempotence_gap(text: str) -> tuple[list[str], list[str]] | None:
    """(blocks of doc, blocks of parse(doc.text())) when they differ, else None."""
    doc = _parse(text)
    if doc is None:
        return None
    again = _parse(doc.text())
    a = _blocks(doc)
    b = _blocks(again) if again is not None else []
    return None if a == b else (a, b)


IDEMPOTENCE_BREAKS = {
    # Minimal inputs where parse_text(doc.text()) still gives other block texts than doc.
    # Fixed since they were first reported (now regression cases in IDEMPOTENT_CASES below):
    # page-dependent front matter (the txt output keeps page numbers with form feeds), heading
    # labels, items-only blocks, emptied blocks without items.
    # 1. a paragraph emptied by the Word broken-field rule keeps its items; the txt output can
    #    only print the items, which the re-read attaches to the paragraph before
    "items_of_emptied_paragraph": "二. 背景\nUnited Nations \nDistr.: General\n错误!超链接引用无效。\n(a) Strengthening international cooperation;",
    # 2. a symbol-only line among repeated running headers is body text on the first read, a
    #    page-top header once the txt output has dropped the headers around it
    "lone_symbol_among_headers": "CTOC/COP/WG.7/2020/2\nCTOC/COP/WG.7/2020/2\nCTOC/COP/WG.7/2020/2\nA/80/590\nCTOC/COP/WG.7/2020/2\nCTOC/COP/WG.7/2020/2\nA/80/590",
}

IDEMPOTENT_CASES = {
    "masthead_on_later_page": "联 合 国\n\x0c\n \n联 合 国",
    "date_after_symbol_page": "CTOC/COP/WG.7/2020/2\n\x0c\n2/14\n4 December 2025",
    "original_line_page_2": "2 See E/CN.15/2020/1.\n\x0c\nOriginal: English",
    "heading_label_not_redetected": "A. Background \n1 见 A/75/123。\n",
    "items_only_block_appears": "2. 大会回顾其决议。 \nwww.unodc.org\n(a) 加强国际合作； ",
    "empty_block": "错误!超链接引用无效。\n一. 导言",
    "text_output_read_as_tika": "A. Background\n二. 背景 \n一. 导言\n二. 背景",
}


@pytest.mark.xfail(reason="parse_text(doc.text()) is not a fixed point yet: see IDEMPOTENCE_BREAKS", strict=False)
@SETTINGS
@given(UN_TEXT)
def test_parse_of_its_own_text_output_changes_nothing(text):
    gap = idempotence_gap(text)
    assert gap is None, f"blocks {gap[0]!r} became {gap[1]!r}"


@pytest.mark.parametrize("case", sorted(IDEMPOTENCE_BREAKS))
@pytest.mark.xfail(strict=False, reason="known idempotence break of the core text path (reported); XPASS = fixed")
def test_known_idempotence_breaks(case):
    gap = idempotence_gap(IDEMPOTENCE_BREAKS[case])
    assert gap is None, f"blocks {gap[0]!r} became {gap[1]!r}"


@pytest.mark.parametrize("text", [
    "I. Introduction\n1. The General Assembly decides to include the item.\n2. Requests the Secretary-General to report.",
    "1. 第一段。 \n2. 第二段。 \n3. 第三段。",
    *IDEMPOTENT_CASES.values(),
])
def test_idempotent_on_ordinary_documents(text):
    assert idempotence_gap(text) is None


# --------------------------------------------------------------------------- 3. CJK accounting
def _cjk(s: str) -> Counter:
    return Counter(CJK.findall(s))


def cjk_unaccounted(text: str) -> Counter:
    """CJK characters of the input missing from the output text and from every fix's removals."""
    doc = _parse(text)
    if doc is None:
        return Counter()
    removed = Counter()
    for f in doc.fixes:
        removed += _cjk(f.before) - _cjk(f.after)
    out = _cjk(doc.text())
    lost = _cjk(text) - out
    return lost - removed


@SETTINGS
@given(UN_TEXT)
def test_no_cjk_character_lost_without_a_recorded_fix(text):
    lost = cjk_unaccounted(text)
    assert not lost, f"lost without a fix: {dict(lost)}"
