"""Targeted normalisation helpers. Running text is never NFKC-normalised as a whole:
Chinese full-width punctuation (，：（）“”) and Arabic-Indic digits stay as printed."""
from __future__ import annotations

import unicodedata

import regex

from ..labels import rule as label_rule
from ..scripts import ARABIC, ARABIC_PRESENTATION, CJK_SPACING, HAN
TATWEEL = "\u0640"

_PRESENTATION = regex.compile("[" + ARABIC_PRESENTATION + "]+")
# tatweel between two letters is decoration (kashida); alone or next to a digit/space it is
# "meaningful" (e.g. a dash-like filler in tables, or the tatweel cited as a character) and kept
_KASHIDA = regex.compile("(?<=" + ARABIC + r"\p{M}*)\u0640+(?=" + ARABIC + ")")


def _fold_run(m: regex.Match) -> str:
    out = []
    for ch in m.group(0):
        if ch == "\ufeff":  # BOM / zero-width no-break space: drop
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded)
    return "".join(out)


def fold_arabic_presentation_forms(text: str) -> str:
    """Fold Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) to base letters.

    NFKC is applied to those code points only, then the result is NFC; decorative tatweel
    (U+0640 between Arabic letters) is dropped. Arabic-Indic digits are kept as printed.
    """
    if not text:
        return text
    out = _PRESENTATION.sub(_fold_run, text)
    out = _KASHIDA.sub("", out)
    return unicodedata.normalize("NFC", out)


# French typesetting at the UN (and Imprimerie nationale): a thin no-break space (U+202F)
# before ; ! ? and inside « », a no-break space (U+00A0) before the colon. Only an existing
# space is normalised: nothing is inserted where the source had none (URLs, 10:30, A/RES/1:).
NNBSP = "\u202f"
NBSP = "\u00a0"
_SP = r"[ \t\u00a0\u202f\u2009\u2007]+"
_BEFORE_HIGH = regex.compile(_SP + r"(?=[;!?»])")
_BEFORE_COLON = regex.compile(_SP + r"(?=:)")
_AFTER_OPEN = regex.compile(r"(?<=«)" + _SP)


def french_spacing(text: str) -> str:
    """Normalise the spaces before ``; : ! ?`` and inside ``« »`` (U+202F, U+00A0 before ``:``)."""
    out = _BEFORE_HIGH.sub(NNBSP, text)
    out = _BEFORE_COLON.sub(NBSP, out)
    out = _AFTER_OPEN.sub(NNBSP, out)
    return out


_CJKISH = CJK_SPACING
_SPACE_AFTER_CJK = regex.compile(r"(?<=" + _CJKISH + r")[ \t]+")
_SPACE_BEFORE_CJK = regex.compile(r"[ \t]+(?=" + _CJKISH + r")")
_ASCII_QUOTE_SPACE = regex.compile(r'(?<=")[ \t]+(?=' + HAN + r')|(?<=' + HAN + r')[ \t]+(?=")')
_MULTI = regex.compile(r"[ \t]{2,}")
_TOK_LABEL = label_rule("paragraph.tokenised")  # (the label grammar, resources/core/labels.toml)


def detokenize_zh(s: str) -> str:
    """Undo word tokenisation of Chinese (UNPC ``.zh.tok``): drop spaces next to CJK characters
    and full-width punctuation, keep single spaces between Latin words and numbers."""
    out = _SPACE_AFTER_CJK.sub("", s.strip())
    out = _SPACE_BEFORE_CJK.sub("", out)
    out = _ASCII_QUOTE_SPACE.sub("", out)
    out = _TOK_LABEL.sub(r"\1. ", out)  # "10 .委员会" -> "10. 委员会"
    return _MULTI.sub(" ", out)
