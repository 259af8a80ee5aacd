"""The API says what it takes: paths, text, bytes; never an uncoded OSError from a string."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import unmark
from unmark.errors import UnmarkError
from unmark.pipeline import classify_str

PARA = "1. 大会决定将题为“打击跨国有组织犯罪”的项目列入其第七十五届会议临时议程。"


@pytest.mark.parametrize("text", [
    "大会" * 50,                              # > 255 bytes, one line: was OSError ENAMETOOLONG
    PARA * 3,
    "x" * 5000 + ".pdf",                      # too long to be a path
    "The General Assembly / " * 40,            # a slash, long parts
    "abc\x00def",                              # NUL: never asked of the file system
])
def test_one_line_text_is_text_never_an_oserror(text):
    doc = unmark.parse(text)
    assert doc.input_kind == "text"
    assert doc.blocks


def test_explicit_text_keyword_and_parse_text_never_touch_the_file_system(tmp_path, monkeypatch):
    f = tmp_path / "report.txt"
    f.write_text("1. The file itself.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "report.txt" in unmark.parse(text="report.txt").text()
    assert "report.txt" in unmark.parse_text("report.txt").text()
    assert "The file itself" in unmark.parse("report.txt").text()        # unambiguous: an existing file
    assert "The file itself" in unmark.parse(Path("report.txt")).text()
    assert "The file itself" in unmark.parse_file("report.txt").text()


def test_a_missing_file_name_is_e105_and_points_to_parse_text():
    with pytest.raises(UnmarkError) as ei:
        unmark.parse("no-such-report.pdf")
    assert ei.value.code == "E105"
    assert "parse_text" in ei.value.message


@pytest.mark.parametrize("path", ["a" * 300 + ".pdf", "x/" * 3000 + "y.txt", "bad\x00name.pdf"])
def test_parse_file_on_impossible_paths_is_e105(path):
    with pytest.raises(UnmarkError) as ei:
        unmark.parse_file(path)
    assert ei.value.code == "E105"
    with pytest.raises(UnmarkError) as ei:
        unmark.parse(Path(path))
    assert ei.value.code == "E105"


def test_wrong_types_and_ambiguous_calls_are_coded():
    for call in (lambda: unmark.parse(), lambda: unmark.parse("a\nb", text="c"), lambda: unmark.parse_text(b"x"),
                 lambda: unmark.parse(text=3), lambda: unmark.parse(42)):
        with pytest.raises(UnmarkError) as ei:
            call()
        assert ei.value.code in ("E100", "E150", "E151")


def test_classify_str():
    assert classify_str("a\nb") == "text"
    assert classify_str("missing.txt") == "missing"
    assert classify_str("短文本") == "text"
    assert classify_str("大会" * 50 + ".pdf") == "text"


def test_lone_surrogates_become_fffd_and_are_recorded():
    doc = unmark.parse("1. The Working Group \ud800met\udfff in Vienna.\n2. It adopted\x01 the report.\x0b Done.\n")
    text = doc.text()
    assert "\ud800" not in text and "\udfff" not in text and "\x01" not in text and "\x0b" not in text
    assert text.count("\ufffd") == 2
    rules = [f.rule for f in doc.fixes]
    assert rules.count("text.surrogate") == 2 and rules.count("text.control") == 2
    sur = [f for f in doc.fixes if f.rule == "text.surrogate"]
    assert sur[0].line == 1 and sur[0].page == 1 and sur[0].before == "\\ud800"
    # every writer of the library can encode the document
    doc.to_json().encode("utf-8")
    doc.to_markdown().encode("utf-8")
    json.loads(doc.to_json())


def test_surrogates_keep_offsets():
    doc = unmark.parse("1. abc\ud800def ghi jkl mno.\n")
    b = doc.blocks[0]
    assert b.text.startswith("abc\ufffddef")


def test_digits_newer_than_pythons_unicode_tables_are_no_traceback():
    # the regex module's \d knows digits (U+11BF0, U+10D40, ...) that int() refuses; found by the fuzz test
    import regex

    from unmark.align.anchors import extract, label_value

    digits = [c for c in map(chr, range(0x10000, 0x20000)) if regex.match(r"\d", c) and not c.isdecimal()][:20]
    for c in digits + ["\u00b2"]:
        for t in (c, f"{c}\n1. The General Assembly decides.\n", f"1. Text\n{c}{c}\n\f2. More\n", f"({c}) item\n"):
            try:
                unmark.parse_text(t)
            except unmark.UnmarkError:
                pass
        for t in (f"{c * 4}年{c}月{c}日", f"{c} May 2020", f"May {c}, 2020", f"{c * 2}/{c * 2}", f"{c * 4}"):
            extract(t)
        label_value(f"{c}.")
