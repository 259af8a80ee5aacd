"""The label grammar: what opens a numbered paragraph, a heading, a sub-item or a note.

One definition, as data in ``resources/core/labels.toml``, loaded and validated once (E601/E602),
for every step that asks: PDF layout (label runs, hanging indents, right-to-left labels, note
labels), the text segmenter (label kinds, labels alone on a line), line breaks per language
(``lang.match_label``) and the alignment anchors (label values). The patterns name shared
vocabularies (``{num}``, ``{cn}``, ``{ar_ordinals}`` ...) written once in the file's ``[vocab]``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex as re

from .errors import ResourceError
from .resources import load_toml

RULES_FILE = "core/labels.toml"
KINDS = ("paragraph", "chapter", "section", "letter", "roman", "bullet")
_PLACEHOLDER = re.compile(r"(?<!\\[pPN])\{([a-z_]+)\}")


@dataclass(frozen=True)
class LabelMatch:
    kind: str      # one of KINDS
    label: str     # as printed, e.g. "12.", "一.", "(a)", "-"
    num: str       # the numbering part, e.g. "12", "一", "a"
    end: int       # offset where the text after the label (and its spacing) starts


@dataclass(frozen=True)
class LabelRules:
    """The compiled grammar (read-only)."""

    patterns: tuple[tuple[str, "re.Pattern[str]"], ...]   # body-line labels by kind, in order
    max_len_cjk: int
    max_len_latin: int
    no_final: "re.Pattern[str]"
    annex: "re.Pattern[str]"
    named: "re.Pattern[str]"
    not_heading: "re.Pattern[str]"
    alone_body: "re.Pattern[str]"     # a body label alone on its line
    alone_note: "re.Pattern[str]"     # a note label alone on its line
    pdf_run: "re.Pattern[str]"        # a PDF text run that is a label
    pdf_start: "re.Pattern[str]"      # a PDF line that opens with a label
    pdf_rtl: "re.Pattern[str]"        # a right-to-left line that opens with a label and a space
    note_run: "re.Pattern[str]"       # a (superscript) run that may be a note marker
    note_slash: "re.Pattern[str]"     # an old-style note label "1/"
    note_head: "re.Pattern[str]"      # a note label touching Chinese note text
    note_start: "re.Pattern[str]"     # the label that opens a footnote's text (group `label`)
    note_open: "re.Pattern[str]"      # text input: a line that opens a note at a page foot (group `label`)
    paragraph_body: "re.Pattern[str]"  # text input: a numbered body paragraph, never a note label
    note_in_text: "re.Pattern[str]"   # a footnote marker in running text (searched)
    note_seen: "re.Pattern[str]"      # what a marker the PDF drew raised may be
    note_line_end: "re.Pattern[str]"  # a marker glued at the end of a line
    note_after_stop: "re.Pattern[str]"  # a marker glued after the final punctuation
    note_wrapped_next: "re.Pattern[str]"  # what follows a marker wrapped to a line start
    note_text_end: "re.Pattern[str]"  # a note text line that ends its note
    note_line_done: "re.Pattern[str]"  # a note line after which body text may resume
    item_latin: "re.Pattern[str]"     # a Latin letter item label alone, "(a)" ... "(zz)"
    value_strip: "re.Pattern[str]"    # what surrounds the value of a label (brackets, stops, dashes)
    alone_marker: "re.Pattern[str]"   # running text: a footnote marker alone on its line
    alone_number: "re.Pattern[str]"   # running text: a number alone on its line
    paragraph_numbered: "re.Pattern[str]"       # running text: a numbered paragraph opening a line
    paragraph_numbered_next: "re.Pattern[str]"  # ... opening the next sentence (searched at a position)
    paragraph_tokenised: "re.Pattern[str]"      # "10 .委员会" from a word tokeniser
    item_early_letter: "re.Pattern[str]"  # running text: (a) ... (h) at a line start
    item_run_in: "re.Pattern[str]"        # running text: a letter item after a clause break
    item_lower_next: "re.Pattern[str]"    # a lower-case item label opening the next sentence
    item_before_stop: "re.Pattern[str]"   # a token before a full stop that is a label
    item_token: "re.Pattern[str]"   # a list label as a word token ("4", "a", "IV")
    align_lead: "re.Pattern[str]"   # a label at the start of an aligned unit (align.calibrate)
    align_inner_number: "re.Pattern[str]"  # a paragraph number inside an aligned unit
    align_glued_tail: "re.Pattern[str]"    # a heading glued to the end of an aligned unit (align.repair)
    align_glued_prefix: "re.Pattern[str]"  # a heading glued to the start of an aligned unit (align.repair)
    align_lead_in: "re.Pattern[str]"       # a lead-in line: "The General Assembly," (align.repair)
    align_glued_lead_in: "re.Pattern[str]"  # a lead-in glued to the start of an aligned unit (align.repair)
    align_labelled_line: "re.Pattern[str]"  # a labelled line "In favour:" / "反对：" (align.repair)
    lang: dict                        # language -> tuple of patterns (group `label`)
    bullets: str                      # the bullet characters
    ar_ordinals: tuple[str, ...]      # أولا = 1 ...
    item_alphabets: tuple[str, ...]   # sub-item letters in list order, per script
    raw: dict


def _fail(msg: str) -> None:
    raise ResourceError(f"{RULES_FILE}: {msg}", code="E602")


def _vocab(d: dict[str, Any]) -> dict[str, str]:
    """``[vocab]`` with every entry expanded (a list joins with ``|``; entries may name others)."""
    out: dict[str, str] = {}
    for k, v in d.items():
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            out[k] = "|".join(v)
        elif isinstance(v, str):
            out[k] = v
        else:
            _fail(f"vocab.{k} must be a string or a list of strings")
    for _ in range(3):
        out = {k: _expand(v, out, f"vocab.{k}", strict=False) for k, v in out.items()}
    return out


def _expand(pat: str, vocab: dict[str, str], where: str, strict: bool = True) -> str:
    def sub(m: "re.Match[str]") -> str:
        name = m.group(1)
        if name not in vocab:
            if strict:
                _fail(f"{where}: unknown vocabulary name {{{name}}}")
            return m.group(0)
        return vocab[name]
    out = _PLACEHOLDER.sub(sub, pat)
    if strict and _PLACEHOLDER.search(out):
        _fail(f"{where}: {out!r} still names vocabulary after expansion")
    return out


def _compile(pat: Any, vocab: dict[str, str], where: str, group: bool = False) -> "re.Pattern[str]":
    if not isinstance(pat, str):
        _fail(f"{where} must be a string")
    try:
        rx = re.compile(_expand(pat, vocab, where))
    except re.error as exc:
        _fail(f"{where}: bad regex: {exc}")
    if group and "label" not in rx.groupindex:
        _fail(f"{where} lacks the group 'label'")
    return rx


# the single-pattern rules: field of LabelRules -> its place in the file ("table.key")
_RULES = {
    "no_final": "heading.no_final", "annex": "heading.annex", "named": "heading.named",
    "not_heading": "heading.not_heading", "alone_body": "alone.body", "alone_note": "alone.note",
    "pdf_run": "pdf.run", "pdf_start": "pdf.start", "pdf_rtl": "pdf.rtl",
    "note_run": "note.run", "note_slash": "note.slash", "note_head": "note.head",
    "note_start": "note.start", "note_open": "note.open", "paragraph_body": "paragraph.body",
    "note_in_text": "note.in_text", "note_seen": "note.seen", "note_line_end": "note.line_end",
    "note_after_stop": "note.after_stop", "note_wrapped_next": "note.wrapped_next", "note_text_end": "note.text_end",
    "note_line_done": "note.line_done", "item_latin": "item.latin", "value_strip": "value.strip",
    "alone_marker": "alone.marker", "alone_number": "alone.number", "paragraph_numbered": "paragraph.numbered",
    "paragraph_numbered_next": "paragraph.numbered_next", "paragraph_tokenised": "paragraph.tokenised",
    "item_early_letter": "item.early_letter", "item_run_in": "item.run_in", "item_lower_next": "item.lower_next", "item_before_stop": "item.before_stop", "item_token": "item.token",
    "align_lead": "align.lead", "align_inner_number": "align.inner_number",
    "align_glued_tail": "align.glued_tail", "align_glued_prefix": "align.glued_prefix",
    "align_lead_in": "align.lead_in", "align_glued_lead_in": "align.glued_lead_in",
    "align_labelled_line": "align.labelled_line",
}
# the label kinds of a body line, in the order they are tried, and their places
_KINDS = (("paragraph", "paragraph.pattern"), ("chapter", "heading.chapter"), ("section", "heading.section"),
          ("letter", "item.letter"), ("roman", "item.roman"), ("bullet", "item.bullet"))


def _at(d: dict[str, Any], place: str) -> Any:
    table, key = place.split(".")
    return d[table][key]


def compile_grammar(d: dict[str, Any]) -> LabelRules:
    """Validate and compile a grammar read from TOML (``ResourceError`` E602 when it is broken)."""
    try:
        voc = _vocab(d.get("vocab", {}))
        lang = {}
        for code, table in d.get("lang", {}).items():
            pats = table.get("patterns") if isinstance(table, dict) else None
            if not isinstance(pats, list):
                _fail(f"lang.{code}.patterns must be a list of patterns")
            lang[code] = tuple(_compile(p, voc, f"lang.{code}.patterns[{i}]", group=True) for i, p in enumerate(pats))
        return LabelRules(
            patterns=tuple((k, _compile(_at(d, place), voc, place, group=True)) for k, place in _KINDS),
            max_len_cjk=int(d["heading"]["max_len_cjk"]),
            max_len_latin=int(d["heading"]["max_len_latin"]),
            lang=lang,
            bullets=voc["bullet"],
            ar_ordinals=tuple(d["vocab"]["ar_ordinals"]),
            item_alphabets=(voc["latin_items"], voc["cyrillic_items"], voc["abjad"]),
            raw=d,
            **{f: _compile(_at(d, place), voc, place) for f, place in _RULES.items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"{RULES_FILE}: invalid label rules: {exc!r}", code="E602") from exc


@functools.lru_cache(maxsize=1)
def rules() -> LabelRules:
    """The label grammar of ``resources/core/labels.toml`` (loaded and compiled once)."""
    return compile_grammar(load_toml(RULES_FILE))


_FIELD_OF = {place: f for f, place in _RULES.items()}   # "pdf.run" -> its field of LabelRules


def rule(name: str) -> "re.Pattern[str]":
    """A grammar rule by its place in the file: ``"pdf.run"``, ``"note.head"``, ``"alone.body"`` ..."""
    field = _FIELD_OF.get(name)
    if field is None:
        raise KeyError(f"no label rule {name!r} (one of {', '.join(_RULES.values())})")
    return getattr(rules(), field)


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


def match_lang_label(text: str, lang: str) -> str:
    """The item/heading label at the start of ``text`` by ``lang``'s patterns, or ``""``."""
    s = text.lstrip()
    for rx in rules().lang.get(lang, ()):
        m = rx.match(s)
        if m:
            return m.group("label").strip()
    return ""


