"""Scripts and character classes: the one home of "what counts as a Han character", "a CJK
punctuation mark", "a Cyrillic letter" for every module of the package.

The ``str`` constants are class bodies, to compose inside ``[...]`` of a larger pattern
(``"[" + HAN + "“《（]"``); the compiled patterns below them are the classes the modules test
characters and texts with. All patterns are for the ``regex`` module (``\\p{...}`` properties),
except one class of code-point ranges compiled with the standard library's ``re`` for speed.
"""
from __future__ import annotations

import re as _stdre

import regex

# ---- class bodies
HAN = r"\p{Han}"
KANA = r"\p{Hiragana}\p{Katakana}"
HANGUL = r"\p{Hangul}"
ARABIC = r"\p{Arabic}"
CYRILLIC = r"\p{Cyrillic}"
LATIN = r"\p{Latin}"
CJK_PUNCTUATION = r"\u3000-\u303F"              # ideographic space, 、。〈〉《》「」『』【】〔〕
BOOK_TITLE_MARKS = r"\u300A-\u300F"             # 《》「」『』 (inside CJK_PUNCTUATION; some classes name them)
FULLWIDTH_FORMS = r"\uFF00-\uFFEF"              # ，：；！？（） and full-width Latin letters and digits
FULLWIDTH_PUNCTUATION = r"\uFF01-\uFF0F\uFF1A-\uFF20"  # the full-width punctuation, no letters or digits
CURLY_QUOTES = r"\u201C\u201D\u2018\u2019"       # “”‘’ (Chinese text uses the same quotes as English)
CJK_RUNNING_MARKS = r"\u2014\u2026\u00B7"        # —— … · as Chinese running text uses them
# Han by code point, for counts and tokens that must not move with the Unicode tables: the
# unified block alone, and the BMP blocks (extension A, unified, compatibility ideographs)
HAN_UNIFIED = r"\u4e00-\u9fff"
HAN_BMP = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# right-to-left scripts by code point (Hebrew, Arabic, Syriac, Thaana ... and the Hebrew and
# Arabic presentation forms): a right-to-left line or page
RIGHT_TO_LEFT = r"\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
# the Arabic presentation forms (A and B): glyph shapes some PDFs give instead of letters
ARABIC_PRESENTATION = r"\uFB50-\uFDFF\uFE70-\uFEFF"
# the basic Cyrillic block by code point (Russian letters; not the supplements \p{Cyrillic} adds)
CYRILLIC_BASIC = r"\u0400-\u04FF"
# what a line may break before without a space (lang.linebreaks: the first unit of a line ends at
# a space or at one of these): Hangul Jamo, CJK radicals to CJK symbols, kana, CJK ideographs
# (extension A and unified), Hangul syllables, compatibility ideographs, full-width forms
BREAK_BEFORE = r"\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60"
# the East Asian Wide and Fullwidth blocks of UN text, two columns in a monospaced line: the
# above and Yi, vertical forms, full-width signs, ideographs beyond the BMP (extension B-)
# (emoji, also wide, do not occur in UN documents)
EAST_ASIAN_WIDE = BREAK_BEFORE + r"\uA000-\uA4CF\uFE30-\uFE4F\uFFE0-\uFFE6\U00020000-\U0003FFFD"

# ---- one character
HAN_CHAR = regex.compile(HAN)
HAN_UNIFIED_CHAR = regex.compile("[" + HAN_UNIFIED + "]")
RTL_CHAR = regex.compile("[" + RIGHT_TO_LEFT + "]")
ARABIC_CHAR = regex.compile(ARABIC)
ARABIC_LETTER = regex.compile(r"[" + ARABIC + r"&&\p{L}]", regex.V1)  # not Arabic digits or signs
CYRILLIC_CHAR = regex.compile(CYRILLIC)
CYRILLIC_BASIC_CHAR = regex.compile("[" + CYRILLIC_BASIC + "]")
LATIN_CHAR = regex.compile(LATIN)
NON_LATIN = regex.compile("[" + HAN + ARABIC + CYRILLIC + "]")  # a script other than Latin of the six languages
HAN_OR_KANA = regex.compile("[" + HAN + KANA + "]")
# a character of Chinese (or Japanese) running text: ideographs, kana, CJK and full-width
# punctuation, the quotes, dashes, ellipsis and middle dot it uses
CJK_CHAR = regex.compile("[" + HAN + KANA + CJK_PUNCTUATION + FULLWIDTH_FORMS + CJK_RUNNING_MARKS + CURLY_QUOTES + "]")
# the same with Hangul and without the shared quotes and marks: a character that sits in a CJK
# line of a PDF (width and spacing of glyph runs)
CJK_GLYPH = regex.compile("[" + HAN + KANA + HANGUL + CJK_PUNCTUATION + FULLWIDTH_FORMS + "]")
# Chinese text around a line break or a space (no kana): ideographs, CJK and full-width
# punctuation, the quotes and book-title marks
CJK_NEIGHBOUR = regex.compile("[" + HAN + CJK_PUNCTUATION + FULLWIDTH_FORMS + CURLY_QUOTES + BOOK_TITLE_MARKS + "]")
# ... and the running marks too: the characters next to which a space is dropped
CJK_SPACING = "[" + HAN + CJK_PUNCTUATION + FULLWIDTH_FORMS + CURLY_QUOTES + CJK_RUNNING_MARKS + BOOK_TITLE_MARKS + "]"
CJK_PUNCTUATION_CHAR = regex.compile("[" + CJK_PUNCTUATION + FULLWIDTH_PUNCTUATION + "]")

# ---- runs (one match per run: counting letters by run lengths is one match a word, not a letter)
LETTER_RUNS = regex.compile(r"\p{L}+")
HAN_RUNS = regex.compile(HAN + "+")
HAN_OR_KANA_RUNS = regex.compile("[" + HAN + KANA + "]+")
ARABIC_RUNS = regex.compile(ARABIC + "+")
ARABIC_LETTER_RUNS = regex.compile(r"[" + ARABIC + r"&&\p{L}]+", regex.V1)
CYRILLIC_RUNS = regex.compile(CYRILLIC + "+")
LATIN_RUNS = regex.compile(LATIN + "+")
# runs of wide characters, with the standard library's engine, which scans a plain character
# class several times faster than regex (a display width is asked of every line)
EAST_ASIAN_WIDE_RUNS = _stdre.compile("[" + EAST_ASIAN_WIDE + "]+")
# the start of a line up to its first space or first character a line may break before
FIRST_UNIT = regex.compile(r"^[^\s" + BREAK_BEFORE + "]+")


def lower_without_marks(text: str) -> str:
    """Lower case with the combining marks taken off (decisión -> decision, Ё -> е): the one fold of
    words compared across languages that write with accents (cognates)."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(ch))
