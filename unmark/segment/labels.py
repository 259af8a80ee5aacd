"""Paragraph, heading and item labels (rules as data in ``resources/core/labels.toml``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex as re

from ..errors import ResourceError
from ..resources import load_toml

RULES_FILE = "core/labels.toml"
KINDS = ("paragraph", "chapter", "section", "subsection", "letter", "roman", "bullet")


@dataclass(frozen=True)
class LabelMatch:
    kind: str      # one of KINDS
    label: str     # as printed, e.g. "12.", "一.", "(a)", "-"
    num: str       # the numbering part, e.g. "12", "一", "a"
    end: int       # offset where the text after the label (and its spacing) starts


@dataclass(frozen=True)
class LabelRules:
    patterns: tuple[tuple[str, "re.Pattern[str]"], ...]
    max_len_cjk: int
    max_len_latin: int
    no_final: "re.Pattern[str]"
    annex: "re.Pattern[str]"
    named: "re.Pattern[str]"
    not_heading: "re.Pattern[str]"


@functools.lru_cache(maxsize=1)
def rules() -> LabelRules:
    d = load_toml(RULES_FILE)
    try:
        pats = [
            ("paragraph", d["paragraph"]["pattern"]),
            ("chapter", d["heading"]["chapter"]),
            ("section", d["heading"]["section"]),
            ("letter", d["item"]["letter"]),
            ("roman", d["item"]["roman"]),
            ("bullet", d["item"]["bullet"]),
        ]
        compiled = tuple((k, re.compile(p)) for k, p in pats)
        for k, rx in compiled:
            if "label" not in rx.groupindex:
                raise ResourceError(f"{RULES_FILE}: pattern {k} lacks the group 'label'", code="E602")
        return LabelRules(
            patterns=compiled,
            max_len_cjk=int(d["heading"]["max_len_cjk"]),
            max_len_latin=int(d["heading"]["max_len_latin"]),
            no_final=re.compile(d["heading"]["no_final"]),
            annex=re.compile(d["heading"]["annex"]),
            named=re.compile(d["heading"]["named"]),
            not_heading=re.compile(d["heading"]["not_heading"]),
        )
    except (KeyError, re.error) as exc:
        raise ResourceError(f"{RULES_FILE}: invalid label rules: {exc}", code="E602") from exc


@functools.lru_cache(maxsize=16384)  # lines are asked about by several steps (LabelMatch is frozen)
def match_label(text: str) -> LabelMatch | None:
    """The label at the start of ``text`` (already stripped), if any."""
    for kind, rx in rules().patterns:
        m = rx.match(text)
        if m:
            if kind == "paragraph" and m.end() >= len(text):
                return None
            num = m.group("num") if "num" in rx.groupindex and m.group("num") else m.group("label")
            return LabelMatch(kind, m.group("label"), num, m.end())
    return None


def match_annex(text: str) -> bool:
    """The stripped line is an annex heading alone ("Annex", "Annex II", "附件一", "المرفق الأول")."""
    return rules().annex.match(" ".join(text.split())) is not None


def match_named_heading(text: str) -> bool:
    """The stripped line is the name of a standard section alone ("Summary", "摘要", "Résumé")."""
    return rules().named.match(" ".join(text.split())) is not None


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def roman_value(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


def cn_value(s: str) -> int | None:
    if not s or any(c not in CN_DIGITS for c in s):
        return None
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_DIGITS[s[1]] if len(s) == 2 else None
    if len(s) == 2 and s[1] == "十":
        return CN_DIGITS[s[0]] * 10
    if len(s) == 3 and s[1] == "十":
        return CN_DIGITS[s[0]] * 10 + CN_DIGITS[s[2]]
    return CN_DIGITS[s] if len(s) == 1 else None


AR_ORDINALS = {w: i for i, w in enumerate(
    ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا"), 1)}


def chapter_value(num: str) -> int | None:
    if num in AR_ORDINALS:
        return AR_ORDINALS[num]
    return cn_value(num) if num[:1] in CN_DIGITS else roman_value(num)
