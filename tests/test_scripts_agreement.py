"""Character classes that moved from code into ``unmark/scripts.py`` (the one home of character
classes) are the classes they replace, code point by code point: the old classes are written
out here as they stood in the code, so a change of the shared class that changes what a module
matches fails here, not silently in a parse."""
from __future__ import annotations

import re

import regex

from unmark import scripts
from unmark.lang.linebreaks import _first_unit, display_width

# lang.linebreaks: the East Asian wide and full-width characters (two columns) ...
OLD_WIDE = regex.compile("[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF"
                         "\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\U00020000-\U0003FFFD]")
# ... and the first unit of a line (up to a space or a character a line may break before)
OLD_UNIT = regex.compile(r"^[^\s\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]+")

# every code point of the first four planes but the surrogates
ALL = "".join(chr(c) for c in range(0x40000) if not 0xD800 <= c <= 0xDFFF)


def test_wide_class_is_the_old_one_on_every_code_point():
    old = [m.span() for m in re.finditer("[" + OLD_WIDE.pattern[1:-1] + "]+", ALL)]
    new = [m.span() for m in scripts.EAST_ASIAN_WIDE_RUNS.finditer(ALL)]
    assert new == old
    assert len(old) >= 10  # the blocks are there at all


def test_first_unit_class_is_the_old_one_on_every_code_point():
    differ = [c for c in ALL if (OLD_UNIT.match(c) is None) != (scripts.FIRST_UNIT.match(c) is None)]
    assert differ == []
    assert scripts.FIRST_UNIT.match("A") and not scripts.FIRST_UNIT.match("委")


def test_display_width_and_first_unit_read_the_shared_classes():
    assert display_width("委员会 UN") == 9
    assert display_width("\U00020000a") == 3
    assert _first_unit("Résolution 55/100") == "Résolution"
    assert _first_unit("大会决议") == "大"
    assert _first_unit("UN大会") == "UN"


def _chars(rx) -> str:
    return "".join(c for c in ALL if rx.match(c))


def test_composed_classes_are_the_old_ones_on_every_code_point():
    from unmark.terms import morph, tokenize

    # terms.tokenize: CJK punctuation, full-width forms, book-title marks, curly quotes
    assert _chars(regex.compile("[" + tokenize._ZH_MARKS + "]")) == _chars(regex.compile("[\u3000-\u303f\uff00-\uffef《》“”‘’]"))
    # lang.normalize: the Arabic presentation forms
    assert _chars(regex.compile("[" + scripts.ARABIC_PRESENTATION + "]")) == _chars(regex.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]"))
    # terms.morph: a letter of the basic Cyrillic block
    assert [c for c in ALL if morph._cyrillic(c)] == [c for c in ALL if "\u0400" <= c <= "\u04ff"]
