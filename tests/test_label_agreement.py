"""The label-like patterns moved from code into the label grammar (resources/core/labels.toml)
behave exactly as the patterns they replace, on many strings: the lines of the repository's
example documents and random strings over the characters labels are made of.

The old patterns are written out here as they stood in the code (segment.footnotes marker
tokens, segment.structure's glued marker and Latin item label, segment.front's marker after the
final stop, align.anchors' label strip, the labels and markers lang.linebreaks, lang.sentences and
lang.normalize look for in running text, align.calibrate's unit label and inner paragraph
number), so a change of the grammar that changes what they match fails here, not silently in a
parse."""
from __future__ import annotations

import random
import re as stdre
from pathlib import Path

import pytest
import regex as re

from unmark.labels import rule

ROOT = Path(__file__).resolve().parents[1]

OLD = {
    "note.in_text": re.compile(r"(?<=\S) \d{1,3}/(?=$|[\s,.;:)])|\*{1,3}(?!\*)|(?<!\d)\d{1,3}(?!\d)"),
    "note.seen": re.compile(r"\*{1,3}(?!\*)|\d{1,3}(?!\d)"),
    "note.line_end": re.compile(r"\d{1,3}$"),
    "note.after_stop": re.compile(r"(?<=[.。!?！？”\")）)])(?:\d{1,3}|\*{1,3})$"),
    "item.latin": re.compile(r"^\([a-z]{1,2}\)$"),
    "value.strip": re.compile(r"^[\s(（\[]+|[\s.)）\]:：、\-–—]+$"),
    # lang.linebreaks, lang.sentences, lang.normalize
    "alone.marker": re.compile(r"^(?:\d{1,3}|\*{1,3})$"),
    "alone.number": re.compile(r"^\d{1,3}$"),
    "paragraph.numbered": re.compile(r"^\d{1,3}\.\s+\p{Lu}"),
    "paragraph.numbered_next": re.compile(r"\d{1,3}\.\s+\p{Lu}"),
    "paragraph.tokenised": re.compile(r"^(\d{1,3}) \.(?=\S)"),
    "item.early_letter": re.compile(r"^[(（]([a-h])[)）]"),
    "item.lower_next": re.compile(r"(?:[a-z]{1,4}[.)]|\([a-z]{1,4}\))\s"),
    "item.before_stop": re.compile(r"^(?:\d{1,3}(?:/\d{1,3})?|[IVXLC]{1,6}|[A-Za-z])$"),
    # align.calibrate, with the standard library's engine as it was
    "align.lead": stdre.compile(r"^\s*[(（]?([0-9]{1,3}|[IVXLC]{1,6}|[一二三四五六七八九十]{1,3}|[A-Za-zА-Яа-я])[.)）．、]\s*"),
    "align.inner_number": stdre.compile(r"\s([0-9]{1,3})[.．]\s"),
}

_ALPHABET = list("0123456789٠١IVXivxabhzабвAZTÉ一二十()（）[].．、:：-–—•*†/ \t\u3000“”\"。！？本年委") + [
    "أ", "ب", "ثانيا", "2024", "(a)", "(iv)", "1/", "**", "\u00a0", "12. The", "10 .委", "(c) the",
    "\x1c", "\x1f", "\x85", "\u2028", "L", "C", "дЯ", "٣", "５", "\n"]


def _strings() -> list[str]:
    lines: set[str] = set()
    for p in sorted((ROOT / "examples").glob("*.txt")):
        for ln in p.read_text(encoding="utf-8").splitlines():
            if ln.strip():
                lines.add(ln)
                lines.add(ln.strip()[:24])
                lines.add(ln.strip()[-24:])
    rnd = random.Random(16)
    for _ in range(30000):
        lines.add("".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(1, 8))))
    return sorted(lines)


STRINGS = _strings()


def test_enough_strings():
    assert len(STRINGS) > 25000


@pytest.mark.parametrize("name", sorted(OLD))
def test_grammar_rule_agrees_with_the_old_pattern(name):
    new, old = rule(name), OLD[name]
    diff = []
    for s in STRINGS:
        a = [m.span() for m in old.finditer(s)]
        b = [m.span() for m in new.finditer(s)]
        if a != b or (old.match(s) is None) != (new.match(s) is None) or old.sub("", s) != new.sub("", s):
            diff.append(s)
    assert not diff, diff[:5]


def _old_run_in_list(line: str) -> bool:
    """lang.linebreaks' run-in item check as it stood, one pattern compiled per next letter."""
    m = re.compile(r"^[(（]([a-h])[)）]").match(line)
    if m is None:
        return False
    nxt = chr(ord(m.group(1)) + 1)
    return re.compile(r"[；;，,、]\s*(?:以及|及|和|或|and|or|et|y|и)?\s*[(（]" + nxt + r"[)）]").search(line, m.end()) is not None


def test_run_in_items_agree_with_the_old_check():
    from unmark.lang.linebreaks import _run_in_list

    rnd = random.Random(17)
    parts = ["(a)", "（b）", "(c)", "(d)", "(i)", "；", ";", "，", ",", "、", " ", "和", "以及", "and", "y", "и",
             "or", "(", "（", ")", "）", "b", "c", "d", "j", "正式", "the States"]
    lines = [s for s in STRINGS if s[:1] in "(（"]
    lines += ["".join(rnd.choice(parts) for _ in range(rnd.randint(2, 10))) for _ in range(20000)]
    lines = [s if s[:1] in "(（" else "(a)" + s for s in lines]
    differ = [s for s in lines if _old_run_in_list(s) != _run_in_list(s)]
    assert not differ, differ[:5]
    assert sum(map(_run_in_list, lines)) > 500  # the check holds on many of them
