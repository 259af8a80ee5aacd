"""Arabic presentation forms, French spacing, no NFKC on running text."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from unmark.lang import fold_arabic_presentation_forms, french_spacing


def test_presentation_forms_folded_only():
    text = "\ufe8d\ufedf\ufe9f\ufee4\ufecc\ufef4\ufe94 ١٢ （见第1段）“，”"
    out = fold_arabic_presentation_forms(text)
    assert out.startswith("الجمعية")
    assert "١٢" in out  # Arabic-Indic digits kept as printed
    assert "（见第1段）“，”" in out  # full-width punctuation untouched


def test_tatweel_between_letters_dropped_alone_kept():
    assert fold_arabic_presentation_forms("الجمعـــية") == "الجمعية"
    assert fold_arabic_presentation_forms("ـ") == "ـ"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_nothing_outside_presentation_forms_changes(text):
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if not ("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" or c == "\u0640"))
    assert fold_arabic_presentation_forms(text) == text


def test_french_spacing_idempotent():
    s = "Il a dit : « Oui » ; est-ce adopté ? Oui !"
    once = french_spacing(s)
    assert french_spacing(once) == once


def test_french_spacing_keeps_chinese():
    s = "全角标点“，：（）”保持不变"
    assert french_spacing(s) == s