def match_annex(text: str) -> bool:
    """The stripped line is an annex heading alone ("Annex", "Annex II", "附件一", "المرفق الأول")."""
    return rules().annex.match(" ".join(text.split())) is not None


def match_named_heading(text: str) -> bool:
    """The stripped line is the name of a standard section alone ("Summary", "摘要", "Résumé")."""
    return rules().named.match(" ".join(text.split())) is not None


def is_bullet(label: str | None) -> bool:
    """The label is a bullet ("-", "•", "➢" ...), not a number or letter."""
    return bool(label) and label[0] in rules().bullets


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


def ar_ordinal_value(word: str) -> int | None:
    """أولا -> 1 ... عاشرا -> 10."""
    try:
        return rules().ar_ordinals.index(word) + 1
    except ValueError:
        return None


def chapter_value(num: str) -> int | None:
    v = ar_ordinal_value(num)
    if v is not None:
        return v
    return cn_value(num) if num[:1] in CN_DIGITS else roman_value(num)


def item_letter_value(letter: str) -> str | None:
    """A sub-item letter as its Latin equivalent by list position ("б" -> "b", "ب" -> "b"); a
    Cyrillic or Arabic letter beyond the 26th stays itself; None if it is no item letter."""
    low = letter.lower()
    if len(low) != 1:
        return None
    alphabets = rules().item_alphabets
    for alphabet in alphabets:
        k = alphabet.find(low)
        if k >= 0:
            return alphabets[0][k] if k < 26 else low
    return None
